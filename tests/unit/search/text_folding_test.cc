#include "search/text_folding.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tongban::search {
namespace {

const TextFolder& folder() {
  static const TextFolder instance;
  return instance;
}

TEST(TextFolding, TraditionalAndSimplifiedFoldToTheSameSimplifiedText) {
  EXPECT_EQ(folder().fold("身份證"), "身份证");
  EXPECT_EQ(folder().fold("身份證"), folder().fold("身份证"));
  EXPECT_EQ(folder().fold("永久性居民身份證續期"), "永久性居民身份证续期");
  EXPECT_EQ(folder().fold("刑事紀錄證明書"), folder().fold("刑事纪录证明书"));
}

TEST(TextFolding, LatinLosesAccentsAndCase) {
  EXPECT_EQ(folder().fold("Certidão de Registo Criminal"), "certidao de registo criminal");
  EXPECT_EQ(folder().fold("REGISTO"), "registo");
  EXPECT_EQ(folder().fold("Direcção dos Serviços de Identificação"), "direccao dos servicos de identificacao");
}

TEST(TextFolding, FullWidthFormsBecomeAscii) {
  EXPECT_EQ(folder().fold("ＩＤ１２"), "id12");
}

TEST(TextFolding, IsIdempotent) {
  for (const char* text : {"居民身份證換領", "Certidão", "Renewal of ID", "不動產登記 Registo predial"}) {
    const std::string once = folder().fold(text);
    EXPECT_EQ(folder().fold(once), once) << text;
  }
}

TEST(TextFolding, IllFormedUtf8IsReplacedNotPassedOn) {
  const std::string bad = std::string("ab") + static_cast<char>(0xC3) + static_cast<char>(0x28) + "证";
  const std::string folded = folder().fold(bad);
  EXPECT_EQ(folded, "ab\xEF\xBF\xBD(证");
}

TEST(TextFolding, EmptyStaysEmpty) {
  EXPECT_EQ(folder().fold(""), "");
}

TEST(TextFolding, UnknownOpenCcConfigurationIsAClearError) {
  EXPECT_THROW(TextFolder("no-such-config.json"), TextFoldingError);
}

TEST(TextFolding, ConcurrentCallsAgree) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        if (folder().fold("身份證 Certidão") != "身份证 certidao") ++failures[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : failures) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace tongban::search

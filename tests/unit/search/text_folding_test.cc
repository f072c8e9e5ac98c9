#include "search/text_folding.h"

#include <gtest/gtest.h>

#include <optional>
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

// Each thread keeps its own converter per folder: a folder made where a destroyed one was (same address, other
// configuration) must use its own configuration, on the thread that made it and on another one.
TEST(TextFolding, NewFolderAtADestroyedFoldersAddressUsesItsOwnConfiguration) {
  std::optional<TextFolder> slot;
  slot.emplace("hk2s.json");
  const TextFolder* first = &*slot;
  std::string other_thread_first;
  std::jthread([&] { other_thread_first = slot->fold("身份證"); }).join();
  EXPECT_EQ(slot->fold("身份證"), "身份证");
  EXPECT_EQ(other_thread_first, "身份证");
  slot.reset();
  slot.emplace("s2t.json");  // Simplified -> Traditional: the opposite direction
  ASSERT_EQ(&*slot, first);
  EXPECT_EQ(slot->fold("身份证"), "身份證");
  std::string other_thread_second;
  std::jthread([&] { other_thread_second = slot->fold("身份证"); }).join();
  EXPECT_EQ(other_thread_second, "身份證");
}

// Many threads folding at once, each with its converter, through folders made and dropped while they run.
TEST(TextFolding, ManyThreadsWithFoldersComingAndGoing) {
  std::vector<int> failures(4, 0);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([t, &failures] {
        for (int i = 0; i < 5; ++i) {
          const TextFolder local;
          for (int j = 0; j < 20; ++j) {
            if (local.fold("身份證") != "身份证") ++failures[static_cast<std::size_t>(t)];
            if (folder().fold("護照") != "护照") ++failures[static_cast<std::size_t>(t)];
          }
        }
      });
    }
  }
  for (int count : failures) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace tongban::search

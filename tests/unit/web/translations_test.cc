// Every message a page uses is translated in every catalog: the {{#t}}…{{/t}} texts of the templates, the t("…")
// literals of src/web/*.cc and the words built from domain enums (states, actions, …). Reads the shipped sources.
#include "web/translations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "domain/case.h"
#include "web/page_renderer.h"

namespace tongban::web {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> used_messages() {
  std::set<std::string> ids;
  fs::path web = fs::path(TONGBAN_SOURCE_DIR) / "src" / "web";
  std::regex in_template(R"re(\{\{#t\}\}(.*?)\{\{/t\}\})re");
  std::regex in_code(R"re(\bt\("((?:[^"\\]|\\.)*)"\))re");
  for (const auto& entry : fs::directory_iterator(web / "templates")) {
    std::string text = read(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), in_template), end; it != end; ++it) ids.insert((*it)[1]);
  }
  for (const auto& entry : fs::directory_iterator(web)) {
    if (entry.path().extension() != ".cc") continue;
    std::string text = read(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), in_code), end; it != end; ++it) ids.insert((*it)[1]);
  }
  for (auto state :
       {"draft", "submitted", "intake_checked", "forwarded", "accepted", "not_accepted", "in_review",
        "supplement_requested", "approved", "rejected", "result_issued", "delivered", "withdrawn", "closed"})
    ids.insert(std::string("state:") + state);
  for (int a = 0; a <= static_cast<int>(domain::CaseAction::rating_answer); ++a)
    ids.insert("action:" + std::string(domain::to_string(static_cast<domain::CaseAction>(a))));
  for (auto timing : {"none", "on_time", "due_soon", "overdue", "paused"}) ids.insert(std::string("timing:") + timing);
  for (auto mode : {"online", "remote_intake", "delegated", "joint"}) ids.insert(std::string("mode:") + mode);
  for (int day = 1; day <= 7; ++day) ids.insert("weekday:" + std::to_string(day));
  for (auto doc : {"MO_BIR", "CN_RIC", "CN_RP", "HK_HKID", "CN_HMTP", "CN_EEP"})
    ids.insert(std::string("document:") + doc);
  ids.insert("Language name");
  ids.insert("calendar:deadlines_recomputed");  // the note of a recompute_deadlines event (web/deadline_view.cc)
  return ids;
}

TEST(Translations, EveryCatalogHasEveryMessage) {
  auto ids = used_messages();
  ASSERT_GT(ids.size(), 150u);
  for (auto language : domain::kAllLanguages)
    for (const auto& id : ids)
      EXPECT_TRUE(Translations::shipped().has(language, id)) << catalog_name(language) << " lacks \"" << id << "\"";
}

// The catalog of a language is joined from several files (src/web/CMakeLists.txt): a msgid in two of them would be
// translated by whichever file sorts first, so each msgid lives in exactly one file.
TEST(Translations, NoMessageInTwoFiles) {
  std::regex msgid_line(R"re(^msgid "(.+)"$)re");
  for (auto language : domain::kAllLanguages) {
    fs::path folder = fs::path(TONGBAN_SOURCE_DIR) / "src" / "web" / "po" / std::string(catalog_name(language));
    std::map<std::string, std::string> first_file;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".po") continue;
      ++files;
      std::istringstream lines(read(entry.path()));
      for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (!std::regex_match(line, match, msgid_line)) continue;
        auto [at, inserted] = first_file.emplace(match[1], entry.path().filename().string());
        EXPECT_TRUE(inserted) << folder.filename() << ": \"" << match[1] << "\" in " << at->second << " and "
                              << entry.path().filename();
      }
    }
    EXPECT_GE(files, 1) << folder;
  }
}

TEST(Translations, CatalogsAreReallyTranslated) {
  const auto& t = Translations::shipped();
  EXPECT_EQ(t.text(domain::Language::zh_Hans, "Sign in"), "登录");
  EXPECT_EQ(t.text(domain::Language::zh_Hant, "Sign in"), "登入");
  EXPECT_EQ(t.text(domain::Language::pt, "Sign in"), "Entrar");
  EXPECT_EQ(t.text(domain::Language::en, "rating:5"), "Very satisfied");
  EXPECT_EQ(t.text(domain::Language::zh_Hans, "rating:1"), "非常不满意");
  EXPECT_EQ(t.text(domain::Language::pt, "not a message"), "not a message");  // fallback, never empty
}

TEST(Templates, EveryTemplateParsesAndRenders) {
  auto names = template_names();
  ASSERT_GE(names.size(), 15u);
  for (const auto& name : names) {
    kainjow::mustache::data data;
    EXPECT_NO_THROW(render_template(name, data, domain::Language::en)) << name;
  }
}

}  // namespace
}  // namespace tongban::web

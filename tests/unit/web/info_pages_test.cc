// The privacy notice, the accessibility statement and the contact page: in four languages, linked from the footer
// of every page, with the node's own facts (who runs it, its service points).
#include <gtest/gtest.h>

#include "page_browser.h"
#include "web/translations.h"

namespace tongban::web::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(InfoPages, EachPageInEachLanguageLinkedFromEveryFooter) {
  PageBrowser browser;
  const auto& t = Translations::shipped();
  for (auto language : domain::kAllLanguages) {
    std::string prefix = "/" + std::string(domain::language_tag(language));
    auto home = browser.get(prefix + "/");
    ASSERT_EQ(home.status, 200);
    auto sign_in = browser.get(prefix + "/sign-in");
    for (const auto* page : {&home, &sign_in})
      for (const char* path : {"/privacy", "/accessibility", "/contact"})
        EXPECT_TRUE(contains(page->body, "href=\"" + prefix + path + "\"")) << prefix << " footer lacks " << path;
    struct Expected {
      const char* path;
      const char* title;
      const char* passage;
    };
    for (const Expected& expected :
         {Expected{"/privacy", "Privacy notice", "Who receives it, across which border and why"},
          Expected{"/accessibility", "Accessibility statement", "What is not yet accessible"},
          Expected{"/contact", "Contact", "Government hotlines"}}) {
      auto page = browser.get(prefix + expected.path);
      ASSERT_EQ(page.status, 200) << prefix << expected.path;
      EXPECT_TRUE(contains(page.body, "<h1>" + t.text(language, expected.title) + "</h1>")) << prefix << expected.path;
      EXPECT_TRUE(contains(page.body, t.text(language, expected.passage))) << prefix << expected.path;
      if (language != domain::Language::en) {
        EXPECT_NE(t.text(language, expected.passage), expected.passage) << "untranslated in " << prefix;
      }
    }
  }
}

TEST(InfoPages, TheNodesOwnFacts) {
  PageBrowser browser;
  auto snapshot = browser.node().catalog();
  const auto& own = browser.node().config().jurisdiction;
  auto privacy = browser.get("/en/privacy");
  EXPECT_TRUE(contains(privacy.body, snapshot->catalog.find_jurisdiction(own)->name.in(domain::Language::en)));
  auto contact = browser.get("/en/contact");
  int own_points = 0;
  for (const auto& point : snapshot->catalog.service_points) {
    bool shown = contains(contact.body, point.name.in(domain::Language::en));
    if (point.jurisdiction == own) {
      ++own_points;
      EXPECT_TRUE(shown) << point.code;
    }
  }
  EXPECT_GT(own_points, 0);
  // Each jurisdiction's hotline on the contact page is the number its service points give in the catalog.
  for (const char* jurisdiction : {"CN-GD-JM", "MO", "HK"}) {
    std::string dial;
    for (const auto& point : snapshot->catalog.service_points)
      if (point.jurisdiction == jurisdiction && !point.phone.empty() && dial.empty())
        for (char c : point.phone)
          if (c != ' ') dial.push_back(c);
    ASSERT_FALSE(dial.empty()) << jurisdiction;
    EXPECT_TRUE(contains(contact.body, "href=\"tel:" + dial + "\"")) << jurisdiction << " " << dial;
  }
}

}  // namespace
}  // namespace tongban::web::testing

// Every problem type is documented at its URI (RFC 9457 §3.1.1): the `type` a problem answer carries
// ("/problems/<slug>") answers 200 with a page in each of the four languages — the type's title, what it means and
// what to do, in that language's words — and /problems lists them all. An unknown slug is a 404 page.
// The test browser (page_browser.h) is compiled into this binary by pages_test.cc.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/problem_response.h"
#include "page_browser.h"
#include "web/page_context.h"
#include "web/translations.h"

namespace tongban::web::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string words(domain::Language language, std::string_view slug, std::string_view part) {
  return Translations::shipped().text(language, "problem:" + std::string(slug) + ":" + std::string(part));
}

TEST(ProblemTypePages, EveryCatalogHasTheWordsOfEveryProblemType) {
  for (auto language : domain::kAllLanguages)
    for (const auto& type : domain::problem_types())
      for (auto part : {"title", "meaning", "todo"})
        EXPECT_TRUE(Translations::shipped().has(language, "problem:" + std::string(type.slug) + ":" + part))
            << catalog_name(language) << " lacks problem:" << type.slug << ":" << part;
}

// The text as the templates write it ({{…}}: kainjow's escaping).
std::string escaped(const std::string& text) {
  return kainjow::mustache::html_escape<std::string>(text);
}

TEST(ProblemTypePages, EveryProblemTypeUriAnswersWithItsPageInEachLanguage) {
  PageBrowser browser;
  PageBrowser fresh;  // no language cookie yet: the bare path goes by Accept-Language
  for (const auto& type : domain::problem_types()) {
    // The URI exactly as a problem answer carries it.
    auto problem = boost::json::parse(http::problem_response(type.slug, "x").body).as_object();
    const std::string uri(problem.at("type").as_string());
    for (auto language : domain::kAllLanguages) {
      const std::string target = "/" + std::string(domain::language_tag(language)) + uri;
      SCOPED_TRACE(target);
      http::Response page = browser.get(target);
      ASSERT_EQ(page.status, 200);
      EXPECT_TRUE(contains(page.body, "lang=\"" + std::string(domain::language_tag(language)) + "\""));
      for (auto part : {"title", "meaning", "todo"}) {
        const std::string text = words(language, type.slug, part);
        EXPECT_NE(text, "problem:" + std::string(type.slug) + ":" + part);
        EXPECT_TRUE(contains(page.body, escaped(text))) << part;
      }
      EXPECT_TRUE(contains(page.body, std::to_string(type.status)));
    }
    http::Response bare = fresh.get(uri, {{"Accept-Language", "pt"}});
    EXPECT_EQ(bare.status, 200) << uri;
    EXPECT_TRUE(contains(bare.body, escaped(words(domain::Language::pt, type.slug, "title")))) << uri;
  }
}

TEST(ProblemTypePages, TheListLinksEveryType) {
  PageBrowser browser;
  for (auto language : domain::kAllLanguages) {
    const std::string prefix = "/" + std::string(domain::language_tag(language));
    http::Response list = browser.get(prefix + "/problems");
    ASSERT_EQ(list.status, 200);
    for (const auto& type : domain::problem_types())
      EXPECT_TRUE(contains(list.body, "href=\"" + prefix + http::problem_type_uri(type.slug) + "\"")) << type.slug;
  }
}

TEST(ProblemTypePages, AnUnknownTypeIsNotFound) {
  PageBrowser browser;
  EXPECT_EQ(browser.get("/en/problems/no-such-problem").status, 404);
  EXPECT_EQ(browser.get("/problems/federation").status, 404);
}

}  // namespace
}  // namespace tongban::web::testing

// The page crawl: every page a person can reach, in every language, holds no raw catalog key ("life_event:birth",
// "rule:too_short") and no English left on a page in another language.
//
// The crawler starts at each language's home page, follows every link of the site in that language (GET only), and
// adds the pages reached by posting forms with mistakes (registration, sign-in) and by people signed in (an
// applicant with a case, a clerk, a reviewer). Each page's visible text — text nodes, <title>, and the attributes a
// person reads (alt, title, aria-label, placeholder, label, value of buttons) — is checked by page_text_checks.h.
// The figures (pages crawled per language, catalog strings) are printed for the closing note of issue 10.
#include <gtest/gtest.h>

#include <deque>
#include <iostream>
#include <map>
#include <set>

#include "page_browser.h"
#include "page_text_checks.h"

namespace tongban::web::testing {
namespace {

// Links of the page that stay on the site in the same language, without their fragment.
std::vector<std::string> site_links(const std::string& html) {
  std::vector<std::string> links;
  static const std::regex kHref(R"re(href="([^"]*)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), kHref), end; it != end; ++it) {
    std::string link = unescape_html((*it)[1]);
    if (auto hash = link.find('#'); hash != std::string::npos) link.erase(hash);
    if (link.empty()) continue;
    if (link[0] == '?') link = "?" + link.substr(1);  // relative query: resolved by the caller
    links.push_back(link);
  }
  return links;
}

std::string resolve(const std::string& from, const std::string& link) {
  if (link[0] == '?') return from.substr(0, from.find('?')) + link;
  return link;
}

// Pages not worth following: static files, downloads and the pages that change state on GET (none should).
bool followable(const std::string& target, const std::string& prefix) {
  if (target.rfind(prefix + "/", 0) != 0 && target != prefix) return false;
  for (const char* skip : {"/static/", ".ics", ".pdf", ".png", ".svg", ".atom", ".csv", ".xlsx", "/blobs/"})
    if (target.find(skip) != std::string::npos) return false;
  return true;
}

// Findings by what was found (the same raw key shows on hundreds of pages): the first page and how many.
struct Finding {
  std::string first_page;
  int pages = 0;
};

struct CrawlResult {
  int pages = 0;
  std::map<std::string, Finding> findings;
  void add(const std::string& page, const std::string& finding) {
    auto& entry = findings[finding];
    if (entry.pages++ == 0) entry.first_page = page;
  }
};

// Breadth-first over the site in one language from the given start pages, at most `limit` pages.
void crawl(PageBrowser& browser, domain::Language language, std::vector<std::string> starts, CrawlResult& result,
           std::set<std::string>& seen, std::size_t limit = 4000) {
  std::string prefix = "/" + std::string(domain::language_tag(language));
  std::deque<std::string> queue(starts.begin(), starts.end());
  for (const auto& start : starts) seen.insert(start);
  while (!queue.empty() && seen.size() < limit) {
    std::string target = queue.front();
    queue.pop_front();
    auto response = browser.get(target);
    ++result.pages;
    if (response.status >= 300 && response.status < 400) continue;
    for (auto& finding : check_page_text(language, response.body)) result.add(target, finding);
    for (const auto& link : site_links(response.body)) {
      std::string next = resolve(target, link);
      if (!followable(next, prefix) || !seen.insert(next).second) continue;
      queue.push_back(next);
    }
  }
}

TEST(PageCrawl, NoRawKeyAndNoUntranslatedTextOnAnyPage) {
  PageBrowser browser;
  int total_pages = 0;
  std::vector<std::string> findings;  // one line per distinct finding and language
  for (auto language : domain::kAllLanguages) {
    std::string prefix = "/" + std::string(domain::language_tag(language));
    CrawlResult result;
    std::set<std::string> seen;
    std::vector<std::string> starts = {prefix + "/", prefix + "/register", prefix + "/sign-in", prefix + "/track",
                                       prefix + "/items/NO-SUCH-ITEM"};
    for (const auto& item : browser.node().catalog()->catalog.items) starts.push_back(prefix + "/items/" + item.code);
    browser.cookies().clear();
    crawl(browser, language, starts, result, seen);

    // Pages reached by mistakes: a registration with a short password and a taken login, a wrong sign-in.
    browser.get(prefix + "/register");
    auto bad_registration = browser.post(prefix + "/register", {{"display_name", ""},
                                                                {"login", "x"},
                                                                {"password", "short"},
                                                                {"id_document.type", "CN_RIC"},
                                                                {"id_document.number", "123"}});
    ++result.pages;
    for (auto& finding : check_page_text(language, bad_registration.body))
      result.add("POST " + prefix + "/register", finding);
    browser.get(prefix + "/sign-in");
    auto bad_sign_in = browser.post(prefix + "/sign-in", {{"login", "nobody@example.org"}, {"password", "wrong"}});
    ++result.pages;
    for (auto& finding : check_page_text(language, bad_sign_in.body))
      result.add("POST " + prefix + "/sign-in", finding);

    std::cout << "[crawl] " << prefix << ": " << result.pages << " pages\n";
    total_pages += result.pages;
    for (const auto& [finding, where] : result.findings)
      findings.push_back(prefix + " " + finding + " (" + std::to_string(where.pages) + " pages, first " +
                         where.first_page + ")");
  }
  std::cout << "[crawl] " << total_pages << " pages in 4 languages, " << findings.size() << " distinct findings\n";
  EXPECT_GT(total_pages, 4 * 400);
  std::size_t shown = 0;
  for (const auto& finding : findings) {
    ADD_FAILURE() << finding;
    if (++shown == 400) break;
  }
}

// The checks themselves catch what the crawl is for (a check that finds nothing would pass any crawl).
TEST(PageTextChecks, FindRawKeysAndEnglishOnOtherLanguages) {
  EXPECT_FALSE(check_page_text(domain::Language::en, "<p>Browse <a>life_event:birth</a></p>").empty());
  EXPECT_FALSE(check_page_text(domain::Language::pt, "<input type=\"submit\" value=\"rule:too_short\">").empty());
  EXPECT_FALSE(check_page_text(domain::Language::zh_Hant, "<p>consent to cross-border transfer recorded</p>").empty());
  EXPECT_FALSE(check_page_text(domain::Language::pt, "<p>The item is not offered through the channel.</p>").empty());
  EXPECT_FALSE(check_page_text(domain::Language::zh_Hans, "<title>Create an account</title>").empty());
  EXPECT_TRUE(check_page_text(domain::Language::zh_Hans, "<p>09:00–12:00 https://example.org/a:b 澳门</p>").empty());
  EXPECT_TRUE(check_page_text(domain::Language::pt, "<p>Direcção dos Serviços de Identificação</p>").empty());
  EXPECT_TRUE(check_page_text(domain::Language::pt, "<p>Consulta de cartórios notariais e notários</p>").empty());
  EXPECT_FALSE(check_page_text(domain::Language::pt, "<p>Resultado: not found</p>").empty());
}

}  // namespace
}  // namespace tongban::web::testing

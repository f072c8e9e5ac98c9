// The home page's search through the router (search_pages.cc, home.mustache): pages of 20 results with a count,
// Previous / Next and page numbers; badges (online, here, fee, promised days in each language); the filters
// closed after a search with the active ones in their summary; authorities grouped by jurisdiction; life events
// in words; equal scores ordered for this node (Jiangmen: its items, then the zones it hosts).
// The test browser (page_browser.h) is compiled into this binary by pages_test.cc.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "page_browser.h"

namespace tongban::web::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The item codes of the results list, in order.
std::vector<std::string> result_codes(const std::string& html) {
  const auto start = html.find("<ul class=\"results\">");
  if (start == std::string::npos) return {};
  const std::string list = html.substr(start, html.find("</ul>\n", start) - start);
  static const std::regex link(R"(<li><a href="/[A-Za-z-]+/items/([A-Z0-9-]+)\">)");
  std::vector<std::string> codes;
  for (std::sregex_iterator it(list.begin(), list.end(), link), end; it != end; ++it) codes.push_back((*it)[1]);
  return codes;
}

// The total of "Showing a–b of N" (en), or -1.
long shown_total(const std::string& html) {
  static const std::regex showing(R"(Showing (\d+)–(\d+) of (\d+))");
  std::smatch match;
  return std::regex_search(html, match, showing) ? std::stol(match[3]) : -1;
}

TEST(HomePage, ResultsComeInPagesOfTwentyAndEveryItemIsReachable) {
  PageBrowser browser;
  // Browsing the Macao zone in Jiangmen lists 107 items: six pages.
  auto first = browser.get("/en/?zone=ZONE-MO-IN-JM");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, "Showing 1–20 of 107")) << first.body;
  EXPECT_EQ(result_codes(first.body).size(), 20u);
  EXPECT_TRUE(contains(first.body, "href=\"/en/?q=&amp;zone=ZONE-MO-IN-JM&amp;page=2\" rel=\"next\""));
  EXPECT_FALSE(contains(first.body, "rel=\"prev\""));
  EXPECT_TRUE(contains(first.body, "<span class=\"pager-current\" aria-current=\"page\">1</span>"));
  EXPECT_TRUE(contains(first.body, ">6</a>"));  // the last page's number

  std::set<std::string> seen;
  for (int page = 1; page <= 6; ++page) {
    auto answer = browser.get("/en/?zone=ZONE-MO-IN-JM&page=" + std::to_string(page));
    ASSERT_EQ(answer.status, 200);
    for (const auto& code : result_codes(answer.body)) EXPECT_TRUE(seen.insert(code).second) << code << " twice";
  }
  EXPECT_EQ(seen.size(), 107u);

  auto third = browser.get("/en/?zone=ZONE-MO-IN-JM&page=3");
  EXPECT_TRUE(contains(third.body, "Showing 41–60 of 107"));
  EXPECT_TRUE(contains(third.body, "page=2\" rel=\"prev\""));
  EXPECT_TRUE(contains(third.body, "page=4\" rel=\"next\""));
  auto last = browser.get("/en/?zone=ZONE-MO-IN-JM&page=6");
  EXPECT_TRUE(contains(last.body, "Showing 101–107 of 107"));
  EXPECT_FALSE(contains(last.body, "rel=\"next\""));
  // Past the end: the last page.
  EXPECT_TRUE(contains(browser.get("/en/?zone=ZONE-MO-IN-JM&page=99").body, "Showing 101–107 of 107"));
  // Not a page number: a clear error, nothing listed.
  for (const char* bad : {"0", "-1", "two", "1x", "99999999999999999999"}) {
    auto answer = browser.get(std::string("/en/?zone=ZONE-MO-IN-JM&page=") + bad);
    EXPECT_EQ(answer.status, 400) << bad;
    EXPECT_TRUE(result_codes(answer.body).empty()) << bad;
  }
}

TEST(HomePage, PageLinksKeepTheQueryEncoded) {
  PageBrowser browser;
  auto answer = browser.get("/zh-Hant/?q=%E8%AD%89&life_event=identity_documents");  // 證
  ASSERT_EQ(answer.status, 200);
  EXPECT_TRUE(contains(answer.body, "?q=%E8%AD%89&amp;life_event=identity_documents&amp;page=2\" rel=\"next\""))
      << answer.body;
}

TEST(HomePage, AGenericQueryDoesNotListTheWholeCatalog) {
  PageBrowser browser;
  const long identity = shown_total(browser.get("/en/?q=%E8%BA%AB%E4%BB%BD%E8%AD%89").body);  // 身份證
  EXPECT_GT(identity, 0);
  EXPECT_LT(identity, 50);
  const long card = shown_total(browser.get("/en/?q=identity+card").body);
  EXPECT_GT(card, 0);
  EXPECT_LT(card, 50);
  auto letter = browser.get("/en/?q=a");
  EXPECT_TRUE(result_codes(letter.body).empty());
  EXPECT_TRUE(contains(letter.body, "No service matches your search."));
}

TEST(HomePage, EqualScoresListThisNodesItemsThenItsHostedZonesFirst) {
  PageBrowser browser;  // a Jiangmen node
  // Macao's items: those of the Macao zone that Jiangmen hosts (107) come before the others (26), so the first
  // page has none of the others and the last page (121–133) has them.
  auto first = browser.get("/en/?jurisdiction=MO");
  EXPECT_TRUE(contains(first.body, "Showing 1–20 of 133"));
  const auto codes = result_codes(first.body);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "MO-CRC-001"), 0);
  const auto last = result_codes(browser.get("/en/?jurisdiction=MO&page=7").body);
  EXPECT_EQ(last.size(), 13u);
  EXPECT_EQ(std::count(last.begin(), last.end(), "MO-CRC-001"), 1);
  // The same name in Macao and in Jiangmen: Jiangmen's first.
  const auto marriage = result_codes(browser.get("/en/?q=Registo+de+casamento").body);
  ASSERT_GE(marriage.size(), 2u);
  EXPECT_EQ(marriage[0], "JM-CA-001");
  EXPECT_EQ(marriage[1], "MO-CRC-001");
}

TEST(HomePage, ResultsCarryBadgesInThePageLanguage) {
  PageBrowser browser;
  // JM-CA-001: window and post only, CNY 9.00, promised in 1 working day, a Jiangmen item (done here).
  auto en = browser.get("/en/?q=JM-CA-001");
  ASSERT_FALSE(result_codes(en.body).empty());
  ASSERT_EQ(result_codes(en.body).front(), "JM-CA-001");
  const std::string first = en.body.substr(en.body.find("<ul class=\"results\">"));
  const std::string entry = first.substr(0, first.find("</ul></li>") + 10);
  EXPECT_TRUE(contains(entry, "<li class=\"badge badge-here\">Can be done here</li>")) << entry;
  EXPECT_FALSE(contains(entry, "badge-online")) << entry;
  EXPECT_TRUE(contains(entry, "<li class=\"badge badge-days\">1 working day</li>")) << entry;
  EXPECT_TRUE(contains(entry, "<li class=\"badge badge-fee\">CNY 9.00</li>")) << entry;
  // MO-DSI-001: online (web), MOP 120.00, 10 working days; in the Macao zone Jiangmen hosts (done here).
  auto renewal = browser.get("/en/?q=MO-DSI-001");
  const std::string dsi = renewal.body.substr(renewal.body.find("<ul class=\"results\">"));
  const std::string dsi_entry = dsi.substr(0, dsi.find("</ul></li>") + 10);
  EXPECT_TRUE(contains(dsi_entry, "MO-DSI-001"));
  EXPECT_TRUE(contains(dsi_entry, "<li class=\"badge badge-online\">Apply online</li>")) << dsi_entry;
  EXPECT_TRUE(contains(dsi_entry, "badge-here")) << dsi_entry;
  EXPECT_TRUE(contains(dsi_entry, "10 working days")) << dsi_entry;
  EXPECT_TRUE(contains(dsi_entry, "MOP 120.00")) << dsi_entry;
  // Free, and the plural forms of the other languages (Chinese has none).
  EXPECT_TRUE(contains(browser.get("/pt/?q=JM-CA-001").body, "1 dia útil"));
  EXPECT_TRUE(contains(browser.get("/pt/?q=MO-DSI-001").body, "10 dias úteis"));
  EXPECT_TRUE(contains(browser.get("/zh-Hant/?q=JM-CA-001").body, "1個工作日"));
  EXPECT_TRUE(contains(browser.get("/zh-Hans/?q=MO-DSI-001").body, "10个工作日"));
  EXPECT_TRUE(contains(browser.get("/en/?q=JM-CA-005").body, "<li class=\"badge badge-fee\">Free</li>"));
}

TEST(HomePage, FiltersStayClosedAfterASearchAndNameTheActiveOnes) {
  PageBrowser browser;
  auto answer = browser.get("/en/?q=passport&jurisdiction=MO&life_event=travel");
  ASSERT_EQ(answer.status, 200);
  EXPECT_TRUE(contains(answer.body, "<details class=\"search-filters\"><summary>"));
  EXPECT_FALSE(contains(answer.body, "<details class=\"search-filters\" open"));
  EXPECT_TRUE(contains(answer.body, "<span class=\"active-filters\">: Macao SAR · Travel</span>")) << answer.body;
  // The results come before anything else below the form.
  EXPECT_LT(answer.body.find("</form>"), answer.body.find("<ul class=\"results\">"));
}

TEST(HomePage, AuthoritiesAreGroupedByJurisdictionAndLifeEventsAreWords) {
  PageBrowser browser;
  auto en = browser.get("/en/");
  EXPECT_TRUE(contains(en.body, "<optgroup label=\"Macao SAR\"><option value=\"MO-"));
  std::size_t groups = 0;
  for (std::size_t at = en.body.find("<optgroup"); at != std::string::npos; at = en.body.find("<optgroup", at + 1)) {
    ++groups;
  }
  EXPECT_EQ(groups, 3u);  // Jiangmen, Macao, Hong Kong
  EXPECT_FALSE(contains(en.body, "life_event:"));
  EXPECT_TRUE(contains(en.body, ">Birth</a>"));
  EXPECT_TRUE(contains(browser.get("/zh-Hant/").body, ">出生</a>"));
  EXPECT_TRUE(contains(browser.get("/pt/").body, ">Nascimento</a>"));
  EXPECT_FALSE(contains(browser.get("/zh-Hans/").body, "life_event:"));
}

}  // namespace
}  // namespace tongban::web::testing

// The information platform and the figures on the pages (issue 12), through the router (page_browser.h): a notice
// written in four languages on the staff desk, refused while a language is missing (in the page's words), reviewed
// by a second member of staff only, then shown on the public list, its page, the item's page and the Atom feed; an
// applicant subscribed to its topic told in their inbox; the staff statistics page with its SVG chart, CSV and XLSX
// downloads and a refused bad period; the region page with and without shared figures.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "node/case_desk.h"
#include "node/case_statistics.h"
#include "node/region_aggregate_json.h"
#include "page_browser.h"
#include "page_text_checks.h"
#include "web/translations.h"

namespace tongban::web::testing {
namespace {

using domain::Role;

constexpr const char* kPassword = "correct horse battery";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void sign_in(PageBrowser& browser, const std::string& login) {
  browser.cookies().clear();
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", login}, {"password", kPassword}}).status, 303)
      << browser.last_body();
}

std::string add_staff(PageBrowser& browser, const std::string& login, Role role, const std::string& authority = "",
                      const std::string& point = "") {
  return browser.accounts().add_staff({login, kPassword, login, role, authority, point}).id;
}

std::vector<std::pair<std::string, std::string>> notice_form(const std::string& item, bool with_portuguese) {
  return {{"topic", "service_change"},
          {"title_zh_hans", "江门窗口新增澳门事项"},
          {"title_zh_hant", "江門窗口新增澳門事項"},
          {"title_pt", with_portuguese ? "Novos serviços de Macau em Jiangmen" : ""},
          {"title_en", "New Macao services at Jiangmen windows"},
          {"body_zh_hans", "自下月起可在江门办理。"},
          {"body_zh_hant", "自下月起可在江門辦理。"},
          {"body_pt", with_portuguese ? "A partir do próximo mês." : ""},
          {"body_en", "From next month."},
          {"item_codes", item},
          {"zone_codes", ""},
          {"valid_from", "2026-01-01"},
          {"valid_until", ""}};
}

// The id in a /en/staff/notices/<id> redirect.
std::string notice_id_of(const http::Response& response) {
  std::string location(response.header("Location").value_or(""));
  return location.substr(location.rfind('/') + 1);
}

TEST(NoticePages, ANoticeIsPublishedOnlyOnceASecondMemberOfStaffApprovesIt) {
  PageBrowser browser;
  const std::string item = browser.node().catalog()->catalog.items.front().code;
  add_staff(browser, "author@example.org", Role::reviewer, "JM-CA");
  add_staff(browser, "approver@example.org", Role::admin);
  sign_in(browser, "author@example.org");
  ASSERT_EQ(browser.get("/en/staff/notices").status, 200);
  auto created = browser.post("/en/staff/notices", notice_form(item, false));
  ASSERT_EQ(created.status, 303) << browser.last_body();
  const std::string id = notice_id_of(created);
  ASSERT_EQ(browser.get("/pt/staff/notices/" + id).status, 200);
  // Submitting without the Portuguese texts is refused, in the page's language, and changes nothing.
  auto refused = browser.post("/pt/staff/notices/" + id + "/step", {{"step", "submit"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "Preencha este campo, em todas as línguas.")) << refused.body;
  for (const auto& problem : check_page_text(domain::Language::pt, refused.body)) ADD_FAILURE() << problem;
  EXPECT_EQ(browser.node().store().find_notice(id)->state, domain::NoticeState::draft);
  browser.get("/en/staff/notices/" + id);
  ASSERT_EQ(browser.post("/en/staff/notices/" + id, notice_form(item, true)).status, 303) << browser.last_body();
  ASSERT_EQ(browser.post("/en/staff/notices/" + id + "/step", {{"step", "submit"}}).status, 303);
  // The author cannot approve their own notice, even by posting the step by hand.
  auto own = browser.get("/en/staff/notices/" + id);
  EXPECT_FALSE(contains(own.body, "value=\"approve\""));
  EXPECT_EQ(browser.post("/en/staff/notices/" + id + "/step", {{"step", "approve"}}).status, 422);
  EXPECT_EQ(browser.node().store().find_notice(id)->state, domain::NoticeState::submitted);
  EXPECT_FALSE(contains(browser.get("/en/notices").body, "New Macao services at Jiangmen windows"));

  sign_in(browser, "approver@example.org");
  browser.get("/en/staff/notices/" + id);
  ASSERT_EQ(browser.post("/en/staff/notices/" + id + "/step", {{"step", "approve"}}).status, 303);
  browser.cookies().clear();
  auto list = browser.get("/zh-Hant/notices");
  EXPECT_TRUE(contains(list.body, "江門窗口新增澳門事項")) << list.body;
  for (const auto& problem : check_page_text(domain::Language::zh_Hant, list.body)) ADD_FAILURE() << problem;
  auto page = browser.get("/pt/notices/" + id);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "A partir do próximo mês."));
  EXPECT_TRUE(contains(browser.get("/en/items/" + item).body, "href=\"/en/notices/" + id + "\""));
  auto feed = browser.get("/en/notices/feed.atom");
  EXPECT_EQ(feed.header("Content-Type").value_or(""), "application/atom+xml; charset=utf-8");
  EXPECT_TRUE(contains(feed.body, "<id>tag:tongban.network,2026:notice/" + id + "</id>")) << feed.body;
  // An unknown topic is refused, not shown as an empty list.
  EXPECT_EQ(browser.get("/en/notices?topic=weather").status, 400);
  // A notice that is not there: the page says so in its own language, never with the desk's English detail.
  auto missing = browser.get("/zh-Hant/notices/CN-GD-JM-N-999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(contains(missing.body, "There is no notice")) << missing.body;
  EXPECT_TRUE(
      contains(missing.body, Translations::shipped().text(domain::Language::zh_Hant, "problem:not-found:meaning")));
  for (const auto& problem : check_page_text(domain::Language::zh_Hant, missing.body)) ADD_FAILURE() << problem;
}

TEST(NoticePages, AnApplicantSubscribedToATopicIsToldInTheirInboxWhenANoticeOfItIsPublished) {
  PageBrowser browser;
  browser.get("/en/register");
  ASSERT_EQ(browser
                .post("/en/register", {{"display_name", "Chan"},
                                       {"login", "chan@example.org"},
                                       {"password", kPassword},
                                       {"id_document.type", "CN_RIC"},
                                       {"id_document.number", valid_cn_ric(7)}})
                .status,
            303);
  const std::string applicant = browser.node().store().find_account_by_login("chan@example.org")->id;
  sign_in(browser, "chan@example.org");
  browser.get("/en/notices/subscriptions");
  ASSERT_EQ(
      browser
          .post("/en/notices/subscriptions", {{"action", "subscribe"}, {"kind", "topic"}, {"topic", "service_change"}})
          .status,
      303);
  EXPECT_EQ(
      browser.post("/en/notices/subscriptions", {{"action", "subscribe"}, {"kind", "item"}, {"value", "NO-SUCH-ITEM"}})
          .status,
      422);
  EXPECT_EQ(browser.node().store().list_notice_subscriptions(applicant).size(), 1u);

  const std::string item = browser.node().catalog()->catalog.items.front().code;
  add_staff(browser, "author2@example.org", Role::reviewer, "JM-CA");
  add_staff(browser, "approver2@example.org", Role::reviewer, "JM-HRSS");
  sign_in(browser, "author2@example.org");
  browser.get("/en/staff/notices");
  const std::string id = notice_id_of(browser.post("/en/staff/notices", notice_form(item, true)));
  browser.get("/en/staff/notices/" + id);
  browser.post("/en/staff/notices/" + id + "/step", {{"step", "submit"}});
  sign_in(browser, "approver2@example.org");
  browser.get("/en/staff/notices/" + id);
  ASSERT_EQ(browser.post("/en/staff/notices/" + id + "/step", {{"step", "approve"}}).status, 303);
  auto inbox = browser.node().store().list_notifications(applicant, "in_app", 10);
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].kind, "notice_published");
  EXPECT_TRUE(contains(inbox[0].subject, "江门窗口新增澳门事项") || contains(inbox[0].subject, "New Macao"))
      << inbox[0].subject;
  EXPECT_TRUE(contains(inbox[0].body, id));
}

// One case of Jiangmen's JM-CA-005 (online), opened by a new applicant through the CaseDesk.
void open_local_case(PageBrowser& browser) {
  auto applicant = browser.accounts().register_applicant(
      {"natural_person", "stats@example.org", kPassword, "Stats", "CN_RIC", valid_cn_ric(9)});
  node::CaseApplication application;
  application.item_code = "JM-CA-005";
  application.form =
      boost::json::object{{"applicant_name", "陈大文"},
                          {"id_number", boost::json::object{{"type", "CN_RIC"}, {"number", valid_cn_ric(9)}}},
                          {"phone", "+8613800138000"},
                          {"consent_transfer", true}};
  for (const char* material : {"id_card", "bank_card"}) {
    auto blob = browser.node().store().hand_in_blob(std::string("%PDF-1.4 ") + material, "application/pdf",
                                                    {applicant.id, ""}, browser.node().now_ms());
    application.materials.push_back({material, blob.sha256});
  }
  node::CaseDesk(browser.node()).open({applicant.id, Role::applicant, "", ""}, application, std::nullopt, "");
}

TEST(StatisticsPages, StaffSeeTheChartTheTableAndBothDownloadsAndABadPeriodIsShownNotComputed) {
  PageBrowser browser;
  add_staff(browser, "clerk@example.org", Role::clerk, "", "JM-WIN-CITY");
  open_local_case(browser);
  sign_in(browser, "clerk@example.org");
  auto page = browser.get("/zh-Hans/staff/statistics?by=mode");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "<svg")) << page.body;
  EXPECT_TRUE(contains(page.body, "role=\"img\""));
  for (const auto& problem : check_page_text(domain::Language::zh_Hans, page.body)) ADD_FAILURE() << problem;
  auto csv = browser.get("/en/staff/statistics.csv?by=item");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("dimension,key,received,", 0), 0u) << csv.body.substr(0, 80);
  EXPECT_TRUE(contains(csv.body, "\r\nitem,JM-CA-005,1,")) << csv.body;
  auto xlsx = browser.get("/en/staff/statistics.xlsx?by=item");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);  // a zip container
  auto bad = browser.get("/pt/staff/statistics?from=2026-12-02&to=2026-12-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "O último dia é anterior ao primeiro.")) << bad.body;
  browser.cookies().clear();
  EXPECT_NE(browser.get("/en/staff/statistics").status, 200);  // signed out: the sign-in page
}

TEST(RegionPages, TheRegionPageAddsThePeersSharedFiguresToThisNodesOwn) {
  PageBrowser browser;
  auto own = browser.get("/en/region");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(contains(own.body, "<svg")) << own.body;
  EXPECT_FALSE(contains(own.body, "<th scope=\"row\">Macao SAR</th>"));
  // A peer's aggregate of today (no cases), kept as the exchange keeps what arrives.
  auto today = domain::local_date(browser.node().now_ms(), 480);
  auto aggregate = node::daily_aggregates(browser.node(), {today}, 5, "MO").front();
  aggregate.jurisdiction = "MO";
  browser.node().store().write([&](store::Transaction& tx) {
    tx.keep_region_aggregate({"MO", domain::format_date(today), aggregate.generated_at_ms, 5,
                              node::daily_aggregate_json(aggregate), aggregate.generated_at_ms, "m-1"});
  });
  auto page = browser.get("/en/region");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<th scope=\"row\">Macao SAR</th>")) << page.body;
  auto chinese = browser.get("/zh-Hant/region");
  for (const auto& problem : check_page_text(domain::Language::zh_Hant, chinese.body)) ADD_FAILURE() << problem;
  EXPECT_EQ(browser.get("/en/region?from=2026-13-01").status, 400);
}

}  // namespace
}  // namespace tongban::web::testing

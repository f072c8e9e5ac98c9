// Provisional due dates on the pages (web/deadline_view.h): the case page, the workbench queue, the receipt and
// public tracking say when a due date was counted across a year whose official holiday calendar is not yet
// imported, in the page's language; after the official notice is imported the note is gone and the timeline shows
// the recount with the moved date.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/deadline.h"
#include "page_browser.h"
#include "web/node_secret.h"
#include "web/tracking_code.h"

namespace tongban::web::testing {
namespace {

using namespace std::chrono;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t nine_o_clock_utc8(domain::CalendarDate date) {
  return duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count() + 3600LL * 1000;
}

const char* kOfficial2027 =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-TONGBAN-JURISDICTION:CN-GD-JM\r\n"
    "X-TONGBAN-YEARS:2027\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270213\r\nSUMMARY:春节\r\n"
    "CATEGORIES:HOLIDAY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270220\r\nSUMMARY:春节调休上班\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

constexpr const char* kNoteEn = "Provisional: the official holiday calendar for 2027 is not yet published.";

TEST(DeadlinePages, ProvisionalNoteUntilTheNoticeThenTheRecountInTheTimeline) {
  PageBrowser browser;
  browser.node().set_clock([] { return nine_o_clock_utc8(2027y / February / 1d); });
  const auto reviewer = browser.accounts().add_staff(
      {"deadline-rev@example.org", "correct horse battery", "Reviewer", domain::Role::reviewer, "JM-CA", ""});
  // An accepted case of JM-CA-006 (5 working days legal, 1 promised), accepted on Mon 1 Feb 2027.
  const auto calendar = browser.node().calendar("CN-GD-JM");
  domain::Case kase;
  kase.item_code = "JM-CA-006";
  kase.applicant_id = reviewer.id;
  kase.authority = "JM-CA";
  kase.jurisdiction = "CN-GD-JM";
  kase.form_json = "{}";
  kase.state = domain::CaseState::accepted;
  kase.created_at_ms = kase.updated_at_ms = browser.node().now_ms();
  kase.clock = domain::start_clock(2027y / February / 1d, 5, 1, *calendar);
  ASSERT_EQ(kase.clock.legal_due, 2027y / February / 10d);
  const std::string id = browser.node().store().transact(
      [&](store::Transaction& tx) { return tx.insert_case(kase, std::nullopt).kase.id; });

  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", "deadline-rev@example.org"}, {"password", "correct horse battery"}})
                .status,
            303);
  auto page = browser.get("/en/cases/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, kNoteEn)) << page.body;
  EXPECT_TRUE(contains(browser.get("/en/workbench").body, kNoteEn));
  EXPECT_TRUE(contains(browser.get("/en/cases/" + id + "/receipt").body, kNoteEn));
  EXPECT_TRUE(contains(browser.get("/zh-Hant/cases/" + id).body, "暫定：2027年的官方假期安排尚未公布。"));
  EXPECT_TRUE(contains(browser.get("/pt/cases/" + id).body, "Provisório: o calendário oficial de feriados de 2027"));
  const std::string code = tracking_code(NodeSecret::load_or_create(browser.node().config().data_dir), id);
  const auto cookies = browser.cookies();
  browser.cookies().clear();
  EXPECT_TRUE(contains(browser.get("/en/track?case=" + id + "&code=" + code).body, kNoteEn));
  browser.cookies() = cookies;

  // The State Council's notice: Spring Festival 5-12 Feb. The case is recounted to 16 Feb, final.
  browser.node().install_calendar(kOfficial2027, "CN-GD-JM-2027.ics");
  page = browser.get("/en/cases/" + id);
  EXPECT_FALSE(contains(page.body, "Provisional:")) << page.body;
  EXPECT_TRUE(contains(page.body,
                       "The due dates were recounted with the newly imported official holiday calendar. "
                       "Legal deadline: 10 February 2027 → 16 February 2027."))
      << page.body;
  EXPECT_FALSE(contains(page.body, "calendar:deadlines_recomputed")) << "the key is translated, not shown";
  EXPECT_TRUE(contains(browser.get("/zh-Hans/cases/" + id).body,
                       "已按新导入的官方节假日安排重新计算办结日期。法定办结日期：2027年2月10日 → 2027年2月16日。"));
}

}  // namespace
}  // namespace tongban::web::testing

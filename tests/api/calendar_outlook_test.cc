// Calendars that never silently run out, over HTTP: /readyz warns and /metrics counts down before the last official
// year ends; a due date counted into a provisional year says so in the case JSON; importing the official notice
// recounts the open cases whose dates move, with a recompute_deadlines event on each.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "case_scenario.h"
#include "node_under_test.h"

namespace tongban::api_test {
namespace {

using namespace std::chrono;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 00:00 on 1 Jan 2027 at UTC+8: the end of 2026, the last official year (2027 is shipped provisional).
constexpr const char* kEnd2026 = "1798732800";

std::string end_line(const std::string& jurisdiction) {
  return "tongban_calendar_official_end_timestamp_seconds{jurisdiction=\"" + jurisdiction + "\"} " + kEnd2026 + "\n";
}

std::string ending_line(int value) {
  return "tongban_calendar_official_ending{jurisdiction=\"CN-GD-JM\"} " + std::to_string(value) + "\n";
}

TEST(CalendarOutlook, ReadyzWarnsAndMetricsFlagWithin60Days) {
  NodeUnderTest node;
  auto http = node.client();
  // 2 Mar 2026: 304 days to 31 Dec 2026.
  auto ready = http.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_FALSE(contains(ready.body, "warning: calendar")) << ready.body;
  auto metrics = http.get("/metrics");
  EXPECT_TRUE(contains(metrics.body, "# TYPE tongban_calendar_official_end_timestamp_seconds gauge\n"));
  for (const char* code : {"CN-GD-JM", "MO", "HK"}) EXPECT_TRUE(contains(metrics.body, end_line(code))) << code;
  EXPECT_TRUE(contains(metrics.body, ending_line(0))) << metrics.body;

  node.set_today(2026y / November / 1d);  // 60 days left: not yet
  EXPECT_FALSE(contains(http.get("/readyz").body, "warning: calendar CN-GD-JM"));
  EXPECT_TRUE(contains(http.get("/metrics").body, ending_line(0)));
  node.set_today(2026y / November / 2d);  // 59 days left
  ready = http.get("/readyz");
  EXPECT_EQ(ready.status, 200) << "a warning, not a blocker";
  EXPECT_TRUE(contains(ready.body,
                       "warning: calendar CN-GD-JM: the official holiday calendar ends in 59 days; "
                       "import the 2027 notice"))
      << ready.body;
  EXPECT_TRUE(contains(ready.body, "warning: calendar HK:")) << ready.body;
  EXPECT_TRUE(contains(http.get("/metrics").body, ending_line(1)));

  node.set_today(2027y / January / 4d);  // the provisional year has begun
  ready = http.get("/readyz");
  EXPECT_TRUE(contains(ready.body, "warning: calendar CN-GD-JM: no official holiday calendar for 2027")) << ready.body;
  metrics = http.get("/metrics");
  EXPECT_TRUE(contains(metrics.body, ending_line(1)));
  EXPECT_TRUE(contains(metrics.body, end_line("CN-GD-JM")));  // ended then
}

// promtool (Debian package prometheus, scripts/install-deps.sh) accepts the whole /metrics text.
TEST(CalendarOutlook, PromtoolAcceptsTheMetrics) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "promtool is not installed (apt-get install prometheus); the format is not checked";
  }
  NodeUnderTest node;
  node.set_today(2026y / December / 2d);
  auto metrics = node.client().get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  const auto file = node.data_dir() / "metrics.txt";
  std::ofstream(file, std::ios::binary) << metrics.body;
  const std::string command = "promtool check metrics < '" + file.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  // promtool exits 1 when the text does not parse, 3 with lint remarks (naming, units) it prints.
  EXPECT_TRUE(WIFEXITED(status)) << output;
  EXPECT_NE(WEXITSTATUS(status), 1) << "promtool cannot parse /metrics: " << output;
  EXPECT_FALSE(contains(output, "error")) << output;
  EXPECT_FALSE(contains(output, "tongban_calendar_")) << "lint remarks on the calendar gauges: " << output;
}

const char* kOfficial2027 =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-TONGBAN-JURISDICTION:CN-GD-JM\r\n"
    "X-TONGBAN-YEARS:2027\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦\r\nCATEGORIES:HOLIDAY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270213\r\nSUMMARY:春节\r\n"
    "CATEGORIES:HOLIDAY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270220\r\nSUMMARY:春节调休上班\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

boost::json::object accepted_case(NodeUnderTest& node, const std::string& label) {
  auto http = node.client();
  auto applicant = node.register_applicant(label + "-applicant");
  auto reviewer = node.add_reviewer(label + "-reviewer", std::string(kItemAuthority));
  auto materials = upload_required_materials(http, applicant.token, label);
  auto kase = open_case_ok(http, applicant.token, application(applicant, materials));
  auto accepted = act(http, reviewer.token, text(kase, "id"), kase.at("version").as_int64(), {{"action", "accept"}});
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  return accepted.json().as_object();
}

TEST(ProvisionalDeadlines, MarkedInTheCaseJsonAndRecountedWhenTheNoticeIsImported) {
  NodeUnderTest node;
  auto admin = node.add_admin("calendar-admin");
  // Accepted on 2 Mar 2026: both due dates in the official 2026.
  const auto in_2026 = accepted_case(node, "cal2026");
  EXPECT_EQ(text(in_2026.at("deadline"), "legal_due"), "2026-03-09");
  EXPECT_FALSE(in_2026.at("deadline").at("legal_due_provisional").as_bool());
  EXPECT_FALSE(in_2026.at("deadline").at("promised_due_provisional").as_bool());
  EXPECT_TRUE(in_2026.at("deadline").at("unofficial_years").as_array().empty());

  // Accepted on Mon 1 Feb 2027: 5 working days over the provisional Spring Festival (5 and 8 Feb) end on 10 Feb.
  node.set_today(2027y / February / 1d);
  admin.token = node.sign_in(admin);
  const auto in_2027 = accepted_case(node, "cal2027");
  const std::string id = text(in_2027, "id");
  const auto& deadline = in_2027.at("deadline");
  EXPECT_EQ(text(deadline, "legal_due"), "2027-02-10");
  EXPECT_EQ(text(deadline, "promised_due"), "2027-02-02");
  EXPECT_TRUE(deadline.at("legal_due_provisional").as_bool());
  EXPECT_TRUE(deadline.at("promised_due_provisional").as_bool());
  EXPECT_EQ(boost::json::serialize(deadline.at("unofficial_years")), "[2027]");

  // The State Council's notice: Spring Festival 5-12 Feb, make-up Saturday 20 Feb.
  std::vector<node::MovedDeadline> moved;
  EXPECT_EQ(node.node().install_calendar(kOfficial2027, "CN-GD-JM-2027.ics", &moved), "CN-GD-JM");
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].case_id, id);
  auto calendar = node.node().calendar("CN-GD-JM");
  EXPECT_EQ(calendar->year_status(2027), domain::YearStatus::official);
  EXPECT_EQ(calendar->year_status(2026), domain::YearStatus::official);  // kept: the file held 2027 only
  EXPECT_FALSE(calendar->is_working_day(2026y / October / 1d));

  auto http = node.client();
  auto after = read_case(http, admin.token, id);
  ASSERT_TRUE(after);
  EXPECT_EQ(text(after->at("deadline"), "legal_due"), "2027-02-16");
  EXPECT_EQ(text(after->at("deadline"), "promised_due"), "2027-02-02");
  EXPECT_FALSE(after->at("deadline").at("legal_due_provisional").as_bool());
  EXPECT_EQ(after->at("version").as_int64(), in_2027.at("version").as_int64() + 1);
  EXPECT_EQ(text(*after, "state"), "accepted");
  auto events = http.get("/api/v1/cases/" + id + "/events", admin.token);
  ASSERT_EQ(events.status, 200) << events.body;
  const auto events_json = events.json();
  const auto& list = events_json.at("events").as_array();
  ASSERT_FALSE(list.empty());
  const auto& last = list.back();
  EXPECT_EQ(text(last, "action"), "recompute_deadlines");
  EXPECT_EQ(text(last, "note"), "calendar:deadlines_recomputed legal_due=2027-02-10>2027-02-16");
  EXPECT_EQ(text(last, "from_state"), "accepted");
  EXPECT_EQ(text(last, "to_state"), "accepted");

  // The 2026 case did not move: no new version, no event.
  auto untouched = read_case(http, admin.token, text(in_2026, "id"));
  ASSERT_TRUE(untouched);
  EXPECT_EQ(untouched->at("version").as_int64(), in_2026.at("version").as_int64());
  // Importing the same notice again moves nothing.
  node.node().install_calendar(kOfficial2027, "CN-GD-JM-2027.ics", &moved);
  EXPECT_TRUE(moved.empty());
}

// `tongban calendar import` run while the node serves stores the calendar from another process: the running node
// counts with it from its next refresh, not from its next restart.
TEST(CalendarRefresh, ARunningNodeCountsWithACalendarAnotherProcessStored) {
  NodeUnderTest node(test_server_options(), [](node::NodeConfig& config) { config.calendar_refresh_ms = 0; });
  EXPECT_EQ(node.node().calendar("CN-GD-JM")->year_status(2027), domain::YearStatus::provisional);
  const auto in_2027 = [&] {
    node.set_today(2027y / February / 1d);
    return accepted_case(node, "refresh");
  }();
  EXPECT_EQ(text(in_2027.at("deadline"), "legal_due"), "2027-02-10");

  auto config = node.node().config();
  config.calendar_refresh_ms = -1;
  auto other_process = node::Node::open(config);  // what the CLI opens: the same data directory and store
  other_process->install_calendar(kOfficial2027, "CN-GD-JM-2027.ics");

  EXPECT_EQ(node.node().calendar("CN-GD-JM")->year_status(2027), domain::YearStatus::official);
  // A case accepted now is counted in the official calendar: 5 working days from Mon 1 Feb over 5-12 Feb.
  const auto after = accepted_case(node, "refresh-after");
  EXPECT_EQ(text(after.at("deadline"), "legal_due"), "2027-02-16");
}

}  // namespace
}  // namespace tongban::api_test

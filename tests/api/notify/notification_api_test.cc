// The notification routes over HTTP: the applicant's inbox (list, mark read), the preferences (read, change,
// refusals that change nothing), and who may call them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "notify_fixture.h"

namespace tongban::notify_test {
namespace {

using api_test::text;

std::set<std::string> error_fields(const api_test::HttpAnswer& answer) {
  std::set<std::string> fields;
  auto json = answer.json();
  if (!json.is_object() || !json.as_object().contains("errors")) return fields;
  for (const auto& error : json.at("errors").as_array()) fields.insert(text(error, "field"));
  return fields;
}

TEST(NotificationApi, TheInboxListsTheApplicantsNotificationsAndMarksThemRead) {
  NodeUnderTest node;
  auto applicant = node.register_applicant("inbox");
  auto other = node.register_applicant("other");
  auto reviewer = node.add_reviewer("inbox-reviewer", std::string(api_test::kItemAuthority));
  std::string id = submit_case(node, applicant);
  auto http = node.client();

  auto listed = http.get("/api/v1/notifications", applicant.token);
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto json = listed.json();
  ASSERT_EQ(json.at("notifications").as_array().size(), 1u);
  EXPECT_EQ(json.at("unread").as_int64(), 1);
  const auto& first = json.at("notifications").as_array()[0];
  EXPECT_EQ(text(first, "kind"), "received");
  EXPECT_EQ(text(first, "case_id"), id);
  EXPECT_NE(text(first, "subject").find(id), std::string::npos);
  EXPECT_FALSE(first.at("read").as_bool());
  std::string notification = text(first, "id");

  EXPECT_EQ(http.post("/api/v1/notifications/" + notification + "/read", "", other.token).status, 404);
  EXPECT_EQ(http.get("/api/v1/notifications", reviewer.token).status, 403);
  EXPECT_EQ(http.get("/api/v1/notifications").status, 401);
  EXPECT_EQ(http.get("/api/v1/notifications?limit=0", applicant.token).status, 400);
  EXPECT_EQ(http.get("/api/v1/notifications", other.token).json().at("notifications").as_array().size(), 0u);

  auto read = http.post("/api/v1/notifications/" + notification + "/read", "", applicant.token);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.json().at("read").as_bool());
  auto again = http.post("/api/v1/notifications/" + notification + "/read", "", applicant.token);
  EXPECT_EQ(again.json().at("read_at_ms").as_int64(), read.json().at("read_at_ms").as_int64());
  EXPECT_EQ(http.get("/api/v1/notifications", applicant.token).json().at("unread").as_int64(), 0);
}

TEST(NotificationApi, PreferencesAreReadChangedAndRefusedWhole) {
  NodeUnderTest node;
  auto applicant = node.register_applicant("prefs");
  auto http = node.client();
  auto defaults = http.get("/api/v1/notification-preferences", applicant.token);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(text(defaults.json(), "language"), "zh-Hans");
  EXPECT_EQ(text(defaults.json(), "email"), applicant.login);
  EXPECT_TRUE(defaults.json().at("statutory_always").as_bool());

  auto bad =
      http.request("PUT", "/api/v1/notification-preferences", api_test::bearer(applicant.token),
                   R"({"language":"fr","email":"a@b.test\r\nBcc: x@y.test","phone":"6123","jurisdiction":"XX"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"language", "email", "phone", "jurisdiction"}));
  auto unknown = http.request("PUT", "/api/v1/notification-preferences", api_test::bearer(applicant.token),
                              R"({"fax":"+85361234567"})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_FALSE(node.node().store().find_notification_preferences(applicant.id));  // nothing stored

  auto changed = http.request("PUT", "/api/v1/notification-preferences", api_test::bearer(applicant.token),
                              R"({"language":"pt","jurisdiction":"MO","phone":"+85361234567",
                                  "channels":{"sms":true,"email":false}})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto now = http.get("/api/v1/notification-preferences", applicant.token).json();
  EXPECT_EQ(text(now, "language"), "pt");
  EXPECT_EQ(text(now, "phone"), "+85361234567");
  EXPECT_EQ(text(now, "email"), applicant.login);  // kept
  EXPECT_TRUE(now.at("channels").at("sms").as_bool());
  EXPECT_FALSE(now.at("channels").at("email").as_bool());

  // The next case writes in Portuguese, by SMS too, and by e-mail as well since "received" is statutory.
  std::string id = submit_case(node, applicant);
  auto rows = node.node().store().list_case_notifications(id);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) EXPECT_EQ(row.language, "pt");
}

}  // namespace
}  // namespace tongban::notify_test

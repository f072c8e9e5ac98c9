// The notification outbox on a real node: a case event makes its notifications in the event's own transaction, in
// the applicant's language, one row per channel, never twice; optional notices of other parts (shipments) follow
// the channel choice, quiet hours in the recipient's local time, the rate limit and de-duplication.
#include <gtest/gtest.h>

#include "domain/calendar_date.h"
#include "notify_fixture.h"

namespace tongban::notify_test {
namespace {

store::NotificationPreferencesRecord prefs(std::string language, std::string jurisdiction, std::string email,
                                           std::string phone, bool email_on, bool sms_on) {
  return {"", std::move(language), std::move(jurisdiction), std::move(email), std::move(phone), email_on, sms_on, true,
          0};
}

node::NotifiableEvent shipment_event(const std::string& kind, const std::string& key, const std::string& case_id,
                                     std::int64_t at_ms) {
  return {kind, key, case_id, at_ms, "nobody at home", "RR123456785MO"};
}

TEST(NotificationOutbox, ASubmittedCaseTellsTheApplicantInTheirLanguageOnEveryChannelOnce) {
  NodeUnderTest node;
  auto applicant =
      applicant_with_preferences(node, "maria", prefs("pt", "MO", "maria@example.mo", "+85361234567", false, false));
  std::string id = submit_case(node, applicant);
  auto inbox = rows_of(node, id, "in_app");
  auto mail = rows_of(node, id, "email");
  auto sms = rows_of(node, id, "sms");
  // Statutory: every channel with an address, though the applicant switched e-mail and SMS off.
  ASSERT_EQ(inbox.size(), 1u);
  ASSERT_EQ(mail.size(), 1u);
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(inbox[0].status, store::NotificationStatus::delivered);
  EXPECT_EQ(mail[0].status, store::NotificationStatus::created);
  EXPECT_EQ(mail[0].kind, "received");
  EXPECT_EQ(mail[0].language, "pt");
  EXPECT_EQ(mail[0].address, "maria@example.mo");
  EXPECT_TRUE(mail[0].statutory);
  const auto* item = node.node().catalog()->catalog.find_item(api_test::kItemCode);
  EXPECT_NE(mail[0].body.find(item->name.pt), std::string::npos) << mail[0].body;
  EXPECT_NE(mail[0].subject.find(id), std::string::npos);
  EXPECT_NE(mail[0].body.find("2 de Março de 2026"), std::string::npos) << mail[0].body;
  EXPECT_EQ(sms[0].subject, "");
  EXPECT_NE(sms[0].body.find(id), std::string::npos);

  // The same event again (a replay, a second caller): nothing new.
  auto events = node.node().store().list_events(id);
  ASSERT_FALSE(events.empty());
  int written = node.node().store().transact(
      [&](store::Transaction& tx) { return node.node().notifier().case_event(tx, *tx.find_case(id), events.front()); });
  EXPECT_EQ(written, 0);
  EXPECT_EQ(node.node().store().list_case_notifications(id).size(), 3u);
}

TEST(NotificationOutbox, WithoutPreferencesTheJurisdictionLanguageAndTheLoginAddressAreUsed) {
  NodeUnderTest node;
  auto applicant = node.register_applicant("wang");
  std::string id = submit_case(node, applicant);
  auto mail = rows_of(node, id, "email");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].language, "zh-Hans");  // Jiangmen's first language
  EXPECT_EQ(mail[0].address, applicant.login);
  EXPECT_TRUE(rows_of(node, id, "sms").empty());  // no phone known
}

TEST(NotificationOutbox, AFailedCaseActionWritesNoNotification) {
  NodeUnderTest node;
  auto applicant = node.register_applicant("li");
  auto reviewer = node.add_reviewer("li-reviewer", std::string(api_test::kItemAuthority));
  std::string id = submit_case(node, applicant);
  std::size_t before = node.node().store().list_case_notifications(id).size();
  auto http = node.client();
  // Rejected without the reason the law requires: refused, the transaction rolls back with its notifications.
  auto refused = api_test::act(http, reviewer.token, id, 1, {{"action", "not_accept"}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(node.node().store().list_case_notifications(id).size(), before);
}

TEST(NotificationOutbox, OptionalNoticesFollowChoiceQuietHoursRateLimitAndDedup) {
  NodeUnderTest node;
  auto applicant =
      applicant_with_preferences(node, "chan", prefs("zh-Hant", "HK", "chan@example.hk", "+85291234567", false, true));
  std::string id = submit_case(node, applicant);
  domain::NotificationPolicy policy;
  policy.rate_limit = {2, 3'600'000};
  node.node().notifier().set_policy(policy);
  auto record = [&](const node::NotifiableEvent& event) {
    return node.node().store().transact(
        [&](store::Transaction& tx) { return node.node().notifier().record(tx, event); });
  };
  std::int64_t nine = node.now_ms();  // 09:00 in Hong Kong
  // E-mail switched off: inbox and SMS only.
  EXPECT_EQ(record(shipment_event("shipment_failed_attempt", "shipment:1:1", id, nine)), 2);
  auto sms = rows_of(node, id, "sms");
  ASSERT_EQ(sms.size(), 2u);  // the statutory "received" and this one
  EXPECT_EQ(sms[1].kind, "shipment_failed_attempt");
  EXPECT_NE(sms[1].body.find("RR123456785MO"), std::string::npos);
  EXPECT_NE(sms[1].body.find("派遞不成功"), std::string::npos) << sms[1].body;
  EXPECT_EQ(sms[1].not_before_ms, nine);
  EXPECT_EQ(rows_of(node, id, "email").size(), 1u);  // only the statutory one
  // The carrier repeats the event under another key: not made again, on any channel.
  EXPECT_EQ(record(shipment_event("shipment_failed_attempt", "shipment:1:2", id, nine)), 0);
  // A second optional notice fits the limit of 2 an hour; the third waits for room.
  EXPECT_EQ(record(shipment_event("shipment_held_by_customs", "shipment:1:3", id, nine)), 2);
  EXPECT_EQ(record(shipment_event("shipment_delivered", "shipment:1:4", id, nine)), 2);
  sms = rows_of(node, id, "sms");
  ASSERT_EQ(sms.size(), 4u);
  EXPECT_EQ(sms[2].not_before_ms, nine);
  EXPECT_EQ(sms[3].not_before_ms, nine + 3'600'000);
  EXPECT_EQ(sms[3].next_attempt_at_ms, sms[3].not_before_ms);
  // The inbox is neither held nor limited.
  auto inbox = rows_of(node, id, "in_app");
  ASSERT_EQ(inbox.size(), 4u);
  EXPECT_EQ(inbox[3].status, store::NotificationStatus::delivered);

  // 23:30 in Hong Kong: an optional SMS waits until 08:00 there.
  std::int64_t late = nine + 14 * 3'600'000 + 30 * 60'000;
  node.node().set_clock([late] { return late; });
  EXPECT_EQ(record(shipment_event("shipment_failed_attempt", "shipment:2:1", id, late)), 0);  // dedup (24 h)
  EXPECT_EQ(record({"shipment_delivered", "shipment:3:1", id, late, "", "RR999999995MO"}), 2);
  sms = rows_of(node, id, "sms");
  EXPECT_EQ(sms.back().not_before_ms, nine + 23 * 3'600'000);  // 08:00 the next day
  EXPECT_NE(sms.back().last_error.find("quiet_hours"), std::string::npos);
  // An event kind nobody mapped notifies nobody.
  EXPECT_EQ(record({"start_review", "x:1", id, late, "", ""}), 0);
}

}  // namespace
}  // namespace tongban::notify_test

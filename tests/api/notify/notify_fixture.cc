#include "notify_fixture.h"

#include <gtest/gtest.h>

namespace tongban::notify_test {

using api_test::act;
using api_test::text;

TestAccount applicant_with_preferences(NodeUnderTest& node, const std::string& name,
                                       const store::NotificationPreferencesRecord& preferences) {
  TestAccount applicant = node.register_applicant(name);
  auto stored = preferences;
  stored.account_id = applicant.id;
  node.node().store().write([&](store::Transaction& tx) { tx.put_notification_preferences(stored); });
  return applicant;
}

std::string submit_case(NodeUnderTest& node, const TestAccount& applicant) {
  auto http = node.client();
  auto materials = api_test::upload_required_materials(http, applicant.token, applicant.login);
  auto kase = api_test::open_case_ok(http, applicant.token, api_test::application(applicant, materials));
  return text(kase, "id");
}

void accept_and_approve(NodeUnderTest& node, const TestAccount& reviewer, const std::string& case_id,
                        const std::string& note) {
  auto http = node.client();
  auto accepted = act(http, reviewer.token, case_id, 1, {{"action", "accept"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto approved = act(http, reviewer.token, case_id, 2, {{"action", "approve"}, {"note", note}});
  ASSERT_EQ(approved.status, 200) << approved.body;
}

std::vector<store::NotificationRecord> rows_of(NodeUnderTest& node, const std::string& case_id,
                                               const std::string& channel) {
  std::vector<store::NotificationRecord> rows;
  for (auto& row : node.node().store().list_case_notifications(case_id))
    if (row.channel == channel) rows.push_back(row);
  return rows;
}

}  // namespace tongban::notify_test

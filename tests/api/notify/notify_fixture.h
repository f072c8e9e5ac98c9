// Test support for the notification tests: applicants with notification preferences, a case taken from submitted
// to decided over the real API, and the notification rows of a case.
#pragma once

#include <string>
#include <vector>

#include "case_scenario.h"
#include "node_under_test.h"
#include "store/store.h"

namespace tongban::notify_test {

using api_test::NodeUnderTest;
using api_test::TestAccount;

// Registers an applicant and stores their notification preferences (through the store, as the API does).
TestAccount applicant_with_preferences(NodeUnderTest& node, const std::string& name,
                                       const store::NotificationPreferencesRecord& preferences);

// Opens and submits a case for `applicant`; returns its id.
std::string submit_case(NodeUnderTest& node, const TestAccount& applicant);
// The reviewer accepts and approves (with `note`) the case.
void accept_and_approve(NodeUnderTest& node, const TestAccount& reviewer, const std::string& case_id,
                        const std::string& note);

// The notifications of a case on one channel, oldest first.
std::vector<store::NotificationRecord> rows_of(NodeUnderTest& node, const std::string& case_id,
                                               const std::string& channel);

}  // namespace tongban::notify_test

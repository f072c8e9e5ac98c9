// The video-help call queue (domain/help_call_queue.h): request, join once, end once, and the timeouts.
#include "domain/help_call_queue.h"

#include <gtest/gtest.h>

namespace tongban::domain {
namespace {

constexpr std::int64_t kT0 = 1'000'000;

TEST(HelpCallQueue, ARequestWaitsUntilOneClerkJoinsOnce) {
  HelpCallQueue queue;
  auto made = queue.request("VH-1", "KIOSK-1", "JM-WIN-CITY", "visit-a", "", kT0);
  ASSERT_EQ(made.outcome, RequestOutcome::created);
  EXPECT_EQ(made.call->state, HelpCallState::waiting);
  ASSERT_EQ(queue.waiting().size(), 1u);
  EXPECT_EQ(queue.waiting()[0].id, "VH-1");

  EXPECT_EQ(queue.join("VH-1", "clerk-1", kT0 + 10), JoinOutcome::joined);
  EXPECT_EQ(queue.join("VH-1", "clerk-2", kT0 + 11), JoinOutcome::taken);
  EXPECT_EQ(queue.join("VH-1", "clerk-1", kT0 + 12), JoinOutcome::taken);
  EXPECT_EQ(queue.join("VH-404", "clerk-1", kT0), JoinOutcome::not_found);
  auto call = queue.find("VH-1");
  EXPECT_EQ(call->state, HelpCallState::joined);
  EXPECT_EQ(call->clerk_id, "clerk-1");
  EXPECT_EQ(call->joined_at_ms, kT0 + 10);
  EXPECT_TRUE(queue.waiting().empty());
  EXPECT_EQ(queue.joined_by("clerk-1").size(), 1u);
  EXPECT_TRUE(queue.joined_by("clerk-2").empty());
}

TEST(HelpCallQueue, OneLiveCallPerVisitAndOldestFirst) {
  HelpCallQueue queue;
  queue.request("VH-b", "KIOSK-1", "JM-WIN-CITY", "visit-a", "", kT0);
  auto again = queue.request("VH-c", "KIOSK-1", "JM-WIN-CITY", "visit-a", "", kT0 + 5);
  EXPECT_EQ(again.outcome, RequestOutcome::existing);
  EXPECT_EQ(again.call->id, "VH-b");
  EXPECT_FALSE(queue.find("VH-c"));
  queue.request("VH-a", "KIOSK-2", "JM-WIN-CITY", "visit-b", "acc-9", kT0 + 7);
  auto waiting = queue.waiting();
  ASSERT_EQ(waiting.size(), 2u);
  EXPECT_EQ(waiting[0].id, "VH-b");  // requested first, whatever its id
  EXPECT_EQ(waiting[1].holder, "acc-9");
  // Once ended, the visit may call again.
  EXPECT_TRUE(queue.end("VH-b", HelpCallEnd::applicant_left, kT0 + 8));
  EXPECT_EQ(queue.request("VH-d", "KIOSK-1", "JM-WIN-CITY", "visit-a", "", kT0 + 9).outcome, RequestOutcome::created);
}

TEST(HelpCallQueue, AFullQueueRefusesAndAnEndedCallNeverChanges) {
  HelpCallQueue queue(HelpQueueLimits{.max_waiting = 2});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  queue.request("VH-2", "K", "P", "v2", "", kT0);
  auto full = queue.request("VH-3", "K", "P", "v3", "", kT0);
  EXPECT_EQ(full.outcome, RequestOutcome::full);
  EXPECT_FALSE(full.call);
  EXPECT_FALSE(queue.find("VH-3"));

  EXPECT_TRUE(queue.end("VH-1", HelpCallEnd::clerk_left, kT0 + 1));
  EXPECT_FALSE(queue.end("VH-1", HelpCallEnd::no_clerk, kT0 + 2));
  EXPECT_EQ(queue.join("VH-1", "clerk", kT0 + 3), JoinOutcome::ended);
  queue.connected("VH-1", true, kT0 + 4);
  auto call = queue.find("VH-1");
  EXPECT_EQ(call->end_reason, HelpCallEnd::clerk_left);
  EXPECT_EQ(call->ended_at_ms, kT0 + 1);
  EXPECT_FALSE(call->clerk_connected);
  EXPECT_EQ(queue.request("VH-4", "K", "P", "v4", "", kT0).outcome, RequestOutcome::created);  // room again
}

TEST(HelpCallQueue, NobodyJoiningInTimeEndsTheCall) {
  HelpCallQueue queue(HelpQueueLimits{.waiting_ms = 1000});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  queue.connected("VH-1", false, kT0);
  EXPECT_TRUE(queue.expire(kT0 + 1000).empty());
  auto ended = queue.expire(kT0 + 1001);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].end_reason, HelpCallEnd::no_clerk);
  EXPECT_EQ(queue.find("VH-1")->state, HelpCallState::ended);
}

TEST(HelpCallQueue, AJoinedClerkWhoNeverConnectsEndsTheCall) {
  HelpCallQueue queue(HelpQueueLimits{.connect_ms = 500});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  queue.connected("VH-1", false, kT0);
  queue.join("VH-1", "clerk", kT0 + 100);
  EXPECT_TRUE(queue.expire(kT0 + 600).empty());
  auto ended = queue.expire(kT0 + 601);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].end_reason, HelpCallEnd::not_connected);
}

TEST(HelpCallQueue, ADroppedConnectionHasAGraceThenEndsTheCall) {
  HelpCallQueue queue(HelpQueueLimits{.reconnect_ms = 300});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  queue.connected("VH-1", false, kT0);
  queue.join("VH-1", "clerk", kT0);
  queue.connected("VH-1", true, kT0 + 1);
  queue.disconnected("VH-1", true, kT0 + 10);
  EXPECT_TRUE(queue.expire(kT0 + 200).empty());
  queue.connected("VH-1", true, kT0 + 250);  // back in time
  EXPECT_TRUE(queue.expire(kT0 + 400).empty());
  queue.disconnected("VH-1", false, kT0 + 500);
  auto ended = queue.expire(kT0 + 801);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].end_reason, HelpCallEnd::connection_lost);
}

TEST(HelpCallQueue, AKioskPageThatLeavesWhileWaitingEndsItsCall) {
  HelpCallQueue queue(HelpQueueLimits{.reconnect_ms = 300});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  EXPECT_TRUE(queue.expire(kT0 + 5000).empty());  // a page without script never connects: the call still waits
  queue.connected("VH-1", false, kT0 + 5000);
  queue.disconnected("VH-1", false, kT0 + 5100);
  auto ended = queue.expire(kT0 + 5401);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].end_reason, HelpCallEnd::applicant_left);
}

TEST(HelpCallQueue, EndedCallsAreForgottenAfterTheirKeepTime) {
  HelpCallQueue queue(HelpQueueLimits{.keep_ended_ms = 1000});
  queue.request("VH-1", "K", "P", "v1", "", kT0);
  queue.end("VH-1", HelpCallEnd::applicant_left, kT0);
  queue.expire(kT0 + 1000);
  EXPECT_TRUE(queue.find("VH-1"));
  queue.expire(kT0 + 1001);
  EXPECT_FALSE(queue.find("VH-1"));
}

TEST(HelpCallQueue, ReasonsHaveStableWords) {
  EXPECT_EQ(to_string(HelpCallEnd::no_clerk), "no_clerk");
  EXPECT_EQ(to_string(HelpCallEnd::visit_ended), "visit_ended");
  EXPECT_EQ(to_string(HelpCallState::joined), "joined");
}

}  // namespace
}  // namespace tongban::domain

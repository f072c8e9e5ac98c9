// Schema version 12 (好差评, docs/ratings.md): one rating per case and channel, the follow-up of a bad one with its
// response and the applicant's answer, the authority's queue; on SQLite and (pg.RatingStore.*) on PostgreSQL.
#include <gtest/gtest.h>

#include "store/store_error.h"
#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::sample_case;
using testing::TempDir;

std::string new_case(Store& store) {
  return store.transact([](Transaction& tx) {
    if (!tx.find_account_by_id("ap_1")) tx.insert_account(sample_account("ap_1", "rater@example.mo"));
    return tx.insert_case(sample_case("ap_1"), std::nullopt).kase.id;
  });
}

domain::Rating rating_of(const std::string& case_id, domain::Channel channel, int level) {
  return {case_id, channel, level, level <= 2 ? "太慢了" : "", "ap_1", 1'764'550'000'000};
}

domain::RatingFollowUp follow_up_of(const std::string& case_id, const std::string& authority, const std::string& due) {
  domain::RatingFollowUp follow_up;
  follow_up.case_id = case_id;
  follow_up.channel = domain::Channel::web;
  follow_up.authority = authority;
  follow_up.due_on = *domain::parse_date(due);
  follow_up.opened_at_ms = 1'764'550'000'000;
  return follow_up;
}

TEST(RatingStore, ACaseIsRatedOncePerChannelAndTheRatingsSurviveAReopen) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto id = new_case(*store);
  EXPECT_TRUE(
      store->transact([&](Transaction& tx) { return tx.insert_rating(rating_of(id, domain::Channel::web, 2)); }));
  EXPECT_FALSE(
      store->transact([&](Transaction& tx) { return tx.insert_rating(rating_of(id, domain::Channel::web, 5)); }));
  EXPECT_TRUE(
      store->transact([&](Transaction& tx) { return tx.insert_rating(rating_of(id, domain::Channel::window, 4)); }));
  store.reset();
  auto reopened = open_store(dir.path());
  auto ratings = reopened->list_case_ratings(id);
  ASSERT_EQ(ratings.size(), 2u);
  EXPECT_EQ(ratings[0].channel, domain::Channel::web);  // by channel word
  EXPECT_EQ(ratings[0].level, 2);
  EXPECT_EQ(ratings[0].comment, "太慢了");
  EXPECT_EQ(ratings[1].channel, domain::Channel::window);
  EXPECT_EQ(reopened->list_ratings().size(), 2u);
}

TEST(RatingStore, ALevelOutsideOneToFiveOrARatingOfNoCaseIsRefusedAndNothingIsWritten) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto id = new_case(*store);
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.insert_rating(rating_of(id, domain::Channel::web, 6)); }),
               std::invalid_argument);
  EXPECT_ANY_THROW(
      store->write([&](Transaction& tx) { tx.insert_rating(rating_of("JM-2026-999999", domain::Channel::web, 3)); }));
  EXPECT_TRUE(store->list_ratings().empty());
}

TEST(RatingStore, AFollowUpIsAnsweredAndTheQueueListsTheOpenOnesOfAnAuthority) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto first = new_case(*store);
  auto second = new_case(*store);
  store->write([&](Transaction& tx) {
    tx.insert_rating(rating_of(first, domain::Channel::web, 1));
    tx.insert_rating(rating_of(second, domain::Channel::web, 2));
    tx.insert_rating_follow_up(follow_up_of(second, "MO-DSI", "2026-12-21"));
    tx.insert_rating_follow_up(follow_up_of(first, "MO-DSI", "2026-12-22"));
  });
  auto queue = store->list_rating_follow_ups("MO-DSI", true);
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0].case_id, second);  // by due day
  EXPECT_TRUE(store->list_rating_follow_ups("MO-IACM", false).empty());
  EXPECT_EQ(store->list_rating_follow_ups("*", false).size(), 2u);

  auto answered = queue[1];
  answered.response = "已增开窗口。";
  answered.responded_by = "st_reviewer";
  answered.responded_at_ms = 1'764'600'000'000;
  answered.responded_on = *domain::parse_date("2026-12-10");
  answered.answer = domain::FollowUpAnswer::unsatisfied;
  answered.answer_comment = "还是要排队";
  answered.answered_at_ms = 1'764'700'000'000;
  store->write([&](Transaction& tx) { tx.update_rating_follow_up(answered); });
  auto stored = store->find_rating_follow_up(first, domain::Channel::web);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->open());
  EXPECT_TRUE(stored->responded_in_time());
  EXPECT_EQ(stored->response, "已增开窗口。");
  EXPECT_EQ(stored->answer, domain::FollowUpAnswer::unsatisfied);
  EXPECT_EQ(stored->answer_comment, "还是要排队");
  EXPECT_EQ(store->list_rating_follow_ups("MO-DSI", true).size(), 1u);
  EXPECT_FALSE(store->find_rating_follow_up(first, domain::Channel::kiosk));
  auto missing = answered;
  missing.case_id = "JM-2026-999999";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.update_rating_follow_up(missing); }), NotFound);
}

}  // namespace
}  // namespace tongban::store

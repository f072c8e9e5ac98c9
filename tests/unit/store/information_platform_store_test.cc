// Schema version 13 (issue 12): notices — the node's own with their serials, the peers' copies by revision —,
// applicants' subscriptions, and the region's daily aggregates, the latest per node and day; on SQLite and
// (pg.InformationPlatformStore.*) on PostgreSQL.
#include <gtest/gtest.h>

#include "store/store_error.h"
#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::TempDir;

domain::Notice draft_of(const std::string& node) {
  domain::Notice notice;
  notice.origin_node = node;
  notice.origin_jurisdiction = node;
  notice.topic = domain::NoticeTopic::holiday_hours;
  notice.title.zh_hans = "春节期间服务时间";
  notice.title.en = "Opening hours over the Spring Festival";
  notice.body.pt = "Linha 1\nLinha 2";
  notice.item_codes = {"MO-DSI-001", "MO-DSI-002"};
  notice.zone_codes = {"ZONE-MO-IN-JM"};
  notice.valid_from = *domain::parse_date("2027-02-01");
  notice.valid_until = *domain::parse_date("2027-02-20");
  notice.author = "st_author";
  notice.created_at_ms = 1'764'550'000'000;
  notice.updated_at_ms = notice.created_at_ms;
  return notice;
}

TEST(InformationPlatformStore, ANodesNoticesTakeTheNextSerialAndKeepEveryFieldThroughAReopen) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto first = store->transact([](Transaction& tx) { return tx.insert_notice(draft_of("MO")); });
  auto second = store->transact([](Transaction& tx) { return tx.insert_notice(draft_of("MO")); });
  EXPECT_EQ(first.id, "MO-N-1");
  EXPECT_EQ(second.id, "MO-N-2");
  second.state = domain::NoticeState::published;
  second.approver = "st_approver";
  second.revision = 1;
  second.published_at_ms = 1'764'560'000'000;
  second.valid_until.reset();
  store->write([&](Transaction& tx) { tx.update_notice(second); });
  store.reset();
  auto reopened = open_store(dir.path());
  auto held = reopened->find_notice("MO-N-2");
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->state, domain::NoticeState::published);
  EXPECT_EQ(held->title.zh_hans, "春节期间服务时间");
  EXPECT_EQ(held->body.pt, "Linha 1\nLinha 2");
  EXPECT_EQ(held->item_codes, (std::vector<std::string>{"MO-DSI-001", "MO-DSI-002"}));
  EXPECT_EQ(held->zone_codes, std::vector<std::string>{"ZONE-MO-IN-JM"});
  EXPECT_EQ(domain::format_date(held->valid_from), "2027-02-01");
  EXPECT_FALSE(held->valid_until.has_value());
  EXPECT_EQ(held->approver, "st_approver");
  EXPECT_EQ(held->revision, 1);
  EXPECT_EQ(reopened->list_notices().size(), 2u);
  EXPECT_FALSE(reopened->find_notice("MO-N-3").has_value());
}

TEST(InformationPlatformStore, UpdatingANoticeThatIsNotHeldIsNotFoundAndWritesNothing) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto notice = draft_of("MO");
  notice.id = "MO-N-9";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.update_notice(notice); }), NotFound);
  EXPECT_TRUE(store->list_notices().empty());
}

TEST(InformationPlatformStore, APeersCopyIsReplacedOnlyByAHigherRevision) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto copy = draft_of("MO");
  copy.id = "MO-N-7";
  copy.state = domain::NoticeState::published;
  copy.revision = 1;
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.keep_notice_copy(copy, 10); }));
  auto withdrawn = copy;
  withdrawn.state = domain::NoticeState::withdrawn;
  withdrawn.revision = 2;
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.keep_notice_copy(withdrawn, 20); }));
  // The first publication arriving late, or again, changes nothing.
  EXPECT_FALSE(store->transact([&](Transaction& tx) { return tx.keep_notice_copy(copy, 30); }));
  EXPECT_FALSE(store->transact([&](Transaction& tx) { return tx.keep_notice_copy(withdrawn, 40); }));
  EXPECT_EQ(store->find_notice("MO-N-7")->state, domain::NoticeState::withdrawn);
  // A copy whose id names another node than its origin is refused.
  auto forged = copy;
  forged.id = "CN-GD-JM-N-1";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.keep_notice_copy(forged, 50); }), std::invalid_argument);
  EXPECT_EQ(store->list_notices().size(), 1u);
  // The node's own next serial is not disturbed by a peer's copies.
  EXPECT_EQ(store->transact([](Transaction& tx) { return tx.insert_notice(draft_of("CN-GD-JM")); }).id, "CN-GD-JM-N-1");
}

TEST(InformationPlatformStore, SubscriptionsAreAddedOnceRemovedAndListedPerAccount) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([](Transaction& tx) {
    tx.insert_account(sample_account("ap_1", "one@example.mo"));
    tx.insert_account(sample_account("ap_2", "two@example.mo"));
  });
  domain::NoticeSubscription topic{"ap_1", domain::NoticeSubscriptionKind::topic, "holiday_hours"};
  domain::NoticeSubscription item{"ap_1", domain::NoticeSubscriptionKind::item, "MO-DSI-001"};
  domain::NoticeSubscription other{"ap_2", domain::NoticeSubscriptionKind::zone, "ZONE-MO-IN-JM"};
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.add_notice_subscription(topic, 1); }));
  EXPECT_FALSE(store->transact([&](Transaction& tx) { return tx.add_notice_subscription(topic, 2); }));
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.add_notice_subscription(item, 3); }));
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.add_notice_subscription(other, 4); }));
  EXPECT_EQ(store->list_notice_subscriptions("ap_1"), (std::vector<domain::NoticeSubscription>{item, topic}));
  EXPECT_EQ(store->list_notice_subscriptions("*").size(), 3u);
  EXPECT_TRUE(store->transact([&](Transaction& tx) { return tx.remove_notice_subscription(item); }));
  EXPECT_FALSE(store->transact([&](Transaction& tx) { return tx.remove_notice_subscription(item); }));
  EXPECT_EQ(store->list_notice_subscriptions("ap_1"), std::vector<domain::NoticeSubscription>{topic});
  // A malformed subscription or one of no account is refused and writes nothing.
  domain::NoticeSubscription bad_topic{"ap_1", domain::NoticeSubscriptionKind::topic, "weather"};
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.add_notice_subscription(bad_topic, 5); }), std::invalid_argument);
  domain::NoticeSubscription nobody{"ap_9", domain::NoticeSubscriptionKind::topic, "policy"};
  EXPECT_ANY_THROW(store->write([&](Transaction& tx) { tx.add_notice_subscription(nobody, 6); }));
  EXPECT_EQ(store->list_notice_subscriptions("*").size(), 2u);
}

RegionAggregateRecord aggregate_of(const std::string& node, const std::string& day, std::int64_t generated) {
  return {node, day, generated, 5, "{\"generated\":" + std::to_string(generated) + "}", generated + 1, "m-" + node};
}

TEST(InformationPlatformStore, TheLatestAggregatePerNodeAndDayIsKeptAndListedByDayThenNode) {
  TempDir dir;
  auto store = open_store(dir.path());
  auto keep = [&](const RegionAggregateRecord& record) {
    return store->transact([&](Transaction& tx) { return tx.keep_region_aggregate(record); });
  };
  EXPECT_TRUE(keep(aggregate_of("MO", "2026-12-01", 100)));
  EXPECT_TRUE(keep(aggregate_of("MO", "2026-12-01", 200)));   // republished later: replaces
  EXPECT_FALSE(keep(aggregate_of("MO", "2026-12-01", 150)));  // an older one arriving late: ignored
  EXPECT_FALSE(keep(aggregate_of("MO", "2026-12-01", 200)));  // the same again: ignored
  EXPECT_TRUE(keep(aggregate_of("HK", "2026-12-01", 120)));
  EXPECT_TRUE(keep(aggregate_of("CN-GD-JM", "2026-12-02", 130)));
  auto all = store->list_region_aggregates("", "");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].node_id, "HK");
  EXPECT_EQ(all[1].node_id, "MO");
  EXPECT_EQ(all[1].generated_at_ms, 200);
  EXPECT_EQ(all[1].document, "{\"generated\":200}");
  EXPECT_EQ(all[2].day, "2026-12-02");
  EXPECT_EQ(store->list_region_aggregates("2026-12-02", "").size(), 1u);
  EXPECT_EQ(store->list_region_aggregates("", "2026-12-01").size(), 2u);
  EXPECT_THROW(keep(aggregate_of("MO", "2026-13-01", 300)), std::invalid_argument);
  EXPECT_EQ(store->list_region_aggregates("", "").size(), 3u);
}

}  // namespace
}  // namespace tongban::store

// RegionExchange: a node's part in the region's information network (issue 12 §2–3, docs/region.md) — what it
// shares that is about no case, over the federation, with the peers that subscribe.
//
//   - Notices (message type notice.published, domain/notice.h, node/notice_json.h): when one of this node's
//     notices is approved or withdrawn (node/notice_desk.h), it is queued in the same store job for every peer
//     whose grant lets it receive the data category "notices". A peer's notice is kept through
//     NoticeDesk::keep_copy (from its origin node only, checked as a local one would be, the highest revision wins).
//   - Daily aggregates (message type statistics.daily, domain/region_aggregate.h, node/region_aggregate_json.h):
//     the figures of the cases taken in on one local day, small cells suppressed with k, signed as the envelope is
//     signed, kept by this node (message_id "") and queued for every peer granted the category "statistics" (the
//     directory operator's body is such a peer). publish_day() publishes one day now; the publishing thread
//     publishes the last `days_back` days every `publish_interval` (a cohort's figures change as its cases are
//     decided), skipping a day whose figures did not change since the aggregate held. A peer's aggregate is
//     parsed strictly, must be the sender's own, and is kept when generated later than the one held.
// Neither carries personal data: the envelopes' data categories name the grant ("notices", "statistics"), not a
// kind of personal data. A refused message is answered with a signed rejection (MessageRejected: notice_invalid,
// aggregate_invalid, not_sender, aggregate_out_of_range: a day after tomorrow or older than kMaxDaysBack days), and
// nothing of it is kept.
//
// Ownership: borrows the Node and the FederationNode (both outlive it); attaches itself as the node's RegionPort
// and detaches in the destructor. stop() (or the destructor) ends the publishing thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "domain/calendar_date.h"
#include "domain/cell_suppression.h"
#include "domain/region_aggregate.h"
#include "federation/federation_node.h"
#include "federation/message_handler.h"
#include "node/node.h"
#include "node/periodic_task.h"
#include "node/region_port.h"

namespace tongban::region {

inline constexpr std::string_view kNoticeMessageType = "notice.published";
inline constexpr std::string_view kDailyAggregateMessageType = "statistics.daily";
inline constexpr std::string_view kNoticesCategory = "notices";
inline constexpr std::string_view kStatisticsCategory = "statistics";

inline constexpr int kMaxDaysBack = 366;  // the most days a node republishes; older received aggregates are refused

struct RegionSettings {
  std::int64_t k = domain::kDefaultSuppressionThreshold;  // cells below k are suppressed
  std::chrono::milliseconds publish_interval{3600'000};
  int days_back = 31;  // the days published each round: today and the days_back - 1 before it
};

class RegionExchange final : public node::RegionPort {
 public:
  RegionExchange(node::Node& node, federation::FederationNode& federation, RegionSettings settings);
  ~RegionExchange() override;
  RegionExchange(const RegionExchange&) = delete;
  RegionExchange& operator=(const RegionExchange&) = delete;

  void register_handlers(federation::MessageDispatch& dispatch);
  void start();
  void stop();

  std::string network_node_id() const override;
  void notice_changed(store::Transaction& tx, const domain::Notice& notice) override;

  // Publishes the aggregate of `day` now (one store job): kept here and queued for the subscribing peers. Returns
  // false when the figures are those of the aggregate held already (nothing sent).
  bool publish_day(domain::CalendarDate day);
  // The days of one round: today's local date and the days_back - 1 before it. Returns how many were published.
  int publish_recent();
  const RegionSettings& settings() const { return settings_; }

 private:
  void apply_notice(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_aggregate(const federation::Envelope& envelope, store::Transaction& tx);
  // Keeps the node's own aggregate and queues it for the peers, unless the held one has the same figures.
  bool keep_and_send(domain::DailyAggregate aggregate);
  void send(store::Transaction& tx, std::string_view type, std::string_view category, const std::string& payload);

  node::Node& node_;
  federation::FederationNode& federation_;
  RegionSettings settings_;
  node::PeriodicTask publisher_;  // last: its thread stops before the rest goes
};

}  // namespace tongban::region

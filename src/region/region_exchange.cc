#include "region/region_exchange.h"

#include <spdlog/spdlog.h>

#include "domain/problem.h"
#include "domain/region_aggregate.h"
#include "federation/outbox.h"
#include "node/case_statistics.h"
#include "node/notice_desk.h"
#include "node/notice_json.h"
#include "node/region_aggregate_json.h"
#include "node/strict_json.h"

namespace tongban::region {
namespace {

std::string problem_text(const domain::Problem& problem) {
  std::string text = problem.detail;
  for (const auto& error : problem.errors) text += "; " + error.field + " " + error.rule;
  return text;
}

}  // namespace

RegionExchange::RegionExchange(node::Node& node, federation::FederationNode& federation, RegionSettings settings)
    : node_(node),
      federation_(federation),
      settings_(settings),
      publisher_(
          "region: publishing the daily aggregates",
          [this] { spdlog::debug("region: published {} daily aggregate(s)", publish_recent()); },
          settings.publish_interval) {
  if (settings_.k < 1 || settings_.k > domain::kMaxSuppressionThreshold)
    throw std::invalid_argument("the region's suppression threshold k must be 1 to " +
                                std::to_string(domain::kMaxSuppressionThreshold));
  if (settings_.days_back < 1 || settings_.days_back > kMaxDaysBack)
    throw std::invalid_argument("the region's days_back must be 1 to " + std::to_string(kMaxDaysBack));
  node_.set_region(this);
}

RegionExchange::~RegionExchange() {
  node_.set_region(nullptr);
  stop();
}

std::string RegionExchange::network_node_id() const {
  return federation_.node_id();
}

void RegionExchange::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(kNoticeMessageType),
              [this](const federation::Envelope& envelope, store::Transaction& tx) { apply_notice(envelope, tx); });
  dispatch.on(std::string(kDailyAggregateMessageType),
              [this](const federation::Envelope& envelope, store::Transaction& tx) { apply_aggregate(envelope, tx); });
}

void RegionExchange::send(store::Transaction& tx, std::string_view type, std::string_view category,
                          const std::string& payload) {
  auto config = federation_.trust().current();
  for (const auto& peer : config->peers) {
    if (!peer.may_receive.count(std::string(category))) continue;
    try {
      federation_.outbox().enqueue(tx, {peer.node_id, std::string(type), "", {std::string(category)}, payload});
    } catch (const federation::OutboxRefused& refused) {
      spdlog::warn("region: {} not sent to {}: {}", type, peer.node_id, refused.what());
    }
  }
}

void RegionExchange::notice_changed(store::Transaction& tx, const domain::Notice& notice) {
  send(tx, kNoticeMessageType, kNoticesCategory, node::notice_json(notice));
}

void RegionExchange::apply_notice(const federation::Envelope& envelope, store::Transaction& tx) {
  domain::Notice notice;
  try {
    notice = node::parse_notice_json(envelope.payload);
  } catch (const node::JsonShapeError& error) {
    throw federation::MessageRejected("notice_invalid", error.what());
  }
  try {
    bool kept = node::NoticeDesk(node_).keep_copy(tx, notice, envelope.from);
    spdlog::info("region: notice {} revision {} from {} {}", notice.id, notice.revision, envelope.from,
                 kept ? "kept" : "ignored (the copy held is as new)");
  } catch (const domain::ProblemError& error) {
    throw federation::MessageRejected("notice_invalid", problem_text(error.problem()));
  }
}

void RegionExchange::apply_aggregate(const federation::Envelope& envelope, store::Transaction& tx) {
  domain::DailyAggregate aggregate;
  try {
    aggregate = node::parse_daily_aggregate(envelope.payload);
  } catch (const domain::ProblemError& error) {
    throw federation::MessageRejected("aggregate_invalid", problem_text(error.problem()));
  }
  if (aggregate.node_id != envelope.from)
    throw federation::MessageRejected("not_sender", "the aggregate of " + aggregate.node_id + " came from " +
                                                        envelope.from + ": a node publishes its own figures only");
  // A cohort the sender may still be publishing: not after tomorrow (time zones), not older than the longest
  // days_back a node may be set to. Anything else would only fill this node's store.
  const auto today =
      std::chrono::sys_days(domain::local_date(node_.now_ms(), node_.utc_offset_minutes(node_.config().jurisdiction)));
  const auto day = std::chrono::sys_days(aggregate.day);
  if (day > today + std::chrono::days(1) || day < today - std::chrono::days(kMaxDaysBack))
    throw federation::MessageRejected(
        "aggregate_out_of_range",
        "the aggregate of " + domain::format_date(aggregate.day) + " is not of a day a node still publishes");
  store::RegionAggregateRecord record{aggregate.node_id,         domain::format_date(aggregate.day),
                                      aggregate.generated_at_ms, aggregate.k,
                                      envelope.payload,          node_.now_ms(),
                                      envelope.message_id};
  tx.keep_region_aggregate(record);
}

bool RegionExchange::keep_and_send(domain::DailyAggregate aggregate) {
  const std::string day_text = domain::format_date(aggregate.day);
  return node_.store().transact([&](store::Transaction& tx) {
    for (const auto& held : tx.list_region_aggregates(day_text, day_text)) {
      if (held.node_id != aggregate.node_id || !held.message_id.empty()) continue;
      domain::DailyAggregate same = aggregate;
      same.generated_at_ms = held.generated_at_ms;
      if (node::daily_aggregate_json(same) == held.document) return false;
      if (aggregate.generated_at_ms <= held.generated_at_ms) aggregate.generated_at_ms = held.generated_at_ms + 1;
    }
    const std::string document = node::daily_aggregate_json(aggregate);
    tx.keep_region_aggregate(
        {aggregate.node_id, day_text, aggregate.generated_at_ms, aggregate.k, document, aggregate.generated_at_ms, ""});
    send(tx, kDailyAggregateMessageType, kStatisticsCategory, document);
    return true;
  });
}

bool RegionExchange::publish_day(domain::CalendarDate day) {
  auto aggregates = node::daily_aggregates(node_, {day}, settings_.k, network_node_id());
  return keep_and_send(std::move(aggregates.front()));
}

int RegionExchange::publish_recent() {
  domain::CalendarDate today =
      domain::local_date(node_.now_ms(), node_.utc_offset_minutes(node_.config().jurisdiction));
  std::vector<domain::CalendarDate> days;
  for (int back = settings_.days_back - 1; back >= 0; --back)
    days.emplace_back(std::chrono::sys_days(today) - std::chrono::days(back));
  int published = 0;
  for (auto& aggregate : node::daily_aggregates(node_, days, settings_.k, network_node_id()))
    if (keep_and_send(std::move(aggregate))) ++published;
  return published;
}

void RegionExchange::start() {
  publisher_.start();
}

void RegionExchange::stop() {
  publisher_.stop();
}

}  // namespace tongban::region

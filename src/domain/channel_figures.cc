#include "domain/channel_figures.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace tongban::domain {
namespace {

constexpr std::array kChannels = {Channel::web,  Channel::window, Channel::bank,
                                  Channel::post, Channel::kiosk,  Channel::cabin};
constexpr std::array kKinds = {ServicePointKind::window,      ServicePointKind::bank_branch,
                               ServicePointKind::post_office, ServicePointKind::kiosk,
                               ServicePointKind::cabin,       ServicePointKind::partner_office};

bool has(const std::vector<Channel>& channels, Channel channel) {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

bool shares_a_channel(const Item& item, const ServicePoint& point) {
  return std::any_of(point.channels.begin(), point.channels.end(),
                     [&](Channel channel) { return has(item.channels, channel); });
}

// Case tallies of one row, and the working days of its timed cases.
struct Tally {
  std::int64_t taken_in = 0;
  std::int64_t completed = 0;
  std::vector<int> days;
};

void finish(ChannelFigure& figure, const Tally& tally) {
  figure.cases_taken_in = tally.taken_in;
  figure.cases_completed = tally.completed;
  if (tally.taken_in > 0)
    figure.completion_rate = static_cast<double>(tally.completed) / static_cast<double>(tally.taken_in);
  figure.timed_cases = static_cast<std::int64_t>(tally.days.size());
  figure.median_working_days = median(tally.days);
}

}  // namespace

std::optional<double> median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (static_cast<double>(values[middle - 1]) + static_cast<double>(values[middle])) / 2.0;
}

ChannelFigures compute_channel_figures(const Catalog& catalog, std::string_view here,
                                       const std::vector<ChannelCaseFacts>& cases, const CalendarLookup& calendars) {
  std::map<Channel, std::set<std::string>> channel_items;
  std::map<ServicePointKind, std::set<std::string>> kind_items;
  std::map<Channel, int> channel_points;
  std::map<ServicePointKind, int> kind_points;
  for (const Item& item : catalog.items)
    if (item.jurisdiction == here && has(item.channels, Channel::web)) channel_items[Channel::web].insert(item.code);
  for (const ServicePoint& point : catalog.service_points) {
    if (point.jurisdiction != here) continue;
    ++kind_points[point.kind];
    for (Channel channel : point.channels) ++channel_points[channel];
    for (const Item& item : catalog.items) {
      if (!catalog.point_accepts_item(point, item)) continue;
      if (shares_a_channel(item, point)) kind_items[point.kind].insert(item.code);
      for (Channel channel : point.channels)
        if (has(item.channels, channel)) channel_items[channel].insert(item.code);
    }
  }

  std::map<Channel, Tally> by_channel;
  std::map<ServicePointKind, Tally> by_kind;
  for (const ChannelCaseFacts& facts : cases) {
    std::optional<int> days;
    if (facts.decided_at_ms) {
      const Jurisdiction* jurisdiction = catalog.find_jurisdiction(facts.jurisdiction);
      const WorkingCalendar* calendar = calendars ? calendars(facts.jurisdiction) : nullptr;
      if (jurisdiction && calendar) {
        CalendarDate from = local_date(facts.taken_in_at_ms, jurisdiction->utc_offset_minutes);
        CalendarDate to = local_date(*facts.decided_at_ms, jurisdiction->utc_offset_minutes);
        if (calendar->covers_range(from, to)) days = std::max(0, calendar->working_days_between(from, to));
      }
    }
    auto count = [&](Tally& tally) {
      ++tally.taken_in;
      if (facts.decided_at_ms) ++tally.completed;
      if (days) tally.days.push_back(*days);
    };
    count(by_channel[facts.channel]);
    if (facts.intake_point.empty()) continue;
    if (const ServicePoint* point = catalog.find_service_point(facts.intake_point)) count(by_kind[point->kind]);
  }

  ChannelFigures figures;
  for (Channel channel : kChannels) {
    ChannelFigure figure;
    figure.key = std::string(to_string(channel));
    figure.points = channel_points[channel];
    figure.items_available = static_cast<int>(channel_items[channel].size());
    finish(figure, by_channel[channel]);
    figures.channels.push_back(std::move(figure));
  }
  for (ServicePointKind kind : kKinds) {
    ChannelFigure figure;
    figure.key = std::string(to_string(kind));
    figure.points = kind_points[kind];
    figure.items_available = static_cast<int>(kind_items[kind].size());
    finish(figure, by_kind[kind]);
    figures.point_kinds.push_back(std::move(figure));
  }
  return figures;
}

}  // namespace tongban::domain

// Channel figures: per channel (web, window, bank, post, kiosk, cabin) and per service-point kind (window,
// bank_branch, post_office, kiosk, cabin, partner_office), what one node offers and how its cases went — items
// available, cases taken in, cases completed (a decision recorded: approve, reject or not_accept), the completion
// rate, and the median time from intake to decision in working days of the competent jurisdiction's calendar.
//
// Pure computation over values: the catalog, the facts of the node's cases as the store holds them (read each time,
// never kept: there is no second copy of any count), and the calendars. Nothing here does I/O. The API
// (GET /api/v1/statistics/channels) and /metrics show the result; docs/channels.md defines every figure.
//
// Invariants of the result: one row per Channel and one per ServicePointKind, in enum order, always (a channel with
// nothing has zeros); cases_completed <= cases_taken_in; timed_cases <= cases_completed; median_working_days is set
// only when timed_cases > 0.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/catalog.h"
#include "domain/working_calendar.h"

namespace tongban::domain {

// What the figures need of one case that was taken in (a case past draft).
struct ChannelCaseFacts {
  Channel channel = Channel::web;
  std::string intake_point;                   // "" for web
  std::string jurisdiction;                   // competent jurisdiction: its calendar counts the working days
  std::int64_t taken_in_at_ms = 0;            // the submit event (the case's creation when it has none)
  std::optional<std::int64_t> decided_at_ms;  // the first approve, reject or not_accept event
};

struct ChannelFigure {
  std::string key;  // the channel's or the kind's word ("bank", "bank_branch")
  int points = 0;   // service points of this node with this channel / of this kind
  int items_available = 0;
  std::int64_t cases_taken_in = 0;
  std::int64_t cases_completed = 0;
  std::optional<double> completion_rate;  // completed / taken in; unset when nothing was taken in
  std::int64_t timed_cases = 0;           // completed cases whose working days could be counted
  std::optional<double> median_working_days;
};

struct ChannelFigures {
  std::vector<ChannelFigure> channels;     // one per Channel, in enum order
  std::vector<ChannelFigure> point_kinds;  // one per ServicePointKind, in enum order
};

// The calendar of a jurisdiction, or nullptr when the node has none (its cases are then not timed).
using CalendarLookup = std::function<const WorkingCalendar*(std::string_view jurisdiction)>;

// Items available:
//  - through the web: the items of `here` (the node's jurisdiction) offered on the web channel;
//  - through another channel: the items some service point of `here` with that channel takes in
//    (Catalog::point_accepts_item) and that are offered through that channel;
//  - at a kind of point: the items some point of `here` of that kind takes in, offered through one of its channels.
// Cases: a case counts under its channel, and under the kind of its intake point when the catalog knows the point.
// Working days from intake to decision: working days d with intake date < d <= decision date (local dates at the
// competent jurisdiction's UTC offset), as WorkingCalendar::working_days_between counts them; a case is timed only
// when the calendar covers both years.
ChannelFigures compute_channel_figures(const Catalog& catalog, std::string_view here,
                                       const std::vector<ChannelCaseFacts>& cases, const CalendarLookup& calendars);

// The median of the values (the mean of the two middle ones for an even count); nullopt for none.
std::optional<double> median(std::vector<int> values);

}  // namespace tongban::domain

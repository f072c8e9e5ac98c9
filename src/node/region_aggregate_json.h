// The wire form of a daily aggregate (domain/region_aggregate.h): the JSON document a node signs and sends to the
// region, and the strict reading of one received from a peer.
//
//   {"format": "tongban.region.daily.v1", "node_id", "jurisdiction", "day": "2025-09-22", "generated_at_ms", "k",
//    "mode_by_channel": {"modes": [word], "channels": [word], "cells": [[count]], "mode_totals": [count],
//                        "channel_totals": [count], "grand_total": n},
//    "by_item": [row], "by_item_total": total, "by_mode": [row], "by_mode_total": total, "by_channel": [row],
//    "by_channel_total": total, "by_jurisdiction_pair": [row], "by_jurisdiction_pair_total": total}
//   row:   {"key", "received", "decided", "decided_within_legal", "overdue", "cases_with_supplement", "trips_saved",
//           "ratings_by_level": [5 counts, level 1 first], "bad_ratings_followed_up", "timed_cases",
//           "median_working_days"}
//   total: a row without "key"
// A count is a JSON integer, or null where it is hidden (never in a total, never grand_total); the median is a number
// or null. The paths of the fields are those of aggregate_problems ("by_item[3].received"), so a FieldError names the
// member it is about whichever check found it.
//
// Writing is deterministic: members in the order above, numbers as Boost.JSON writes them (a double in its shortest
// form that reads back to the same value), no white space, so the same aggregate gives the same bytes to sign, and
// parse_daily_aggregate(daily_aggregate_json(a)) == a. Reading refuses, with domain::ProblemError: a document over
// kMaxDailyAggregateBytes ("payload-too-large"); text that is not a JSON object ("malformed-json"); and every unknown,
// missing or mistyped member, every word or date that is not one, and then every problem aggregate_problems finds
// ("validation-failed", all of them listed as FieldErrors: rules "unknown_field", "required", "type", "format",
// "length", "date", and aggregate_problems' own). Of a member given twice, the last counts (Boost.JSON's reading); the
// signature over the bytes is the sender's, so only the sender could write such a document. No I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/region_aggregate.h"

namespace tongban::node {

inline constexpr std::string_view kDailyAggregateFormat = "tongban.region.daily.v1";
inline constexpr std::size_t kMaxDailyAggregateBytes = std::size_t{1024} * 1024;

std::string daily_aggregate_json(const domain::DailyAggregate& aggregate);
domain::DailyAggregate parse_daily_aggregate(std::string_view json);

}  // namespace tongban::node

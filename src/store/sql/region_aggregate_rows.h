// The region's daily aggregates as held (schema version 13): for each node and day, the latest document the node
// published (domain/region_aggregate.h, encoded by node/region_aggregate_json.h) — the node's own and its peers'.
// The store keeps the document as text and never reads inside it; the node decodes and checks it before keeping it.
// Free functions over a Connection, shared by SqlReads and SqlTransaction; the same SQL on SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

// The aggregates of the days from_day … to_day (inclusive, "YYYY-MM-DD"; "" = unbounded), by day then node.
std::vector<RegionAggregateRecord> query_region_aggregates(Connection& connection, std::string_view from_day,
                                                           std::string_view to_day);
// Inserts the aggregate, or replaces the held one of the same node and day when it was generated later; false
// (nothing written) when the held one is as new or newer (a late or repeated delivery).
bool keep_region_aggregate_row(Connection& connection, const RegionAggregateRecord& aggregate);

}  // namespace tongban::store::sql

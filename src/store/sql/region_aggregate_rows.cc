#include "store/sql/region_aggregate_rows.h"

#include <string>

namespace tongban::store::sql {

std::vector<RegionAggregateRecord> query_region_aggregates(Connection& connection, std::string_view from_day,
                                                           std::string_view to_day) {
  Statement statement = connection.prepare(
      "SELECT node_id, day, generated_at_ms, k, document, received_at_ms, message_id FROM region_aggregates "
      "WHERE (?1 = '' OR day >= ?1) AND (?2 = '' OR day <= ?2) ORDER BY day, node_id");
  statement.bind(1, from_day).bind(2, to_day);
  std::vector<RegionAggregateRecord> aggregates;
  while (statement.step()) {
    RegionAggregateRecord record;
    record.node_id = statement.text(0);
    record.day = statement.text(1);
    record.generated_at_ms = statement.integer(2);
    record.k = statement.integer(3);
    record.document = statement.text(4);
    record.received_at_ms = statement.integer(5);
    record.message_id = statement.text(6);
    aggregates.push_back(std::move(record));
  }
  return aggregates;
}

bool keep_region_aggregate_row(Connection& connection, const RegionAggregateRecord& aggregate) {
  Statement statement = connection.prepare(
      "INSERT INTO region_aggregates (node_id, day, generated_at_ms, k, document, received_at_ms, message_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node_id, day) DO UPDATE SET "
      "generated_at_ms = excluded.generated_at_ms, k = excluded.k, document = excluded.document, "
      "received_at_ms = excluded.received_at_ms, message_id = excluded.message_id "
      "WHERE region_aggregates.generated_at_ms < excluded.generated_at_ms");
  statement.bind(1, aggregate.node_id)
      .bind(2, aggregate.day)
      .bind(3, aggregate.generated_at_ms)
      .bind(4, aggregate.k)
      .bind(5, aggregate.document)
      .bind(6, aggregate.received_at_ms)
      .bind(7, aggregate.message_id)
      .run();
  return statement.changes() == 1;
}

}  // namespace tongban::store::sql

// The post tables of the SQL store (schema version 10): shipments, their carrier events and the clerks' tasks they
// cause. Queries and writes as free functions over a Connection, shared by SqlReads (both readers) and
// SqlTransaction, in the SQL both SQLite and PostgreSQL run. Record meanings: store/store.h (ShipmentRecord,
// ShipmentTaskRecord), domain/shipment.h (ShipmentEvent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

std::optional<ShipmentRecord> query_shipment(Connection& connection, std::string_view item_id);
std::vector<ShipmentRecord> query_case_shipments(Connection& connection, std::string_view case_id);
std::vector<domain::ShipmentEvent> query_shipment_events(Connection& connection, std::string_view item_id);
std::vector<ShipmentTaskRecord> query_open_shipment_tasks(Connection& connection, std::string_view service_point);

void insert_shipment_row(Connection& connection, const ShipmentRecord& shipment);
void update_shipment_row(Connection& connection, const ShipmentRecord& shipment);
bool insert_shipment_event_row(Connection& connection, std::string_view item_id, const domain::ShipmentEvent& event);
ShipmentTaskRecord insert_shipment_task_row(Connection& connection, ShipmentTaskRecord task);
void close_shipment_task_row(Connection& connection, std::int64_t id, std::string_view done_by, std::int64_t at_ms);

}  // namespace tongban::store::sql

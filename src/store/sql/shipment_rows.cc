#include "store/sql/shipment_rows.h"

#include <stdexcept>

namespace tongban::store::sql {
namespace {

constexpr std::string_view kShipmentColumns =
    "item_id, carrier, case_id, kind, sender, recipient, address, status, origin_node, created_at_ms, "
    "updated_at_ms, served_on";
constexpr std::string_view kEventColumns = "event_id, event, at_ms, location, reason, proof, received_at_ms";
constexpr std::string_view kTaskColumns =
    "id, item_id, event_id, case_id, service_point, event, reason, created_at_ms, done_at_ms, done_by";

template <typename T>
T parsed(std::optional<T> value, std::string_view what) {
  if (!value) throw std::runtime_error("the store holds an unknown " + std::string(what));
  return *value;
}

ShipmentRecord read_shipment(const Statement& row) {
  ShipmentRecord s;
  s.item_id = row.text(0);
  s.carrier = row.text(1);
  s.case_id = row.text(2);
  s.kind = parsed(domain::parse_shipment_kind(row.text(3)), "shipment kind");
  s.sender = row.text(4);
  s.recipient = row.text(5);
  s.address = row.text(6);
  s.status = parsed(domain::parse_shipment_status(row.text(7)), "shipment status");
  s.origin_node = row.text(8);
  s.created_at_ms = row.integer(9);
  s.updated_at_ms = row.integer(10);
  s.served_on = row.text(11);
  return s;
}

domain::ShipmentEvent read_event(const Statement& row) {
  domain::ShipmentEvent e;
  e.event_id = row.text(0);
  e.event = parsed(domain::parse_postal_event(row.text(1)), "postal event");
  e.at_ms = row.integer(2);
  e.location = row.text(3);
  e.reason = row.text(4);
  e.proof = row.text(5);
  e.received_at_ms = row.integer(6);
  return e;
}

ShipmentTaskRecord read_task(const Statement& row) {
  ShipmentTaskRecord t;
  t.id = row.integer(0);
  t.item_id = row.text(1);
  t.event_id = row.text(2);
  t.case_id = row.text(3);
  t.service_point = row.text(4);
  t.event = parsed(domain::parse_postal_event(row.text(5)), "postal event");
  t.reason = row.text(6);
  t.created_at_ms = row.integer(7);
  t.done_at_ms = row.integer(8);
  t.done_by = row.text(9);
  return t;
}

}  // namespace

std::optional<ShipmentRecord> query_shipment(Connection& connection, std::string_view item_id) {
  Statement statement =
      connection.prepare("SELECT " + std::string(kShipmentColumns) + " FROM shipments WHERE item_id = ?1");
  statement.bind(1, item_id);
  if (!statement.step()) return std::nullopt;
  return read_shipment(statement);
}

std::vector<ShipmentRecord> query_case_shipments(Connection& connection, std::string_view case_id) {
  Statement statement = connection.prepare("SELECT " + std::string(kShipmentColumns) +
                                           " FROM shipments WHERE case_id = ?1 ORDER BY created_at_ms, item_id");
  statement.bind(1, case_id);
  std::vector<ShipmentRecord> shipments;
  while (statement.step()) shipments.push_back(read_shipment(statement));
  return shipments;
}

std::vector<domain::ShipmentEvent> query_shipment_events(Connection& connection, std::string_view item_id) {
  Statement statement = connection.prepare("SELECT " + std::string(kEventColumns) +
                                           " FROM shipment_events WHERE item_id = ?1 ORDER BY seq");
  statement.bind(1, item_id);
  std::vector<domain::ShipmentEvent> events;
  while (statement.step()) events.push_back(read_event(statement));
  return events;
}

std::vector<ShipmentTaskRecord> query_open_shipment_tasks(Connection& connection, std::string_view service_point) {
  Statement statement = connection.prepare("SELECT " + std::string(kTaskColumns) +
                                           " FROM shipment_tasks WHERE done_at_ms = 0 AND (?1 = '*' OR "
                                           "service_point = ?1) ORDER BY id");
  statement.bind(1, service_point);
  std::vector<ShipmentTaskRecord> tasks;
  while (statement.step()) tasks.push_back(read_task(statement));
  return tasks;
}

void insert_shipment_row(Connection& connection, const ShipmentRecord& s) {
  if (query_shipment(connection, s.item_id)) throw Conflict("shipment_item_id", "shipment " + s.item_id + " exists");
  Statement statement = connection.prepare("INSERT INTO shipments (" + std::string(kShipmentColumns) +
                                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  statement.bind(1, s.item_id).bind(2, s.carrier).bind(3, s.case_id).bind(4, domain::to_string(s.kind));
  statement.bind(5, s.sender).bind(6, s.recipient).bind(7, s.address).bind(8, domain::to_string(s.status));
  statement.bind(9, s.origin_node).bind(10, s.created_at_ms).bind(11, s.updated_at_ms).bind(12, s.served_on).run();
}

void update_shipment_row(Connection& connection, const ShipmentRecord& s) {
  Statement statement =
      connection.prepare("UPDATE shipments SET status = ?2, updated_at_ms = ?3, served_on = ?4 WHERE item_id = ?1");
  statement.bind(1, s.item_id).bind(2, domain::to_string(s.status)).bind(3, s.updated_at_ms).bind(4, s.served_on);
  statement.run();
  if (statement.changes() == 0) throw NotFound("no shipment " + s.item_id);
}

bool insert_shipment_event_row(Connection& connection, std::string_view item_id, const domain::ShipmentEvent& e) {
  Statement statement =
      connection.prepare("INSERT INTO shipment_events (item_id, " + std::string(kEventColumns) +
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (item_id, event_id) DO NOTHING");
  statement.bind(1, item_id).bind(2, e.event_id).bind(3, domain::to_string(e.event)).bind(4, e.at_ms);
  statement.bind(5, e.location).bind(6, e.reason).bind(7, e.proof).bind(8, e.received_at_ms).run();
  return statement.changes() > 0;
}

ShipmentTaskRecord insert_shipment_task_row(Connection& connection, ShipmentTaskRecord t) {
  Statement statement = connection.prepare(
      "INSERT INTO shipment_tasks (item_id, event_id, case_id, service_point, event, reason, created_at_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  statement.bind(1, t.item_id).bind(2, t.event_id).bind(3, t.case_id).bind(4, t.service_point);
  statement.bind(5, domain::to_string(t.event)).bind(6, t.reason).bind(7, t.created_at_ms);
  if (!statement.step()) throw std::runtime_error("the store did not return the new task's id");
  t.id = statement.integer(0);
  return t;
}

void close_shipment_task_row(Connection& connection, std::int64_t id, std::string_view done_by, std::int64_t at_ms) {
  Statement statement =
      connection.prepare("UPDATE shipment_tasks SET done_at_ms = ?2, done_by = ?3 WHERE id = ?1 AND done_at_ms = 0");
  statement.bind(1, id).bind(2, at_ms).bind(3, done_by).run();
  if (statement.changes() == 0) throw NotFound("no open shipment task " + std::to_string(id));
}

}  // namespace tongban::store::sql

#include "crossborder/payload.h"

#include <boost/json/parse.hpp>

#include "crossborder/case_refs.h"
#include "federation/message_handler.h"

namespace tongban::crossborder {

void reject_payload(const std::string& detail) {
  throw federation::MessageRejected("payload_malformed", detail);
}

PayloadReader::PayloadReader(const federation::Envelope& envelope) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(envelope.payload, error);
  if (error || !value.is_object()) reject_payload("the payload is not a JSON object");
  object_ = std::move(value.as_object());
}

const boost::json::value& PayloadReader::member(std::string_view name) const {
  const boost::json::value* value = object_.if_contains(name);
  if (!value) reject_payload("the payload has no '" + std::string(name) + "'");
  return *value;
}

std::string PayloadReader::text(std::string_view name) const {
  const auto& value = member(name);
  if (!value.is_string()) reject_payload("'" + std::string(name) + "' must be a string");
  return std::string(value.as_string());
}

std::string PayloadReader::text_or(std::string_view name, std::string fallback) const {
  if (!object_.contains(name)) return fallback;
  return text(name);
}

std::int64_t PayloadReader::integer(std::string_view name) const {
  const auto& value = member(name);
  if (!value.is_int64()) reject_payload("'" + std::string(name) + "' must be an integer");
  return value.as_int64();
}

const boost::json::object& PayloadReader::child(std::string_view name) const {
  const auto& value = member(name);
  if (!value.is_object()) reject_payload("'" + std::string(name) + "' must be an object");
  return value.as_object();
}

const boost::json::array& PayloadReader::list(std::string_view name) const {
  const auto& value = member(name);
  if (!value.is_array()) reject_payload("'" + std::string(name) + "' must be an array");
  return value.as_array();
}

domain::CaseState PayloadReader::state(std::string_view name) const {
  auto parsed = domain::parse_case_state(text(name));
  if (!parsed) reject_payload("'" + std::string(name) + "' is not a case state");
  return *parsed;
}

domain::CaseAction PayloadReader::action(std::string_view name) const {
  auto parsed = domain::parse_case_action(text(name));
  if (!parsed) reject_payload("'" + std::string(name) + "' is not a case action");
  return *parsed;
}

domain::Role PayloadReader::role(std::string_view name) const {
  auto parsed = domain::parse_role(text(name));
  if (!parsed) reject_payload("'" + std::string(name) + "' is not a role");
  return *parsed;
}

boost::json::object event_json(const domain::Event& event, std::string_view node_id) {
  // An event that already came from elsewhere keeps its remote actor; a local one is prefixed with our node.
  std::string actor =
      event.actor_id.find(':') == std::string::npos ? remote_actor(node_id, event.actor_id) : event.actor_id;
  return {{"action", domain::to_string(event.action)},
          {"from_state", domain::to_string(event.from_state)},
          {"to_state", domain::to_string(event.to_state)},
          {"actor", actor},
          {"actor_role", domain::to_string(event.actor_role)},
          {"note", event.note},
          {"at_ms", event.at_ms}};
}

}  // namespace tongban::crossborder

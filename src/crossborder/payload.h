// Reading the JSON payload of an incoming cross-border message: one object, typed member access, and every
// missing or mistyped member turned into federation::MessageRejected("payload_malformed") so the inbox refuses
// the whole message and applies nothing. Also the case-event JSON both directions carry (a history entry).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/case.h"
#include "federation/envelope.h"

namespace tongban::crossborder {

class PayloadReader {
 public:
  // Parses envelope.payload; MessageRejected("payload_malformed") if it is not a JSON object.
  explicit PayloadReader(const federation::Envelope& envelope);
  explicit PayloadReader(boost::json::object object) : object_(std::move(object)) {}

  const boost::json::object& object() const { return object_; }
  std::string text(std::string_view name) const;                           // required string
  std::string text_or(std::string_view name, std::string fallback) const;  // optional string
  std::int64_t integer(std::string_view name) const;                       // required integer
  const boost::json::object& child(std::string_view name) const;           // required object
  const boost::json::array& list(std::string_view name) const;             // required array (may be empty)
  domain::CaseState state(std::string_view name) const;
  domain::CaseAction action(std::string_view name) const;
  domain::Role role(std::string_view name) const;

 private:
  const boost::json::value& member(std::string_view name) const;
  boost::json::object object_;
};

[[noreturn]] void reject_payload(const std::string& detail);

// An event as it travels: {"action","from_state","to_state","actor","actor_role","note","at_ms"}; actor is
// "<node>:<account id>" of the node where it happened.
boost::json::object event_json(const domain::Event& event, std::string_view node_id);

}  // namespace tongban::crossborder

// A case (办件): one application for one item by one applicant, from draft to closed, and the events of its life.
//
// Case is a plain value. Its state changes only through case_lifecycle (domain/case_lifecycle.h), which decides
// whether an actor may perform an action and produces the Event to append. The store persists both in one
// transaction and bumps `version` (optimistic concurrency, If-Match).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/catalog.h"

namespace tongban::domain {

enum class CaseState {
  draft,
  submitted,
  intake_checked,  // remote intake: a foreign window checked identity and materials
  forwarded,       // remote intake: sent to the owning node
  accepted,        // 受理: the clock starts
  not_accepted,
  in_review,
  supplement_requested,  // 补正: the clock stops
  approved,
  rejected,
  result_issued,
  delivered,
  withdrawn,
  closed,
};

enum class CaseAction {
  submit,
  check_intake,
  forward,
  accept,
  not_accept,
  start_review,
  request_supplement,
  supplement,
  approve,
  reject,
  issue_result,
  deliver,
  withdraw,
  close,
  recompute_deadlines,  // not a step of the state machine: the node recounted the due dates after a calendar
                        // import (node/deadline_recompute.h); never in available_actions, refused by act()
  certificate_status,   // not a step of the state machine either: the issuing authority changed the status of the
                        // case's e-certificate (certificates/certificate_service.h); note "<id> <from>><to>: <reason>"
  // Post (node/post_desk.h): recorded by the node when a carrier reports on a shipment of the case; never in
  // available_actions, refused by act(). shipment_delivered moves a result_issued case to delivered (proof of
  // delivery of the result) and its note carries the legal "served" date; the other two keep the state.
  shipment_delivered,
  shipment_failed_attempt,
  shipment_held_by_customs,
  // 好差评 (node/rating_desk.h, domain/rating.h): recorded by the node, state kept; never in available_actions,
  // refused by act(). rate: the applicant rated the finished case (note "level=<1-5> channel=<channel>");
  // rating_follow_up: the authority answered a bad rating (note "channel=<channel>: <response>"); rating_answer:
  // the applicant answered the follow-up (note "channel=<channel> answer=<satisfied|unsatisfied>").
  rate,
  rating_follow_up,
  rating_answer,
};

// agent: staff of a bank branch, a post office or a partner office (docs/channels.md), bound to that service point
// and acting for their organisation: they take in, check and forward like a clerk, and never decide.
enum class Role { applicant, clerk, reviewer, admin, agent };

std::string_view to_string(CaseState);
std::string_view to_string(CaseAction);
std::string_view to_string(Role);
std::optional<CaseState> parse_case_state(std::string_view);
std::optional<CaseAction> parse_case_action(std::string_view);
std::optional<Role> parse_role(std::string_view);
// Staff bound to a service point, who take cases in there: clerks and agents.
constexpr bool takes_in_at_point(Role role) {
  return role == Role::clerk || role == Role::agent;
}

// Who acts: an authenticated account with its role and what the role is bound to.
struct Actor {
  std::string account_id;
  Role role = Role::applicant;
  std::string authority;          // reviewer: the authority they decide for
  std::string service_point;      // clerk, agent: the service point they work at
  std::string organisation = "";  // agent: the organisation they act for (the bank, the post, the association)
};

// A material handed in for a case: the item's material id and the content-addressed blob, with the file's name as
// the uploader's browser gave it (shown to people; "" when not known: the API, another node's copy).
struct CaseMaterial {
  std::string material_id;
  std::string blob_sha256;     // lowercase hex
  std::string file_name = "";  // at most 120 characters, no path, no control characters (web/application_view.h)
};

// Working-day clock of a case, in the competent jurisdiction's calendar. See domain/deadline.h.
struct CaseClock {
  std::optional<CalendarDate> started_on;    // acceptance date; counting starts the next working day
  std::optional<CalendarDate> paused_on;     // set while a supplement is awaited
  int paused_working_days = 0;               // working days spent paused so far (extends the deadlines)
  std::optional<CalendarDate> legal_due;     // last working day allowed by law
  std::optional<CalendarDate> promised_due;  // last working day promised by the authority
};

struct Case {
  std::string id;  // "JM-2026-000123" style, unique per node
  std::string item_code;
  std::string applicant_id;
  HandlingMode mode = HandlingMode::online;
  Channel channel = Channel::web;
  std::string intake_point;  // service point code, empty for web
  std::string authority;     // competent authority (owner of the item)
  std::string jurisdiction;  // competent jurisdiction (its calendar counts the days)
  std::string form_json;     // the form data as a JSON object (validated against the item's form fields)
  std::vector<CaseMaterial> materials;
  CaseState state = CaseState::draft;
  std::int64_t version = 1;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  CaseClock clock;
  std::string delivery_method;   // "post", "window_pickup", "electronic" once chosen
  std::string delivery_address;  // for post
  std::string result_note;       // decision text / result reference
  // While a supplement is requested: the ids of the materials the reviewer asked for (item materials, in the
  // item's order); empty when the request named none (then any of the item's materials may be sent). Cleared when
  // the supplement arrives.
  std::vector<std::string> supplement_materials;
};

// One entry of the audit trail. Events are hash-chained per node: hash = SHA-256(prev_hash || canonical bytes),
// see domain/audit_chain.h. `sequence` is the node-wide position in the chain, starting at 1.
struct Event {
  std::int64_t sequence = 0;
  std::string case_id;
  std::string actor_id;
  Role actor_role = Role::applicant;
  CaseAction action = CaseAction::submit;
  CaseState from_state = CaseState::draft;
  CaseState to_state = CaseState::draft;
  std::string note;
  std::int64_t at_ms = 0;
  std::string actor_organisation = "";  // an agent's organisation when an agent acted; "" otherwise
  std::string prev_hash;                // hex; 64 zeros for the first event
  std::string hash;                     // hex
};

}  // namespace tongban::domain

// Contract negotiations (issue 13, data cooperation): how a consumer and the provider of a listed data product
// (data_product.h) agree on the terms of its use, following the Contract Negotiation Protocol of the Eclipse
// Dataspace Protocol (2025-1, whose diagram is the one of IDSA's ids-specification it continues), and the usage
// policy those terms are.
//
// Who owns what: both parties hold the negotiation and apply the same steps in the same order — a step is the
// message one side sends once the other has acknowledged it (the protocol's ACK). The provider's node numbers it
// ("<node>-C-<serial>", as product ids, with "-C-"). The desk of each node receives messages, maps them to steps,
// applies the rules below, sends the ACK or an error, and records each step in the audit trail; nothing here does
// I/O. The agreed policy binds the consumer's queries (max_queries, epsilon_budget) and the transfers
// (cross_border_filing.h).
//
// The state machine (negotiation_transition, one table), as the specification's diagram draws it
// (specifications/negotiation/figures/contract.negotiation.state.machine.puml of eclipse-dataspace-protocol-base/
// DataspaceProtocol; C = a message of the consumer, P = of the provider; the message that leads there in brackets):
//   (none)     --request C-->   REQUESTED   (ContractRequestMessage: the consumer asks, on a catalogue offer)
//   (none)     --offer P-->     OFFERED     (ContractOfferMessage: the provider starts with an offer)
//   REQUESTED  --offer P-->     OFFERED     (a counter-offer)
//   REQUESTED  --agree P-->     AGREED      (ContractAgreementMessage: the provider agrees to the request)
//   REQUESTED  --terminate C/P-> TERMINATED
//   OFFERED    --request C-->   REQUESTED   (a counter-request)
//   OFFERED    --accept C-->    ACCEPTED    (ContractNegotiationEventMessage, eventType ACCEPTED)
//   OFFERED    --terminate C/P-> TERMINATED
//   ACCEPTED   --agree P-->     AGREED
//   ACCEPTED   --terminate P--> TERMINATED
//   AGREED     --verify C-->    VERIFIED    (ContractAgreementVerificationMessage)
//   AGREED     --terminate C--> TERMINATED
//   VERIFIED   --finalize P-->  FINALIZED   (ContractNegotiationEventMessage, eventType FINALIZED)
//   VERIFIED   --terminate P--> TERMINATED
// FINALIZED and TERMINATED are final. Every non-final state may be terminated, but in ACCEPTED, AGREED and VERIFIED
// only by the side whose turn it is, as the diagram has it (the prose of the Termination Message says it "MAY be sent
// at any state"; this table keeps the diagram's stricter reading). The protocol's termination carries an optional
// code and reason; here both are required and kept.
//
// Order: every step carries a sequence number, the negotiation's count of steps once it is applied (1 for the
// first). A step whose sequence is the next one is applied; one whose sequence was already applied and that equals
// the step recorded there (action, side, actor, policy, termination reason; the time is not compared) is a replay —
// acknowledged again, nothing changes (idempotent); anything else — a different step at an applied sequence, or a
// sequence past the next (a step is missing) — is a conflict, which the protocol answers with an error (and, if the
// parties' states differ, a termination). A negotiation takes at most kMaxNegotiationSteps steps; the last one is
// kept for a termination, so a counter-offer loop always ends.
//
// Invariants of a negotiation built by apply_negotiation_step: history[i].sequence == i + 1; state is the state the
// table gives for the history; policy is the terms of the last request or offer and passes policy_problems for the
// product; termination is set exactly when the state is terminated; consumer and provider are different codes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/data_product.h"
#include "domain/problem.h"

namespace tongban::domain {

inline constexpr std::size_t kMaxNegotiationSteps = 50;
inline constexpr std::size_t kMaxPolicyPurposeChars = 500;
inline constexpr std::size_t kMaxPolicyJurisdictions = 20;
inline constexpr std::size_t kMaxTerminationTextChars = 500;
inline constexpr std::int64_t kMaxPolicyQueries = 1'000'000;
// The largest total privacy budget a policy grants over its whole validity: the market's cap, not a standard. At
// epsilon 10 the likelihood ratio differential privacy bounds is already e^10 (about 22 000), a weak guarantee;
// a larger budget needs a deliberate change here, not a policy that asks for it.
inline constexpr double kMaxEpsilonBudget = 10.0;

// Words: "requested", "offered", "accepted", "agreed", "verified", "finalized", "terminated".
enum class NegotiationState { requested, offered, accepted, agreed, verified, finalized, terminated };
// Words: "request", "offer", "accept", "agree", "verify", "finalize", "terminate".
enum class NegotiationAction { request, offer, accept, agree, verify, finalize, terminate };
// Words: "consumer", "provider".
enum class NegotiationParty { consumer, provider };
// Words: "aggregate_only", "rows".
enum class AccessKind {
  aggregate_only,  // differentially private aggregates only (counts, sums, means over the bounded columns)
  rows,            // the rows themselves; never for personal data
};

inline constexpr std::array<NegotiationState, 7> kAllNegotiationStates = {
    NegotiationState::requested, NegotiationState::offered,   NegotiationState::accepted,  NegotiationState::agreed,
    NegotiationState::verified,  NegotiationState::finalized, NegotiationState::terminated};
inline constexpr std::array<NegotiationAction, 7> kAllNegotiationActions = {
    NegotiationAction::request, NegotiationAction::offer,    NegotiationAction::accept,   NegotiationAction::agree,
    NegotiationAction::verify,  NegotiationAction::finalize, NegotiationAction::terminate};

std::string_view to_string(NegotiationState state);
std::string_view to_string(NegotiationAction action);
std::string_view to_string(NegotiationParty party);
std::string_view to_string(AccessKind kind);
// The protocol's name of the state: "REQUESTED" … "TERMINATED" (dspace:state).
std::string_view dsp_state_name(NegotiationState state);
std::optional<NegotiationState> parse_negotiation_state(std::string_view word);
std::optional<NegotiationAction> parse_negotiation_action(std::string_view word);
std::optional<NegotiationParty> parse_negotiation_party(std::string_view word);
std::optional<AccessKind> parse_access_kind(std::string_view word);

// The state `by` taking `action` leads to from `from` (nullopt from: no negotiation yet), or nullopt when the table
// has no such row.
std::optional<NegotiationState> negotiation_transition(std::optional<NegotiationState> from, NegotiationAction action,
                                                       NegotiationParty by);
bool is_final(NegotiationState state);

// "<node>-C-<serial>". std::invalid_argument when the node is not a code or the serial is out of range.
std::string format_negotiation_id(std::string_view node, std::int64_t serial);
std::optional<MarketId> parse_negotiation_id(std::string_view text);

// The terms of use (an ODRL policy's content, in the market's own words).
struct UsagePolicy {
  std::string purpose;         // what the consumer uses the data for (one language; line breaks kept)
  CalendarDate valid_from{};   // first day of use
  CalendarDate valid_until{};  // last day of use (inclusive)
  AccessKind access = AccessKind::aggregate_only;
  std::vector<std::string> allowed_jurisdictions;     // where the data may be used: "CN-GD-JM", "MO"
  bool onward_transfer_outside_gba_forbidden = true;  // the GBA standard contract's condition
  std::int64_t max_queries = 0;                       // 1 … kMaxPolicyQueries
  double epsilon_budget = 0;                          // total privacy budget: 0 < e <= kMaxEpsilonBudget
  bool operator==(const UsagePolicy&) const = default;
};

// Whether the policy lets the data reach a jurisdiction across a border from the product's (crosses_border).
bool reaches_across_border(const UsagePolicy& policy, const DataProduct& product);

// What is wrong with the policy for the product, in field order. "purpose" "required" / "utf8" /
// "control_character" / "too_long"; "valid_from", "valid_until" "date"; "valid_until" "range" (before valid_from);
// "access" "rows_of_personal_data"; "allowed_jurisdictions" "required" / "too_many"; "allowed_jurisdictions[i]"
// "format" / "duplicate" / "outside_gba" (a jurisdiction outside the Greater Bay Area in a policy that reaches
// across a border: the GBA standard contract covers the Bay Area only) / "never_crosses_border" (important or core
// data allowed across a border); "onward_transfer_outside_gba_forbidden" "required" (false in a policy that reaches
// across a border: every such contract here is a GBA standard contract); "max_queries" "range"; "epsilon_budget"
// "range" (not a number, <= 0 or above kMaxEpsilonBudget).
std::vector<FieldError> policy_problems(const UsagePolicy& policy, const DataProduct& product);

struct TerminationReason {
  std::string code;  // a code: "license_mismatch", "timeout"
  std::string text;  // why, for the other party (one language)
  bool operator==(const TerminationReason&) const = default;
};

// One message of the protocol, acknowledged, as a step of the negotiation.
struct NegotiationStep {
  std::int64_t sequence = 0;  // the negotiation's step count once this is applied: 1 for the first
  NegotiationAction action = NegotiationAction::request;
  NegotiationParty by = NegotiationParty::consumer;
  std::string actor;                  // the member sending it: the negotiation's consumer or provider
  std::optional<UsagePolicy> policy;  // request and offer: the terms proposed (required); others: none
  TerminationReason reason;           // terminate: required; others: ignored
  std::int64_t at_ms = 0;
};

struct ContractNegotiation {
  std::string id;          // "<node>-C-<serial>"
  std::string node;        // the node that numbered it (the provider's venue)
  std::string product_id;  // the listed product it is about
  std::string consumer;    // member ids
  std::string provider;
  NegotiationState state = NegotiationState::requested;  // meaningful once history is not empty
  UsagePolicy policy;                                    // the terms last requested or offered
  std::optional<TerminationReason> termination;          // set when terminated
  std::optional<NegotiationParty> terminated_by;
  std::vector<NegotiationStep> history;  // every step applied, in order
  std::int64_t created_at_ms = 0;        // the first step
  std::int64_t agreed_at_ms = 0;         // the agree step; 0 before
  std::int64_t finalized_at_ms = 0;      // the finalize step; 0 before
  std::int64_t updated_at_ms = 0;        // the last step
};

// The sequence of the last step applied (0 before the first).
std::int64_t negotiation_sequence(const ContractNegotiation& negotiation);

// Words: "next", "replay", "conflict".
enum class StepArrival {
  next,      // the next step: to be checked and applied
  replay,    // a step already applied, again: acknowledge, change nothing
  conflict,  // a different step at an applied sequence, or a sequence past the next one
};
std::string_view to_string(StepArrival arrival);
StepArrival step_arrival(const ContractNegotiation& negotiation, const NegotiationStep& step);

// What is wrong with the negotiation's own fields: "id" "required" / "format" / "not_this_node"; "node",
// "product_id", "consumer", "provider" "required" / "format"; "product_id" "format" (not a product id); "consumer"
// "same_as_provider".
std::vector<FieldError> negotiation_problems(const ContractNegotiation& negotiation);

// Why the step may not be applied now; empty when it may, and for a replay (nothing to apply). "sequence"
// "conflict" (step_arrival); the first step: negotiation_problems; "state" "illegal_transition" (no row for this
// action from this state, for either side); "by" "wrong_party" (a row exists for the other side only); "actor"
// "required" / "not_party" (not the member of its side); "sequence" "too_many_steps" (a step that would leave no
// room for a termination); every step: "product" "mismatch" (the product passed is another one, or has another
// provider); request, offer and agree: "product" "not_listed"; request and offer: "policy" "required",
// policy_problems as "policy.<field>"; the other actions: "policy" "unexpected"; terminate: "reason.code" "required" /
// "format", "reason.text" "required" / "utf8" / "control_character" / "too_long".
std::vector<FieldError> negotiation_step_problems(const ContractNegotiation& negotiation, const NegotiationStep& step,
                                                  const DataProduct& product);
// The negotiation after the step: unchanged for a replay; else the new state, the step appended to history,
// updated_at_ms = at_ms (and created_at_ms for the first); request and offer set policy; agree sets agreed_at_ms;
// finalize sets finalized_at_ms; terminate sets termination and terminated_by. std::invalid_argument when
// negotiation_step_problems is not empty.
ContractNegotiation apply_negotiation_step(ContractNegotiation negotiation, const NegotiationStep& step,
                                           const DataProduct& product);

}  // namespace tongban::domain

// CaseDesk: what the node does with cases — open one, act on one, show them to the people allowed to see them.
//
// It joins the domain rules (case_lifecycle, deadlines, audit chain, the item's form and materials) to the store:
// each change is one store job, so the case update, its event (sealed into the node's hash chain) and every check
// that guards them happen in one transaction. Every check runs before anything is written; a failed check throws
// domain::ProblemError and changes nothing. Visibility: an applicant sees their own cases, a clerk those taken in at
// their service point, a reviewer those of their authority, an admin all; a case one may not see is "not found".
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "node/node.h"

namespace tongban::node {

// The note of the submit event of a case that crosses a border (the applicant's consent). Stored as these words
// in the audit trail; pages show it in their language (catalog key "note:consent_recorded").
inline constexpr std::string_view kConsentRecordedNote = "consent to cross-border transfer recorded";

struct CaseApplication {
  std::string item_code;
  std::optional<domain::HandlingMode> mode;  // default: remote_intake for a zone item at a foreign point, else the
                                             // item's first mode
  std::optional<domain::Channel> channel;    // default: web for applicants, window for clerks
  std::string applicant_id;                  // clerks apply on behalf of this applicant; applicants: themselves
  // A joint case's form and materials also hold each grouped item's part, "<item code>.<id>" (node/application_form.h).
  boost::json::object form;
  std::vector<domain::CaseMaterial> materials;
  bool submit = true;           // false keeps a draft
  std::string delivery_method;  // "post" | "window_pickup" | "electronic", optional at creation
  std::string delivery_address;
  bool consent_to_transfer = false;  // needed when the case will cross a border (remote intake, joint, or any
                                     // mode for another node's item: delegated, online across borders)
};

struct CaseOpening {
  domain::Case kase;
  bool created = true;  // false: the Idempotency-Key was seen before and this is the case made then
};

struct CaseActionRequest {
  domain::CaseAction action = domain::CaseAction::submit;
  std::int64_t expected_version = 0;  // from If-Match
  std::string note;
  std::vector<domain::CaseMaterial> materials;   // supplement: only materials asked for, when the request named any
  std::vector<std::string> requested_materials;  // request_supplement: ids of the item's materials asked for
  std::string delivery_method;                   // deliver / issue_result
  std::string delivery_address;
};

// Deadline view of a case at a date: "none" before acceptance, else on_time / due_soon / overdue / paused. A due
// date is provisional when it was counted across a year without an official calendar (unofficial_years lists them:
// provisional or missing in the competent jurisdiction's calendar); it may move when the notice is imported.
struct CaseTiming {
  std::string status;
  int working_days_left = 0;
  bool legal_due_provisional = false;
  bool promised_due_provisional = false;
  std::vector<int> unofficial_years;
};

class CaseDesk {
 public:
  explicit CaseDesk(Node& node) : node_(node) {}

  CaseOpening open(const domain::Actor& actor, const CaseApplication& application,
                   const std::optional<std::string>& idempotency_key, const std::string& request_fingerprint);
  domain::Case act(const domain::Actor& actor, const std::string& case_id, const CaseActionRequest& request);
  // The case if the actor may see it; throws ProblemError not-found otherwise.
  domain::Case get(const domain::Actor& actor, const std::string& case_id) const;
  std::vector<domain::Event> events(const domain::Actor& actor, const std::string& case_id) const;
  store::CasePage list(const domain::Actor& actor, store::CaseFilter filter) const;
  // The actions act() would accept now: the state machine's (domain::available_actions) minus what the cross-border
  // rules refuse (cross_border_refusal, the listener's refusal). Never offers an action that act() then refuses.
  std::vector<domain::CaseAction> available_actions(const domain::Actor& actor, const domain::Case& kase) const;
  CaseTiming timing(const domain::Case& kase) const;

  static bool may_see(const domain::Actor& actor, const domain::Case& kase);

 private:
  // Cross-border rules of a new case (docs/cross-border.md): a delegated case of another node's item goes under our
  // delegate authority (refused when there is no delegation); a joint case must be of our own item. Returns whether
  // the case will cross a border (then the applicant's consent is required and recorded).
  bool apply_cross_border_mode(const domain::Item& item, domain::Case& kase) const;
  // Why the action is refused on this node although the state machine allows it (docs/cross-border.md, "Who acts on
  // which copy"): on our copy of a case another node decides (remote intake or online for a foreign item) local
  // staff only do the intake side's part — submit, check_intake, forward, supplement, deliver at our window (remote
  // intake), withdraw, and closing a case withdrawn here; the owner's record of a delegated case takes no action;
  // then whatever the cross-border listener refuses. nullopt when allowed.
  std::optional<std::string> cross_border_refusal(const store::Reader& reader, const domain::Case& kase,
                                                  domain::CaseAction action) const;

  Node& node_;
};

}  // namespace tongban::node

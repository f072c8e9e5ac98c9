#include "node/case_desk.h"

#include <boost/json/serialize.hpp>

#include "domain/audit_chain.h"
#include "domain/case_lifecycle.h"
#include "domain/deadline.h"
#include "domain/problem.h"
#include "node/application_form.h"

namespace tongban::node {
namespace {

using domain::CaseAction;
using domain::CaseState;
using domain::HandlingMode;
using domain::ProblemError;

[[noreturn]] void invalid(std::string field, std::string rule, std::string message) {
  throw ProblemError("validation-failed", message, {{std::move(field), std::move(rule), message}});
}

bool contains(const auto& list, const auto& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const domain::Material* find_material(const domain::Item& item, std::string_view id) {
  for (const auto& material : item.materials)
    if (material.id == id) return &material;
  return nullptr;
}

// The other jurisdiction's item offering joint handling that a joint part names, or nullptr.
const domain::Item* joint_partner(const domain::Catalog& catalog, const domain::Item& item, std::string_view code) {
  const domain::Item* partner = catalog.find_item(code);
  if (!partner || partner->jurisdiction == item.jurisdiction || !contains(partner->modes, HandlingMode::joint))
    return nullptr;
  return partner;
}

// Whether `actor` may attach the blob: they handed it in, or a clerk of their service point did, or it is already a
// material of the case (`already`). Knowing a hash is not enough: the answer for someone else's blob is the same as
// for a blob that does not exist, so a hash cannot be probed.
bool may_attach(const store::Reader& reader, const domain::Actor& actor, const std::string& sha256,
                const std::vector<domain::CaseMaterial>& already) {
  for (const auto& material : already)
    if (material.blob_sha256 == sha256) return true;
  std::string_view point = domain::takes_in_at_point(actor.role) ? std::string_view(actor.service_point) : "";
  return reader.blob_handed_in_by(sha256, actor.account_id, point);
}

// Every material refers to a material of the item (of a joint case: or of the other item its part names) and to a
// stored blob that `actor` may attach.
void check_materials(const store::Reader& reader, const domain::Catalog& catalog, const domain::Item& item, bool joint,
                     const std::vector<domain::CaseMaterial>& materials, const domain::Actor& actor,
                     const std::vector<domain::CaseMaterial>& already) {
  std::vector<domain::FieldError> problems;
  for (std::size_t i = 0; i < materials.size(); ++i) {
    std::string path = "materials[" + std::to_string(i) + "]";
    const domain::Item* owner = &item;
    std::string_view id = materials[i].material_id;
    if (std::string_view code = part_item_of(id); joint && !code.empty()) {
      owner = joint_partner(catalog, item, code);
      id.remove_prefix(code.size() + 1);
    }
    if (!owner || !find_material(*owner, id))
      problems.push_back({path + ".material_id", "unknown_material", "The item asks for no such material."});
    if (!reader.find_blob(materials[i].blob_sha256) || !may_attach(reader, actor, materials[i].blob_sha256, already))
      problems.push_back({path + ".blob", "unknown_blob", "Upload the file first (POST /api/v1/blobs)."});
  }
  if (!problems.empty()) throw ProblemError("validation-failed", "Some materials cannot be used.", problems);
}

void check_required_materials(const domain::Item& item, const std::vector<domain::CaseMaterial>& materials) {
  std::vector<domain::FieldError> problems;
  for (const auto& material : item.materials) {
    if (!material.required) continue;
    bool present = false;
    for (const auto& given : materials) present = present || given.material_id == material.id;
    if (!present)
      problems.push_back({"materials." + material.id, "required", "Required material missing: " + material.name.en});
  }
  if (!problems.empty())
    throw ProblemError("validation-failed", "Required materials are missing; the case cannot be submitted.", problems);
}

void check_delivery(const domain::Item& item, const std::string& method, const std::string& address) {
  if (method.empty()) return;
  auto parsed = domain::parse_delivery_method(method);
  if (!parsed || !contains(item.result.delivery, *parsed))
    invalid("delivery_method", "not_offered", "The item's result is not delivered by '" + method + "'.");
  if (*parsed == domain::DeliveryMethod::post && address.empty())
    invalid("delivery_address", "required", "Delivery by post needs an address.");
}

// A joint case's parts (node/application_form.h): each must name another jurisdiction's item offering joint
// handling and follow its rules; the answers the parts give are kept, canonical, under their prefixed keys. Whether
// every grouped item has its part is checked at submission by cross-border handling, which knows the agreements.
void check_joint_parts(const CatalogSnapshot& snapshot, const domain::Item& item, const CaseApplication& application,
                       CheckedForm& form) {
  for (const std::string& code : part_items(application.form, application.materials)) {
    const domain::Item* partner = joint_partner(snapshot.catalog, item, code);
    if (!partner) {
      form.problems.push_back({"form." + code, "not_joint_partner",
                               "'" + code + "' is not an item of another jurisdiction handled jointly."});
      continue;
    }
    boost::json::object answers = form.answers;
    for (const auto& entry : application.form)
      if (part_item_of(entry.key()) == code) answers[entry.key()] = entry.value();
    CheckedPart part =
        check_joint_part(*partner, answers, application.materials, application.submit, snapshot.patterns);
    form.problems.insert(form.problems.end(), part.problems.begin(), part.problems.end());
    for (const auto& entry : application.form) {
      if (part_item_of(entry.key()) != code) continue;
      auto field = std::string_view(entry.key()).substr(code.size() + 1);
      if (const auto* answer = part.answers.if_contains(field)) form.answers[entry.key()] = *answer;
    }
  }
}

HandlingMode choose_mode(const CaseApplication& application, const domain::Item& item, bool foreign_point) {
  if (application.mode) {
    if (!contains(item.modes, *application.mode))
      invalid("mode", "not_offered",
              "The item is not offered in mode '" + std::string(domain::to_string(*application.mode)) + "'.");
    return *application.mode;
  }
  if (foreign_point) return HandlingMode::remote_intake;
  return item.modes.front();
}

// The materials a supplement request asks for: each must be one of the item's, given once; kept in the item's order.
std::vector<std::string> requested_materials(const domain::Item& item, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    bool known = std::any_of(item.materials.begin(), item.materials.end(), [&](const auto& m) { return m.id == id; });
    if (!known) invalid("requested_materials", "unknown_material", "The item asks for no material " + id + ".");
  }
  std::vector<std::string> ordered;
  for (const auto& material : item.materials)
    if (contains(ids, material.id)) ordered.push_back(material.id);
  return ordered;
}

}  // namespace

bool CaseDesk::apply_cross_border_mode(const domain::Item& item, domain::Case& kase) const {
  bool ours = item.jurisdiction == node_.config().jurisdiction;
  if (kase.mode == HandlingMode::delegated && !ours) {
    auto* listener = node_.case_listener();
    auto delegate = listener ? listener->delegate_authority(item) : std::nullopt;
    if (!delegate)
      invalid("mode", "not_delegated",
              "The owning authority " + item.authority + " has not delegated this item to an authority of this node.");
    kase.authority = *delegate;
  }
  if (kase.mode == HandlingMode::joint && !ours)
    invalid("mode", "joint_not_local",
            "A joint case is opened at the node of its item (" + item.jurisdiction + "); apply online there.");
  return kase.mode == HandlingMode::remote_intake || kase.mode == HandlingMode::joint || !ours;
}

std::optional<std::string> CaseDesk::cross_border_refusal(const store::Reader& reader, const domain::Case& kase,
                                                          CaseAction action) const {
  bool owner_copy = kase.applicant_id.starts_with("xb:");  // a copy made for another node (crossborder/case_refs.h)
  if (owner_copy && kase.mode == HandlingMode::delegated)
    return "Case " + kase.id + " was decided under delegation by another node; this node keeps it as a record.";
  bool foreign_item = kase.jurisdiction != node_.config().jurisdiction;
  bool intake_side =
      !owner_copy && foreign_item && (kase.mode == HandlingMode::remote_intake || kase.mode == HandlingMode::online);
  if (intake_side) {
    bool allowed = false;
    switch (action) {
      case CaseAction::submit:
      case CaseAction::check_intake:
      case CaseAction::forward:
      case CaseAction::supplement:
      case CaseAction::withdraw: allowed = true; break;
      case CaseAction::deliver: allowed = kase.mode == HandlingMode::remote_intake; break;
      case CaseAction::close: allowed = kase.state == CaseState::withdrawn; break;
      default: break;
    }
    if (!allowed)
      return "Case " + kase.id + " is decided by " + kase.jurisdiction +
             "; this node does only the intake side's part.";
  }
  if (auto* listener = node_.case_listener()) return listener->refusal(reader, kase, action);
  return std::nullopt;
}

std::vector<CaseAction> CaseDesk::available_actions(const domain::Actor& actor, const domain::Case& kase) const {
  std::vector<CaseAction> actions = domain::available_actions(kase, actor);
  std::erase_if(actions, [&](CaseAction action) { return cross_border_refusal(node_.store(), kase, action); });
  return actions;
}

bool CaseDesk::may_see(const domain::Actor& actor, const domain::Case& kase) {
  switch (actor.role) {
    case domain::Role::applicant: return actor.account_id == kase.applicant_id;
    case domain::Role::clerk:
    case domain::Role::agent: return !actor.service_point.empty() && actor.service_point == kase.intake_point;
    case domain::Role::reviewer: return !actor.authority.empty() && actor.authority == kase.authority;
    case domain::Role::admin: return true;
  }
  return false;
}

CaseOpening CaseDesk::open(const domain::Actor& actor, const CaseApplication& application,
                           const std::optional<std::string>& idempotency_key, const std::string& request_fingerprint) {
  auto snapshot = node_.catalog();
  const domain::Item* item = snapshot->catalog.find_item(application.item_code);
  if (!item) invalid("item_code", "unknown_item", "No item with code '" + application.item_code + "'.");

  domain::Case kase;
  kase.item_code = item->code;
  kase.authority = item->authority;
  kase.jurisdiction = item->jurisdiction;
  kase.created_at_ms = kase.updated_at_ms = node_.now_ms();
  kase.delivery_method = application.delivery_method;
  kase.delivery_address = application.delivery_address;
  kase.materials = application.materials;

  bool foreign_point = false;
  if (domain::takes_in_at_point(actor.role)) {
    const domain::ServicePoint* point = snapshot->catalog.find_service_point(actor.service_point);
    if (!point) throw ProblemError("forbidden", "Your account is bound to an unknown service point.");
    if (!snapshot->catalog.point_accepts_item(*point, *item))
      invalid("item_code", "not_offered_here", "Service point " + point->code + " does not take in this item.");
    if (application.applicant_id.empty())
      invalid("applicant_id", "required", "A clerk opens a case on behalf of a registered applicant.");
    kase.applicant_id = application.applicant_id;
    kase.intake_point = point->code;
    foreign_point = point->jurisdiction != item->jurisdiction;
    kase.channel = application.channel.value_or(domain::Channel::window);
    if (actor.role == domain::Role::agent) {
      // An agent takes in through their point's own channel (a bank branch: bank, a post office: post, a partner
      // office: its counter), never through one the point does not have.
      kase.channel = application.channel.value_or(point->channels.front());
      if (!contains(point->channels, kase.channel))
        invalid("channel", "not_at_this_point",
                "Service point " + point->code + " does not take in through the '" +
                    std::string(domain::to_string(kase.channel)) + "' channel.");
    }
  } else if (actor.role == domain::Role::applicant) {
    if (!application.applicant_id.empty() && application.applicant_id != actor.account_id)
      invalid("applicant_id", "not_yours", "An applicant applies only for themselves.");
    kase.applicant_id = actor.account_id;
    kase.channel = application.channel.value_or(domain::Channel::web);
  } else {
    throw ProblemError("forbidden", "Only applicants, clerks and agents open cases.");
  }
  if (!contains(item->channels, kase.channel))
    invalid("channel", "not_offered",
            "The item is not offered through the '" + std::string(domain::to_string(kase.channel)) + "' channel.");
  kase.mode = choose_mode(application, *item, foreign_point);
  if (kase.mode == HandlingMode::remote_intake && kase.intake_point.empty())
    invalid("mode", "needs_service_point", "Remote intake happens at a service point; apply through a clerk.");
  bool crosses = apply_cross_border_mode(*item, kase);
  if (crosses && !application.consent_to_transfer)
    invalid("consent_to_transfer", "required",
            "The applicant must consent to the transfer of the case to the competent jurisdiction.");

  bool joint = kase.mode == HandlingMode::joint;
  CheckedForm form =
      check_application_form(*item, joint ? own_answers(application.form) : application.form, snapshot->patterns);
  if (joint) check_joint_parts(*snapshot, *item, application, form);
  if (!form.ok()) throw ProblemError("validation-failed", "The application form has problems.", form.problems);
  kase.form_json = boost::json::serialize(form.answers);
  check_delivery(*item, application.delivery_method, application.delivery_address);
  if (application.submit) check_required_materials(*item, application.materials);

  return node_.store().transact([&](store::Transaction& tx) {
    if (kase.applicant_id != actor.account_id) {
      auto applicant = tx.find_account_by_id(kase.applicant_id);
      if (!applicant || applicant->role != domain::Role::applicant)
        invalid("applicant_id", "unknown_applicant", "No applicant account with this id.");
    }
    check_materials(tx, snapshot->catalog, *item, joint, kase.materials, actor, {});
    std::optional<store::IdempotencyKey> key;
    // A key is the caller's own: two clerks (or a clerk and the applicant) using the same key for the same
    // applicant open two cases, and a replay never hands one caller a case another caller opened.
    if (idempotency_key) key = store::IdempotencyKey{actor.account_id + "/" + *idempotency_key, request_fingerprint};
    kase.state = application.submit ? CaseState::submitted : CaseState::draft;
    store::CaseInsertion insertion = tx.insert_case(kase, key);
    if (!insertion.created) {
      if (insertion.stored_fingerprint != request_fingerprint || !may_see(actor, insertion.kase))
        throw ProblemError("idempotency-key-reused",
                           "This Idempotency-Key was used for a different request; use a new key for a new case.");
      return CaseOpening{insertion.kase, false};
    }
    const domain::Case& opened = insertion.kase;
    if (application.submit) {
      domain::Event event;
      event.case_id = opened.id;
      event.actor_id = actor.account_id;
      event.actor_role = actor.role;
      event.actor_organisation = actor.organisation;
      event.action = CaseAction::submit;
      event.from_state = CaseState::draft;
      event.to_state = CaseState::submitted;
      event.at_ms = opened.created_at_ms;
      if (crosses) event.note = std::string(kConsentRecordedNote);
      domain::Event sealed = tx.seal_and_append(event, domain::seal);
      if (auto* listener = node_.case_listener()) listener->case_changed(tx, {actor, kase, opened, sealed});
      node_.notifier().case_event(tx, opened, sealed);
    }
    return CaseOpening{opened, true};
  });
}

domain::Case CaseDesk::get(const domain::Actor& actor, const std::string& case_id) const {
  auto kase = node_.store().find_case(case_id);
  if (!kase || !may_see(actor, *kase)) throw ProblemError("not-found", "No case " + case_id + " that you may see.");
  return *kase;
}

std::vector<domain::Event> CaseDesk::events(const domain::Actor& actor, const std::string& case_id) const {
  get(actor, case_id);
  return node_.store().list_events(case_id);
}

store::CasePage CaseDesk::list(const domain::Actor& actor, store::CaseFilter filter) const {
  switch (actor.role) {
    case domain::Role::applicant: filter.applicant_id = actor.account_id; break;
    case domain::Role::clerk:
    case domain::Role::agent: filter.intake_point = actor.service_point; break;
    case domain::Role::reviewer: filter.authority = actor.authority; break;
    case domain::Role::admin: break;
  }
  try {
    return node_.store().list_cases(filter);
  } catch (const std::invalid_argument&) {
    invalid("cursor", "invalid", "The cursor is not one this node gave out.");
  }
}

CaseTiming CaseDesk::timing(const domain::Case& kase) const {
  auto calendar = node_.calendar(kase.jurisdiction);
  CaseTiming timing;
  timing.status = "none";
  if (!calendar || !kase.clock.started_on) return timing;
  const auto provisional = [&](const std::optional<domain::CalendarDate>& due) {
    return due && domain::is_provisional_due(*kase.clock.started_on, *due, *calendar);
  };
  timing.legal_due_provisional = provisional(kase.clock.legal_due);
  timing.promised_due_provisional = provisional(kase.clock.promised_due);
  timing.unofficial_years = domain::unofficial_years(kase.clock, *calendar);
  auto snapshot = node_.catalog();
  const auto* jurisdiction = snapshot->catalog.find_jurisdiction(kase.jurisdiction);
  int offset = jurisdiction ? jurisdiction->utc_offset_minutes : 480;
  domain::CalendarDate today = domain::local_date(node_.now_ms(), offset);
  if (kase.clock.paused_on) {
    timing.status = "paused";
    return timing;
  }
  auto report = domain::report_deadline(kase.clock, today, *calendar, node_.config().due_soon_working_days);
  timing.status = std::string(domain::to_string(report.status));
  timing.working_days_left = report.working_days_left;
  return timing;
}

domain::Case CaseDesk::act(const domain::Actor& actor, const std::string& case_id, const CaseActionRequest& request) {
  auto snapshot = node_.catalog();
  return node_.store().transact([&](store::Transaction& tx) {
    auto found = tx.find_case(case_id);
    if (!found || !may_see(actor, *found)) throw ProblemError("not-found", "No case " + case_id + " that you may see.");
    domain::Case kase = *found;
    if (kase.version != request.expected_version)
      throw ProblemError("version-mismatch", "The case is at version " + std::to_string(kase.version) +
                                                 "; you sent If-Match for version " +
                                                 std::to_string(request.expected_version) + ". Read it again.");
    auto decision = domain::decide(kase, actor, request.action);
    if (!decision.allowed) {
      if (decision.problem == "illegal_transition") throw ProblemError("illegal-transition", decision.detail);
      throw ProblemError("forbidden", decision.detail);
    }
    if (auto refused = cross_border_refusal(tx, kase, request.action)) throw ProblemError("conflict", *refused);
    const domain::Item* item = snapshot->catalog.find_item(kase.item_code);
    if (!item) throw ProblemError("conflict", "The case's item is no longer in the catalog.");
    auto calendar = node_.calendar(kase.jurisdiction);
    const auto* jurisdiction = snapshot->catalog.find_jurisdiction(kase.jurisdiction);
    std::int64_t now = node_.now_ms();
    domain::CalendarDate today = domain::local_date(now, jurisdiction ? jurisdiction->utc_offset_minutes : 480);
    auto need_calendar = [&]() -> const domain::WorkingCalendar& {
      if (!calendar || !calendar->covers(today))
        throw ProblemError("conflict", "No working-day calendar covers " + domain::format_date(today) + " in " +
                                           kase.jurisdiction + "; import one with `tongban calendar import`.");
      return *calendar;
    };

    switch (request.action) {
      case CaseAction::submit: check_required_materials(*item, kase.materials); break;
      case CaseAction::not_accept:
      case CaseAction::reject:
      case CaseAction::request_supplement:
        if (request.note.empty()) invalid("note", "required", "Give the applicant the reason in `note`.");
        if (request.action == CaseAction::request_supplement)
          kase.supplement_materials = requested_materials(*item, request.requested_materials);
        break;
      case CaseAction::accept:
        kase.clock = domain::start_clock(today, item->legal_days, item->promised_days, need_calendar());
        break;
      case CaseAction::supplement: {
        if (request.materials.empty()) invalid("materials", "required", "A supplement brings at least one material.");
        for (const auto& material : request.materials)
          if (!kase.supplement_materials.empty() &&
              std::find(kase.supplement_materials.begin(), kase.supplement_materials.end(), material.material_id) ==
                  kase.supplement_materials.end())
            invalid("materials", "not_requested",
                    "The supplement request did not ask for " + material.material_id + ".");
        check_materials(tx, snapshot->catalog, *item, kase.mode == HandlingMode::joint, request.materials, actor,
                        kase.materials);
        for (const auto& material : request.materials) {
          std::erase_if(kase.materials, [&](const auto& m) { return m.material_id == material.material_id; });
          kase.materials.push_back(material);
        }
        break;
      }
      case CaseAction::deliver:
      case CaseAction::issue_result:
        if (!request.delivery_method.empty()) {
          check_delivery(*item, request.delivery_method, request.delivery_address);
          kase.delivery_method = request.delivery_method;
          kase.delivery_address = request.delivery_address;
        }
        if (request.action == CaseAction::deliver && kase.delivery_method.empty())
          invalid("delivery_method", "required", "Say how the result was delivered.");
        if (request.action == CaseAction::issue_result && !request.note.empty()) kase.result_note = request.note;
        break;
      default: break;
    }
    if (request.action == CaseAction::request_supplement) kase.clock = domain::pause_clock(kase.clock, today);
    if (request.action == CaseAction::supplement) kase.clock = domain::resume_clock(kase.clock, today, need_calendar());
    if (request.action == CaseAction::approve || request.action == CaseAction::reject) kase.result_note = request.note;

    domain::Event event;
    event.case_id = kase.id;
    event.actor_id = actor.account_id;
    event.actor_role = actor.role;
    event.actor_organisation = actor.organisation;
    event.action = request.action;
    event.from_state = kase.state;
    event.to_state = decision.to;
    event.note = request.note;
    event.at_ms = now;
    kase.state = decision.to;
    if (kase.state != domain::CaseState::supplement_requested) kase.supplement_materials.clear();
    kase.updated_at_ms = now;
    domain::Case stored = tx.update_case(kase, request.expected_version);
    domain::Event sealed = tx.seal_and_append(event, domain::seal);
    if (auto* listener = node_.case_listener()) listener->case_changed(tx, {actor, *found, stored, sealed});
    node_.notifier().case_event(tx, stored, sealed);
    return stored;
  });
}

}  // namespace tongban::node

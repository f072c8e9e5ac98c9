#include "certificates/certificate_service.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "certificates/certificate_codec.h"
#include "certificates/certificate_verifier.h"
#include "domain/audit_chain.h"
#include "domain/calendar_date.h"
#include "domain/e_certificate_id.h"
#include "domain/problem.h"
#include "federation/outbox.h"
#include "store/store_error.h"

namespace tongban::certificates {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxReason = 500;
constexpr std::int64_t kMaxFutureMs = 5 * 60'000;

std::string form_text(const json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  return json::serialize(value);
}

bool final_status(domain::CertificateStatus status) {
  return status == domain::CertificateStatus::revoked || status == domain::CertificateStatus::cancelled ||
         status == domain::CertificateStatus::lapsed || status == domain::CertificateStatus::withdrawn;
}

}  // namespace

CertificateService::CertificateService(node::Node& node, federation::FederationNode& federation,
                                       CertificateSettings settings)
    : node_(node),
      federation_(federation),
      settings_(settings),
      publisher_(
          "certificates: publishing the status list",
          [this] {
            auto list = publish_now();
            spdlog::debug("certificates: published status list {} ({} entries)", list.number, list.entries.size());
          },
          settings.publish_interval) {
  node_.set_certificates(this);
}

CertificateService::~CertificateService() {
  node_.set_certificates(nullptr);
  stop();
}

void CertificateService::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(kStatusMessageType), [this](const federation::Envelope& envelope, store::Transaction& tx) {
    apply_status_list(envelope, tx);
  });
}

std::string CertificateService::today() const {
  int offset = 480;
  auto snapshot = node_.catalog();
  if (const auto* jurisdiction = snapshot->catalog.find_jurisdiction(node_.config().jurisdiction))
    offset = jurisdiction->utc_offset_minutes;
  return domain::format_date(domain::local_date(node_.now_ms(), offset));
}

IssuerKeys CertificateService::issuer_keys() const {
  std::optional<federation::Directory> directory;
  if (auto* client = federation_.directory()) directory = client->held();
  return IssuerKeys::from(*federation_.trust().current(), federation_.key().public_key(), directory);
}

void CertificateService::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  if (change.event.action != domain::CaseAction::issue_result) return;
  const domain::Case& kase = change.after;
  auto snapshot = node_.catalog();
  const domain::Item* item = snapshot->catalog.find_item(kase.item_code);
  if (!item || !domain::issued_as_e_certificate(item->result.kind)) return;
  if (tx.find_certificate_of_case(kase.id)) return;

  const std::int64_t now = change.event.at_ms;
  const std::string issued_on = today();
  domain::Presentation full;
  auto& c = full.certificate;
  c.issuer_node = federation_.node_id();
  c.issuer_jurisdiction = federation_.trust().current()->jurisdiction;
  c.issuer_authority = kase.authority;
  std::string serial = std::to_string(tx.next_certificate_serial());
  if (serial.size() < 8) serial.insert(0, 8 - serial.size(), '0');
  c.id = domain::format_e_certificate_id({domain::issuer_code_for(kase.authority), issued_on.substr(0, 4) + serial, 1});
  c.item_code = kase.item_code;
  c.result_kind = item->result.kind;
  c.result_name = item->result.name;
  c.issued_at_ms = now;
  c.valid_from = issued_on;
  c.valid_until = "";

  // The holder: the applicant's account here, else what the form says (an applicant of another node).
  std::string holder_name, document_type, document_number;
  json::error_code error;
  json::value form = json::parse(kase.form_json, error);
  const json::object* fields = (!error && form.is_object()) ? &form.as_object() : nullptr;
  if (auto account = tx.find_account_by_id(kase.applicant_id)) {
    holder_name = account->display_name;
    document_type = account->id_document_type;
    document_number = account->id_document_number;
  }
  if (fields) {
    if (const auto* name = fields->if_contains("applicant_name"); name && holder_name.empty())
      holder_name = form_text(*name);
    if (const auto* id = fields->if_contains("id_number"); id && id->is_object() && document_number.empty()) {
      if (const auto* type = id->as_object().if_contains("type")) document_type = form_text(*type);
      if (const auto* number = id->as_object().if_contains("number")) document_number = form_text(*number);
    }
  }
  std::vector<std::pair<std::string, std::string>> values = {{"holder.name", holder_name},
                                                             {"holder.id_document.type", document_type},
                                                             {"holder.id_document.number", document_number},
                                                             {"result.note", kase.result_note},
                                                             {"case.id", kase.id}};
  if (fields)
    for (const auto& field : item->form) {
      if (!field.crosses_border || field.id == "applicant_name" || field.id == "id_number") continue;
      if (const auto* value = fields->if_contains(field.id)) values.emplace_back("form." + field.id, form_text(*value));
    }
  for (auto& [name, value] : values) {
    if (name.size() > 64) continue;
    if (value.size() > 4096) value.resize(4096);
    auto disclosed = domain::salted_field(name, value, random_salt());
    c.fields.push_back({disclosed.name, domain::field_digest(disclosed.salt, disclosed.name, disclosed.value)});
    full.disclosed.push_back(std::move(disclosed));
  }
  if (auto problem = domain::certificate_shape_problem(c))
    throw std::runtime_error("e-certificate of case " + kase.id + " would be malformed: " + *problem);
  sign_certificate(c, federation_.key());

  store::CertificateRecord record;
  record.id = c.id;
  record.case_id = kase.id;
  record.holder_account = kase.applicant_id;
  record.issuer_authority = kase.authority;
  record.issued_at_ms = now;
  record.document = presentation_to_json(full);
  record.status = "valid";
  record.status_changed_at_ms = now;
  tx.insert_certificate(record);
  spdlog::info("certificates: issued {} for case {}", c.id, kase.id);
  publish_in(tx);  // the next list names the new certificate, so a verifier abroad knows it at once
}

domain::CertificateStatusList CertificateService::publish_in(store::Transaction& tx) {
  const std::string self = federation_.node_id();
  domain::CertificateStatusList list;
  list.issuer_node = self;
  auto held = tx.find_status_list(self);
  list.number = held ? held->number + 1 : 1;
  list.issued_at_ms = node_.now_ms();
  if (held && list.issued_at_ms <= held->issued_at_ms) list.issued_at_ms = held->issued_at_ms + 1;
  list.valid_until_ms = list.issued_at_ms + settings_.status_validity.count();
  for (const auto& [id, word] : tx.list_certificate_statuses()) {
    auto status = domain::parse_certificate_status(word);
    if (!status) throw std::runtime_error("certificate " + id + " has the unknown status '" + word + "'");
    list.entries.push_back({id, *status});
  }
  sign_status_list(list, federation_.key());
  const std::string document = status_list_to_json(list);
  tx.put_status_list({self, list.number, list.issued_at_ms, list.valid_until_ms, document, list.issued_at_ms});
  auto config = federation_.trust().current();
  for (const auto& peer : config->peers) {
    if (!peer.may_send.count(std::string(kStatusMessageType))) continue;
    try {
      federation_.outbox().enqueue(tx, {peer.node_id, std::string(kStatusMessageType), "", {}, document});
    } catch (const federation::OutboxRefused& refused) {
      spdlog::warn("certificates: status list {} not sent to {}: {}", list.number, peer.node_id, refused.what());
    }
  }
  return list;
}

domain::CertificateStatusList CertificateService::publish_now() {
  return node_.store().transact([&](store::Transaction& tx) { return publish_in(tx); });
}

void CertificateService::apply_status_list(const federation::Envelope& envelope, store::Transaction& tx) {
  domain::CertificateStatusList list;
  try {
    list = parse_status_list(envelope.payload);
  } catch (const CodecError& error) {
    throw federation::MessageRejected("status_list_malformed", error.what());
  }
  if (list.issuer_node != envelope.from)
    throw federation::MessageRejected("status_list_not_senders",
                                      "a node sends its own status list only, not " + list.issuer_node + "'s");
  if (!status_list_authentic(list, issuer_keys()))
    throw federation::MessageRejected("status_list_bad_signature",
                                      "the status list does not verify with a key of " + list.issuer_node);
  if (list.issued_at_ms > node_.now_ms() + kMaxFutureMs)
    throw federation::MessageRejected("status_list_future", "the status list is issued in the future");
  bool kept = tx.put_status_list(
      {list.issuer_node, list.number, list.issued_at_ms, list.valid_until_ms, envelope.payload, node_.now_ms()});
  if (!kept)
    spdlog::debug("certificates: status list {} of {} is not newer; kept the held one", list.number, list.issuer_node);
}

node::CertificateVerification CertificateService::verify(std::string_view text) const {
  std::optional<domain::CertificateStatusList> list;
  try {
    auto presentation = parse_presentation_text(text);
    if (auto held = node_.store().find_status_list(presentation.certificate.issuer_node))
      list = parse_status_list(held->document);
  } catch (const CodecError&) {
    // verify_certificate reports the document's problem; a held list that no longer parses counts as none.
  }
  return verify_certificate(text, issuer_keys(), list, node_.now_ms(), today());
}

std::vector<store::CertificateRecord> CertificateService::certificates_of(std::string_view account_id) const {
  return node_.store().list_certificates_of_holder(account_id);
}

store::CertificateRecord CertificateService::change_status(const domain::Actor& actor, std::string_view certificate_id,
                                                           domain::CertificateStatus status,
                                                           const std::string& reason) {
  if (reason.empty() || reason.size() > kMaxReason)
    throw domain::ProblemError("validation-failed", "Give the reason for the change (at most 500 bytes).",
                               {{"reason", "required", "The reason is recorded and shown in the audit trail."}});
  return node_.store().transact([&](store::Transaction& tx) {
    auto record = tx.find_certificate(certificate_id);
    if (!record) throw domain::ProblemError("not-found", "No e-certificate " + std::string(certificate_id) + " here.");
    if (actor.role != domain::Role::reviewer || actor.authority != record->issuer_authority)
      throw domain::ProblemError("forbidden", "Only a reviewer of " + record->issuer_authority +
                                                  " may change the status of its e-certificates.");
    auto from = domain::parse_certificate_status(record->status);
    if (from == status) throw domain::ProblemError("conflict", "The e-certificate is " + record->status + " already.");
    if (from && final_status(*from))
      throw domain::ProblemError("conflict", "The e-certificate is " + record->status + ": that status is final.");
    const std::int64_t now = node_.now_ms();
    auto change = tx.change_certificate_status(
        {0, record->id, record->status, std::string(domain::to_string(status)), reason, actor.account_id, now});
    auto kase = tx.find_case(record->case_id);
    if (!kase) throw std::runtime_error("the case of certificate " + record->id + " is missing");
    domain::Event event;
    event.case_id = kase->id;
    event.actor_id = actor.account_id;
    event.actor_role = actor.role;
    event.action = domain::CaseAction::certificate_status;
    event.from_state = kase->state;
    event.to_state = kase->state;
    event.note = record->id + " " + change.from_status + ">" + change.to_status + ": " + reason;
    event.at_ms = now;
    tx.seal_and_append(event, domain::seal);
    publish_in(tx);
    return *tx.find_certificate(certificate_id);
  });
}

std::string CertificateService::token_of(const store::CertificateRecord& record) const {
  return presentation_token(parse_presentation(record.document));
}

void CertificateService::start() {
  publisher_.start();
}

void CertificateService::stop() {
  publisher_.stop();
}

}  // namespace tongban::certificates

#include "federation/envelope.h"

#include <boost/json.hpp>
#include <set>

#include "domain/canonical_bytes.h"

namespace tongban::federation {
namespace {

using domain::append_field;
using domain::append_int;

namespace json = boost::json;

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ',';
    out += word;
  }
  return out;
}

// Reads members of a JSON object, refusing unknown ones and wrong types.
class Members {
 public:
  Members(std::string_view text, std::string_view what, std::set<std::string_view> allowed) : what_(what) {
    json::error_code error;
    value_ = json::parse(text, error);
    if (error || !value_.is_object()) throw MalformedDocument(std::string(what) + " is not a JSON object");
    for (const auto& member : value_.as_object()) {
      if (!allowed.count(member.key()))
        throw MalformedDocument(std::string(what) + " has an unknown member '" + std::string(member.key()) + "'");
    }
  }
  std::string text(std::string_view key) const {
    const json::value* v = value_.as_object().if_contains(key);
    if (!v || !v->is_string()) throw missing(key, "a string");
    return std::string(v->as_string());
  }
  std::int64_t integer(std::string_view key) const {
    const json::value* v = value_.as_object().if_contains(key);
    if (!v || !v->is_int64()) {
      if (v && v->is_uint64() && v->as_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v->as_uint64());
      throw missing(key, "an integer");
    }
    return v->as_int64();
  }
  std::vector<std::string> words(std::string_view key) const {
    const json::value* v = value_.as_object().if_contains(key);
    if (!v || !v->is_array()) throw missing(key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) throw missing(key, "an array of strings");
      out.emplace_back(item.as_string());
    }
    return out;
  }

 private:
  MalformedDocument missing(std::string_view key, std::string_view kind) const {
    return MalformedDocument(std::string(what_) + " member '" + std::string(key) + "' must be " + std::string(kind));
  }
  std::string_view what_;
  json::value value_;
};

bool is_hex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (c == '-')) return false;
    if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_word(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

std::string canonical_envelope_bytes(const Envelope& e) {
  std::string out;
  append_field(out, "tongban.envelope.v1");
  append_field(out, e.message_id);
  append_field(out, e.from);
  append_field(out, e.to);
  append_field(out, e.type);
  append_field(out, e.case_ref);
  append_int(out, e.sequence);
  append_int(out, e.created_at_ms);
  append_int(out, e.sent_at_ms);
  append_field(out, joined(e.data_categories));
  append_field(out, e.payload_sha256);
  return out;
}

void sign_envelope(Envelope& envelope, const NodeKey& key) {
  envelope.payload_sha256 = sha256_hex(envelope.payload);
  envelope.signature = key.sign(canonical_envelope_bytes(envelope));
}

bool signature_valid(const Envelope& envelope, const PublicKey& key) {
  return sha256_hex(envelope.payload) == envelope.payload_sha256 &&
         key.verify(canonical_envelope_bytes(envelope), envelope.signature);
}

std::string envelope_to_json(const Envelope& e) {
  json::array categories;
  for (const auto& c : e.data_categories) categories.emplace_back(c);
  json::object o{{"message_id", e.message_id},
                 {"from", e.from},
                 {"to", e.to},
                 {"type", e.type},
                 {"case_ref", e.case_ref},
                 {"sequence", e.sequence},
                 {"created_at_ms", e.created_at_ms},
                 {"sent_at_ms", e.sent_at_ms},
                 {"data_categories", std::move(categories)},
                 {"payload", e.payload},
                 {"payload_sha256", e.payload_sha256},
                 {"signature", e.signature}};
  return json::serialize(o);
}

Envelope envelope_from_json(std::string_view text) {
  Members m(text, "envelope",
            {"message_id", "from", "to", "type", "case_ref", "sequence", "created_at_ms", "sent_at_ms",
             "data_categories", "payload", "payload_sha256", "signature"});
  Envelope e;
  e.message_id = m.text("message_id");
  e.from = m.text("from");
  e.to = m.text("to");
  e.type = m.text("type");
  e.case_ref = m.text("case_ref");
  e.sequence = m.integer("sequence");
  e.created_at_ms = m.integer("created_at_ms");
  e.sent_at_ms = m.integer("sent_at_ms");
  e.data_categories = m.words("data_categories");
  e.payload = m.text("payload");
  e.payload_sha256 = m.text("payload_sha256");
  e.signature = m.text("signature");
  if (!is_uuid(e.message_id)) throw MalformedDocument("envelope message_id must be a lowercase UUID");
  if (e.from.empty() || e.to.empty()) throw MalformedDocument("envelope from and to must not be empty");
  if (!is_word(e.type)) throw MalformedDocument("envelope type must be a word of [a-z0-9._-]");
  if (!is_hex64(e.payload_sha256)) throw MalformedDocument("envelope payload_sha256 must be 64 lowercase hex");
  if (e.case_ref.empty() != (e.sequence == 0) || e.sequence < 0)
    throw MalformedDocument("envelope sequence must be 0 without case_ref and >= 1 with one");
  for (const auto& c : e.data_categories)
    if (!is_word(c)) throw MalformedDocument("envelope data_categories must be words of [a-z0-9._-]");
  return e;
}

std::string_view to_string(ReceiptOutcome outcome) {
  switch (outcome) {
    case ReceiptOutcome::applied: return "applied";
    case ReceiptOutcome::held: return "held";
    case ReceiptOutcome::duplicate: return "duplicate";
    case ReceiptOutcome::rejected: return "rejected";
  }
  return "rejected";
}

std::optional<ReceiptOutcome> receipt_outcome_from(std::string_view word) {
  for (auto outcome :
       {ReceiptOutcome::applied, ReceiptOutcome::held, ReceiptOutcome::duplicate, ReceiptOutcome::rejected})
    if (to_string(outcome) == word) return outcome;
  return std::nullopt;
}

std::string canonical_receipt_bytes(const Receipt& r) {
  std::string out;
  append_field(out, "tongban.receipt.v1");
  append_field(out, r.message_id);
  append_field(out, r.from);
  append_field(out, r.to);
  append_field(out, r.payload_sha256);
  append_field(out, to_string(r.outcome));
  append_field(out, r.reason);
  append_int(out, r.issued_at_ms);
  return out;
}

void sign_receipt(Receipt& receipt, const NodeKey& key) {
  receipt.signature = key.sign(canonical_receipt_bytes(receipt));
}

bool signature_valid(const Receipt& receipt, const PublicKey& key) {
  return key.verify(canonical_receipt_bytes(receipt), receipt.signature);
}

std::string receipt_to_json(const Receipt& r) {
  json::object o{{"message_id", r.message_id},
                 {"from", r.from},
                 {"to", r.to},
                 {"payload_sha256", r.payload_sha256},
                 {"outcome", to_string(r.outcome)},
                 {"reason", r.reason},
                 {"issued_at_ms", r.issued_at_ms},
                 {"signature", r.signature}};
  return json::serialize(o);
}

Receipt receipt_from_json(std::string_view text) {
  Members m(text, "receipt",
            {"message_id", "from", "to", "payload_sha256", "outcome", "reason", "issued_at_ms", "signature"});
  Receipt r;
  r.message_id = m.text("message_id");
  r.from = m.text("from");
  r.to = m.text("to");
  r.payload_sha256 = m.text("payload_sha256");
  auto outcome = receipt_outcome_from(m.text("outcome"));
  if (!outcome) throw MalformedDocument("receipt outcome must be applied, held, duplicate or rejected");
  r.outcome = *outcome;
  r.reason = m.text("reason");
  r.issued_at_ms = m.integer("issued_at_ms");
  r.signature = m.text("signature");
  return r;
}

}  // namespace tongban::federation

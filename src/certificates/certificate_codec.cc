#include "certificates/certificate_codec.h"

#include <sodium.h>

#include <boost/json.hpp>
#include <initializer_list>

namespace tongban::certificates {
namespace {

namespace json = boost::json;

// Reads one JSON object's members, refusing unknown ones, missing ones and wrong types.
class Object {
 public:
  Object(const json::value& value, std::string where, std::initializer_list<std::string_view> allowed)
      : where_(std::move(where)) {
    if (!value.is_object()) throw CodecError(where_ + " must be an object");
    object_ = &value.as_object();
    for (const auto& member : *object_) {
      bool known = false;
      for (auto name : allowed) known = known || member.key() == name;
      if (!known) throw CodecError(where_ + " has an unknown member '" + std::string(member.key()) + "'");
    }
  }
  const json::value& at(std::string_view key) const {
    const json::value* v = object_->if_contains(key);
    if (!v) throw CodecError(where_ + "." + std::string(key) + " is missing");
    return *v;
  }
  std::string text(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_string()) throw CodecError(where_ + "." + std::string(key) + " must be a string");
    return std::string(v.as_string());
  }
  std::int64_t integer(std::string_view key) const {
    const auto& v = at(key);
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<std::int64_t>(v.as_uint64());
    throw CodecError(where_ + "." + std::string(key) + " must be an integer");
  }
  const json::array& array(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_array()) throw CodecError(where_ + "." + std::string(key) + " must be an array");
    return v.as_array();
  }
  std::string path(std::string_view key) const { return where_ + "." + std::string(key); }

 private:
  std::string where_;
  const json::object* object_ = nullptr;
};

json::value parse_json(std::string_view text, std::string_view what) {
  if (text.size() > kMaxDocumentBytes) throw CodecError(std::string(what) + " is too large");
  json::error_code error;
  json::value value = json::parse(text, error);
  if (error) throw CodecError(std::string(what) + " is not JSON");
  return value;
}

json::object certificate_object(const domain::ECertificate& c) {
  json::array fields;
  for (const auto& f : c.fields) fields.push_back(json::object{{"name", f.name}, {"digest", f.digest}});
  return json::object{{"format", domain::kECertificateFormat},
                      {"id", c.id},
                      {"issuer", json::object{{"node", c.issuer_node},
                                              {"jurisdiction", c.issuer_jurisdiction},
                                              {"authority", c.issuer_authority}}},
                      {"item_code", c.item_code},
                      {"result", json::object{{"kind", domain::to_string(c.result_kind)},
                                              {"name", json::object{{"zh-Hans", c.result_name.zh_hans},
                                                                    {"zh-Hant", c.result_name.zh_hant},
                                                                    {"pt", c.result_name.pt},
                                                                    {"en", c.result_name.en}}}}},
                      {"issued_at_ms", c.issued_at_ms},
                      {"valid_from", c.valid_from},
                      {"valid_until", c.valid_until},
                      {"fields", std::move(fields)},
                      {"signature", c.signature}};
}

}  // namespace

std::string presentation_to_json(const domain::Presentation& p) {
  json::object object = certificate_object(p.certificate);
  json::array disclosed;
  for (const auto& d : p.disclosed)
    disclosed.push_back(json::object{{"name", d.name}, {"value", d.value}, {"salt", d.salt}});
  object["disclosed"] = std::move(disclosed);
  return json::serialize(object);
}

domain::Presentation parse_presentation(std::string_view json_text) {
  json::value value = parse_json(json_text, "the certificate");
  Object top(value, "certificate",
             {"format", "id", "issuer", "item_code", "result", "issued_at_ms", "valid_from", "valid_until", "fields",
              "signature", "disclosed"});
  if (top.text("format") != domain::kECertificateFormat)
    throw CodecError("certificate.format must be \"" + std::string(domain::kECertificateFormat) + "\"");
  domain::Presentation p;
  auto& c = p.certificate;
  c.id = top.text("id");
  Object issuer(top.at("issuer"), top.path("issuer"), {"node", "jurisdiction", "authority"});
  c.issuer_node = issuer.text("node");
  c.issuer_jurisdiction = issuer.text("jurisdiction");
  c.issuer_authority = issuer.text("authority");
  c.item_code = top.text("item_code");
  Object result(top.at("result"), top.path("result"), {"kind", "name"});
  auto kind = domain::parse_result_kind(result.text("kind"));
  if (!kind) throw CodecError("certificate.result.kind is not a result kind");
  c.result_kind = *kind;
  Object name(result.at("name"), result.path("name"), {"zh-Hans", "zh-Hant", "pt", "en"});
  c.result_name = {name.text("zh-Hans"), name.text("zh-Hant"), name.text("pt"), name.text("en")};
  c.issued_at_ms = top.integer("issued_at_ms");
  c.valid_from = top.text("valid_from");
  c.valid_until = top.text("valid_until");
  std::size_t i = 0;
  for (const auto& item : top.array("fields")) {
    Object field(item, "certificate.fields[" + std::to_string(i++) + "]", {"name", "digest"});
    c.fields.push_back({field.text("name"), field.text("digest")});
  }
  c.signature = top.text("signature");
  i = 0;
  for (const auto& item : top.array("disclosed")) {
    Object field(item, "certificate.disclosed[" + std::to_string(i++) + "]", {"name", "value", "salt"});
    p.disclosed.push_back({field.text("name"), field.text("value"), field.text("salt")});
  }
  if (p.disclosed.size() > c.fields.size()) throw CodecError("certificate.disclosed has more fields than the document");
  return p;
}

std::string presentation_token(const domain::Presentation& p) {
  return std::string(kTokenPrefix) + base64url(presentation_to_json(p));
}

domain::Presentation parse_presentation_text(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) throw CodecError("nothing to verify: paste a token or a certificate document");
  if (text.starts_with(kTokenPrefix)) {
    text.remove_prefix(kTokenPrefix.size());
    if (text.size() > kMaxDocumentBytes * 4 / 3 + 4) throw CodecError("the token is too long");
    return parse_presentation(from_base64url(text));
  }
  if (text.front() == '{') return parse_presentation(text);
  throw CodecError("not an e-certificate: a token starts with \"tbec1.\", a document with \"{\"");
}

std::string status_list_to_json(const domain::CertificateStatusList& list) {
  json::array entries;
  for (const auto& e : list.entries)
    entries.push_back(json::object{{"id", e.certificate_id}, {"status", domain::to_string(e.status)}});
  return json::serialize(json::object{{"format", "tongban.ecert.status.v1"},
                                      {"issuer_node", list.issuer_node},
                                      {"number", list.number},
                                      {"issued_at_ms", list.issued_at_ms},
                                      {"valid_until_ms", list.valid_until_ms},
                                      {"entries", std::move(entries)},
                                      {"signature", list.signature}});
}

domain::CertificateStatusList parse_status_list(std::string_view json_text) {
  json::error_code error;
  // A list may name many certificates: its own bound is the federation payload limit, checked by the inbox.
  json::value value = json::parse(json_text, error);
  if (error) throw CodecError("the status list is not JSON");
  Object top(value, "status_list",
             {"format", "issuer_node", "number", "issued_at_ms", "valid_until_ms", "entries", "signature"});
  if (top.text("format") != "tongban.ecert.status.v1")
    throw CodecError("status_list.format must be \"tongban.ecert.status.v1\"");
  domain::CertificateStatusList list;
  list.issuer_node = top.text("issuer_node");
  list.number = top.integer("number");
  list.issued_at_ms = top.integer("issued_at_ms");
  list.valid_until_ms = top.integer("valid_until_ms");
  std::size_t i = 0;
  for (const auto& item : top.array("entries")) {
    Object entry(item, "status_list.entries[" + std::to_string(i++) + "]", {"id", "status"});
    auto status = domain::parse_certificate_status(entry.text("status"));
    if (!status) throw CodecError(entry.path("status") + " is not a status word");
    list.entries.push_back({entry.text("id"), *status});
  }
  list.signature = top.text("signature");
  if (auto problem = domain::status_list_shape_problem(list)) throw CodecError("status_list: " + *problem);
  return list;
}

void sign_certificate(domain::ECertificate& certificate, const federation::NodeKey& key) {
  certificate.signature = key.sign(domain::certificate_signed_bytes(certificate));
}

bool certificate_signature_valid(const domain::ECertificate& certificate, const federation::PublicKey& key) {
  return key.verify(domain::certificate_signed_bytes(certificate), certificate.signature);
}

void sign_status_list(domain::CertificateStatusList& list, const federation::NodeKey& key) {
  list.signature = key.sign(domain::status_list_signed_bytes(list));
}

bool status_list_signature_valid(const domain::CertificateStatusList& list, const federation::PublicKey& key) {
  return key.verify(domain::status_list_signed_bytes(list), list.signature);
}

std::string random_salt() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 32);
}

std::string base64url(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string from_base64url(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    throw CodecError("the token is not base64url");
  out.resize(length);
  return out;
}

}  // namespace tongban::certificates

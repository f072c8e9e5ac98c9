#include "case_scenario.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace tongban::api_test {

std::string pdf_bytes(std::string_view label) {
  return "%PDF-1.4\n% scanned for the API tests: " + std::string(label) + "\n%%EOF\n";
}

std::string png_bytes(std::string_view label) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR scanned for the API tests: " + std::string(label);
}

std::string upload_blob(const HttpClient& client, const std::string& token, const std::string& bytes) {
  auto answer =
      client.request("POST", "/api/v1/blobs", bearer(token, {{"Content-Type", "application/octet-stream"}}), bytes);
  EXPECT_EQ(answer.status, 201) << answer.body;
  if (answer.status != 201) return "";
  return text(answer.json(), "sha256");
}

std::vector<std::pair<std::string, std::string>> upload_required_materials(const HttpClient& client,
                                                                           const std::string& token,
                                                                           std::string_view label) {
  std::string prefix(label);
  return {{"id_card", upload_blob(client, token, pdf_bytes(prefix + " id card"))},
          {"finance_authorisation", upload_blob(client, token, pdf_bytes(prefix + " authorisation"))},
          {"bank_card", upload_blob(client, token, png_bytes(prefix + " bank card"))}};
}

boost::json::object application(const TestAccount& applicant,
                                const std::vector<std::pair<std::string, std::string>>& materials, bool on_behalf) {
  boost::json::array listed;
  for (const auto& [id, sha256] : materials) listed.push_back({{"material_id", id}, {"blob", sha256}});
  boost::json::object body{
      {"item_code", kItemCode},
      {"form",
       {{"applicant_name", "陈大文"},
        {"id_number", {{"type", "CN_RIC"}, {"number", applicant.id_document_number}}},
        {"phone", "+8613812345678"},
        {"purpose", "employment"},
        {"consent_transfer", true}}},
      {"materials", std::move(listed)},
      {"delivery_method", "electronic"},
  };
  if (on_behalf) body["applicant_id"] = applicant.id;
  return body;
}

HttpAnswer open_case(const HttpClient& client, const std::string& token, const boost::json::object& body,
                     const std::string& idempotency_key) {
  Headers extra;
  if (!idempotency_key.empty()) extra.emplace_back("Idempotency-Key", idempotency_key);
  return client.post("/api/v1/cases", boost::json::serialize(body), token, std::move(extra));
}

boost::json::object open_case_ok(const HttpClient& client, const std::string& token, const boost::json::object& body) {
  auto answer = open_case(client, token, body);
  EXPECT_EQ(answer.status, 201) << answer.body;
  auto json = answer.json();
  return json.is_object() ? json.as_object() : boost::json::object{};
}

HttpAnswer act(const HttpClient& client, const std::string& token, const std::string& case_id, std::int64_t version,
               const boost::json::object& body) {
  Headers extra;
  if (version > 0) extra.emplace_back("If-Match", "\"" + std::to_string(version) + "\"");
  return client.post("/api/v1/cases/" + case_id + "/actions", boost::json::serialize(body), token, std::move(extra));
}

std::optional<boost::json::object> read_case(const HttpClient& client, const std::string& token,
                                             const std::string& case_id) {
  auto answer = client.get("/api/v1/cases/" + case_id, token);
  if (answer.status != 200) return std::nullopt;
  auto json = answer.json();
  if (!json.is_object()) return std::nullopt;
  return json.as_object();
}

std::string text(const boost::json::value& value, std::string_view key) {
  if (!value.is_object()) return "";
  const auto* found = value.as_object().if_contains(key);
  if (!found) return "";
  if (found->is_string()) return std::string(found->as_string());
  if (found->is_null()) return "";
  return boost::json::serialize(*found);
}

}  // namespace tongban::api_test

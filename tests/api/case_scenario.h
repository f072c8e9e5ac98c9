// What the API tests apply for: the item, the materials (as PDF/PNG bytes uploaded over HTTP), the application
// body, and the calls that open a case and act on it. Every helper goes through the real HTTP API.
//
// The item is JM-CA-006 (婚姻登记记录证明, Jiangmen civil affairs bureau): three required materials, five form
// fields, a legal time limit of 5 and a promised one of 1 working day, offered online and at Jiangmen windows.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "node_under_test.h"

namespace tongban::api_test {

inline constexpr std::string_view kItemCode = "JM-CA-006";
inline constexpr std::string_view kItemAuthority = "JM-CA";
inline constexpr std::string_view kOtherAuthority = "JM-HRSS";
inline constexpr std::string_view kIntakePoint = "JM-WIN-CITY";     // takes in Jiangmen's own items
inline constexpr std::string_view kOtherPoint = "JM-WIN-JIANGHAI";  // another Jiangmen window

// Bytes that sniff as PDF / PNG, different for every label.
std::string pdf_bytes(std::string_view label);
std::string png_bytes(std::string_view label);

// Uploads the bytes with the token; returns the sha256 (a test failure is recorded unless the answer is 201).
std::string upload_blob(const HttpClient& client, const std::string& token, const std::string& bytes);

// The three required materials of kItemCode, uploaded with `token`: material id -> sha256.
std::vector<std::pair<std::string, std::string>> upload_required_materials(const HttpClient& client,
                                                                           const std::string& token,
                                                                           std::string_view label);

// A complete, valid application body for kItemCode by `applicant`. With `on_behalf`, the body names the
// applicant (a clerk applies for them).
boost::json::object application(const TestAccount& applicant,
                                const std::vector<std::pair<std::string, std::string>>& materials,
                                bool on_behalf = false);

// POST /api/v1/cases; returns the answer.
HttpAnswer open_case(const HttpClient& client, const std::string& token, const boost::json::object& body,
                     const std::string& idempotency_key = {});
// Opens a case and returns its JSON (a test failure is recorded unless the answer is 201).
boost::json::object open_case_ok(const HttpClient& client, const std::string& token, const boost::json::object& body);

// POST /api/v1/cases/{id}/actions with If-Match: "<version>" (none when version is 0).
HttpAnswer act(const HttpClient& client, const std::string& token, const std::string& case_id, std::int64_t version,
               const boost::json::object& body);

// The case as `token` sees it (GET), or nullopt when the answer is not 200.
std::optional<boost::json::object> read_case(const HttpClient& client, const std::string& token,
                                             const std::string& case_id);

std::string text(const boost::json::value& value, std::string_view key);  // value[key] as a string, "" if absent

}  // namespace tongban::api_test

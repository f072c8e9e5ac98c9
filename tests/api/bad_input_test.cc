// Bad inputs over HTTP, each answered with its documented problem type and its field errors, and each changing
// nothing: malformed JSON, unknown fields, wrong types, invalid identity numbers, unknown items, illegal
// transitions, materials of an unsupported type.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "case_scenario.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

class BadInputTest : public SharedNodeTest {
 protected:
  // Every {field, rule} pair of a validation-failed answer.
  static std::set<std::pair<std::string, std::string>> field_errors(const HttpAnswer& answer) {
    std::set<std::pair<std::string, std::string>> errors;
    auto json = answer.json();
    if (!json.is_object() || !json.as_object().contains("errors")) return errors;
    for (const auto& error : json.at("errors").as_array()) errors.emplace(text(error, "field"), text(error, "rule"));
    return errors;
  }

  static void expect_validation(const HttpAnswer& answer, const std::string& field, const std::string& rule) {
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_EQ(answer.problem_type(), "/problems/validation-failed") << answer.body;
    EXPECT_EQ(answer.header("Content-Type"), "application/problem+json");
    EXPECT_TRUE(field_errors(answer).count({field, rule}))
        << "expected {" << field << ", " << rule << "} in " << answer.body;
  }

  static boost::json::object registration(const std::string& login, const std::string& type,
                                          const std::string& number) {
    return {{"kind", "natural_person"},
            {"login", login},
            {"password", "Bad-input-pass-1"},
            {"display_name", "Bad Input"},
            {"id_document", {{"type", type}, {"number", number}}}};
  }
};

TEST_F(BadInputTest, MalformedJsonIsRefusedOnEveryJsonRoute) {
  auto http = client();
  auto applicant = node().register_applicant("malformed");
  auto before = node().counts();
  for (std::string body : {"{\"kind\": ", "not json at all", "[1, 2, 3]", "{\"login\": \"a\",}", ""}) {
    SCOPED_TRACE(body);
    auto accounts = http.post("/api/v1/accounts", body);
    EXPECT_EQ(accounts.status, 400);
    EXPECT_EQ(accounts.problem_type(), "/problems/malformed-json");
    auto cases = http.post("/api/v1/cases", body, applicant.token);
    EXPECT_EQ(cases.status, 400);
    EXPECT_EQ(cases.problem_type(), "/problems/malformed-json");
    auto sessions = http.post("/api/v1/sessions", body);
    EXPECT_EQ(sessions.problem_type(), "/problems/malformed-json");
  }
  auto after = node().counts();
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.cases, before.cases);
}

TEST_F(BadInputTest, UnknownFieldsAndWrongTypesAreNamed) {
  auto http = client();
  auto applicant = node().register_applicant("fields");
  auto materials = upload_required_materials(http, applicant.token, "fields");
  auto before = node().counts();

  auto with_extra = registration("extra@example.mo", "CN_RIC", valid_cn_ric(7001));
  with_extra["nickname"] = "x";
  with_extra["id_document"].as_object()["issued"] = "2020";
  auto extra = http.post("/api/v1/accounts", boost::json::serialize(with_extra));
  expect_validation(extra, "nickname", "unknown_field");
  expect_validation(extra, "id_document.issued", "unknown_field");

  auto wrong_type = registration("types@example.mo", "CN_RIC", valid_cn_ric(7002));
  wrong_type["login"] = 42;
  wrong_type["id_document"] = "CN_RIC 110105";
  auto typed = http.post("/api/v1/accounts", boost::json::serialize(wrong_type));
  expect_validation(typed, "login", "type");
  expect_validation(typed, "id_document", "type");

  auto body = application(applicant, materials);
  body["priority"] = "high";
  body["submit"] = "yes";
  body["materials"] = "all of them";
  auto kase = open_case(http, applicant.token, body);
  expect_validation(kase, "priority", "unknown_field");
  expect_validation(kase, "submit", "type");
  expect_validation(kase, "materials", "type");

  auto form = application(applicant, materials);
  form["form"].as_object()["phone"] = 13812345678;
  form["form"].as_object()["favourite_colour"] = "blue";
  form["form"].as_object()["purpose"] = "tourism";
  auto answers = open_case(http, applicant.token, form);
  expect_validation(answers, "form.phone", "type");
  expect_validation(answers, "form.favourite_colour", "unknown_field");
  expect_validation(answers, "form.purpose", "choice");

  auto missing = application(applicant, {materials[0]});
  auto incomplete = open_case(http, applicant.token, missing);
  expect_validation(incomplete, "materials.bank_card", "required");

  auto after = node().counts();
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.cases, before.cases);
  EXPECT_EQ(after.events, before.events);
}

TEST_F(BadInputTest, InvalidIdentityNumbersAreRefusedAtRegistration) {
  auto http = client();
  auto before = node().counts();
  std::string valid = valid_cn_ric(7100);
  std::string corrupted = valid;
  corrupted[17] = corrupted[17] == '0' ? '1' : '0';
  struct Case {
    std::string type, number, rule;
  };
  const std::vector<Case> cases = {
      {"CN_RIC", corrupted, "check_digit"},
      {"CN_RIC", valid.substr(0, 17), "length"},
      {"CN_RIC", "44070319501301" + valid.substr(14), "birth_date"},
      {"CN_RIC", "810000" + valid.substr(6), "area"},
      {"HK_HKID", "A123456(4)", "check_digit"},
      {"MO_BIR", "2234567(8)", "prefix"},
      {"CN_USCC", "91350100M000100Y4A", "check_digit"},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type + " " + c.number);
    auto answer =
        http.post("/api/v1/accounts",
                  boost::json::serialize(registration("id" + std::to_string(n++) + "@example.mo", c.type, c.number)));
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_EQ(answer.problem_type(), "/problems/validation-failed");
    bool named = false;
    for (const auto& [field, rule] : field_errors(answer)) named = named || (field.find("number") != std::string::npos);
    EXPECT_TRUE(named) << answer.body;
    if (c.type != "CN_USCC") {
      bool found = false;
      for (const auto& [field, rule] : field_errors(answer)) found = found || rule == c.rule;
      EXPECT_TRUE(found) << "rule " << c.rule << " in " << answer.body;
    }
  }
  auto unknown_type =
      http.post("/api/v1/accounts", boost::json::serialize(registration("t@example.mo", "PASSPORT", "E1234567")));
  EXPECT_EQ(unknown_type.status, 400);
  EXPECT_EQ(unknown_type.problem_type(), "/problems/validation-failed");
  auto weak = registration("weak@example.mo", "CN_RIC", valid);
  weak["password"] = "short";
  expect_validation(http.post("/api/v1/accounts", boost::json::serialize(weak)), "password", "too_short");
  EXPECT_EQ(node().counts().accounts, before.accounts);

  // The valid number registers; the same document twice is a conflict.
  ASSERT_EQ(
      http.post("/api/v1/accounts", boost::json::serialize(registration("ok@example.mo", "CN_RIC", valid))).status,
      201);
  auto twice = http.post("/api/v1/accounts", boost::json::serialize(registration("ok2@example.mo", "CN_RIC", valid)));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.problem_type(), "/problems/conflict");
  EXPECT_EQ(node().counts().accounts, before.accounts + 1);
}

TEST_F(BadInputTest, UnknownItemsIllegalTransitionsAndUnsupportedMaterials) {
  auto http = client();
  auto applicant = node().register_applicant("domain-errors");
  auto reviewer = node().add_reviewer("domain-errors-reviewer", std::string(kItemAuthority));
  auto materials = upload_required_materials(http, applicant.token, "domain errors");
  auto before = node().counts();

  auto body = application(applicant, materials);
  body["item_code"] = "JM-XX-999";
  expect_validation(open_case(http, applicant.token, body), "item_code", "unknown_item");
  auto unknown_blob = application(applicant, materials);
  unknown_blob["materials"].as_array()[0].as_object()["blob"] = std::string(64, 'a');
  expect_validation(open_case(http, applicant.token, unknown_blob), "materials[0].blob", "unknown_blob");
  EXPECT_EQ(node().counts().cases, before.cases);
  EXPECT_EQ(http.get("/api/v1/items/JM-XX-999").problem_type(), "/problems/not-found");

  // Illegal transitions: approve before acceptance, close a case still open, an unknown action.
  auto kase = open_case_ok(http, applicant.token, application(applicant, materials));
  const std::string id = text(kase, "id");
  auto events = node().counts().events;
  auto approve = act(http, reviewer.token, id, 1, {{"action", "approve"}, {"note", "too early"}});
  EXPECT_EQ(approve.status, 409);
  EXPECT_EQ(approve.problem_type(), "/problems/illegal-transition");
  auto close = act(http, reviewer.token, id, 1, {{"action", "close"}});
  EXPECT_EQ(close.status, 409);
  EXPECT_EQ(close.problem_type(), "/problems/illegal-transition");
  expect_validation(act(http, reviewer.token, id, 1, {{"action", "teleport"}}), "action", "enum");
  expect_validation(act(http, reviewer.token, id, 1, {{"action", "accept"}, {"note", 5}}), "note", "type");
  auto read = read_case(http, applicant.token, id);
  ASSERT_TRUE(read);
  EXPECT_EQ(text(*read, "state"), "submitted");
  EXPECT_EQ(read->at("version").as_int64(), 1);
  EXPECT_EQ(node().counts().events, events);

  // Materials are PDF, PNG or JPEG by their bytes, whatever the name or Content-Type says.
  auto blobs = node().counts().blobs;
  auto gif = http.request("POST", "/api/v1/blobs", bearer(applicant.token, {{"Content-Type", "application/pdf"}}),
                          "GIF89a pretending to be a PDF");
  EXPECT_EQ(gif.status, 415);
  EXPECT_EQ(gif.problem_type(), "/problems/unsupported-media-type");
  auto empty = http.request("POST", "/api/v1/blobs", bearer(applicant.token), "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.problem_type(), "/problems/bad-request");
  EXPECT_EQ(node().counts().blobs, blobs);
}

}  // namespace
}  // namespace tongban::api_test

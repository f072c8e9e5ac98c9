// The JSON request decoders of the API (api/request_decoders.h): what they refuse and how.
#include "api/request_decoders.h"

#include <gtest/gtest.h>

#include "domain/problem.h"

namespace tongban::api {
namespace {

std::string problem_slug(void (*decode)(std::string_view), std::string_view body) {
  try {
    decode(body);
  } catch (const domain::ProblemError& error) {
    return error.problem().slug;
  }
  return "accepted";
}

void application(std::string_view body) {
  decode_case_application(body);
}
void registration(std::string_view body) {
  decode_registration(body);
}

TEST(RequestDecoders, DecodesACaseApplication) {
  auto decoded = decode_case_application(
      R"({"item_code":"MO-DSI-001","form":{"age":42.5},"materials":[{"material_id":"id","blob":"ab"}]})");
  EXPECT_EQ(decoded.item_code, "MO-DSI-001");
  EXPECT_EQ(decoded.form.at("age").as_double(), 42.5);
  ASSERT_EQ(decoded.materials.size(), 1u);
  EXPECT_EQ(decoded.materials[0].blob_sha256, "ab");
}

// Found by fuzz/api_requests_fuzzer: 1e999 was read as infinity and kept in the form, which then serialised as
// "Infinity", text no JSON parser reads back.
TEST(RequestDecoders, RefusesNumbersTooLargeForADouble) {
  EXPECT_EQ(problem_slug(application, R"({"item_code":"MO-DSI-001","form":{"birth_date":1e999}})"), "malformed-json");
  EXPECT_EQ(problem_slug(application, R"({"item_code":"MO-DSI-001","form":{"a":[1,{"b":-1e999}]}})"), "malformed-json");
  EXPECT_EQ(problem_slug(registration, R"({"kind":"natural_person","x":1e400})"), "malformed-json");
  EXPECT_EQ(problem_slug(application, R"({"item_code":"MO-DSI-001","form":{"tiny":1e-999,"big":1e308}})"), "accepted");
}

TEST(RequestDecoders, ListsEveryFieldProblem) {
  try {
    decode_registration(R"({"kind":1,"extra":true,"id_document":{"type":"HK_HKID","more":0}})");
    FAIL() << "accepted";
  } catch (const domain::ProblemError& error) {
    EXPECT_EQ(error.problem().slug, "validation-failed");
    EXPECT_GE(error.problem().errors.size(), 6u);  // kind type, login, password, display_name, number, 2 unknown
  }
}

}  // namespace
}  // namespace tongban::api

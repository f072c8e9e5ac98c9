// The OpenAPI document served at /api/v1/openapi.json describes exactly the routes of the router: a route missing
// from it, or a documented operation the router does not serve, fails the test.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "node_under_test.h"

namespace tongban::api_test {
namespace {

using MethodPath = std::pair<std::string, std::string>;

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { node_ = new NodeUnderTest(); }
  static void TearDownTestSuite() {
    delete node_;
    node_ = nullptr;
  }
  static NodeUnderTest* node_;
};
NodeUnderTest* OpenApiTest::node_ = nullptr;

// One test (each test is a process under ctest, and each starts a node): served, parses, matches the routes.
TEST_F(OpenApiTest, DocumentParsesAndDescribesExactlyTheRoutes) {
  auto answer = node_->client().get("/api/v1/openapi.json");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.header("Content-Type"), "application/json");
  auto document = answer.json();
  ASSERT_TRUE(document.is_object());
  ASSERT_TRUE(document.as_object().contains("openapi"));
  EXPECT_TRUE(std::string(document.at("openapi").as_string()).starts_with("3.1"));
  ASSERT_TRUE(document.as_object().contains("paths"));
  ASSERT_TRUE(document.at("paths").is_object());

  std::set<MethodPath> documented;
  static const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options"};
  for (const auto& [path, item] : document.at("paths").as_object()) {
    ASSERT_TRUE(item.is_object()) << path;
    for (const auto& [method, operation] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      documented.emplace(upper(std::string(method)), std::string(path));
      const auto* responses = operation.is_object() ? operation.as_object().if_contains("responses") : nullptr;
      EXPECT_TRUE(responses && responses->is_object() && !responses->as_object().empty())
          << method << " " << path << " has no responses";
    }
  }
  std::set<MethodPath> routed;
  for (const auto& route : node_->router().routes()) routed.emplace(route.method, route.pattern);

  for (const auto& [method, path] : routed)
    EXPECT_TRUE(documented.count({method, path})) << "route not in openapi.json: " << method << " " << path;
  for (const auto& [method, path] : documented)
    EXPECT_TRUE(routed.count({method, path}))
        << "openapi.json documents a route that does not exist: " << method << " " << path;
  EXPECT_FALSE(routed.empty());
}

}  // namespace
}  // namespace tongban::api_test

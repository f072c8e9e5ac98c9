// docs/api.md lists every problem type the node answers with (domain::problem_types()): slug, status and title.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "http/problem_response.h"

namespace tongban::api_test {
namespace {

std::string read_api_docs() {
  std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/docs/api.md");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(ApiDocsTest, EveryProblemTypeIsInTheTableWithItsStatusAndTitle) {
  std::string docs = read_api_docs();
  ASSERT_FALSE(docs.empty()) << "docs/api.md is missing";
  ASSERT_FALSE(domain::problem_types().empty());
  for (const auto& type : domain::problem_types()) {
    std::string row_start =
        "| `" + std::string(type.slug) + "` | " + std::to_string(type.status) + " | " + std::string(type.title) + " |";
    EXPECT_NE(docs.find(row_start), std::string::npos)
        << "docs/api.md has no row \"" << row_start << "\" in its table of problem types";
  }
}

}  // namespace
}  // namespace tongban::api_test

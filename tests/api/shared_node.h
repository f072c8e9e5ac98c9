// SharedNodeTest: a GoogleTest fixture whose test suite shares one NodeUnderTest, started in SetUpTestSuite and
// stopped in TearDownTestSuite (seeding the catalog takes a moment). Tests of such a suite must not depend on
// each other: each makes its own accounts and cases.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "node_under_test.h"

namespace tongban::api_test {

class SharedNodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { shared_ = std::make_unique<NodeUnderTest>(); }
  static void TearDownTestSuite() { shared_.reset(); }
  static NodeUnderTest& node() { return *shared_; }
  static HttpClient client() { return shared_->client(); }
  static HttpClient direct_client() { return shared_->direct_client(); }

 private:
  static inline std::unique_ptr<NodeUnderTest> shared_;
};

}  // namespace tongban::api_test

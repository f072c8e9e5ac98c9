// Node::open refuses a mistyped --store before it creates anything: the data directory it names stays absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "node/node.h"

namespace tongban::node {
namespace {

TEST(NodeOpen, AStoreThatIsNeitherSqliteNorPostgresIsRefusedBeforeTheDataDirectoryIsMade) {
  const auto dir = std::filesystem::temp_directory_path() / "tongban-node-open-test-never-made";
  std::filesystem::remove_all(dir);
  NodeConfig config;
  config.data_dir = dir;
  config.store = "mysql://db/tongban";
  EXPECT_THROW(Node::open(config), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace tongban::node

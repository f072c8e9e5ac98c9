#include "node_store.h"

#include "test_store.h"

namespace tongban::fault_test {

std::string node_store(const std::filesystem::path& data_dir) {
  if (!testing::testing_on_postgres()) return {};
  return testing::test_store_for(std::filesystem::absolute(data_dir).lexically_normal().string());
}

std::vector<std::string> with_data_dir(std::vector<std::string> arguments, const std::filesystem::path& data_dir) {
  std::string url = node_store(data_dir);
  // "sqlite" said, not left to the default: a TONGBAN_STORE in the test's environment must not move the node.
  arguments.insert(arguments.end(), {"--data-dir", data_dir.string(), "--store", url.empty() ? "sqlite" : url});
  return arguments;
}

}  // namespace tongban::fault_test

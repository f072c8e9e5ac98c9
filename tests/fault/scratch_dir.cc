#include "scratch_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <random>
#include <regex>

namespace tongban::fault_test {
namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& purpose) {
  std::error_code ignored;
  const std::regex leftover("tongban-" + purpose + R"(-(\d+)-[0-9a-f]+)");
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ignored)) {
    std::smatch match;
    std::string name = entry.path().filename().string();
    if (std::regex_match(name, match, leftover) && !fs::exists("/proc/" + match[1].str()))
      fs::remove_all(entry.path(), ignored);
  }
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", random());
  path_ = fs::temp_directory_path() / ("tongban-" + purpose + "-" + std::to_string(::getpid()) + "-" + suffix);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  if (!std::getenv("TONGBAN_FAULT_KEEP")) fs::remove_all(path_, ignored);
}

}  // namespace tongban::fault_test

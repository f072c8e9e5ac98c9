// ScratchDir: a fault test's working directory under the system's temp dir, "tongban-<purpose>-<pid>-<random>",
// removed when the test ends (kept with TONGBAN_FAULT_KEEP=1, to look at a failure). A test process that was killed
// cannot clean up, so the constructor also removes the directories of its purpose whose process is gone.
#pragma once

#include <filesystem>
#include <string>

namespace tongban::fault_test {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& purpose);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tongban::fault_test

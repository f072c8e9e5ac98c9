#include "cli/shipped_data.h"

#include <stdexcept>

namespace tongban::cli {

namespace fs = std::filesystem;

fs::path running_binary_folder() {
  std::error_code error;
  fs::path binary = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot tell where the tongban binary is (/proc/self/exe): " + error.message());
  return binary.parent_path();
}

fs::path installed_data_folder() {
  return (running_binary_folder() / TONGBAN_SHIPPED_DATA_FROM_BINARY).lexically_normal();
}

std::optional<fs::path> find_shipped_data() {
  fs::path folder = installed_data_folder();
  std::error_code error;
  if (fs::is_directory(folder / "catalog", error)) return folder;
  return std::nullopt;
}

}  // namespace tongban::cli

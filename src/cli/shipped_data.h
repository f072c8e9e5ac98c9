// ShippedData: where the data that ships with tongban (catalog/, calendars/, federation/ — the repository's data/)
// is found at run time, to seed a new node. Never a path of the machine the binary was built on:
//   1. --seed-dir (or $TONGBAN_SEED_DIR, or [node] seed_dir in --config), when given;
//   2. <folder of the running binary>/../share/tongban (TONGBAN_SHIPPED_DATA_FROM_BINARY, the relative path from
//      the install bin/ to the install share/tongban, computed by CMake): `cmake --install` puts the binary in
//      <prefix>/bin and the data in <prefix>/share/tongban, so an installed tree can be moved anywhere as a whole. The
//      build tree has the same layout: the build links <build>/src/share/tongban to the source data/
//      (src/cli/CMakeLists.txt), next to <build>/src/cli/tongban.
// A folder counts when it holds catalog/. None found: a clear error that says where it looked.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace tongban::cli {

// The folder of the binary that runs (from /proc/self/exe).
std::filesystem::path running_binary_folder();
// Where step 2 looks for the running binary.
std::filesystem::path installed_data_folder();
// Step 2's folder when it holds a catalog; nullopt otherwise.
std::optional<std::filesystem::path> find_shipped_data();

}  // namespace tongban::cli

// Test support for the catalog module: a writable copy of the valid fixture catalog in a fresh temporary folder,
// with helpers to break one file in a precise way, and a finder for the error a broken file must produce.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog_error.h"

namespace tongban::catalog::testing {

inline std::filesystem::path valid_fixture() {
  return TONGBAN_SOURCE_DIR "/tests/unit/catalog/fixtures/valid";
}

inline std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tongban-catalog-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// A temporary copy of a catalog tree, removed at the end of the test.
class TempCatalog {
 public:
  explicit TempCatalog(const std::filesystem::path& source = valid_fixture()) : root_(make_temp_dir()) {
    std::filesystem::copy(source, root_, std::filesystem::copy_options::recursive);
  }
  TempCatalog(const TempCatalog&) = delete;
  TempCatalog& operator=(const TempCatalog&) = delete;
  ~TempCatalog() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  const std::filesystem::path& root() const { return root_; }

  // Replaces the first occurrence of `from` in `file`; throws when absent so a stale test cannot pass silently.
  void replace(const std::string& file, const std::string& from, const std::string& to) const {
    std::string text = read_text(root_ / file);
    std::size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("fixture " + file + " has no '" + from + "'");
    text.replace(at, from.size(), to);
    write_text(root_ / file, text);
  }
  void append(const std::string& file, const std::string& text) const {
    write_text(root_ / file, read_text(root_ / file) + text);
  }

 private:
  std::filesystem::path root_;
};

inline std::string describe(const std::vector<CatalogError>& errors) {
  std::string text;
  for (const CatalogError& error : errors) text += "\n  " + to_string(error);
  return text.empty() ? "\n  (no errors)" : text;
}

// The first error in `file` whose path contains `path_part` and whose field is `field`, or nullptr.
inline const CatalogError* find_error(const std::vector<CatalogError>& errors, const std::string& file,
                                      const std::string& path_part, const std::string& field) {
  for (const CatalogError& error : errors) {
    if (error.file == file && error.path.find(path_part) != std::string::npos && error.field == field) return &error;
  }
  return nullptr;
}

}  // namespace tongban::catalog::testing

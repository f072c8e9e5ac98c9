// Fuzz target: the catalog importer (src/catalog/catalog_reader.h, catalog_validation.h) on an arbitrary catalog
// tree. An input is up to three files separated by a line "#@@", written to a private temporary catalog root:
//   <zones.toml> #@@ <JURISDICTION>/jurisdiction.toml #@@ <JURISDICTION>/items/items.toml
// The jurisdiction folder is named by a first line "#dir:<code>" when present (letters, digits, '-'), else "MO".
// read_catalog and validate_catalog must report problems as CatalogErrors, never throw or crash; each error names
// a file and a message.
#include <unistd.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "catalog/catalog_reader.h"
#include "catalog/catalog_validation.h"
#include "fuzz_check.h"

namespace {

namespace fs = std::filesystem;

const fs::path& root() {
  static const fs::path path = [] {
    std::string pattern = (fs::temp_directory_path() / "tongban-fuzz-catalog-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    std::atexit([] { fs::remove_all(root()); });
    return fs::path(pattern);
  }();
  return path;
}

std::string folder_name(std::string_view& input) {
  constexpr std::string_view kPrefix = "#dir:";
  if (!input.starts_with(kPrefix)) return "MO";
  auto newline = input.find('\n');
  std::string_view name =
      input.substr(kPrefix.size(), newline == std::string_view::npos ? input.npos : newline - kPrefix.size());
  input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  if (name.empty() || name.size() > 32) return "MO";
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return "MO";
  return std::string(name);
}

std::string_view next_file(std::string_view& input) {
  constexpr std::string_view kSeparator = "\n#@@\n";
  auto at = input.find(kSeparator);
  std::string_view file = input.substr(0, at);
  input = at == std::string_view::npos ? std::string_view{} : input.substr(at + kSeparator.size());
  return file;
}

void write(const fs::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  fs::remove_all(root());
  std::string folder = folder_name(input);
  fs::create_directories(root() / folder / "items");
  write(root() / "zones.toml", next_file(input));
  write(root() / folder / "jurisdiction.toml", next_file(input));
  write(root() / folder / "items" / "items.toml", next_file(input));

  auto read = catalog::read_catalog(root());
  for (const auto& error : read.errors) FUZZ_CHECK(!error.file.empty() && !error.message.empty());
  auto errors = catalog::validate_catalog(read.catalog, read.sources);
  for (const auto& error : errors) FUZZ_CHECK(!error.message.empty());
  return 0;
}

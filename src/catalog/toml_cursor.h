// TomlCursor: reads typed fields out of one toml++ table of a catalog file and records every problem as a
// CatalogError naming the file, the path of the table, the field and the TOML line.
//
// A cursor borrows the table and the error list; it never throws and never stops at the first problem: a missing or
// mistyped field yields a default value plus an error, so the reader can go on and report everything in one pass.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog_error.h"
#include "domain/language.h"

namespace tongban::catalog {

// The file being read and where its errors go.
struct FileErrors {
  std::string file;  // relative to the catalog root
  std::vector<CatalogError>* errors = nullptr;
};

enum class Presence { required, optional };

class TomlCursor {
 public:
  TomlCursor(const toml::table& table, FileErrors sink, std::string path);

  const std::string& path() const { return path_; }
  int line() const;
  const FileErrors& sink() const { return sink_; }

  // Reports every key of the table that is not in `keys`.
  void allow_only(std::initializer_list<std::string_view> keys) const;
  bool has(std::string_view key) const { return node(key) != nullptr; }
  void error(std::string_view field, std::string message, const toml::node* at = nullptr) const;

  std::string text(std::string_view key, Presence presence = Presence::required) const;
  domain::LocalizedText localized(std::string_view key) const;
  int whole(std::string_view key, std::optional<int> fallback = std::nullopt) const;
  std::optional<int> optional_whole(std::string_view key) const;
  std::optional<double> optional_number(std::string_view key) const;
  bool flag(std::string_view key, bool fallback) const;
  // An array of strings with the node of each element (for error lines).
  std::vector<std::pair<std::string, const toml::node*>> text_nodes(std::string_view key, Presence presence) const;
  std::vector<std::string> texts(std::string_view key, Presence presence) const;
  // A required sub-table; nullptr (and an error) when missing or not a table.
  const toml::table* table(std::string_view key) const;
  // An optional array of tables ([[key]]); empty when absent, error when not an array of tables.
  std::vector<const toml::table*> tables(std::string_view key) const;

  // One word of a closed vocabulary, e.g. kind = "window".
  template <typename Enum, typename Parser>
  Enum word(std::string_view key, Parser parse, std::string_view expected, Enum fallback) const {
    std::string value = text(key);
    if (value.empty()) return fallback;
    if (auto parsed = parse(value)) return *parsed;
    error(key, unknown_word(value, expected), node(key));
    return fallback;
  }

  // An array of words of a closed vocabulary, e.g. channels = ["web", "window"].
  template <typename Enum, typename Parser>
  std::vector<Enum> words(std::string_view key, Parser parse, std::string_view expected,
                          Presence presence = Presence::required) const {
    std::vector<Enum> values;
    for (const auto& [value, at] : text_nodes(key, presence)) {
      if (auto parsed = parse(value)) {
        values.push_back(*parsed);
      } else {
        error(key, unknown_word(value, expected), at);
      }
    }
    return values;
  }

 private:
  const toml::node* node(std::string_view key) const;
  static std::string unknown_word(std::string_view value, std::string_view expected);

  const toml::table& table_;
  FileErrors sink_;
  std::string path_;
};

// "item[3] (MO-DSI-004)" — the path of an element in an array of tables, with its code when it has one.
std::string element_path(std::string_view parent, std::string_view key, std::size_t index, std::string_view code);

}  // namespace tongban::catalog

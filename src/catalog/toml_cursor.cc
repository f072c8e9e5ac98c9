#include "catalog/toml_cursor.h"

#include <limits>

namespace tongban::catalog {
namespace {

int line_of(const toml::node* at) {
  return at == nullptr ? 0 : static_cast<int>(at->source().begin.line);
}

std::string type_name(const toml::node& at) {
  switch (at.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

}  // namespace

TomlCursor::TomlCursor(const toml::table& table, FileErrors sink, std::string path)
    : table_(table), sink_(std::move(sink)), path_(std::move(path)) {}

int TomlCursor::line() const {
  return line_of(&table_);
}

const toml::node* TomlCursor::node(std::string_view key) const {
  return table_.get(key);
}

void TomlCursor::error(std::string_view field, std::string message, const toml::node* at) const {
  int at_line = at != nullptr ? line_of(at) : line();
  sink_.errors->push_back({sink_.file, path_, std::string(field), std::move(message), at_line});
}

void TomlCursor::allow_only(std::initializer_list<std::string_view> keys) const {
  for (const auto& [key, value] : table_) {
    bool known = false;
    for (std::string_view allowed : keys) known = known || key.str() == allowed;
    if (!known) {
      std::string list;
      for (std::string_view allowed : keys) list += (list.empty() ? "" : ", ") + std::string(allowed);
      error(key.str(), "unknown key (allowed here: " + list + ")", &value);
    }
  }
}

std::string TomlCursor::unknown_word(std::string_view value, std::string_view expected) {
  return "unknown word '" + std::string(value) + "' (expected one of: " + std::string(expected) + ")";
}

std::string TomlCursor::text(std::string_view key, Presence presence) const {
  const toml::node* at = node(key);
  if (at == nullptr) {
    if (presence == Presence::required) error(key, "is required");
    return {};
  }
  if (const auto* value = at->as_string()) return value->get();
  error(key, "must be a string, not " + type_name(*at), at);
  return {};
}

domain::LocalizedText TomlCursor::localized(std::string_view key) const {
  domain::LocalizedText result;
  const toml::node* at = node(key);
  if (at == nullptr) {
    error(key, "is required (a table { zh_hans, zh_hant, pt, en })");
    return result;
  }
  const toml::table* languages = at->as_table();
  if (languages == nullptr) {
    error(key, "must be a table { zh_hans = \"…\", zh_hant = \"…\", pt = \"…\", en = \"…\" }, not " + type_name(*at),
          at);
    return result;
  }
  TomlCursor inner(*languages, sink_, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
  inner.allow_only({"zh_hans", "zh_hant", "pt", "en"});
  result.zh_hans = inner.text("zh_hans", Presence::optional);
  result.zh_hant = inner.text("zh_hant", Presence::optional);
  result.pt = inner.text("pt", Presence::optional);
  result.en = inner.text("en", Presence::optional);
  return result;
}

int TomlCursor::whole(std::string_view key, std::optional<int> fallback) const {
  if (node(key) == nullptr && fallback) return *fallback;
  std::optional<int> value = optional_whole(key);
  if (!value && node(key) == nullptr) error(key, "is required");
  return value.value_or(fallback.value_or(0));
}

std::optional<int> TomlCursor::optional_whole(std::string_view key) const {
  const toml::node* at = node(key);
  if (at == nullptr) return std::nullopt;
  const auto* value = at->as_integer();
  if (value == nullptr) {
    error(key, "must be a whole number, not " + type_name(*at), at);
    return std::nullopt;
  }
  std::int64_t number = value->get();
  if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
    error(key, "is out of range", at);
    return std::nullopt;
  }
  return static_cast<int>(number);
}

std::optional<double> TomlCursor::optional_number(std::string_view key) const {
  const toml::node* at = node(key);
  if (at == nullptr) return std::nullopt;
  if (const auto* value = at->as_integer()) return static_cast<double>(value->get());
  if (const auto* value = at->as_floating_point()) return value->get();
  error(key, "must be a number, not " + type_name(*at), at);
  return std::nullopt;
}

bool TomlCursor::flag(std::string_view key, bool fallback) const {
  const toml::node* at = node(key);
  if (at == nullptr) return fallback;
  if (const auto* value = at->as_boolean()) return value->get();
  error(key, "must be true or false, not " + type_name(*at), at);
  return fallback;
}

std::vector<std::pair<std::string, const toml::node*>> TomlCursor::text_nodes(std::string_view key,
                                                                              Presence presence) const {
  std::vector<std::pair<std::string, const toml::node*>> values;
  const toml::node* at = node(key);
  if (at == nullptr) {
    if (presence == Presence::required) error(key, "is required (an array of strings)");
    return values;
  }
  const toml::array* array = at->as_array();
  if (array == nullptr) {
    error(key, "must be an array of strings, not " + type_name(*at), at);
    return values;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (const auto* value = element.as_string()) {
      values.emplace_back(value->get(), &element);
    } else {
      error(std::string(key) + "[" + std::to_string(i) + "]", "must be a string, not " + type_name(element), &element);
    }
  }
  return values;
}

std::vector<std::string> TomlCursor::texts(std::string_view key, Presence presence) const {
  std::vector<std::string> values;
  for (auto& [value, at] : text_nodes(key, presence)) values.push_back(std::move(value));
  return values;
}

const toml::table* TomlCursor::table(std::string_view key) const {
  const toml::node* at = node(key);
  if (at == nullptr) {
    error(key, "is required (a table)");
    return nullptr;
  }
  if (const toml::table* value = at->as_table()) return value;
  error(key, "must be a table, not " + type_name(*at), at);
  return nullptr;
}

std::vector<const toml::table*> TomlCursor::tables(std::string_view key) const {
  std::vector<const toml::table*> values;
  const toml::node* at = node(key);
  if (at == nullptr) return values;
  const toml::array* array = at->as_array();
  if (array == nullptr) {
    error(key, "must be an array of tables ([[" + std::string(key) + "]]), not " + type_name(*at), at);
    return values;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (const toml::table* value = element.as_table()) {
      values.push_back(value);
    } else {
      error(std::string(key) + "[" + std::to_string(i) + "]", "must be a table, not " + type_name(element), &element);
    }
  }
  return values;
}

std::string element_path(std::string_view parent, std::string_view key, std::size_t index, std::string_view code) {
  std::string path = parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
  path += "[" + std::to_string(index) + "]";
  if (!code.empty()) path += " (" + std::string(code) + ")";
  return path;
}

}  // namespace tongban::catalog

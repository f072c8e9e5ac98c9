#include "cli/config_file.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace tongban::cli {
namespace {

namespace fs = std::filesystem;

std::string_view kind_name(SettingKind kind) {
  switch (kind) {
    case SettingKind::text: return "a string";
    case SettingKind::path: return "a string (a path)";
    case SettingKind::integer: return "an integer";
    case SettingKind::number: return "a number";
    case SettingKind::text_list: return "an array of strings";
  }
  return "a value";
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

std::string located(const fs::path& file, const toml::node& node) {
  const auto& begin = node.source().begin;
  return begin ? fmt::format("{}:{}", file.string(), begin.line) : file.string();
}

// The value as the flag takes it on the command line; throws UsageError when the TOML type does not fit.
std::vector<std::string> arguments_of(const fs::path& file, const ConfigSetting& setting, const toml::node& node) {
  auto refuse = [&] {
    return UsageError(fmt::format("{}: [{}] {} must be {}, not {}", located(file, node), setting.section, setting.key,
                                  kind_name(setting.kind), type_name(node)));
  };
  switch (setting.kind) {
    case SettingKind::text:
      if (!node.is_string()) throw refuse();
      return {std::string(*node.value<std::string_view>())};
    case SettingKind::path: {
      if (!node.is_string()) throw refuse();
      fs::path path(std::string(*node.value<std::string_view>()));
      if (path.empty())
        throw UsageError(fmt::format("{}: [{}] {} is empty", located(file, node), setting.section, setting.key));
      if (path.is_relative()) path = fs::absolute(file).parent_path() / path;
      return {path.lexically_normal().string()};
    }
    case SettingKind::integer:
      if (!node.is_integer()) throw refuse();
      return {std::to_string(*node.value<std::int64_t>())};
    case SettingKind::number:
      if (node.is_integer()) return {std::to_string(*node.value<std::int64_t>())};
      if (!node.is_floating_point()) throw refuse();
      return {fmt::format("{}", *node.value<double>())};
    case SettingKind::text_list: {
      const auto* array = node.as_array();
      if (!array) throw refuse();
      std::vector<std::string> entries;
      for (const auto& entry : *array) {
        if (!entry.is_string())
          throw UsageError(fmt::format("{}: [{}] {} must be an array of strings; one entry is {}", located(file, entry),
                                       setting.section, setting.key, type_name(entry)));
        entries.emplace_back(*entry.value<std::string_view>());
      }
      return entries;
    }
  }
  throw refuse();
}

const ConfigSetting* find_setting(std::string_view section, std::string_view key) {
  for (const auto& setting : config_settings())
    if (setting.section == section && setting.key == key) return &setting;
  return nullptr;
}

std::string known_keys(std::string_view section) {
  std::string keys;
  for (const auto& setting : config_settings())
    if (setting.section == section) keys += (keys.empty() ? "" : ", ") + std::string(setting.key);
  return keys;
}

void apply_config_file(CLI::App* command, const fs::path& file) {
  for (const auto& value : read_config_file(file)) {
    CLI::Option* option = command->get_option_no_throw(std::string(value.setting->flag));
    if (!option || option->count() > 0) continue;  // not this command's, or set on the command line / environment
    if (value.arguments.empty()) continue;         // an empty list: the flag's default (none)
    option->add_result(value.arguments);
    try {
      option->run_callback();
    } catch (const CLI::Error& error) {
      throw UsageError(
          fmt::format("{}: [{}] {}: {}", file.string(), value.setting->section, value.setting->key, error.what()));
    }
  }
}

}  // namespace

const std::vector<ConfigSetting>& config_settings() {
  static const std::vector<ConfigSetting> settings = {
      {"node", "data_dir", "--data-dir", SettingKind::path},
      {"node", "store", "--store", SettingKind::text},
      {"node", "seed_dir", "--seed-dir", SettingKind::path},
      {"node", "jurisdiction", "--jurisdiction", SettingKind::text},
      {"node", "node_code", "--node-code", SettingKind::text},
      {"serve", "listen", "--listen", SettingKind::text},
      {"serve", "rate", "--rate", SettingKind::number},
      {"serve", "handler_threads", "--handler-threads", SettingKind::integer},
      {"serve", "trusted_proxies", "--trusted-proxy", SettingKind::text_list},
      {"serve", "max_connections", "--max-connections", SettingKind::integer},
      {"serve", "max_connections_per_client", "--max-connections-per-client", SettingKind::integer},
      {"serve", "write_timeout", "--write-timeout", SettingKind::number},
      {"serve", "idle_timeout", "--idle-timeout", SettingKind::number},
      {"serve", "kiosk_idle_seconds", "--kiosk-idle-seconds", SettingKind::integer},
      {"federation", "config", "--federation", SettingKind::path},
      {"federation", "listen", "--federation-listen", SettingKind::text},
      {"region", "k", "--region-k", SettingKind::integer},
      {"region", "publish_minutes", "--region-publish-minutes", SettingKind::integer},
      {"notifications", "smtp_url", "--smtp-url", SettingKind::text},
      {"notifications", "smtp_from", "--smtp-from", SettingKind::text},
      {"notifications", "smtp_user", "--smtp-user", SettingKind::text},
      {"notifications", "smtp_password_file", "--smtp-password-file", SettingKind::path},
      {"notifications", "sms_gateway_url", "--sms-gateway-url", SettingKind::text},
      {"notifications", "sms_gateway_key_file", "--sms-gateway-key-file", SettingKind::path},
      {"notifications", "quiet_hours", "--notify-quiet-hours", SettingKind::text},
      {"notifications", "max_per_hour", "--notify-max-per-hour", SettingKind::integer},
  };
  return settings;
}

std::vector<ConfigValue> read_config_file(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) throw UsageError(fmt::format("--config {}: no such file", file.string()));
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& parse) {
    throw UsageError(fmt::format("{}:{}: not TOML: {}", file.string(), parse.source().begin.line, parse.description()));
  }
  std::vector<ConfigValue> values;
  for (const auto& [section_key, section_node] : root) {
    const std::string_view section = section_key.str();
    if (known_keys(section).empty())
      throw UsageError(fmt::format("{}: unknown section [{}] (known: [node], [serve], [federation], [notifications])",
                                   located(file, section_node), section));
    const auto* table = section_node.as_table();
    if (!table)
      throw UsageError(fmt::format("{}: {} must be a [{}] section", located(file, section_node), section, section));
    for (const auto& [key, node] : *table) {
      const ConfigSetting* setting = find_setting(section, key.str());
      if (!setting)
        throw UsageError(fmt::format("{}: unknown key {} in [{}] (known: {})", located(file, node), key.str(), section,
                                     known_keys(section)));
      values.push_back({setting, arguments_of(file, *setting, node)});
    }
  }
  return values;
}

void add_config_option(CLI::App* command) {
  command
      ->add_option_function<std::string>(
          "--config", [command](const std::string& file) { apply_config_file(command, file); },
          "A TOML file with this node's settings ([node], [serve], [federation]; docs/operations.md); the flags "
          "given on the command line win over it")
      ->envname("TONGBAN_CONFIG");
}

}  // namespace tongban::cli

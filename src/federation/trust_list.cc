#include "federation/trust_list.h"

#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tongban::federation {
namespace {

bool is_word(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

bool is_fingerprint(std::string_view text) {
  constexpr std::string_view prefix = "sha256:";
  if (text.size() != prefix.size() + 64 || text.substr(0, prefix.size()) != prefix) return false;
  for (char c : text.substr(prefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

class Section {
 public:
  Section(const toml::table& table, std::string where) : table_(table), where_(std::move(where)) {}

  std::string text(std::string_view key, bool required = true) const {
    const toml::node* node = table_.get(key);
    if (!node) {
      if (required) fail(key, "is missing");
      return "";
    }
    auto value = node->value<std::string>();
    if (!value) fail(key, "must be a string");
    if (required && value->empty()) fail(key, "must not be empty");
    return *value;
  }
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    const toml::node* node = table_.get(key);
    if (!node) return fallback;
    auto value = node->value<std::int64_t>();
    if (!value) fail(key, "must be an integer");
    if (*value < min || *value > max)
      fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return *value;
  }
  bool flag(std::string_view key, bool fallback) const {
    const toml::node* node = table_.get(key);
    if (!node) return fallback;
    auto value = node->value<bool>();
    if (!value) fail(key, "must be true or false");
    return *value;
  }
  std::set<std::string> words(std::string_view key) const {
    std::set<std::string> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) fail(key, "must be an array of strings");
    for (const auto& item : *array) {
      auto value = item.value<std::string>();
      if (!value || !is_word(*value)) fail(key, "must hold words of [a-z0-9._-]");
      out.insert(*value);
    }
    return out;
  }
  [[noreturn]] void fail(std::string_view key, const std::string& problem) const {
    throw ConfigError(where_ + "." + std::string(key) + " " + problem);
  }

 private:
  const toml::table& table_;
  std::string where_;
};

// A misspelled key or section ("[[delegation]]", "request_timeout") would otherwise be dropped silently and the node
// start with something else in force than the operator wrote: every table accepts only its own keys.
void refuse_unknown_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                         const std::string& where) {
  for (const auto& [key, value] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    std::string known;
    for (auto name : allowed) known += (known.empty() ? "" : ", ") + std::string(name);
    throw ConfigError((where.empty() ? "" : where + ".") + std::string(key.str()) + " is not a known " +
                      (where.empty() ? "section" : "key of [" + where + "]") + " (known: " + known + ")");
  }
}

const toml::table& table_at(const toml::table& root, std::string_view key, bool required) {
  static const toml::table empty;
  const toml::node* node = root.get(key);
  if (!node) {
    if (required) throw ConfigError("[" + std::string(key) + "] section is missing");
    return empty;
  }
  if (!node->is_table()) throw ConfigError(std::string(key) + " must be a table");
  return *node->as_table();
}

std::filesystem::path resolved(const std::filesystem::path& base, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_absolute() ? p : base / p;
}

Peer read_peer(const toml::table& table, std::size_t index) {
  Section s(table, "peers[" + std::to_string(index) + "]");
  Peer peer;
  refuse_unknown_keys(table, {"id", "endpoint", "public_key", "may_send", "may_receive", "tls_fingerprint"},
                      "peers[" + std::to_string(index) + "]");
  peer.node_id = s.text("id");
  peer.endpoint = s.text("endpoint");
  if (peer.endpoint.rfind("http://", 0) != 0 && peer.endpoint.rfind("https://", 0) != 0)
    s.fail("endpoint", "must start with http:// or https://");
  while (!peer.endpoint.empty() && peer.endpoint.back() == '/') peer.endpoint.pop_back();
  try {
    peer.public_key = PublicKey::from_base64(s.text("public_key"));
  } catch (const std::invalid_argument& error) {
    s.fail("public_key", std::string("is not an Ed25519 public key: ") + error.what());
  }
  peer.may_send = s.words("may_send");
  peer.may_receive = s.words("may_receive");
  peer.tls_fingerprint = s.text("tls_fingerprint", false);
  if (!peer.tls_fingerprint.empty() && !is_fingerprint(peer.tls_fingerprint))
    s.fail("tls_fingerprint", "must be \"sha256:\" followed by 64 lowercase hex digits");
  return peer;
}

}  // namespace

std::vector<PublicKey> Peer::keys_valid_at(std::int64_t at_ms) const {
  if (keys.empty()) return {public_key};
  std::vector<PublicKey> valid;
  for (const auto& key : keys)
    if (key.valid_at(at_ms)) valid.push_back(key.public_key);
  return valid;
}

const Peer* FederationConfig::find_peer(std::string_view id) const {
  for (const auto& peer : peers)
    if (peer.node_id == id) return &peer;
  return nullptr;
}

FederationConfig parse_federation_config(std::string_view toml_text, const std::filesystem::path& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "not valid TOML: " << error.description() << " at line " << error.source().begin.line;
    throw ConfigError(message.str());
  }
  FederationConfig config;
  refuse_unknown_keys(root, {"node", "limits", "relay", "tls", "directory", "peers", "delegations", "joint"}, "");
  refuse_unknown_keys(table_at(root, "node", true), {"id", "jurisdiction", "key_file", "insecure_loopback"}, "node");
  refuse_unknown_keys(
      table_at(root, "limits", false),
      {"max_payload_bytes", "max_clock_skew_seconds", "max_message_age_seconds", "held_report_after_seconds"},
      "limits");
  refuse_unknown_keys(table_at(root, "relay", false),
                      {"initial_backoff_ms", "max_backoff_ms", "request_timeout_ms", "concurrency", "max_attempts"},
                      "relay");
  Section node(table_at(root, "node", true), "node");
  config.node_id = node.text("id");
  config.jurisdiction = node.text("jurisdiction");
  config.key_file = resolved(base_dir, node.text("key_file"));
  config.insecure_loopback = node.flag("insecure_loopback", false);

  Section limits(table_at(root, "limits", false), "limits");
  config.limits.max_payload_bytes =
      static_cast<std::size_t>(limits.integer("max_payload_bytes", 8 << 20, 1024, std::int64_t{256} << 20));
  config.limits.max_clock_skew = std::chrono::seconds(limits.integer("max_clock_skew_seconds", 300, 1, 86400));
  config.limits.max_message_age = std::chrono::seconds(limits.integer("max_message_age_seconds", 86400, 1, 30 * 86400));
  config.limits.held_report_after =
      std::chrono::seconds(limits.integer("held_report_after_seconds", 600, 1, 30 * 86400));

  Section retry(table_at(root, "relay", false), "relay");
  config.retry.initial_backoff = std::chrono::milliseconds(retry.integer("initial_backoff_ms", 500, 1, 3'600'000));
  config.retry.max_backoff = std::chrono::milliseconds(retry.integer("max_backoff_ms", 60'000, 1, 86'400'000));
  config.retry.request_timeout = std::chrono::milliseconds(retry.integer("request_timeout_ms", 10'000, 100, 600'000));
  config.retry.concurrency = static_cast<int>(retry.integer("concurrency", 4, 1, 64));
  config.retry.max_attempts = retry.integer("max_attempts", 50, 1, 1'000'000);

  if (const toml::node* tls = root.get("tls")) {
    if (!tls->is_table()) throw ConfigError("tls must be a table");
    Section s(*tls->as_table(), "tls");
    refuse_unknown_keys(*tls->as_table(), {"certificate_file", "private_key_file", "ca_file"}, "tls");
    config.tls = TlsFiles{resolved(base_dir, s.text("certificate_file")),
                          resolved(base_dir, s.text("private_key_file")), resolved(base_dir, s.text("ca_file"))};
  }

  if (const toml::node* directory = root.get("directory")) {
    if (!directory->is_table()) throw ConfigError("directory must be a table");
    Section s(*directory->as_table(), "directory");
    refuse_unknown_keys(*directory->as_table(),
                        {"anchor_file", "file", "sources", "refresh_interval_ms", "retry_initial_ms", "retry_max_ms"},
                        "directory");
    DirectorySettings settings;
    settings.anchor_file = resolved(base_dir, s.text("anchor_file"));
    settings.file = resolved(base_dir, s.text("file"));
    if (const toml::node* sources = directory->as_table()->get("sources")) {
      const toml::array* array = sources->as_array();
      if (!array) s.fail("sources", "must be an array of base URLs");
      for (const auto& item : *array) {
        auto url = item.value<std::string>();
        if (!url || (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0))
          s.fail("sources", "must hold http:// or https:// base URLs");
        settings.sources.push_back(*url);
      }
    }
    settings.refresh_interval = std::chrono::milliseconds(s.integer("refresh_interval_ms", 3'600'000, 10, 86'400'000));
    settings.retry_initial = std::chrono::milliseconds(s.integer("retry_initial_ms", 1'000, 10, 3'600'000));
    settings.retry_max = std::chrono::milliseconds(s.integer("retry_max_ms", 300'000, 10, 86'400'000));
    config.directory = std::move(settings);
  }

  if (const toml::node* peers = root.get("peers")) {
    const toml::array* array = peers->as_array();
    if (!array) throw ConfigError("peers must be an array of tables ([[peers]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table* table = (*array)[i].as_table();
      if (!table) throw ConfigError("peers[" + std::to_string(i) + "] must be a table");
      Peer peer = read_peer(*table, i);
      if (peer.node_id == config.node_id)
        throw ConfigError("peers[" + std::to_string(i) + "].id is this node's own id");
      if (config.find_peer(peer.node_id))
        throw ConfigError("peers[" + std::to_string(i) + "].id '" + peer.node_id + "' is listed twice");
      config.peers.push_back(std::move(peer));
    }
  }
  return config;
}

FederationConfig load_federation_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read federation config " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_federation_config(text.str(), file.parent_path());
  } catch (const ConfigError& error) {
    throw ConfigError(file.string() + ": " + error.what());
  }
}

TrustList::TrustList(std::filesystem::path file, std::chrono::milliseconds reload_check_interval)
    : file_(std::move(file)), interval_(reload_check_interval) {
  std::lock_guard lock(mutex_);
  file_config_ = std::make_shared<const FederationConfig>(load_federation_config(file_));
  config_ = file_config_;
  std::error_code ignored;
  last_mtime_ = std::filesystem::last_write_time(file_, ignored);
  last_size_ = std::filesystem::file_size(file_, ignored);
  last_check_ = std::chrono::steady_clock::now();
}

TrustList::TrustList(FederationConfig fixed)
    : interval_(std::chrono::milliseconds::max()), config_(std::make_shared<const FederationConfig>(std::move(fixed))) {
  file_config_ = config_;
}

std::shared_ptr<const FederationConfig> TrustList::current() const {
  std::lock_guard lock(mutex_);
  if (!file_.empty() && std::chrono::steady_clock::now() - last_check_ >= interval_) reload_locked(false);
  if (directory_peers_ && !expired_applied_ && clock_() >= directory_expires_at_) rebuild_locked();
  return config_;
}

void TrustList::use_directory(std::vector<Peer> peers, std::int64_t version, std::int64_t expires_at,
                              std::function<std::int64_t()> clock) {
  std::lock_guard lock(mutex_);
  directory_peers_ = std::move(peers);
  directory_version_ = version;
  directory_expires_at_ = expires_at;
  clock_ = std::move(clock);
  rebuild_locked();
}

void TrustList::rebuild_locked() const {
  if (!directory_peers_) {
    config_ = file_config_;
    return;
  }
  auto merged = std::make_shared<FederationConfig>(*file_config_);
  merged->directory_version = directory_version_;
  merged->directory_expires_at = directory_expires_at_;
  expired_applied_ = clock_() >= directory_expires_at_;
  merged->directory_expired = expired_applied_;
  if (expired_applied_) {
    spdlog::error("federation: directory version {} EXPIRED; its {} peers are withdrawn until a valid one arrives",
                  directory_version_, directory_peers_->size());
  } else {
    for (const auto& peer : *directory_peers_)
      if (peer.node_id != merged->node_id && !merged->find_peer(peer.node_id)) merged->peers.push_back(peer);
  }
  config_ = std::move(merged);
}

bool TrustList::reload_now() const {
  std::lock_guard lock(mutex_);
  if (file_.empty()) return false;
  return reload_locked(true);
}

std::string TrustList::last_reload_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

bool TrustList::reload_locked(bool force) const {
  last_check_ = std::chrono::steady_clock::now();
  std::error_code error;
  auto mtime = std::filesystem::last_write_time(file_, error);
  auto size = error ? 0 : std::filesystem::file_size(file_, error);
  if (!force && !error && mtime == last_mtime_ && size == last_size_) return false;
  last_mtime_ = mtime;
  last_size_ = size;
  try {
    auto fresh = load_federation_config(file_);
    if (fresh.node_id != file_config_->node_id || fresh.key_file != file_config_->key_file)
      throw ConfigError(file_.string() + ": node.id and node.key_file cannot change without a restart");
    file_config_ = std::make_shared<const FederationConfig>(std::move(fresh));
    rebuild_locked();
    last_error_.clear();
    spdlog::info("federation: trust list reloaded from {} ({} peers)", file_.string(), config_->peers.size());
    return true;
  } catch (const std::exception& failure) {
    last_error_ = failure.what();
    spdlog::error("federation: trust list NOT reloaded, keeping the previous one: {}", last_error_);
    return false;
  }
}

}  // namespace tongban::federation

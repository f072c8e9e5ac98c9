#include "federation/directory_client.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "federation/directory_fetch.h"

namespace tongban::federation {
namespace {

constexpr std::chrono::milliseconds kFetchTimeout{5'000};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// temp file in the same directory, 0600, fsync, rename: a reader sees the old copy or the new one, never half.
void write_atomically(const std::filesystem::path& file, std::string_view text) {
  std::filesystem::path temp = file;
  temp += ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + temp.string());
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), file.c_str()) != 0) {
    std::filesystem::remove(temp);
    throw std::runtime_error("cannot write " + file.string());
  }
}

// 0 fresh, 1 half of the validity used, 2 ninety percent, 3 expired.
int stage_of(const DirectoryStatus& s, std::int64_t now) {
  if (!s.held) return 0;
  if (now >= s.expires_at) return 3;
  const double span = static_cast<double>(s.expires_at - s.issued_at);
  const double used = span <= 0 ? 1.0 : static_cast<double>(now - s.issued_at) / span;
  return used >= 0.9 ? 2 : used >= 0.5 ? 1 : 0;
}

std::string utc(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

DirectoryAnchor load_anchor(const std::filesystem::path& file) {
  const std::string text = read_file(file);
  boost::json::error_code error;
  auto value = boost::json::parse(text, error);
  const auto* object = error ? nullptr : value.if_object();
  const auto* id = object ? object->if_contains("operator") : nullptr;
  const auto* key = object ? object->if_contains("public_key") : nullptr;
  if (!id || !id->is_string() || id->as_string().empty() || !key || !key->is_string() || object->size() != 2)
    throw std::runtime_error(file.string() +
                             ": an anchor is {\"operator\": ID, \"public_key\": BASE64} and nothing else");
  try {
    return DirectoryAnchor{std::string(id->as_string()), PublicKey::from_base64(key->as_string())};
  } catch (const std::invalid_argument& bad) {
    throw std::runtime_error(file.string() + ": public_key is not an Ed25519 public key: " + bad.what());
  }
}

std::string anchor_to_json(const DirectoryAnchor& anchor) {
  return boost::json::serialize(
             boost::json::object{{"operator", anchor.operator_id}, {"public_key", anchor.public_key.base64()}}) +
         "\n";
}

std::string_view to_string(DirectoryRefusal refusal) {
  switch (refusal) {
    case DirectoryRefusal::malformed: return "malformed";
    case DirectoryRefusal::wrong_operator: return "wrong_operator";
    case DirectoryRefusal::bad_signature: return "bad_signature";
    case DirectoryRefusal::older_version: return "older_version";
    case DirectoryRefusal::expired: return "expired";
  }
  return "malformed";
}

Directory verify_directory(std::string_view text, const DirectoryAnchor& anchor, std::int64_t held_version,
                           std::int64_t now) {
  Directory d;
  try {
    d = parse_directory(text, true);
  } catch (const DirectoryError& error) {
    throw DirectoryRefused(DirectoryRefusal::malformed, error.what());
  }
  if (d.operator_id != anchor.operator_id)
    throw DirectoryRefused(DirectoryRefusal::wrong_operator,
                           "issued by '" + d.operator_id + "', the anchor names '" + anchor.operator_id + "'");
  if (!directory_signature_valid(d, anchor.public_key))
    throw DirectoryRefused(DirectoryRefusal::bad_signature, "the signature does not verify with the anchor's key");
  if (d.version < held_version)
    throw DirectoryRefused(
        DirectoryRefusal::older_version,
        "version " + std::to_string(d.version) + " is older than the held version " + std::to_string(held_version));
  if (now >= d.expires_at)
    throw DirectoryRefused(DirectoryRefusal::expired,
                           "version " + std::to_string(d.version) + " expired at " + utc(d.expires_at));
  return d;
}

std::vector<std::string> directory_warnings(const DirectoryStatus& s, std::int64_t now) {
  std::vector<std::string> out;
  switch (stage_of(s, now)) {
    case 3:
      out.push_back(
          fmt::format("federation directory version {} EXPIRED at {}: nothing is sent to or accepted from "
                      "its peers until a valid one is fetched",
                      s.version, utc(s.expires_at)));
      break;
    case 2:
      out.push_back(fmt::format("federation directory version {} has used 90% of its validity; it expires at {}",
                                s.version, utc(s.expires_at)));
      break;
    case 1:
      out.push_back(fmt::format("federation directory version {} has used half of its validity; it expires at {}",
                                s.version, utc(s.expires_at)));
      break;
    default: break;
  }
  if (!s.held) out.push_back("no federation directory held yet: no directory peers");
  if (s.consecutive_failures > 0)
    out.push_back(fmt::format("federation directory refresh failed {} time(s) in a row: {}", s.consecutive_failures,
                              s.last_error));
  return out;
}

std::string directory_metrics_text(const DirectoryStatus& s, std::int64_t now) {
  const double span = static_cast<double>(s.expires_at - s.issued_at);
  const double used = !s.held || span <= 0 ? 0.0 : static_cast<double>(now - s.issued_at) / span;
  return fmt::format(
      "# HELP tongban_directory_version Version of the federation directory held (0: none).\n"
      "# TYPE tongban_directory_version gauge\ntongban_directory_version {}\n"
      "# HELP tongban_directory_expires_at_seconds When the held directory expires (Unix seconds).\n"
      "# TYPE tongban_directory_expires_at_seconds gauge\ntongban_directory_expires_at_seconds {}\n"
      "# HELP tongban_directory_validity_used_ratio Share of the directory's validity that has passed.\n"
      "# TYPE tongban_directory_validity_used_ratio gauge\ntongban_directory_validity_used_ratio {:.4f}\n"
      "# HELP tongban_directory_expired 1 when the held directory has expired (outbound federation is refused).\n"
      "# TYPE tongban_directory_expired gauge\ntongban_directory_expired {}\n"
      "# HELP tongban_directory_warning_level 0 none, 1 half of validity used, 2 ninety percent, 3 expired.\n"
      "# TYPE tongban_directory_warning_level gauge\ntongban_directory_warning_level {}\n"
      "# HELP tongban_directory_refresh_failures_total Refresh rounds that reached no valid copy.\n"
      "# TYPE tongban_directory_refresh_failures_total counter\ntongban_directory_refresh_failures_total {}\n"
      "# HELP tongban_directory_last_success_timestamp_seconds Last refresh that reached a valid copy.\n"
      "# TYPE tongban_directory_last_success_timestamp_seconds gauge\n"
      "tongban_directory_last_success_timestamp_seconds {}\n",
      s.version, s.expires_at / 1000, used, stage_of(s, now) == 3 ? 1 : 0, stage_of(s, now), s.refresh_failures,
      s.last_success_at / 1000);
}

DirectoryClient::DirectoryClient(std::string self_node_id, DirectorySettings settings, TrustList& trust, Clock clock)
    : self_(std::move(self_node_id)),
      settings_(std::move(settings)),
      anchor_(load_anchor(settings_.anchor_file)),
      trust_(trust),
      clock_(std::move(clock)) {
  std::error_code missing;
  if (!std::filesystem::exists(settings_.file, missing)) return;
  try {
    std::string text = read_file(settings_.file);
    // The stored copy may have expired meanwhile: it is still applied (its peers withdrawn) so that its member
    // endpoints can be asked for a newer one.
    Directory d = verify_directory(text, anchor_, 0, 0);
    std::lock_guard lock(mutex_);
    held_ = std::move(d);
    held_text_ = std::move(text);
    apply_locked();
    spdlog::info("federation: directory version {} loaded from {}", held_->version, settings_.file.string());
  } catch (const std::exception& error) {
    spdlog::error("federation: stored directory {} ignored: {}", settings_.file.string(), error.what());
  }
}

DirectoryClient::~DirectoryClient() {
  stop();
}

void DirectoryClient::apply_locked() {
  status_.held = true;
  status_.version = held_->version;
  status_.issued_at = held_->issued_at;
  status_.expires_at = held_->expires_at;
  trust_.use_directory(directory_peers(*held_, self_, clock_()), held_->version, held_->expires_at, clock_);
  check_stage_locked();
}

void DirectoryClient::check_stage_locked() {
  const int stage = stage_of(status_, clock_());
  if (stage == logged_stage_) return;
  logged_stage_ = stage;
  for (const auto& warning : directory_warnings(status_, clock_()))
    if (stage > 0) spdlog::warn("federation: {}", warning);
}

Offered DirectoryClient::offer(std::string_view text) {
  std::lock_guard lock(mutex_);
  return offer_locked(text);
}

Offered DirectoryClient::offer_locked(std::string_view text) {
  Directory d = verify_directory(text, anchor_, held_ ? held_->version : 0, clock_());
  if (held_ && d.version == held_->version) {
    apply_locked();  // the current key of a rotating peer may have changed since
    return Offered::unchanged;
  }
  write_atomically(settings_.file, text);
  spdlog::info("federation: directory version {} applied ({} members, was {})", d.version, d.members.size(),
               held_ ? held_->version : 0);
  held_ = std::move(d);
  held_text_ = std::string(text);
  apply_locked();
  return Offered::applied;
}

std::vector<std::string> DirectoryClient::sources_locked() const {
  std::vector<std::string> out = settings_.sources;
  if (held_)
    for (const auto& m : held_->members)
      if (m.node_id != self_ && std::find(out.begin(), out.end(), m.endpoint) == out.end()) out.push_back(m.endpoint);
  return out;
}

bool DirectoryClient::refresh_now() {
  std::vector<std::string> sources;
  {
    std::lock_guard lock(mutex_);
    sources = sources_locked();
  }
  std::string errors;
  auto tls = trust_.current()->tls;
  for (const auto& source : sources) {
    auto answer = fetch_text(source, kDirectoryPath, tls, kFetchTimeout);
    std::string error;
    if (!answer.reached)
      error = answer.error;
    else if (answer.status != 200)
      error = "HTTP " + std::to_string(answer.status);
    else {
      try {
        std::lock_guard lock(mutex_);
        offer_locked(answer.body);  // and the bookkeeping below, in one step: status() never sees half of it
        status_.last_success_at = clock_();
        status_.consecutive_failures = 0;
        status_.last_error.clear();
        return true;
      } catch (const std::exception& refused) {
        error = refused.what();
      }
    }
    if (!errors.empty()) errors += "; ";
    errors += source;
    errors += ": ";
    errors += error;
  }
  if (sources.empty()) errors = "no sources (none configured, no directory held)";
  std::lock_guard lock(mutex_);
  ++status_.refresh_failures;
  ++status_.consecutive_failures;
  status_.last_error = errors;
  spdlog::warn("federation: directory refresh failed ({} in a row): {}", status_.consecutive_failures, errors);
  return false;
}

void DirectoryClient::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DirectoryClient::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DirectoryClient::run() {
  std::chrono::milliseconds retry = settings_.retry_initial;
  for (;;) {
    const bool ok = refresh_now();
    std::chrono::milliseconds delay = ok ? settings_.refresh_interval : retry;
    retry = ok ? settings_.retry_initial : std::min(retry * 2, settings_.retry_max);
    std::unique_lock lock(mutex_);
    auto until = std::chrono::steady_clock::now() + delay;
    // Wake at least once a second to log a new validity stage (half, 90%, expired) when it is reached.
    while (!stopping_ && std::chrono::steady_clock::now() < until) {
      wake_.wait_until(lock, std::min(until, std::chrono::steady_clock::now() + std::chrono::seconds(1)));
      if (held_) check_stage_locked();
    }
    if (stopping_) return;
  }
}

void DirectoryClient::check_validity() {
  std::lock_guard lock(mutex_);
  if (held_) check_stage_locked();
}

DirectoryStatus DirectoryClient::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::optional<Directory> DirectoryClient::held() const {
  std::lock_guard lock(mutex_);
  return held_;
}

std::string DirectoryClient::held_text() const {
  std::lock_guard lock(mutex_);
  return held_text_;
}

void DirectoryClient::add_routes(http::Router& router) {
  http::Route route;
  route.method = "GET";
  route.pattern = std::string(kDirectoryPath);
  route.access = http::Access::everyone();
  route.summary = "The signed federation directory this node holds (verified), for other members to fetch";
  route.handler = [this](const http::Request&, const http::Caller&) {
    std::string text = held_text();
    if (text.empty()) {
      boost::json::object problem{{"type", "/problems/federation-no-directory"},
                                  {"title", "This node holds no federation directory yet"},
                                  {"status", 404}};
      return http::Response::json_text(404, boost::json::serialize(problem), "application/problem+json");
    }
    return http::Response::json_text(200, std::move(text));
  };
  router.add(std::move(route));
}

}  // namespace tongban::federation

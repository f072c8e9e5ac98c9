// DirectoryClient: a member node's side of the federation directory (federation/directory.h) — it holds the
// operator's anchor, fetches the signed directory from the operator or from any member, verifies it, keeps the
// verified copy in a file and applies it to the TrustList without a restart, refreshes it periodically, and serves
// its copy to other members (GET /federation/v1/directory).
//
// Acceptance (offer()): the text must parse (strict, directory.h), name the anchor's operator, carry a valid
// signature by the anchor's key, have a version not older than the one held (the same version is "unchanged"),
// and not be expired. A refused document changes nothing: the held copy stays in force. An accepted one is written
// to the file atomically (temporary file in the same directory, fsync, rename; mode 0600) and then applied:
// TrustList::use_directory(directory_peers(...)).
//
// Refresh: a thread tries the sources in order — the configured ones (the operator), then every member endpoint of
// the held copy — until one answers with a valid copy. After a success it waits refresh_interval; after a failure
// retry_initial, doubling up to retry_max, and it never gives up (X-Road lesson: a client that stopped retrying
// after a long outage). Each attempt opens fresh connections, so nothing stays broken after an outage.
//
// Expiry: the TrustList withdraws the directory's peers once expires_at passes (outbound sends fail closed).
// Warnings when half and when 90% of the validity (issued_at .. expires_at) have passed: logged once per stage,
// listed by directory_warnings() (for /readyz) and shown by directory_metrics_text() (for /metrics).
//
// Fetching supports http:// endpoints (loopback, or behind a TLS-terminating proxy); the signature, not the
// channel, protects the document. Thread-safe; the TrustList must outlive the client; stop() before destroying it.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "federation/directory.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "http/router.h"

namespace tongban::federation {

// The out-of-band anchor: the operator's id and public key. File: JSON {"operator": "...", "public_key": "..."}.
struct DirectoryAnchor {
  std::string operator_id;
  PublicKey public_key;
};
DirectoryAnchor load_anchor(const std::filesystem::path& file);  // std::runtime_error naming the file
std::string anchor_to_json(const DirectoryAnchor& anchor);

enum class DirectoryRefusal { malformed, wrong_operator, bad_signature, older_version, expired };
std::string_view to_string(DirectoryRefusal refusal);

class DirectoryRefused : public std::runtime_error {
 public:
  DirectoryRefused(DirectoryRefusal reason, const std::string& detail)
      : std::runtime_error(std::string(to_string(reason)) + ": " + detail), reason_(reason) {}
  DirectoryRefusal reason() const { return reason_; }

 private:
  DirectoryRefusal reason_;
};

// The checks above but the version one (held_version 0 = none held). Throws DirectoryRefused.
Directory verify_directory(std::string_view text, const DirectoryAnchor& anchor, std::int64_t held_version,
                           std::int64_t now);

struct DirectoryStatus {
  bool held = false;
  std::int64_t version = 0;
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t last_success_at = 0;   // Unix ms of the last refresh that reached a valid copy; 0 = never
  std::int64_t refresh_failures = 0;  // total failed refreshes
  int consecutive_failures = 0;
  std::string last_error;
};

// Warnings for /readyz: half / 90% of the validity used, expired, nothing held, refreshes failing. Empty = fine.
std::vector<std::string> directory_warnings(const DirectoryStatus& status, std::int64_t now);
// Prometheus text: tongban_directory_version, _expires_at_seconds, _validity_used_ratio, _expired,
// _warning_level (0 none, 1 half, 2 ninety percent, 3 expired), _refresh_failures_total,
// _last_success_timestamp_seconds.
std::string directory_metrics_text(const DirectoryStatus& status, std::int64_t now);

enum class Offered { applied, unchanged };

class DirectoryClient {
 public:
  // Loads the anchor (std::runtime_error if unusable) and the stored copy if there is one (a stored copy that no
  // longer verifies is logged and ignored; an expired one is applied, so its peers are known but withdrawn).
  DirectoryClient(std::string self_node_id, DirectorySettings settings, TrustList& trust, Clock clock);
  ~DirectoryClient();

  // Verifies, stores and applies a document (see above). Throws DirectoryRefused; nothing changes then.
  Offered offer(std::string_view text);
  // One refresh round over the sources now. True if a source answered with a valid copy.
  bool refresh_now();
  void start();
  void stop();

  // Logs the validity warning once when a new stage (half, 90%, expired) is reached; the refresh thread calls it
  // at least once a second.
  void check_validity();
  DirectoryStatus status() const;
  std::optional<Directory> held() const;
  std::string held_text() const;  // the signed text as fetched; "" if none
  void add_routes(http::Router& router);

 private:
  Offered offer_locked(std::string_view text);
  std::vector<std::string> sources_locked() const;
  void apply_locked();
  void check_stage_locked();
  void run();

  std::string self_;
  DirectorySettings settings_;
  DirectoryAnchor anchor_;
  TrustList& trust_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Directory> held_;
  std::string held_text_;
  DirectoryStatus status_;
  int logged_stage_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tongban::federation

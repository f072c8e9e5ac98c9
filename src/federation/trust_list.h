// Federation configuration and the trust list: who this node is (id, jurisdiction, signing key file), which peers
// it trusts (node id, endpoint, Ed25519 public key, the message types each peer may send to us, the data
// categories each peer may receive from us), the protocol limits, the relay's retry policy, and optional mutual
// TLS. Deny by default: a node that is not listed as a peer gets nothing and is heard from never; a peer may send
// only the types listed for it and receive only the categories listed for it. Federation is off unless both sides
// list each other.
//
// The file is TOML (toml++); docs/federation.md shows a complete example. Relative paths in it (key file, TLS
// files) are resolved against the directory of the config file.
//
// TrustList owns the current configuration and reloads it without a restart: current() checks the file's
// modification time and size at most once per `reload_check_interval` and, when they changed, re-reads and
// validates it; a new file that fails to load is logged and ignored (the previous configuration stays in force).
// Callers hold the returned shared_ptr for the duration of one operation, so a reload never changes the rules in
// the middle of handling one message. The node's own id and key file are fixed at start: a reload that changes
// them is refused (logged, ignored). With a [directory] section the peers come (also) from the signed federation
// directory: use_directory() merges them in, and withdraws them when the directory expires (fail closed). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "federation/node_key.h"

namespace tongban::federation {

// Files for mutual TLS. On the server: our certificate and key, and the CA that client certificates must chain to
// (clients without a valid certificate are refused during the handshake). On the client: the same certificate and
// key presented to peers, and the CA that peers' server certificates must chain to.
struct TlsFiles {
  std::filesystem::path certificate_file;
  std::filesystem::path private_key_file;
  std::filesystem::path ca_file;
};

// One signing key of a peer with its validity (Unix ms, valid_from inclusive, valid_until exclusive), as the
// federation directory announces it (federation/directory.h): during a key rotation a peer has two.
struct PeerKey {
  PublicKey public_key;
  std::int64_t valid_from = 0;
  std::int64_t valid_until = 0;
  bool valid_at(std::int64_t t) const { return valid_from <= t && t < valid_until; }
};

struct Peer {
  std::string node_id;                // e.g. "MO"
  std::string endpoint;               // base URL: "http://127.0.0.1:8081" or "https://mo.example:8443"
  PublicKey public_key;               // verifies the peer's envelopes and receipts
  std::set<std::string> may_send;     // message types the peer may send to us
  std::set<std::string> may_receive;  // data categories the peer may receive from us
  // SHA-256 of the peer's TLS certificate (DER), "sha256:<64 lowercase hex>"; "" = not pinned. When set, the
  // peer's certificate must match it on both sides of mutual TLS (client certificate on our federation listener,
  // server certificate when we send).
  std::string tls_fingerprint;
  // Every key of the peer with its validity (from the directory); empty for a peer of the local file, whose only
  // key is public_key, valid always. The inbox accepts an envelope signed by any key valid at its sent_at.
  std::vector<PeerKey> keys;

  // The keys of this peer valid at `at_ms` (the time a document says it was signed): every key of `keys` valid then,
  // or public_key when the peer has no key list (a local [[peers]] entry). Envelopes, receipts and blob uploads are
  // all checked against these, so a key rotation announced in the directory holds for all three.
  std::vector<PublicKey> keys_valid_at(std::int64_t at_ms) const;
};

struct ProtocolLimits {
  std::size_t max_payload_bytes = std::size_t{8} * 1024 * 1024;  // the payload text; larger envelopes are rejected
  std::chrono::milliseconds max_clock_skew{5 * 60'000};          // sent_at at most this far in the future
  std::chrono::milliseconds max_message_age{24 * 3600'000};      // sent_at at most this far in the past
  // A held inbox message whose predecessor has not arrived after this long is reported (logged once, counted as
  // overdue in `tongban federation status` and /metrics).
  std::chrono::milliseconds held_report_after{600'000};
};

struct RetryPolicy {
  std::chrono::milliseconds initial_backoff{500};  // ceiling of the first retry's delay
  std::chrono::milliseconds max_backoff{60'000};   // cap of the exponential ceiling
  std::chrono::milliseconds request_timeout{10'000};
  int concurrency = 4;  // messages in flight at once per peer (different cases)
  // Retry budget: a message not delivered after this many attempts becomes a dead letter (see relay.h).
  std::int64_t max_attempts = 50;
};

// [directory]: the node takes its peers from the signed federation directory (federation/directory_client.h).
struct DirectorySettings {
  std::filesystem::path anchor_file;  // the operator's anchor (JSON: operator id and public key), required
  std::filesystem::path file;         // where the verified copy is kept (0600), required
  std::vector<std::string> sources;   // base URLs to fetch from first (the operator's), then every member's
  std::chrono::milliseconds refresh_interval{3'600'000};
  std::chrono::milliseconds retry_initial{1'000};  // first retry after a failed refresh, doubling ...
  std::chrono::milliseconds retry_max{300'000};    // ... up to this; retries never stop
};

struct FederationConfig {
  std::string node_id;       // this node, e.g. "CN-GD-JM"
  std::string jurisdiction;  // e.g. "CN-GD-JM"
  std::filesystem::path key_file;
  std::vector<Peer> peers;
  ProtocolLimits limits;
  RetryPolicy retry;
  std::optional<TlsFiles> tls;  // client side: certificates presented to https peers
  // [node] insecure_loopback = true: plain HTTP between nodes is allowed, for loopback addresses only (tests, the
  // single-machine demo). Without it every peer endpoint must be https:// and the federation listener uses TLS.
  bool insecure_loopback = false;
  std::optional<DirectorySettings> directory;
  // Set by TrustList when a directory is in use: its version, its expiry, and whether it has expired (then its
  // peers are withdrawn: nothing is sent to or accepted from them until a valid directory arrives).
  std::int64_t directory_version = 0;
  std::int64_t directory_expires_at = 0;
  bool directory_expired = false;

  const Peer* find_peer(std::string_view node_id) const;
};

// A configuration file that cannot be used: the message names the file and the offending key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses and validates a federation config file. Rules: node.id and node.jurisdiction non-empty; node.key_file
// set; each peer has a unique id different from ours, an http:// or https:// endpoint, a valid public key; types
// and categories are non-empty words of [a-z0-9._-]. Throws ConfigError.
FederationConfig load_federation_config(const std::filesystem::path& file);
// The same from TOML text (paths resolved against base_dir).
FederationConfig parse_federation_config(std::string_view toml_text, const std::filesystem::path& base_dir);

class TrustList {
 public:
  // Loads the file now; ConfigError if it is unusable.
  explicit TrustList(std::filesystem::path file,
                     std::chrono::milliseconds reload_check_interval = std::chrono::milliseconds(1000));
  // A fixed configuration that never reloads (tests, embedded use).
  explicit TrustList(FederationConfig fixed);

  // The configuration in force, reloaded first if the file changed (see above).
  std::shared_ptr<const FederationConfig> current() const;
  // Re-reads the file now. Returns true if a new configuration took effect, false if the file was unchanged or
  // invalid (the error is logged and returned in last_reload_error()).
  bool reload_now() const;
  std::string last_reload_error() const;

  // Takes the peers of the federation directory (verified by the caller, federation/directory_client.h): from now
  // on current() holds the local file's peers merged with these (a local [[peers]] entry of the same id wins: a
  // local override), until expires_at; from then on (by `clock`) the directory's peers are withdrawn and
  // directory_expired is set — outbound sends fail closed (the Outbox refuses) and their messages are refused.
  void use_directory(std::vector<Peer> peers, std::int64_t version, std::int64_t expires_at,
                     std::function<std::int64_t()> clock);

 private:
  bool reload_locked(bool force) const;
  void rebuild_locked() const;

  std::filesystem::path file_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const FederationConfig> config_;
  mutable std::chrono::steady_clock::time_point last_check_{};
  mutable std::filesystem::file_time_type last_mtime_{};
  mutable std::uintmax_t last_size_ = 0;
  mutable std::string last_error_;
  mutable std::shared_ptr<const FederationConfig> file_config_;  // as read from the file
  std::optional<std::vector<Peer>> directory_peers_;
  std::int64_t directory_version_ = 0;
  std::int64_t directory_expires_at_ = 0;
  std::function<std::int64_t()> clock_;
  mutable bool expired_applied_ = false;
};

}  // namespace tongban::federation

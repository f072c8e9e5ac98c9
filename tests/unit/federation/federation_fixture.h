// Test support for the federation tests: a whole federation node in process — a fresh data directory under /tmp,
// a real SQLite store, a real key pair on disk, a trust list read from a real TOML file, an inbox behind a real
// HTTP server on a loopback port, an outbox and a relay — plus a log capture to check that rejections are logged.
#pragma once

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "federation/blob_receiver.h"
#include "federation/envelope.h"
#include "federation/inbox.h"
#include "federation/message_handler.h"
#include "federation/outbox.h"
#include "federation/peer_transport.h"
#include "federation/relay.h"
#include "federation/trust_list.h"
#include "http/router.h"
#include "http/server.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "test_store.h"

namespace tongban::federation::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("tongban-federation-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Captures log lines so a test can check that a rejection was logged with its reason.
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(2000)) {
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink_));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  bool contains(const std::string& text) const {
    for (const auto& line : sink_->last_formatted())
      if (line.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

struct AppliedMessage {
  std::string message_id;
  std::string type;
  std::string case_ref;
  std::int64_t sequence = 0;
};

inline constexpr std::size_t kMaxBlobBytes = std::size_t{10} * 1024 * 1024;  // as NodeConfig::blob_limit
inline const std::vector<std::string> kAllTypes = {"case.forward", "case.status", "case.result", "delivery.update"};

class FedNode {
 public:
  explicit FedNode(std::string id, std::optional<TlsFiles> tls = std::nullopt) : id_(std::move(id)), tls_(tls) {
    key_files_ = generate_key_files(dir_.path() / "keys");
    key_ = std::make_unique<NodeKey>(NodeKey::load(key_files_.secret_key_file));
    write_config();
    trust_ = std::make_unique<TrustList>(config_path(), std::chrono::milliseconds(0));
    // SQLite, or in the pg.* run the PostgreSQL database of this node (tests/support/test_store.h).
    const std::string location = tongban::testing::test_store_for((dir_.path() / "data").string());
    if (location.empty()) {
      store::SqliteStoreOptions options;
      options.data_dir = dir_.path() / "data";
      options.node_code = id_;
      store_ = store::open_sqlite_store(options);
    } else {
      store::PostgresStoreOptions options;
      options.conninfo = location;
      options.blob_dir = dir_.path() / "data" / "blobs";
      options.node_code = id_;
      store_ = store::open_postgres_store(options);
    }
    for (const auto& type : kAllTypes) {
      handlers_.on(type, [this](const Envelope& e, store::Transaction&) {
        if (e.payload.find("\"owner\":\"someone-else\"") != std::string::npos)
          throw MessageRejected("not_case_owner", "the sender does not own case " + e.case_ref);
        std::lock_guard lock(mutex_);
        applied_.push_back({e.message_id, e.type, e.case_ref, e.sequence});
      });
    }
    clock_ = [this] { return system_clock()() + skew_ms.load(); };
    inbox_ = std::make_unique<Inbox>(*store_, *trust_, *key_, handlers_, clock_);
    add_federation_routes(router_, *inbox_, trust_->current()->limits.max_payload_bytes);
    blobs_ = std::make_unique<BlobReceiver>(*store_, *trust_, kMaxBlobBytes, clock_);
    add_blob_route(router_, *blobs_);
    relay_ = std::make_unique<Relay>(*store_, *trust_, *key_, clock_);
    outbox_ = std::make_unique<Outbox>(*trust_, clock_, [this] {
      if (relay_) relay_->wake();
    });
    come_up();
  }
  ~FedNode() {
    relay_->stop();
    server_.reset();
  }

  // Adds (or replaces) a peer in our trust list file and reloads it.
  void trust(const FedNode& peer, std::vector<std::string> may_send = kAllTypes,
             std::vector<std::string> may_receive = {"identity", "case", "materials"}) {
    trust_endpoint(peer.id_, peer.endpoint(), peer.public_key(), std::move(may_send), std::move(may_receive));
  }
  // The same for a peer given by id, endpoint and key (e.g. a socket that never answers), optionally pinning its
  // TLS certificate fingerprint.
  void trust_endpoint(const std::string& id, const std::string& endpoint, const std::string& public_key,
                      std::vector<std::string> may_send = kAllTypes,
                      std::vector<std::string> may_receive = {"identity", "case", "materials"},
                      const std::string& tls_fingerprint = "") {
    std::erase_if(peers_, [&](const PeerLine& p) { return p.id == id; });
    peers_.push_back({id, endpoint, public_key, std::move(may_send), std::move(may_receive), tls_fingerprint});
    write_config();
    trust_->reload_now();
  }

  // Replaces the relay by one polling every `idle_poll` (tests of waking set it very long).
  void use_relay_poll(std::chrono::milliseconds idle_poll) {
    relay_->stop();
    relay_ = std::make_unique<Relay>(*store_, *trust_, *key_, clock_, idle_poll);
  }

  void go_down() { server_.reset(); }
  void come_up() {
    http::ServerOptions options;
    options.port = port_;
    options.io_threads = 1;
    options.handler_threads = 4;
    options.rate_per_second = 0;
    if (tls_) options.tls = http::ServerTls{tls_->certificate_file, tls_->private_key_file, tls_->ca_file};
    server_ = std::make_unique<http::Server>(options, router_);
    server_->start();
    port_ = server_->port();
  }

  std::string endpoint() const {
    return std::string(tls_ ? "https" : "http") + "://" + (tls_ ? "localhost" : "127.0.0.1") + ":" +
           std::to_string(port_);
  }
  std::string public_key() const { return key_files_.public_key_base64; }
  const std::string& id() const { return id_; }
  const NodeKey& key() const { return *key_; }
  store::Store& store() { return *store_; }
  Outbox& outbox() { return *outbox_; }
  Relay& relay() { return *relay_; }
  Inbox& inbox() { return *inbox_; }
  TrustList& trust_list() { return *trust_; }
  const http::ServerCounters& server_counters() const { return server_->counters(); }
  std::filesystem::path config_path() const { return dir_.path() / "federation.toml"; }
  std::vector<AppliedMessage> applied() const {
    std::lock_guard lock(mutex_);
    return applied_;
  }
  std::filesystem::path data_dir() const { return dir_.path() / "data"; }
  std::int64_t log_length() const { return store_->message_log_head().sequence; }

  // Sends a signed envelope straight to a peer over HTTP, as a hostile or a buggy peer could.
  TransportResult post(const FedNode& to, const Envelope& envelope) const {
    return post_json(to.endpoint(), kMessagesPath, envelope_to_json(envelope), tls_, std::chrono::seconds(5));
  }
  Envelope envelope_to(const FedNode& to, std::string type, std::string case_ref, std::int64_t sequence,
                       std::string payload = R"({"note":"hello"})") const {
    Envelope e;
    e.message_id = random_uuid_v4();
    e.from = id_;
    e.to = to.id_;
    e.type = std::move(type);
    e.case_ref = std::move(case_ref);
    e.sequence = sequence;
    e.created_at_ms = clock_();
    e.sent_at_ms = clock_();
    e.data_categories = {"case"};
    e.payload = std::move(payload);
    sign_envelope(e, *key_);
    return e;
  }

  std::string extra_config;  // appended to the file ([limits] overrides)
  std::string relay_extra;   // appended to the [relay] table (e.g. "max_attempts = 2\n")
  bool insecure_loopback = true;
  std::atomic<std::int64_t> skew_ms{0};

  void write_config() const {
    std::ofstream out(config_path());
    out << "[node]\nid = \"" << id_ << "\"\njurisdiction = \"" << id_ << "\"\nkey_file = \"keys/node.key\"\n";
    out << (insecure_loopback ? "insecure_loopback = true\n" : "");
    out << "[relay]\ninitial_backoff_ms = 20\nmax_backoff_ms = 100\nrequest_timeout_ms = 2000\n" << relay_extra;
    if (tls_) {
      out << "[tls]\ncertificate_file = \"" << tls_->certificate_file.string() << "\"\nprivate_key_file = \""
          << tls_->private_key_file.string() << "\"\nca_file = \"" << tls_->ca_file.string() << "\"\n";
    }
    out << extra_config << "\n";
    for (const auto& peer : peers_) {
      out << "[[peers]]\nid = \"" << peer.id << "\"\nendpoint = \"" << peer.endpoint << "\"\npublic_key = \""
          << peer.public_key << "\"\nmay_send = [";
      for (std::size_t i = 0; i < peer.may_send.size(); ++i) out << (i ? ", " : "") << '"' << peer.may_send[i] << '"';
      out << "]\nmay_receive = [";
      for (std::size_t i = 0; i < peer.may_receive.size(); ++i)
        out << (i ? ", " : "") << '"' << peer.may_receive[i] << '"';
      out << "]\n";
      if (!peer.tls_fingerprint.empty()) out << "tls_fingerprint = \"" << peer.tls_fingerprint << "\"\n";
    }
  }

 private:
  struct PeerLine {
    std::string id, endpoint, public_key;
    std::vector<std::string> may_send, may_receive;
    std::string tls_fingerprint;
  };
  std::string id_;
  std::optional<TlsFiles> tls_;
  TempDir dir_;
  KeyFiles key_files_;
  std::unique_ptr<NodeKey> key_;
  std::vector<PeerLine> peers_;
  std::unique_ptr<TrustList> trust_;
  std::unique_ptr<store::Store> store_;
  MessageDispatch handlers_;
  Clock clock_;
  std::unique_ptr<Inbox> inbox_;
  std::unique_ptr<BlobReceiver> blobs_;
  http::Router router_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<Relay> relay_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::vector<AppliedMessage> applied_;
};

// Waits until condition() holds or the deadline passes; returns condition().
template <typename F>
bool eventually(F condition, std::chrono::milliseconds deadline = std::chrono::seconds(15)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace tongban::federation::testing

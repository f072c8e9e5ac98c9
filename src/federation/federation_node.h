// FederationNode: the federation side of one node, wired together — the trust list (reloading), the node key, the
// outbox, the inbox and the relay — so that a running node (or a test) needs one object:
//
//   federation::MessageDispatch handlers;  handlers.on("case.forward", ...);
//   federation::FederationNode fed(store, "/etc/tongban/federation.toml", handlers);
//   fed.add_routes(router);          // POST /federation/v1/messages, PUT /federation/v1/blobs/{sha256},
//                                    // GET /federation/v1/directory, on the federation listener's router
//   fed.start();                     // relay thread
//   store.write([&](auto& tx) { ...state change...; fed.outbox().enqueue(tx, {...}); });  // wakes the relay on commit
//
// Ownership: borrows the store and the handler (both outlive it); owns the rest. The key file named in the config
// is loaded once at construction (std::runtime_error if unusable); the peers reload as TrustList describes.
// With a [directory] section, a DirectoryClient (federation/directory_client.h) is made at construction (its
// stored copy applied), refreshes from start() on, and serves GET /federation/v1/directory.
// Stop (or destroy) it before the store. start() also starts the inbox sweep (see sweeper_ below).
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "federation/blob_receiver.h"
#include "federation/directory_client.h"
#include "federation/inbox.h"
#include "federation/message_handler.h"
#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/relay.h"
#include "federation/trust_list.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"

namespace tongban::federation {

class FederationNode {
 public:
  // max_blob_bytes: the node's upload limit (NodeConfig::blob_limit), also the limit of a blob a peer sends.
  FederationNode(store::Store& store, const std::filesystem::path& config_file, MessageHandler& handler,
                 std::size_t max_blob_bytes, Clock clock = system_clock());
  ~FederationNode();

  const TrustList& trust() const { return *trust_; }
  const NodeKey& key() const { return *key_; }
  const std::string& node_id() const { return node_id_; }
  const Outbox& outbox() const { return *outbox_; }
  Inbox& inbox() { return *inbox_; }
  Relay& relay() { return *relay_; }
  // The directory client when the config has a [directory] section (peers from the signed directory), else null.
  DirectoryClient* directory() { return directory_.get(); }
  store::Store& store() { return store_; }

  // POST /federation/v1/messages, for the router of the federation listener only (never the public one).
  void add_routes(http::Router& router);
  // The config's [tls] files as the federation listener's options: mutual TLS 1.3, client certificates required
  // and chained to [tls] ca_file (nullopt: no [tls]; plain HTTP, allowed only with insecure_loopback on loopback).
  std::optional<http::ServerTls> server_tls() const;
  void start();
  void stop();

 private:
  void sweep_loop();

  store::Store& store_;
  std::unique_ptr<TrustList> trust_;
  std::unique_ptr<DirectoryClient> directory_;
  std::unique_ptr<NodeKey> key_;
  std::string node_id_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<Inbox> inbox_;
  std::unique_ptr<Relay> relay_;
  std::unique_ptr<BlobReceiver> blobs_;
  std::shared_ptr<std::atomic<Relay*>> wake_target_;
  // The inbox sweep (every second while started): applies held messages that became ready (after an operator's
  // requeue or drop, or a transient failure) and reports overdue held ones (Inbox::report_overdue_held).
  std::thread sweeper_;
  std::mutex sweep_mutex_;
  std::condition_variable sweep_signal_;
  bool sweeping_ = false;
};

}  // namespace tongban::federation

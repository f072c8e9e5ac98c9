// LinkProxy: the network link between two nodes in the fault test — a TCP proxy on 127.0.0.1 that a node's trust
// list names as its peer's endpoint, forwarding every connection to the peer's current port.
//
// cut() partitions the link: connections open at that moment are reset (bytes in flight are lost, answers never
// arrive), and connections made while cut are accepted but black-holed (nothing is forwarded, nothing answered),
// so the sender sees what a broken network shows it: resets and timeouts. restore() closes the black-holed
// connections and forwards again. set_upstream() follows the peer to a new port after a restart.
//
// Ownership and invariants: owns its listening socket (bound once, so its port never changes), every connection
// and one thread that runs a poll loop; the destructor stops the thread and closes everything. Loopback only.
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace tongban::fault_test {

class LinkProxy {
 public:
  explicit LinkProxy(std::uint16_t upstream_port = 0);
  ~LinkProxy();
  LinkProxy(const LinkProxy&) = delete;
  LinkProxy& operator=(const LinkProxy&) = delete;

  std::uint16_t port() const { return port_; }
  void set_upstream(std::uint16_t port) { upstream_.store(port); }
  void cut() { cut_.store(true); }
  void restore() { cut_.store(false); }
  bool is_cut() const { return cut_.load(); }
  std::uint64_t connections_forwarded() const { return forwarded_.load(); }
  std::uint64_t connections_dropped() const { return dropped_.load(); }

 private:
  void loop();

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<std::uint16_t> upstream_;
  std::atomic<bool> cut_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> forwarded_{0}, dropped_{0};
  std::thread thread_;
};

}  // namespace tongban::fault_test

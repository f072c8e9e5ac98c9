// The relay's lanes over real HTTP on loopback: a peer that accepts connections and never answers holds only its
// own messages (the others keep flowing), its send fails within the request timeout, and stop() is bounded while
// it hangs; connections are kept alive and reused; a committed enqueue wakes the relay without waiting for a poll.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>

#include "federation/relay.h"
#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::eventually;
using testing::FedNode;

// A TCP port whose connections the kernel accepts (listen backlog) and nobody ever reads or answers: the peer that
// accepts a connection and then hangs. Held open until close() or destruction.
class SilentPeer {
 public:
  SilentPeer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 64) != 0)
      throw std::runtime_error("cannot listen");
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentPeer() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

class RelayLanesTest : public ::testing::Test {
 protected:
  RelayLanesTest() : jm("CN-GD-JM"), mo("MO"), hk("HK") {
    jm.trust(mo);
    jm.trust(hk);
    mo.trust(jm);
    hk.trust(jm);
    jm.trust_endpoint("SILENT", silent.endpoint(), mo.public_key());
  }

  void enqueue(const std::string& to, const std::string& case_ref, int count) {
    jm.store().write([&](store::Transaction& tx) {
      for (int i = 0; i < count; ++i)
        jm.outbox().enqueue(tx, {to, "case.status", case_ref, {"case"}, R"({"step":)" + std::to_string(i + 1) + "}"});
    });
  }

  std::int64_t attempts_to(const std::string& peer) {
    std::int64_t attempts = 0;
    for (const auto& queue : jm.store().outbox_queues())
      if (queue.peer == peer) attempts = queue.in_flight;
    return attempts;
  }

  FedNode jm;
  FedNode mo;
  FedNode hk;
  SilentPeer silent;  // declared last: closed first, so a send stuck on it (old code) ends before jm stops
};

TEST_F(RelayLanesTest, APeerThatNeverAnswersHoldsOnlyItsOwnMessages) {
  // Four stuck cases fill the silent lane (concurrency 4) and would fill a whole batch of the old relay.
  for (int c = 1; c <= 4; ++c) enqueue("SILENT", "JM-2026-00010" + std::to_string(c), 1);
  for (int c = 1; c <= 3; ++c) {
    enqueue("MO", "JM-2026-00020" + std::to_string(c), 3);
    enqueue("HK", "JM-2026-00030" + std::to_string(c), 3);
  }
  const auto started = std::chrono::steady_clock::now();
  jm.relay().start();
  ASSERT_TRUE(eventually([&] { return mo.applied().size() == 9 && hk.applied().size() == 9; }));
  // Everything to MO and HK arrived while the silent peer's sends were still open: none of them has failed yet.
  EXPECT_EQ(attempts_to("SILENT"), 0);
  // The stuck sends fail on their own deadline (request_timeout_ms = 2000), with an error that says so.
  ASSERT_TRUE(eventually([&] { return attempts_to("SILENT") == 4; }, std::chrono::milliseconds(2000 + 5000)));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_LT(waited, std::chrono::milliseconds(2000 + 5000));
  auto status = jm.store().outbox_queues();
  for (const auto& queue : status)
    if (queue.peer == "SILENT") {
      EXPECT_NE(queue.last_error.find("timed out"), std::string::npos) << queue.last_error;
    }
  jm.relay().stop();
}

TEST_F(RelayLanesTest, StopIsBoundedWhileASendIsStuck) {
  enqueue("SILENT", "JM-2026-000401", 1);
  jm.relay().start();
  ASSERT_TRUE(eventually([&] { return jm.relay().stats().attempts >= 1; }));
  auto stopped = std::async(std::launch::async, [&] { jm.relay().stop(); });
  // Bounded by about one request timeout (2 s), whatever the peer does; generously so on a loaded machine.
  const bool bounded = stopped.wait_for(std::chrono::milliseconds(2000 + 3000)) == std::future_status::ready;
  silent.close();  // (lets the old relay's blocked send end, so the test itself ends)
  stopped.wait();
  EXPECT_TRUE(bounded);
  // Not delivered, not lost: the message waits for the next start (untried if the send was abandoned, or with one
  // failed attempt if its own deadline struck first — both end after about one request timeout).
  auto queues = jm.store().outbox_queues();
  ASSERT_EQ(queues.size(), 1u);
  EXPECT_EQ(queues[0].queued + queues[0].in_flight, 1);
  EXPECT_EQ(queues[0].delivered, 0);
}

TEST_F(RelayLanesTest, ConnectionsAreKeptAliveAndReused) {
  enqueue("MO", "JM-2026-000501", 10);  // one case: ten sends one after the other
  jm.relay().start();
  ASSERT_TRUE(eventually([&] { return mo.applied().size() == 10; }));
  // The server saw one connection, still open after the ten requests (the old transport opened and closed ten).
  EXPECT_TRUE(eventually([&] { return mo.server_counters().open_connections.load() == 1; }));
  EXPECT_EQ(mo.server_counters().requests.load(), 10u);
  jm.relay().stop();
  EXPECT_EQ(jm.relay().stats().connections_opened, 1u);
}

TEST_F(RelayLanesTest, ACommittedEnqueueWakesTheRelayWithoutAPoll) {
  jm.use_relay_poll(std::chrono::hours(1));  // the safety-net poll never comes during this test
  jm.relay().start();
  ASSERT_TRUE(eventually([&] { return jm.relay().stats().passes == 1; }));  // the pass at start found nothing
  enqueue("MO", "JM-2026-000601", 3);
  // Delivered by the wake of the commit and the wakes after each recorded delivery; never by a poll.
  EXPECT_TRUE(eventually([&] { return mo.applied().size() == 3; }));
  EXPECT_GE(jm.relay().stats().wakes, 1u);
  jm.relay().stop();
}

TEST_F(RelayLanesTest, ARolledBackEnqueueDoesNotWakeTheRelay) {
  jm.use_relay_poll(std::chrono::hours(1));
  jm.relay().start();
  EXPECT_THROW(jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.status", "JM-2026-000701", {"case"}, "{}"});
    throw std::runtime_error("the state change failed");
  }),
               std::runtime_error);
  EXPECT_EQ(jm.relay().stats().wakes, 0u);
  EXPECT_TRUE(jm.store().outbox_queues().empty());
  jm.relay().stop();
}

}  // namespace
}  // namespace tongban::federation

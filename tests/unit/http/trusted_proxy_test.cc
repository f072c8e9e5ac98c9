// Trusted proxies: X-Forwarded-For and X-Forwarded-Proto are believed from a configured proxy only. Behind it,
// each forwarded client has its own rate-limit bucket; from any other peer the headers are dropped and the peer is
// the client. Also TrustedProxies itself: addresses, CIDRs, IPv6, the rightmost untrusted hop.
#include <gtest/gtest.h>

#include "http/trusted_proxies.h"
#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

Router whoami_router() {
  Router router;
  router.add({"GET", "/whoami", Access::everyone(),
              [](const Request& request, const Caller&) {
                return Response::text(200, request.client_address + "|" + (request.forwarded_https ? "https" : "http") +
                                               "|" + std::string(request.header("X-Forwarded-For").value_or("-")));
              },
              "Who the server thinks the client is"});
  return router;
}

std::string ask(std::uint16_t port, const std::string& headers) {
  RawConnection client(port);
  client.send("GET /whoami HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n");
  std::string answer = client.read_to_end();
  return answer.rfind("HTTP/1.1 200", 0) == 0 ? answer.substr(answer.find("\r\n\r\n") + 4)
                                              : answer.substr(0, answer.find("\r\n"));
}

ServerOptions limited(std::vector<std::string> proxies) {
  auto options = testing::quiet_options();
  options.rate_per_second = 0.001;  // no refill within a test: the burst is all a client gets
  options.rate_burst = 2;
  options.trusted_proxies = std::move(proxies);
  return options;
}

TEST(TrustedProxy, ClientsBehindATrustedProxyHaveTheirOwnBuckets) {
  Router router = whoami_router();
  RunningServer server(router, limited({"127.0.0.0/8"}));
  const std::string alice = "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n";
  const std::string bob = "X-Forwarded-For: 198.51.100.9, 127.0.0.5\r\n";  // through two proxies of ours
  EXPECT_EQ(ask(server.port(), alice), "203.0.113.7|https|203.0.113.7");
  EXPECT_EQ(ask(server.port(), alice), "203.0.113.7|https|203.0.113.7");
  EXPECT_EQ(ask(server.port(), alice), "HTTP/1.1 429 Too Many Requests");
  EXPECT_EQ(ask(server.port(), bob), "198.51.100.9|http|198.51.100.9, 127.0.0.5");
  EXPECT_EQ(ask(server.port(), bob), "198.51.100.9|http|198.51.100.9, 127.0.0.5");
  EXPECT_EQ(ask(server.port(), bob), "HTTP/1.1 429 Too Many Requests");
}

TEST(TrustedProxy, FromAnUntrustedPeerTheHeadersAreIgnoredAndDropped) {
  Router router = whoami_router();
  RunningServer server(router, limited({"10.9.9.9"}));
  EXPECT_EQ(ask(server.port(), "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n"), "127.0.0.1|http|-");
  // A new address in the header is no new bucket: the peer's burst of 2 is spent.
  EXPECT_EQ(ask(server.port(), "X-Forwarded-For: 203.0.113.8\r\n"), "127.0.0.1|http|-");
  EXPECT_EQ(ask(server.port(), "X-Forwarded-For: 203.0.113.9\r\n"), "HTTP/1.1 429 Too Many Requests");
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedHop) {
  TrustedProxies proxies({"10.0.0.0/8", "fd00::/8", "192.0.2.1"});
  EXPECT_TRUE(proxies.trusts("10.200.3.4"));
  EXPECT_TRUE(proxies.trusts("::ffff:10.1.1.1"));
  EXPECT_TRUE(proxies.trusts("fd12::1"));
  EXPECT_TRUE(proxies.trusts("192.0.2.1"));
  EXPECT_FALSE(proxies.trusts("192.0.2.2"));
  EXPECT_FALSE(proxies.trusts("11.0.0.1"));
  EXPECT_EQ(proxies.client_of("10.0.0.1", "1.1.1.1, 203.0.113.5, 10.3.3.3"), "203.0.113.5");
  EXPECT_EQ(proxies.client_of("10.0.0.1", "[2001:db8::7]:443"), "2001:db8::7");
  EXPECT_EQ(proxies.client_of("10.0.0.1", "203.0.113.5:5678"), "203.0.113.5");
  EXPECT_EQ(proxies.client_of("10.0.0.1", "10.4.4.4"), "10.4.4.4");  // all trusted: the furthest
  EXPECT_EQ(proxies.client_of("10.0.0.1", "garbage, 10.4.4.4"), "10.4.4.4");
  EXPECT_EQ(proxies.client_of("10.0.0.1", std::nullopt), "10.0.0.1");
  EXPECT_EQ(proxies.client_of("203.0.113.1", "1.2.3.4"), "203.0.113.1");  // untrusted peer: header ignored
  EXPECT_THROW(TrustedProxies({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"proxy.example"}), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::http

// TrustedProxies: the addresses and networks (CIDR) of the reverse proxies in front of a node, whose
// X-Forwarded-For and X-Forwarded-Proto the server believes (ServerOptions::trusted_proxies, `serve --trusted-proxy`).
//
// The client of a request from a trusted proxy is the rightmost address of X-Forwarded-For that is not itself a
// trusted proxy (each proxy appends the address it got the connection from, so everything left of the first
// untrusted address from the right could have been written by the client). From any other peer the headers mean
// nothing: the client is the peer. IPv4 and IPv6; an IPv4-mapped IPv6 address is its IPv4 address.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Each entry an address ("10.0.0.7", "::1") or a network ("10.0.0.0/8", "fd00::/8"). Throws
  // std::invalid_argument naming the first entry that is neither.
  explicit TrustedProxies(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool trusts(std::string_view address) const;
  // The client behind `peer`, given the request's X-Forwarded-For (all its headers joined with ","; nullopt when
  // none). An entry that is not an IP address ends the walk: the client is then the nearest trusted hop.
  std::string client_of(const std::string& peer, std::optional<std::string_view> forwarded_for) const;

 private:
  struct Network {
    std::array<unsigned char, 16> bytes{};  // IPv6, IPv4 mapped to ::ffff:a.b.c.d
    unsigned prefix = 128;
  };
  std::vector<Network> networks_;
};

// The address in canonical text ("::ffff:10.0.0.1" becomes "10.0.0.1"), nullopt when it is not an IP address. A
// port ("10.0.0.1:5678", "[::1]:5678") is dropped.
std::optional<std::string> canonical_address(std::string_view text);

}  // namespace tongban::http

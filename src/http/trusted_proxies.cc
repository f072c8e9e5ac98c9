#include "http/trusted_proxies.h"

#include <boost/asio/ip/address.hpp>
#include <stdexcept>

namespace tongban::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<boost::asio::ip::address> parse_address(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '[') {  // [v6] or [v6]:port
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (text.find(':') != std::string_view::npos && text.find(':') == text.rfind(':')) {
    text = text.substr(0, text.find(':'));  // v4:port
  }
  boost::system::error_code error;
  auto address = boost::asio::ip::make_address(std::string(text), error);
  if (error) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  return address;
}

std::array<unsigned char, 16> bytes_of(const boost::asio::ip::address& address) {
  if (address.is_v6()) return address.to_v6().to_bytes();
  return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, address.to_v4()).to_bytes();
}

bool in_network(const std::array<unsigned char, 16>& bytes, const std::array<unsigned char, 16>& network,
                unsigned prefix) {
  for (unsigned bit = 0; bit < prefix; ++bit) {
    unsigned char mask = static_cast<unsigned char>(0x80u >> (bit % 8));
    if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> canonical_address(std::string_view text) {
  auto address = parse_address(text);
  if (!address) return std::nullopt;
  return address->to_string();
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) {
    std::string_view text = trim(entry);
    auto slash = text.find('/');
    auto address = parse_address(text.substr(0, slash));
    if (!address || text.substr(0, slash).find_first_of("[]") != std::string_view::npos)
      throw std::invalid_argument("not an IP address or network: '" + entry + "'");
    Network network;
    network.bytes = bytes_of(*address);
    const unsigned offset = address->is_v4() ? 96 : 0;
    network.prefix = 128;
    if (slash != std::string_view::npos) {
      std::string_view length = text.substr(slash + 1);
      const unsigned most = address->is_v4() ? 32 : 128;
      if (length.empty() || length.size() > 3 || length.find_first_not_of("0123456789") != std::string_view::npos ||
          std::stoul(std::string(length)) > most)
        throw std::invalid_argument("not an IP address or network: '" + entry + "'");
      network.prefix = offset + static_cast<unsigned>(std::stoul(std::string(length)));
    }
    networks_.push_back(network);
  }
}

bool TrustedProxies::trusts(std::string_view text) const {
  if (networks_.empty()) return false;
  auto address = parse_address(text);
  if (!address) return false;
  auto bytes = bytes_of(*address);
  for (const auto& network : networks_)
    if (in_network(bytes, network.bytes, network.prefix)) return true;
  return false;
}

std::string TrustedProxies::client_of(const std::string& peer, std::optional<std::string_view> forwarded_for) const {
  if (!forwarded_for || !trusts(peer)) return peer;
  std::string client = peer;
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (trim(entry).empty()) continue;
    auto address = parse_address(entry);
    if (!address) return client;
    client = address->to_string();
    if (!trusts(client)) return client;
  }
  return client;
}

}  // namespace tongban::http

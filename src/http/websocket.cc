#include "http/websocket.h"

#include <boost/beast/core/string.hpp>

namespace tongban::http {

bool same_origin(const Request& request, std::string_view origin) {
  auto host = request.header("Host");
  if (!host || host->empty() || origin.empty()) return false;
  const bool https = request.over_tls || request.forwarded_https;
  std::string expected = std::string(https ? "https://" : "http://") + std::string(*host);
  // Host names are case-insensitive; the rest of an origin (scheme, port) has one spelling.
  return boost::beast::iequals(origin, expected);
}

}  // namespace tongban::http

#include "federation/directory_fetch.h"

namespace tongban::federation {

TransportResult fetch_text(std::string_view endpoint, std::string_view path, const std::optional<TlsFiles>& tls,
                           std::chrono::milliseconds timeout) {
  OutgoingRequest request;
  request.method = "GET";
  request.path = std::string(path);
  request.headers = {{"Accept", "application/json"}};
  return send_request(endpoint, std::move(request), tls, timeout);
}

}  // namespace tongban::federation

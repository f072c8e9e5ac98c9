// fetch_text: the client side of GET /federation/v1/directory — one HTTP GET of endpoint + path, returning the
// status and body (at most 4 MiB), through the relay's own client (federation/peer_transport.h send_request): the
// same mutual TLS 1.3 with the [tls] files, and every step (resolve, connect, handshake, write, read) bounded by
// `timeout`, so a source that accepts and never answers cannot hang the caller. Plain "http://" only to a loopback
// host (tests, the single-machine demo); sources elsewhere are https://. Never throws; one connection per call.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "federation/peer_transport.h"
#include "federation/trust_list.h"

namespace tongban::federation {

TransportResult fetch_text(std::string_view endpoint, std::string_view path, const std::optional<TlsFiles>& tls,
                           std::chrono::milliseconds timeout);

}  // namespace tongban::federation

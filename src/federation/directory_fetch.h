// fetch_text: the client side of GET /federation/v1/directory — one HTTP GET of endpoint + path, returning the
// status and body (at most 4 MiB). "http://" plain; "https://" with the [tls] files of the federation config (the
// same mutual TLS as the relay's). Every step (resolve, connect, handshake, write, read) is bounded by `timeout`
// (asynchronous operations with an expiry), so a peer that accepts and never answers cannot hang the caller.
// Never throws; one connection per call; thread-safe.
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

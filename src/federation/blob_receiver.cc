#include "federation/blob_receiver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <variant>

#include "domain/canonical_bytes.h"
#include "federation/blob_transfer.h"
#include "store/blob_directory.h"
#include "store/store_error.h"

namespace tongban::federation {
namespace {

struct Refusal {
  int status;
  std::string reason;
  std::string detail;
};

http::Response refusal_response(const Refusal& refusal) {
  std::string slug = refusal.reason;
  for (char& c : slug)
    if (c == '_') c = '-';
  boost::json::object problem{{"type", "/problems/federation-" + slug},
                              {"title", "The blob was not accepted"},
                              {"status", refusal.status},
                              {"detail", refusal.detail},
                              {"reason", refusal.reason}};
  auto response =
      http::Response::json_text(refusal.status, boost::json::serialize(problem), "application/problem+json");
  if (refusal.status == 503) response.set_header("Retry-After", "1");
  return response;
}

std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The signed upload the request claims, or the refusal of a malformed one.
std::variant<BlobUpload, Refusal> upload_of(const http::Request& request) {
  BlobUpload upload;
  upload.sha256 = request.path.substr(std::min(request.path.size(), kBlobsPath.size()));
  if (request.path.rfind(kBlobsPath, 0) != 0 || !store::is_sha256_hex(upload.sha256))
    return Refusal{400, "malformed", "the path must end in the blob's lowercase hex SHA-256"};
  auto from = request.header("Tongban-From");
  auto to = request.header("Tongban-To");
  auto media_type = request.header("Tongban-Media-Type");
  auto sent_at = request.header("Tongban-Sent-At");
  auto signature = request.header("Tongban-Signature");
  std::optional<std::int64_t> sent_at_ms = sent_at ? integer(*sent_at) : std::nullopt;
  if (!from || from->empty() || !to || to->empty() || !media_type || media_type->empty() || !sent_at_ms || !signature ||
      signature->empty())
    return Refusal{400, "malformed",
                   "Tongban-From, Tongban-To, Tongban-Media-Type, Tongban-Sent-At and Tongban-Signature are required"};
  upload.from = std::string(*from);
  upload.to = std::string(*to);
  upload.media_type = std::string(*media_type);
  upload.sent_at_ms = *sent_at_ms;
  upload.signature = std::string(*signature);
  upload.size = static_cast<std::int64_t>(request.body.size());
  return upload;
}

}  // namespace

BlobReceiver::BlobReceiver(store::Store& store, const TrustList& trust, std::size_t max_blob_bytes, Clock clock)
    : store_(store), trust_(trust), max_blob_bytes_(max_blob_bytes), clock_(std::move(clock)) {}

http::Response BlobReceiver::receive(const http::Request& request) const {
  auto parsed = upload_of(request);
  if (auto* refusal = std::get_if<Refusal>(&parsed)) return refusal_response(*refusal);
  const BlobUpload& upload = std::get<BlobUpload>(parsed);
  auto config = trust_.current();
  auto refuse = [&](Refusal refusal) {
    spdlog::warn("federation: blob {} from {} refused: {} ({})", upload.sha256, upload.from, refusal.reason,
                 refusal.detail);
    return refusal_response(refusal);
  };
  if (upload.to != config->node_id) return refuse({400, "wrong_recipient", "this node is " + config->node_id});
  const Peer* peer = config->find_peer(upload.from);
  if (!peer) return refuse({403, "unknown_sender", "'" + upload.from + "' is not a trusted peer"});
  const auto keys = peer->keys_valid_at(upload.sent_at_ms);
  if (std::none_of(keys.begin(), keys.end(), [&](const PublicKey& key) { return signature_valid(upload, key); }))
    return refuse({403, "bad_signature", "the signature does not verify with " + upload.from + "'s key"});
  const std::int64_t now = clock_();
  if (now - upload.sent_at_ms > config->limits.max_message_age.count())
    return refuse({400, "stale", "Tongban-Sent-At is too far in the past"});
  if (upload.sent_at_ms - now > config->limits.max_clock_skew.count())
    return refuse({400, "future", "Tongban-Sent-At is in the future"});
  if (request.body.size() > max_blob_bytes_)
    return refuse({413, "blob_too_large", "blobs are limited to " + std::to_string(max_blob_bytes_) + " bytes"});
  if (domain::sha256_hex(request.body) != upload.sha256)
    return refuse({400, "blob_hash_mismatch", "the body's SHA-256 is not the one in the path"});
  try {
    const bool held = store_.find_blob(upload.sha256).has_value();
    if (!held) store_.put_blob(request.body, upload.media_type, now);
    boost::json::object answer{
        {"sha256", upload.sha256}, {"size", upload.size}, {"stored", held ? "already_held" : "new"}};
    return http::Response::json_text(200, boost::json::serialize(answer));
  } catch (const store::StoreUnavailable& error) {
    spdlog::error("federation: blob {} from {} not stored: {}", upload.sha256, upload.from, error.what());
    return refusal_response({503, "unavailable", "the blob could not be stored now; retry later"});
  }
}

void add_blob_route(http::Router& router, const BlobReceiver& receiver) {
  http::Route route;
  route.method = "PUT";
  route.pattern = std::string(kBlobsPath) + "{sha256}";
  route.access = http::Access::everyone();
  route.summary = "Receive a scanned material's bytes from a trusted peer, once per blob, before the message naming it";
  route.body_limit = receiver.max_blob_bytes();
  route.handler = [&receiver](const http::Request& request, const http::Caller&) { return receiver.receive(request); };
  router.add(std::move(route));
}

}  // namespace tongban::federation

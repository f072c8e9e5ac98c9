// BlobReceiver: the receiving side of blob transfer (federation/blob_transfer.h), PUT /federation/v1/blobs/{sha256}.
//
// receive() decides, in this order, answering each refusal as problem+json with a stable `reason` (type
// "/problems/federation-<reason>") and storing nothing:
//   malformed (400: a header missing or not of its form, the path not a SHA-256), wrong_recipient (400),
//   unknown_sender (403), bad_signature (403), stale / future (400: Tongban-Sent-At outside the protocol window),
//   blob_too_large (413: over the node's upload limit), blob_hash_mismatch (400: the body's size or SHA-256 is not
//   the one signed).
// Then the bytes are stored once (durable before the answer; a blob already held is not written again) and the
// answer is 200 {"sha256", "size", "stored": "new" | "already_held"}. A store that cannot be written answers 503.
//
// A stored blob belongs to no case until a message that names it is applied; any trusted peer may upload, within
// the size limit. Borrows the store and the trust list; thread-safe.
#pragma once

#include <cstddef>

#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "http/message.h"
#include "http/router.h"
#include "store/store.h"

namespace tongban::federation {

class BlobReceiver {
 public:
  BlobReceiver(store::Store& store, const TrustList& trust, std::size_t max_blob_bytes, Clock clock = system_clock());
  http::Response receive(const http::Request& request) const;
  std::size_t max_blob_bytes() const { return max_blob_bytes_; }

 private:
  store::Store& store_;
  const TrustList& trust_;
  std::size_t max_blob_bytes_;
  Clock clock_;
};

// Adds PUT /federation/v1/blobs/{sha256} (Access::everyone(): the signature is the authentication) with the body
// limit of the receiver's upload limit.
void add_blob_route(http::Router& router, const BlobReceiver& receiver);

}  // namespace tongban::federation

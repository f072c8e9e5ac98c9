// Blob transfer: scanned materials travel inside the payload of the message that needs them (case.forward,
// case.supplement), as base64, next to their SHA-256 and media type:
//
//   "blobs": [ {"sha256": "<64 hex>", "media_type": "application/pdf", "size": 12345, "base64": "..."} ]
//
// The receiver decodes each one and checks size and SHA-256 before storing anything; a mismatch is a
// MessageRejected("blob_hash_mismatch") so the whole message is refused and nothing is applied. The payload limit
// (ProtocolLimits::max_payload_bytes) bounds the total size.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "store/store.h"

namespace tongban::federation {

struct BlobAttachment {
  std::string sha256;
  std::string media_type;
  std::string bytes;
};

// The "blobs" array for these stored blobs (read from store). std::invalid_argument if one is missing.
boost::json::array attach_blobs(const store::Store& store, const std::vector<std::string>& sha256s);
boost::json::array attach_blobs(const std::vector<BlobAttachment>& blobs);

// Decodes and checks every entry of a "blobs" array. Throws MessageRejected: "blob_malformed" (not the shape
// above, bad base64), "blob_hash_mismatch" (size or SHA-256 differ from the bytes).
std::vector<BlobAttachment> checked_blobs(const boost::json::value& blobs);

// Stores checked blobs: bytes into the blob directory (durable) and metadata rows inside tx. Call from a handler.
void store_blobs(store::Transaction& tx, const store::Store& store, const std::vector<BlobAttachment>& blobs,
                 std::int64_t now_ms);

}  // namespace tongban::federation

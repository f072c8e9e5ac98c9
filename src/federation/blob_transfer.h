// Blob transfer: scanned materials travel apart from the messages that name them, as content-addressed transfers.
// A message's payload names each blob by reference only:
//
//   "blobs": [ {"sha256": "<64 hex>", "media_type": "application/pdf", "size": 12345} ]
//
// and the bytes go once per blob and receiving node, before the message, as
//
//   PUT /federation/v1/blobs/<sha256>   body: the bytes; headers Tongban-From, Tongban-To, Tongban-Media-Type,
//                                       Tongban-Sent-At (Unix ms), Tongban-Signature (base64 Ed25519)
//
// signed by the sender over canonical_blob_upload_bytes (format tag "tongban.blob.v1", from, to, sha256, size (int),
// media_type, sent_at_ms (int); domain/canonical_bytes.h). The receiver (federation/blob_receiver.h) checks sender,
// signature, freshness, size and SHA-256 before it stores the bytes, once, in its blob directory. A message whose
// blobs have not all arrived is not applied: received_blobs() throws BlobsNotReceived, a transient failure (the
// inbox answers 503, the sender pushes the blobs again and retries). So each scan is stored once per node, as bytes,
// never as base64 in the outbox, the inbox or the message logs, and the only size limit on a scan is the node's
// upload limit (NodeConfig::blob_limit), the same for a local upload and for a forward.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "federation/node_key.h"
#include "store/store.h"

namespace tongban::federation {

inline constexpr std::string_view kBlobsPath = "/federation/v1/blobs/";

struct BlobReference {
  std::string sha256;
  std::string media_type;
  std::int64_t size = 0;
};

// A referenced blob has not arrived (or arrived with another size): transient, the message is retried.
class BlobsNotReceived : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The "blobs" array naming these stored blobs. std::invalid_argument if one is not in the store.
boost::json::array blob_references(const store::Reader& store, const std::vector<std::string>& sha256s);

// Reads a "blobs" array (MessageRejected "blob_malformed" if it is not the shape above) and checks that every blob
// is in the store with that size (BlobsNotReceived otherwise). Call from a handler, with its transaction.
std::vector<BlobReference> received_blobs(const store::Reader& store, const boost::json::value& blobs);

// The blobs a payload names at its top level ("blobs"), for the relay to push before the message; empty when the
// payload names none (or is not the shape above: the receiver refuses such a message anyway).
std::vector<BlobReference> blobs_named_in(std::string_view payload_json);

// One signed upload, as the headers carry it.
struct BlobUpload {
  std::string from;
  std::string to;
  std::string sha256;
  std::int64_t size = 0;
  std::string media_type;
  std::int64_t sent_at_ms = 0;
  std::string signature;  // base64
};

std::string canonical_blob_upload_bytes(const BlobUpload& upload);

// The request that uploads one stored blob to a peer: path, headers (signed now) and the bytes. For the relay.
struct BlobPush {
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};
// std::invalid_argument if the blob is not in the store.
BlobPush blob_push(const store::Store& store, const BlobReference& blob, const std::string& from, const std::string& to,
                   std::int64_t now_ms, const NodeKey& key);
void sign_blob_upload(BlobUpload& upload, const NodeKey& key);
bool signature_valid(const BlobUpload& upload, const PublicKey& key);

}  // namespace tongban::federation

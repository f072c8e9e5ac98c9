#include "federation/blob_transfer.h"

#include <boost/json.hpp>

#include "domain/canonical_bytes.h"
#include "federation/message_handler.h"
#include "store/blob_directory.h"

namespace tongban::federation {
namespace {

std::optional<BlobReference> reference_of(const boost::json::value& item) {
  const auto* object = item.if_object();
  if (!object || object->size() != 3) return std::nullopt;
  const boost::json::value* sha = object->if_contains("sha256");
  const boost::json::value* type = object->if_contains("media_type");
  const boost::json::value* size = object->if_contains("size");
  if (!sha || !sha->is_string() || !store::is_sha256_hex(sha->as_string()) || !type || !type->is_string() ||
      type->as_string().empty() || !size || !size->is_int64() || size->as_int64() < 0)
    return std::nullopt;
  return BlobReference{std::string(sha->as_string()), std::string(type->as_string()), size->as_int64()};
}

}  // namespace

boost::json::array blob_references(const store::Reader& store, const std::vector<std::string>& sha256s) {
  boost::json::array array;
  for (const auto& sha256 : sha256s) {
    auto meta = store.find_blob(sha256);
    if (!meta) throw std::invalid_argument("no blob " + sha256);
    array.push_back(boost::json::object{{"sha256", sha256}, {"media_type", meta->media_type}, {"size", meta->size}});
  }
  return array;
}

std::vector<BlobReference> received_blobs(const store::Reader& store, const boost::json::value& blobs) {
  if (!blobs.is_array()) throw MessageRejected("blob_malformed", "blobs must be an array");
  std::vector<BlobReference> out;
  for (const auto& item : blobs.as_array()) {
    auto reference = reference_of(item);
    if (!reference) throw MessageRejected("blob_malformed", "a blob is named by exactly sha256, media_type and size");
    auto stored = store.find_blob(reference->sha256);
    if (!stored || stored->size != reference->size)
      throw BlobsNotReceived("blob " + reference->sha256 + " has not arrived yet");
    out.push_back(std::move(*reference));
  }
  return out;
}

std::vector<BlobReference> blobs_named_in(std::string_view payload_json) {
  boost::json::error_code error;
  auto parsed = boost::json::parse(payload_json, error);
  const auto* object = error ? nullptr : parsed.if_object();
  const boost::json::value* blobs = object ? object->if_contains("blobs") : nullptr;
  std::vector<BlobReference> out;
  if (!blobs || !blobs->is_array()) return out;
  for (const auto& item : blobs->as_array())
    if (auto reference = reference_of(item)) out.push_back(std::move(*reference));
  return out;
}

std::string canonical_blob_upload_bytes(const BlobUpload& upload) {
  std::string out;
  domain::append_field(out, "tongban.blob.v1");
  domain::append_field(out, upload.from);
  domain::append_field(out, upload.to);
  domain::append_field(out, upload.sha256);
  domain::append_int(out, upload.size);
  domain::append_field(out, upload.media_type);
  domain::append_int(out, upload.sent_at_ms);
  return out;
}

void sign_blob_upload(BlobUpload& upload, const NodeKey& key) {
  upload.signature = key.sign(canonical_blob_upload_bytes(upload));
}

bool signature_valid(const BlobUpload& upload, const PublicKey& key) {
  return key.verify(canonical_blob_upload_bytes(upload), upload.signature);
}

BlobPush blob_push(const store::Store& store, const BlobReference& blob, const std::string& from, const std::string& to,
                   std::int64_t now_ms, const NodeKey& key) {
  auto bytes = store.read_blob(blob.sha256);
  if (!bytes) throw std::invalid_argument("no blob " + blob.sha256);
  BlobUpload upload{from, to, blob.sha256, static_cast<std::int64_t>(bytes->size()), blob.media_type, now_ms, ""};
  sign_blob_upload(upload, key);
  BlobPush push;
  push.path = std::string(kBlobsPath) + blob.sha256;
  push.headers = {{"Content-Type", "application/octet-stream"},
                  {"Tongban-From", upload.from},
                  {"Tongban-To", upload.to},
                  {"Tongban-Media-Type", upload.media_type},
                  {"Tongban-Sent-At", std::to_string(upload.sent_at_ms)},
                  {"Tongban-Signature", upload.signature}};
  push.body = std::move(*bytes);
  return push;
}

}  // namespace tongban::federation

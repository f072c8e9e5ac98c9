#include "federation/blob_transfer.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "federation/message_handler.h"
#include "federation/node_key.h"
#include "store/blob_directory.h"

namespace tongban::federation {

boost::json::array attach_blobs(const std::vector<BlobAttachment>& blobs) {
  boost::json::array array;
  for (const auto& blob : blobs) {
    array.push_back(boost::json::object{{"sha256", blob.sha256},
                                        {"media_type", blob.media_type},
                                        {"size", static_cast<std::int64_t>(blob.bytes.size())},
                                        {"base64", to_base64(blob.bytes)}});
  }
  return array;
}

boost::json::array attach_blobs(const store::Store& store, const std::vector<std::string>& sha256s) {
  std::vector<BlobAttachment> blobs;
  for (const auto& sha256 : sha256s) {
    auto meta = store.find_blob(sha256);
    auto bytes = store.read_blob(sha256);
    if (!meta || !bytes) throw std::invalid_argument("no blob " + sha256);
    blobs.push_back({sha256, meta->media_type, std::move(*bytes)});
  }
  return attach_blobs(blobs);
}

std::vector<BlobAttachment> checked_blobs(const boost::json::value& blobs) {
  if (!blobs.is_array()) throw MessageRejected("blob_malformed", "blobs must be an array");
  std::vector<BlobAttachment> out;
  for (const auto& item : blobs.as_array()) {
    const auto* object = item.if_object();
    const boost::json::value* sha = object ? object->if_contains("sha256") : nullptr;
    const boost::json::value* type = object ? object->if_contains("media_type") : nullptr;
    const boost::json::value* size = object ? object->if_contains("size") : nullptr;
    const boost::json::value* data = object ? object->if_contains("base64") : nullptr;
    if (!sha || !sha->is_string() || !type || !type->is_string() || type->as_string().empty() || !size ||
        !size->is_int64() || !data || !data->is_string())
      throw MessageRejected("blob_malformed", "a blob needs sha256, media_type, size and base64");
    BlobAttachment blob{std::string(sha->as_string()), std::string(type->as_string()), ""};
    try {
      blob.bytes = from_base64(data->as_string());
    } catch (const std::invalid_argument&) {
      throw MessageRejected("blob_malformed", "blob " + blob.sha256 + " is not valid base64");
    }
    if (static_cast<std::int64_t>(blob.bytes.size()) != size->as_int64() || sha256_hex(blob.bytes) != blob.sha256)
      throw MessageRejected("blob_hash_mismatch", "blob " + blob.sha256 + " does not match its size or SHA-256");
    out.push_back(std::move(blob));
  }
  return out;
}

void store_blobs(store::Transaction& tx, const store::Store& store, const std::vector<BlobAttachment>& blobs,
                 std::int64_t now_ms) {
  for (const auto& blob : blobs) {
    // <data-dir>/blobs/<2 hex>/<sha256>: the directory root is two levels up.
    store::BlobDirectory directory(store.blob_path(blob.sha256).parent_path().parent_path());
    directory.put(blob.bytes);
    tx.insert_blob_meta(
        store::BlobRecord{blob.sha256, static_cast<std::int64_t>(blob.bytes.size()), blob.media_type, now_ms});
  }
}

}  // namespace tongban::federation

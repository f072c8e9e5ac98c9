// Blob transfer (federation/blob_transfer.h, blob_receiver.h): scans travel apart from the messages that name them,
// once per blob and node, checked on arrival; a message names them by reference only, so a scan as large as the
// node's upload limit can be forwarded. Two federation nodes over real HTTP on loopback, real SQLite stores.
#include "federation/blob_transfer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/canonical_bytes.h"
#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::FedNode;

class BlobTransferTest : public ::testing::Test {
 protected:
  BlobTransferTest() : jm("CN-GD-JM"), mo("MO") {
    jm.trust(mo);
    mo.trust(jm);
  }

  // Sends a blob push straight to MO, as a peer (honest or not) could.
  TransportResult send(const BlobPush& push, const std::string& body) {
    return send_request(mo.endpoint(), OutgoingRequest{"PUT", push.path, push.headers, body}, std::nullopt,
                        std::chrono::seconds(5));
  }
  std::string reason_of(const TransportResult& answer) {
    auto parsed = boost::json::parse(answer.body);
    const auto* reason = parsed.as_object().if_contains("reason");
    return reason ? std::string(reason->as_string()) : "";
  }

  FedNode jm, mo;
};

TEST_F(BlobTransferTest, AMessageNamesItsBlobsAndTheRelayPushesThemFirst) {
  std::string scan = "%PDF-1.4 scanned identity card";
  auto stored = jm.store().put_blob(scan, "application/pdf", 1772000000000);
  boost::json::object payload{{"blobs", blob_references(jm.store(), {stored.sha256})}};
  // By reference only: no bytes, no base64 in the payload (so not in the outbox, the inbox or the message logs).
  EXPECT_EQ(boost::json::serialize(payload).find("base64"), std::string::npos);
  EXPECT_EQ(boost::json::serialize(payload).find(to_base64(scan)), std::string::npos);

  jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.forward", "JM-2026-000001", {"case"}, boost::json::serialize(payload)});
  });
  EXPECT_EQ(jm.relay().run_once(), 1);
  EXPECT_EQ(mo.store().read_blob(stored.sha256), scan);
  EXPECT_EQ(mo.store().find_blob(stored.sha256)->media_type, "application/pdf");
  // The receiving handler finds the blob it names.
  auto received = received_blobs(mo.store(), payload.at("blobs"));
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].size, static_cast<std::int64_t>(scan.size()));
}

TEST_F(BlobTransferTest, AMessageWhoseBlobHasNotArrivedIsNotAppliedYet) {
  std::string scan = "%PDF-1.4 only at Jiangmen";
  auto stored = jm.store().put_blob(scan, "application/pdf", 1772000000000);
  auto references = blob_references(jm.store(), {stored.sha256});
  EXPECT_THROW(received_blobs(mo.store(), references), BlobsNotReceived);
  // The old inline form (bytes as base64 inside the payload) is not a reference: refused as malformed.
  boost::json::array inline_form{boost::json::object{
      {"sha256", stored.sha256}, {"media_type", "application/pdf"}, {"size", 25}, {"base64", to_base64(scan)}}};
  try {
    received_blobs(mo.store(), inline_form);
    FAIL() << "an inline blob was accepted";
  } catch (const MessageRejected& rejected) {
    EXPECT_EQ(rejected.code(), "blob_malformed");
  }
}

TEST_F(BlobTransferTest, EachBlobIsStoredOncePerNode) {
  auto stored = jm.store().put_blob("%PDF-1.4 twice", "application/pdf", 1772000000000);
  BlobReference reference{stored.sha256, "application/pdf", stored.size};
  auto first = send(blob_push(jm.store(), reference, "CN-GD-JM", "MO", system_clock()(), jm.key()), "%PDF-1.4 twice");
  auto again = send(blob_push(jm.store(), reference, "CN-GD-JM", "MO", system_clock()(), jm.key()), "%PDF-1.4 twice");
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(first.body.find("\"new\""), std::string::npos);
  EXPECT_NE(again.body.find("\"already_held\""), std::string::npos);
  EXPECT_EQ(mo.store().counts(0).blobs, 1);
}

TEST_F(BlobTransferTest, EveryForgedOrBrokenUploadIsRefusedAndNothingIsStored) {
  testing::LogCapture log;
  auto stored = jm.store().put_blob("%PDF-1.4 the real scan", "application/pdf", 1772000000000);
  BlobReference reference{stored.sha256, "application/pdf", stored.size};
  const std::int64_t now = system_clock()();
  auto honest = [&] { return blob_push(jm.store(), reference, "CN-GD-JM", "MO", now, jm.key()); };

  auto tampered = send(honest(), "%PDF-1.4 the real scam");
  EXPECT_EQ(tampered.status, 400);
  EXPECT_EQ(reason_of(tampered), "blob_hash_mismatch");

  NodeKey stranger = NodeKey::generate();
  auto forged = send(blob_push(jm.store(), reference, "CN-GD-JM", "MO", now, stranger), "%PDF-1.4 the real scan");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(reason_of(forged), "bad_signature");

  auto unknown = send(blob_push(jm.store(), reference, "HK", "MO", now, stranger), "%PDF-1.4 the real scan");
  EXPECT_EQ(reason_of(unknown), "unknown_sender");

  auto elsewhere = send(blob_push(jm.store(), reference, "CN-GD-JM", "HK", now, jm.key()), "%PDF-1.4 the real scan");
  EXPECT_EQ(reason_of(elsewhere), "wrong_recipient");

  auto stale = send(blob_push(jm.store(), reference, "CN-GD-JM", "MO", now - 2LL * 24 * 3600'000, jm.key()),
                    "%PDF-1.4 the real scan");
  EXPECT_EQ(reason_of(stale), "stale");

  auto push = honest();
  std::erase_if(push.headers, [](const auto& h) { return h.first == "Tongban-Signature"; });
  EXPECT_EQ(reason_of(send(push, "%PDF-1.4 the real scan")), "malformed");

  EXPECT_EQ(mo.store().counts(0).blobs, 0);
  EXPECT_TRUE(log.contains("blob_hash_mismatch"));
}

// A scan as large as the upload limit can be forwarded: the message that names it stays small. Before, the blob
// travelled as base64 inside the payload, so anything over ~6 MiB exceeded the 8 MiB payload limit.
TEST_F(BlobTransferTest, AScanAsLargeAsTheUploadLimitCanBeForwarded) {
  std::string scan(testing::kMaxBlobBytes - 1024, 'x');
  auto stored = jm.store().put_blob(scan, "image/jpeg", 1772000000000);
  boost::json::object payload{{"blobs", blob_references(jm.store(), {stored.sha256})}};
  const std::string text = boost::json::serialize(payload);
  EXPECT_LT(text.size(), 1024u);
  jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.forward", "JM-2026-000002", {"case"}, text});
  });
  EXPECT_EQ(jm.relay().run_once(), 1);
  EXPECT_EQ(mo.store().find_blob(stored.sha256)->size, static_cast<std::int64_t>(scan.size()));
  EXPECT_EQ(domain::sha256_hex(*mo.store().read_blob(stored.sha256)), stored.sha256);
}

}  // namespace
}  // namespace tongban::federation

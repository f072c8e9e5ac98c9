// A large material upload is streamed: POST /api/v1/blobs with a body over the server's spool threshold (1 MiB) is
// written to a private file in <data-dir>/spool while it is read and hashed, and the blob store takes that file by
// renaming it — the body is never held whole in memory (the server's body_bytes_buffered_peak stays below the
// threshold), the blob is the exact bytes, and the spool directory is empty afterwards. Also HEAD on the API's GET
// routes, and no body read for an anonymous upload.
#include <gtest/gtest.h>

#include <filesystem>

#include "case_scenario.h"
#include "node_under_test.h"
#include "store/blob_directory.h"

namespace tongban::api_test {
namespace {

using namespace std::chrono_literals;

TEST(LargeUpload, ABlobNearTheLimitIsStreamedToTheStoreNotHeldInMemory) {
  NodeUnderTest node;
  auto applicant = node.register_applicant("largeupload");
  std::string scan = pdf_bytes("large");
  scan.resize(node.node().config().blob_limit - 1024, '\x5a');  // just under the node's blob limit
  auto answer = node.client().request("POST", "/api/v1/blobs", bearer(applicant.token), scan);
  ASSERT_EQ(answer.status, 201) << answer.body;
  const std::string sha256 = store::sha256_hex(scan);
  EXPECT_EQ(answer.json().at("sha256").as_string(), sha256);
  EXPECT_EQ(answer.json().at("size").to_number<std::int64_t>(), static_cast<std::int64_t>(scan.size()));
  EXPECT_EQ(node.node().store().read_blob(sha256), scan);
  EXPECT_EQ(node.server_counters().bodies_spooled.load(), 1u);
  EXPECT_LT(node.server_counters().body_bytes_buffered_peak.load(), std::size_t{1} << 20);
  const auto spool = node.node().config().data_dir / "spool";
  EXPECT_TRUE(std::filesystem::is_empty(spool));
  EXPECT_EQ(std::filesystem::status(node.node().store().blob_path(sha256)).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  // The same bytes again: the stored blob stays, the spooled copy is removed.
  EXPECT_EQ(node.client().request("POST", "/api/v1/blobs", bearer(applicant.token), scan).status, 201);
  EXPECT_TRUE(std::filesystem::is_empty(spool));
  // Not a material: refused after reading, and the spool file is gone too.
  std::string not_a_scan(3u << 20, 'n');
  EXPECT_EQ(node.client().request("POST", "/api/v1/blobs", bearer(applicant.token), not_a_scan).status, 415);
  EXPECT_TRUE(std::filesystem::is_empty(spool));
}

TEST(LargeUpload, AnAnonymousUploadIsRefusedFromItsHeader) {
  NodeUnderTest node;
  RawConnection raw("127.0.0.1", node.port());
  raw.send("POST /api/v1/blobs HTTP/1.1\r\nHost: t\r\nContent-Length: 9000000\r\n\r\n");
  bool closed = false;
  auto reply = raw.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(reply), 401) << reply.substr(0, 200);
  EXPECT_TRUE(closed);
  EXPECT_EQ(node.server_counters().refused_unread.load(), 1u);
}

// Every GET route of the API that needs no path parameter, and an item: HEAD gives the GET's status and
// Content-Length, and no body.
TEST(Head, TheApisGetRoutesAnswerHead) {
  NodeUnderTest node;
  auto http = node.direct_client();  // byte counts are the node's own (a validating proxy re-serialises JSON)
  std::vector<std::string> targets;
  for (const auto& route : node.router().routes())
    if (route.method == "GET" && route.pattern.find('{') == std::string::npos) targets.push_back(route.pattern);
  auto items = http.get("/api/v1/items?limit=1").json();
  targets.push_back("/api/v1/items/" + std::string(items.at("items").at(0).at("code").as_string()));
  ASSERT_GT(targets.size(), 4u);
  for (const auto& target : targets) {
    SCOPED_TRACE(target);
    auto get = http.request("GET", target);
    RawConnection raw("127.0.0.1", node.port());
    raw.send("HEAD " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    bool closed = false;
    auto head = raw.read_until_closed(10s, &closed);
    EXPECT_EQ(raw_status(head), get.status);
    EXPECT_NE(head.find("Content-Length: " + std::to_string(get.body.size()) + "\r\n"), std::string::npos)
        << head.substr(0, 300);
    EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << "a HEAD answer has no body";
  }
}

}  // namespace
}  // namespace tongban::api_test

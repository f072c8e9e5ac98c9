// The server's limits, each with its documented answer and nothing changed: bodies over the route's limit (413),
// headers over 16 KiB (431), a client that stops halfway (408, then the connection is closed), too many requests
// from one client (429), and bytes that are not HTTP (400).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <thread>

#include "case_scenario.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

using namespace std::chrono_literals;

class LimitsTest : public SharedNodeTest {};

TEST_F(LimitsTest, BodiesOverTheRouteLimitAre413) {
  auto http = client();
  auto applicant = node().register_applicant("limits");
  auto materials = upload_required_materials(http, applicant.token, "limits");
  auto before = node().counts();

  // A real JSON body just over 1 MiB: a valid application padded with a long delivery address.
  auto body = application(applicant, materials);
  body["delivery_address"] = std::string(1 << 20, 'x');
  auto json = http.post("/api/v1/cases", boost::json::serialize(body), applicant.token);
  EXPECT_EQ(json.status, 413);
  EXPECT_EQ(json.problem_type(), "/problems/payload-too-large");

  // The same size sent chunked, without Content-Length: refused while reading.
  RawConnection chunked("127.0.0.1", node().port());
  std::string chunk(64 * 1024, ' ');
  std::string head =
      "POST /api/v1/accounts HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  bool sent = chunked.send(head);
  for (int i = 0; sent && i < 17; ++i) sent = chunked.send("10000\r\n" + chunk + "\r\n");
  bool closed = false;
  auto reply = chunked.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(reply), 413) << reply.substr(0, 200);
  EXPECT_TRUE(closed);

  // A blob over the node's blob limit (10 MiB), announced by Content-Length, is refused before it is read.
  RawConnection blob("127.0.0.1", node().port());
  blob.send("POST /api/v1/blobs HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + applicant.token +
            "\r\nContent-Length: " + std::to_string(node().node().config().blob_limit + 1) + "\r\n\r\n%PDF-1.4");
  auto blob_reply = blob.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(blob_reply), 413) << blob_reply.substr(0, 200);
  EXPECT_NE(raw_body(blob_reply).find("/problems/payload-too-large"), std::string::npos);
  // …while a JSON-sized body far below it is fine for /blobs: the limit is per route.
  EXPECT_EQ(http.request("POST", "/api/v1/blobs", bearer(applicant.token), pdf_bytes(std::string(2 << 20, 'p'))).status,
            201);

  auto after = node().counts();
  EXPECT_EQ(after.cases, before.cases);
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.blobs, before.blobs + 1);
}

TEST_F(LimitsTest, HeadersOver16KiBAre431AndGarbageIs400) {
  auto http = direct_client();  // the node's header limit, not a validating proxy's
  auto big = http.request("GET", "/api/v1/items", {{"X-Padding", std::string(17 * 1024, 'h')}});
  EXPECT_EQ(big.status, 431);
  EXPECT_EQ(big.problem_type(), "/problems/headers-too-large");
  // Just under the limit is fine.
  EXPECT_EQ(http.request("GET", "/api/v1/items?limit=1", {{"X-Padding", std::string(15 * 1024, 'h')}}).status, 200);

  RawConnection garbage("127.0.0.1", node().port());
  garbage.send("THIS IS NOT HTTP\r\n\r\n");
  bool closed = false;
  auto reply = garbage.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(reply), 400) << reply;
  EXPECT_NE(raw_body(reply).find("/problems/bad-request"), std::string::npos);
  EXPECT_TRUE(closed);
}

// A node whose server reads a request for at most 300 ms and allows 2 requests per second (burst 3) per client.
class StrictServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto options = test_server_options();
    options.read_timeout = 300ms;
    options.rate_per_second = 2;
    options.rate_burst = 3;
    strict_ = std::make_unique<NodeUnderTest>(options);
  }
  static void TearDownTestSuite() { strict_.reset(); }
  static inline std::unique_ptr<NodeUnderTest> strict_;
};

TEST_F(StrictServerTest, SlowClientGets408AndIsDisconnected) {
  auto before = strict_->counts();
  RawConnection slow("127.0.0.1", strict_->port());
  ASSERT_TRUE(
      slow.send("POST /api/v1/accounts HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                "Content-Length: 200\r\n\r\n{\"kind\":\"natural_"));
  bool closed = false;
  auto start = std::chrono::steady_clock::now();
  auto reply = slow.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(reply), 408) << reply;
  EXPECT_NE(raw_body(reply).find("/problems/request-timeout"), std::string::npos);
  EXPECT_TRUE(closed) << "the connection is closed after the 408";
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(strict_->counts().accounts, before.accounts);

  // Half a header block, then silence: also 408.
  RawConnection half("127.0.0.1", strict_->port());
  ASSERT_TRUE(half.send("GET /api/v1/items HTTP/1.1\r\nHost: t\r\nX-Slow"));
  auto header_reply = half.read_until_closed(10s, &closed);
  EXPECT_EQ(raw_status(header_reply), 408) << header_reply;
  EXPECT_TRUE(closed);
}

TEST_F(StrictServerTest, TooManyRequestsAre429WithRetryAfter) {
  auto http = strict_->client();
  auto applicant = strict_->register_applicant("rate");
  std::this_thread::sleep_for(1600ms);  // let the bucket refill after any earlier test of the suite
  int limited = 0;
  HttpAnswer refused;
  for (int i = 0; i < 8; ++i) {
    auto answer = http.get("/api/v1/accounts/me", applicant.token);
    ASSERT_TRUE(answer.status == 200 || answer.status == 429) << answer.status << " " << answer.body;
    if (answer.status == 429) {
      ++limited;
      refused = answer;
    }
  }
  EXPECT_GE(limited, 4);  // a burst of 3 (plus at most a refill or two) of 8 back-to-back requests
  EXPECT_EQ(refused.problem_type(), "/problems/rate-limited");
  EXPECT_EQ(refused.header("Retry-After"), "1");
  // A refused POST changes nothing.
  auto before = strict_->counts();
  auto post = http.post("/api/v1/accounts", R"({"kind":"natural_person"})");
  if (post.status == 429) {
    EXPECT_EQ(strict_->counts().accounts, before.accounts);
  }
  // After a pause the client is served again.
  std::this_thread::sleep_for(1600ms);
  EXPECT_EQ(http.get("/api/v1/accounts/me", applicant.token).status, 200);
}

}  // namespace
}  // namespace tongban::api_test

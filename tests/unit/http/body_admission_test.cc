// Admission before the body: the router decides from the header (Router::admit) whether a body may be read; an
// anonymous, badly authenticated or unauthorised request, or one a route's admission hook refuses, is answered
// before the client sends one byte of its body, and the connection is closed (the body is never drained).
#include <gtest/gtest.h>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

constexpr std::size_t kUpload = std::size_t{24} << 20;

class BodyAdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto take = [](const Request& request, const Caller&) {
      return Response::text(200, std::to_string(request.body.size()));
    };
    Route clerks_only{"POST", "/uploads", Access::only({domain::Role::clerk}), take, "Clerks upload"};
    clerks_only.body_limit = kUpload;
    router.add(clerks_only);
    Route hooked{"POST", "/forms", Access::everyone(), take, "A form that wants a cookie"};
    hooked.body_limit = kUpload;
    hooked.admission = [](const Request& header, const Caller&, std::size_t limit) {
      if (!header.header("Cookie")) return BodyAdmission::refuse(Response::text(403, "no cookie, no form"));
      return BodyAdmission::allow(limit / 2);
    };
    router.add(hooked);
    router.set_authenticator([](std::string_view token) -> std::optional<domain::Actor> {
      if (token == "applicant-token") return domain::Actor{"a-1", domain::Role::applicant, "", ""};
      if (token == "clerk-token") return domain::Actor{"c-1", domain::Role::clerk, "", ""};
      return std::nullopt;
    });
    auto options = testing::quiet_options();
    options.read_timeout = std::chrono::seconds(30);  // the old server would wait this long for the body
    server = std::make_unique<RunningServer>(router, options);
  }

  // Sends only the header of a 24 MiB post and reads the answer, which must come before any body byte.
  std::string header_only(const std::string& path, const std::string& extra_headers) {
    RawConnection client(server->port());
    client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n" + extra_headers +
                "Content-Length: " + std::to_string(kUpload) + "\r\n\r\n");
    return client.read_to_end();  // the server closes: the body was never read
  }

  Router router;
  std::unique_ptr<RunningServer> server;
};

TEST_F(BodyAdmissionTest, AnAnonymousUploadIsAnswered401WithoutItsBody) {
  std::string answer = header_only("/uploads", "");
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_EQ(server->counters().refused_unread.load(), 1u);
  EXPECT_EQ(server->counters().body_bytes_buffered_peak.load(), 0u);
}

TEST_F(BodyAdmissionTest, AnUnknownTokenIs401AndAWrongRole403WithoutTheBody) {
  EXPECT_EQ(header_only("/uploads", "Authorization: Bearer forged\r\n").rfind("HTTP/1.1 401", 0), 0u);
  EXPECT_EQ(header_only("/uploads", "Authorization: Bearer applicant-token\r\n").rfind("HTTP/1.1 403", 0), 0u);
  EXPECT_EQ(server->counters().refused_unread.load(), 2u);
}

TEST_F(BodyAdmissionTest, TheRouteHookRefusesOrLowersTheLimitFromTheHeader) {
  EXPECT_EQ(header_only("/forms", "").rfind("HTTP/1.1 403", 0), 0u);
  // Allowed, with half the route's limit: the announced 24 MiB is then too large (413), still unread.
  EXPECT_EQ(header_only("/forms", "Cookie: a=b\r\n").rfind("HTTP/1.1 413", 0), 0u);
  EXPECT_EQ(server->counters().body_bytes_buffered_peak.load(), 0u);
}

TEST_F(BodyAdmissionTest, AnAdmittedBodyIsRead) {
  RawConnection client(server->port());
  client.send(
      "POST /uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer clerk-token\r\nContent-Length: 5\r\n\r\nhello");
  std::string answer = client.read_answer();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_EQ(answer.substr(answer.size() - 1), "5");
}

}  // namespace
}  // namespace tongban::http

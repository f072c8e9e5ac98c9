// The header fields of answers the HTTP rules constrain, as the server writes them on the wire:
//   - every 401 carries a challenge (RFC 9110 §11.6.1): WWW-Authenticate: Bearer realm="tongban", whether the
//     handler answered with the unauthenticated problem or with a 401 of its own;
//   - a 204 has neither Content-Length (§8.6: MUST NOT) nor Content-Type (there is no content);
//   - a 304 has no Content-Length and no Content-Type (§15.4.5: no representation metadata beyond what updates a
//     cache) but keeps ETag and Cache-Control; the same for HEAD.
#include <gtest/gtest.h>

#include "http/problem_response.h"
#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

std::string exchange(std::uint16_t port, const std::string& method, const std::string& target) {
  RawConnection client(port);
  client.send(method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  return client.read_to_end();
}

// The header block only (status line and fields), lowercased names kept as sent.
std::string head_of(const std::string& answer) {
  return answer.substr(0, answer.find("\r\n\r\n") + 2);
}

bool has_field(const std::string& answer, const std::string& name) {
  std::string head = head_of(answer);
  std::string lower_head;
  for (char c : head) lower_head.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string lower_name;
  for (char c : name) lower_name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower_head.find("\r\n" + lower_name + ":") != std::string::npos;
}

std::string field(const std::string& answer, const std::string& name) {
  std::string head = head_of(answer);
  auto at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return head.substr(at, head.find("\r\n", at) - at);
}

Router bodiless_router() {
  Router router;
  router.add({"GET", "/problem-401", Access::everyone(),
              [](const Request&, const Caller&) { return problem_response("unauthenticated", "Sign in first."); },
              "A 401 problem"});
  router.add(
      {"GET", "/page-401", Access::everyone(),
       [](const Request&, const Caller&) { return Response::text(401, "<p>Sign in</p>", "text/html; charset=utf-8"); },
       "A 401 page"});
  router.add({"GET", "/signed-in-only", Access::signed_in(),
              [](const Request&, const Caller&) { return Response::text(200, "yes"); }, "Needs a token"});
  router.add({"DELETE", "/session", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(204, ""); }, "A 204"});
  router.add({"GET", "/cached", Access::everyone(),
              [](const Request&, const Caller&) {
                Response response = Response::json_text(304, "");
                response.set_header("ETag", "\"abc\"").set_header("Cache-Control", "private, no-cache");
                return response;
              },
              "A 304"});
  return router;
}

TEST(BodilessAnswers, EveryUnauthorizedAnswerCarriesTheBearerChallenge) {
  Router router = bodiless_router();
  RunningServer server(router, testing::quiet_options());
  for (const std::string target : {"/problem-401", "/page-401", "/signed-in-only"}) {
    SCOPED_TRACE(target);
    std::string answer = exchange(server.port(), "GET", target);
    ASSERT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
    EXPECT_EQ(field(answer, "WWW-Authenticate"), "Bearer realm=\"tongban\"");
  }
}

TEST(BodilessAnswers, TheUnauthenticatedProblemCarriesTheChallengeBeforeTheServerSeesIt) {
  Response response = problem_response("unauthenticated", "Sign in first.");
  ASSERT_TRUE(response.header("WWW-Authenticate"));
  EXPECT_EQ(*response.header("WWW-Authenticate"), "Bearer realm=\"tongban\"");
  EXPECT_FALSE(problem_response("forbidden", "No.").header("WWW-Authenticate"));
}

TEST(BodilessAnswers, NoContentHasNeitherContentLengthNorContentType) {
  Router router = bodiless_router();
  RunningServer server(router, testing::quiet_options());
  std::string answer = exchange(server.port(), "DELETE", "/session");
  ASSERT_EQ(answer.rfind("HTTP/1.1 204", 0), 0u) << answer;
  EXPECT_FALSE(has_field(answer, "Content-Length")) << head_of(answer);
  EXPECT_FALSE(has_field(answer, "Content-Type")) << head_of(answer);
  EXPECT_FALSE(has_field(answer, "Transfer-Encoding")) << head_of(answer);
  EXPECT_EQ(answer.size(), answer.find("\r\n\r\n") + 4) << "no body";
}

TEST(BodilessAnswers, NotModifiedKeepsTheCacheFieldsAndDropsTheBodyFields) {
  Router router = bodiless_router();
  RunningServer server(router, testing::quiet_options());
  for (const std::string method : {"GET", "HEAD"}) {
    SCOPED_TRACE(method);
    std::string answer = exchange(server.port(), method, "/cached");
    ASSERT_EQ(answer.rfind("HTTP/1.1 304", 0), 0u) << answer;
    EXPECT_FALSE(has_field(answer, "Content-Length")) << head_of(answer);
    EXPECT_FALSE(has_field(answer, "Content-Type")) << head_of(answer);
    EXPECT_EQ(field(answer, "ETag"), "\"abc\"");
    EXPECT_EQ(field(answer, "Cache-Control"), "private, no-cache");
    EXPECT_EQ(answer.size(), answer.find("\r\n\r\n") + 4) << "no body";
  }
}

}  // namespace
}  // namespace tongban::http

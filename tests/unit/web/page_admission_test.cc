// Page posts are admitted from their header (web/page_routes.cc admit_post): an upload form is not read unless the
// session cookie signs someone in (401 page in the page's language), no form is read without the CSRF cookie its
// token is bound to (403 page). A real http::Server in front of the real page routes; the client sends only the
// header of a 24 MiB multipart post and gets the answer before sending any of its body.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <filesystem>

#include "http/server.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "web/node_secret.h"
#include "web/page_routes.h"
#include "web/web.h"

namespace tongban::web {
namespace {

namespace asio = boost::asio;

class PageAdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spdlog::set_level(spdlog::level::warn);
    data_dir = std::filesystem::temp_directory_path() / ("tongban-page-admission-" + random_hex(8));
    std::filesystem::create_directories(data_dir);
    node::NodeConfig config;
    config.data_dir = data_dir;
    config.seed_dir = std::filesystem::path(TONGBAN_SOURCE_DIR) / "data";
    config.fast_password_hashing = true;
    node = node::Node::open(config);
    accounts = std::make_unique<node::AccountDesk>(*node);
    cases = std::make_unique<node::CaseDesk>(*node);
    add_page_routes(router, *node, *accounts, *cases);
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.handler_threads = 2;
    options.rate_per_second = 0;
    options.read_timeout = std::chrono::seconds(30);  // the old server waited this long for the body
    server = std::make_unique<http::Server>(options, router);
    server->start();
  }
  void TearDown() override {
    server->stop();
    node->store().close();
    std::error_code ignored;
    std::filesystem::remove_all(data_dir, ignored);
  }

  // The header of a 24 MiB upload form post, nothing of its body; the answer as the server sends it.
  std::string post_header_only(const std::string& path, const std::string& cookies,
                               std::size_t length = kUploadBodyLimit) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), server->port()});
    std::string header = "POST " + path +
                         " HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                         "Content-Length: " +
                         std::to_string(length) + "\r\n" + (cookies.empty() ? "" : "Cookie: " + cookies + "\r\n") +
                         "\r\n";
    asio::write(socket, asio::buffer(header));
    std::string answer;
    boost::system::error_code error;
    char buffer[4096];
    for (;;) {
      std::size_t n = socket.read_some(asio::buffer(buffer), error);
      answer.append(buffer, n);
      if (error) break;
    }
    return answer;
  }

  std::filesystem::path data_dir;
  std::unique_ptr<node::Node> node;
  std::unique_ptr<node::AccountDesk> accounts;
  std::unique_ptr<node::CaseDesk> cases;
  http::Router router;
  std::unique_ptr<http::Server> server;
};

const std::string kCsrfCookie = "tb_csrf=" + std::string(64, 'a');

TEST_F(PageAdmissionTest, AnAnonymousUploadIsAnswered401InThePagesLanguageUnread) {
  std::string answer = post_header_only("/zh-Hant/workbench/intake/items/MO-DSI-001", kCsrfCookie);
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("請先登入"), std::string::npos);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  EXPECT_EQ(server->counters().refused_unread.load(), 1u);
  EXPECT_EQ(server->counters().body_bytes_buffered_peak.load(), 0u);
  // A session cookie that signs nobody in is no better.
  answer = post_header_only("/en/items/JM-0001/apply", kCsrfCookie + "; tb_session=forged");
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Sign in first"), std::string::npos);
}

TEST_F(PageAdmissionTest, AFormWithoutItsCsrfCookieIsAnswered403Unread) {
  std::string answer = post_header_only("/pt/sign-in", "");
  EXPECT_EQ(answer.rfind("HTTP/1.1 403", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Este formulário expirou"), std::string::npos);
  EXPECT_EQ(server->counters().body_bytes_buffered_peak.load(), 0u);
}

TEST_F(PageAdmissionTest, ASignedInUploadIsAdmittedUpToItsLimit) {
  accounts->register_applicant(
      {"natural_person", "admitted@example.org", "correct horse battery", "Admitted", "CN_RIC", "440703195001010019"});
  std::string token = accounts->sign_in("admitted@example.org", "correct horse battery", "127.0.0.1").token;
  // Past the session check, the announced size meets the upload limit: one byte over it is 413 (not 401).
  std::string answer = post_header_only("/en/workbench/intake/items/MO-DSI-001", kCsrfCookie + "; tb_session=" + token,
                                        kUploadBodyLimit + 1);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
}

}  // namespace
}  // namespace tongban::web

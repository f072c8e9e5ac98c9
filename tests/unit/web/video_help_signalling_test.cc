// Video help over real HTTP and WebSocket (web/video_help_desk.h, http/websocket.h): the page routes of a real node
// behind the real http::Server, and Beast WebSocket clients for the two sides of a call. A connection is refused
// without the call's credentials (no cookies, a foreign Origin, another kiosk visit, a clerk who did not join,
// a kiosk cookie on the clerk's side); the node relays offers, answers and candidates between the two parties of
// one call and no one else; a message over the size limit closes the connection (1009); a bad message gets an
// error; hanging up ends the call on both sides, and the record's SHA-256 goes into the case's audit trail.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <regex>
#include <thread>

#include "domain/audit_chain.h"
#include "http/server.h"
#include "node/kiosk_desk.h"
#include "page_browser.h"
#include "web/video_help_desk.h"
#include "web/video_help_log.h"

namespace tongban::web::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Jar = std::map<std::string, std::string>;
using namespace std::chrono_literals;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kPin = "480259";
constexpr const char* kPoint = "JM-WIN-CITY";

std::string cookie_header(const Jar& jar) {
  std::string out;
  for (const auto& [name, value] : jar) out += (out.empty() ? "" : "; ") + name + "=" + value;
  return out;
}

// One WebSocket client on the test's io_context; every wait has a deadline.
class Client {
 public:
  Client(asio::io_context& io, std::uint16_t port) : io_(io), port_(port), ws_(io) {}

  // The handshake's HTTP status: 101 when opened, else the node's refusal.
  int open(const std::string& target, const Jar& jar, const std::string& origin) {
    asio::ip::tcp::resolver resolver(io_);
    asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port_)));
    ws_.set_option(
        websocket::stream_base::decorator([cookies = cookie_header(jar), origin](websocket::request_type& r) {
          if (!cookies.empty()) r.set(beast::http::field::cookie, cookies);
          if (!origin.empty()) r.set(beast::http::field::origin, origin);
        }));
    websocket::response_type response;
    beast::error_code ec;
    ws_.handshake(response, "127.0.0.1:" + std::to_string(port_), target, ec);
    refusal_body_ = response.body();
    return static_cast<int>(response.result_int());
  }
  const std::string& refusal_body() const { return refusal_body_; }

  void send(const std::string& text) { ws_.write(asio::buffer(text)); }

  // The next text message, or nullopt when the connection closed (close_code() says how) or none came in time.
  std::optional<std::string> read(std::chrono::milliseconds wait = 5s) {
    beast::flat_buffer buffer;
    bool done = false;
    beast::error_code error;
    ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) {
      error = ec;
      done = true;
    });
    io_.restart();
    io_.run_for(wait);
    if (!done) {
      beast::get_lowest_layer(ws_).cancel();
      io_.restart();
      io_.run();
      timed_out_ = true;
      return std::nullopt;
    }
    if (error) return std::nullopt;
    return beast::buffers_to_string(buffer.data());
  }
  // The next message's "type" ("" when none came).
  std::string read_type(std::chrono::milliseconds wait = 5s) {
    auto text = read(wait);
    if (!text) return "";
    return std::string(boost::json::parse(*text).as_object().at("type").as_string());
  }
  // Nothing arrived within `wait` (bytes waiting on the socket are not read: the stream stays usable).
  bool quiet(std::chrono::milliseconds wait = 300ms) {
    std::this_thread::sleep_for(wait);
    return beast::get_lowest_layer(ws_).available() == 0;
  }
  int close_code() const { return static_cast<int>(ws_.reason().code); }
  bool timed_out() const { return timed_out_; }

 private:
  asio::io_context& io_;
  std::uint16_t port_;
  websocket::stream<asio::ip::tcp::socket> ws_;
  std::string refusal_body_;
  bool timed_out_ = false;
};

class VideoHelpSignalling : public ::testing::Test {
 protected:
  PageBrowser browser;
  std::unique_ptr<http::Server> server;
  asio::io_context io;
  std::string origin;

  void SetUp() override {
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.handler_threads = 2;
    options.rate_per_second = 0;
    server = std::make_unique<http::Server>(options, browser.router());
    server->start();
    origin = "http://127.0.0.1:" + std::to_string(server->port());
  }
  void TearDown() override { server->stop(); }

  // An enrolled kiosk in a fresh jar.
  Jar kiosk(const std::string& name) {
    node::KioskDesk desk(browser.node(), browser.accounts().hashing_pool());
    std::string key = desk.add(kPoint, name).device_key;
    browser.cookies().clear();
    browser.get("/en/kiosk/enrol");
    EXPECT_EQ(browser.post("/en/kiosk/enrol", {{"key", key}}).status, 303);
    browser.get("/en/kiosk");
    return browser.cookies();
  }

  // "Call a clerk" from the kiosk's jar; returns the call id.
  std::string call_clerk(Jar& jar) {
    browser.cookies() = jar;
    browser.get("/en/kiosk/track");  // a kiosk page with a form (its CSRF token)
    auto called = browser.post("/en/kiosk/help", {});
    jar = browser.cookies();
    std::smatch match;
    std::string location(called.header("Location").value_or(""));
    EXPECT_TRUE(std::regex_match(location, match, std::regex("/en/kiosk/help/(VH-[0-9a-f]+)"))) << location;
    return match.size() > 1 ? std::string(match[1]) : "";
  }

  Jar clerk(const std::string& login) {
    browser.accounts().add_staff({login, kPassword, login, domain::Role::clerk, "", kPoint});
    browser.cookies().clear();
    browser.get("/en/sign-in");
    EXPECT_EQ(browser.post("/en/sign-in", {{"login", login}, {"password", kPassword}}).status, 303);
    return browser.cookies();
  }

  int join(const Jar& jar, const std::string& call) {
    browser.cookies() = jar;
    browser.get("/en/staff/video-help");
    return browser.post("/en/staff/video-help/" + call + "/join", {}).status;
  }
};

TEST_F(VideoHelpSignalling, WithoutTheCallsCredentialsNothingOpens) {
  Jar kiosk_jar = kiosk("Hall A");
  std::string call = call_clerk(kiosk_jar);
  Jar other_kiosk = kiosk("Hall B");
  call_clerk(other_kiosk);
  Jar helper = clerk("helper@example.org");
  Jar bystander = clerk("bystander@example.org");
  ASSERT_EQ(join(helper, call), 303);
  const std::string kiosk_side = "/ws/video-help/" + call + "/kiosk";
  const std::string clerk_side = "/ws/video-help/" + call + "/clerk";

  EXPECT_EQ(Client(io, server->port()).open(kiosk_side, {}, origin), 401);
  EXPECT_EQ(Client(io, server->port()).open(clerk_side, {}, origin), 401);
  Client foreign(io, server->port());
  EXPECT_EQ(foreign.open(kiosk_side, kiosk_jar, "http://evil.example"), 403);  // cross-site WebSocket hijacking
  EXPECT_NE(foreign.refusal_body().find("Origin"), std::string::npos);
  EXPECT_EQ(Client(io, server->port()).open(kiosk_side, kiosk_jar, ""), 403);        // no Origin at all
  EXPECT_EQ(Client(io, server->port()).open(kiosk_side, other_kiosk, origin), 403);  // another kiosk's visit
  EXPECT_EQ(Client(io, server->port()).open(clerk_side, bystander, origin), 403);    // a clerk who did not join
  EXPECT_EQ(Client(io, server->port()).open(clerk_side, kiosk_jar, origin), 401);    // a kiosk on the clerk's side
  EXPECT_EQ(Client(io, server->port()).open(kiosk_side, helper, origin), 401);       // a clerk on the kiosk's side
  EXPECT_EQ(Client(io, server->port()).open("/ws/video-help/VH-0/kiosk", kiosk_jar, origin), 403);
  // The right ones open.
  EXPECT_EQ(Client(io, server->port()).open(kiosk_side, kiosk_jar, origin), 101);
  EXPECT_EQ(Client(io, server->port()).open(clerk_side, helper, origin), 101);
}

TEST_F(VideoHelpSignalling, OffersAnswersAndCandidatesReachTheOtherPartyOfTheCallOnly) {
  Jar kiosk_jar = kiosk("Hall A");
  std::string call = call_clerk(kiosk_jar);
  Jar other_jar = kiosk("Hall B");
  std::string other_call = call_clerk(other_jar);
  Jar helper = clerk("helper@example.org");
  ASSERT_EQ(join(helper, call), 303);

  Client applicant(io, server->port());
  Client helper_side(io, server->port());
  Client other(io, server->port());
  ASSERT_EQ(applicant.open("/ws/video-help/" + call + "/kiosk", kiosk_jar, origin), 101);
  ASSERT_EQ(other.open("/ws/video-help/" + other_call + "/kiosk", other_jar, origin), 101);
  ASSERT_EQ(helper_side.open("/ws/video-help/" + call + "/clerk", helper, origin), 101);
  EXPECT_EQ(applicant.read_type(), "ready");
  EXPECT_EQ(helper_side.read_type(), "ready");

  const std::string offer = R"({"type":"offer","sdp":"v=0 offer of the kiosk"})";
  const std::string candidate =
      R"({"type":"candidate","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host"}})";
  const std::string answer = R"({"type":"answer","sdp":"v=0 answer of the clerk"})";
  applicant.send(offer);
  applicant.send(candidate);
  EXPECT_EQ(helper_side.read(), offer);
  EXPECT_EQ(helper_side.read(), candidate);
  helper_side.send(answer);
  EXPECT_EQ(applicant.read(), answer);
  // The other call's kiosk got none of it: the first thing it hears is the answer to its own message.
  other.send(R"({"type":"offer","sdp":"v=0 other"})");
  EXPECT_EQ(other.read_type(), "error");  // its clerk is not there: not relayed anywhere
  EXPECT_TRUE(applicant.quiet());         // and nothing of it reached this call
  EXPECT_TRUE(helper_side.quiet());

  // A bad message is answered with an error and relayed to nobody.
  applicant.send(R"({"type":"offer"})");
  EXPECT_EQ(applicant.read_type(), "error");
  applicant.send("not json");
  EXPECT_EQ(applicant.read_type(), "error");
  EXPECT_TRUE(helper_side.quiet());

  // The shared form state is recorded, not relayed.
  applicant.send(R"({"type":"form","state":{"item":"JM-CA-005","values":{"form.phone":"+85361230000"}}})");
  EXPECT_TRUE(helper_side.quiet());

  // Hanging up ends the call on both sides; the record holds what passed, and its hash is kept.
  helper_side.send(R"({"type":"bye"})");
  EXPECT_EQ(applicant.read_type(), "ended");
  EXPECT_EQ(helper_side.read_type(), "ended");
  browser.cookies() = helper;  // the clerk who joined sees the ended call's record
  auto page = browser.get("/en/staff/video-help/" + call);
  ASSERT_EQ(page.status, 200);
  std::smatch hash;
  ASSERT_TRUE(std::regex_search(page.body, hash, std::regex("id=\"record-hash\">([0-9a-f]{64})<")));
  EXPECT_NE(page.body.find("The clerk ended the call."), std::string::npos);
}

TEST_F(VideoHelpSignalling, AMessageOverTheLimitClosesTheConnection) {
  Jar kiosk_jar = kiosk("Hall A");
  std::string call = call_clerk(kiosk_jar);
  Client applicant(io, server->port());
  ASSERT_EQ(applicant.open("/ws/video-help/" + call + "/kiosk", kiosk_jar, origin), 101);
  std::string big = R"({"type":"offer","sdp":")" + std::string(kVideoHelpMessageLimit, 'x') + "\"}";
  applicant.send(big);
  EXPECT_FALSE(applicant.read());
  EXPECT_FALSE(applicant.timed_out());
  EXPECT_EQ(applicant.close_code(), 1009);  // message too big
}

TEST_F(VideoHelpSignalling, TheRecordsHashGoesIntoTheAuditTrailOfTheHoldersCase) {
  // A holder with a kiosk PIN and a case; signed in at the kiosk, they call a clerk.
  const std::string document = valid_cn_ric(4242);
  browser.cookies().clear();
  browser.get("/en/register");
  ASSERT_EQ(browser
                .post("/en/register", {{"display_name", "Video Holder"},
                                       {"login", "holder@example.org"},
                                       {"password", kPassword},
                                       {"id_document.type", "CN_RIC"},
                                       {"id_document.number", document}})
                .status,
            303);
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", "holder@example.org"}, {"password", kPassword}}).status, 303);
  browser.get("/en/account/kiosk-pin");
  ASSERT_EQ(browser.post("/en/account/kiosk-pin", {{"password", kPassword}, {"pin", kPin}, {"pin_again", kPin}}).status,
            303);
  std::string holder = browser.node().store().find_account_by_document("CN_RIC", document)->id;
  domain::Case kase;
  kase.item_code = browser.node().catalog()->catalog.items.front().code;
  kase.applicant_id = holder;
  kase.state = domain::CaseState::submitted;
  kase.created_at_ms = kase.updated_at_ms = browser.node().now_ms();
  std::string case_id = browser.node().store().transact(
      [&](store::Transaction& tx) { return tx.insert_case(kase, std::nullopt).kase.id; });

  Jar kiosk_jar = kiosk("Hall A");
  browser.cookies() = kiosk_jar;
  browser.get("/en/kiosk/id-card");
  auto read = browser.post("/en/kiosk/id-card", {{"type", "CN_RIC"}, {"number", document}});
  std::string reading(read.header("Location").value_or(""));
  reading = reading.substr(reading.find("reading=") + 8);
  browser.get("/en/kiosk/pin?reading=" + reading);
  ASSERT_EQ(browser.post("/en/kiosk/pin", {{"reading", reading}, {"pin", kPin}}).status, 303);
  kiosk_jar = browser.cookies();
  std::string call = call_clerk(kiosk_jar);

  Jar helper = clerk("helper@example.org");
  ASSERT_EQ(join(helper, call), 303);
  Client applicant(io, server->port());
  Client helper_side(io, server->port());
  ASSERT_EQ(applicant.open("/ws/video-help/" + call + "/kiosk", kiosk_jar, origin), 101);
  ASSERT_EQ(helper_side.open("/ws/video-help/" + call + "/clerk", helper, origin), 101);
  EXPECT_EQ(applicant.read_type(), "ready");
  EXPECT_EQ(helper_side.read_type(), "ready");
  applicant.send(R"({"type":"offer","sdp":"v=0"})");
  EXPECT_EQ(helper_side.read_type(), "offer");

  // The kiosk hangs up (its form); the clerk's page then offers the holder's cases.
  browser.cookies() = kiosk_jar;
  browser.get("/en/kiosk/help/" + call);
  EXPECT_EQ(browser.post("/en/kiosk/help/" + call + "/end", {}).status, 303);
  EXPECT_EQ(applicant.read_type(), "ended");
  browser.cookies() = helper;
  auto page = browser.get("/en/staff/video-help/" + call);
  ASSERT_NE(page.body.find(case_id), std::string::npos) << page.body;
  std::smatch hash;
  ASSERT_TRUE(std::regex_search(page.body, hash, std::regex("id=\"record-hash\">([0-9a-f]{64})<")));
  const std::string sha256 = hash[1];

  // Another person's case is refused and nothing is written.
  // The node's video-help log, read afresh from its file each time (what a restarted node would read).
  auto log = [&] { return VideoHelpLog(browser.node().config().data_dir / "video_help.jsonl"); };
  EXPECT_EQ(browser.post("/en/staff/video-help/" + call + "/record", {{"case", "JM-2026-999999"}}).status, 422);
  EXPECT_TRUE(log().call(call)->case_id.empty());
  browser.get("/en/staff/video-help/" + call);
  EXPECT_EQ(browser.post("/en/staff/video-help/" + call + "/record", {{"case", case_id}}).status, 303);
  auto logged = log().call(call);
  EXPECT_EQ(logged->case_id, case_id);
  EXPECT_EQ(logged->record_sha256, sha256);
  EXPECT_EQ(logged->holder, holder);
  EXPECT_FALSE(logged->clerk_id.empty());
  // Once only.
  browser.get("/en/staff/video-help/" + call);
  browser.post("/en/staff/video-help/" + call + "/record", {{"case", case_id}});
  EXPECT_EQ(log().of_case(case_id).size(), 1u);
  // The holder's own case page shows who helped and the record's hash.
  browser.cookies().clear();
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", "holder@example.org"}, {"password", kPassword}}).status, 303);
  auto mine = browser.get("/en/cases/" + case_id);
  EXPECT_NE(mine.body.find(sha256), std::string::npos) << mine.body;
  EXPECT_NE(mine.body.find("Helped over video by"), std::string::npos);
  // The log's file is the owner's only (0600).
  auto mode = std::filesystem::status(browser.node().config().data_dir / "video_help.jsonl").permissions();
  EXPECT_EQ(mode & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace
}  // namespace tongban::web::testing

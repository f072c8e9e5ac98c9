// The kiosk as a device (issue 8) through the real page handlers: only a registered, enrolled kiosk reaches the kiosk
// pages; the holder signs in with the card the reader read plus their kiosk PIN; wrong PIN, unknown document and a
// locked document look the same; a card reading belongs to one visit and is spent once; every link stays under
// /kiosk; the portal refuses the kiosk visit; a revoked kiosk is refused; the timeout warns and "more time" extends.
// The test browser (page_browser.h) is compiled into this binary by pages_test.cc.
#include <gtest/gtest.h>

#include <regex>

#include "node/kiosk_desk.h"
#include "page_browser.h"
#include "web/kiosk_visits.h"

namespace tongban::web::testing {
namespace {

// The kiosk's refusal of a card and PIN (not a CSRF or a device refusal).
::testing::AssertionResult refused(const http::Response& response) {
  if (response.status == 403 && response.body.find("The card and PIN were not accepted.") != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "not the kiosk's refusal: " << response.status << "\n" << response.body;
}

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kPin = "480259";
constexpr const char* kPoint = "JM-WIN-CITY";

using Jar = std::map<std::string, std::string>;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string header(const http::Response& response, const std::string& name) {
  return std::string(response.header(name).value_or(""));
}

// Every Set-Cookie value of a response.
std::vector<std::string> set_cookies(const http::Response& response) {
  std::vector<std::string> values;
  for (const auto& [name, value] : response.headers)
    if (name == "Set-Cookie") values.push_back(value);
  return values;
}

struct Holder {
  std::string account_id;
  std::string name;
  std::string document;  // CN_RIC number
};

class KioskPages : public ::testing::Test {
 protected:
  PageBrowser browser;
  std::int64_t now = 1'780'000'000'000;  // the test's clock

  void SetUp() override {
    browser.node().set_clock([this] { return now; });
  }

  // Registers an applicant (and, with a PIN, sets it on the account page); leaves the browser's jar empty.
  Holder applicant(const std::string& login, const std::string& name, const char* pin = kPin) {
    Holder holder{"", name, valid_cn_ric(static_cast<int>(std::hash<std::string>{}(login) % 90'000))};
    browser.cookies().clear();
    browser.get("/en/register");
    auto registered = browser.post("/en/register", {{"display_name", name},
                                                    {"login", login + "@example.org"},
                                                    {"password", kPassword},
                                                    {"id_document.type", "CN_RIC"},
                                                    {"id_document.number", holder.document}});
    EXPECT_EQ(registered.status, 303) << browser.last_body();
    browser.get("/en/sign-in");
    EXPECT_EQ(browser.post("/en/sign-in", {{"login", login + "@example.org"}, {"password", kPassword}}).status, 303);
    holder.account_id = browser.node().store().find_account_by_document("CN_RIC", holder.document)->id;
    if (pin) {
      browser.get("/en/account/kiosk-pin");
      auto saved = browser.post("/en/account/kiosk-pin", {{"password", kPassword}, {"pin", pin}, {"pin_again", pin}});
      EXPECT_EQ(saved.status, 303) << browser.last_body();
    }
    browser.cookies().clear();
    return holder;
  }

  // A case of the holder, straight into the store.
  std::string case_of(const Holder& holder) {
    domain::Case kase;
    kase.item_code = browser.node().catalog()->catalog.items.front().code;
    kase.applicant_id = holder.account_id;
    kase.state = domain::CaseState::submitted;
    kase.created_at_ms = kase.updated_at_ms = now;
    return browser.node().store().transact(
        [&](store::Transaction& tx) { return tx.insert_case(kase, std::nullopt).kase.id; });
  }

  std::string register_kiosk(const std::string& name) {
    node::KioskDesk desk(browser.node(), browser.accounts().hashing_pool());
    return desk.add(kPoint, name).device_key;
  }

  // Enrols the browser's (current) jar as the kiosk of this key.
  void enrol(const std::string& key) {
    browser.get("/en/kiosk/enrol");
    auto enrolled = browser.post("/en/kiosk/enrol", {{"key", key}});
    ASSERT_EQ(enrolled.status, 303) << browser.last_body();
    ASSERT_EQ(browser.cookies().count("tb_kiosk_device"), 1u);
  }

  // The reader posts the card; returns the reading id from the redirect to the PIN page ("" if none).
  std::string read_card(const std::string& type, const std::string& number) {
    browser.get("/en/kiosk/id-card");
    auto read = browser.post("/en/kiosk/id-card", {{"type", type}, {"number", number}});
    std::smatch match;
    std::string location = header(read, "Location");
    if (read.status != 303 || !std::regex_match(location, match, std::regex("/en/kiosk/pin\\?reading=([0-9a-f]+)")))
      return "";
    return match[1];
  }

  // Opens the PIN page and posts the PIN. When the PIN page is not offered (a reading this visit does not hold), a
  // kiosk form page is opened instead, so that the post carries this jar's CSRF token and is judged on the reading.
  http::Response enter_pin(const std::string& reading, const std::string& pin) {
    if (browser.get("/en/kiosk/pin?reading=" + reading).status != 200) browser.get("/en/kiosk/track");
    return browser.post("/en/kiosk/pin", {{"reading", reading}, {"pin", pin}});
  }

  void finish() {
    browser.get("/en/kiosk/track");  // a page with the "finish" form
    browser.post("/en/kiosk/end", {});
  }

  http::Response sign_in_at_kiosk(const Holder& holder, const std::string& pin = kPin) {
    return enter_pin(read_card("CN_RIC", holder.document), pin);
  }
};

TEST_F(KioskPages, AnUnregisteredBrowserIsRefusedOnEveryKioskPageAndLearnsNothing) {
  auto holder = applicant("walkup", "Walk Up Holder");
  auto case_id = case_of(holder);
  for (const std::string& path : std::vector<std::string>{
           "/kiosk", "/en/kiosk", "/en/kiosk/id-card", "/en/kiosk/pin?reading=00", "/en/kiosk/me", "/en/kiosk/track",
           "/en/kiosk/timeout", "/en/kiosk/end", "/en/kiosk/cases/" + case_id + "/receipt"}) {
    auto page = browser.get(path);
    EXPECT_EQ(page.status, 403) << path;
    if (path != "/kiosk") {
      EXPECT_TRUE(contains(page.body, "This device is not a registered kiosk")) << path;
    }
  }
  auto in_pt = browser.get("/pt/kiosk");
  EXPECT_EQ(in_pt.status, 403);
  EXPECT_TRUE(contains(in_pt.body, "Este dispositivo não é um quiosque registado"));

  // The reader's post with a real holder's document, with a valid CSRF token (from the enrolment form).
  browser.get("/en/kiosk/enrol");
  auto posted = browser.post("/en/kiosk/id-card", {{"type", "CN_RIC"}, {"number", holder.document}});
  EXPECT_EQ(posted.status, 403);
  EXPECT_TRUE(contains(posted.body, "This device is not a registered kiosk"));
  EXPECT_FALSE(contains(posted.body, holder.name));
  EXPECT_FALSE(contains(posted.body, case_id));
  EXPECT_EQ(browser.cookies().count("tb_kiosk"), 0u);
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 403);

  // A device key that was never registered does not enrol.
  browser.get("/en/kiosk/enrol");
  auto unknown_key = browser.post("/en/kiosk/enrol", {{"key", "tb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  EXPECT_EQ(unknown_key.status, 403);
  EXPECT_TRUE(contains(unknown_key.body, "This device key is not valid"));
  EXPECT_EQ(browser.cookies().count("tb_kiosk_device"), 0u);
}

TEST_F(KioskPages, ARegisteredKioskSignsTheHolderInWithCardAndPinAndShowsTheirCases) {
  auto holder = applicant("holder", "Kiosk Holder");
  auto case_id = case_of(holder);
  enrol(register_kiosk("Hall A"));
  auto hashed_before = browser.accounts().hashing_pool().ran();
  auto signed_in = sign_in_at_kiosk(holder);
  ASSERT_EQ(signed_in.status, 303) << browser.last_body();
  // The PIN was checked on the node's bounded hashing pool, not on the handler thread.
  EXPECT_GT(browser.accounts().hashing_pool().ran(), hashed_before);
  EXPECT_EQ(header(signed_in, "Location"), "/en/kiosk/me");
  auto me = browser.get("/en/kiosk/me");
  EXPECT_EQ(me.status, 200);
  EXPECT_TRUE(contains(me.body, "Kiosk Holder"));
  EXPECT_TRUE(contains(me.body, case_id));
  auto receipt = browser.get("/en/kiosk/cases/" + case_id + "/receipt");
  EXPECT_EQ(receipt.status, 200);

  // "Finish" ends the visit: its cookie replayed shows nobody's cases.
  auto visit = browser.cookies().at("tb_kiosk");
  finish();
  browser.cookies()["tb_kiosk"] = visit;
  auto after = browser.get("/en/kiosk/me");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(header(after, "Location"), "/en/kiosk");
}

TEST_F(KioskPages, WrongPinUnknownDocumentAndNoPinGetTheIdenticalAnswer) {
  auto holder = applicant("samesame", "Same Answer");
  auto without_pin = applicant("nopin", "No Pin Holder", nullptr);
  enrol(register_kiosk("Hall B"));
  auto wrong_pin = sign_in_at_kiosk(holder, "730164");
  auto unknown = enter_pin(read_card("CN_RIC", valid_cn_ric(99'001)), kPin);
  auto no_pin = sign_in_at_kiosk(without_pin, kPin);
  EXPECT_TRUE(refused(wrong_pin));
  EXPECT_EQ(unknown.status, wrong_pin.status);
  EXPECT_EQ(no_pin.status, wrong_pin.status);
  EXPECT_EQ(unknown.body, wrong_pin.body);
  EXPECT_EQ(no_pin.body, wrong_pin.body);
  EXPECT_FALSE(contains(wrong_pin.body, holder.name));
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 303);  // nobody is signed in
}

TEST_F(KioskPages, FiveWrongPinsLockTheDocumentForAWhileAndTheLockDoublesNextTime) {
  auto holder = applicant("locked", "Locked Holder");
  enrol(register_kiosk("Hall C"));
  for (int i = 0; i < domain::kKioskPinAttempts; ++i) EXPECT_TRUE(refused(sign_in_at_kiosk(holder, "730164")));
  auto locked = sign_in_at_kiosk(holder, kPin);  // the right PIN, while locked
  EXPECT_TRUE(refused(locked));
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 303);
  // An unknown document locks the same way (a lock says nothing about which documents exist).
  std::string unknown = valid_cn_ric(99'002);
  for (int i = 0; i < domain::kKioskPinAttempts; ++i) enter_pin(read_card("CN_RIC", unknown), kPin);
  EXPECT_EQ(enter_pin(read_card("CN_RIC", unknown), kPin).body, locked.body);

  now += domain::kKioskFirstLockMs + 1000;  // the lock has passed (the visit too: a new one starts)
  for (int i = 0; i < domain::kKioskPinAttempts; ++i) EXPECT_TRUE(refused(sign_in_at_kiosk(holder, "730164")));
  now += domain::kKioskFirstLockMs + 1000;  // the second lock is twice as long: still locked
  EXPECT_TRUE(refused(sign_in_at_kiosk(holder, kPin)));
  now += domain::kKioskFirstLockMs + 1000;
  EXPECT_EQ(sign_in_at_kiosk(holder, kPin).status, 303);
}

TEST_F(KioskPages, ACardReadingWorksOnlyOnceAndOnlyInTheVisitThatReadIt) {
  auto holder = applicant("reader", "Reader Holder");
  auto key_a = register_kiosk("Hall D");
  auto key_b = register_kiosk("Hall E");
  enrol(key_b);
  browser.get("/en/kiosk/id-card");
  Jar kiosk_b = browser.cookies();
  browser.cookies().clear();
  enrol(key_a);
  std::string reading = read_card("CN_RIC", holder.document);
  ASSERT_FALSE(reading.empty());
  Jar kiosk_a = browser.cookies();

  // Kiosk B posts A's reading with the right PIN.
  browser.cookies() = kiosk_b;
  EXPECT_TRUE(refused(enter_pin(reading, kPin)));
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 303);
  // A's visit cookie carried to kiosk B is no better: the visit is A's.
  browser.get("/en/kiosk/track");
  browser.cookies()["tb_kiosk"] = kiosk_a.at("tb_kiosk");
  EXPECT_TRUE(refused(browser.post("/en/kiosk/pin", {{"reading", reading}, {"pin", kPin}})));
  // Another visit on kiosk A.
  browser.cookies() = kiosk_a;
  browser.cookies().erase("tb_kiosk");
  EXPECT_TRUE(refused(enter_pin(reading, kPin)));

  // The visit that read it: once.
  browser.cookies() = kiosk_a;
  ASSERT_EQ(enter_pin(reading, kPin).status, 303);
  finish();
  browser.cookies() = kiosk_a;  // even the old visit cookie back
  EXPECT_TRUE(refused(enter_pin(reading, kPin)));
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 303);

  // A wrong PIN spends the reading: the right PIN with the same reading is refused.
  std::string second = read_card("CN_RIC", holder.document);
  EXPECT_TRUE(refused(enter_pin(second, "730164")));
  EXPECT_TRUE(refused(enter_pin(second, kPin)));
  // A reading left too long is refused.
  std::string stale = read_card("CN_RIC", holder.document);
  browser.get("/en/kiosk/pin?reading=" + stale);
  now += kKioskReadingMs - 1000;
  browser.get("/en/kiosk/track");  // the visit is kept alive, the reading is not
  now += 1000;
  EXPECT_TRUE(refused(browser.post("/en/kiosk/pin", {{"reading", stale}, {"pin", kPin}})));
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 303);
}

// Each link target (a, form, Refresh, Location) is a kiosk page in some language, or a fragment of this page.
void expect_kiosk_links(const http::Response& response, const std::string& label) {
  static const std::regex kiosk_target("^(/(en|pt|zh-Hans|zh-Hant))?/kiosk([/?].*)?$");
  static const std::regex attribute(R"re(<(a|form)\b[^>]*\b(href|action)="([^"]*)")re");
  std::vector<std::string> targets;
  for (std::sregex_iterator it(response.body.begin(), response.body.end(), attribute), end; it != end; ++it)
    targets.push_back((*it)[3]);
  if (auto refresh = header(response, "Refresh"); !refresh.empty())
    targets.push_back(refresh.substr(refresh.find("url=") + 4));
  if (auto location = header(response, "Location"); !location.empty()) targets.push_back(location);
  EXPECT_FALSE(targets.empty()) << label;
  for (const auto& target : targets)
    EXPECT_TRUE(target.rfind('#', 0) == 0 || std::regex_match(target, kiosk_target))
        << label << " leaves kiosk mode: " << target;
}

TEST_F(KioskPages, EveryLinkAndButtonOnKioskPagesStaysUnderKiosk) {
  auto holder = applicant("linker", "Link Holder");
  auto case_id = case_of(holder);
  expect_kiosk_links(browser.get("/en/kiosk"), "not a registered kiosk");
  expect_kiosk_links(browser.get("/en/kiosk/enrol"), "enrol");
  enrol(register_kiosk("Hall F"));
  expect_kiosk_links(browser.get("/zh-Hant/kiosk"), "home");
  expect_kiosk_links(browser.get("/pt/kiosk/id-card"), "read card");
  expect_kiosk_links(browser.post("/pt/kiosk/id-card", {{"type", "CN_RIC"}, {"number", "123"}}), "unreadable card");
  expect_kiosk_links(browser.get("/en/kiosk/track"), "track");
  expect_kiosk_links(browser.get("/en/kiosk/track?case=" + case_id + "&code=AAAAAAAA"), "track: no such case");
  std::string reading = read_card("CN_RIC", holder.document);
  expect_kiosk_links(browser.get("/en/kiosk/pin?reading=" + reading), "PIN");
  expect_kiosk_links(browser.post("/en/kiosk/pin", {{"reading", reading}, {"pin", "730164"}}), "refused");
  sign_in_at_kiosk(holder);
  expect_kiosk_links(browser.get("/en/kiosk/me"), "my cases");
  expect_kiosk_links(browser.get("/en/kiosk/cases/" + case_id + "/receipt"), "receipt");
  expect_kiosk_links(browser.get("/en/kiosk/cases/NO-SUCH/receipt"), "no such receipt");
  expect_kiosk_links(browser.get("/en/kiosk/timeout?back=/kiosk/me"), "timeout warning");
  expect_kiosk_links(browser.get("/en/kiosk/timeout?back=https://evil.example/"), "timeout, foreign back");
  expect_kiosk_links(browser.post("/en/kiosk/more-time", {{"back", "//evil.example/"}}), "more time, foreign back");
  browser.get("/en/kiosk/me");
  auto end = browser.post("/en/kiosk/end", {});
  EXPECT_EQ(end.status, 200);
  expect_kiosk_links(end, "end");
}

TEST_F(KioskPages, ThePortalRefusesAKioskVisitAndAKioskDropsAPortalSession) {
  auto holder = applicant("scoped", "Scoped Holder");
  enrol(register_kiosk("Hall G"));
  ASSERT_EQ(sign_in_at_kiosk(holder).status, 303);
  std::string visit = browser.cookies().at("tb_kiosk");
  for (const std::string path : {"/en/cases", "/en/account/kiosk-pin"}) {
    auto portal = browser.get(path);
    EXPECT_EQ(portal.status, 303) << path;
    EXPECT_EQ(header(portal, "Location").rfind("/en/sign-in?next=", 0), 0u) << path;
  }
  browser.cookies()["tb_session"] = visit;  // the visit presented as a portal session
  EXPECT_EQ(browser.get("/en/cases").status, 303);

  // A portal session on a kiosk device is cleared by the first kiosk page.
  browser.get("/en/sign-in");
  browser.post("/en/sign-in", {{"login", "scoped@example.org"}, {"password", kPassword}});
  ASSERT_EQ(browser.get("/en/cases").status, 200);
  auto home = browser.get("/en/kiosk");
  bool cleared = false;
  for (const auto& cookie : set_cookies(home)) cleared = cleared || cookie.rfind("tb_session=;", 0) == 0;
  EXPECT_TRUE(cleared);
  EXPECT_EQ(browser.get("/en/cases").status, 303);
}

TEST_F(KioskPages, ARevokedKioskIsRefusedAtOnceAndAKeyEnrolsOnlyOnce) {
  auto holder = applicant("revoked", "Revoked Holder");
  std::string key = register_kiosk("Hall H");
  enrol(key);
  ASSERT_EQ(sign_in_at_kiosk(holder).status, 303);
  Jar kiosk = browser.cookies();

  browser.cookies().clear();  // another browser with the same key
  browser.get("/en/kiosk/enrol");
  auto again = browser.post("/en/kiosk/enrol", {{"key", key}});
  EXPECT_EQ(again.status, 403);
  EXPECT_TRUE(contains(again.body, "This device key is not valid"));
  EXPECT_EQ(browser.get("/en/kiosk").status, 403);

  node::KioskDesk desk(browser.node(), browser.accounts().hashing_pool());
  desk.revoke(desk.list().back().id);
  browser.cookies() = kiosk;
  auto me = browser.get("/en/kiosk/me");
  EXPECT_EQ(me.status, 403);
  EXPECT_TRUE(contains(me.body, "This device is not a registered kiosk"));
  EXPECT_FALSE(contains(me.body, holder.name));
  browser.get("/en/kiosk/enrol");  // a form, for the CSRF token
  auto read = browser.post("/en/kiosk/id-card", {{"type", "CN_RIC"}, {"number", holder.document}});
  EXPECT_EQ(read.status, 403);
  EXPECT_TRUE(contains(read.body, "This device is not a registered kiosk"));
}

TEST_F(KioskPages, TheTimeoutWarnsBeforeTheEndAndMoreTimeExtendsTheVisit) {
  auto holder = applicant("timer", "Timer Holder");
  enrol(register_kiosk("Hall I"));
  ASSERT_EQ(sign_in_at_kiosk(holder).status, 303);
  // Idle 120 s, warning 30 s before: the page refreshes to the warning after 90 s.
  auto me = browser.get("/en/kiosk/me");
  EXPECT_EQ(header(me, "Refresh"), "90;url=/en/kiosk/timeout?back=/kiosk/me");

  now += 95'000;
  auto warning = browser.get("/en/kiosk/timeout?back=/kiosk/me");
  EXPECT_EQ(warning.status, 200);
  EXPECT_TRUE(contains(warning.body, "More time"));
  EXPECT_TRUE(contains(warning.body, "End now"));
  EXPECT_EQ(header(warning, "Refresh"), "25;url=/en/kiosk/end");  // the warning itself does not extend the visit
  auto more = browser.post("/en/kiosk/more-time", {{"back", "/kiosk/me"}});
  EXPECT_EQ(more.status, 303);
  EXPECT_EQ(header(more, "Location"), "/en/kiosk/me");

  now += 100'000;  // 195 s after sign-in, 100 s after "more time"
  EXPECT_EQ(browser.get("/en/kiosk/me").status, 200);

  now += 95'000;
  browser.get("/en/kiosk/timeout?back=/kiosk/me");
  now += 26'000;  // nobody chose: the visit has ended
  auto gone = browser.get("/en/kiosk/me");
  EXPECT_EQ(gone.status, 303);
  EXPECT_EQ(header(gone, "Location"), "/en/kiosk");
  browser.get("/en/sign-in");  // a form, for the CSRF token
  auto late = browser.post("/en/kiosk/more-time", {{"back", "/kiosk/me"}});
  EXPECT_EQ(late.status, 200);  // too late for more time: the end page
  EXPECT_TRUE(contains(late.body, "Your session has ended"));
}

TEST_F(KioskPages, TheAccountPageSetsAPinOnlyWithThePasswordAndAPinHardToGuess) {
  auto holder = applicant("pinsetter", "Pin Setter", nullptr);
  browser.get("/en/sign-in");
  browser.post("/en/sign-in", {{"login", "pinsetter@example.org"}, {"password", kPassword}});
  browser.get("/en/account/kiosk-pin");
  auto wrong_password =
      browser.post("/en/account/kiosk-pin", {{"password", "not my password"}, {"pin", kPin}, {"pin_again", kPin}});
  EXPECT_EQ(wrong_password.status, 422);
  EXPECT_TRUE(contains(wrong_password.body, "The password is wrong."));
  auto guessable =
      browser.post("/en/account/kiosk-pin", {{"password", kPassword}, {"pin", "123456"}, {"pin_again", "123456"}});
  EXPECT_EQ(guessable.status, 422);
  auto mismatch =
      browser.post("/en/account/kiosk-pin", {{"password", kPassword}, {"pin", kPin}, {"pin_again", "480250"}});
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_FALSE(browser.node().store().find_kiosk_pin(holder.account_id));
  EXPECT_EQ(browser.post("/en/account/kiosk-pin", {{"password", kPassword}, {"pin", kPin}, {"pin_again", kPin}}).status,
            303);
  auto stored = browser.node().store().find_kiosk_pin(holder.account_id);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(contains(*stored, kPin));  // a hash, not the PIN
  EXPECT_EQ(stored->rfind("$argon2id$", 0), 0u);
}

}  // namespace
}  // namespace tongban::web::testing

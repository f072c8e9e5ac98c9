// Service cabins as devices (issue 11 §3, docs/channels.md) through the real page handlers: a cabin terminal is
// registered with its own device key at a point of kind cabin, enrols once, reaches the self-service pages, and is
// refused from its next request on once revoked; a cabin at a window and a kiosk at a point without the kiosk channel
// are refused and stored nowhere. And the receipt of a case an agent took in names the agent's organisation.
// The test browser (page_browser.h) is compiled into this binary by pages_test.cc.
#include <gtest/gtest.h>

#include "domain/audit_chain.h"
#include "domain/problem.h"
#include "node/kiosk_desk.h"
#include "page_browser.h"

namespace tongban::web::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string refusal_rule(const std::function<void()>& f) {
  try {
    f();
  } catch (const domain::ProblemError& error) {
    return error.problem().errors.empty() ? error.problem().slug : error.problem().errors.front().rule;
  }
  return "";
}

TEST(CabinDevice, RegisteredAtACabinEnrolledOnceAndRevocable) {
  PageBrowser browser;
  node::KioskDesk desk(browser.node(), browser.accounts().hashing_pool());
  auto registration = desk.add("JM-CABIN-TAISHAN", "Cabin 1", "cabin");
  EXPECT_EQ(registration.kiosk.kind, "cabin");
  EXPECT_EQ(registration.kiosk.id, "CABIN-JM-CABIN-TAISHAN-1");
  auto stored = browser.node().store().find_kiosk(registration.kiosk.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->kind, "cabin");
  EXPECT_NE(stored->key_hash, registration.device_key);  // only the digest is kept
  EXPECT_FALSE(contains(stored->key_hash, registration.device_key));

  EXPECT_EQ(browser.get("/en/kiosk").status, 403);  // not yet enrolled
  browser.get("/en/kiosk/enrol");
  ASSERT_EQ(browser.post("/en/kiosk/enrol", {{"key", registration.device_key}}).status, 303) << browser.last_body();
  EXPECT_EQ(browser.get("/en/kiosk").status, 200);
  // The key enrols one browser only.
  auto kept = browser.cookies();
  browser.cookies().clear();
  browser.get("/en/kiosk/enrol");
  EXPECT_EQ(browser.post("/en/kiosk/enrol", {{"key", registration.device_key}}).status, 403);
  browser.cookies() = kept;
  desk.revoke(registration.kiosk.id);
  EXPECT_EQ(browser.get("/en/kiosk").status, 403);
  EXPECT_TRUE(browser.node().store().find_kiosk(registration.kiosk.id)->revoked);
}

TEST(CabinDevice, ADeviceMustFitItsPoint) {
  PageBrowser browser;
  node::KioskDesk desk(browser.node(), browser.accounts().hashing_pool());
  EXPECT_EQ(refusal_rule([&] { desk.add("JM-WIN-CITY", "Not a cabin", "cabin"); }), "not_a_cabin");
  EXPECT_EQ(refusal_rule([&] { desk.add("JM-POST-PENGJIANG", "No kiosk here", "kiosk"); }), "no_kiosk_channel");
  EXPECT_EQ(refusal_rule([&] { desk.add("JM-CABIN-TAISHAN", "Booth", "booth"); }), "unknown");
  EXPECT_EQ(refusal_rule([&] { desk.add("MO-KIOSK-CSR", "Foreign", "kiosk"); }), "not_this_node");
  EXPECT_TRUE(desk.list().empty());
  // A kiosk stays a kiosk, at a point with the kiosk channel (a cabin point may have one too).
  EXPECT_EQ(desk.add("JM-CABIN-TAISHAN", "Kiosk in the cabin").kiosk.kind, "kiosk");
}

TEST(AgentReceipt, TheReceiptNamesTheAgentsOrganisation) {
  PageBrowser browser;
  auto agent = browser.accounts().add_staff({"teller@bank.test", "Staff-pass-2026", "Counter 3", domain::Role::agent,
                                             "", "JM-BANK-BEA", "Bank of East Asia, Jiangmen Branch"});
  // A case the agent took in, with the submit event the case desk writes.
  std::string id = browser.node().store().transact([&](store::Transaction& tx) {
    domain::Case kase;
    kase.item_code = "JM-HRSS-009";
    kase.applicant_id = "ap_someone";
    kase.channel = domain::Channel::bank;
    kase.intake_point = "JM-BANK-BEA";
    kase.authority = "JM-HRSS";
    kase.jurisdiction = "CN-GD-JM";
    kase.state = domain::CaseState::submitted;
    kase.created_at_ms = kase.updated_at_ms = browser.node().now_ms();
    std::string case_id = tx.insert_case(kase, std::nullopt).kase.id;
    domain::Event event;
    event.case_id = case_id;
    event.actor_id = agent.id;
    event.actor_role = domain::Role::agent;
    event.actor_organisation = agent.organisation;
    event.action = domain::CaseAction::submit;
    event.from_state = domain::CaseState::draft;
    event.to_state = domain::CaseState::submitted;
    event.at_ms = kase.created_at_ms;
    tx.seal_and_append(event, domain::seal);
    return case_id;
  });
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", "teller@bank.test"}, {"password", "Staff-pass-2026"}}).status, 303);
  auto receipt = browser.get("/en/cases/" + id + "/receipt");
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_TRUE(contains(receipt.body, "Agent&#39;s organisation") || contains(receipt.body, "Agent's organisation"))
      << receipt.body;
  EXPECT_TRUE(contains(receipt.body, "Bank of East Asia, Jiangmen Branch"));
  auto zh = browser.get("/zh-Hant/cases/" + id + "/receipt");
  ASSERT_EQ(zh.status, 200);
  EXPECT_TRUE(contains(zh.body, "代辦機構"));
}

}  // namespace
}  // namespace tongban::web::testing

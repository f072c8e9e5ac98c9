// Schema version 11 (channels and agents, docs/channels.md): an agent's organisation on the account and on the
// events the agent caused (sealed into the chain), a device's kind, and the case facts the channel figures read.
#include <gtest/gtest.h>

#include "domain/audit_chain.h"
#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::sample_case;
using testing::TempDir;

AccountRecord sample_agent() {
  AccountRecord agent = sample_account("st_agent", "teller@bank.test");
  agent.kind = "staff";
  agent.role = domain::Role::agent;
  agent.id_document_type.clear();
  agent.id_document_number.clear();
  agent.service_point = "JM-BANK-BEA";
  agent.organisation = "Bank of East Asia, Jiangmen Branch";
  return agent;
}

domain::Event event_of(const std::string& case_id, domain::CaseAction action, domain::CaseState from,
                       domain::CaseState to, std::int64_t at_ms, const std::string& organisation = "") {
  domain::Event event;
  event.case_id = case_id;
  event.actor_id = organisation.empty() ? "st_reviewer" : "st_agent";
  event.actor_role = organisation.empty() ? domain::Role::reviewer : domain::Role::agent;
  event.action = action;
  event.from_state = from;
  event.to_state = to;
  event.at_ms = at_ms;
  event.actor_organisation = organisation;
  return event;
}

TEST(ChannelsStore, AnAgentsOrganisationIsKeptAndReplaced) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([](Transaction& tx) { tx.insert_account(sample_agent()); });
  auto stored = store->find_account_by_id("st_agent");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->role, domain::Role::agent);
  EXPECT_EQ(stored->organisation, "Bank of East Asia, Jiangmen Branch");
  stored->organisation = "China Post Jiangmen";
  store->write([&](Transaction& tx) { tx.update_account(*stored); });
  store.reset();
  auto reopened = open_store(dir.path());
  EXPECT_EQ(reopened->find_account_by_login("teller@bank.test")->organisation, "China Post Jiangmen");
  // Everyone else has none.
  reopened->write([](Transaction& tx) { tx.insert_account(sample_account("ap_1", "someone@example.mo")); });
  EXPECT_EQ(reopened->find_account_by_id("ap_1")->organisation, "");
}

TEST(ChannelsStore, EventsKeepTheAgentsOrganisationInTheChain) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::string id = store->transact([](Transaction& tx) {
    domain::Case kase = sample_case("ap_1");
    kase.state = domain::CaseState::submitted;
    std::string case_id = tx.insert_case(kase, std::nullopt).kase.id;
    tx.seal_and_append(event_of(case_id, domain::CaseAction::submit, domain::CaseState::draft,
                                domain::CaseState::submitted, 1772000000000, "Bank of East Asia"),
                       domain::seal);
    tx.seal_and_append(event_of(case_id, domain::CaseAction::check_intake, domain::CaseState::submitted,
                                domain::CaseState::intake_checked, 1772000001000),
                       domain::seal);
    return case_id;
  });
  auto events = store->list_events(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].actor_organisation, "Bank of East Asia");
  EXPECT_EQ(events[0].actor_role, domain::Role::agent);
  EXPECT_EQ(events[1].actor_organisation, "");
  std::vector<domain::Event> chain;
  store->for_each_event([&](const domain::Event& e) {
    chain.push_back(e);
    return true;
  });
  EXPECT_FALSE(domain::verify_chain(chain).has_value());
  // The stored hash is over the organisation: read back with another one, the event no longer verifies.
  chain[0].actor_organisation = "Someone else";
  ASSERT_TRUE(domain::verify_chain(chain).has_value());
  EXPECT_EQ(domain::verify_chain(chain)->reason, "altered");
}

TEST(ChannelsStore, ADeviceKeepsItsKind) {
  TempDir dir;
  auto store = open_store(dir.path());
  KioskRecord cabin;
  cabin.id = "CABIN-JM-CABIN-TAISHAN-1";
  cabin.service_point = "JM-CABIN-TAISHAN";
  cabin.name = "Cabin 1";
  cabin.key_hash = std::string(64, 'c');
  cabin.created_at_ms = 1767225600000;
  cabin.kind = "cabin";
  KioskRecord kiosk = cabin;
  kiosk.id = "KIOSK-JM-WIN-CITY-1";
  kiosk.key_hash = std::string(64, 'k');
  kiosk.kind = "kiosk";
  store->write([&](Transaction& tx) {
    tx.insert_kiosk(cabin);
    tx.insert_kiosk(kiosk);
  });
  EXPECT_EQ(store->find_kiosk("CABIN-JM-CABIN-TAISHAN-1")->kind, "cabin");
  EXPECT_EQ(store->find_kiosk_by_key(std::string(64, 'k'))->kind, "kiosk");
  EXPECT_EQ(KioskRecord{}.kind, "kiosk");  // the default, as for every device stored before version 11
}

TEST(ChannelsStore, ChannelCaseFactsComeFromTheCasesAndTheirEvents) {
  TempDir dir;
  auto store = open_store(dir.path());
  EXPECT_TRUE(store->channel_case_facts().empty());
  store->write([](Transaction& tx) {
    domain::Case draft = sample_case("ap_1");  // a draft was never taken in
    tx.insert_case(draft, std::nullopt);

    domain::Case bank = sample_case("ap_1");
    bank.channel = domain::Channel::bank;
    bank.intake_point = "JM-BANK-BEA";
    bank.jurisdiction = "CN-GD-JM";
    bank.state = domain::CaseState::approved;
    std::string bank_id = tx.insert_case(bank, std::nullopt).kase.id;
    tx.seal_and_append(event_of(bank_id, domain::CaseAction::submit, domain::CaseState::draft,
                                domain::CaseState::submitted, 1772000100000, "Bank"),
                       domain::seal);
    tx.seal_and_append(event_of(bank_id, domain::CaseAction::accept, domain::CaseState::submitted,
                                domain::CaseState::accepted, 1772000200000),
                       domain::seal);
    tx.seal_and_append(event_of(bank_id, domain::CaseAction::approve, domain::CaseState::accepted,
                                domain::CaseState::approved, 1772000300000),
                       domain::seal);

    domain::Case received = sample_case("ap_2");  // e.g. a copy received from a peer: no submit event here
    received.state = domain::CaseState::in_review;
    tx.insert_case(received, std::nullopt);
  });
  auto facts = store->channel_case_facts();
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].channel, domain::Channel::bank);
  EXPECT_EQ(facts[0].intake_point, "JM-BANK-BEA");
  EXPECT_EQ(facts[0].jurisdiction, "CN-GD-JM");
  EXPECT_EQ(facts[0].taken_in_at_ms, 1772000100000);
  EXPECT_EQ(facts[0].decided_at_ms, 1772000300000);
  EXPECT_EQ(facts[1].channel, domain::Channel::window);
  EXPECT_EQ(facts[1].taken_in_at_ms, sample_case("ap_2").created_at_ms);
  EXPECT_FALSE(facts[1].decided_at_ms.has_value());
}

}  // namespace
}  // namespace tongban::store

// Remote intake across two real nodes in one process (Jiangmen and Macao), talking signed messages over HTTP on
// loopback: a Jiangmen clerk takes in a Macao item, the Macao reviewer decides, and both copies go through the
// same states with the same history, down to delivery at the Jiangmen window. A third node (Hong Kong) that does
// not own the case tries to act on it and is refused with nothing applied.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "federated_node.h"
#include "federation/envelope.h"
#include "federation/node_key.h"
#include "federation/peer_transport.h"
#include "http/problem_response.h"
#include "node_under_test.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;
using namespace std::chrono_literals;

constexpr const char* kItem = "MO-DSAL-002";   // Macao item offered in ZONE-MO-IN-JM
constexpr const char* kPoint = "JM-WIN-CITY";  // Jiangmen window hosting that zone
constexpr const char* kAuthority = "MO-DSAL";
constexpr const char* kForm = R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                              R"J("phone":"+85366123456","consent_transfer":true})J";

node::CaseActionRequest request(CaseAction action, std::int64_t version, std::string note = "") {
  node::CaseActionRequest r;
  r.action = action;
  r.expected_version = version;
  r.note = std::move(note);
  return r;
}

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = 15s) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

class RemoteIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto all = all_case_types();
    jm.write_federation_config({{&mo, all, all_categories()}, {&hk, all, all_categories()}});
    mo.write_federation_config({{&jm, all, all_categories()}});
    hk.write_federation_config({{&jm, all, all_categories()}});
    jm.start_federation();
    mo.start_federation();
    clerk = jm.add_staff(domain::Role::clerk, "clerk@jm.example", "", kPoint);
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(7));
    reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", kAuthority, "");
  }

  domain::Case open_and_forward() {
    node::CaseApplication application;
    application.item_code = kItem;
    application.applicant_id = applicant.account_id;
    application.consent_to_transfer = true;
    application.delivery_method = "window_pickup";
    application.form = boost::json::parse(kForm).as_object();
    application.materials = {{"mo_bir", jm.put_blob("scan of the BIR", clerk)},
                             {"application_form", jm.put_blob("signed application form", clerk)}};
    auto opened = jm.cases().open(clerk, application, std::nullopt, "");
    auto checked = jm.cases().act(clerk, opened.kase.id, request(CaseAction::check_intake, opened.kase.version));
    return jm.cases().act(clerk, checked.id, request(CaseAction::forward, checked.version));
  }

  // Macao's copy of the Jiangmen case, once it has arrived.
  std::optional<domain::Case> owner_copy(const std::string& origin_case) {
    return crossborder::find_owner_copy(mo.node().store(), {"CN-GD-JM", origin_case}, "case.forward");
  }

  domain::Case mo_act(const std::string& id, CaseAction action, std::string note = "") {
    // A status from Jiangmen may land between reading the version and acting: reload and act again, as a person
    // would after a 412 (bounded).
    for (int attempt = 0;; ++attempt) {
      auto kase = mo.node().store().find_case(id);
      try {
        return mo.cases().act(reviewer, id, request(action, kase->version, note));
      } catch (const domain::ProblemError& error) {
        if (error.problem().slug != "version-mismatch" || attempt == 20) throw;
      }
    }
  }

  bool jm_state_is(const std::string& id, CaseState state) { return jm.node().store().find_case(id)->state == state; }

  FederatedNode jm{"CN-GD-JM"}, mo{"MO"}, hk{"HK"};
  domain::Actor clerk, applicant, reviewer;
};

TEST_F(RemoteIntakeTest, WholeLifeFromJiangmenWindowToDelivery) {
  domain::Case origin = open_and_forward();
  ASSERT_EQ(origin.state, CaseState::forwarded);
  ASSERT_TRUE(eventually([&] { return owner_copy(origin.id).has_value(); }));
  domain::Case copy = *owner_copy(origin.id);
  EXPECT_EQ(copy.state, CaseState::forwarded);
  EXPECT_EQ(copy.authority, kAuthority);
  EXPECT_EQ(copy.intake_point, kPoint);
  // Only the crosses_border fields travelled, and the blobs arrived with the same SHA-256.
  auto form = boost::json::parse(copy.form_json).as_object();
  EXPECT_TRUE(form.contains("applicant_name"));
  ASSERT_EQ(copy.materials.size(), 2u);
  for (const auto& material : copy.materials) EXPECT_TRUE(mo.node().store().find_blob(material.blob_sha256));

  mo_act(copy.id, CaseAction::accept);
  ASSERT_TRUE(eventually([&] { return jm_state_is(origin.id, CaseState::accepted); }));
  mo_act(copy.id, CaseAction::request_supplement, "The BIR scan is unreadable");
  ASSERT_TRUE(eventually([&] { return jm_state_is(origin.id, CaseState::supplement_requested); }));

  auto waiting = *jm.node().store().find_case(origin.id);
  node::CaseActionRequest supplement = request(CaseAction::supplement, waiting.version, "new scan");
  std::string new_scan = jm.put_blob("a readable scan of the BIR", clerk);
  supplement.materials = {{"mo_bir", new_scan}};
  jm.cases().act(clerk, origin.id, supplement);
  ASSERT_TRUE(eventually([&] { return mo.node().store().find_case(copy.id)->state == CaseState::in_review; }));
  EXPECT_TRUE(mo.node().store().find_blob(new_scan));

  mo_act(copy.id, CaseAction::approve, "approved");
  mo_act(copy.id, CaseAction::issue_result, "licence MO-2026-77");
  ASSERT_TRUE(eventually([&] { return jm_state_is(origin.id, CaseState::result_issued); }));
  EXPECT_EQ(jm.node().store().find_case(origin.id)->result_note, "licence MO-2026-77");

  auto issued = *jm.node().store().find_case(origin.id);
  jm.cases().act(clerk, origin.id, request(CaseAction::deliver, issued.version, "picked up at the window"));
  ASSERT_TRUE(eventually([&] { return mo.node().store().find_case(copy.id)->state == CaseState::delivered; }));

  // Same history on both sides: every state change appears on both nodes, in the same order.
  auto transitions = [](const std::vector<domain::Event>& events) {
    std::vector<std::pair<CaseState, CaseState>> out;
    for (const auto& e : events)
      if (e.from_state != e.to_state) out.emplace_back(e.from_state, e.to_state);
    return out;
  };
  auto jm_events = jm.node().store().list_events(origin.id);
  auto mo_events = mo.node().store().list_events(copy.id);
  EXPECT_EQ(transitions(jm_events), transitions(mo_events));
  EXPECT_EQ(transitions(jm_events).back().second, CaseState::delivered);
  EXPECT_EQ(jm.node().store().find_case(origin.id)->state, mo.node().store().find_case(copy.id)->state);
  // The owner's events are marked remote on the origin.
  int remote = 0;
  for (const auto& e : jm_events) remote += e.note.starts_with("[remote MO ") ? 1 : 0;
  EXPECT_EQ(remote, 5);  // received, accept, request_supplement, approve, issue_result: exactly once each
}

TEST_F(RemoteIntakeTest, PeerThatDoesNotOwnTheCaseIsRefusedAndNothingChanges) {
  domain::Case origin = open_and_forward();
  ASSERT_TRUE(eventually([&] { return owner_copy(origin.id).has_value(); }));
  ASSERT_TRUE(eventually([&] {
    return jm.node().store().list_events(origin.id).size() == 4;  // submit, check_intake, forward, received
  }));
  // Hong Kong (trusted by Jiangmen for case.status) claims to decide a Macao case.
  federation::Envelope envelope;
  envelope.message_id = federation::random_uuid_v4();
  envelope.from = "HK";
  envelope.to = "CN-GD-JM";
  envelope.type = "case.status";
  envelope.case_ref = origin.id;
  envelope.sequence = 1;
  envelope.created_at_ms = envelope.sent_at_ms = jm.node().now_ms();
  envelope.data_categories = {"case"};
  envelope.payload = R"({"owner_case_id":"HK-2026-000001","event":{"action":"approve","from_state":"forwarded",)"
                     R"("to_state":"approved","actor":"HK:x","actor_role":"reviewer","note":"","at_ms":1}})";
  federation::sign_envelope(envelope, federation::NodeKey::load(hk.dir() / "keys" / "node.key"));
  auto answer = federation::post_json(jm.endpoint(), federation::kMessagesPath, federation::envelope_to_json(envelope),
                                      std::nullopt, 5s);
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("not_case_owner"), std::string::npos) << answer.body;
  EXPECT_EQ(jm.node().store().find_case(origin.id)->state, CaseState::forwarded);
  EXPECT_EQ(jm.node().store().list_events(origin.id).size(), 4u);
  EXPECT_FALSE(jm.node().store().find_inbox_message(envelope.message_id));
}

TEST_F(RemoteIntakeTest, ForwardWithoutATrustedOwnerIsRefusedAndTheCaseStaysPut) {
  // Macao drops Jiangmen from what it may receive: Jiangmen's own trust list no longer lets documents go there.
  jm.write_federation_config({{&mo, all_case_types(), {"case"}}});
  jm.cross_border().federation().trust().reload_now();
  node::CaseApplication application;
  application.item_code = kItem;
  application.applicant_id = applicant.account_id;
  application.consent_to_transfer = true;
  application.form = boost::json::parse(kForm).as_object();
  application.materials = {{"mo_bir", jm.put_blob("scan", clerk)}, {"application_form", jm.put_blob("form", clerk)}};
  auto opened = jm.cases().open(clerk, application, std::nullopt, "");
  auto checked = jm.cases().act(clerk, opened.kase.id, request(CaseAction::check_intake, opened.kase.version));
  EXPECT_THROW(jm.cases().act(clerk, checked.id, request(CaseAction::forward, checked.version)), domain::ProblemError);
  EXPECT_EQ(jm.node().store().find_case(checked.id)->state, CaseState::intake_checked);
}

}  // namespace
}  // namespace tongban::crossnode_test

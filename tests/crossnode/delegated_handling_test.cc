// Delegated handling across two real nodes: Macao labour affairs (MO-DSAL) delegates MO-DSAL-002 to Jiangmen HRSS;
// a Jiangmen reviewer decides it and Macao records every decision as a case of its own. Also: a rejection, a case
// the owner did not delegate, and Hong Kong (no delegation) claiming a delegated decision for a Macao item.
#include <boost/json.hpp>

#include "http/problem_response.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

constexpr const char* kItem = "MO-DSAL-002";
constexpr const char* kForm = R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                              R"J("phone":"+85366123456","consent_transfer":true})J";

class DelegatedHandlingTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(11));
    delegate = jm.add_staff(domain::Role::reviewer, "delegate@jm.example", "JM-HRSS", "");
    owner_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
  }

  node::CaseApplication application() {
    node::CaseApplication a;
    a.item_code = kItem;
    a.mode = domain::HandlingMode::delegated;
    a.consent_to_transfer = true;
    a.delivery_method = "electronic";
    a.form = boost::json::parse(kForm).as_object();
    a.materials = {{"mo_bir", jm.put_blob("scan of the BIR", applicant)},
                   {"application_form", jm.put_blob("signed form", applicant)}};
    return a;
  }

  domain::Actor applicant, delegate, owner_reviewer;
};

TEST_F(DelegatedHandlingTest, JiangmenDecidesUnderDelegationAndMacaoRecordsEveryDecision) {
  auto opened = jm.cases().open(applicant, application(), std::nullopt, "");
  EXPECT_EQ(opened.kase.authority, "JM-HRSS");  // the delegate decides
  EXPECT_EQ(opened.kase.jurisdiction, "MO");    // under the owner's law and calendar
  act(jm, delegate, opened.kase.id, CaseAction::accept);
  act(jm, delegate, opened.kase.id, CaseAction::start_review);
  // Nothing crosses before the decision.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(copy_of(mo, "CN-GD-JM", opened.kase.id, "case.result"));

  act(jm, delegate, opened.kase.id, CaseAction::approve, "approved under delegation");
  ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", opened.kase.id, "case.result").has_value(); }));
  auto record = *copy_of(mo, "CN-GD-JM", opened.kase.id, "case.result");
  EXPECT_EQ(record.state, CaseState::approved);
  EXPECT_EQ(record.authority, "MO-DSAL");  // the owner's statistics see it under its own authority
  EXPECT_EQ(record.mode, domain::HandlingMode::delegated);
  EXPECT_EQ(record.result_note, "approved under delegation");
  // Minimum data: only the crosses_border fields and no documents travelled.
  auto form = boost::json::parse(record.form_json).as_object();
  EXPECT_TRUE(form.contains("applicant_name"));
  EXPECT_TRUE(record.materials.empty());

  act(jm, delegate, opened.kase.id, CaseAction::issue_result, "permit MO-DSAL-2026-9");
  ASSERT_TRUE(eventually([&] { return state(mo, record.id) == CaseState::result_issued; }));
  EXPECT_EQ(mo.node().store().find_case(record.id)->result_note, "permit MO-DSAL-2026-9");
  EXPECT_EQ(transitions(jm.node().store().list_events(opened.kase.id)),
            transitions(mo.node().store().list_events(record.id)));
  // The owner's audit trail names the consent and the delegate.
  auto events = mo.node().store().list_events(record.id);
  EXPECT_NE(events.front().note.find("consent to cross-border transfer recorded"), std::string::npos);
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const domain::Event& e) {
    return e.note.find("decided under delegation by JM-HRSS at CN-GD-JM") != std::string::npos;
  }));

  // The owner's record is read-only: its own reviewer cannot act on it.
  EXPECT_THROW(act(mo, owner_reviewer, record.id, CaseAction::deliver), domain::ProblemError);
  EXPECT_EQ(state(mo, record.id), CaseState::result_issued);
}

TEST_F(DelegatedHandlingTest, RejectionUnderDelegationReachesTheOwner) {
  auto opened = jm.cases().open(applicant, application(), std::nullopt, "");
  act(jm, delegate, opened.kase.id, CaseAction::accept);
  act(jm, delegate, opened.kase.id, CaseAction::reject, "not an employee of a Macao employer");
  ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", opened.kase.id, "case.result").has_value(); }));
  auto record = *copy_of(mo, "CN-GD-JM", opened.kase.id, "case.result");
  EXPECT_EQ(record.state, CaseState::rejected);
  EXPECT_EQ(record.result_note, "not an employee of a Macao employer");
}

TEST_F(DelegatedHandlingTest, NoDelegationNoCase) {
  // MO-DSI-010 (identification) offers delegated handling, but MO-DSI delegated nothing to Jiangmen.
  node::CaseApplication a;
  a.item_code = "MO-DSI-010";
  a.mode = domain::HandlingMode::delegated;
  a.consent_to_transfer = true;
  a.submit = false;
  try {
    jm.cases().open(applicant, a, std::nullopt, "");
    FAIL() << "opened without a delegation";
  } catch (const domain::ProblemError& error) {
    EXPECT_NE(std::string(error.what()).find("not delegated"), std::string::npos) << error.what();
  }
  // And without consent, a delegated case of another node's item is refused too.
  auto without = application();
  without.consent_to_transfer = false;
  EXPECT_THROW(jm.cases().open(applicant, without, std::nullopt, ""), domain::ProblemError);
}

TEST_F(DelegatedHandlingTest, PeerWithoutDelegationIsRefusedAndNothingIsRecorded) {
  hk.start_federation();
  std::string payload =
      R"({"delegate_case_id":"HK-2026-000001","item_code":"MO-DSAL-002","delegate_authority":"HK-LD",)"
      R"("channel":"web","form":{},"consent":{"to_transfer":true},"result_note":"approved by HK",)"
      R"("delivery_method":"","history":[],"event":{"action":"approve","from_state":"in_review",)"
      R"("to_state":"approved","actor":"HK:x","actor_role":"reviewer","note":"","at_ms":1}})";
  auto before = mo.node().store().counts(mo.node().now_ms()).cases;
  auto answer = post_as(hk, mo, "case.result", "HK-2026-000001", 1, payload);
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("not_delegated"), std::string::npos) << answer.body;
  EXPECT_EQ(mo.node().store().counts(mo.node().now_ms()).cases, before);
  EXPECT_FALSE(copy_of(mo, "HK", "HK-2026-000001", "case.result"));
}

}  // namespace
}  // namespace tongban::crossnode_test

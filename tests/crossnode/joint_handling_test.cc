// Joint handling across two real nodes: a pension transfer applied for once at Jiangmen (JM-HRSS-004) creates a
// linked sub-case at the Macao Social Security Fund (MO-FSS-006). The parent completes only when the sub-case is
// done; a rejection at Macao rejects the parent with Macao's reason; a parent that ends withdraws its sub-case;
// Hong Kong, which holds no sub-case, cannot report one.
#include <boost/json.hpp>

#include "http/problem_response.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

class JointHandlingTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    std::string ric = api_test::valid_cn_ric(21);
    applicant = jm.add_applicant("applicant@jm.example", ric);
    jm_reviewer = jm.add_staff(domain::Role::reviewer, "reviewer@jm.example", "JM-HRSS", "");
    mo_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-FSS", "");
    form = boost::json::object{{"applicant_name", "李小明"}, {"id_number", {{"type", "CN_RIC"}, {"number", ric}}},
                               {"phone", "13800138000"},     {"from_region", "澳门"},
                               {"to_region", "江门"},        {"consent_transfer", true}};
  }

  // The parent at Jiangmen and, once it arrived, its sub-case at Macao.
  std::pair<domain::Case, domain::Case> apply() {
    node::CaseApplication a;
    a.item_code = "JM-HRSS-004";
    a.mode = domain::HandlingMode::joint;
    a.consent_to_transfer = true;
    a.form = form;
    a.materials = {{"id_card", jm.put_blob("id card", applicant)},
                   {"application_form", jm.put_blob("form", applicant)},
                   {"pension_contrib_cert", jm.put_blob("contributions", applicant)}};
    // MO-FSS-006's part of the application: what it needs beyond the parent's answers (joint_parts_test.cc).
    a.form["MO-FSS-006.postal_address"] = "澳门新马路 100 号";
    for (const char* id : {"mo_bir", "mo_salary_proof", "mo_ss_card", "mo_bank_proof"})
      a.materials.push_back({std::string("MO-FSS-006.") + id, jm.put_blob(id, applicant)});
    auto parent = jm.cases().open(applicant, a, std::nullopt, "").kase;
    EXPECT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", parent.id, "subcase.request").has_value(); }));
    return {parent, *copy_of(mo, "CN-GD-JM", parent.id, "subcase.request")};
  }

  domain::Actor applicant, jm_reviewer, mo_reviewer;
  boost::json::object form;
};

TEST_F(JointHandlingTest, ParentCompletesOnlyWhenTheSubcaseIsDone) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  EXPECT_EQ(sub.state, CaseState::submitted);
  EXPECT_EQ(sub.item_code, "MO-FSS-006");
  EXPECT_EQ(sub.authority, "MO-FSS");
  // Minimum data: the sub-case item's own crosses_border answers and materials only.
  EXPECT_EQ(sub.materials.size(), 4u);
  EXPECT_TRUE(boost::json::parse(sub.form_json).as_object().contains("postal_address"));
  EXPECT_FALSE(boost::json::parse(sub.form_json).as_object().contains("from_region"));

  act(jm, jm_reviewer, parent.id, CaseAction::accept);
  act(jm, jm_reviewer, parent.id, CaseAction::approve, "records received");
  // Macao has not decided: the parent cannot complete, and nothing changed.
  EXPECT_THROW(act(jm, jm_reviewer, parent.id, CaseAction::issue_result), domain::ProblemError);
  EXPECT_EQ(state(jm, parent.id), CaseState::approved);

  act(mo, mo_reviewer, sub.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::approve, "provident fund transferred out");
  auto done = [&] {
    for (const auto& e : jm.node().store().list_events(parent.id))
      if (e.note.find("done: approved") != std::string::npos) return true;
    return false;
  };
  ASSERT_TRUE(eventually(done));
  act(jm, jm_reviewer, parent.id, CaseAction::issue_result, "transfer complete");
  EXPECT_EQ(state(jm, parent.id), CaseState::result_issued);
  // The sub-case's steps show in the parent's history: received (submit), accept, approve (done).
  int mirrored = 0;
  for (const auto& e : jm.node().store().list_events(parent.id)) mirrored += e.note.starts_with("[subcase MO ") ? 1 : 0;
  EXPECT_EQ(mirrored, 3);
}

TEST_F(JointHandlingTest, RejectionInTheSubcaseRejectsTheParentWithItsReason) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  act(jm, jm_reviewer, parent.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::reject, "no provident fund account");
  ASSERT_TRUE(eventually([&] { return state(jm, parent.id) == CaseState::rejected; }));
  auto rejected = *jm.node().store().find_case(parent.id);
  EXPECT_NE(rejected.result_note.find("no provident fund account"), std::string::npos) << rejected.result_note;
  EXPECT_NE(rejected.result_note.find(sub.id), std::string::npos);
  // Jiangmen's reviewer can no longer approve it.
  EXPECT_THROW(act(jm, jm_reviewer, parent.id, CaseAction::approve), domain::ProblemError);
}

TEST_F(JointHandlingTest, WithdrawnParentWithdrawsTheUndecidedSubcase) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  act(mo, mo_reviewer, sub.id, CaseAction::accept);
  act(jm, applicant, parent.id, CaseAction::withdraw);
  ASSERT_TRUE(eventually([&] { return state(mo, sub.id) == CaseState::withdrawn; }));
}

TEST_F(JointHandlingTest, PeerThatHoldsNoSubcaseIsRefusedAndNothingChanges) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  ASSERT_TRUE(eventually([&] { return jm.node().store().list_events(parent.id).size() == 2; }));  // submit, received
  hk.start_federation();
  std::string payload = R"({"subcase_id":"HK-2026-000001","item_code":"MO-FSS-006","outcome":"rejected",)"
                        R"("reason":"forged","event":{"action":"reject","from_state":"accepted",)"
                        R"("to_state":"rejected","actor":"HK:x","actor_role":"reviewer","note":"","at_ms":1}})";
  auto answer = post_as(hk, jm, "subcase.done", parent.id, 1, payload);
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("not_case_owner"), std::string::npos) << answer.body;
  EXPECT_EQ(state(jm, parent.id), CaseState::submitted);
  EXPECT_EQ(jm.node().store().list_events(parent.id).size(), 2u);
}

}  // namespace
}  // namespace tongban::crossnode_test

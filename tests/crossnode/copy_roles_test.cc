// Who may act on which copy of a cross-border case (docs/cross-border.md, "Who acts on which copy"): the origin's
// copy of a case another node decides takes no decision from local staff, staff of another jurisdiction cannot be
// added, available_actions offers only what act() accepts, and a joint sub-case's refusal carries its reason.
#include <boost/json.hpp>

#include "domain/case_lifecycle.h"
#include "domain/problem.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

bool offers(const std::vector<CaseAction>& actions, CaseAction action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

class CopyRolesTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    clerk = jm.add_staff(domain::Role::clerk, "clerk@jm.example", "", "JM-WIN-CITY");
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(41));
    mo_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
  }

  domain::Case forwarded_case() {
    node::CaseApplication application;
    application.item_code = "MO-DSAL-002";
    application.applicant_id = applicant.account_id;
    application.consent_to_transfer = true;
    application.form = boost::json::object{{"applicant_name", "陳大文"},
                                           {"id_number", {{"type", "MO_BIR"}, {"number", "1234567(8)"}}},
                                           {"phone", "+85366123456"},
                                           {"consent_transfer", true}};
    application.materials = {{"mo_bir", jm.put_blob("BIR", clerk)}, {"application_form", jm.put_blob("form", clerk)}};
    auto opened = jm.cases().open(clerk, application, std::nullopt, "").kase;
    act(jm, clerk, opened.id, CaseAction::check_intake);
    auto kase = act(jm, clerk, opened.id, CaseAction::forward);
    EXPECT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", kase.id, "case.forward").has_value(); }));
    // Macao answers the forward with a "received" status, one more event on Jiangmen's copy: wait for it too, so a
    // test that compares versions and chain heads around a refused action does not see it land in between (it
    // did, in the slower sanitize build and under load).
    EXPECT_TRUE(eventually([&] { return jm.node().store().find_case(kase.id)->version > kase.version; }));
    return *jm.node().store().find_case(kase.id);
  }

  // A Macao reviewer account on the Jiangmen node, as `tongban account add` made them before it checked.
  domain::Actor legacy_foreign_reviewer() {
    store::AccountRecord record;
    record.id = "st_legacy_mo_reviewer";
    record.kind = "staff";
    record.login = "legacy@mo.example";
    record.display_name = "legacy";
    record.role = domain::Role::reviewer;
    record.authority = "MO-DSAL";
    record.created_at_ms = jm.node().now_ms();
    jm.node().store().write([&](store::Transaction& tx) { tx.insert_account(record); });
    return {record.id, domain::Role::reviewer, "MO-DSAL", ""};
  }

  domain::Actor clerk, applicant, mo_reviewer;
};

TEST_F(CopyRolesTest, OriginCopyOfAnotherNodesCaseTakesNoDecisionFromLocalStaff) {
  domain::Case origin = forwarded_case();
  domain::Actor foreign = legacy_foreign_reviewer();
  auto before = *jm.node().store().find_case(origin.id);
  auto head = jm.node().store().chain_head();
  EXPECT_TRUE(jm.cases().available_actions(foreign, before).empty());
  try {
    act(jm, foreign, origin.id, CaseAction::not_accept, "rejected at Jiangmen");
    ADD_FAILURE() << "a Jiangmen account decided a Macao case";
  } catch (const domain::ProblemError& error) {
    EXPECT_EQ(error.problem().slug, "conflict");
  }
  auto after = *jm.node().store().find_case(origin.id);
  EXPECT_EQ(after.state, CaseState::forwarded);
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(jm.node().store().chain_head().hash, head.hash);
  // Nothing went to Macao: its copy is still waiting for its own reviewer.
  EXPECT_EQ(copy_of(mo, "CN-GD-JM", origin.id, "case.forward")->state, CaseState::forwarded);
  // The intake side keeps its part: the applicant may still withdraw.
  EXPECT_TRUE(offers(jm.cases().available_actions(applicant, after), CaseAction::withdraw));
}

TEST_F(CopyRolesTest, AccountAddRefusesAnAuthorityOrServicePointOfAnotherNode) {
  auto refused_rule = [&](const node::StaffAccount& staff) {
    try {
      jm.accounts().add_staff(staff);
    } catch (const domain::ProblemError& error) {
      return error.problem().errors.empty() ? std::string() : error.problem().errors.front().rule;
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused_rule({"r@mo.example", "a long password 1", "r", domain::Role::reviewer, "MO-DSAL", ""}),
            "not_this_node");
  EXPECT_EQ(refused_rule({"c@mo.example", "a long password 1", "c", domain::Role::clerk, "", "MO-WIN-CSR"}),
            "not_this_node");
  EXPECT_FALSE(jm.node().store().find_account_by_login("r@mo.example"));
  EXPECT_FALSE(jm.node().store().find_account_by_login("c@mo.example"));
  // Its own authority is fine.
  EXPECT_NO_THROW(
      jm.accounts().add_staff({"r@jm.example", "a long password 1", "r", domain::Role::reviewer, "JM-HRSS", ""}));
}

TEST_F(CopyRolesTest, AvailableActionsOfferOnlyWhatActAccepts) {
  domain::Case origin = forwarded_case();
  domain::Actor foreign = legacy_foreign_reviewer();
  domain::Actor admin = jm.add_staff(domain::Role::admin, "admin@jm.example", "", "");
  auto kase = *jm.node().store().find_case(origin.id);
  // What the desk offers each role on this copy: the intake side's part only, no decision.
  EXPECT_TRUE(jm.cases().available_actions(clerk, kase).empty());  // forwarded: the clerk waits for Macao
  EXPECT_TRUE(jm.cases().available_actions(admin, kase).empty());
  EXPECT_EQ(jm.cases().available_actions(applicant, kase), std::vector<CaseAction>{CaseAction::withdraw});
  // The state machine alone would offer the foreign reviewer not_accept; the desk does not.
  EXPECT_TRUE(offers(domain::available_actions(kase, foreign), CaseAction::not_accept));
  EXPECT_FALSE(offers(jm.cases().available_actions(foreign, kase), CaseAction::not_accept));
}

class JointCopyTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    std::string ric = api_test::valid_cn_ric(42);
    applicant = jm.add_applicant("applicant@jm.example", ric);
    jm_reviewer = jm.add_staff(domain::Role::reviewer, "reviewer@jm.example", "JM-HRSS", "");
    mo_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-FSS", "");
    node::CaseApplication a;
    a.item_code = "JM-HRSS-004";
    a.mode = domain::HandlingMode::joint;
    a.consent_to_transfer = true;
    a.form = boost::json::object{{"applicant_name", "李小明"}, {"id_number", {{"type", "CN_RIC"}, {"number", ric}}},
                                 {"phone", "13800138000"},     {"from_region", "澳门"},
                                 {"to_region", "江门"},        {"consent_transfer", true}};
    a.materials = {{"id_card", jm.put_blob("id card", applicant)},
                   {"application_form", jm.put_blob("form", applicant)},
                   {"pension_contrib_cert", jm.put_blob("contributions", applicant)}};
    a.form["MO-FSS-006.postal_address"] = "澳门新马路 100 号";
    for (const char* id : {"mo_bir", "mo_salary_proof", "mo_ss_card", "mo_bank_proof"})
      a.materials.push_back({std::string("MO-FSS-006.") + id, jm.put_blob(id, applicant)});
    parent = jm.cases().open(applicant, a, std::nullopt, "").kase;
    ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", parent.id, "subcase.request").has_value(); }));
    sub = *copy_of(mo, "CN-GD-JM", parent.id, "subcase.request");
  }

  domain::Actor applicant, jm_reviewer, mo_reviewer;
  domain::Case parent, sub;
};

TEST_F(JointCopyTest, ParentDoesNotOfferIssueResultBeforeEverySubcaseIsApproved) {
  act(jm, jm_reviewer, parent.id, CaseAction::accept);
  auto approved = act(jm, jm_reviewer, parent.id, CaseAction::approve, "records received");
  EXPECT_TRUE(offers(domain::available_actions(approved, jm_reviewer), CaseAction::issue_result));
  EXPECT_FALSE(offers(jm.cases().available_actions(jm_reviewer, approved), CaseAction::issue_result));
  EXPECT_THROW(act(jm, jm_reviewer, parent.id, CaseAction::issue_result), domain::ProblemError);

  act(mo, mo_reviewer, sub.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::approve, "transferred out");
  ASSERT_TRUE(eventually([&] {
    auto now = *jm.node().store().find_case(parent.id);
    return offers(jm.cases().available_actions(jm_reviewer, now), CaseAction::issue_result);
  }));
}

TEST_F(JointCopyTest, SubcaseNotAcceptedCarriesTheOwnersReasonToTheParent) {
  act(mo, mo_reviewer, sub.id, CaseAction::not_accept, "not a member of the provident fund");
  ASSERT_TRUE(eventually([&] { return state(jm, parent.id) == CaseState::rejected; }));
  auto rejected = *jm.node().store().find_case(parent.id);
  EXPECT_NE(rejected.result_note.find("not a member of the provident fund"), std::string::npos) << rejected.result_note;
  bool in_history = false;
  for (const auto& e : jm.node().store().list_events(parent.id))
    in_history = in_history || e.note.find("not a member of the provident fund") != std::string::npos;
  EXPECT_TRUE(in_history);
}

TEST_F(JointCopyTest, SubcaseRequestWithAFormBreakingTheSubcaseItemsRulesIsRefused) {
  auto head = mo.node().store().chain_head();
  auto cases = mo.node().store().counts(mo.node().now_ms()).cases;
  std::string payload = R"({"parent_case_id":"CN-GD-JM-2026-990001","parent_item":"JM-HRSS-004",)"
                        R"("item_code":"MO-FSS-006","channel":"web","form":{"applicant_name":"x",)"
                        R"("id_number":{"type":"CN_RIC","number":"110101199003070000"},"phone":"1",)"
                        R"("from_region":"a","to_region":"b","consent_transfer":true},)"
                        R"("consent":{"to_transfer":true},"applicant":"CN-GD-JM:ap_x"})";
  auto answer = post_as(jm, mo, "subcase.request", "CN-GD-JM-2026-990001", 1, payload);
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("handler:form_invalid"), std::string::npos) << answer.body;
  EXPECT_EQ(mo.node().store().chain_head().hash, head.hash);
  EXPECT_EQ(mo.node().store().counts(mo.node().now_ms()).cases, cases);
}

}  // namespace
}  // namespace tongban::crossnode_test

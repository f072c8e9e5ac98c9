// What a joint sub-case carries (docs/cross-border.md, "Joint handling"): the parent's application at Jiangmen
// (JM-HRSS-004) also holds the part of the grouped Macao item (MO-FSS-006) — its postal_address and its required
// materials, which JM-HRSS-004 does not ask for. Without that part the intake is refused with field errors naming
// the item; with it the Macao sub-case holds exactly its own item's answers and materials (blobs transferred). A
// forged subcase.request in the parent item's shape is refused; the sub-case's supplement request reaches the
// parent's applicant and the supplement travels back.
#include <boost/json.hpp>

#include "domain/problem.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

class JointPartsTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    ric = api_test::valid_cn_ric(23);
    applicant = jm.add_applicant("applicant@jm.example", ric);
    jm_reviewer = jm.add_staff(domain::Role::reviewer, "reviewer@jm.example", "JM-HRSS", "");
    mo_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-FSS", "");
  }

  // The parent item's own application: form and materials of JM-HRSS-004 only.
  node::CaseApplication parent_only() {
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
    return a;
  }

  // With MO-FSS-006's part: the field it needs beyond the parent's and its four required materials.
  node::CaseApplication with_part() {
    node::CaseApplication a = parent_only();
    a.form["MO-FSS-006.postal_address"] = "  澳门新马路 100 号 3 楼  ";
    for (const char* id : {"mo_bir", "mo_salary_proof", "mo_ss_card", "mo_bank_proof"})
      a.materials.push_back({std::string("MO-FSS-006.") + id, jm.put_blob(std::string("scan of ") + id, applicant)});
    return a;
  }

  std::vector<domain::FieldError> refusal_of(const node::CaseApplication& a) {
    try {
      jm.cases().open(applicant, a, std::nullopt, "");
    } catch (const domain::ProblemError& error) {
      EXPECT_EQ(error.problem().slug, "validation-failed");
      return error.problem().errors;
    }
    ADD_FAILURE() << "the joint application was accepted";
    return {};
  }

  static bool has_error(const std::vector<domain::FieldError>& errors, const std::string& field,
                        const std::string& rule) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const domain::FieldError& e) { return e.field == field && e.rule == rule; });
  }

  std::pair<domain::Case, domain::Case> apply() {
    auto parent = jm.cases().open(applicant, with_part(), std::nullopt, "").kase;
    EXPECT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", parent.id, "subcase.request").has_value(); }));
    return {parent, *copy_of(mo, "CN-GD-JM", parent.id, "subcase.request")};
  }

  std::string ric;
  domain::Actor applicant, jm_reviewer, mo_reviewer;
};

TEST_F(JointPartsTest, IntakeWithoutThePartnerItemsPartIsRefusedNamingTheItemAndField) {
  auto cases = jm.node().store().counts(jm.node().now_ms()).cases;
  auto head = jm.node().store().chain_head();
  auto errors = refusal_of(parent_only());
  EXPECT_TRUE(has_error(errors, "form.MO-FSS-006.postal_address", "required"));
  for (const char* id : {"mo_bir", "mo_salary_proof", "mo_ss_card", "mo_bank_proof"})
    EXPECT_TRUE(has_error(errors, std::string("materials.MO-FSS-006.") + id, "required")) << id;
  // The parent's own answers stand in for the fields of the same id: no error about them.
  EXPECT_FALSE(has_error(errors, "form.MO-FSS-006.applicant_name", "required"));
  for (const auto& e : errors) EXPECT_NE(e.message.find("MO-FSS-006"), std::string::npos) << e.message;

  // A part that breaks its own item's rules is refused at the field too, and one for an item not handled jointly.
  auto a = with_part();
  a.form["MO-FSS-006.postal_address"] = "澳门";  // MO-FSS-006: at least 5 characters
  a.form["MO-FSS-006.email"] = "a@b.example";    // does not cross the border: not part of the sub-case
  EXPECT_TRUE(has_error(refusal_of(a), "form.MO-FSS-006.postal_address", "min_length"));
  EXPECT_TRUE(has_error(refusal_of(a), "form.MO-FSS-006.email", "unknown_field"));
  auto b = with_part();
  b.form["MO-DSAL-002.applicant_name"] = "李小明";
  EXPECT_TRUE(has_error(refusal_of(b), "form.MO-DSAL-002", "not_joint_partner"));

  EXPECT_EQ(jm.node().store().counts(jm.node().now_ms()).cases, cases);
  EXPECT_EQ(jm.node().store().chain_head().hash, head.hash);
}

TEST_F(JointPartsTest, SubcaseHoldsExactlyItsItemsAnswersAndMaterials) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  EXPECT_EQ(boost::json::parse(parent.form_json).at("MO-FSS-006.postal_address"), "澳门新马路 100 号 3 楼");

  boost::json::object expected{{"applicant_name", "李小明"},
                               {"id_number", {{"type", "CN_RIC"}, {"number", ric}}},
                               {"phone", "13800138000"},
                               {"postal_address", "澳门新马路 100 号 3 楼"},
                               {"consent_transfer", true}};
  EXPECT_EQ(boost::json::parse(sub.form_json).as_object(), expected) << sub.form_json;
  std::vector<std::pair<std::string, std::string>> held, wanted;
  for (const auto& m : sub.materials) held.emplace_back(m.material_id, m.blob_sha256);
  for (const auto& m : parent.materials)
    if (m.material_id.starts_with("MO-FSS-006.")) wanted.emplace_back(m.material_id.substr(11), m.blob_sha256);
  std::sort(held.begin(), held.end());
  std::sort(wanted.begin(), wanted.end());
  EXPECT_EQ(held, wanted);
  ASSERT_EQ(held.size(), 4u);
  for (const auto& [id, sha] : held) EXPECT_TRUE(mo.node().store().find_blob(sha).has_value()) << id;
  // Jiangmen's own materials did not travel.
  for (const auto& m : parent.materials) {
    if (m.material_id.starts_with("MO-FSS-006.")) continue;
    EXPECT_FALSE(mo.node().store().find_blob(m.blob_sha256)) << m.material_id;
  }
}

TEST_F(JointPartsTest, ForgedSubcaseRequestMissingThePartnerItemsRequiredFieldIsRefused) {
  auto head = mo.node().store().chain_head();
  auto cases = mo.node().store().counts(mo.node().now_ms()).cases;
  // The parent item's answers, valid by JM-HRSS-004's rules, but no postal_address that MO-FSS-006 requires.
  boost::json::object payload{{"parent_case_id", "CN-GD-JM-2026-990002"},
                              {"parent_item", "JM-HRSS-004"},
                              {"item_code", "MO-FSS-006"},
                              {"channel", "web"},
                              {"form", parent_only().form},
                              {"materials", boost::json::array{}},
                              {"blobs", boost::json::array{}},
                              {"consent", {{"to_transfer", true}}},
                              {"applicant", "CN-GD-JM:ap_x"}};
  auto answer = post_as(jm, mo, "subcase.request", "CN-GD-JM-2026-990002", 1, boost::json::serialize(payload));
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("handler:form_invalid"), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find("postal_address"), std::string::npos) << answer.body;
  EXPECT_EQ(mo.node().store().chain_head().hash, head.hash);
  EXPECT_EQ(mo.node().store().counts(mo.node().now_ms()).cases, cases);
}

TEST_F(JointPartsTest, SubcaseSupplementRequestReachesTheParentAndTheSupplementTravelsBack) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  act(jm, jm_reviewer, parent.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::accept);
  act(mo, mo_reviewer, sub.id, CaseAction::request_supplement, "the bank proof is unreadable");
  ASSERT_TRUE(eventually([&] { return state(jm, parent.id) == CaseState::supplement_requested; }));
  auto waiting = *jm.node().store().find_case(parent.id);
  EXPECT_TRUE(waiting.clock.paused_on.has_value());
  bool named = false;
  for (const auto& e : jm.node().store().list_events(parent.id))
    named = named || (e.note.find("MO-FSS-006") != std::string::npos &&
                      e.note.find("the bank proof is unreadable") != std::string::npos);
  EXPECT_TRUE(named);
  // The applicant sees what to do: supplement is offered, and does it.
  auto offered = jm.cases().available_actions(applicant, waiting);
  ASSERT_NE(std::find(offered.begin(), offered.end(), CaseAction::supplement), offered.end());
  node::CaseActionRequest supplement = request(CaseAction::supplement, waiting.version);
  std::string rescanned = jm.put_blob("a readable bank proof", applicant);
  supplement.materials = {{"MO-FSS-006.mo_bank_proof", rescanned}};
  jm.cases().act(applicant, parent.id, supplement);
  EXPECT_EQ(state(jm, parent.id), CaseState::in_review);

  ASSERT_TRUE(eventually([&] { return state(mo, sub.id) == CaseState::in_review; }));
  auto resumed = *mo.node().store().find_case(sub.id);
  EXPECT_FALSE(resumed.clock.paused_on.has_value());
  auto bank = std::find_if(resumed.materials.begin(), resumed.materials.end(),
                           [](const auto& m) { return m.material_id == "mo_bank_proof"; });
  ASSERT_NE(bank, resumed.materials.end());
  EXPECT_EQ(bank->blob_sha256, rescanned);
  EXPECT_EQ(resumed.materials.size(), 4u);
  EXPECT_TRUE(mo.node().store().find_blob(rescanned).has_value());
}

TEST_F(JointPartsTest, ForgedSupplementWithAMaterialTheSubcaseItemDoesNotAskForIsRefused) {
  auto applied = apply();  // not a structured binding: clang 14 does not let lambdas capture those
  [[maybe_unused]] auto& parent = applied.first;
  [[maybe_unused]] auto& sub = applied.second;
  auto accepted = act(mo, mo_reviewer, sub.id, CaseAction::accept);
  auto head = mo.node().store().chain_head();
  boost::json::object payload{
      {"parent_case_id", parent.id},
      {"event",
       {{"action", "supplement"},
        {"from_state", "supplement_requested"},
        {"to_state", "in_review"},
        {"actor", "CN-GD-JM:ap_x"},
        {"actor_role", "applicant"},
        {"note", ""},
        {"at_ms", 1}}},
      {"materials", {{{"material_id", "id_card"}, {"blob_sha256", sub.materials[0].blob_sha256}}}},
      {"blobs", boost::json::array{}}};
  auto answer = post_as(jm, mo, "subcase.status", parent.id, 2, boost::json::serialize(payload));
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("handler:form_invalid"), std::string::npos) << answer.body;
  auto after = *mo.node().store().find_case(sub.id);
  EXPECT_EQ(after.version, accepted.version);
  EXPECT_EQ(after.materials.size(), 4u);
  EXPECT_EQ(mo.node().store().chain_head().hash, head.hash);
}

}  // namespace
}  // namespace tongban::crossnode_test

// Online across borders: an applicant registered at Jiangmen applies online for a Macao item (MO-DSAL-002). Jiangmen
// vouches for the identity with a signed assertion; Macao accepts the application under a shadow applicant record
// (no second registration), and every step flows back. Also: a rejection, a forged assertion, and Hong Kong
// vouching for a case of Jiangmen's.
#include <boost/json.hpp>

#include "crossborder/identity_assertion.h"
#include "http/problem_response.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

constexpr const char* kForm = R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                              R"J("phone":"+85366123456","consent_transfer":true})J";

class OnlineAcrossBordersTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    ric = api_test::valid_cn_ric(31);
    applicant = jm.add_applicant("applicant@jm.example", ric);
    reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
  }

  domain::Case apply() {
    node::CaseApplication a;
    a.item_code = "MO-DSAL-002";
    a.mode = domain::HandlingMode::online;
    a.consent_to_transfer = true;
    a.delivery_method = "electronic";
    a.form = boost::json::parse(kForm).as_object();
    a.materials = {{"mo_bir", jm.put_blob("scan of the BIR", applicant)},
                   {"application_form", jm.put_blob("signed form", applicant)}};
    return jm.cases().open(applicant, a, std::nullopt, "").kase;
  }

  std::string ric;
  domain::Actor applicant, reviewer;
};

TEST_F(OnlineAcrossBordersTest, VouchedApplicantIsServedByTheOwnerAndStatusFlowsBack) {
  domain::Case home = apply();
  ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", home.id, "case.forward").has_value(); }));
  domain::Case copy = *copy_of(mo, "CN-GD-JM", home.id, "case.forward");
  EXPECT_EQ(copy.state, CaseState::submitted);
  EXPECT_EQ(copy.mode, domain::HandlingMode::online);
  EXPECT_EQ(copy.authority, "MO-DSAL");
  ASSERT_EQ(copy.materials.size(), 2u);
  // The shadow applicant record: the vouched identity, which cannot sign in at Macao.
  auto shadow = mo.node().store().find_account_by_document("CN_RIC", ric);
  ASSERT_TRUE(shadow);
  EXPECT_TRUE(shadow->disabled);
  EXPECT_EQ(shadow->id, "xa:CN-GD-JM:" + applicant.account_id);
  auto events = mo.node().store().list_events(copy.id);
  EXPECT_NE(events.back().note.find("identity vouched by CN-GD-JM: applicant record " + shadow->id), std::string::npos);

  act(mo, reviewer, copy.id, CaseAction::accept);
  act(mo, reviewer, copy.id, CaseAction::request_supplement, "sign page 2");
  ASSERT_TRUE(eventually([&] { return state(jm, home.id) == CaseState::supplement_requested; }));
  auto waiting = *jm.node().store().find_case(home.id);
  auto supplement = request(CaseAction::supplement, waiting.version, "signed");
  std::string page = jm.put_blob("page 2, signed", applicant);
  supplement.materials = {{"application_form", page}};
  jm.cases().act(applicant, home.id, supplement);
  ASSERT_TRUE(eventually([&] { return state(mo, copy.id) == CaseState::in_review; }));
  EXPECT_TRUE(mo.node().store().find_blob(page));
  act(mo, reviewer, copy.id, CaseAction::approve, "ok");
  act(mo, reviewer, copy.id, CaseAction::issue_result, "card MO-DSAL-2026-1");
  ASSERT_TRUE(eventually([&] { return state(jm, home.id) == CaseState::result_issued; }));
  EXPECT_EQ(jm.node().store().find_case(home.id)->result_note, "card MO-DSAL-2026-1");
  EXPECT_EQ(transitions(jm.node().store().list_events(home.id)), transitions(mo.node().store().list_events(copy.id)));

  // A second application by the same person reuses the same record: nobody is registered twice.
  domain::Case again = apply();
  ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", again.id, "case.forward").has_value(); }));
  EXPECT_EQ(mo.node().store().find_account_by_document("CN_RIC", ric)->id, shadow->id);
}

TEST_F(OnlineAcrossBordersTest, RejectionFlowsBackToTheHomeNode) {
  domain::Case home = apply();
  ASSERT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", home.id, "case.forward").has_value(); }));
  domain::Case copy = *copy_of(mo, "CN-GD-JM", home.id, "case.forward");
  act(mo, reviewer, copy.id, CaseAction::accept);
  act(mo, reviewer, copy.id, CaseAction::reject, "no Macao employer");
  ASSERT_TRUE(eventually([&] { return state(jm, home.id) == CaseState::rejected; }));
  EXPECT_EQ(jm.node().store().find_case(home.id)->result_note, "no Macao employer");
}

TEST_F(OnlineAcrossBordersTest, ForgedAssertionAndForeignVouchingAreRefused) {
  hk.start_federation();
  auto before = mo.node().store().counts(mo.node().now_ms());
  auto application = [](boost::json::object payload) {
    payload["item_code"] = "MO-DSAL-002";
    payload["channel"] = "web";
    payload["form"] = boost::json::object{};
    payload["materials"] = boost::json::array{};
    payload["blobs"] = boost::json::array{};
    payload["consent"] = {{"to_transfer", true}};
    payload["history"] = boost::json::array{};
    return boost::json::serialize(payload);
  };
  crossborder::IdentityAssertion claim{"CN-GD-JM", "ap_someone", "natural_person", "X", "CN_RIC", ric, "CN-GD-JM-1", 1};
  // Hong Kong signs an assertion in Jiangmen's name: the signature is not Jiangmen's.
  auto forged = crossborder::sign_assertion(claim, federation::NodeKey::load(hk.dir() / "keys" / "node.key"));
  auto answer = post_as(hk, mo, "identity.assertion", "CN-GD-JM-1", 1, application(forged));
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("assertion_invalid"), std::string::npos) << answer.body;
  // Hong Kong vouches with its own key, but the assertion was made for a Jiangmen case, not the one it names.
  claim.home_node = "HK";
  auto foreign = crossborder::sign_assertion(claim, federation::NodeKey::load(hk.dir() / "keys" / "node.key"));
  answer = post_as(hk, mo, "identity.assertion", "HK-2026-000001", 1, application(foreign));
  EXPECT_EQ(answer.status, 422);
  EXPECT_NE(answer.body.find("assertion_invalid"), std::string::npos) << answer.body;
  auto after = mo.node().store().counts(mo.node().now_ms());
  EXPECT_EQ(after.cases, before.cases);
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_FALSE(mo.node().store().find_account_by_document("CN_RIC", ric));
}

}  // namespace
}  // namespace tongban::crossnode_test

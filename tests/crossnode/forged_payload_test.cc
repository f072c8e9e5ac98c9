// A trusted peer signing with its own key sends what it likes: the receiving node must not believe more of it than
// of a local user (docs/cross-border.md, "Receiving checks"). Each test forges one message — signed with the peer's
// own key, posted to the receiver's inbox over real HTTP — and shows it is refused with its stable code and that
// nothing changed on the receiver: the number of cases, the head of the audit chain, the case's state.
#include <boost/json.hpp>

#include "domain/problem.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;

constexpr const char* kItem = "MO-DSAL-002";   // Macao item of ZONE-MO-IN-JM (hosted by Jiangmen)
constexpr const char* kPoint = "JM-WIN-CITY";  // a Jiangmen window of that zone

// What a receiver holds; a refused message must leave all of it as it was.
struct Holding {
  std::int64_t cases = 0;
  store::ChainHead head;
};

class ForgedPayloadTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    mo_reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
    clerk = jm.add_staff(domain::Role::clerk, "clerk@jm.example", "", kPoint);
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(31));
  }

  static Holding holding(FederatedNode& at) {
    return {at.node().store().counts(at.node().now_ms()).cases, at.node().store().chain_head()};
  }
  static void expect_unchanged(FederatedNode& at, const Holding& before) {
    Holding now = holding(at);
    EXPECT_EQ(now.cases, before.cases);
    EXPECT_EQ(now.head.sequence, before.head.sequence);
    EXPECT_EQ(now.head.hash, before.head.hash);
  }
  static void expect_refused(const federation::TransportResult& answer, const std::string& code) {
    ASSERT_TRUE(answer.reached);
    EXPECT_EQ(answer.status, 422) << answer.body;
    EXPECT_NE(answer.body.find("handler:" + code), std::string::npos) << answer.body;
  }

  // A case.forward from Jiangmen that a Jiangmen clerk could have sent: every test spoils one member.
  static boost::json::object forward(const std::string& case_ref) {
    return {{"origin_case_id", case_ref},
            {"item_code", kItem},
            {"channel", "window"},
            {"intake_point", kPoint},
            {"form",
             {{"applicant_name", "陳大文"},
              {"id_number", {{"type", "MO_BIR"}, {"number", "1234567(8)"}}},
              {"phone", "+85366123456"},
              {"consent_transfer", true}}},
            {"materials", boost::json::array{}},
            {"blobs", boost::json::array{}},
            {"delivery_method", "window_pickup"},
            {"consent", {{"to_transfer", true}, {"recorded_at_ms", 1}, {"recorded_by", "applicant"}}},
            {"history", boost::json::array{}}};
  }

  federation::TransportResult send_forward(const boost::json::object& payload, FederatedNode* from = nullptr) {
    return post_as(from ? *from : jm, mo, "case.forward", std::string(payload.at("origin_case_id").as_string()), 1,
                   boost::json::serialize(payload));
  }

  // Refuses `payload` with `code` and leaves Macao as it was.
  void expect_forward_refused(const boost::json::object& payload, const std::string& code,
                              FederatedNode* from = nullptr) {
    Holding before = holding(mo);
    expect_refused(send_forward(payload, from), code);
    expect_unchanged(mo, before);
    std::string ref(payload.at("origin_case_id").as_string());
    EXPECT_FALSE(copy_of(mo, from ? from->id() : jm.id(), ref, "case.forward"));
  }

  // A real remote-intake case of Jiangmen, forwarded and received at Macao.
  domain::Case forwarded_case() {
    node::CaseApplication application;
    application.item_code = kItem;
    application.applicant_id = applicant.account_id;
    application.consent_to_transfer = true;
    application.delivery_method = "window_pickup";
    application.form = forward("x").at("form").as_object();
    application.materials = {{"mo_bir", jm.put_blob("BIR", clerk)}, {"application_form", jm.put_blob("form", clerk)}};
    auto opened = jm.cases().open(clerk, application, std::nullopt, "").kase;
    act(jm, clerk, opened.id, CaseAction::check_intake);
    auto kase = act(jm, clerk, opened.id, CaseAction::forward);
    EXPECT_TRUE(eventually([&] { return jm.node().store().list_events(kase.id).size() == 4; }));  // + received
    return *jm.node().store().find_case(kase.id);
  }

  domain::Actor mo_reviewer, clerk, applicant;
};

TEST_F(ForgedPayloadTest, WellFormedForwardIsAcceptedSoTheRefusalsBelowAreOfTheForgedMemberAlone) {
  auto answer = send_forward(forward("CN-GD-JM-2026-900001"));
  ASSERT_TRUE(answer.reached);
  EXPECT_EQ(answer.status, 200) << answer.body;
  auto copy = copy_of(mo, "CN-GD-JM", "CN-GD-JM-2026-900001", "case.forward");
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->intake_point, kPoint);
}

TEST_F(ForgedPayloadTest, ConsentFalseIsRefused) {
  auto payload = forward("CN-GD-JM-2026-900002");
  payload["consent"].as_object()["to_transfer"] = false;
  expect_forward_refused(payload, "consent_missing");
}

TEST_F(ForgedPayloadTest, ConsentAsTextOrNumberIsRefused) {
  auto text = forward("CN-GD-JM-2026-900003");
  text["consent"].as_object()["to_transfer"] = "true";
  expect_forward_refused(text, "consent_missing");
  auto one = forward("CN-GD-JM-2026-900004");
  one["consent"].as_object()["to_transfer"] = 1;
  expect_forward_refused(one, "consent_missing");
}

TEST_F(ForgedPayloadTest, ConsentMissingIsRefused) {
  auto payload = forward("CN-GD-JM-2026-900005");
  payload["consent"].as_object().erase("to_transfer");
  expect_forward_refused(payload, "consent_missing");
}

TEST_F(ForgedPayloadTest, ItemInNoZoneTheSenderHostsIsRefused) {
  // Hong Kong hosts no Macao zone: it cannot have taken in a Macao item at one of its windows.
  auto payload = forward("HK-2026-900006");
  payload["intake_point"] = "HK-WIN-IRD";
  expect_forward_refused(payload, "not_hosted", &hk);
}

TEST_F(ForgedPayloadTest, IntakePointThatIsNotOneOfTheSendersIsRefused) {
  // Ours, the sender's but not hosting the zone, unknown, none.
  int serial = 10;
  for (const char* point : {"MO-WIN-CSR", "JM-WIN-JIANGHAI", "NO-SUCH-POINT", ""}) {
    SCOPED_TRACE(point);
    auto payload = forward("CN-GD-JM-2026-9000" + std::to_string(serial++));
    payload["intake_point"] = point;
    expect_forward_refused(payload, "intake_point_foreign");
  }
}

TEST_F(ForgedPayloadTest, FormBreakingTheItemsRulesIsRefused) {
  auto bad_phone = forward("CN-GD-JM-2026-900020");  // breaks the item's pattern for a Macao phone
  bad_phone["form"].as_object()["phone"] = "+85312";
  expect_forward_refused(bad_phone, "form_invalid");
  auto bad_document = forward("CN-GD-JM-2026-900023");  // not a {type, number} identity document
  bad_document["form"].as_object()["id_number"] = "1234567(8)";
  expect_forward_refused(bad_document, "form_invalid");
  auto missing = forward("CN-GD-JM-2026-900021");
  missing["form"].as_object().erase("applicant_name");
  expect_forward_refused(missing, "form_invalid");
  auto extra = forward("CN-GD-JM-2026-900022");  // a field that does not cross the border, or none of the item's
  extra["form"].as_object()["hobby"] = "none";
  expect_forward_refused(extra, "form_invalid");
}

TEST_F(ForgedPayloadTest, HistoryActorNamingOurReviewerIsRecordedAsTheSendersActor) {
  auto payload = forward("CN-GD-JM-2026-900030");
  payload["history"] = boost::json::array{{{"action", "approve"},
                                           {"from_state", "forwarded"},
                                           {"to_state", "approved"},
                                           {"actor", mo_reviewer.account_id},
                                           {"actor_role", "reviewer"},
                                           {"note", "approved"},
                                           {"at_ms", 1}},
                                          {{"action", "approve"},
                                           {"from_state", "forwarded"},
                                           {"to_state", "approved"},
                                           {"actor", "MO:" + mo_reviewer.account_id},
                                           {"actor_role", "reviewer"},
                                           {"note", "approved"},
                                           {"at_ms", 2}}};
  auto answer = send_forward(payload);
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto copy = copy_of(mo, "CN-GD-JM", "CN-GD-JM-2026-900030", "case.forward");
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->state, CaseState::forwarded);  // history never moves the copy
  auto events = mo.node().store().list_events(copy->id);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].actor_id, "CN-GD-JM:" + mo_reviewer.account_id);
  EXPECT_EQ(events[1].actor_id, "CN-GD-JM:MO:" + mo_reviewer.account_id);
  for (const auto& e : events) {
    EXPECT_NE(e.actor_id, mo_reviewer.account_id);
    EXPECT_FALSE(e.actor_id.starts_with("MO:st_")) << e.actor_id;
  }
}

TEST_F(ForgedPayloadTest, StatusBackToDraftIsRefusedAndTheApplicantCannotResubmit) {
  domain::Case origin = forwarded_case();
  auto copy = copy_of(mo, "CN-GD-JM", origin.id, "case.forward");
  ASSERT_TRUE(copy);
  Holding before = holding(jm);
  std::string payload = R"({"owner_case_id":")" + copy->id +
                        R"(","event":{"action":"submit","from_state":"forwarded","to_state":"draft",)"
                        R"("actor":"MO:x","actor_role":"reviewer","note":"","at_ms":1}})";
  expect_refused(post_as(mo, jm, "case.status", origin.id, 2, payload), "impossible_transition");
  expect_unchanged(jm, before);
  EXPECT_EQ(state(jm, origin.id), CaseState::forwarded);
  EXPECT_THROW(act(jm, applicant, origin.id, CaseAction::submit), domain::ProblemError);
}

TEST_F(ForgedPayloadTest, StatusSkippingTheOwnersStepsIsRefused) {
  domain::Case origin = forwarded_case();
  auto copy = copy_of(mo, "CN-GD-JM", origin.id, "case.forward");
  ASSERT_TRUE(copy);
  Holding before = holding(jm);
  // forwarded -> result_issued: no row of the table; nor a reviewer "submitting" again.
  std::string payload = R"({"owner_case_id":")" + copy->id +
                        R"(","event":{"action":"issue_result","from_state":"approved","to_state":"result_issued",)"
                        R"("actor":"MO:x","actor_role":"reviewer","note":"","at_ms":1}})";
  expect_refused(post_as(mo, jm, "case.status", origin.id, 2, payload), "impossible_transition");
  expect_unchanged(jm, before);
  EXPECT_EQ(state(jm, origin.id), CaseState::forwarded);
}

TEST_F(ForgedPayloadTest, StatusFromAPeerThatDoesNotOwnTheCaseIsRefused) {
  domain::Case origin = forwarded_case();
  Holding before = holding(jm);
  std::string payload = R"({"owner_case_id":"HK-2026-000001","event":{"action":"accept","from_state":"forwarded",)"
                        R"("to_state":"accepted","actor":"HK:x","actor_role":"reviewer","note":"","at_ms":1}})";
  expect_refused(post_as(hk, jm, "case.status", origin.id, 1, payload), "not_case_owner");
  expect_unchanged(jm, before);
  EXPECT_EQ(state(jm, origin.id), CaseState::forwarded);
}

TEST_F(ForgedPayloadTest, MirroredHistoryOnTheOriginIsAttributedToTheOwner) {
  domain::Case origin = forwarded_case();
  auto copy = copy_of(mo, "CN-GD-JM", origin.id, "case.forward");
  ASSERT_TRUE(copy);
  // Macao claims its accept was made by the Jiangmen clerk.
  std::string payload = R"({"owner_case_id":")" + copy->id +
                        R"(","event":{"action":"accept","from_state":"forwarded","to_state":"accepted",)"
                        R"("actor":")" +
                        clerk.account_id + R"(","actor_role":"reviewer","note":"","at_ms":1}})";
  auto answer = post_as(mo, jm, "case.status", origin.id, 2, payload);
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto events = jm.node().store().list_events(origin.id);
  EXPECT_EQ(events.back().actor_id, "MO:" + clerk.account_id);
  EXPECT_EQ(state(jm, origin.id), CaseState::accepted);
}

}  // namespace
}  // namespace tongban::crossnode_test

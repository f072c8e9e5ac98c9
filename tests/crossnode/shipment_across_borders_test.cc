// Post across the border (issue 11 §2): a Jiangmen clerk takes in a Macao item and posts the originals to Macao; Macao
// decides and posts the result back to the Jiangmen window. Each shipment's carrier reports to the node that posted
// it, and every event shows on both nodes of the case: the same tracking, a failed attempt in the Jiangmen clerk's
// queue, proof of delivery moving both copies to delivered with the same served date. A peer that shares no case,
// or claims a shipment it does not own, is refused with nothing applied.
#include <boost/json.hpp>

#include "http_client.h"
#include "mode_fixture.h"
#include "node/post_desk.h"
#include "post/carrier_adapter.h"
#include "post/webhook_signature.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;
using domain::PostalEvent;
using domain::ShipmentStatus;

constexpr const char* kItem = "MO-DSAL-002";   // Macao item offered in ZONE-MO-IN-JM
constexpr const char* kPoint = "JM-WIN-CITY";  // the Jiangmen window hosting that zone
constexpr const char* kCarrier = "sim-post";
constexpr const char* kForm = R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                              R"J("phone":"+85366123456","consent_transfer":true})J";

class ShipmentAcrossBordersTest : public ModeFixture {
 protected:
  void SetUp() override {
    ModeFixture::SetUp();
    clerk = jm.add_staff(domain::Role::clerk, "clerk@jm.example", "", kPoint);
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(9));
    reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
    mo_secret = post::ensure_carrier_secret(mo.node().config().data_dir, kCarrier);
  }

  // The Jiangmen case, taken in at the window and forwarded; returns it once Macao holds its copy.
  domain::Case forwarded_case() {
    node::CaseApplication a;
    a.item_code = kItem;
    a.applicant_id = applicant.account_id;
    a.consent_to_transfer = true;
    a.delivery_method = "window_pickup";
    a.form = boost::json::parse(kForm).as_object();
    a.materials = {{"mo_bir", jm.put_blob("scan of the BIR", clerk)},
                   {"application_form", jm.put_blob("signed application form", clerk)}};
    domain::Case origin = jm.cases().open(clerk, a, std::nullopt, "").kase;
    act(jm, clerk, origin.id, CaseAction::check_intake);
    origin = act(jm, clerk, origin.id, CaseAction::forward);
    EXPECT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", origin.id, "case.forward").has_value(); }));
    return origin;
  }

  domain::Case macao_copy(const std::string& origin_id) { return *copy_of(mo, "CN-GD-JM", origin_id, "case.forward"); }

  // The shipments a node holds for one of its cases, with their tracking, as its staff see them.
  static std::vector<node::ShipmentView> shipments(FederatedNode& at, const std::string& case_id) {
    domain::Actor admin{"st_test_admin", domain::Role::admin, "", ""};
    return node::PostDesk(at.node()).shipments(admin, case_id);
  }
  static std::optional<node::ShipmentView> shipment(FederatedNode& at, const std::string& case_id,
                                                    const std::string& item_id) {
    for (auto& view : shipments(at, case_id))
      if (view.shipment.item_id == item_id) return view;
    return std::nullopt;
  }
  static std::vector<std::string> event_ids(const node::ShipmentView& view) {
    std::vector<std::string> ids;
    for (const auto& event : view.tracking.events) ids.push_back(event.event_id);
    return ids;
  }
  // True once `at` holds `item_id` of `case_id` with exactly `count` events.
  static bool holds_events(FederatedNode& at, const std::string& case_id, const std::string& item_id,
                           std::size_t count) {
    auto view = shipment(at, case_id, item_id);
    return view && view->tracking.events.size() == count;
  }

  post::CarrierReport report(const std::string& item, std::string id, PostalEvent event, std::int64_t at,
                             std::string reason = "", std::string proof = "") {
    return {item, {std::move(id), event, at, "Macau Central Post Office", std::move(reason), std::move(proof)}};
  }

  // Macao's carrier calls Macao's webhook, signed with its secret, as the real carrier would.
  void macao_carrier_reports(const std::vector<post::CarrierReport>& reports) {
    const std::string body = post::upu_json_body(reports);
    const std::int64_t now_s = mo.node().now_ms() / 1000;
    api_test::HttpClient client("127.0.0.1", mo.port());
    auto answer = client.post("/api/v1/carriers/sim-post/events", body, "",
                              {{std::string(post::kTimestampHeader), std::to_string(now_s)},
                               {std::string(post::kSignatureHeader), post::webhook_signature(mo_secret, now_s, body)}});
    ASSERT_EQ(answer.status, 200) << answer.body;
  }

  // Decides the case in Macao and posts the result to the Jiangmen window; returns the item id.
  std::string macao_posts_the_result(const domain::Case& origin) {
    domain::Case copy = macao_copy(origin.id);
    act(mo, reviewer, copy.id, CaseAction::accept);
    act(mo, reviewer, copy.id, CaseAction::approve, "registered");
    act(mo, reviewer, copy.id, CaseAction::issue_result, "registration MO-DSAL-2026-9");
    EXPECT_TRUE(eventually([&] { return state(jm, origin.id) == CaseState::result_issued; }));
    node::NewShipment result;
    result.kind = domain::ShipmentKind::result;
    result.carrier = kCarrier;
    result.recipient = "intake_point";
    return node::PostDesk(mo.node()).open(reviewer, copy.id, result).item_id;
  }

  domain::Actor clerk, applicant, reviewer;
  std::string mo_secret;
};

TEST_F(ShipmentAcrossBordersTest, OriginalsPostedFromJiangmenAreTrackedInMacao) {
  domain::Case origin = forwarded_case();
  node::NewShipment materials;
  materials.kind = domain::ShipmentKind::materials;
  materials.carrier = kCarrier;
  const std::string item = node::PostDesk(jm.node()).open(clerk, origin.id, materials).item_id;
  const std::string copy_id = macao_copy(origin.id).id;

  ASSERT_TRUE(eventually([&] { return shipment(mo, copy_id, item).has_value(); }));
  auto held = *shipment(mo, copy_id, item);
  EXPECT_EQ(held.shipment.origin_node, "CN-GD-JM");
  EXPECT_EQ(held.shipment.kind, domain::ShipmentKind::materials);
  EXPECT_EQ(held.shipment.sender, kPoint);
  EXPECT_EQ(held.shipment.recipient, "MO-DSAL");
  EXPECT_EQ(held.tracking.status, ShipmentStatus::created);

  const std::int64_t t = jm.node().now_ms();
  node::PostDesk(jm.node()).record_reports(
      kCarrier,
      {report(item, "m1", PostalEvent::accepted, t - 3000), report(item, "m2", PostalEvent::in_transit, t - 2000),
       report(item, "m3", PostalEvent::delivered, t - 1000, "", "signed: MO-DSAL registry")});
  ASSERT_TRUE(eventually([&] { return holds_events(mo, copy_id, item, 3); }));
  auto delivered = *shipment(mo, copy_id, item);
  EXPECT_EQ(delivered.tracking.status, ShipmentStatus::delivered);
  EXPECT_EQ(event_ids(delivered), (std::vector<std::string>{"m1", "m2", "m3"}));
  // Macao's history records the delivery of the originals, attributed to Jiangmen's carrier; the state is kept.
  auto history = mo.node().store().list_events(copy_id);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().action, CaseAction::shipment_delivered);
  EXPECT_EQ(history.back().actor_id, "CN-GD-JM:carrier:sim-post");
  EXPECT_EQ(state(mo, copy_id), CaseState::forwarded);
}

TEST_F(ShipmentAcrossBordersTest, TheResultPostedFromMacaoMovesOnBothNodes) {
  domain::Case origin = forwarded_case();
  const std::string item = macao_posts_the_result(origin);
  const std::string copy_id = macao_copy(origin.id).id;
  ASSERT_TRUE(eventually([&] { return shipment(jm, origin.id, item).has_value(); }));
  EXPECT_EQ(shipment(jm, origin.id, item)->shipment.origin_node, "MO");
  EXPECT_EQ(shipment(jm, origin.id, item)->shipment.recipient, kPoint);

  const std::int64_t t = mo.node().now_ms();
  macao_carrier_reports({report(item, "r1", PostalEvent::accepted, t - 60'000),
                         report(item, "r2", PostalEvent::held_by_customs, t - 50'000, "declaration checked at Gongbei"),
                         report(item, "r3", PostalEvent::in_transit, t - 40'000),
                         report(item, "r4", PostalEvent::failed_attempt, t - 30'000, "window closed")});
  ASSERT_TRUE(eventually([&] { return holds_events(jm, origin.id, item, 4); }));
  EXPECT_EQ(shipment(jm, origin.id, item)->tracking.status, ShipmentStatus::attempt_failed);
  EXPECT_EQ(shipment(mo, copy_id, item)->tracking.status, ShipmentStatus::attempt_failed);
  // The failed attempt and the customs hold are tasks of the Jiangmen window (the intake point is Jiangmen's);
  // Macao, which has no such window, puts them in its admins' queue.
  auto tasks = jm.node().store().list_open_shipment_tasks(kPoint);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].case_id, origin.id);
  EXPECT_EQ(mo.node().store().list_open_shipment_tasks("").size(), 2u);

  // The delivery scan arrives before the "out for delivery" scan that preceded it; a replay changes nothing.
  macao_carrier_reports({report(item, "r6", PostalEvent::delivered, t - 10'000, "", "signed: JM-WIN-CITY clerk 07")});
  macao_carrier_reports({report(item, "r5", PostalEvent::out_for_delivery, t - 20'000),
                         report(item, "r6", PostalEvent::delivered, t - 10'000, "", "signed: JM-WIN-CITY clerk 07")});
  ASSERT_TRUE(eventually([&] { return holds_events(jm, origin.id, item, 6); }));
  ASSERT_TRUE(eventually([&] { return state(jm, origin.id) == CaseState::delivered; }));
  auto at_jm = *shipment(jm, origin.id, item);
  auto at_mo = *shipment(mo, copy_id, item);
  EXPECT_EQ(at_jm.tracking.status, ShipmentStatus::delivered);
  EXPECT_EQ(event_ids(at_jm), event_ids(at_mo));
  EXPECT_EQ(event_ids(at_jm), (std::vector<std::string>{"r1", "r2", "r3", "r4", "r5", "r6"}));
  EXPECT_EQ(state(mo, copy_id), CaseState::delivered);
  EXPECT_FALSE(at_mo.shipment.served_on.empty());
  EXPECT_EQ(at_jm.shipment.served_on, at_mo.shipment.served_on);
}

TEST_F(ShipmentAcrossBordersTest, APeerThatSharesNoCaseOrClaimsAnotherShipmentIsRefused) {
  domain::Case origin = forwarded_case();
  const std::string item = macao_posts_the_result(origin);
  ASSERT_TRUE(eventually([&] { return shipment(jm, origin.id, item).has_value(); }));
  const auto before = event_ids(*shipment(jm, origin.id, item));
  const std::string update =
      R"({"shipment":{"item_id":")" + item +
      R"(","carrier":"sim-post","kind":"result","sender":"MO-DSAL",)"
      R"("recipient":"JM-WIN-CITY","created_at_ms":1},"events":[{"event_id":"x1","event":"delivered",)"
      R"("at_ms":1,"location":"nowhere","reason":"","proof":"forged"}]})";
  auto expect_refused = [&](const federation::TransportResult& answer, const std::string& code) {
    ASSERT_TRUE(answer.reached);
    EXPECT_EQ(answer.status, 422) << answer.body;
    EXPECT_NE(answer.body.find("handler:" + code), std::string::npos) << answer.body;
  };
  // Hong Kong is trusted, but the case is not one it shares with Jiangmen.
  expect_refused(post_as(hk, jm, "shipment.update", origin.id, 1, update), "not_case_owner");
  // A malformed event (a delivery without proof) is refused whole.
  std::string no_proof = update;
  no_proof.replace(no_proof.find("\"forged\""), 8, "\"\"");
  const std::int64_t next = jm.node().store().last_applied_sequence("MO", origin.id) + 1;
  expect_refused(post_as(mo, jm, "shipment.update", origin.id, next, no_proof), "payload_malformed");
  // A new item whose recipient is not the case's (a result "posted" to another window) is refused whole.
  std::string elsewhere = update;
  elsewhere.replace(elsewhere.find(item), item.size(), "RR000000014MO");
  elsewhere.replace(elsewhere.find("JM-WIN-CITY"), 11, "JM-WIN-XINHUI");
  elsewhere.replace(elsewhere.find("\"forged\""), 8, "\"signed\"");
  expect_refused(post_as(mo, jm, "shipment.update", origin.id, next, elsewhere), "payload_malformed");
  EXPECT_FALSE(shipment(jm, origin.id, "RR000000014MO").has_value());
  EXPECT_EQ(event_ids(*shipment(jm, origin.id, item)), before);
  EXPECT_EQ(state(jm, origin.id), CaseState::result_issued);
  EXPECT_TRUE(jm.node().store().list_open_shipment_tasks(kPoint).empty());
}

}  // namespace
}  // namespace tongban::crossnode_test

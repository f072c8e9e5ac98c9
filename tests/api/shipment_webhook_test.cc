// Post over HTTP (docs/post.md): a reviewer posts an issued result; the carrier's webhook must be signed with its
// own secret and fresh — unsigned, stale, badly signed calls and unknown carriers are refused with their problems
// and change nothing; a signed call applies its events once (a replay adds nothing), a failed attempt records a case
// event and a post task, and proof of delivery moves the case to delivered with its served date, which a late
// 'in transit' scan does not undo.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "case_scenario.h"
#include "domain/s10_item_id.h"
#include "node_under_test.h"
#include "post/carrier_adapter.h"
#include "post/webhook_signature.h"

namespace tongban::api_test {
namespace {

class ShipmentWebhook : public ::testing::Test {
 protected:
  void SetUp() override {
    secret = post::ensure_carrier_secret(node.data_dir(), "sim-post");
    applicant = node.register_applicant("post-applicant");
    reviewer = node.add_reviewer("post-reviewer", std::string(kItemAuthority));
    admin = node.add_admin("post-admin");
    auto materials = upload_required_materials(http, applicant.token, "post");
    auto body = application(applicant, materials);
    body["delivery_method"] = "post";
    body["delivery_address"] = "江门市蓬江区建设路 1 号";
    auto kase = open_case_ok(http, applicant.token, body);
    case_id = text(kase, "id");
    for (const char* action : {"accept", "start_review", "approve", "issue_result"}) {
      auto current = read_case(http, reviewer.token, case_id);
      auto answer = act(http, reviewer.token, case_id, current->at("version").as_int64(), {{"action", action}});
      ASSERT_EQ(answer.status, 200) << action << ": " << answer.body;
    }
    auto opened = http.post("/api/v1/cases/" + case_id + "/shipments",
                            R"({"kind":"result","carrier":"sim-post","recipient":"applicant"})", reviewer.token);
    ASSERT_EQ(opened.status, 201) << opened.body;
    item_id = text(opened.json(), "item_id");
  }

  std::string events_body(const std::vector<post::CarrierReport>& reports) { return post::upu_json_body(reports); }
  post::CarrierReport report(std::string id, domain::PostalEvent event, std::int64_t at, std::string reason = "",
                             std::string proof = "") {
    return {item_id, {std::move(id), event, at, "Jiangmen", std::move(reason), std::move(proof)}};
  }
  HttpAnswer send(const std::string& body, std::int64_t timestamp_s, const std::string& signature,
                  const std::string& carrier = "sim-post") {
    Headers headers;
    if (timestamp_s >= 0) headers.emplace_back(std::string(post::kTimestampHeader), std::to_string(timestamp_s));
    if (!signature.empty()) headers.emplace_back(std::string(post::kSignatureHeader), signature);
    return http.post("/api/v1/carriers/" + carrier + "/events", body, "", headers);
  }
  HttpAnswer send_signed(const std::string& body) {
    const std::int64_t now_s = node.now_ms() / 1000;
    return send(body, now_s, post::webhook_signature(secret, now_s, body));
  }
  boost::json::object shipment() {
    auto answer = http.get("/api/v1/cases/" + case_id + "/shipments", applicant.token);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json().at("shipments").as_array().at(0).as_object();
  }
  std::vector<std::string> case_actions() {
    std::vector<std::string> actions;
    auto answer = http.get("/api/v1/cases/" + case_id + "/events", applicant.token);
    const auto listed = answer.json();
    for (const auto& event : listed.at("events").as_array()) actions.push_back(text(event, "action"));
    return actions;
  }

  NodeUnderTest node;
  HttpClient http = node.client();
  std::string secret;
  TestAccount applicant, reviewer, admin;
  std::string case_id, item_id;
};

TEST_F(ShipmentWebhook, TheNodeAssignsAValidS10IdAndOnlyStaffOpenShipments) {
  EXPECT_TRUE(domain::valid_s10_item_id(item_id)) << item_id;
  EXPECT_EQ(item_id.substr(11), "CN");
  EXPECT_EQ(text(shipment(), "status"), "created");
  EXPECT_EQ(text(shipment(), "address"), "江门市蓬江区建设路 1 号");
  auto by_applicant = http.post("/api/v1/cases/" + case_id + "/shipments", R"({"kind":"result","carrier":"sim-post"})",
                                applicant.token);
  EXPECT_EQ(by_applicant.status, 403);
  auto unknown =
      http.post("/api/v1/cases/" + case_id + "/shipments", R"({"kind":"result","carrier":"nope"})", reviewer.token);
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  auto bad_id = http.post("/api/v1/cases/" + case_id + "/shipments",
                          R"({"kind":"result","carrier":"sim-post","item_id":"RR473124828GB"})", reviewer.token);
  EXPECT_EQ(bad_id.status, 400) << bad_id.body;
  auto materials_late =
      http.post("/api/v1/cases/" + case_id + "/shipments", R"({"kind":"materials","carrier":"sim-post"})", admin.token);
  EXPECT_EQ(materials_late.status, 409) << materials_late.body;
}

TEST_F(ShipmentWebhook, UnsignedStaleAndBadlySignedCallsAreRefusedAndChangeNothing) {
  const std::string body = events_body({report("e1", domain::PostalEvent::accepted, node.now_ms())});
  const std::int64_t now_s = node.now_ms() / 1000;
  const std::string good = post::webhook_signature(secret, now_s, body);

  auto unsigned_call = send(body, -1, "");
  EXPECT_EQ(unsigned_call.status, 401);
  EXPECT_EQ(unsigned_call.problem_type(), "/problems/webhook-unsigned");
  EXPECT_EQ(send(body, now_s, "").problem_type(), "/problems/webhook-unsigned");
  EXPECT_EQ(send(body, now_s, "sha256=" + good.substr(3)).problem_type(), "/problems/webhook-unsigned");

  auto stale = send(body, now_s - 600, post::webhook_signature(secret, now_s - 600, body));
  EXPECT_EQ(stale.status, 401);
  EXPECT_EQ(stale.problem_type(), "/problems/webhook-stale");
  EXPECT_EQ(send(body, now_s + 600, post::webhook_signature(secret, now_s + 600, body)).problem_type(),
            "/problems/webhook-stale");

  auto forged = send(body, now_s, post::webhook_signature("an-attacker-guessed-secret-0123456789", now_s, body));
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(forged.problem_type(), "/problems/webhook-signature-invalid");
  const std::string other = events_body({report("e1", domain::PostalEvent::delivered, node.now_ms(), "", "me")});
  EXPECT_EQ(send(other, now_s, good).problem_type(), "/problems/webhook-signature-invalid");  // body swapped

  // A carrier the node has no secret for is answered like an unsigned call.
  EXPECT_EQ(send(body, now_s, good, "other-post").problem_type(), "/problems/webhook-unsigned");

  EXPECT_TRUE(shipment().at("events").as_array().empty());
  EXPECT_EQ(text(shipment(), "status"), "created");

  // Signed but malformed: validation-failed, still nothing applied.
  auto malformed = send_signed(R"({"events":[{"item_id":"RR473124828GB","event_id":"x","code":"EMA","at_ms":1}]})");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_TRUE(shipment().at("events").as_array().empty());
}

TEST_F(ShipmentWebhook, EventsApplyOnceAndDeliveryServesTheResult) {
  const std::int64_t t = node.now_ms();
  const std::string first =
      events_body({report("e1", domain::PostalEvent::accepted, t - 3'600'000),
                   report("e2", domain::PostalEvent::failed_attempt, t - 600'000, "nobody home")});
  auto applied = send_signed(first);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.json().at("added").as_int64(), 2);
  auto replay = send_signed(first);  // the same events again (a carrier's retry): nothing new
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.json().at("added").as_int64(), 0);
  EXPECT_EQ(replay.json().at("duplicates").as_int64(), 2);
  EXPECT_EQ(text(shipment(), "status"), "attempt_failed");
  auto actions = case_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "shipment_failed_attempt"), 1);
  // The task is in the admins' queue (a web case has no intake window).
  auto tasks = http.get("/api/v1/shipment-tasks", admin.token);
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  ASSERT_EQ(tasks.json().at("tasks").as_array().size(), 1u);
  EXPECT_EQ(text(tasks.json().at("tasks").as_array()[0], "reason"), "nobody home");
  EXPECT_EQ(http.get("/api/v1/shipment-tasks", applicant.token).status, 403);

  // The same event id with other content is a conflict, and changes nothing.
  auto conflicting = send_signed(events_body({report("e2", domain::PostalEvent::delivered, t, "", "x")}));
  EXPECT_EQ(conflicting.status, 409) << conflicting.body;

  // Delivered, then a late in-transit scan (stamped later still): the case stays delivered.
  ASSERT_EQ(
      send_signed(events_body({report("e3", domain::PostalEvent::delivered, t - 60'000, "", "signed: 陈大文")})).status,
      200);
  ASSERT_EQ(send_signed(events_body({report("e4", domain::PostalEvent::in_transit, t - 30'000)})).status, 200);
  auto done = shipment();
  EXPECT_EQ(text(done, "status"), "delivered");
  EXPECT_EQ(text(done, "served_on"), "2026-03-02");
  EXPECT_EQ(done.at("events").as_array().size(), 4u);
  auto kase = read_case(http, applicant.token, case_id);
  EXPECT_EQ(text(*kase, "state"), "delivered");
  actions = case_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "shipment_delivered"), 1);
  auto events = http.get("/api/v1/cases/" + case_id + "/events", applicant.token).json().at("events").as_array();
  std::string note;
  for (const auto& event : events)
    if (text(event, "action") == "shipment_delivered") note = text(event, "note");
  EXPECT_NE(note.find("served_on=2026-03-02"), std::string::npos) << note;
  // The task of the failed attempt can be marked done.
  auto id = tasks.json().at("tasks").as_array()[0].at("id").as_int64();
  EXPECT_EQ(http.post("/api/v1/shipment-tasks/" + std::to_string(id) + "/done", "", admin.token).status, 200);
  EXPECT_EQ(http.post("/api/v1/shipment-tasks/" + std::to_string(id) + "/done", "", admin.token).status, 404);
}

TEST_F(ShipmentWebhook, ACarrierReportsOnlyItsOwnItems) {
  std::string other_secret = post::ensure_carrier_secret(node.data_dir(), "other-post");
  const std::string body = events_body({report("e1", domain::PostalEvent::accepted, node.now_ms())});
  const std::int64_t now_s = node.now_ms() / 1000;
  auto answer = send(body, now_s, post::webhook_signature(other_secret, now_s, body), "other-post");
  EXPECT_EQ(answer.status, 404) << answer.body;
  EXPECT_TRUE(shipment().at("events").as_array().empty());
}

}  // namespace
}  // namespace tongban::api_test

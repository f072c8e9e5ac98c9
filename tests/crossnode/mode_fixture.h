// ModeFixture: two (or three) real federated nodes — Jiangmen, Macao, Hong Kong — for the tests of the delegated,
// joint and online cross-border modes: every message type and data category the modes use is granted between
// Jiangmen and Macao, the agreements (delegation, joint group) are appended to both federation configs, and small
// helpers act on a case and wait for the other node. Hong Kong is trusted by both but holds no agreement, so it
// plays the peer that tries to act on a case it does not own.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "crossborder/case_refs.h"
#include "domain/problem.h"
#include "federated_node.h"
#include "federation/envelope.h"
#include "federation/node_key.h"
#include "federation/peer_transport.h"
#include "node_under_test.h"
#include "store/store_error.h"

namespace tongban::crossnode_test {

inline std::vector<std::string> mode_types() {
  return {"case.forward",    "case.status",    "case.supplement", "delivery.update",    "case.result",
          "subcase.request", "subcase.status", "subcase.done",    "identity.assertion", "shipment.update"};
}
inline std::vector<std::string> mode_categories() {
  return {"case", "personal", "documents", "identity"};
}

// Labour affairs (MO-DSAL) lets Jiangmen HRSS decide its delegated items; pension transfers are joint.
inline constexpr const char* kAgreements = R"(
[[delegations]]
owner_authority = "MO-DSAL"
delegate_node = "CN-GD-JM"
delegate_authority = "JM-HRSS"

[[joint]]
items = ["JM-HRSS-004", "MO-FSS-006"]
)";

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return predicate();
}

class ModeFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    jm.write_federation_config({{&mo, mode_types(), mode_categories()}, {&hk, mode_types(), mode_categories()}});
    mo.write_federation_config({{&jm, mode_types(), mode_categories()}, {&hk, mode_types(), mode_categories()}});
    hk.write_federation_config({{&jm, mode_types(), mode_categories()}, {&mo, mode_types(), mode_categories()}});
    for (auto* node : {&jm, &mo}) std::ofstream(node->dir() / "federation.toml", std::ios::app) << kAgreements;
    jm.start_federation();
    mo.start_federation();
  }

  static node::CaseActionRequest request(domain::CaseAction action, std::int64_t version, std::string note = "") {
    node::CaseActionRequest r;
    r.action = action;
    r.expected_version = version;
    r.note = std::move(note);
    return r;
  }

  // Acts on the case at its current version.
  static domain::Case act(FederatedNode& at, const domain::Actor& actor, const std::string& id,
                          domain::CaseAction action, std::string note = "") {
    // A status from the peer may land between reading the version and acting (the case changed meanwhile: 412 for
    // a client). The person would reload and act again; so does the test, on a fresh version, a bounded number of
    // times.
    for (int attempt = 0;; ++attempt) {
      auto kase = at.node().store().find_case(id);
      try {
        return at.cases().act(actor, id, request(action, kase->version, note));
      } catch (const store::VersionConflict&) {
        if (attempt == 20) throw;
      } catch (const domain::ProblemError& error) {  // the desk's own check of the expected version
        if (error.problem().slug != "version-mismatch" || attempt == 20) throw;
      }
    }
  }

  static domain::CaseState state(FederatedNode& at, const std::string& id) {
    return at.node().store().find_case(id)->state;
  }

  static std::optional<domain::Case> copy_of(FederatedNode& at, const std::string& origin_node,
                                             const std::string& origin_case, std::string_view key) {
    return crossborder::find_owner_copy(at.node().store(), {origin_node, origin_case}, key);
  }

  // A signed envelope from `from` to `to`, posted to `to`'s inbox as a peer would; returns the HTTP answer.
  static federation::TransportResult post_as(FederatedNode& from, FederatedNode& to, std::string type,
                                             std::string case_ref, std::int64_t sequence, std::string payload) {
    federation::Envelope envelope;
    envelope.message_id = federation::random_uuid_v4();
    envelope.from = from.id();
    envelope.to = to.id();
    envelope.type = std::move(type);
    envelope.case_ref = std::move(case_ref);
    envelope.sequence = sequence;
    envelope.created_at_ms = envelope.sent_at_ms = to.node().now_ms();
    envelope.data_categories = {"case"};
    envelope.payload = std::move(payload);
    federation::sign_envelope(envelope, federation::NodeKey::load(from.dir() / "keys" / "node.key"));
    return federation::post_json(to.endpoint(), federation::kMessagesPath, federation::envelope_to_json(envelope),
                                 std::nullopt, std::chrono::seconds(5));
  }

  // The (from, to) state changes of a history, in order.
  static std::vector<std::pair<domain::CaseState, domain::CaseState>> transitions(
      const std::vector<domain::Event>& events) {
    std::vector<std::pair<domain::CaseState, domain::CaseState>> out;
    for (const auto& e : events)
      if (e.from_state != e.to_state) out.emplace_back(e.from_state, e.to_state);
    return out;
  }

  FederatedNode jm{"CN-GD-JM"}, mo{"MO"}, hk{"HK"};
};

}  // namespace tongban::crossnode_test

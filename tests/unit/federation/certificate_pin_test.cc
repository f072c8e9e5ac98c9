// A peer whose trust-list entry pins a TLS certificate fingerprint is heard only over a connection whose client
// certificate has it: the inbox rejects anything else with certificate_mismatch (403, logged, signed rejection,
// nothing stored or applied). The over-TLS path between real processes is tests/fault/mutual_tls_test.cc.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::FedNode;
using testing::LogCapture;

const std::string kPin = "sha256:" + std::string(64, 'a');

class CertificatePinTest : public ::testing::Test {
 protected:
  CertificatePinTest() : jm("CN-GD-JM"), mo("MO") {
    jm.trust(mo);
    mo.trust(jm);
    // The JM entry is the file's last table: the pin lands in it.
    std::ofstream(mo.config_path(), std::ios::app) << "tls_fingerprint = \"" << kPin << "\"\n";
    mo.trust_list().reload_now();
  }

  void expect_mismatch(const InboxAnswer& answer, const Envelope& e) {
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(answer.reason, "certificate_mismatch");
    ASSERT_TRUE(answer.receipt);
    EXPECT_EQ(answer.receipt->outcome, ReceiptOutcome::rejected);
    EXPECT_FALSE(mo.store().find_inbox_message(e.message_id).has_value());
    EXPECT_TRUE(mo.applied().empty());
    EXPECT_TRUE(log.contains("certificate_mismatch"));
  }

  LogCapture log;
  FedNode jm;
  FedNode mo;
};

TEST_F(CertificatePinTest, TheConfigCarriesThePin) {
  ASSERT_NE(mo.trust_list().current()->find_peer("CN-GD-JM"), nullptr);
  EXPECT_EQ(mo.trust_list().current()->find_peer("CN-GD-JM")->tls_fingerprint, kPin);
}

TEST_F(CertificatePinTest, AMessageWithoutAClientCertificateIsRejected) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  expect_mismatch(mo.inbox().receive(envelope_to_json(e), ""), e);
}

TEST_F(CertificatePinTest, AMessageOverAnotherCertificateIsRejected) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  expect_mismatch(mo.inbox().receive(envelope_to_json(e), "sha256:" + std::string(64, 'b')), e);
}

TEST_F(CertificatePinTest, AMessageOverThePinnedCertificateIsApplied) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  InboxAnswer answer = mo.inbox().receive(envelope_to_json(e), kPin);
  EXPECT_EQ(answer.status, 200) << answer.reason << " " << answer.detail;
  ASSERT_EQ(mo.applied().size(), 1u);
}

TEST_F(CertificatePinTest, PlainHttpToAPinnedPeerIsRejectedWithTheReason) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  TransportResult answer = jm.post(mo, e);
  ASSERT_TRUE(answer.reached) << answer.error;
  EXPECT_EQ(answer.status, 403) << answer.body;
  EXPECT_EQ(boost::json::parse(answer.body).as_object().at("reason").as_string(), "certificate_mismatch");
  EXPECT_FALSE(mo.store().find_inbox_message(e.message_id).has_value());
  EXPECT_TRUE(mo.applied().empty());
}

}  // namespace
}  // namespace tongban::federation

// E-certificates across the border (issue 11 §1): Macao issues a registration record as an e-certificate to a
// Jiangmen applicant who applied online; Jiangmen verifies it with what it holds — the directory's keys and Macao's
// last signed status list — with the network to Macao cut. A revocation in Macao reaches Jiangmen with the next list;
// a list past its validity is reported as STATUS_STALE, never as good.
#include <boost/json.hpp>

#include "http_client.h"
#include "mode_fixture.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CertificateStatus;

constexpr const char* kForm = R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                              R"J("phone":"+85366123456","consent_transfer":true})J";

std::vector<std::string> types_with_certificates() {
  auto types = mode_types();
  types.emplace_back("certificate.status");
  return types;
}

class CertificateAcrossBordersTest : public ModeFixture {
 protected:
  // Not ModeFixture::SetUp: the grants name certificate.status, and each test picks the list's validity.
  void SetUp() override {}

  void start(certificates::CertificateSettings settings) {
    jm.write_federation_config({{&mo, types_with_certificates(), mode_categories()}});
    mo.write_federation_config({{&jm, types_with_certificates(), mode_categories()}});
    jm.start_federation(settings);
    mo.start_federation(settings);
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(51));
    reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", "MO-DSAL", "");
  }

  // A Jiangmen applicant applies online for Macao's jobseeker registration; Macao decides and issues the result,
  // which is issued as an e-certificate. Returns the certificate as Macao stores it.
  store::CertificateRecord issue_in_macao() {
    node::CaseApplication a;
    a.item_code = "MO-DSAL-002";
    a.mode = domain::HandlingMode::online;
    a.consent_to_transfer = true;
    a.delivery_method = "electronic";
    a.form = boost::json::parse(kForm).as_object();
    a.materials = {{"mo_bir", jm.put_blob("scan of the BIR", applicant)},
                   {"application_form", jm.put_blob("signed form", applicant)}};
    domain::Case home = jm.cases().open(applicant, a, std::nullopt, "").kase;
    EXPECT_TRUE(eventually([&] { return copy_of(mo, "CN-GD-JM", home.id, "case.forward").has_value(); }));
    domain::Case copy = *copy_of(mo, "CN-GD-JM", home.id, "case.forward");
    act(mo, reviewer, copy.id, CaseAction::accept);
    act(mo, reviewer, copy.id, CaseAction::approve, "registered");
    act(mo, reviewer, copy.id, CaseAction::issue_result, "registration MO-DSAL-2026-7");
    auto record = mo.node().store().find_certificate_of_case(copy.id);
    EXPECT_TRUE(record.has_value());
    return *record;
  }

  std::string token_of(const store::CertificateRecord& record) { return mo.node().certificates()->token_of(record); }

  // Verification on Jiangmen through its public API, as a foreign authority's clerk would ask for it.
  boost::json::object verify_at_jiangmen(const std::string& token) {
    api_test::HttpClient client("127.0.0.1", jm.port());
    auto answer =
        client.post("/api/v1/certificates/verify", boost::json::serialize(boost::json::object{{"token", token}}));
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json().as_object();
  }

  // The /verify page of Jiangmen in a language: the form first (for its CSRF cookie and token), then the code posted
  // as a person pastes it. The language comes from the language cookie (a /zh-Hant/… address would set that cookie
  // too, and this client keeps one Set-Cookie per answer). Returns the page's HTML.
  std::string verify_page_at_jiangmen(const std::string& language, const std::string& code) {
    api_test::HttpClient client("127.0.0.1", jm.port());
    const std::string language_cookie = "tb_lang=" + language;
    auto form = client.request("GET", "/verify", {{"Cookie", language_cookie}});
    EXPECT_EQ(form.status, 200);
    std::string csrf_cookie = form.header("Set-Cookie");
    csrf_cookie = csrf_cookie.substr(0, csrf_cookie.find(';'));
    EXPECT_EQ(csrf_cookie.rfind("tb_csrf=", 0), 0u) << csrf_cookie;
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = form.body.find(marker);
    EXPECT_NE(at, std::string::npos);
    at += marker.size();
    std::string csrf = form.body.substr(at, form.body.find('"', at) - at);
    std::string body = "csrf=" + csrf + "&code=" + code;  // a token is base64url and '.': nothing to escape
    auto answer = client.request(
        "POST", "/verify",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", language_cookie + "; " + csrf_cookie}},
        body);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.body;
  }

  // True once Jiangmen holds a list of Macao's that gives the certificate (token) this status.
  bool jiangmen_holds(CertificateStatus status) {
    return jm.node().store().find_status_list("MO") && jm.node().certificates()->verify(token).status == status;
  }

  domain::Actor applicant, reviewer;
  std::string token;
};

TEST_F(CertificateAcrossBordersTest, AMacaoCertificateIsVerifiedInJiangmenWithTheNetworkToMacaoCut) {
  start({});
  auto record = issue_in_macao();
  EXPECT_EQ(record.issuer_authority, "MO-DSAL");
  token = token_of(record);
  ASSERT_TRUE(eventually([&] { return jiangmen_holds(CertificateStatus::valid); }));

  mo.disconnect();
  auto answer = verify_at_jiangmen(token);
  EXPECT_EQ(answer.at("outcome").as_string(), "VALID") << answer;
  EXPECT_TRUE(answer.at("integrity").as_bool());
  EXPECT_EQ(answer.at("issuer").at("jurisdiction").as_string(), "MO");
  EXPECT_TRUE(answer.at("issuer").at("known").as_bool());
  EXPECT_EQ(answer.at("status").as_string(), "valid");
  EXPECT_EQ(answer.at("certificate").at("id").as_string(), record.id);
  EXPECT_EQ(answer.at("certificate").at("item_code").as_string(), "MO-DSAL-002");

  // The same check on Jiangmen's /verify page, in Traditional Chinese and in Portuguese.
  std::string hant = verify_page_at_jiangmen("zh-Hant", token);
  EXPECT_NE(hant.find("有效"), std::string::npos);
  EXPECT_NE(hant.find("澳門"), std::string::npos);
  EXPECT_NE(hant.find(record.id), std::string::npos);
  EXPECT_NE(hant.find("陳大文"), std::string::npos);  // the holder's name, disclosed in the full copy
  EXPECT_NE(verify_page_at_jiangmen("pt", token).find("Válido"), std::string::npos);

  // One character of the token changed: the signature no longer holds, and Jiangmen says so.
  std::string forged = token;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify_at_jiangmen(forged).at("outcome").as_string(), "INVALID");
  EXPECT_NE(verify_page_at_jiangmen("zh-Hans", forged).find("不是真实证照"), std::string::npos);
}

TEST_F(CertificateAcrossBordersTest, ARevocationInMacaoReachesJiangmenWithTheNextList) {
  start({});
  auto record = issue_in_macao();
  token = token_of(record);
  ASSERT_TRUE(eventually([&] { return jiangmen_holds(CertificateStatus::valid); }));

  // Only a reviewer of the issuing authority may change the status.
  auto other = mo.add_staff(domain::Role::reviewer, "reviewer@dsi.mo.example", "MO-DSI", "");
  EXPECT_THROW(mo.node().certificates()->change_status(other, record.id, CertificateStatus::revoked, "no"),
               domain::ProblemError);
  auto changed = mo.node().certificates()->change_status(reviewer, record.id, CertificateStatus::revoked,
                                                         "registered with a forged document");
  EXPECT_EQ(changed.status, "revoked");
  auto events = mo.node().store().list_events(record.case_id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, CaseAction::certificate_status);
  EXPECT_NE(events.back().note.find("registered with a forged document"), std::string::npos);

  ASSERT_TRUE(eventually([&] { return jiangmen_holds(CertificateStatus::revoked); }));
  mo.disconnect();
  auto answer = verify_at_jiangmen(token);
  EXPECT_EQ(answer.at("outcome").as_string(), "REVOKED") << answer;
  EXPECT_EQ(answer.at("status_word").as_string(), "撤销");
  EXPECT_NE(verify_page_at_jiangmen("en", token).find("Do not accept it."), std::string::npos);
}

TEST_F(CertificateAcrossBordersTest, AListPastItsValidityIsReportedAsStaleNotAsGood) {
  certificates::CertificateSettings settings;
  settings.status_validity = std::chrono::seconds(2);
  start(settings);
  auto record = issue_in_macao();
  token = token_of(record);
  ASSERT_TRUE(eventually([&] { return jiangmen_holds(CertificateStatus::valid); }));

  mo.disconnect();  // lists stop arriving
  ASSERT_TRUE(eventually([&] { return verify_at_jiangmen(token).at("outcome").as_string() == "STATUS_STALE"; },
                         std::chrono::seconds(10)));
  auto answer = verify_at_jiangmen(token);
  EXPECT_GT(answer.at("status_age_ms").as_int64(), 2000) << answer;
  EXPECT_TRUE(answer.at("integrity").as_bool());  // the document itself is still sound
  EXPECT_NE(verify_page_at_jiangmen("zh-Hans", token).find("状态不是最新"), std::string::npos);
}

}  // namespace
}  // namespace tongban::crossnode_test

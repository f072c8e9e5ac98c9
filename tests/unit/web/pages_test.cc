// The page handlers end to end through the router: search, language, CSRF, cookies, CSP, escaping of everything a
// user typed, apply with uploads and review, the reviewer's action with a comment, the receipt and tracking.
#include <gtest/gtest.h>

#include "domain/case_lifecycle.h"
#include "page_browser.cc"  // the test browser (compiled into this test binary only; see page_browser.h)
#include "web/node_secret.h"
#include "web/tracking_code.h"

namespace tongban::web::testing {
namespace {

constexpr const char* kMarkup = "<script>alert(1)</script>\"'&";
constexpr const char* kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;&amp;";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string header(const http::Response& response, const std::string& name) {
  return std::string(response.header(name).value_or(""));
}

// A web-offered, online item of the node's own jurisdiction (Jiangmen).
const domain::Item& online_item(node::Node& node) {
  for (const auto& item : node.catalog()->catalog.items) {
    bool web = std::find(item.channels.begin(), item.channels.end(), domain::Channel::web) != item.channels.end();
    bool online = !item.modes.empty() && item.modes.front() == domain::HandlingMode::online;
    if (item.jurisdiction == node.config().jurisdiction && web && online && !item.form.empty()) return item;
  }
  throw std::runtime_error("no online web item in the seed catalog");
}

// Valid answers for every field; text and address fields without a pattern carry markup.
std::vector<std::pair<std::string, std::string>> answers(const domain::Item& item, bool markup) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& field : item.form) {
    std::string name = "form." + field.id;
    switch (field.type) {
      case domain::FieldType::text:
      case domain::FieldType::address:
        fields.emplace_back(name, markup && field.pattern.empty() ? kMarkup : "Chan Tai Man");
        break;
      case domain::FieldType::phone: fields.emplace_back(name, "13800138000"); break;
      case domain::FieldType::email: fields.emplace_back(name, "a@example.org"); break;
      case domain::FieldType::number: fields.emplace_back(name, std::to_string(field.min_value.value_or(1))); break;
      case domain::FieldType::date: fields.emplace_back(name, "2026-01-05"); break;
      case domain::FieldType::choice: fields.emplace_back(name, field.choices.front()); break;
      case domain::FieldType::boolean: fields.emplace_back(name, "true"); break;
      case domain::FieldType::id_document:
        fields.emplace_back(name + ".type", "CN_RIC");
        fields.emplace_back(name + ".number", valid_cn_ric(7));
        break;
    }
  }
  return fields;
}

std::vector<FilePart> uploads(const domain::Item& item) {
  std::vector<FilePart> files;
  for (const auto& material : item.materials)
    if (material.required) files.push_back({"material." + material.id, "doc.pdf", "%PDF-1.4 " + material.id});
  return files;
}

void register_and_sign_in(PageBrowser& browser, const std::string& login, const std::string& name) {
  browser.get("/en/register");
  auto registered = browser.post("/en/register", {{"display_name", name},
                                                  {"login", login + "@example.org"},
                                                  {"password", "correct horse battery"},
                                                  {"id_document.type", "CN_RIC"},
                                                  {"id_document.number", valid_cn_ric(login.size())}});
  ASSERT_EQ(registered.status, 303) << browser.last_body();
  browser.get("/en/sign-in");
  auto signed_in =
      browser.post("/en/sign-in", {{"login", login + "@example.org"}, {"password", "correct horse battery"}});
  ASSERT_EQ(signed_in.status, 303) << browser.last_body();
}

// A store that cannot be written is "unavailable" (503) on the pages as in the API (node/problem_mapping.h), never
// an internal error: the pages used to map only NotFound and the two conflicts, so this answered 500.
TEST(Pages, StoreThatCannotBeWrittenAnswersUnavailable) {
  PageBrowser browser;
  browser.get("/en/register");
  browser.node().store().close();
  auto answer = browser.post("/en/register", {{"display_name", "Closed"},
                                              {"login", "closed@example.org"},
                                              {"password", "correct horse battery"},
                                              {"id_document.type", "CN_RIC"},
                                              {"id_document.number", valid_cn_ric(3)}});
  EXPECT_EQ(answer.status, 503) << browser.last_body();
  EXPECT_TRUE(contains(browser.last_body(), "There is a problem"));
}

// Response splitting: a decoded path or a `next` field holding CR/LF never reaches the Location header as such, so
// no header (a planted session cookie) can be injected. Before, `/en/cases/x%0D%0ASet-Cookie:…` answered 303 with
// the attacker's Set-Cookie, no sign-in needed.
// A form body the parsers refuse is answered with a page in the person's language, never with the parser's English.
TEST(Pages, AnUnreadableFormIsAnsweredInThePagesLanguage) {
  PageBrowser browser;
  ASSERT_EQ(browser.get("/zh-Hant/sign-in").status, 200);
  auto answer = browser.post("/zh-Hant/sign-in", {{"login", "a"}}, {}, true, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(answer.status, 422);
  EXPECT_EQ(browser.last_body().find("forms are sent as"), std::string::npos);
  EXPECT_NE(browser.last_body().find("無法讀取表單"), std::string::npos) << browser.last_body();
}

TEST(Pages, ARedirectNeverCarriesAnInjectedHeader) {
  PageBrowser browser;
  auto answer = browser.get("/en/cases/x\r\nSet-Cookie: tb_session=planted");
  EXPECT_EQ(answer.status, 303);
  const std::string location = header(answer, "Location");
  EXPECT_EQ(location.find_first_of("\r\n"), std::string::npos) << location;
  EXPECT_TRUE(contains(location, "%0D%0ASet-Cookie")) << location;
  for (const auto& [name, value] : answer.headers) EXPECT_TRUE(http::header_value_safe(value)) << name;

  register_and_sign_in(browser, "splitting", "Splitting");
  browser.cookies().erase("tb_session");
  browser.get("/en/sign-in");
  auto signed_in = browser.post("/en/sign-in", {{"login", "splitting@example.org"},
                                                {"password", "correct horse battery"},
                                                {"next", "/cases\r\nSet-Cookie: tb_session=planted"}});
  EXPECT_EQ(signed_in.status, 303);
  EXPECT_EQ(header(signed_in, "Location").find_first_of("\r\n"), std::string::npos);
  EXPECT_FALSE(contains(header(signed_in, "Location"), "planted"));
}

// Two session cookies (one planted): neither is believed, the visitor is signed out and the cookie cleared.
TEST(Pages, TwoSessionCookiesAreTreatedAsSignedOut) {
  PageBrowser browser;
  register_and_sign_in(browser, "twocookies", "Two cookies");
  ASSERT_EQ(browser.get("/en/cases").status, 200);
  const std::string token = browser.cookies().at("tb_session");
  browser.cookies()["tb_session"] = token + "; tb_session=" + token;
  auto answer = browser.get("/en/cases");
  EXPECT_EQ(answer.status, 303);
  EXPECT_TRUE(contains(header(answer, "Location"), "/sign-in"));
  EXPECT_EQ(browser.cookies().count("tb_session"), 0u);
}

TEST(Pages, SearchInTraditionalChineseWithSecurityHeaders) {
  PageBrowser browser;
  auto page = browser.get("/zh-Hant/?q=%E8%BA%AB%E4%BB%BD%E8%AD%89");  // 身份證
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<html lang=\"zh-Hant\">"));
  EXPECT_TRUE(contains(page.body, "href=\"/zh-Hant/items/"));
  EXPECT_TRUE(contains(header(page, "Content-Security-Policy"), "default-src 'none'"));
  EXPECT_FALSE(contains(header(page, "Content-Security-Policy"), "unsafe-inline"));
  EXPECT_FALSE(contains(page.body, "<script"));
  EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(browser.cookies().at("tb_lang"), "zh-Hant");
  auto by_pinyin = browser.get("/en/?q=sfz");
  EXPECT_TRUE(contains(by_pinyin.body, "href=\"/en/items/"));
}

TEST(Pages, LanguageFromCookieThenAcceptLanguage) {
  PageBrowser browser;
  EXPECT_TRUE(contains(browser.get("/", {{"Accept-Language", "pt-PT,pt;q=0.9"}}).body, "<html lang=\"pt\">"));
  browser.get("/en/");
  EXPECT_TRUE(contains(browser.get("/", {{"Accept-Language", "pt"}}).body, "<html lang=\"en\">"));
}

TEST(Pages, PostWithoutValidCsrfTokenIsDeniedAndChangesNothing) {
  PageBrowser browser;
  browser.get("/en/register");
  std::vector<std::pair<std::string, std::string>> fields = {{"display_name", "A"},
                                                             {"login", "nocsrf"},
                                                             {"password", "correct horse battery"},
                                                             {"id_document.type", "CN_RIC"},
                                                             {"id_document.number", valid_cn_ric(3)}};
  EXPECT_EQ(browser.post("/en/register", fields, {}, false).status, 403);
  auto forged = fields;
  forged.emplace_back("csrf", std::string(64, 'a'));
  EXPECT_EQ(browser.post("/en/register", forged, {}, false).status, 403);
  EXPECT_FALSE(browser.node().store().find_account_by_login("nocsrf"));
}

TEST(Pages, SessionCookieFlags) {
  PageBrowser browser;
  register_and_sign_in(browser, "flags", "Flags");
  browser.get("/en/sign-in");
  auto over_tls = browser.post("/en/sign-in", {{"login", "flags@example.org"}, {"password", "correct horse battery"}},
                               {}, true, {{"X-Forwarded-Proto", "https"}});
  std::string cookie;
  for (const auto& [name, value] : over_tls.headers)
    if (name == "Set-Cookie" && value.rfind("tb_session=", 0) == 0) cookie = value;
  EXPECT_TRUE(contains(cookie, "HttpOnly"));
  EXPECT_TRUE(contains(cookie, "SameSite=Lax"));
  EXPECT_TRUE(contains(cookie, "Secure"));
}

TEST(Pages, ApplyShowsErrorsNextToFieldsAndInTheSummary) {
  PageBrowser browser;
  register_and_sign_in(browser, "errors", "Errors");
  const auto& item = online_item(browser.node());
  browser.get("/en/items/" + item.code + "/apply");
  auto page = browser.post("/en/items/" + item.code + "/apply", {{"step", "review"}}, {{"x", "a.pdf", "x"}});
  ASSERT_EQ(page.status, 400);
  EXPECT_TRUE(contains(page.body, "class=\"error-summary\""));
  EXPECT_TRUE(contains(page.body, "href=\"#f-form-" + item.form.front().id + "\""));
  EXPECT_TRUE(contains(page.body, "id=\"e-f-form-" + item.form.front().id + "\""));
}

TEST(Pages, AnUploadIsTypedByItsBytesNotByWhatTheBrowserClaims) {
  PageBrowser browser;
  register_and_sign_in(browser, "sniffed", "Sniffed");
  const auto& item = online_item(browser.node());
  browser.get("/pt/items/" + item.code + "/apply");
  auto fields = answers(item, false);
  fields.emplace_back("step", "review");
  auto files = uploads(item);
  ASSERT_FALSE(files.empty());
  files.front().bytes = "<html><script>alert(document.cookie)</script></html>";  // sent as application/pdf
  auto blobs_before = browser.node().store().counts(browser.node().now_ms()).blobs;
  auto page = browser.post("/pt/items/" + item.code + "/apply", fields, files);
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(contains(page.body, "Carregue o ficheiro em PDF, PNG ou JPEG.")) << page.body.substr(0, 2000);
  // Only the real PDFs of the other materials were stored; the HTML never became a blob.
  EXPECT_EQ(browser.node().store().counts(browser.node().now_ms()).blobs, blobs_before + files.size() - 1);
}

TEST(Pages, EverythingUsersTypeComesBackEscaped) {
  PageBrowser browser;
  register_and_sign_in(browser, "markup", kMarkup);
  EXPECT_TRUE(contains(browser.get("/en/cases").body, kEscaped));  // the display name in the header
  const auto& item = online_item(browser.node());
  browser.get("/en/items/" + item.code + "/apply");
  auto fields = answers(item, true);
  fields.emplace_back("step", "review");
  auto review = browser.post("/en/items/" + item.code + "/apply", fields, uploads(item));
  ASSERT_EQ(review.status, 200) << review.body;
  EXPECT_TRUE(contains(review.body, kEscaped));
  EXPECT_FALSE(contains(review.body, kMarkup));

  // Submit from the review page's hidden fields (as the browser would).
  auto submit_fields = answers(item, true);
  for (const auto& material : item.materials) {
    auto at = review.body.find("name=\"blob." + material.id + "\" value=\"");
    if (at != std::string::npos)
      submit_fields.emplace_back("blob." + material.id, review.body.substr(at + material.id.size() + 20, 64));
  }
  submit_fields.emplace_back("step", "submit");
  submit_fields.emplace_back("consent", "yes");
  auto submitted = browser.post("/en/items/" + item.code + "/apply", submit_fields, {{"unused", "x.pdf", "x"}});
  ASSERT_EQ(submitted.status, 303) << browser.last_body();
  std::string location = header(submitted, "Location");
  std::string case_id = location.substr(location.rfind('/') + 1, location.find('?') - location.rfind('/') - 1);
  auto kase = browser.node().store().find_case(case_id);
  ASSERT_TRUE(kase);
  EXPECT_EQ(kase->state, domain::CaseState::submitted);
  EXPECT_TRUE(contains(kase->form_json, "alert(1)"));  // stored as typed, escaped only on output

  // A reviewer accepts with a comment full of markup; the applicant sees it escaped in the timeline.
  PageBrowser& same = browser;
  same.accounts().add_staff(
      {"rev@example.org", "correct horse battery", "Reviewer", domain::Role::reviewer, item.authority, ""});
  PageBrowser* reviewer = &same;
  auto applicant_cookies = same.cookies();
  reviewer->get("/en/sign-in");
  ASSERT_EQ(reviewer->post("/en/sign-in", {{"login", "rev@example.org"}, {"password", "correct horse battery"}}).status,
            303);
  auto queue = reviewer->get("/en/workbench");
  EXPECT_TRUE(contains(queue.body, case_id)) << queue.status << queue.body.substr(0, 3000);
  reviewer->get("/en/cases/" + case_id);
  auto acted = reviewer->post("/en/cases/" + case_id + "/act",
                              {{"action", "accept"}, {"note", kMarkup}, {"version", std::to_string(kase->version)}});
  ASSERT_EQ(acted.status, 303) << reviewer->last_body();
  auto stale = reviewer->post("/en/cases/" + case_id + "/act",
                              {{"action", "start_review"}, {"note", ""}, {"version", std::to_string(kase->version)}});
  EXPECT_EQ(stale.status, 412);
  same.cookies() = applicant_cookies;
  auto detail = same.get("/en/cases/" + case_id);
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(contains(detail.body, kEscaped));
  EXPECT_FALSE(contains(detail.body, kMarkup));

  // Receipt with QR code; public tracking with the code; markup in the tracking query is escaped.
  auto receipt = same.get("/en/cases/" + case_id + "/receipt");
  EXPECT_TRUE(contains(receipt.body, "<svg"));
  std::string code = tracking_code(NodeSecret::load_or_create(same.node().config().data_dir), case_id);
  same.cookies().clear();
  auto tracked = same.get("/en/track?case=" + case_id + "&code=" + code);
  EXPECT_EQ(tracked.status, 200);
  EXPECT_TRUE(contains(tracked.body, "Accepted"));
  auto wrong = same.get("/en/track?case=" + case_id + "&code=%3Cb%3E");
  EXPECT_EQ(wrong.status, 404);
  EXPECT_TRUE(contains(wrong.body, "value=\"&lt;b&gt;\""));
}

TEST(Pages, ApplicantPagesNeedSignInAndStaffPagesNeedStaff) {
  PageBrowser browser;
  auto redirected = browser.get("/en/cases");
  EXPECT_EQ(redirected.status, 303);
  EXPECT_EQ(header(redirected, "Location"), "/en/sign-in?next=/cases");
  register_and_sign_in(browser, "notstaff", "Not Staff");
  EXPECT_EQ(browser.get("/en/workbench").status, 403);
}

}  // namespace
}  // namespace tongban::web::testing

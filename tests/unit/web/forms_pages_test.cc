// Forms and cases for applicants (issue 10) through the real page handlers: the form prefilled from the account,
// dates as DD/MM/YYYY, autocomplete tokens, upload hints, consent asked once, "Change" on the check page, "Error:"
// in the title, what happens after submitting, withdrawing only after "are you sure?", a supplement request at the
// top with only the materials asked for, the clock in words, choice labels, every refusal translated (the form's
// and the registration's), the timeline's consent note translated, documents by material and file name.
// The test browser (page_browser.h) is compiled into this binary by pages_test.cc.
#include <gtest/gtest.h>

#include "page_browser.h"

namespace tongban::web::testing {
namespace {

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kLocalDateItem = "JM-EDU-002";   // web, online, a birth_date field
constexpr const char* kLocalChoiceItem = "JM-CA-006";  // web, online, a purpose choice
constexpr const char* kMacaoItem = "MO-DSI-001";       // another jurisdiction's: crosses the border from Jiangmen
const std::vector<std::string> kLanguages = {"en", "pt", "zh-Hans", "zh-Hant"};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

std::string header(const http::Response& response, const std::string& name) {
  return std::string(response.header(name).value_or(""));
}

std::string title_of(const std::string& html) {
  auto start = html.find("<title>"), end = html.find("</title>");
  return start == std::string::npos || end == std::string::npos ? "" : html.substr(start + 7, end - start - 7);
}

const domain::Item& item_of(PageBrowser& browser, const std::string& code) {
  const auto* item = browser.node().catalog()->catalog.find_item(code);
  if (!item) throw std::runtime_error("no item " + code + " in the seed catalog");
  return *item;
}

void register_and_sign_in(PageBrowser& browser, const std::string& login, const std::string& name, int serial) {
  browser.get("/en/register");
  auto registered = browser.post("/en/register", {{"display_name", name},
                                                  {"login", login + "@example.org"},
                                                  {"password", kPassword},
                                                  {"id_document.type", "CN_RIC"},
                                                  {"id_document.number", valid_cn_ric(serial)}});
  ASSERT_EQ(registered.status, 303) << browser.last_body();
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", login + "@example.org"}, {"password", kPassword}}).status, 303);
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// Valid answers for every field shown on the form (the consent field is asked on the check page).
Fields answers(const domain::Item& item, const std::string& date = "17/05/1990") {
  Fields fields;
  for (const auto& field : item.form) {
    std::string name = "form." + field.id;
    switch (field.type) {
      case domain::FieldType::text:
      case domain::FieldType::address: fields.emplace_back(name, "Chan Tai Man"); break;
      case domain::FieldType::phone: fields.emplace_back(name, "+85361234567"); break;
      case domain::FieldType::email: fields.emplace_back(name, "a@example.org"); break;
      case domain::FieldType::number: fields.emplace_back(name, std::to_string(field.min_value.value_or(1))); break;
      case domain::FieldType::date: fields.emplace_back(name, date); break;
      case domain::FieldType::choice: fields.emplace_back(name, field.choices.front()); break;
      case domain::FieldType::boolean: break;
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
    if (material.required)
      files.push_back({"material." + material.id, material.id + "-scan.pdf", "%PDF-1.4 " + material.id});
  return files;
}

// The hidden blob.<id> and file.<id> values of a check page, as the browser sends them back.
Fields stored_materials(const domain::Item& item, const std::string& page) {
  Fields fields;
  for (const auto& material : item.materials)
    for (const std::string prefix : {"blob.", "file."}) {
      std::string marker = "name=\"" + prefix + material.id + "\" value=\"";
      auto at = page.find(marker);
      if (at == std::string::npos) continue;
      at += marker.size();
      fields.emplace_back(prefix + material.id, page.substr(at, page.find('"', at) - at));
    }
  return fields;
}

// Applies in English with every answer and upload, agrees on the check page, submits; returns the case id.
std::string submit_case(PageBrowser& browser, const domain::Item& item) {
  std::string path = "/en/items/" + item.code + "/apply";
  browser.get(path);
  auto fields = answers(item);
  fields.emplace_back("step", "review");
  auto check = browser.post(path, fields, uploads(item));
  EXPECT_EQ(check.status, 200) << check.body.substr(0, 3000);
  auto submit = answers(item);
  for (auto& stored : stored_materials(item, check.body)) submit.push_back(stored);
  submit.emplace_back("attempt", "a1");
  submit.emplace_back("consent", "yes");
  submit.emplace_back("step", "submit");
  auto submitted = browser.post(path, submit, {{"unused", "x.pdf", "x"}});
  EXPECT_EQ(submitted.status, 303) << browser.last_body().substr(0, 3000);
  std::string location = header(submitted, "Location");
  auto slash = location.rfind('/');
  return location.substr(slash + 1, location.find('?') - slash - 1);
}

void sign_in_reviewer(PageBrowser& browser, const domain::Item& item) {
  browser.accounts().add_staff({"rev@example.org", kPassword, "Reviewer", domain::Role::reviewer, item.authority, ""});
  browser.cookies().clear();
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", "rev@example.org"}, {"password", kPassword}}).status, 303);
}

// Issue 10: the form asked again for the name and the identity document the account already holds.
TEST(FormsPages, TheFormIsPrefilledFromTheAccount) {
  PageBrowser browser;
  register_and_sign_in(browser, "prefill", "Chan Tai Man", 31);
  auto form = browser.get(std::string("/en/items/") + kLocalDateItem + "/apply");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "id=\"f-form-applicant_name\" name=\"form.applicant_name\" value=\"Chan Tai Man\""))
      << form.body;
  EXPECT_TRUE(contains(form.body, "name=\"form.id_number.number\" value=\"" + valid_cn_ric(31) + "\""));
  EXPECT_TRUE(contains(form.body, "<option value=\"CN_RIC\" selected>"));
}

// Issue 10: only YYYY-MM-DD was accepted and the refusal was English on every page.
TEST(FormsPages, DatesAsDayMonthYearAreAcceptedAndWrongDatesRefusedInEachLanguage) {
  PageBrowser browser;
  register_and_sign_in(browser, "dates", "Dates", 32);
  const auto& item = item_of(browser, kLocalDateItem);
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"en", {"For example, 27/03/2026", "Enter a real date as DD/MM/YYYY or YYYY-MM-DD."}},
      {"pt", {"Por exemplo, 27/03/2026", "Escreva uma data válida, como DD/MM/AAAA ou AAAA-MM-DD."}},
      {"zh-Hans", {"例如：2026-03-27", "请填写有效日期，格式为 YYYY-MM-DD 或 DD/MM/YYYY。"}},
      {"zh-Hant", {"例如：27/03/2026", "請填寫有效日期，格式為 DD/MM/YYYY 或 YYYY-MM-DD。"}}};
  for (const auto& language : kLanguages) {
    std::string path = "/" + language + "/items/" + item.code + "/apply";
    auto form = browser.get(path);
    EXPECT_TRUE(contains(form.body, expected.at(language).first)) << language;
    auto fields = answers(item, "17/05/1990");
    fields.emplace_back("step", "review");
    auto check = browser.post(path, fields, uploads(item));
    EXPECT_EQ(check.status, 200) << language << check.body.substr(0, 3000);
    for (const auto* wrong : {"31/02/1990", "05/17/1990", "1990/05/17"}) {
      auto refused_fields = answers(item, wrong);
      refused_fields.emplace_back("step", "review");
      auto refused = browser.post(path, refused_fields, uploads(item));
      EXPECT_EQ(refused.status, 400) << language << " " << wrong;
      EXPECT_TRUE(contains(refused.body, expected.at(language).second)) << language << " " << wrong;
      EXPECT_FALSE(language != "en" && contains(refused.body, "Enter a real date")) << language;
    }
  }
}

// Issue 10: an identity number or phone refused on the zh-Hant and pt pages was refused in English.
TEST(FormsPages, IdentityAndPhoneRefusalsAreInThePageLanguage) {
  PageBrowser browser;
  register_and_sign_in(browser, "idwords", "Id Words", 33);
  const auto& item = item_of(browser, kLocalDateItem);
  std::string number = valid_cn_ric(8);
  number.back() = number.back() == '0' ? '1' : '0';  // a wrong check character
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"zh-Hant", {"校驗碼不符。", "請填寫本事項接受的電話號碼"}},
      {"pt", {"O carácter de controlo não confere.", "Escreva um número de telefone aceite por este serviço"}}};
  for (const auto& [language, words] : expected) {
    std::string path = "/" + language + "/items/" + item.code + "/apply";
    browser.get(path);
    Fields fields;
    for (auto [name, value] : answers(item)) {
      if (name == "form.id_number.number") value = number;
      if (name == "form.phone") value = "1234567890";  // long enough, but no number of the three regions
      fields.emplace_back(name, value);
    }
    fields.emplace_back("step", "review");
    auto refused = browser.post(path, fields, uploads(item));
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused.body, words.first)) << language << refused.body.substr(0, 4000);
    EXPECT_TRUE(contains(refused.body, words.second)) << language;
    EXPECT_FALSE(contains(refused.body, "The check character does not match.")) << language;
  }
}

// WCAG 1.3.5: fields whose purpose is known say so; uploads say what they accept (issue 10).
TEST(FormsPages, FieldsCarryAutocompleteTokensAndUploadsTheirLimits) {
  PageBrowser browser;
  register_and_sign_in(browser, "tokens", "Tokens", 34);
  auto form = browser.get(std::string("/en/items/") + kLocalDateItem + "/apply").body;
  EXPECT_TRUE(contains(form, "name=\"form.applicant_name\" value=\"Tokens\" autocomplete=\"name\"")) << form;
  EXPECT_TRUE(contains(form, "autocomplete=\"tel\" id=\"f-form-phone\""));
  EXPECT_TRUE(contains(form, "name=\"form.birth_date\" value=\"\" autocomplete=\"bday\""));
  EXPECT_TRUE(contains(form, "A PDF, PNG or JPEG file of at most 10 MB."));
  EXPECT_TRUE(contains(form, "accept=\".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg\""));
  browser.cookies().clear();
  auto registration = browser.get("/en/register").body;
  EXPECT_TRUE(contains(registration, "autocomplete=\"new-password\""));
  EXPECT_TRUE(contains(registration, "autocomplete=\"name\""));
}

// Issue 10: the consent was asked on the form and again on the check page; the check page had no "Change".
TEST(FormsPages, ConsentIsAskedOnceAndEveryAnswerCanBeChanged) {
  PageBrowser browser;
  register_and_sign_in(browser, "consent", "Consent", 35);
  const auto& item = item_of(browser, kLocalChoiceItem);
  std::string path = "/en/items/" + item.code + "/apply";
  auto form = browser.get(path).body;
  EXPECT_FALSE(contains(form, "consent_transfer"));
  auto fields = answers(item);
  fields.emplace_back("step", "review");
  auto check = browser.post(path, fields, uploads(item));
  ASSERT_EQ(check.status, 200) << check.body.substr(0, 3000);
  EXPECT_EQ(count_of(check.body, "type=\"checkbox\""), 1u);
  EXPECT_TRUE(contains(check.body, "name=\"consent\" value=\"yes\""));
  EXPECT_TRUE(contains(check.body, "formaction=\"" + path + "#f-form-phone\""));
  EXPECT_TRUE(contains(check.body, "formaction=\"" + path + "#f-material-id_card\""));
  // A choice answer is read by its label, not its code.
  EXPECT_TRUE(contains(check.body, "<dd>Employment<input type=\"hidden\" name=\"form.purpose\" value=\"employment\">"))
      << check.body;
  EXPECT_FALSE(contains(check.body, "<dd>employment"));
  EXPECT_TRUE(contains(check.body, "id_card-scan.pdf"));

  // Submitting without agreeing is refused, with "Error:" first in the title.
  auto submit = answers(item);
  for (auto& stored : stored_materials(item, check.body)) submit.push_back(stored);
  submit.emplace_back("step", "submit");
  auto refused = browser.post(path, submit);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(title_of(refused.body).rfind("Error: ", 0), 0u) << title_of(refused.body);
  submit.emplace_back("consent", "yes");
  auto submitted = browser.post(path, submit);
  ASSERT_EQ(submitted.status, 303) << browser.last_body().substr(0, 3000);
  std::string location = header(submitted, "Location");
  auto slash = location.rfind('/');
  auto kase = browser.node().store().find_case(location.substr(slash + 1, location.find('?') - slash - 1));
  ASSERT_TRUE(kase);
  EXPECT_TRUE(contains(kase->form_json, "\"consent_transfer\":true")) << kase->form_json;
}

// Issue 10: a page with a validation error did not say so in its title.
TEST(FormsPages, APageWithAnErrorSaysErrorFirstInItsTitle) {
  PageBrowser browser;
  register_and_sign_in(browser, "title", "Title", 36);
  const std::map<std::string, std::string> prefix = {
      {"en", "Error: "}, {"pt", "Erro: "}, {"zh-Hans", "错误： "}, {"zh-Hant", "錯誤： "}};
  for (const auto& language : kLanguages) {
    std::string path = "/" + language + "/items/" + kLocalDateItem + "/apply";
    EXPECT_EQ(title_of(browser.get(path).body).find(prefix.at(language)), std::string::npos);
    auto refused = browser.post(path, {{"step", "review"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(title_of(refused.body).rfind(prefix.at(language), 0), 0u) << title_of(refused.body);
  }
  browser.cookies().clear();
  browser.get("/en/register");
  auto registration = browser.post("/en/register", {{"display_name", "x"}, {"login", "x@example.org"}});
  EXPECT_EQ(title_of(registration.body).rfind("Error: ", 0), 0u);
}

// After submitting: who decides, by when, how the applicant hears; the documents by material and file name.
TEST(FormsPages, AfterSubmittingThePageSaysWhatHappensNext) {
  PageBrowser browser;
  register_and_sign_in(browser, "next", "Next", 37);
  const auto& item = item_of(browser, kLocalDateItem);
  std::string id = submit_case(browser, item);
  auto page = browser.get("/en/cases/" + id + "?submitted=1").body;
  std::string authority = browser.node().catalog()->catalog.find_authority(item.authority)->name.en;
  EXPECT_TRUE(contains(page, authority + " decides on your application.")) << page;
  EXPECT_TRUE(contains(page, "within " + std::to_string(item.promised_days) + " working days of accepting it"));
  EXPECT_TRUE(contains(page, "Track a case shows the status"));
  EXPECT_TRUE(contains(page, "id_card-scan.pdf"));
  EXPECT_TRUE(contains(page, "Starts when your application is accepted: " + std::to_string(item.promised_days)));
}

// Issue 10: right after submitting, Withdraw was the only action offered, one click away.
TEST(FormsPages, WithdrawingNeedsConfirmation) {
  PageBrowser browser;
  register_and_sign_in(browser, "withdraw", "Withdraw", 38);
  std::string id = submit_case(browser, item_of(browser, kLocalDateItem));
  auto page = browser.get("/en/cases/" + id).body;
  EXPECT_FALSE(contains(page, "value=\"withdraw\""));
  EXPECT_TRUE(contains(page, "href=\"/en/cases/" + id + "/withdraw\""));
  EXPECT_TRUE(contains(page, "Nothing to do now."));
  auto version = std::to_string(browser.node().store().find_case(id)->version);
  auto unconfirmed = browser.post("/en/cases/" + id + "/act", {{"action", "withdraw"}, {"version", version}});
  EXPECT_EQ(unconfirmed.status, 303);
  EXPECT_EQ(header(unconfirmed, "Location"), "/en/cases/" + id + "/withdraw");
  EXPECT_EQ(browser.node().store().find_case(id)->state, domain::CaseState::submitted);
  auto confirm = browser.get("/en/cases/" + id + "/withdraw");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(contains(confirm.body, "Are you sure you want to withdraw this application?"));
  EXPECT_TRUE(contains(confirm.body, "href=\"/en/cases/" + id + "\""));
  auto confirmed = browser.post("/en/cases/" + id + "/act",
                                {{"action", "withdraw"}, {"confirmed", "yes"}, {"version", version}, {"note", ""}});
  EXPECT_EQ(confirmed.status, 303) << browser.last_body();
  EXPECT_EQ(browser.node().store().find_case(id)->state, domain::CaseState::withdrawn);
}

// Issue 10: a supplement request's note was at the bottom and every material was offered again.
TEST(FormsPages, ASupplementRequestIsAtTheTopWithOnlyTheMaterialsAskedFor) {
  PageBrowser browser;
  register_and_sign_in(browser, "supplement", "Supplement", 39);
  const auto& item = item_of(browser, kLocalDateItem);
  std::string id = submit_case(browser, item);
  auto applicant = browser.cookies();
  sign_in_reviewer(browser, item);
  auto version = [&] { return std::to_string(browser.node().store().find_case(id)->version); };
  browser.get("/en/cases/" + id);
  ASSERT_EQ(browser.post("/en/cases/" + id + "/act", {{"action", "accept"}, {"version", version()}}).status, 303);
  auto reviewer_page = browser.get("/en/cases/" + id).body;
  EXPECT_TRUE(contains(reviewer_page, "name=\"requested_material\" value=\"photo\""));
  auto asked = browser.post("/en/cases/" + id + "/act", {{"action", "request_supplement"},
                                                         {"note", "The photo is blurred."},
                                                         {"requested_material", "photo"},
                                                         {"version", version()}});
  ASSERT_EQ(asked.status, 303) << browser.last_body();
  EXPECT_EQ(browser.node().store().find_case(id)->supplement_materials, std::vector<std::string>{"photo"});

  browser.cookies() = applicant;
  auto page = browser.get("/en/cases/" + id).body;
  auto notice = page.find("We need more documents from you");
  ASSERT_NE(notice, std::string::npos) << page;
  EXPECT_LT(notice, page.find("<dl class=\"summary\">"));
  EXPECT_LT(page.find("The photo is blurred."), page.find("<dl class=\"summary\">"));
  EXPECT_TRUE(contains(page, "name=\"material.photo\""));
  EXPECT_FALSE(contains(page, "name=\"material.id_card\""));
  EXPECT_FALSE(contains(page, "name=\"material.education_cert\""));
  EXPECT_TRUE(contains(page, "Paused while we wait for you"));

  // A material not asked for is refused; the one asked for is taken.
  auto refused = browser.post("/en/cases/" + id + "/act", {{"action", "supplement"}, {"version", version()}},
                              {{"material.id_card", "id.pdf", "%PDF-1.4 again"}});
  EXPECT_EQ(refused.status, 400) << refused.body.substr(0, 2000);
  // In the page's words (the rule's), never the desk's English detail.
  EXPECT_TRUE(contains(refused.body, "This document was not asked for.")) << refused.body;
  EXPECT_FALSE(contains(refused.body, "did not ask for id_card"));
  auto sent = browser.post("/en/cases/" + id + "/act", {{"action", "supplement"}, {"version", version()}},
                           {{"material.photo", "sharp.png", "\x89PNG\r\n\x1a\n sharp"}});
  EXPECT_EQ(sent.status, 303) << browser.last_body().substr(0, 2000);
  auto kase = browser.node().store().find_case(id);
  EXPECT_EQ(kase->state, domain::CaseState::in_review);
  EXPECT_TRUE(kase->supplement_materials.empty());
  auto after = browser.get("/en/cases/" + id).body;
  EXPECT_TRUE(contains(after, "sharp.png"));
  EXPECT_TRUE(contains(after, "working days left)")) << after;
}

// Issue 10: registration refusals showed raw keys (rule:too_short, rule:taken, rule:prefix, rule:one_character_class)
// and the password rules were never stated.
TEST(FormsPages, RegistrationNeverShowsARawRuleKeyInAnyLanguage) {
  PageBrowser browser;
  browser.get("/en/register");
  ASSERT_EQ(browser
                .post("/en/register", {{"display_name", "First"},
                                       {"login", "first@example.org"},
                                       {"password", kPassword},
                                       {"id_document.type", "CN_RIC"},
                                       {"id_document.number", valid_cn_ric(40)}})
                .status,
            303);
  const std::map<std::string, std::string> rules_stated = {{"en", "At least 10 characters"},
                                                           {"pt", "Pelo menos 10 caracteres"},
                                                           {"zh-Hans", "至少 10 个字符"},
                                                           {"zh-Hant", "至少 10 個字元"}};
  const std::vector<Fields> refusals = {
      {{"login", "first@example.org"},
       {"password", "short"},
       {"id_document.type", "HK_HKID"},
       {"id_document.number", "1234567"}},
      {{"login", "other@example.org"},
       {"password", "aaaaaaaaaaaaaa"},
       {"id_document.type", "MO_BIR"},
       {"id_document.number", "92345678"}},
      {{"login", "first@example.org"},
       {"password", kPassword},
       {"id_document.type", "CN_RIC"},
       {"id_document.number", valid_cn_ric(41)}},
  };
  for (const auto& language : kLanguages) {
    auto form = browser.get("/" + language + "/register");
    EXPECT_TRUE(contains(form.body, rules_stated.at(language))) << language;
    for (auto fields : refusals) {
      fields.emplace_back("display_name", "Second");
      auto refused = browser.post("/" + language + "/register", fields);
      EXPECT_GE(refused.status, 400) << language;
      EXPECT_TRUE(contains(refused.body, "class=\"error-message\"")) << language;
      EXPECT_FALSE(contains(refused.body, "rule:")) << language << refused.body.substr(0, 3000);
    }
  }
  browser.get("/en/register");
  auto english = browser.post("/en/register", {{"display_name", "Second"},
                                               {"login", "other@example.org"},
                                               {"password", "aaaaaaaaaaaaaa"},
                                               {"id_document.type", "MO_BIR"},
                                               {"id_document.number", "92345678"}});
  EXPECT_TRUE(contains(english.body, "Mix at least two kinds of character"));
  EXPECT_TRUE(contains(english.body, "A Macao ID number starts with 1, 5 or 7."));
}

// Issue 10: the timeline said "consent to cross-border transfer recorded" in English on every page.
TEST(FormsPages, TheTimelineNoteOfTheConsentIsTranslated) {
  PageBrowser browser;
  register_and_sign_in(browser, "timeline", "Timeline", 42);
  std::string id = submit_case(browser, item_of(browser, kMacaoItem));
  const std::map<std::string, std::string> note = {
      {"en", "Your consent to send the application across the border was recorded."},
      {"pt", "Foi registado o seu consentimento"},
      {"zh-Hans", "已记录您同意跨境传送申请。"},
      {"zh-Hant", "已記錄您同意跨境傳送申請。"}};
  for (const auto& language : kLanguages) {
    auto page = browser.get("/" + language + "/cases/" + id).body;
    EXPECT_TRUE(contains(page, note.at(language))) << language << page;
    EXPECT_FALSE(contains(page, "consent to cross-border transfer recorded")) << language;
  }
}

}  // namespace
}  // namespace tongban::web::testing

// The staff pages through the router (page_browser.h): the reviewer's case page (applicant, answers, documents that
// open inline only for staff who may see the case, the decisions), the queue in order of urgency, the clerk's
// intake from identity check and item search to the receipt — never submitted by a stray Enter — and the receipt's
// fields, with an absolute tracking link from the node's public URL.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "node/post_desk.h"
#include "page_browser.h"
#include "page_text_checks.h"
#include "web/application_view.h"
#include "web/staff_view.h"
#include "web/tracking_code.h"
#include "web/translations.h"

namespace tongban::web::testing {
namespace {

using domain::Role;

constexpr const char* kPassword = "correct horse battery";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string header(const http::Response& response, const std::string& name) {
  return std::string(response.header(name).value_or(""));
}

// Text as the templates escape it (kainjow::mustache: & < > " ').
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string en(std::string_view msgid) {
  return Translations::shipped().text(domain::Language::en, msgid);
}

// 09:00 in Jiangmen/Macao (UTC+8) on a day of 2026, which the shipped calendars cover.
std::int64_t at(int month, int day) {
  using namespace std::chrono;
  auto date = sys_days{year{2026} / month / day};
  return duration_cast<milliseconds>(date.time_since_epoch()).count() + 3600 * 1000;
}

const domain::Item& online_item(node::Node& node) {
  for (const auto& item : node.catalog()->catalog.items) {
    bool web = std::find(item.channels.begin(), item.channels.end(), domain::Channel::web) != item.channels.end();
    bool online = !item.modes.empty() && item.modes.front() == domain::HandlingMode::online;
    if (item.jurisdiction == node.config().jurisdiction && web && online && !item.form.empty()) return item;
  }
  throw std::runtime_error("no online web item in the seed catalog");
}

std::vector<std::pair<std::string, std::string>> answers(const domain::Item& item, const std::string& type,
                                                         const std::string& number) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& field : item.form) {
    std::string name = "form." + field.id;
    switch (field.type) {
      case domain::FieldType::text:
      case domain::FieldType::address: fields.emplace_back(name, "Chan Tai Man"); break;
      case domain::FieldType::phone:
        fields.emplace_back(name, item.jurisdiction == "MO" ? "+85366001234" : "13800138000");
        break;
      case domain::FieldType::email: fields.emplace_back(name, "a@example.org"); break;
      case domain::FieldType::number: fields.emplace_back(name, std::to_string(field.min_value.value_or(1))); break;
      case domain::FieldType::date: fields.emplace_back(name, "1985-11-02"); break;
      case domain::FieldType::choice: fields.emplace_back(name, field.choices.front()); break;
      case domain::FieldType::boolean: fields.emplace_back(name, "true"); break;
      case domain::FieldType::id_document:
        fields.emplace_back(name + ".type", type);
        fields.emplace_back(name + ".number", number);
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

void sign_in(PageBrowser& browser, const std::string& login) {
  browser.cookies().clear();
  browser.get("/en/sign-in");
  ASSERT_EQ(browser.post("/en/sign-in", {{"login", login}, {"password", kPassword}}).status, 303)
      << browser.last_body();
}

// Registers an applicant through the pages; returns their account id.
std::string register_applicant(PageBrowser& browser, const std::string& login, const std::string& name,
                               const std::string& type, const std::string& number) {
  browser.cookies().clear();
  browser.get("/en/register");
  auto registered = browser.post("/en/register", {{"display_name", name},
                                                  {"login", login},
                                                  {"password", kPassword},
                                                  {"id_document.type", type},
                                                  {"id_document.number", number}});
  EXPECT_EQ(registered.status, 303) << browser.last_body();
  return browser.node().store().find_account_by_login(login)->id;
}

domain::Actor staff(PageBrowser& browser, const std::string& login, Role role, const std::string& authority,
                    const std::string& point) {
  auto record = browser.accounts().add_staff({login, kPassword, login, role, authority, point});
  return {record.id, role, authority, point};
}

// Opens a case of `item` for the applicant through CaseDesk at the node's current time.
// post_to: a delivery address, the result to be posted there ("" = no delivery chosen yet).
domain::Case open_case(PageBrowser& browser, const domain::Item& item, const std::string& applicant_id,
                       const std::string& number, const std::string& first_file = "%PDF-1.4 ",
                       const std::string& post_to = "") {
  FormInput form;
  for (auto& [name, value] : answers(item, "CN_RIC", number)) form.fields.emplace(name, value);
  node::CaseApplication application;
  application.item_code = item.code;
  application.form = answers_from_form(item, form);
  if (!post_to.empty()) {
    application.delivery_method = "post";
    application.delivery_address = post_to;
  }
  for (const auto& material : item.materials) {
    if (!material.required) continue;
    bool first = application.materials.empty();
    std::string bytes = (first ? first_file : std::string("%PDF-1.4 ")) + material.id + applicant_id;
    auto blob =
        browser.node().store().hand_in_blob(bytes, first && first_file[0] != '%' ? "image/png" : "application/pdf",
                                            {applicant_id, ""}, browser.node().now_ms());
    application.materials.push_back({material.id, blob.sha256});
  }
  node::CaseDesk desk(browser.node());
  return desk.open({applicant_id, Role::applicant, "", ""}, application, std::nullopt, "").kase;
}

domain::Case act(PageBrowser& browser, const domain::Actor& actor, const domain::Case& kase,
                 domain::CaseAction action) {
  node::CaseActionRequest request;
  request.action = action;
  request.expected_version = kase.version;
  return node::CaseDesk(browser.node()).act(actor, kase.id, request);
}

// A case of `item` for the applicant with its result issued by the reviewer, to be posted to a Jiangmen address.
domain::Case issued_for_post(PageBrowser& browser, const domain::Item& item, const std::string& applicant,
                             const std::string& number, const domain::Actor& reviewer) {
  auto kase = open_case(browser, item, applicant, number, "%PDF-1.4 ", "江门市蓬江区建设路 1 号");
  for (auto action : {domain::CaseAction::accept, domain::CaseAction::start_review, domain::CaseAction::approve,
                      domain::CaseAction::issue_result})
    kase = act(browser, reviewer, kase, action);
  return kase;
}

// The value of the hidden input `name` in the page.
std::string hidden(const std::string& html, const std::string& name) {
  auto at = html.find("name=\"" + name + "\" value=\"");
  if (at == std::string::npos) return "";
  at += name.size() + 15;
  return html.substr(at, html.find('"', at) - at);
}

// The submit buttons of the first <form> that contains `marker`, in tree order.
std::vector<std::string> submit_buttons(const std::string& html, const std::string& marker) {
  auto end = html.find(marker);
  auto start = html.rfind("<form", end);
  auto stop = html.find("</form>", end);
  std::string form = html.substr(start, stop - start);
  std::vector<std::string> buttons;
  std::regex button(R"re(<button[^>]*type="submit"[^>]*>)re");
  for (std::sregex_iterator it(form.begin(), form.end(), button), last; it != last; ++it) buttons.push_back(it->str());
  return buttons;
}

struct ReviewedCase {
  std::string case_id;
  std::string number;
  std::string reviewer_login = "rev@example.org";
};

ReviewedCase reviewed_case(PageBrowser& browser) {
  const auto& item = online_item(browser.node());
  ReviewedCase made;
  made.number = valid_cn_ric(41);
  std::string applicant = register_applicant(browser, "ana@example.org", "Ana Lei", "CN_RIC", made.number);
  made.case_id = open_case(browser, item, applicant, made.number).id;
  staff(browser, made.reviewer_login, Role::reviewer, item.authority, "");
  return made;
}

TEST(StaffPages, ReviewerSeesTheApplicantTheAnswersAndLinksToEachDocument) {
  PageBrowser browser;
  auto made = reviewed_case(browser);
  const auto& item = online_item(browser.node());
  sign_in(browser, made.reviewer_login);
  auto queue = browser.get("/en/workbench");
  EXPECT_TRUE(contains(queue.body, "href=\"/en/workbench/cases/" + made.case_id + "\""));
  auto page = browser.get("/en/workbench/cases/" + made.case_id);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 2000);
  EXPECT_TRUE(contains(page.body, "Ana Lei"));
  EXPECT_TRUE(contains(page.body, "ana@example.org"));  // the contact
  EXPECT_TRUE(contains(page.body, en("document:CN_RIC")));
  EXPECT_TRUE(contains(page.body, masked_document_number(made.number)));
  EXPECT_FALSE(contains(page.body, made.number)) << "the full document number is shown";
  for (const auto& field : item.form) {
    EXPECT_TRUE(contains(page.body, escaped(field.label.en))) << field.id;
    if (field.type == domain::FieldType::choice) {
      EXPECT_TRUE(contains(page.body, escaped(en("choice:" + field.choices.front())))) << field.id;
    }
  }
  auto kase = browser.node().store().find_case(made.case_id);
  ASSERT_FALSE(kase->materials.empty());
  for (const auto& material : kase->materials)
    EXPECT_TRUE(contains(page.body, "/en/workbench/cases/" + made.case_id + "/documents/" + material.blob_sha256));
  // The decisions a reviewer takes here, once the case is accepted.
  EXPECT_TRUE(contains(page.body, "value=\"accept\""));
}

TEST(StaffPages, ADocumentOpensInlineOnlyForStaffWhoMaySeeTheCase) {
  PageBrowser browser;
  auto made = reviewed_case(browser);
  auto kase = browser.node().store().find_case(made.case_id);
  std::string path = "/en/workbench/cases/" + made.case_id + "/documents/" + kase->materials.front().blob_sha256;

  sign_in(browser, made.reviewer_login);
  auto opened = browser.get(path);
  ASSERT_EQ(opened.status, 200) << opened.body.substr(0, 500);
  EXPECT_EQ(header(opened, "Content-Type"), "application/pdf");
  EXPECT_EQ(header(opened, "Content-Disposition").rfind("inline", 0), 0u) << header(opened, "Content-Disposition");
  EXPECT_EQ(header(opened, "X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(contains(header(opened, "Content-Security-Policy"), "default-src 'none'"));
  EXPECT_TRUE(contains(header(opened, "Cache-Control"), "no-store"));
  EXPECT_EQ(opened.body.rfind("%PDF-1.4", 0), 0u);
  // A blob of the node that this case does not refer to: not found, whatever its hash.
  auto other = browser.node().store().hand_in_blob("%PDF-1.4 other", "application/pdf", {"x", ""}, 1);
  EXPECT_EQ(browser.get("/en/workbench/cases/" + made.case_id + "/documents/" + other.sha256).status, 404);

  // The case's own applicant and an applicant of another case: staff pages only.
  sign_in(browser, "ana@example.org");
  EXPECT_EQ(browser.get(path).status, 403);
  register_applicant(browser, "other@example.org", "Other", "CN_RIC", valid_cn_ric(42));
  sign_in(browser, "other@example.org");
  EXPECT_EQ(browser.get(path).status, 403);
  // A clerk of another service point, a reviewer of another authority: the case is not theirs to see.
  staff(browser, "clerk@example.org", Role::clerk, "", "JM-WIN-PENGJIANG");
  sign_in(browser, "clerk@example.org");
  EXPECT_EQ(browser.get(path).status, 404);
  staff(browser, "rev2@example.org", Role::reviewer, "JM-PSB", "");
  sign_in(browser, "rev2@example.org");
  EXPECT_EQ(browser.get(path).status, 404);
  // Nobody signed in: the sign-in page.
  browser.cookies().clear();
  EXPECT_EQ(browser.get(path).status, 303);
}

// An image opens inline too, as the PNG it is, in a sandboxed document.
TEST(StaffPages, AnImageDocumentOpensSandboxed) {
  PageBrowser browser;
  const auto& item = online_item(browser.node());
  std::string number = valid_cn_ric(43);
  std::string applicant = register_applicant(browser, "png@example.org", "Png", "CN_RIC", number);
  auto kase = open_case(browser, item, applicant, number, "\x89PNG\r\n\x1a\n");
  staff(browser, "revpng@example.org", Role::reviewer, item.authority, "");
  sign_in(browser, "revpng@example.org");
  auto opened = browser.get("/en/workbench/cases/" + kase.id + "/documents/" + kase.materials.front().blob_sha256);
  ASSERT_EQ(opened.status, 200);
  EXPECT_EQ(header(opened, "Content-Type"), "image/png");
  EXPECT_TRUE(contains(header(opened, "Content-Disposition"), ".png\""));
  EXPECT_TRUE(contains(header(opened, "Content-Security-Policy"), "sandbox"));
  EXPECT_EQ(header(opened, "X-Content-Type-Options"), "nosniff");
}

TEST(StaffPages, ReviewerRejectsOnlyWithAReasonAndAsksForNamedMaterials) {
  PageBrowser browser;
  auto made = reviewed_case(browser);
  const auto& item = online_item(browser.node());
  auto reviewer = staff(browser, "rev3@example.org", Role::reviewer, item.authority, "");
  auto kase = act(browser, reviewer, *browser.node().store().find_case(made.case_id), domain::CaseAction::accept);
  sign_in(browser, made.reviewer_login);
  auto page = browser.get("/en/workbench/cases/" + made.case_id);
  EXPECT_TRUE(contains(page.body, "name=\"action\" value=\"approve\""));
  EXPECT_TRUE(contains(page.body, "name=\"action\" value=\"reject\""));
  EXPECT_TRUE(contains(page.body, "name=\"action\" value=\"request_supplement\""));
  std::string act_path = "/en/workbench/cases/" + made.case_id + "/act";
  auto refused =
      browser.post(act_path, {{"action", "reject"}, {"note", "  "}, {"version", std::to_string(kase.version)}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(contains(refused.body, en("Give the reason for the rejection.")));
  EXPECT_EQ(browser.node().store().find_case(made.case_id)->state, domain::CaseState::accepted);
  auto nothing_named =
      browser.post(act_path, {{"action", "request_supplement"}, {"version", std::to_string(kase.version)}});
  EXPECT_EQ(nothing_named.status, 400);
  const auto& material = item.materials.front();
  auto asked = browser.post(act_path, {{"action", "request_supplement"},
                                       {"ask." + material.id, "yes"},
                                       {"note", "The scan is unreadable."},
                                       {"version", std::to_string(kase.version)}});
  ASSERT_EQ(asked.status, 303) << browser.last_body();
  EXPECT_EQ(header(asked, "Location"), "/en/workbench/cases/" + made.case_id);
  auto events = browser.node().store().list_events(made.case_id);
  EXPECT_EQ(browser.node().store().find_case(made.case_id)->state, domain::CaseState::supplement_requested);
  EXPECT_TRUE(contains(events.back().note, material.name.en));
  EXPECT_TRUE(contains(events.back().note, "The scan is unreadable."));
}

TEST(StaffPages, TheQueueIsInOrderOfUrgency) {
  PageBrowser browser;
  const auto& item = online_item(browser.node());
  std::string number = valid_cn_ric(51);
  std::string applicant = register_applicant(browser, "q@example.org", "Queue Applicant", "CN_RIC", number);
  auto reviewer = staff(browser, "revq@example.org", Role::reviewer, item.authority, "");
  auto& node = browser.node();
  // Made in this order (so case numbers run C, D, B, A), received D, B, A, C; due D (overdue), A, B; C not accepted.
  node.set_clock([] { return at(6, 3); });
  auto c = open_case(browser, item, applicant, number);
  node.set_clock([] { return at(1, 5); });
  auto d = open_case(browser, item, applicant, number);
  d = act(browser, reviewer, d, domain::CaseAction::accept);
  node.set_clock([] { return at(5, 4); });
  auto b = open_case(browser, item, applicant, number);
  node.set_clock([] { return at(5, 11); });
  auto a = open_case(browser, item, applicant, number);
  a = act(browser, reviewer, a, domain::CaseAction::accept);
  node.set_clock([] { return at(5, 18); });
  b = act(browser, reviewer, b, domain::CaseAction::accept);
  node.set_clock([] { return at(6, 4); });
  ASSERT_TRUE(a.clock.legal_due && b.clock.legal_due && d.clock.legal_due);
  ASSERT_LT(*a.clock.legal_due, *b.clock.legal_due);

  sign_in(browser, "revq@example.org");
  auto queue = browser.get("/en/workbench");
  ASSERT_EQ(queue.status, 200);
  auto position = [&](const domain::Case& kase) { return queue.body.find(">" + kase.id + "</a>"); };
  EXPECT_LT(position(d), position(a)) << "the overdue case comes first";
  EXPECT_LT(position(a), position(b)) << "then the earlier legal deadline";
  EXPECT_LT(position(b), position(c)) << "a case without a deadline after those with one";
  EXPECT_NE(position(c), std::string::npos);
  for (const auto& column : {"Applicant", "Received", "Due"})
    EXPECT_TRUE(contains(queue.body, ">" + en(column) + "</th>"));
  EXPECT_TRUE(contains(queue.body, "Queue Applicant"));
  EXPECT_TRUE(contains(queue.body, "data-label=\"" + en("Due") + "\""));  // stacked rows on a phone (staff.css)
  // The counts per state, each a filter of the queue.
  EXPECT_TRUE(contains(queue.body, "/en/workbench?state=accepted"));
  EXPECT_TRUE(contains(queue.body, en("state:accepted") + " <strong>3</strong>"));
  auto accepted_only = browser.get("/en/workbench?state=submitted");
  EXPECT_NE(accepted_only.body.find(">" + c.id + "</a>"), std::string::npos);
  EXPECT_EQ(accepted_only.body.find(">" + a.id + "</a>"), std::string::npos);
}

// The walk-in intake at the Jiangmen window of a Macao zone item, through the four steps; returns the receipt path.
struct Intake {
  std::string applicant_id;
  std::string number = "5123456(7)";
  std::string stored_number;  // as the node keeps it: "51234567"
  std::string clerk_id;
  std::string form_page;
  std::string check_page;
  std::string receipt_path;
};

Intake take_in(PageBrowser& browser) {
  Intake intake;
  browser.node().set_clock([] { return at(3, 2); });
  intake.applicant_id = register_applicant(browser, "walkin@example.org", "Walk In", "MO_BIR", intake.number);
  intake.stored_number = browser.node().store().find_account_by_id(intake.applicant_id)->id_document_number;
  intake.clerk_id = staff(browser, "window@example.org", Role::clerk, "", "JM-WIN-CITY").account_id;
  sign_in(browser, "window@example.org");
  const auto& item = *browser.node().catalog()->catalog.find_item("MO-DSI-001");

  browser.get("/en/workbench/intake");
  auto unknown =
      browser.post("/en/workbench/intake", {{"applicant.type", "MO_BIR"}, {"applicant.number", "7000000(0)"}});
  EXPECT_EQ(unknown.status, 400);
  auto checked =
      browser.post("/en/workbench/intake", {{"applicant.type", "MO_BIR"}, {"applicant.number", intake.number}});
  EXPECT_EQ(checked.status, 303) << browser.last_body();
  std::string search = header(checked, "Location");
  EXPECT_EQ(search.rfind("/en/workbench/intake/items?who=", 0), 0u) << search;
  auto results = browser.get(search + "&q=" + "permanent%20resident%20identity%20card");
  EXPECT_EQ(results.status, 200);
  std::regex link(R"re(href="(/en/workbench/intake/items/MO-DSI-001\?who=[^"]+)")re");
  std::smatch found;
  EXPECT_TRUE(std::regex_search(results.body, found, link)) << results.body.substr(0, 4000);
  if (found.empty()) return intake;
  auto form = browser.get(found[1]);
  EXPECT_EQ(form.status, 200);
  intake.form_page = form.body;
  std::string who = hidden(form.body, "who");

  // A number posted for the identity field is ignored: the checked applicant's document is used.
  auto fields = answers(item, "MO_BIR", "1234567(8)");
  for (const auto& material : item.materials) fields.emplace_back("seen." + material.id, "yes");
  fields.emplace_back("who", who);
  fields.emplace_back("step", "check");
  auto check = browser.post("/en/workbench/intake/items/MO-DSI-001", fields, uploads(item));
  EXPECT_EQ(check.status, 200) << browser.last_body().substr(0, 4000);
  intake.check_page = check.body;

  // Submit from the check page's hidden fields, first without the applicant's consent to the transfer.
  std::vector<std::pair<std::string, std::string>> carried;
  std::regex input(R"re(<input type="hidden" name="([^"]+)" value="([^"]*)">)re");
  for (std::sregex_iterator it(check.body.begin(), check.body.end(), input), last; it != last; ++it)
    if ((*it)[1] != "csrf") carried.emplace_back((*it)[1], (*it)[2]);
  carried.emplace_back("step", "submit");
  auto no_consent = browser.post("/en/workbench/intake/items/MO-DSI-001", carried);
  EXPECT_EQ(no_consent.status, 400);
  carried.emplace_back("consent", "yes");
  auto submitted = browser.post("/en/workbench/intake/items/MO-DSI-001", carried);
  EXPECT_EQ(submitted.status, 303) << browser.last_body().substr(0, 4000);
  intake.receipt_path = header(submitted, "Location");
  return intake;
}

TEST(StaffPages, IntakeFindsTheItemBySearchAndCarriesTheCheckedIdentity) {
  PageBrowser browser;
  auto intake = take_in(browser);
  // The form shows the checked identity read-only, masked, with a way to change it — no field to retype it.
  EXPECT_TRUE(contains(intake.form_page, "Walk In"));
  EXPECT_TRUE(contains(intake.form_page, masked_document_number(intake.stored_number)));
  EXPECT_FALSE(contains(intake.form_page, intake.stored_number));
  EXPECT_FALSE(contains(intake.form_page, "name=\"form.id_number.number\""));
  EXPECT_TRUE(contains(intake.form_page, "href=\"/en/workbench/intake\""));  // change applicant
  ASSERT_EQ(intake.receipt_path.rfind("/en/cases/", 0), 0u) << intake.receipt_path;
  std::string case_id = intake.receipt_path.substr(10, intake.receipt_path.find("/receipt") - 10);
  auto kase = browser.node().store().find_case(case_id);
  ASSERT_TRUE(kase);
  EXPECT_EQ(kase->applicant_id, intake.applicant_id);
  EXPECT_EQ(kase->intake_point, "JM-WIN-CITY");
  EXPECT_TRUE(contains(kase->form_json, "\"number\":\"" + intake.stored_number + "\"")) << kase->form_json;
  EXPECT_FALSE(contains(kase->form_json, "12345678")) << kase->form_json;
  // The clerk sees the case and its documents at their point.
  auto page = browser.get("/en/workbench/cases/" + case_id);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(browser.get("/en/workbench/cases/" + case_id + "/documents/" + kase->materials.front().blob_sha256).status,
            200);
  // A made-up or another clerk's "who" does not carry anyone.
  auto forged = browser.get("/en/workbench/intake/items/MO-DSI-001?who=" + intake.applicant_id + ".00");
  EXPECT_EQ(forged.status, 303);
  EXPECT_EQ(header(forged, "Location"), "/en/workbench/intake");
}

TEST(StaffPages, EnterInAFieldCannotSubmitTheIntake) {
  PageBrowser browser;
  auto intake = take_in(browser);
  // The form's first (and only) submit button is "Continue", which leads to the check page; nothing on the form
  // opens a case.
  auto buttons = submit_buttons(intake.form_page, "name=\"who\"");
  ASSERT_FALSE(buttons.empty());
  EXPECT_TRUE(contains(buttons.front(), "value=\"check\"")) << buttons.front();
  for (const auto& button : buttons) EXPECT_FALSE(contains(button, "value=\"submit\"")) << button;
  // The check page, where "Submit and print receipt" is, has no text field in which Enter would submit.
  ASSERT_TRUE(contains(intake.check_page, "value=\"submit\""));
  std::regex typed(R"re(<input(?![^>]*type="(hidden|checkbox|radio)")[^>]*>)re");
  EXPECT_FALSE(std::regex_search(intake.check_page, typed));
  EXPECT_FALSE(contains(intake.check_page, "<textarea"));
  EXPECT_FALSE(contains(intake.check_page, "<select"));
  // The consent is the clerk's statement about the applicant, in the third person.
  EXPECT_TRUE(contains(intake.check_page, escaped(en("I have read the consent text to the applicant and they agree "
                                                     "that the application is sent to the competent jurisdiction."))));
}

TEST(StaffPages, TheReceiptHasEverythingTheApplicantNeeds) {
  PageBrowser browser("https://jm.tongban.example/");
  auto intake = take_in(browser);
  ASSERT_FALSE(intake.receipt_path.empty());
  std::string case_id = intake.receipt_path.substr(10, intake.receipt_path.find("/receipt") - 10);
  auto receipt = browser.get(intake.receipt_path);
  ASSERT_EQ(receipt.status, 200);
  const auto& catalog = browser.node().catalog()->catalog;
  const auto& item = *catalog.find_item("MO-DSI-001");
  const std::string& body = receipt.body;
  EXPECT_TRUE(contains(body, escaped(catalog.find_authority(item.authority)->name.en)));     // deciding authority
  EXPECT_TRUE(contains(body, escaped(catalog.find_service_point("JM-WIN-CITY")->name.en)));  // where
  EXPECT_TRUE(contains(body, "JM-WIN-CITY"));
  EXPECT_TRUE(contains(body, intake.clerk_id));  // by whom
  for (const auto& material : item.materials) {
    if (!material.required) continue;
    EXPECT_TRUE(contains(body, escaped(material.name.en))) << material.id;
  }
  EXPECT_TRUE(contains(body, en("material_form:" + std::string(domain::to_string(item.materials.front().form)))));
  EXPECT_TRUE(contains(body, "MOP 120.00"));  // the fee
  EXPECT_TRUE(contains(body, en("Promised by")));
  EXPECT_TRUE(contains(body, en("Legal deadline")));
  EXPECT_TRUE(contains(body, "2026"));
  EXPECT_TRUE(contains(body, escaped(catalog.find_service_point("JM-WIN-CITY")->address.en)));  // contact
  std::string url = "https://jm.tongban.example/track?case=" + case_id +
                    "&amp;code=" + tracking_code(NodeSecret::load_or_create(browser.node().config().data_dir), case_id);
  EXPECT_TRUE(contains(body, "href=\"" + url + "\"")) << body.substr(body.find("receipt-track"), 600);
  EXPECT_TRUE(contains(body, "<svg"));
  EXPECT_TRUE(contains(body, "/static/staff.css"));  // its print stylesheet
  EXPECT_EQ(browser.get("/static/staff.css").status, 200);
}

TEST(StaffPages, WithoutAPublicUrlTheTrackingLinkUsesOnlyAPlainHost) {
  PageBrowser browser;
  auto intake = take_in(browser);
  ASSERT_FALSE(intake.receipt_path.empty());
  std::string case_id = intake.receipt_path.substr(10, intake.receipt_path.find("/receipt") - 10);
  auto plain = browser.get(intake.receipt_path, {{"Host", "jm.example:8080"}});
  EXPECT_TRUE(contains(plain.body, "href=\"http://jm.example:8080/track?case=" + case_id + "&amp;code="));
  auto odd = browser.get(intake.receipt_path, {{"Host", "evil.example/\"><b>"}});
  EXPECT_TRUE(contains(odd.body, "href=\"http://localhost/track?case=" + case_id + "&amp;code="));
  EXPECT_FALSE(contains(odd.body, "evil.example"));
}

}  // namespace
}  // namespace tongban::web::testing

namespace tongban::web::testing {
namespace {

// Posts the issued result of the case to the applicant and has the carrier report it accepted, a failed attempt
// ("nobody home") and delivered: the case is then delivered. Returns the item id.
std::string post_and_deliver(PageBrowser& browser, const domain::Actor& reviewer, const domain::Case& kase) {
  node::NewShipment result;
  result.kind = domain::ShipmentKind::result;
  result.carrier = "sim-post";
  result.recipient = "applicant";
  const std::string item_id = node::PostDesk(browser.node()).open(reviewer, kase.id, result).item_id;
  const std::int64_t t = browser.node().now_ms();
  node::PostDesk(browser.node())
      .record_reports("sim-post",
                      {{item_id, {"e1", domain::PostalEvent::accepted, t - 3000, "Jiangmen", "", ""}},
                       {item_id, {"e2", domain::PostalEvent::failed_attempt, t - 2000, "Jiangmen", "nobody home", ""}},
                       {item_id, {"e3", domain::PostalEvent::delivered, t - 1000, "Jiangmen", "", "signed by 陳"}}});
  return item_id;
}

// A result posted to the applicant: the case page shows the shipment (number, status, where it goes, the served
// date, its events) and the carrier's reports in the timeline as sentences in each of the four languages — never
// the stored note ("post:delivered item=…") or a raw key ("action:shipment_delivered").
TEST(StaffPages, APostedResultShowsOnTheApplicantsPageInWords) {
  PageBrowser browser;
  const auto& item = online_item(browser.node());
  const std::string number = valid_cn_ric(43);
  std::string applicant = register_applicant(browser, "posted@example.mo", "陳大文", "CN_RIC", number);
  auto reviewer = staff(browser, "posting-reviewer@example.mo", Role::reviewer, item.authority, "");
  auto kase = issued_for_post(browser, item, applicant, number, reviewer);
  const std::string item_id = post_and_deliver(browser, reviewer, kase);
  ASSERT_EQ(browser.node().store().find_case(kase.id)->state, domain::CaseState::delivered);

  sign_in(browser, "posted@example.mo");
  for (auto language :
       {domain::Language::zh_Hans, domain::Language::zh_Hant, domain::Language::pt, domain::Language::en}) {
    auto page = browser.get("/" + std::string(domain::language_tag(language)) + "/cases/" + kase.id);
    ASSERT_EQ(page.status, 200);
    const std::string& html = browser.last_body();
    auto t = [&](std::string_view msgid) { return escaped(Translations::shipped().text(language, msgid)); };
    EXPECT_TRUE(contains(html, item_id)) << html;
    EXPECT_TRUE(contains(html, t("By post")));
    EXPECT_TRUE(contains(html, t("shipment_status:delivered")));
    EXPECT_TRUE(contains(html, t("postal_event:failed_attempt")));
    EXPECT_TRUE(contains(html, t("Your delivery address")));
    EXPECT_TRUE(contains(html, escaped("nobody home")));
    EXPECT_FALSE(contains(html, "post:delivered"));
    EXPECT_FALSE(contains(html, "action:shipment"));
    EXPECT_EQ(check_page_text(language, html), std::vector<std::string>{});
  }
}

// 好差评 on the case page: the applicant rates a finished case 2 with a comment, the authority's reviewer answers
// on the same page, the applicant answers back; every step reads as words in four languages (no raw key, no
// "level=" note).
TEST(StaffPages, ABadRatingIsAnsweredOnTheCasePageAndReadsAsWords) {
  PageBrowser browser;
  const auto& item = online_item(browser.node());
  const std::string number = valid_cn_ric(44);
  std::string applicant = register_applicant(browser, "rater@example.mo", "陳大文", "CN_RIC", number);
  auto reviewer = staff(browser, "rating-reviewer@example.mo", Role::reviewer, item.authority, "");
  auto kase = issued_for_post(browser, item, applicant, number, reviewer);
  post_and_deliver(browser, reviewer, kase);
  const std::string page_path = "/en/cases/" + kase.id;

  sign_in(browser, "rater@example.mo");
  browser.get(page_path);
  EXPECT_TRUE(contains(browser.last_body(), "name=\"comment\""));
  ASSERT_EQ(browser.post(page_path + "/rating", {{"level", "2"}, {"comment", "窗口只开一个，等了很久。"}}).status, 303)
      << browser.last_body();
  browser.get(page_path);
  EXPECT_TRUE(contains(browser.last_body(), escaped(en("Follow-up of the rating"))));
  EXPECT_FALSE(contains(browser.last_body(), "name=\"level\""));  // rated: no second form
  // The reviewer answers on the case page.
  sign_in(browser, "rating-reviewer@example.mo");
  browser.get(page_path);
  EXPECT_TRUE(contains(browser.last_body(), "name=\"response\""));
  ASSERT_EQ(
      browser.post(page_path + "/rating/follow-up", {{"channel", "web"}, {"response", "已增开第二个窗口。"}}).status,
      303)
      << browser.last_body();
  sign_in(browser, "rater@example.mo");
  browser.get(page_path);
  ASSERT_EQ(browser.post(page_path + "/rating/answer", {{"channel", "web"}, {"answer", "satisfied"}}).status, 303)
      << browser.last_body();
  auto follow_up = browser.node().store().find_rating_follow_up(kase.id, domain::Channel::web);
  ASSERT_TRUE(follow_up);
  EXPECT_EQ(follow_up->answer, domain::FollowUpAnswer::satisfied);

  for (auto language :
       {domain::Language::zh_Hans, domain::Language::zh_Hant, domain::Language::pt, domain::Language::en}) {
    auto page = browser.get("/" + std::string(domain::language_tag(language)) + "/cases/" + kase.id);
    ASSERT_EQ(page.status, 200);
    const std::string& html = browser.last_body();
    auto t = [&](std::string_view msgid) { return escaped(Translations::shipped().text(language, msgid)); };
    EXPECT_TRUE(contains(html, t("rating:2")));
    EXPECT_TRUE(contains(html, escaped("窗口只开一个，等了很久。")));
    EXPECT_TRUE(contains(html, escaped("已增开第二个窗口。")));
    EXPECT_TRUE(contains(html, t("follow_up_answer:satisfied")));
    EXPECT_TRUE(contains(html, t("action:rate")));
    EXPECT_TRUE(contains(html, t("action:rating_answer")));
    EXPECT_FALSE(contains(html, "level=2"));
    EXPECT_FALSE(contains(html, "action:rat"));
    EXPECT_EQ(check_page_text(language, html), std::vector<std::string>{});
  }
}

}  // namespace
}  // namespace tongban::web::testing

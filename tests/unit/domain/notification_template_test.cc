// Notification kinds and templates: the mapping table, one template per kind in every language, rendering and its
// refusals, dates per language.
#include "domain/notification_template.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/notification_kind.h"

namespace tongban::domain {
namespace {

Personalisation full_values() {
  return {{"case_id", "MO-2026-000042"},
          {"item_name", "ITEM-NAME"},
          {"date", "DATE-TEXT"},
          {"note", "NOTE-TEXT"},
          {"reference", "RR123456785MO"}};
}

TEST(NotificationKinds, CaseEventsMapToTheirKinds) {
  Event event;
  event.action = CaseAction::submit;
  ASSERT_NE(notification_rule(case_event_kind(event)), nullptr);
  EXPECT_EQ(notification_rule(case_event_kind(event))->kind, "received");
  EXPECT_EQ(notification_rule("accept")->kind, "accepted");
  EXPECT_EQ(notification_rule("request_supplement")->kind, "supplement_requested");
  EXPECT_EQ(notification_rule("approve")->kind, "decided_approved");
  EXPECT_EQ(notification_rule("reject")->kind, "decided_rejected");
  EXPECT_EQ(notification_rule("issue_result")->kind, "result_issued");
  EXPECT_TRUE(notification_rule("approve")->statutory);
}

TEST(NotificationKinds, OtherPartsEventsAreMappedByName) {
  for (std::string_view name :
       {"shipment_failed_attempt", "shipment_held_by_customs", "shipment_delivered", "certificate_issued"}) {
    const NotificationRule* rule = notification_rule(name);
    ASSERT_NE(rule, nullptr) << name;
    EXPECT_EQ(rule->kind, name);
  }
  EXPECT_FALSE(notification_rule("shipment_delivered")->statutory);
  EXPECT_TRUE(notification_rule("certificate_issued")->statutory);
}

TEST(NotificationKinds, EventsThatTellNothingAreNotMapped) {
  EXPECT_EQ(notification_rule("start_review"), nullptr);
  EXPECT_EQ(notification_rule("recompute_deadlines"), nullptr);
  EXPECT_EQ(notification_rule(""), nullptr);
}

TEST(NotificationKinds, OneRowPerEventKindAndChannelsParse) {
  std::set<std::string_view> seen;
  for (const auto& rule : notification_rules()) EXPECT_TRUE(seen.insert(rule.event_kind).second) << rule.event_kind;
  for (auto channel : {NotificationChannel::email, NotificationChannel::sms, NotificationChannel::in_app})
    EXPECT_EQ(parse_notification_channel(to_string(channel)), channel);
  EXPECT_EQ(parse_notification_channel("fax"), std::nullopt);
}

// The rule that makes a missing template a test failure: every kind, every language, every text non-empty,
// every one renders and names what it is about: the case, or for a notice (about no case) the notice's id.
TEST(NotificationTemplates, EveryKindHasATemplateInEveryLanguage) {
  for (std::string_view kind : notification_kinds()) {
    for (Language language : kAllLanguages) {
      const NotificationTemplate* found = find_notification_template(kind, language);
      ASSERT_NE(found, nullptr) << "no template for " << kind << " in " << language_tag(language);
      EXPECT_GE(found->version, 1);
      EXPECT_FALSE(found->subject.empty());
      EXPECT_FALSE(found->body.empty());
      EXPECT_FALSE(found->sms.empty());
      RenderedNotification rendered = render_notification(*found, full_values());
      const std::string_view about = kind == "notice_published" ? "RR123456785MO" : "MO-2026-000042";
      EXPECT_NE(rendered.body.find(about), std::string::npos) << kind << " " << language_tag(language);
      EXPECT_EQ(rendered.body.find('{'), std::string::npos);
      EXPECT_EQ(rendered.subject.find('{'), std::string::npos);
      EXPECT_EQ(rendered.sms.find('{'), std::string::npos);
    }
  }
}

TEST(NotificationTemplates, NoTemplateWithoutAKindAndNoneTwice) {
  std::set<std::pair<std::string_view, Language>> seen;
  std::set<std::string_view> kinds(notification_kinds().begin(), notification_kinds().end());
  for (const auto& entry : notification_templates()) {
    EXPECT_TRUE(kinds.contains(entry.kind)) << "template for unknown kind " << entry.kind;
    EXPECT_TRUE(seen.insert({entry.kind, entry.language}).second) << entry.kind;
  }
  EXPECT_EQ(notification_templates().size(), kinds.size() * kAllLanguages.size());
}

TEST(NotificationTemplates, ReasonsReachTheTextsThatNeedThem) {
  for (std::string_view kind : {"not_accepted", "supplement_requested", "decided_rejected", "shipment_failed_attempt"})
    for (Language language : kAllLanguages) {
      auto rendered = render_notification(*find_notification_template(kind, language), full_values());
      EXPECT_NE(rendered.body.find("NOTE-TEXT"), std::string::npos) << kind << " " << language_tag(language);
    }
}

TEST(NotificationTemplates, LanguagesUseTheirRegionalWords) {
  auto values = full_values();
  auto hant = render_notification(*find_notification_template("supplement_requested", Language::zh_Hant), values);
  EXPECT_NE(hant.body.find("網上"), std::string::npos);
  EXPECT_NE(hant.body.find("補交資料"), std::string::npos);
  auto pt = render_notification(*find_notification_template("certificate_issued", Language::pt), values);
  EXPECT_NE(pt.subject.find("electrónico"), std::string::npos);
  auto pt_post = render_notification(*find_notification_template("shipment_delivered", Language::pt), values);
  EXPECT_NE(pt_post.subject.find("Objecto"), std::string::npos);
  auto hans = render_notification(*find_notification_template("received", Language::zh_Hans), values);
  EXPECT_NE(hans.subject.find("申请"), std::string::npos);
}

TEST(NotificationTemplates, RenderingRefusesUnknownMissingAndUnclosedPlaceholders) {
  Personalisation values = full_values();
  EXPECT_THROW(fill_placeholders("Hello {name}", values), NotificationTemplateError);
  values.erase("note");
  EXPECT_THROW(fill_placeholders("Reason: {note}", values), NotificationTemplateError);
  EXPECT_THROW(fill_placeholders("Case {case_id", values), NotificationTemplateError);
  EXPECT_EQ(fill_placeholders("{{literal} {case_id}", values), "{literal} MO-2026-000042");
  // A value is inserted as given, never read again as a template.
  values["note"] = "{case_id}";
  EXPECT_EQ(fill_placeholders("[{note}]", values), "[{case_id}]");
}

TEST(NotificationTemplates, DatesInEachLanguage) {
  CalendarDate date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{2}};
  EXPECT_EQ(format_notification_date(date, Language::zh_Hans), "2026年12月2日");
  EXPECT_EQ(format_notification_date(date, Language::zh_Hant), "2026年12月2日");
  EXPECT_EQ(format_notification_date(date, Language::pt), "2 de Dezembro de 2026");
  EXPECT_EQ(format_notification_date(date, Language::en), "2 December 2026");
}

}  // namespace
}  // namespace tongban::domain

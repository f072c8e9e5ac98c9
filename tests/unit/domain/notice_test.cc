#include "domain/notice.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace tongban::domain {
namespace {

using namespace std::chrono_literals;

constexpr CalendarDate kMarch1 = 2026y / 3 / 1;

// A Macao notice about a Macao item offered in Jiangmen's zone, complete in the four languages, still a draft.
Notice macao_notice() {
  Notice notice;
  notice.id = "MO-N-7";
  notice.origin_node = "MO";
  notice.origin_jurisdiction = "MO";
  notice.topic = NoticeTopic::zone_item;
  notice.title = {"澳门居民身份证续期可在江门办理", "澳門居民身份證續期可在江門辦理",
                  "Renovação do BIR de Macau em Jiangmen", "Macao ID card renewal in Jiangmen"};
  notice.body = {"自3月1日起，江门政务服务中心可受理。\n请携带旧证。",
                 "自3月1日起，江門政務服務中心可受理。\n請攜帶舊證。",
                 "A partir de 1 de Março, no centro de Jiangmen.\nTraga o BIR antigo.",
                 "From 1 March at the Jiangmen service centre.\nBring the old card."};
  notice.item_codes = {"MO-DSI-001"};
  notice.zone_codes = {"ZONE-MO-IN-JM"};
  notice.valid_from = kMarch1;
  notice.author = "mo-staff-ana";
  notice.created_at_ms = 1'772'000'000'000;
  notice.updated_at_ms = notice.created_at_ms;
  return notice;
}

NoticeStep step(NoticeAction action, std::string actor, std::int64_t at_ms, std::string reason = "") {
  NoticeStep s;
  s.action = action;
  s.actor = std::move(actor);
  s.at_ms = at_ms;
  s.reason = std::move(reason);
  return s;
}

// The notice taken through submit and approve by a second member of staff.
Notice published(Notice notice, std::int64_t at_ms) {
  notice = apply_notice_step(notice, step(NoticeAction::submit, notice.author, at_ms - 1));
  return apply_notice_step(notice, step(NoticeAction::approve, "mo-staff-rui", at_ms));
}

bool has(const std::vector<FieldError>& problems, const std::string& field, const std::string& rule) {
  for (const auto& problem : problems)
    if (problem.field == field && problem.rule == rule) return true;
  return false;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(Notice, WordsRoundTrip) {
  for (NoticeTopic topic : kAllNoticeTopics) EXPECT_EQ(parse_notice_topic(to_string(topic)), topic);
  EXPECT_EQ(to_string(NoticeTopic::holiday_hours), "holiday_hours");
  EXPECT_EQ(to_string(NoticeTopic::service_change), "service_change");
  EXPECT_EQ(to_string(NoticeTopic::zone_item), "zone_item");
  EXPECT_EQ(parse_notice_topic("Policy"), std::nullopt);
  for (auto state : {NoticeState::draft, NoticeState::submitted, NoticeState::published, NoticeState::rejected,
                     NoticeState::withdrawn})
    EXPECT_EQ(parse_notice_state(to_string(state)), state);
  for (auto action :
       {NoticeAction::edit, NoticeAction::submit, NoticeAction::approve, NoticeAction::reject, NoticeAction::withdraw})
    EXPECT_EQ(parse_notice_action(to_string(action)), action);
  EXPECT_EQ(parse_notice_action("publish"), std::nullopt);
  EXPECT_EQ(parse_notice_subscription_kind("zone"), NoticeSubscriptionKind::zone);
  EXPECT_EQ(to_string(NoticeSubscriptionKind::item), "item");
}

TEST(Notice, TheTransitionTableIsExactlyTheDocumentedOne) {
  using S = NoticeState;
  using A = NoticeAction;
  const std::vector<std::tuple<S, A, S>> allowed = {
      {S::draft, A::edit, S::draft},
      {S::draft, A::submit, S::submitted},
      {S::submitted, A::approve, S::published},
      {S::submitted, A::reject, S::rejected},
      {S::rejected, A::edit, S::rejected},
      {S::rejected, A::submit, S::submitted},
      {S::published, A::withdraw, S::withdrawn},
      {S::withdrawn, A::edit, S::draft},
  };
  int possible = 0;
  for (S from : {S::draft, S::submitted, S::published, S::rejected, S::withdrawn}) {
    for (A action : {A::edit, A::submit, A::approve, A::reject, A::withdraw}) {
      std::optional<S> expected;
      for (const auto& [f, a, to] : allowed)
        if (f == from && a == action) expected = to;
      EXPECT_EQ(notice_transition(from, action), expected) << to_string(from) << " " << to_string(action);
      possible += notice_transition(from, action).has_value();
    }
  }
  EXPECT_EQ(possible, 8);
  EXPECT_FALSE(notice_transition(S::submitted, A::edit));  // frozen while reviewed
  EXPECT_FALSE(notice_transition(S::published, A::edit));  // never edited in place
  EXPECT_FALSE(notice_transition(S::draft, A::approve));   // nothing is published unreviewed
}

TEST(Notice, IdsAreNodeThenNThenASerial) {
  EXPECT_EQ(format_notice_id("CN-GD-JM", 42), "CN-GD-JM-N-42");
  EXPECT_EQ(format_notice_id("MO", 7), "MO-N-7");
  EXPECT_EQ(parse_notice_id("CN-GD-JM-N-42"), (NoticeId{"CN-GD-JM", 42}));
  EXPECT_EQ(parse_notice_id("MO-N-999999999999"), (NoticeId{"MO", kMaxNoticeSerial}));
  EXPECT_EQ(parse_notice_id("X-N-N-5"), (NoticeId{"X-N", 5}));  // the last "-N-" splits
  EXPECT_EQ(parse_notice_id("MO-N-007"), std::nullopt);         // no leading zero
  EXPECT_EQ(parse_notice_id("MO-N-0"), std::nullopt);
  EXPECT_EQ(parse_notice_id("MO-N-1000000000000"), std::nullopt);  // 13 digits
  EXPECT_EQ(parse_notice_id("MO-N-"), std::nullopt);
  EXPECT_EQ(parse_notice_id("-N-5"), std::nullopt);
  EXPECT_EQ(parse_notice_id("MO-N-5a"), std::nullopt);
  EXPECT_EQ(parse_notice_id("M O-N-5"), std::nullopt);
  EXPECT_EQ(parse_notice_id("MO-5"), std::nullopt);
  EXPECT_THROW(format_notice_id("MO", 0), std::invalid_argument);
  EXPECT_THROW(format_notice_id("MO", kMaxNoticeSerial + 1), std::invalid_argument);
  EXPECT_THROW(format_notice_id("M/O", 1), std::invalid_argument);
  EXPECT_THROW(format_notice_id(std::string(65, 'A'), 1), std::invalid_argument);
}

TEST(Notice, ACompleteNoticeHasNoProblem) {
  EXPECT_TRUE(notice_draft_problems(macao_notice()).empty());
  EXPECT_TRUE(notice_submit_problems(macao_notice()).empty());
}

TEST(Notice, ADraftMayLackTextsButNotItsIdentity) {
  Notice notice = macao_notice();
  notice.title.pt.clear();
  notice.body = {};
  EXPECT_TRUE(notice_draft_problems(notice).empty());
  notice.id = "JM-N-7";
  notice.author.clear();
  notice.origin_jurisdiction = "M O";
  const auto problems = notice_draft_problems(notice);
  EXPECT_TRUE(has(problems, "id", "not_this_node"));
  EXPECT_TRUE(has(problems, "author", "required"));
  EXPECT_TRUE(has(problems, "origin_jurisdiction", "format"));
  EXPECT_EQ(problems.size(), 3u);
  notice.id = "MO-7";
  EXPECT_TRUE(has(notice_draft_problems(notice), "id", "format"));
  notice.id.clear();
  EXPECT_TRUE(has(notice_draft_problems(notice), "id", "required"));
}

TEST(Notice, AllFourLanguagesAreRequiredBeforeSubmit) {
  Notice notice = macao_notice();
  notice.title.pt.clear();
  notice.body.zh_hant = " \n\t ";  // blank counts as missing
  const auto problems = notice_submit_problems(notice);
  EXPECT_TRUE(has(problems, "title.pt", "required"));
  EXPECT_TRUE(has(problems, "body.zh_hant", "required"));
  EXPECT_EQ(problems.size(), 2u);
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::submit, notice.author, 1)), "title.pt", "required"));
  EXPECT_THROW(apply_notice_step(notice, step(NoticeAction::submit, notice.author, 1)), std::invalid_argument);
}

TEST(Notice, AZoneItemNoticeNamesItemsOrAZone) {
  Notice notice = macao_notice();
  notice.item_codes.clear();
  EXPECT_TRUE(notice_submit_problems(notice).empty());  // the zone is enough
  notice.zone_codes.clear();
  EXPECT_TRUE(has(notice_submit_problems(notice), "item_codes", "required"));
  notice.topic = NoticeTopic::policy;  // a policy may concern no particular item
  EXPECT_TRUE(notice_submit_problems(notice).empty());
}

TEST(Notice, LengthsAreCountedInCharactersNotBytes) {
  Notice notice = macao_notice();
  notice.title.zh_hans = repeat("澳", kMaxNoticeTitleChars);  // 360 bytes
  notice.body.en = repeat("x", kMaxNoticeBodyChars);
  notice.body.zh_hant = repeat("門", kMaxNoticeBodyChars);
  EXPECT_TRUE(notice_submit_problems(notice).empty());
  notice.title.zh_hans += "门";
  notice.body.en += "y";
  const auto problems = notice_draft_problems(notice);
  EXPECT_TRUE(has(problems, "title.zh_hans", "too_long"));
  EXPECT_TRUE(has(problems, "body.en", "too_long"));
  EXPECT_EQ(problems.size(), 2u);
}

TEST(Notice, TitlesAreOneLineAndBodiesKeepLineBreaksOnly) {
  Notice notice = macao_notice();
  notice.body.pt = "Linha um\r\nLinha dois\tcom tab";
  EXPECT_TRUE(notice_draft_problems(notice).empty());
  notice.title.en = "Two\nlines";
  EXPECT_TRUE(has(notice_draft_problems(notice), "title.en", "control_character"));
  notice.title.en = "Tab\tinside";
  EXPECT_TRUE(has(notice_draft_problems(notice), "title.en", "control_character"));
  notice.title.en = "fine";
  for (std::string bad : {std::string("bell\x07"), std::string("nul\0x", 5), std::string("del\x7F"),
                          std::string("c1 \xC2\x85"), std::string("nonchar \xEF\xBF\xBF")}) {
    notice.body.en = bad;
    EXPECT_TRUE(has(notice_draft_problems(notice), "body.en", "control_character")) << bad;
  }
}

TEST(Notice, BrokenUtf8IsRefused) {
  Notice notice = macao_notice();
  for (std::string bad : {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ok \xFF"}) {
    notice.title.pt = bad;
    EXPECT_TRUE(has(notice_draft_problems(notice), "title.pt", "utf8")) << bad;
  }
}

TEST(Notice, ItemAndZoneCodesAreCheckedCountedAndUnique) {
  Notice notice = macao_notice();
  notice.item_codes = {"MO-DSI-001", "MO DSI", "MO-DSI-001"};
  auto problems = notice_draft_problems(notice);
  EXPECT_TRUE(has(problems, "item_codes[1]", "format"));
  EXPECT_TRUE(has(problems, "item_codes[2]", "duplicate"));
  notice.item_codes.clear();
  for (std::size_t i = 0; i <= kMaxNoticeItems; ++i) notice.item_codes.push_back("MO-DSI-" + std::to_string(100 + i));
  EXPECT_TRUE(has(notice_draft_problems(notice), "item_codes", "too_many"));
  notice.item_codes.pop_back();
  EXPECT_TRUE(notice_draft_problems(notice).empty());
  for (std::size_t i = 0; i < kMaxNoticeZones; ++i) notice.zone_codes.push_back("ZONE-" + std::to_string(i));
  EXPECT_TRUE(has(notice_draft_problems(notice), "zone_codes", "too_many"));  // 11 with the first
}

TEST(Notice, ValidUntilIsInclusiveAndNotBeforeValidFrom) {
  Notice notice = macao_notice();
  notice.valid_until = kMarch1;  // one day
  EXPECT_TRUE(notice_draft_problems(notice).empty());
  notice.valid_until = 2026y / 2 / 28;
  EXPECT_TRUE(has(notice_draft_problems(notice), "valid_until", "range"));
  notice.valid_until = 2026y / 2 / 30;
  EXPECT_TRUE(has(notice_draft_problems(notice), "valid_until", "date"));
  Notice undated = macao_notice();
  undated.valid_from = {};  // never set
  EXPECT_TRUE(has(notice_draft_problems(undated), "valid_from", "date"));
}

TEST(Notice, AuthorAndApproverAreDifferentStaff) {
  Notice notice = macao_notice();
  EXPECT_FALSE(may_approve(notice, "mo-staff-rui"));  // still a draft
  notice = apply_notice_step(notice, step(NoticeAction::submit, "mo-staff-ana", 10));
  EXPECT_EQ(notice.state, NoticeState::submitted);
  EXPECT_FALSE(may_approve(notice, "mo-staff-ana"));
  EXPECT_FALSE(may_approve(notice, ""));
  EXPECT_TRUE(may_approve(notice, "mo-staff-rui"));
  EXPECT_TRUE(
      has(notice_step_problems(notice, step(NoticeAction::approve, "mo-staff-ana", 11)), "approver", "same_as_author"));
  EXPECT_THROW(apply_notice_step(notice, step(NoticeAction::approve, "mo-staff-ana", 11)), std::invalid_argument);
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::reject, "mo-staff-ana", 11, "no")), "actor",
                  "same_as_author"));
  Notice broken = notice;
  broken.title.en.clear();  // changed behind the desk's back: not approvable
  EXPECT_FALSE(may_approve(broken, "mo-staff-rui"));
}

TEST(Notice, OnlyTheAuthorEditsAndSubmits) {
  Notice notice = macao_notice();
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::edit, "mo-staff-rui", 1)), "actor", "not_author"));
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::submit, "mo-staff-rui", 1)), "actor", "not_author"));
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::edit, "", 1)), "actor", "required"));
  EXPECT_TRUE(notice_step_problems(notice, step(NoticeAction::edit, "mo-staff-ana", 1)).empty());
}

TEST(Notice, ARejectedNoticeIsCorrectedAndSubmittedAgain) {
  Notice notice = apply_notice_step(macao_notice(), step(NoticeAction::submit, "mo-staff-ana", 10));
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::reject, "mo-staff-rui", 11)), "reason", "required"));
  EXPECT_TRUE(has(notice_step_problems(notice, step(NoticeAction::reject, "mo-staff-rui", 11, repeat("理", 501))),
                  "reason", "too_long"));
  notice = apply_notice_step(notice, step(NoticeAction::reject, "mo-staff-rui", 11, "O título em pt está errado."));
  EXPECT_EQ(notice.state, NoticeState::rejected);
  EXPECT_EQ(notice.reject_reason, "O título em pt está errado.");
  EXPECT_EQ(notice.approver, "");
  EXPECT_EQ(notice.revision, 0);

  notice.title.pt = "Renovação do BIR de Macau no centro de Jiangmen";
  notice = apply_notice_step(notice, step(NoticeAction::edit, "mo-staff-ana", 12));
  EXPECT_EQ(notice.state, NoticeState::rejected);  // the reason stays shown while correcting
  EXPECT_EQ(notice.reject_reason, "O título em pt está errado.");
  EXPECT_EQ(notice.updated_at_ms, 12);

  notice = apply_notice_step(notice, step(NoticeAction::submit, "mo-staff-ana", 13));
  EXPECT_EQ(notice.state, NoticeState::submitted);
  EXPECT_EQ(notice.reject_reason, "");
  notice = apply_notice_step(notice, step(NoticeAction::approve, "mo-staff-rui", 14));
  EXPECT_EQ(notice.state, NoticeState::published);
  EXPECT_EQ(notice.approver, "mo-staff-rui");
  EXPECT_EQ(notice.published_at_ms, 14);
  EXPECT_EQ(notice.revision, 1);
}

TEST(Notice, RevisionCountsPublicationsAndWithdrawals) {
  Notice first = published(macao_notice(), 100);
  EXPECT_EQ(first.revision, 1);
  EXPECT_TRUE(
      has(notice_step_problems(first, step(NoticeAction::edit, "mo-staff-ana", 101)), "state", "illegal_transition"));
  Notice withdrawn = apply_notice_step(first, step(NoticeAction::withdraw, "mo-staff-rui", 200));
  EXPECT_EQ(withdrawn.state, NoticeState::withdrawn);
  EXPECT_EQ(withdrawn.revision, 2);
  EXPECT_EQ(withdrawn.published_at_ms, 100);
  EXPECT_TRUE(supersedes(withdrawn, first));
  EXPECT_FALSE(supersedes(first, withdrawn));  // a late copy of the older revision is ignored
  EXPECT_FALSE(supersedes(first, first));

  Notice revised = apply_notice_step(withdrawn, step(NoticeAction::edit, "mo-staff-ana", 300));
  EXPECT_EQ(revised.state, NoticeState::draft);
  EXPECT_EQ(revised.approver, "");  // the new text is not approved yet
  Notice again = published(revised, 400);
  EXPECT_EQ(again.revision, 3);
  EXPECT_EQ(again.published_at_ms, 400);
  EXPECT_TRUE(supersedes(again, withdrawn));
  Notice other = again;
  other.id = "MO-N-8";
  EXPECT_FALSE(supersedes(other, first));  // another notice
}

TEST(Notice, InForceBetweenItsDatesInclusiveWhilePublished) {
  Notice notice = macao_notice();
  notice.valid_until = 2026y / 3 / 31;
  EXPECT_FALSE(is_in_force(notice, 2026y / 3 / 10));  // a draft is never in force
  notice = published(notice, 100);
  EXPECT_FALSE(is_in_force(notice, 2026y / 2 / 28));
  EXPECT_TRUE(is_in_force(notice, kMarch1));
  EXPECT_TRUE(is_in_force(notice, 2026y / 3 / 31));
  EXPECT_FALSE(is_in_force(notice, 2026y / 4 / 1));
  EXPECT_FALSE(is_expired(notice, 2026y / 3 / 31));
  EXPECT_TRUE(is_expired(notice, 2026y / 4 / 1));
  notice.valid_until.reset();
  EXPECT_TRUE(is_in_force(notice, 2099y / 1 / 1));
  notice = apply_notice_step(notice, step(NoticeAction::withdraw, "mo-staff-rui", 200));
  EXPECT_FALSE(is_in_force(notice, 2026y / 3 / 10));
}

Notice numbered(std::string id, NoticeTopic topic, std::int64_t published_at_ms) {
  Notice notice = macao_notice();
  notice.id = std::move(id);
  notice.topic = topic;
  return published(notice, published_at_ms);
}

std::vector<std::string> ids(const std::vector<const Notice*>& notices) {
  std::vector<std::string> out;
  for (const Notice* notice : notices) out.push_back(notice->id);
  return out;
}

TEST(Notice, FeedsShowPublishedNoticesNewestFirstTiesById) {
  std::vector<Notice> notices;
  notices.push_back(numbered("MO-N-3", NoticeTopic::policy, 300));
  notices.push_back(numbered("MO-N-1", NoticeTopic::zone_item, 500));
  notices.push_back(numbered("MO-N-2", NoticeTopic::policy, 500));  // same instant as MO-N-1
  notices.push_back(numbered("MO-N-10", NoticeTopic::holiday_hours, 100));
  Notice draft = macao_notice();
  draft.id = "MO-N-4";
  notices.push_back(draft);
  notices.push_back(apply_notice_step(numbered("MO-N-5", NoticeTopic::policy, 900),
                                      step(NoticeAction::withdraw, "mo-staff-rui", 950)));
  NoticeQuery query;
  query.today = 2026y / 3 / 10;
  EXPECT_EQ(ids(notices_for(notices, query)), (std::vector<std::string>{"MO-N-1", "MO-N-2", "MO-N-3", "MO-N-10"}));
  query.topic = NoticeTopic::policy;
  EXPECT_EQ(ids(notices_for(notices, query)), (std::vector<std::string>{"MO-N-2", "MO-N-3"}));
  EXPECT_EQ(notices_for(notices, query).front(), &notices[2]);  // pointers into the input
}

TEST(Notice, FeedsKeepAdvanceNoticesAndDropExpiredOnesUnlessAsked) {
  std::vector<Notice> notices;
  Notice holiday = macao_notice();
  holiday.id = "MO-N-1";
  holiday.topic = NoticeTopic::holiday_hours;
  holiday.valid_from = 2026y / 12 / 24;
  holiday.valid_until = 2026y / 12 / 26;
  notices.push_back(published(holiday, 100));
  NoticeQuery query;
  query.today = 2026y / 12 / 20;  // announced in advance: shown
  EXPECT_EQ(notices_for(notices, query).size(), 1u);
  query.today = 2026y / 12 / 26;
  EXPECT_EQ(notices_for(notices, query).size(), 1u);
  query.today = 2026y / 12 / 27;
  EXPECT_TRUE(notices_for(notices, query).empty());
  query.include_expired = true;  // the archive
  EXPECT_EQ(notices_for(notices, query).size(), 1u);
}

TEST(Notice, AJiangmenItemPageFindsTheMacaoNoticeAboutTheItem) {
  std::vector<Notice> held;  // what the Jiangmen node holds: its own notices and its peers'
  held.push_back(published(macao_notice(), 100));
  Notice jiangmen = macao_notice();
  jiangmen.id = "CN-GD-JM-N-1";
  jiangmen.origin_node = "CN-GD-JM";
  jiangmen.origin_jurisdiction = "CN-GD-JM";
  jiangmen.item_codes = {"JM-HRSS-004"};
  jiangmen.zone_codes = {};
  jiangmen.author = "jm-staff-li";
  held.push_back(published(jiangmen, 200));
  NoticeQuery query;
  query.today = 2026y / 3 / 10;
  query.item_code = "MO-DSI-001";
  EXPECT_EQ(ids(notices_for(held, query)), std::vector<std::string>{"MO-N-7"});
  query.item_code.reset();
  query.zone_code = "ZONE-MO-IN-JM";
  EXPECT_EQ(ids(notices_for(held, query)), std::vector<std::string>{"MO-N-7"});
  query.zone_code.reset();
  query.origin_node = "CN-GD-JM";
  EXPECT_EQ(ids(notices_for(held, query)), std::vector<std::string>{"CN-GD-JM-N-1"});
  query.origin_node.reset();
  EXPECT_EQ(ids(notices_for(held, query)), (std::vector<std::string>{"CN-GD-JM-N-1", "MO-N-7"}));
}

TEST(Notice, SubscriptionsAreChecked) {
  EXPECT_TRUE(subscription_problems({"acct-1", NoticeSubscriptionKind::topic, "holiday_hours"}).empty());
  EXPECT_TRUE(subscription_problems({"acct-1", NoticeSubscriptionKind::item, "MO-DSI-001"}).empty());
  EXPECT_TRUE(
      has(subscription_problems({"", NoticeSubscriptionKind::zone, "ZONE-MO-IN-JM"}), "account_id", "required"));
  EXPECT_TRUE(has(subscription_problems({"acct-1", NoticeSubscriptionKind::topic, "holidays"}), "value", "enum"));
  EXPECT_TRUE(has(subscription_problems({"acct-1", NoticeSubscriptionKind::item, "MO DSI"}), "value", "format"));
  EXPECT_TRUE(has(subscription_problems({"acct-1", NoticeSubscriptionKind::zone, ""}), "value", "required"));
}

TEST(Notice, SubscriptionsMatchTopicItemOrZoneOfPublishedNotices) {
  const Notice draft = macao_notice();
  const Notice notice = published(draft, 100);
  EXPECT_TRUE(subscription_matches({"a", NoticeSubscriptionKind::topic, "zone_item"}, notice));
  EXPECT_FALSE(subscription_matches({"a", NoticeSubscriptionKind::topic, "policy"}, notice));
  EXPECT_TRUE(subscription_matches({"a", NoticeSubscriptionKind::item, "MO-DSI-001"}, notice));
  EXPECT_FALSE(subscription_matches({"a", NoticeSubscriptionKind::item, "MO-DSI-002"}, notice));
  EXPECT_FALSE(subscription_matches({"a", NoticeSubscriptionKind::item, "ZONE-MO-IN-JM"}, notice));
  EXPECT_TRUE(subscription_matches({"a", NoticeSubscriptionKind::zone, "ZONE-MO-IN-JM"}, notice));
  EXPECT_FALSE(subscription_matches({"a", NoticeSubscriptionKind::zone, "MO-DSI-001"}, notice));
  EXPECT_FALSE(subscription_matches({"a", NoticeSubscriptionKind::topic, "zone_item"}, draft));  // never a draft
}

TEST(Notice, EachAccountIsToldOnce) {
  const Notice notice = published(macao_notice(), 100);
  const std::vector<NoticeSubscription> subscriptions = {
      {"carol", NoticeSubscriptionKind::item, "MO-DSI-001"}, {"alice", NoticeSubscriptionKind::zone, "ZONE-MO-IN-JM"},
      {"carol", NoticeSubscriptionKind::topic, "zone_item"}, {"bob", NoticeSubscriptionKind::topic, "policy"},
      {"", NoticeSubscriptionKind::topic, "zone_item"},
  };
  EXPECT_EQ(accounts_to_tell(subscriptions, notice), (std::vector<std::string>{"alice", "carol"}));
  EXPECT_TRUE(accounts_to_tell(subscriptions, macao_notice()).empty());
}

}  // namespace
}  // namespace tongban::domain

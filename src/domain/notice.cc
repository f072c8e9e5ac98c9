#include "domain/notice.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "domain/record_fields.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

constexpr WordTable<NoticeTopic, 4> kTopics = {{
    {NoticeTopic::policy, "policy"},
    {NoticeTopic::service_change, "service_change"},
    {NoticeTopic::holiday_hours, "holiday_hours"},
    {NoticeTopic::zone_item, "zone_item"},
}};

constexpr WordTable<NoticeState, 5> kStates = {{
    {NoticeState::draft, "draft"},
    {NoticeState::submitted, "submitted"},
    {NoticeState::published, "published"},
    {NoticeState::rejected, "rejected"},
    {NoticeState::withdrawn, "withdrawn"},
}};

constexpr WordTable<NoticeAction, 5> kActions = {{
    {NoticeAction::edit, "edit"},
    {NoticeAction::submit, "submit"},
    {NoticeAction::approve, "approve"},
    {NoticeAction::reject, "reject"},
    {NoticeAction::withdraw, "withdraw"},
}};

constexpr WordTable<NoticeSubscriptionKind, 3> kSubscriptionKinds = {{
    {NoticeSubscriptionKind::topic, "topic"},
    {NoticeSubscriptionKind::item, "item"},
    {NoticeSubscriptionKind::zone, "zone"},
}};

struct Transition {
  NoticeState from;
  NoticeAction action;
  NoticeState to;
};

// The whole life of a notice (header comment).
constexpr Transition kTransitions[] = {
    {NoticeState::draft, NoticeAction::edit, NoticeState::draft},
    {NoticeState::draft, NoticeAction::submit, NoticeState::submitted},
    {NoticeState::submitted, NoticeAction::approve, NoticeState::published},
    {NoticeState::submitted, NoticeAction::reject, NoticeState::rejected},
    {NoticeState::rejected, NoticeAction::edit, NoticeState::rejected},
    {NoticeState::rejected, NoticeAction::submit, NoticeState::submitted},
    {NoticeState::published, NoticeAction::withdraw, NoticeState::withdrawn},
    {NoticeState::withdrawn, NoticeAction::edit, NoticeState::draft},
};

constexpr char kIdKind = 'N';  // "<node>-N-<serial>"

using record_fields::add;
using record_fields::check_text;

std::string_view field_word(Language language) {
  return record_fields::language_field(language);
}

bool blank(std::string_view text) {
  return record_fields::is_blank(text);
}

void check_codes(std::vector<FieldError>& problems, const std::string& field, const std::vector<std::string>& codes,
                 std::size_t max_codes) {
  if (codes.size() > max_codes)
    add(problems, field, "too_many", "At most " + std::to_string(max_codes) + " codes may be given.");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!is_notice_code(codes[i]))
      add(problems, at, "format", "'" + codes[i] + "' is not a code (1-64 characters of A-Z a-z 0-9 . _ -).");
    else if (!seen.insert(codes[i]).second)
      add(problems, at, "duplicate", "'" + codes[i] + "' is listed twice.");
  }
}

bool contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

std::string_view to_string(NoticeTopic topic) {
  return word_of(kTopics, topic);
}
std::string_view to_string(NoticeState state) {
  return word_of(kStates, state);
}
std::string_view to_string(NoticeAction action) {
  return word_of(kActions, action);
}
std::string_view to_string(NoticeSubscriptionKind kind) {
  return word_of(kSubscriptionKinds, kind);
}
std::optional<NoticeTopic> parse_notice_topic(std::string_view word) {
  return value_of(kTopics, word);
}
std::optional<NoticeState> parse_notice_state(std::string_view word) {
  return value_of(kStates, word);
}
std::optional<NoticeAction> parse_notice_action(std::string_view word) {
  return value_of(kActions, word);
}
std::optional<NoticeSubscriptionKind> parse_notice_subscription_kind(std::string_view word) {
  return value_of(kSubscriptionKinds, word);
}

std::optional<NoticeState> notice_transition(NoticeState state, NoticeAction action) {
  for (const auto& row : kTransitions)
    if (row.from == state && row.action == action) return row.to;
  return std::nullopt;
}

bool is_notice_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::string format_notice_id(std::string_view node, std::int64_t serial) {
  if (serial > kMaxNoticeSerial)
    throw std::invalid_argument("notice id: serial " + std::to_string(serial) + " is out of range");
  return record_fields::format_id(node, kIdKind, serial);
}

std::optional<NoticeId> parse_notice_id(std::string_view text) {
  auto parts = record_fields::parse_id(text, kIdKind);
  if (!parts) return std::nullopt;
  return NoticeId{std::move(parts->node), parts->serial};
}

std::vector<FieldError> notice_draft_problems(const Notice& notice) {
  std::vector<FieldError> problems;
  record_fields::check_id(problems, "id", notice.id, kIdKind, notice.origin_node);
  const std::pair<const char*, const std::string*> ids[] = {{"origin_node", &notice.origin_node},
                                                            {"origin_jurisdiction", &notice.origin_jurisdiction}};
  for (const auto& [field, value] : ids) {
    if (value->empty())
      add(problems, field, "required", "This code is required.");
    else if (!is_notice_code(*value))
      add(problems, field, "format", "'" + *value + "' is not a code (1-64 characters of A-Z a-z 0-9 . _ -).");
  }
  for (Language language : kAllLanguages)
    check_text(problems, "title." + std::string(field_word(language)), notice.title.in(language), kMaxNoticeTitleChars,
               false, false);
  for (Language language : kAllLanguages)
    check_text(problems, "body." + std::string(field_word(language)), notice.body.in(language), kMaxNoticeBodyChars,
               true, false);
  check_codes(problems, "item_codes", notice.item_codes, kMaxNoticeItems);
  check_codes(problems, "zone_codes", notice.zone_codes, kMaxNoticeZones);
  if (!notice.valid_from.ok()) add(problems, "valid_from", "date", "valid_from is not a calendar date.");
  if (notice.valid_until) {
    if (!notice.valid_until->ok())
      add(problems, "valid_until", "date", "valid_until is not a calendar date.");
    else if (notice.valid_from.ok() && *notice.valid_until < notice.valid_from)
      add(problems, "valid_until", "range", "valid_until is before valid_from.");
  }
  if (notice.author.empty()) add(problems, "author", "required", "A notice needs its author.");
  return problems;
}

std::vector<FieldError> notice_submit_problems(const Notice& notice) {
  std::vector<FieldError> problems = notice_draft_problems(notice);
  // A blank text is never a draft problem, so each missing text is reported once, here.
  const std::pair<std::string_view, const LocalizedText*> parts[] = {{"title", &notice.title}, {"body", &notice.body}};
  for (const auto& [part, text] : parts)
    for (Language language : kAllLanguages)
      if (blank(text->in(language)))
        add(problems, std::string(part) + "." + std::string(field_word(language)), "required",
            "Every notice is published in zh-Hans, zh-Hant, pt and en.");
  if (notice.topic == NoticeTopic::zone_item && notice.item_codes.empty() && notice.zone_codes.empty())
    add(problems, "item_codes", "required", "A notice of new zone items names the items or the zone.");
  return problems;
}

bool may_approve(const Notice& notice, std::string_view approver) {
  return notice.state == NoticeState::submitted && !approver.empty() && approver != notice.author &&
         notice_submit_problems(notice).empty();
}

bool is_expired(const Notice& notice, CalendarDate today) {
  return notice.valid_until && *notice.valid_until < today;
}

bool is_in_force(const Notice& notice, CalendarDate today) {
  return notice.state == NoticeState::published && !(today < notice.valid_from) && !is_expired(notice, today);
}

bool supersedes(const Notice& candidate, const Notice& held) {
  return candidate.id == held.id && candidate.revision > held.revision;
}

std::vector<FieldError> notice_step_problems(const Notice& notice, const NoticeStep& step) {
  std::vector<FieldError> problems;
  if (!notice_transition(notice.state, step.action))
    add(problems, "state", "illegal_transition",
        "A " + std::string(to_string(notice.state)) + " notice cannot be given '" +
            std::string(to_string(step.action)) + "'.");
  if (step.actor.empty()) add(problems, "actor", "required", "Every step is taken by a member of staff.");
  if (!problems.empty()) return problems;
  switch (step.action) {
    case NoticeAction::edit:
    case NoticeAction::submit:
      if (step.actor != notice.author)
        add(problems, "actor", "not_author", "Only the notice's author edits and submits it.");
      if (step.action == NoticeAction::submit) {
        auto content = notice_submit_problems(notice);
        problems.insert(problems.end(), content.begin(), content.end());
      }
      break;
    case NoticeAction::approve: {
      if (step.actor == notice.author)
        add(problems, "approver", "same_as_author", "A notice is approved by another member of staff than its author.");
      auto content = notice_submit_problems(notice);
      problems.insert(problems.end(), content.begin(), content.end());
      break;
    }
    case NoticeAction::reject:
      if (step.actor == notice.author)
        add(problems, "actor", "same_as_author", "A notice is reviewed by another member of staff than its author.");
      check_text(problems, "reason", step.reason, kMaxNoticeRejectReasonChars, true, true);
      break;
    case NoticeAction::withdraw: break;
  }
  return problems;
}

Notice apply_notice_step(Notice notice, const NoticeStep& step) {
  if (auto problems = notice_step_problems(notice, step); !problems.empty())
    throw std::invalid_argument("notice " + notice.id + ": " + problems.front().field + " " + problems.front().rule +
                                ": " + problems.front().message);
  const NoticeState from = notice.state;
  notice.state = *notice_transition(from, step.action);
  notice.updated_at_ms = step.at_ms;
  switch (step.action) {
    case NoticeAction::edit:
      if (from == NoticeState::withdrawn) notice.approver.clear();
      break;
    case NoticeAction::submit:
      notice.approver.clear();
      notice.reject_reason.clear();
      break;
    case NoticeAction::approve:
      notice.approver = step.actor;
      notice.published_at_ms = step.at_ms;
      ++notice.revision;
      break;
    case NoticeAction::reject: notice.reject_reason = step.reason; break;
    case NoticeAction::withdraw: ++notice.revision; break;
  }
  return notice;
}

std::vector<const Notice*> notices_for(const std::vector<Notice>& notices, const NoticeQuery& query) {
  std::vector<const Notice*> found;
  for (const Notice& notice : notices) {
    if (notice.state != NoticeState::published) continue;
    if (!query.include_expired && is_expired(notice, query.today)) continue;
    if (query.topic && notice.topic != *query.topic) continue;
    if (query.item_code && !contains(notice.item_codes, *query.item_code)) continue;
    if (query.zone_code && !contains(notice.zone_codes, *query.zone_code)) continue;
    if (query.origin_node && notice.origin_node != *query.origin_node) continue;
    found.push_back(&notice);
  }
  std::sort(found.begin(), found.end(), [](const Notice* a, const Notice* b) {
    if (a->published_at_ms != b->published_at_ms) return a->published_at_ms > b->published_at_ms;
    return a->id < b->id;
  });
  return found;
}

std::vector<FieldError> subscription_problems(const NoticeSubscription& subscription) {
  std::vector<FieldError> problems;
  if (subscription.account_id.empty()) add(problems, "account_id", "required", "A subscription belongs to an account.");
  if (subscription.value.empty()) {
    add(problems, "value", "required", "Name the topic, item or zone to follow.");
  } else if (subscription.kind == NoticeSubscriptionKind::topic) {
    if (!parse_notice_topic(subscription.value))
      add(problems, "value", "enum",
          "'" + subscription.value + "' is not a topic (policy, service_change, holiday_hours, zone_item).");
  } else if (!is_notice_code(subscription.value)) {
    add(problems, "value", "format",
        "'" + subscription.value + "' is not a code (1-64 characters of A-Z a-z 0-9 . _ -).");
  }
  return problems;
}

bool subscription_matches(const NoticeSubscription& subscription, const Notice& notice) {
  if (notice.state != NoticeState::published) return false;
  switch (subscription.kind) {
    case NoticeSubscriptionKind::topic: return subscription.value == to_string(notice.topic);
    case NoticeSubscriptionKind::item: return contains(notice.item_codes, subscription.value);
    case NoticeSubscriptionKind::zone: return contains(notice.zone_codes, subscription.value);
  }
  return false;
}

std::vector<std::string> accounts_to_tell(const std::vector<NoticeSubscription>& subscriptions, const Notice& notice) {
  std::set<std::string> accounts;
  for (const auto& subscription : subscriptions)
    if (!subscription.account_id.empty() && subscription_matches(subscription, notice))
      accounts.insert(subscription.account_id);
  return {accounts.begin(), accounts.end()};
}

}  // namespace tongban::domain

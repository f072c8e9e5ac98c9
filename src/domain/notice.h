// Notices (Bay Area information platform): what a node tells the public about its services — a policy, a change
// of a service, holiday and opening hours, new items in a zone — written by the node's staff in the four languages,
// reviewed by a second member of staff before it is published, in force between two dates, shown on the node's
// pages and sent to the peers that subscribe, so that a Jiangmen resident reads a Macao notice about a Macao item
// offered in Jiangmen on the Jiangmen node's pages.
//
// Who owns what: a notice belongs to its origin node (the node its staff work at) and only that node changes it.
// Peers hold copies and take the one with the highest revision (supersedes()). The store keeps notices and
// subscriptions; a node desk applies the rules below, checks item and zone codes against the catalog (not done
// here: pure values, no I/O) and records each step in the audit trail.
//
// Life of a notice (notice_transition, one table):
//   draft      --edit-->    draft          --submit--> submitted   (the author asks for review)
//   submitted  --approve--> published      (approve = publish, by another member of staff: may_approve)
//   submitted  --reject-->  rejected       (returned to the author with a reason)
//   rejected   --edit-->    rejected       (the reason stays shown while the author corrects) --submit--> submitted
//   published  --withdraw-> withdrawn      (taken down after publishing)
//   withdrawn  --edit-->    draft          (revised to be submitted and published again under the same id)
// Nothing else: a submitted notice is frozen while it is reviewed, a published one is never edited in place (a
// correction is withdraw, edit, submit, approve — approved again by a second person). Only the author edits and
// submits (notice_step_problems): a second person's edits would make them an author the approver rule cannot see.
// revision counts publications and withdrawals (0 before the first publication); each approve and withdraw adds
// one, so a peer holding revision r takes the copy with revision > r and ignores older ones arriving late.
//
// Id: "<origin node>-N-<serial>", e.g. "CN-GD-JM-N-42", "MO-N-7": the origin node's id (1–64 characters of
// [A-Za-z0-9._-], the id rule of the federation directory, docs/federation.md §10.1), "-N-", and a serial of 1–12
// decimal digits without a leading zero (1 … 999999999999, the node's own counter). The serial is all digits, so
// the last "-N-" splits the id even when the node id contains "-N-". Every character is URL-safe (unreserved).
//
// Invariants of a notice that passes notice_draft_problems: the id is of the form above and names origin_node;
// origin_node and origin_jurisdiction are ids; every title and body given is valid UTF-8, a title at most
// kMaxNoticeTitleChars characters (code points) on one line with no control character, a body at most
// kMaxNoticeBodyChars with no control character but CR, LF and tab; at most kMaxNoticeItems item codes and
// kMaxNoticeZones zone codes, each an id, none repeated; valid_until (inclusive), when set, is not before
// valid_from; the author is set. notice_submit_problems adds: every title and body present in all four languages,
// and a zone_item notice names at least one item or zone. A published notice has an approver other than its author.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/language.h"
#include "domain/problem.h"

namespace tongban::domain {

inline constexpr std::size_t kMaxNoticeTitleChars = 120;
inline constexpr std::size_t kMaxNoticeBodyChars = 4000;
inline constexpr std::size_t kMaxNoticeItems = 20;
inline constexpr std::size_t kMaxNoticeZones = 10;
inline constexpr std::size_t kMaxNoticeRejectReasonChars = 500;
inline constexpr std::int64_t kMaxNoticeSerial = 999'999'999'999;

// Words: "policy", "service_change", "holiday_hours", "zone_item".
enum class NoticeTopic {
  policy,          // a new or changed rule or policy
  service_change,  // an item or service point changes (materials, fees, channels, moves)
  holiday_hours,   // public holidays, special opening hours
  zone_item,       // new items offered in a zone (专区) at another jurisdiction's service points
};
inline constexpr std::array<NoticeTopic, 4> kAllNoticeTopics = {NoticeTopic::policy, NoticeTopic::service_change,
                                                                NoticeTopic::holiday_hours, NoticeTopic::zone_item};

// Words: "draft", "submitted", "published", "rejected", "withdrawn".
enum class NoticeState {
  draft,      // being written by its author
  submitted,  // awaiting review
  published,  // approved: on the node's pages, feeds and at the subscribing peers
  rejected,   // returned to the author with a reason; may be edited and submitted again
  withdrawn,  // taken down after publishing
};

// Words: "edit", "submit", "approve", "reject", "withdraw".
enum class NoticeAction { edit, submit, approve, reject, withdraw };

std::string_view to_string(NoticeTopic topic);
std::string_view to_string(NoticeState state);
std::string_view to_string(NoticeAction action);
std::optional<NoticeTopic> parse_notice_topic(std::string_view word);
std::optional<NoticeState> parse_notice_state(std::string_view word);
std::optional<NoticeAction> parse_notice_action(std::string_view word);

// The state the action leads to from `state`, or nullopt when the action is not possible there (table above).
std::optional<NoticeState> notice_transition(NoticeState state, NoticeAction action);

struct NoticeId {
  std::string node;         // the origin node id
  std::int64_t serial = 0;  // 1 … kMaxNoticeSerial
  bool operator==(const NoticeId&) const = default;
};

// "<node>-N-<serial>". std::invalid_argument when the node is not an id or the serial is out of range.
std::string format_notice_id(std::string_view node, std::int64_t serial);
// The parts of a notice id, or nullopt when `text` is not one.
std::optional<NoticeId> parse_notice_id(std::string_view text);
// 1–64 characters of [A-Za-z0-9._-]: node ids, jurisdiction, item and zone codes as the federation admits them.
bool is_notice_code(std::string_view code);

struct Notice {
  std::string id;                   // "<origin_node>-N-<serial>"
  std::string origin_node;          // "CN-GD-JM", "MO"
  std::string origin_jurisdiction;  // the jurisdiction whose services it concerns: "CN-GD-JM", "MO", "HK"
  NoticeTopic topic = NoticeTopic::policy;
  NoticeState state = NoticeState::draft;
  LocalizedText title;                  // one line each
  LocalizedText body;                   // plain text; line breaks kept
  std::vector<std::string> item_codes;  // items it concerns (their item pages link to it): "MO-DSI-001"
  std::vector<std::string> zone_codes;  // zones it concerns: "ZONE-MO-IN-JM"
  CalendarDate valid_from{};            // {} = 0000-00-00, not a date: a notice without one has a "valid_from" problem
  std::optional<CalendarDate> valid_until;  // inclusive; none = until withdrawn
  std::string author;                       // the staff account that wrote it
  std::string approver;                     // the staff account that approved it; "" until approved
  std::string reject_reason;                // the reviewer's reason of the last rejection; "" when not rejected
  std::int64_t created_at_ms = 0;
  std::int64_t published_at_ms = 0;  // the last approval; 0 before the first
  std::int64_t updated_at_ms = 0;    // the last step of any kind
  int revision = 0;                  // publications + withdrawals so far
};

// What is wrong with a notice that is being written (empty texts allowed), in field order. Fields: "id",
// "origin_node", "origin_jurisdiction", "title.zh_hans" … "body.en", "item_codes", "item_codes[i]", "zone_codes",
// "zone_codes[i]", "valid_from", "valid_until", "author". Rules: "required", "format", "not_this_node" (the id
// names another node), "utf8", "control_character", "too_long", "too_many", "duplicate", "date", "range".
std::vector<FieldError> notice_draft_problems(const Notice& notice);
// notice_draft_problems plus what a notice needs to be reviewed: every title and body in the four languages
// ("required"), and for a zone_item notice at least one item or zone ("item_codes", "required").
std::vector<FieldError> notice_submit_problems(const Notice& notice);
// Whether `approver` may approve (publish) the notice now: it is submitted, has no submit problem, and the
// approver is a staff account other than its author (author and approver are different staff).
bool may_approve(const Notice& notice, std::string_view approver);

// Published and valid_from <= today <= valid_until (when set).
bool is_in_force(const Notice& notice, CalendarDate today);
// valid_until is set and before today.
bool is_expired(const Notice& notice, CalendarDate today);
// Same id and a higher revision: the copy a peer keeps instead of `held`.
bool supersedes(const Notice& candidate, const Notice& held);

// One step of a notice's life as a desk applies it.
struct NoticeStep {
  NoticeAction action = NoticeAction::edit;
  std::string actor;  // the staff account acting
  std::int64_t at_ms = 0;
  std::string reason;  // reject: why (required, at most kMaxNoticeRejectReasonChars); else ignored
};

// Why the step may not be taken now, empty when it may. Fields and rules: "state" "illegal_transition" (not in the
// table); "actor" "required"; edit and submit: "actor" "not_author"; submit: notice_submit_problems; approve:
// "approver" "same_as_author" and notice_submit_problems; reject: "actor" "same_as_author" (nobody reviews their
// own notice), "reason" "required" / "utf8" / "control_character" / "too_long".
std::vector<FieldError> notice_step_problems(const Notice& notice, const NoticeStep& step);
// The notice after the step: the new state and updated_at_ms = at_ms; submit clears approver and reject_reason;
// approve sets approver, published_at_ms and revision + 1; reject sets reject_reason; withdraw sets revision + 1;
// edit of a withdrawn notice clears approver. The desk changes the texts, codes and dates itself (before an edit
// step). std::invalid_argument when notice_step_problems is not empty.
Notice apply_notice_step(Notice notice, const NoticeStep& step);

// Which notices a page or feed shows.
struct NoticeQuery {
  std::optional<NoticeTopic> topic;
  std::optional<std::string> item_code;    // notices naming this item
  std::optional<std::string> zone_code;    // notices naming this zone
  std::optional<std::string> origin_node;  // notices of this node only
  CalendarDate today{};
  bool include_expired = false;  // also notices whose valid_until is before today (an archive)
};

// The published notices that match every part of the query that is set, newest publication first (ties: id
// ascending). Notices announced in advance (valid_from after today) are included; expired ones only with
// include_expired; drafts, submitted, rejected and withdrawn notices never. Pointers into `notices`.
std::vector<const Notice*> notices_for(const std::vector<Notice>& notices, const NoticeQuery& query);

// Words: "topic", "item", "zone".
enum class NoticeSubscriptionKind { topic, item, zone };
std::string_view to_string(NoticeSubscriptionKind kind);
std::optional<NoticeSubscriptionKind> parse_notice_subscription_kind(std::string_view word);

// An applicant's wish to be told (through the notification channels) when a notice of a topic, or naming an item
// or a zone, is published.
struct NoticeSubscription {
  std::string account_id;
  NoticeSubscriptionKind kind = NoticeSubscriptionKind::topic;
  std::string value;  // topic word, item code or zone code
  bool operator==(const NoticeSubscription&) const = default;
};

// What is wrong with a subscription: "account_id" "required"; "value" "required", "enum" (not a topic word) or
// "format" (not a code). Whether the item or zone exists is the desk's check against the catalog.
std::vector<FieldError> subscription_problems(const NoticeSubscription& subscription);
// The notice is published and of the subscribed topic, or names the subscribed item or zone (exact codes: a
// notice naming a zone does not match a subscription to one of the zone's items).
bool subscription_matches(const NoticeSubscription& subscription, const Notice& notice);
// The accounts to tell about the notice: those with a matching subscription, each once, sorted.
std::vector<std::string> accounts_to_tell(const std::vector<NoticeSubscription>& subscriptions, const Notice& notice);

}  // namespace tongban::domain

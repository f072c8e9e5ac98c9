#include "node/notice_desk.h"

#include <algorithm>

#include "domain/problem.h"

namespace tongban::node {
namespace {

using domain::FieldError;
using domain::Notice;
using domain::NoticeAction;
using domain::NoticeState;
using domain::ProblemError;

[[noreturn]] void refuse(const std::string& message, std::vector<FieldError> errors) {
  throw ProblemError("validation-failed", message, std::move(errors));
}

void require_writer(const domain::Actor& actor) {
  if (!writes_notices(actor.role))
    throw ProblemError("forbidden", "Notices are written and reviewed by the node's reviewers and admins.");
}

std::string action_word(NoticeAction action) {
  return std::string(domain::to_string(action));
}

}  // namespace

bool writes_notices(domain::Role role) {
  return role == domain::Role::reviewer || role == domain::Role::admin;
}

domain::CalendarDate NoticeDesk::today() const {
  return domain::local_date(node_.now_ms(), node_.utc_offset_minutes(node_.config().jurisdiction));
}

Notice NoticeDesk::apply_draft(Notice notice, const NoticeDraft& draft) const {
  notice.topic = draft.topic;
  notice.title = draft.title;
  notice.body = draft.body;
  notice.item_codes = draft.item_codes;
  notice.zone_codes = draft.zone_codes;
  notice.valid_from = draft.valid_from;
  notice.valid_until = draft.valid_until;
  notice.origin_jurisdiction = draft.jurisdiction.empty() ? node_.config().jurisdiction : draft.jurisdiction;
  return notice;
}

void NoticeDesk::check_codes(const Notice& notice) const {
  auto snapshot = node_.catalog();
  const domain::Catalog& catalog = snapshot->catalog;
  std::vector<FieldError> errors;
  if (!catalog.find_jurisdiction(notice.origin_jurisdiction))
    errors.push_back({"jurisdiction", "unknown",
                      "The jurisdiction " + notice.origin_jurisdiction + " is not in this node's catalog."});
  for (std::size_t i = 0; i < notice.item_codes.size(); ++i) {
    if (!catalog.find_item(notice.item_codes[i]))
      errors.push_back({"item_codes[" + std::to_string(i) + "]", "unknown",
                        "The item " + notice.item_codes[i] + " is not in this node's catalog."});
  }
  for (std::size_t i = 0; i < notice.zone_codes.size(); ++i) {
    if (!catalog.find_zone(notice.zone_codes[i]))
      errors.push_back({"zone_codes[" + std::to_string(i) + "]", "unknown",
                        "The zone " + notice.zone_codes[i] + " is not in this node's catalog."});
  }
  if (!errors.empty()) refuse("The notice names what this node's catalog does not have.", std::move(errors));
}

Notice NoticeDesk::create(const domain::Actor& actor, const NoticeDraft& draft) {
  require_writer(actor);
  Notice notice;
  notice.origin_node = node_.network_node_id();
  notice.author = actor.account_id;
  notice.created_at_ms = notice.updated_at_ms = node_.now_ms();
  notice = apply_draft(std::move(notice), draft);
  // The id is the store's (the next serial); check the rest with a placeholder of the right form.
  Notice checked = notice;
  checked.id = domain::format_notice_id(notice.origin_node, 1);
  if (auto errors = domain::notice_draft_problems(checked); !errors.empty())
    refuse("The notice cannot be saved as written.", std::move(errors));
  check_codes(notice);
  return node_.store().transact([&](store::Transaction& tx) { return tx.insert_notice(notice); });
}

Notice NoticeDesk::edit(const domain::Actor& actor, const std::string& id, const NoticeDraft& draft) {
  require_writer(actor);
  return node_.store().transact([&](store::Transaction& tx) {
    auto held = tx.find_notice(id);
    if (!held || held->origin_node != node_.network_node_id())
      throw ProblemError("not-found", "This node has no notice " + id + ".");
    domain::NoticeStep step{NoticeAction::edit, actor.account_id, node_.now_ms(), ""};
    if (auto errors = domain::notice_step_problems(*held, step); !errors.empty())
      refuse("The notice cannot be edited now.", std::move(errors));
    Notice edited = apply_draft(*held, draft);
    if (auto errors = domain::notice_draft_problems(edited); !errors.empty())
      refuse("The notice cannot be saved as written.", std::move(errors));
    check_codes(edited);
    edited = domain::apply_notice_step(std::move(edited), step);
    tx.update_notice(edited);
    return edited;
  });
}

Notice NoticeDesk::step(const domain::Actor& actor, const std::string& id, NoticeAction action,
                        const std::string& reason) {
  require_writer(actor);
  if (action == NoticeAction::edit)
    refuse("An edit carries the notice's texts.", {{"action", "enum", "Use edit with the notice's texts."}});
  return node_.store().transact([&](store::Transaction& tx) {
    auto held = tx.find_notice(id);
    if (!held || held->origin_node != node_.network_node_id())
      throw ProblemError("not-found", "This node has no notice " + id + ".");
    domain::NoticeStep step{action, actor.account_id, node_.now_ms(), reason};
    if (auto errors = domain::notice_step_problems(*held, step); !errors.empty()) {
      bool conflict = std::any_of(errors.begin(), errors.end(),
                                  [](const FieldError& error) { return error.rule == "illegal_transition"; });
      if (conflict)
        throw ProblemError("conflict", "A " + std::string(domain::to_string(held->state)) + " notice cannot take '" +
                                           action_word(action) + "'.");
      bool own_review = std::any_of(errors.begin(), errors.end(), [](const FieldError& error) {
        return error.rule == "same_as_author" || error.rule == "not_author";
      });
      if (own_review)
        throw ProblemError("forbidden", "Author and reviewer of a notice are different members of staff.",
                           std::move(errors));
      refuse("The notice cannot take '" + action_word(action) + "' now.", std::move(errors));
    }
    Notice after = domain::apply_notice_step(*held, step);
    tx.update_notice(after);
    if (action == NoticeAction::approve) tell_subscribers(tx, after);
    if (action == NoticeAction::approve || action == NoticeAction::withdraw) {
      if (RegionPort* region = node_.region()) region->notice_changed(tx, after);
    }
    return after;
  });
}

void NoticeDesk::tell_subscribers(store::Transaction& tx, const Notice& notice) {
  auto accounts = domain::accounts_to_tell(tx.list_notice_subscriptions("*"), notice);
  for (const std::string& account : accounts) {
    NotifiableEvent event;
    event.event_kind = "notice_published";
    event.event_key = "notice:" + notice.id + ":" + std::to_string(notice.revision);
    event.at_ms = notice.published_at_ms;
    event.reference = notice.id;
    node_.notifier().record_for_account(tx, account, event, [&notice](domain::Language language) {
      const std::string& title = notice.title.in(language);
      return title.empty() ? notice.title.en : title;
    });
  }
}

std::vector<Notice> NoticeDesk::desk(const domain::Actor& actor) const {
  require_writer(actor);
  std::vector<Notice> own;
  const std::string self = node_.network_node_id();
  for (Notice& notice : node_.store().list_notices()) {
    if (notice.origin_node == self) own.push_back(std::move(notice));
  }
  std::stable_sort(own.begin(), own.end(),
                   [](const Notice& a, const Notice& b) { return a.updated_at_ms > b.updated_at_ms; });
  return own;
}

std::vector<Notice> NoticeDesk::published(domain::NoticeQuery query) const {
  if (query.today == domain::CalendarDate{}) query.today = today();
  std::vector<Notice> held = node_.store().list_notices();
  std::vector<Notice> shown;
  for (const Notice* notice : domain::notices_for(held, query)) shown.push_back(*notice);
  return shown;
}

Notice NoticeDesk::find(const domain::Actor* actor, const std::string& id) const {
  auto held = node_.store().find_notice(id);
  if (held) {
    if (held->state == NoticeState::published) return *held;
    if (actor && writes_notices(actor->role) && held->origin_node == node_.network_node_id()) return *held;
  }
  throw ProblemError("not-found", "There is no notice " + id + ".");
}

std::vector<domain::NoticeSubscription> NoticeDesk::subscriptions(const domain::Actor& actor) const {
  if (actor.role != domain::Role::applicant) throw ProblemError("forbidden", "Applicants subscribe to notices.");
  return node_.store().list_notice_subscriptions(actor.account_id);
}

bool NoticeDesk::subscribe(const domain::Actor& actor, domain::NoticeSubscriptionKind kind, const std::string& value) {
  if (actor.role != domain::Role::applicant) throw ProblemError("forbidden", "Applicants subscribe to notices.");
  domain::NoticeSubscription subscription{actor.account_id, kind, value};
  if (auto errors = domain::subscription_problems(subscription); !errors.empty())
    refuse("The subscription is not one this node offers.", std::move(errors));
  auto snapshot = node_.catalog();
  if (kind == domain::NoticeSubscriptionKind::item && !snapshot->catalog.find_item(value))
    refuse("The subscription is not one this node offers.",
           {{"value", "unknown", "The item " + value + " is not in this node's catalog."}});
  if (kind == domain::NoticeSubscriptionKind::zone && !snapshot->catalog.find_zone(value))
    refuse("The subscription is not one this node offers.",
           {{"value", "unknown", "The zone " + value + " is not in this node's catalog."}});
  return node_.store().transact(
      [&](store::Transaction& tx) { return tx.add_notice_subscription(subscription, node_.now_ms()); });
}

bool NoticeDesk::unsubscribe(const domain::Actor& actor, domain::NoticeSubscriptionKind kind,
                             const std::string& value) {
  if (actor.role != domain::Role::applicant) throw ProblemError("forbidden", "Applicants subscribe to notices.");
  domain::NoticeSubscription subscription{actor.account_id, kind, value};
  return node_.store().transact([&](store::Transaction& tx) { return tx.remove_notice_subscription(subscription); });
}

bool NoticeDesk::keep_copy(store::Transaction& tx, const Notice& copy, std::string_view from_node) {
  std::vector<FieldError> errors;
  if (copy.origin_node != from_node)
    errors.push_back({"origin_node", "not_sender", "A notice comes from its origin node only."});
  if (copy.origin_jurisdiction != from_node)
    errors.push_back({"origin_jurisdiction", "not_sender",
                      "A peer's notice concerns the peer's own jurisdiction (its node id, docs/cross-border.md)."});
  if (copy.origin_node == node_.network_node_id())
    errors.push_back({"origin_node", "not_this_node", "This node's own notices are not taken from a peer."});
  if (copy.state != NoticeState::published && copy.state != NoticeState::withdrawn)
    errors.push_back({"state", "enum", "Only published and withdrawn notices travel."});
  for (FieldError& error : domain::notice_submit_problems(copy)) errors.push_back(std::move(error));
  if (copy.approver.empty() || copy.approver == copy.author)
    errors.push_back({"approver", "same_as_author", "A published notice was approved by another member of staff."});
  if (copy.revision < 1) errors.push_back({"revision", "range", "A published notice has a revision of 1 or more."});
  if (!errors.empty()) refuse("The peer's notice cannot be kept.", std::move(errors));
  auto held = tx.find_notice(copy.id);
  bool newly_published = copy.state == NoticeState::published && (!held || held->state != NoticeState::published);
  if (!tx.keep_notice_copy(copy, node_.now_ms())) return false;
  if (newly_published) tell_subscribers(tx, copy);
  return true;
}

}  // namespace tongban::node

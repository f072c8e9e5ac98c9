#include "node/notification_desk.h"

#include "domain/notification_policy.h"
#include "domain/problem.h"
#include "node/node.h"

namespace tongban::node {

using domain::ProblemError;

void NotificationDesk::require_applicant(const domain::Actor& actor) const {
  if (actor.role != domain::Role::applicant)
    throw ProblemError("forbidden", "Only applicants have notifications and notification preferences.");
}

Inbox NotificationDesk::inbox(const domain::Actor& actor, int limit) const {
  require_applicant(actor);
  Inbox inbox;
  inbox.notifications = node_.store().list_notifications(actor.account_id, "in_app", limit);
  inbox.unread = node_.store().count_unread_notifications(actor.account_id);
  return inbox;
}

store::NotificationRecord NotificationDesk::mark_read(const domain::Actor& actor, const std::string& id) {
  require_applicant(actor);
  return node_.store().transact([&](store::Transaction& tx) {
    auto found = tx.find_notification(id);
    if (!found || found->recipient != actor.account_id || found->channel != "in_app")
      throw ProblemError("not-found", "No notification " + id + " in your inbox.");
    tx.mark_notification_read(id, actor.account_id, node_.now_ms());
    return *tx.find_notification(id);
  });
}

store::NotificationPreferencesRecord NotificationDesk::preferences(const domain::Actor& actor) const {
  require_applicant(actor);
  if (auto stored = node_.store().find_notification_preferences(actor.account_id)) return *stored;
  domain::Recipient recipient = node_.notifier().recipient_of(node_.store(), actor.account_id, "");
  store::NotificationPreferencesRecord defaults;
  defaults.account_id = actor.account_id;
  defaults.language = std::string(domain::language_tag(recipient.language));
  defaults.jurisdiction = node_.config().jurisdiction;
  defaults.email = recipient.email;
  defaults.phone = recipient.phone;
  defaults.email_on = recipient.preferences.email;
  defaults.sms_on = recipient.preferences.sms;
  defaults.in_app_on = recipient.preferences.in_app;
  return defaults;
}

store::NotificationPreferencesRecord NotificationDesk::set_preferences(const domain::Actor& actor,
                                                                       const PreferencesUpdate& update) {
  store::NotificationPreferencesRecord next = preferences(actor);
  std::vector<domain::FieldError> problems;
  auto too_long = [&](const std::optional<std::string>& value, const char* field) {
    if (value && value->size() > 254) {
      problems.push_back({field, "too_long", "At most 254 characters."});
      return true;
    }
    return false;
  };
  if (update.language && !too_long(update.language, "language")) {
    auto language = domain::parse_language_tag(*update.language);
    if (!language)
      problems.push_back({"language", "unknown_language", "One of zh-Hans, zh-Hant, pt, en."});
    else
      next.language = std::string(domain::language_tag(*language));
  }
  if (update.jurisdiction && !too_long(update.jurisdiction, "jurisdiction")) {
    if (!node_.catalog()->catalog.find_jurisdiction(*update.jurisdiction))
      problems.push_back({"jurisdiction", "unknown_jurisdiction", "Not a jurisdiction of the catalog."});
    else
      next.jurisdiction = *update.jurisdiction;
  }
  if (update.email && !too_long(update.email, "email")) {
    if (!update.email->empty() && !domain::plain_email_address(*update.email))
      problems.push_back({"email", "invalid_email", "A plain e-mail address, like name@example.mo."});
    else
      next.email = *update.email;
  }
  if (update.phone && !too_long(update.phone, "phone")) {
    if (!update.phone->empty() && !domain::e164_phone_number(*update.phone))
      problems.push_back({"phone", "invalid_phone", "A phone number in international form, like +85361234567."});
    else
      next.phone = *update.phone;
  }
  if (!problems.empty()) throw ProblemError("validation-failed", "Some preferences cannot be used.", problems);
  if (update.email_on) next.email_on = *update.email_on;
  if (update.sms_on) next.sms_on = *update.sms_on;
  if (update.in_app_on) next.in_app_on = *update.in_app_on;
  next.account_id = actor.account_id;
  next.updated_at_ms = node_.now_ms();
  node_.store().write([&](store::Transaction& tx) { tx.put_notification_preferences(next); });
  return next;
}

}  // namespace tongban::node

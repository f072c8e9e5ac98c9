#include "node/notifier.h"

#include <sodium.h>

#include "domain/calendar_date.h"
#include "domain/notification_kind.h"
#include "domain/notification_template.h"
#include "node/node.h"

namespace tongban::node {
namespace {

std::string new_notification_id() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return "N-" + std::string(hex);
}

domain::ChannelHistory history_of(const store::Reader& reader, const domain::Recipient& recipient,
                                  domain::NotificationChannel channel, const std::string& key, std::int64_t now_ms,
                                  const domain::NotificationPolicy& policy) {
  domain::ChannelHistory history;
  std::int64_t since = now_ms - std::max(policy.rate_limit.window_ms, policy.dedup_window_ms);
  for (const auto& row : reader.recent_notifications(recipient.account_id, domain::to_string(channel), since)) {
    if (!row.statutory && row.not_before_ms > now_ms - policy.rate_limit.window_ms)
      history.optional_releases.push_back(row.not_before_ms);
    if (row.dedup_key == key && row.created_at_ms >= now_ms - policy.dedup_window_ms) history.duplicate = true;
  }
  return history;
}

}  // namespace

domain::Recipient Notifier::recipient_of(const store::Reader& reader, const std::string& account_id,
                                         const std::string& case_jurisdiction) const {
  domain::Recipient recipient;
  recipient.account_id = account_id;
  auto snapshot = node_.catalog();
  std::string jurisdiction_code = case_jurisdiction.empty() ? node_.config().jurisdiction : case_jurisdiction;
  auto prefs = reader.find_notification_preferences(account_id);
  if (prefs && !prefs->jurisdiction.empty()) jurisdiction_code = prefs->jurisdiction;
  if (const auto* jurisdiction = snapshot->catalog.find_jurisdiction(jurisdiction_code)) {
    recipient.utc_offset_minutes = jurisdiction->utc_offset_minutes;
    if (!jurisdiction->languages.empty()) recipient.language = jurisdiction->languages.front();
  }
  if (prefs) {
    if (auto language = domain::parse_language_tag(prefs->language)) recipient.language = *language;
    recipient.email = prefs->email;
    recipient.phone = prefs->phone;
    recipient.preferences = {prefs->email_on, prefs->sms_on, prefs->in_app_on};
  } else if (auto account = reader.find_account_by_id(account_id);
             account && account->login.find('@') != std::string::npos) {
    recipient.email = account->login;
  }
  return recipient;
}

int Notifier::case_event(store::Transaction& tx, const domain::Case& kase, const domain::Event& event) {
  NotifiableEvent notifiable;
  notifiable.event_kind = domain::case_event_kind(event);
  notifiable.event_key = "event:" + std::to_string(event.sequence);
  notifiable.case_id = kase.id;
  notifiable.at_ms = event.at_ms;
  notifiable.note = event.note;
  return record(tx, notifiable);
}

int Notifier::record(store::Transaction& tx, const NotifiableEvent& event) {
  const domain::NotificationRule* rule = domain::notification_rule(event.event_kind);
  if (!rule) return 0;
  auto kase = tx.find_case(event.case_id);
  if (!kase || kase->applicant_id.empty() || kase->applicant_id.starts_with("xb:")) return 0;
  auto account = tx.find_account_by_id(kase->applicant_id);
  if (!account || account->role != domain::Role::applicant) return 0;

  domain::Recipient recipient = recipient_of(tx, kase->applicant_id, kase->jurisdiction);
  auto snapshot = node_.catalog();
  const domain::Item* item = snapshot->catalog.find_item(kase->item_code);
  domain::Personalisation values{
      {"case_id", kase->id},
      {"item_name", item ? item->name.in(recipient.language) : kase->item_code},
      {"date", domain::format_notification_date(domain::local_date(event.at_ms, recipient.utc_offset_minutes),
                                                recipient.language)},
      {"note", event.note},
      {"reference", event.reference},
  };
  return write_rows(tx, *rule, recipient, values, event, domain::dedup_key(rule->kind, kase->id, event.reference));
}

int Notifier::record_for_account(store::Transaction& tx, const std::string& account_id, const NotifiableEvent& event,
                                 const std::function<std::string(domain::Language)>& note_in) {
  const domain::NotificationRule* rule = domain::notification_rule(event.event_kind);
  if (!rule) return 0;
  auto account = tx.find_account_by_id(account_id);
  if (!account || account->role != domain::Role::applicant || account->disabled) return 0;
  domain::Recipient recipient = recipient_of(tx, account_id, node_.config().jurisdiction);
  domain::Personalisation values{
      {"case_id", ""},
      {"item_name", ""},
      {"date", domain::format_notification_date(domain::local_date(event.at_ms, recipient.utc_offset_minutes),
                                                recipient.language)},
      {"note", note_in ? note_in(recipient.language) : event.note},
      {"reference", event.reference},
  };
  return write_rows(tx, *rule, recipient, values, event, domain::dedup_key(rule->kind, "", event.reference));
}

int Notifier::write_rows(store::Transaction& tx, const domain::NotificationRule& rule,
                         const domain::Recipient& recipient, const domain::Personalisation& values,
                         const NotifiableEvent& event, const std::string& key) {
  domain::NotificationPolicy current = policy();
  std::int64_t now = node_.now_ms();
  int written = 0;
  bool to_send = false;
  for (domain::NotificationChannel channel : domain::channels_for(rule, recipient)) {
    auto plan = domain::plan_delivery(rule, channel, recipient, now,
                                      history_of(tx, recipient, channel, key, now, current), current);
    if (!plan.send) continue;
    store::NotificationRecord row;
    row.id = new_notification_id();
    row.event_key = event.event_key;
    row.channel = std::string(domain::to_string(channel));
    row.recipient = recipient.account_id;
    row.address = channel == domain::NotificationChannel::email ? recipient.email
                  : channel == domain::NotificationChannel::sms ? recipient.phone
                                                                : "";
    row.case_id = event.case_id;
    row.kind = std::string(rule.kind);
    row.language = std::string(domain::language_tag(recipient.language));
    row.statutory = rule.statutory;
    row.dedup_key = key;
    row.created_at_ms = now;
    row.not_before_ms = row.next_attempt_at_ms = plan.not_before_ms;
    const domain::NotificationTemplate* words = domain::find_notification_template(rule.kind, recipient.language);
    try {
      if (!words) throw domain::NotificationTemplateError("no template '" + row.kind + "' in " + row.language);
      domain::RenderedNotification rendered = domain::render_notification(*words, values);
      row.template_version = rendered.version;
      row.subject = channel == domain::NotificationChannel::sms ? "" : rendered.subject;
      row.body = channel == domain::NotificationChannel::sms ? rendered.sms : rendered.body;
      if (channel == domain::NotificationChannel::in_app) {
        row.status = store::NotificationStatus::delivered;
        row.settled = true;
        row.completed_at_ms = now;
      }
      if (!plan.held_because.empty()) row.last_error = "held: " + plan.held_because;
    } catch (const domain::NotificationTemplateError& error) {
      row.status = store::NotificationStatus::technical_failure;
      row.settled = true;
      row.completed_at_ms = now;
      row.last_error = error.what();
    }
    if (!tx.insert_notification(row)) continue;
    ++written;
    to_send = to_send || !row.settled;
  }
  if (to_send) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      wake = wake_;
    }
    if (wake) tx.after_commit(wake);
  }
  return written;
}

void Notifier::set_policy(const domain::NotificationPolicy& policy) {
  std::lock_guard lock(mutex_);
  policy_ = policy;
}

domain::NotificationPolicy Notifier::policy() const {
  std::lock_guard lock(mutex_);
  return policy_;
}

void Notifier::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

}  // namespace tongban::node

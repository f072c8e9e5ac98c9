// NotificationDesk: what an applicant does with their notifications, for the API (src/api/notifications.cc) and the
// portal's inbox page (src/web/notification_pages.cc): read the in-app inbox, mark a notification read, read and
// change the notification preferences. Only applicants have an inbox; every call acts on the caller's own data.
//
// Preferences are validated before anything is stored (ProblemError validation-failed naming each bad field):
// language one of the four tags, jurisdiction one of the catalog's, e-mail a plain address
// (domain::plain_email_address), phone E.164, each field at most 254 bytes. Fields left out keep their value.
// Statutory notices ignore the channel choice (domain/notification_policy.h); the answer says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "store/store.h"

namespace tongban::node {

class Node;

struct Inbox {
  std::vector<store::NotificationRecord> notifications;  // newest first
  std::int64_t unread = 0;
};

struct PreferencesUpdate {
  std::optional<std::string> language;
  std::optional<std::string> jurisdiction;
  std::optional<std::string> email;  // "" clears it
  std::optional<std::string> phone;  // "" clears it
  std::optional<bool> email_on;
  std::optional<bool> sms_on;
  std::optional<bool> in_app_on;
};

class NotificationDesk {
 public:
  explicit NotificationDesk(Node& node) : node_(node) {}

  Inbox inbox(const domain::Actor& actor, int limit = 50) const;
  // not-found unless it is the actor's own in-app notification.
  store::NotificationRecord mark_read(const domain::Actor& actor, const std::string& id);
  // The stored preferences, or the ones the node uses when none are stored (domain defaults, the node's
  // jurisdiction and its first language, the login as e-mail when it is an address).
  store::NotificationPreferencesRecord preferences(const domain::Actor& actor) const;
  store::NotificationPreferencesRecord set_preferences(const domain::Actor& actor, const PreferencesUpdate& update);

 private:
  void require_applicant(const domain::Actor& actor) const;
  Node& node_;
};

}  // namespace tongban::node

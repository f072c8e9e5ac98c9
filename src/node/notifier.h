// Notifier (issue 11 §4): turns an event that matters to an applicant into rows of the notification outbox, inside
// the store transaction of the event itself, so a notification exists exactly when its event committed (nothing
// acknowledged is lost, nothing rolled back is sent).
//
// Who calls it: the CaseDesk, for every case event it seals (node/case_desk.cc, case_event()); and any other part of
// the node that has something to tell the applicant — post and shipments, e-certificates — calls record() with its
// own event kind word inside its own transaction: `node.notifier().record(tx, {...})`. Which event kinds notify and
// how is the one table of domain/notification_kind.h; the policy (channels, statutory notices, quiet hours, rate
// limit, de-duplication) is domain/notification_policy.h; the words are domain/notification_template.h.
//
// What it writes, per event: one row per channel chosen by the policy (the in-app inbox always; e-mail and SMS by
// the rules), each rendered in the recipient's language with the item's name in that language and the event's date
// in the recipient's jurisdiction. The in-app row is `delivered` at once; e-mail and SMS rows are `created` with
// the instant the sender may first try. The same event never makes two rows: each row is unique per (event key,
// channel, recipient) and record() called twice for one event writes nothing the second time. A kind with no
// template in the recipient's language (a test failure, tests/unit/domain/notification_template_test.cc) is still
// recorded, as a settled technical-failure naming the missing template, never dropped silently.
//
// The recipient: the case's applicant (a case copy another node keeps, applicant "xb:…", notifies nobody here: the
// applicant's own node does). Contact details and language come from the applicant's notification preferences;
// without them the language is the case jurisdiction's first language, and an account whose login is an e-mail
// address gets statutory notices there.
//
// After the transaction commits, the sender (notify/notification_sender.h) is woken through the hook set with
// set_wake(). Thread-safe: record() runs on the store's writer thread, the setters on any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "domain/case.h"
#include "domain/notification_policy.h"
#include "domain/notification_template.h"
#include "store/store.h"

namespace tongban::node {

class Node;

struct NotifiableEvent {
  std::string event_kind;  // "submit", "shipment_failed_attempt", … (domain/notification_kind.h)
  std::string event_key;   // unique per event on this node: "event:<audit sequence>", "shipment:<id>:<n>", …
  std::string case_id;     // the case it is about; its applicant is the recipient
  std::int64_t at_ms = 0;  // when it happened
  std::string note;        // the reason or remark, "" if none
  std::string reference;   // a shipment's item id, a certificate's identifier, "" if none
};

class Notifier {
 public:
  explicit Notifier(Node& node) : node_(node) {}

  // Writes the event's notifications through `tx`. Returns how many rows were written (0: the event kind notifies
  // nobody, the case has no local applicant, or the event was recorded already).
  int record(store::Transaction& tx, const NotifiableEvent& event);
  // An event about no case, told to one applicant account (a notice published, issue 12): the same policy,
  // templates and rows as record(), the event's case_id "" and the template's case_id and item_name empty; the
  // template's note is note_in(the recipient's language) when given (a notice's title in their language), else
  // event.note. 0 when the kind notifies nobody or the account is not an enabled applicant.
  int record_for_account(store::Transaction& tx, const std::string& account_id, const NotifiableEvent& event,
                         const std::function<std::string(domain::Language)>& note_in = {});
  // The notifications of a sealed case event (event kind = the action's word, event key = "event:<sequence>").
  int case_event(store::Transaction& tx, const domain::Case& kase, const domain::Event& event);

  // The recipient the node would write to for this account now (language, offset, addresses, choices).
  domain::Recipient recipient_of(const store::Reader& reader, const std::string& account_id,
                                 const std::string& case_jurisdiction) const;

  void set_policy(const domain::NotificationPolicy& policy);
  domain::NotificationPolicy policy() const;
  // Called after each commit that wrote notifications to be sent (e-mail, SMS); nullptr: nobody to wake.
  void set_wake(std::function<void()> wake);

 private:
  int write_rows(store::Transaction& tx, const domain::NotificationRule& rule, const domain::Recipient& recipient,
                 const domain::Personalisation& values, const NotifiableEvent& event, const std::string& key);

  Node& node_;
  mutable std::mutex mutex_;
  domain::NotificationPolicy policy_;
  std::function<void()> wake_;
};

}  // namespace tongban::node

// Store: the node's durable state (accounts, sessions, blobs, cases, the audit event chain, catalog versions,
// calendars) behind one interface, so the API does not know which database is underneath. Two implementations share
// their SQL (store/sql/): SQLite, the default for one machine (store/sqlite/, open_sqlite_store), and PostgreSQL for
// several instances of a node on one database (store/postgres/, open_postgres_store); store/open_store.h picks one
// from the node's `--store` setting. Nothing outside those folders includes sqlite3.h or libpq-fe.h.
//
// Reading: Store implements Reader; any thread may read at any time (each read sees one committed snapshot).
// Writing: only through write()/submit(). A job gets a Transaction, which has the typed writes plus the same reads
// (they see the transaction's own earlier writes: read-modify-write of a case happens inside one job). Jobs are
// run by ONE writer thread that takes every queued job (up to a batch limit), runs them in one database
// transaction, each inside its own savepoint, and commits once (group commit: one fsync per batch). A job that
// throws rolls back only its own savepoint; its caller gets the exception, the other jobs of the batch commit.
// write() returns only after the batch containing the job is durably committed.
//
// Ownership: the Store owns its connections, its writer thread and the blob directory. Destroying the Store (or
// close()) finishes every queued job, then stops the writer; write()/submit() after close throw StoreUnavailable.
//
// Invariants kept by every implementation:
// - account login is unique; (id_document_type, id_document_number) is unique among accounts that have one;
// - a case id is "<NODE>-<YYYY>-<6-digit sequence>", the sequence from one per-node counter, never reused;
// - (applicant_id, idempotency key) maps to at most one case;
// - a case's version grows by exactly 1 on each update_case; an update with a stale version changes nothing;
// - events form one node-wide chain: sequence 1, 2, 3, …; each event's prev_hash is the previous event's hash
//   (64 zeros for the first). The store does not compute hashes (domain/audit_chain.h does); it refuses an event
//   that does not continue the chain.
// - a blob's bytes are durable on disk before its metadata row commits; blobs are immutable, keyed by SHA-256.
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/case.h"
#include "domain/case_figures.h"
#include "domain/channel_figures.h"
#include "domain/notice.h"
#include "domain/rating.h"
#include "domain/shipment.h"
#include "store/certificate_records.h"
#include "store/store_error.h"

namespace tongban::store {

// An account as stored. kind: "natural_person" | "legal_person" | "staff". authority is set for reviewers,
// service_point for clerks and agents, organisation for agents only (schema version 11). id_document_type/number are
// empty for staff; for applicants the pair is unique.
struct AccountRecord {
  std::string id;
  std::string kind;
  std::string login;
  std::string display_name;
  std::string password_hash;  // Argon2id encoded string, opaque to the store
  domain::Role role = domain::Role::applicant;
  std::string authority;
  std::string service_point;
  std::string id_document_type;
  std::string id_document_number;
  std::int64_t created_at_ms = 0;
  bool disabled = false;
  std::string organisation = "";  // agents (docs/channels.md); "" for everyone else
};

// A login session. The store never sees the token itself, only its SHA-256 (lowercase hex).
struct SessionRecord {
  std::string token_hash;
  std::string account_id;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  bool revoked = false;
};

// Metadata of a content-addressed blob; the bytes are the file at Store::blob_path(sha256).
struct BlobRecord {
  std::string sha256;  // lowercase hex, 64 chars
  std::int64_t size = 0;
  std::string media_type;
  std::int64_t created_at_ms = 0;
};

// Who handed a blob in: the account that uploaded it and, for a clerk, the service point they work at. The same
// bytes handed in by two people give two handlers (blobs are content-addressed); only a handler may attach it.
struct BlobHandler {
  std::string account_id;
  std::string service_point;  // "" unless a clerk uploaded it
};

// Which cases to list. Empty optionals / empty states = no restriction. `after` is the next_cursor of the
// previous page ("" = first page). Cases come in creation order (oldest first), stable across pages.
struct CaseFilter {
  std::optional<std::string> applicant_id;
  std::optional<std::string> authority;
  std::optional<std::string> intake_point;
  std::optional<std::string> item_code;
  std::vector<domain::CaseState> states;
  std::string after;
  int limit = 50;  // clamped to [1, 500]
};

struct CasePage {
  std::vector<domain::Case> cases;
  std::string next_cursor;  // opaque; empty when there is no further page
};

// An idempotency key of a case creation and the fingerprint (e.g. SHA-256 of the canonical request body) of the
// request that first used it.
struct IdempotencyKey {
  std::string key;
  std::string fingerprint;
};

// Result of Transaction::insert_case. created == false: the key was used before; `kase` is the case made then and
// stored_fingerprint that request's fingerprint (differs from the new one = key reused with another body).
struct CaseInsertion {
  domain::Case kase;
  bool created = true;
  std::string stored_fingerprint;
};

// The end of the event chain: sequence of the last event (0 if none) and its hash (64 zeros if none).
struct ChainHead {
  std::int64_t sequence = 0;
  std::string hash;
};

// One imported catalog, kept whole. id is assigned by put_catalog (1, 2, …); the current catalog is the highest id.
struct CatalogVersion {
  std::int64_t id = 0;
  std::int64_t imported_at_ms = 0;
  std::string source;   // where it came from (file path, "demo", …)
  std::string format;   // "toml" or "json"
  std::string content;  // the catalog text as imported
};

struct CalendarRecord {
  std::string jurisdiction;
  std::string ics;
  std::int64_t updated_at_ms = 0;
};

// Counts for /metrics.
struct StoreCounts {
  std::int64_t accounts = 0;
  std::int64_t active_sessions = 0;  // not revoked, not expired at `now_ms` given to counts()
  std::int64_t blobs = 0;
  std::int64_t blob_bytes = 0;
  std::int64_t cases = 0;
  std::vector<std::pair<domain::CaseState, std::int64_t>> cases_by_state;  // only states with cases
  std::int64_t events = 0;
};

// Writer statistics since open, for /metrics and tests. batches == number of COMMITs.
struct WriterStats {
  std::int64_t jobs = 0;            // jobs run
  std::int64_t jobs_failed = 0;     // jobs that threw (rolled back alone)
  std::int64_t batches = 0;         // committed transactions
  std::int64_t batches_failed = 0;  // transactions whose COMMIT failed (all their jobs got StoreUnavailable)
  std::int64_t largest_batch = 0;
};

// ---- Kiosks (schema version 5; used by node/kiosk_desk.h, see docs/kiosk.md) ----

// A registered self-service kiosk: a device at one service point. key_hash is the SHA-256 (lowercase hex) of its
// device key (accounts/session_token.h format); the key itself is printed once at registration and never stored.
// enrolled_at_ms is 0 until a browser has been enrolled with the key (once only); a revoked kiosk stays revoked.
struct KioskRecord {
  std::string id;  // "KIOSK-<service point>-<n>" (kind kiosk) or "CABIN-<service point>-<n>" (kind cabin)
  std::string service_point;
  std::string name;
  std::string key_hash;
  std::int64_t created_at_ms = 0;
  std::int64_t enrolled_at_ms = 0;
  bool revoked = false;
  // "kiosk" or "cabin" (schema version 11, docs/channels.md): a cabin device stands at a point of kind cabin.
  std::string kind = "kiosk";
};

// ---- Federation (schema versions 2 and 3; used by src/federation, see docs/federation.md) ----

// An outbox message's state. queued: waiting for (another) attempt. delivered: a valid signed receipt settled it.
// dead: refused for good (a permanent rejection) or out of its retry budget; it is not sent again, and the later
// messages of its (peer, case) wait behind it until an operator requeues it (back to queued) or drops it.
// dropped: an operator gave it up (`tongban federation drop`); its successors flow.
enum class OutboxState { queued, delivered, dead, dropped };
// An inbox message's state. held: stored, waiting for earlier sequence numbers of its case. applied: its effect is
// committed. dead: the handler refused it when its turn came; the later messages of its case stay held until an
// operator requeues (applies it again) or drops it. dropped: an operator gave it up; the case's applied sequence
// moved past it so its successors apply.
enum class InboxState { held, applied, dead, dropped };
std::string_view to_string(OutboxState state);
std::string_view to_string(InboxState state);
// std::invalid_argument for a word that is not a state.
OutboxState outbox_state_from(std::string_view word);
InboxState inbox_state_from(std::string_view word);

// A message in the transactional outbox. Written by federation::Outbox::enqueue in the same transaction as the
// state change that causes it; the relay updates attempts and marks it delivered on a valid signed receipt.
// The envelope is signed at each attempt, not stored signed.
struct OutboxRecord {
  std::string message_id;  // UUID v4
  std::string peer;        // receiving node id
  std::string type;
  std::string case_ref;         // "" for messages outside a case
  std::int64_t sequence = 0;    // per (peer, case_ref), from next_outbound_sequence; 0 when case_ref is ""
  std::string data_categories;  // comma-separated, as signed
  std::string payload;          // JSON text
  std::string payload_sha256;
  std::int64_t created_at_ms = 0;
  OutboxState state = OutboxState::queued;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at_ms = 0;
  std::int64_t last_attempt_at_ms = 0;
  std::string last_error;
  std::int64_t delivered_at_ms = 0;
  std::string receipt;             // the receipt JSON that settled it
  std::string dead_reason;         // why it is dead or dropped ("" otherwise)
  std::int64_t settled_at_ms = 0;  // when it became dead or dropped
};

// A message accepted by the inbox, keyed by message id (so a second copy is recognised). envelope is the signed
// envelope JSON as received (the latest accepted transmission).
struct InboxRecord {
  std::string message_id;
  std::string peer;  // sending node id
  std::string type;
  std::string case_ref;
  std::int64_t sequence = 0;
  std::string payload_sha256;
  std::string envelope;
  std::int64_t last_sent_at_ms = 0;  // sent_at of the latest transmission seen (replay detection)
  InboxState state = InboxState::held;
  std::int64_t received_at_ms = 0;
  std::int64_t applied_at_ms = 0;
  std::string receipt;  // the receipt JSON last answered
  std::string last_error;
  std::string dead_reason;  // why it is dead or dropped ("" otherwise)
};

// One entry of the node's hash-chained message log: every envelope queued to or received from a peer. The store
// does not compute hashes (federation/message_log.h does); it refuses an entry that does not continue the chain.
struct MessageLogEntry {
  std::int64_t sequence = 0;  // 1, 2, 3, …
  std::string direction;      // "out" | "in"
  std::string message_id;
  std::string peer;
  std::string type;
  std::string case_ref;
  std::int64_t case_sequence = 0;
  std::string data_categories;
  std::string payload_sha256;
  std::int64_t at_ms = 0;
  std::string envelope;  // "in": the signed envelope JSON received; "out": the envelope JSON as queued (unsigned)
  std::string prev_hash;
  std::string hash;
};

// The outbox seen per peer, for `tongban federation status`.
struct PeerQueue {
  std::string peer;
  std::int64_t queued = 0;     // not yet attempted
  std::int64_t in_flight = 0;  // attempted at least once, not yet acknowledged
  std::int64_t delivered = 0;
  std::int64_t dead = 0;                         // refused for good or out of retries; its successors wait behind it
  std::int64_t dropped = 0;                      // given up by an operator
  std::int64_t oldest_unacknowledged_at_ms = 0;  // created_at of the oldest queued message; 0 if none
  std::int64_t last_attempt_at_ms = 0;
  std::string last_error;  // of the most recently attempted unacknowledged message ("" if none)
};

// ---- Notifications (schema version 9; used by node/notifier.h and notify/, see docs/notifications.md) ----

// Delivery statuses as GOV.UK Notify names them. created: in the outbox, not yet tried (or waiting for quiet hours
// or the rate limit). sending: handed to the sender, which holds it until next_attempt_at_ms (a sender that dies
// loses it then and it is tried again). delivered: the provider took it (SMTP 250, the gateway's 2xx) — an in-app
// notification is delivered when made. permanent-failure: the provider refused it for good (bad address); final.
// temporary-failure: the provider refused it for now; retried with back-off, final once out of attempts.
// technical-failure: our side failed (no adapter, connection refused, a template that does not render); retried
// like a temporary failure.
enum class NotificationStatus { created, sending, delivered, permanent_failure, temporary_failure, technical_failure };
std::string_view to_string(NotificationStatus status);
// std::invalid_argument for a word that is not a status.
NotificationStatus notification_status_from(std::string_view word);

// One notification: one row per (event_key, channel, recipient) — the same event never makes two. The words are
// rendered when the row is made (in the case event's transaction), so what was sent is what is stored.
struct NotificationRecord {
  std::string id;         // "N-" + 32 hex digits
  std::string event_key;  // the event that caused it: "event:<audit sequence>" for a case event, else the part's key
  std::string channel;    // "email" | "sms" | "in_app"
  std::string recipient;  // account id
  std::string address;    // e-mail address or E.164 phone at the time it was made; "" for in_app
  std::string case_id;
  std::string kind;      // template name (domain/notification_kind.h)
  std::string language;  // BCP 47 tag of the words
  int template_version = 1;
  std::string subject;  // "" for SMS
  std::string body;     // the e-mail / in-app text, or the SMS text
  bool statutory = false;
  std::string dedup_key;
  NotificationStatus status = NotificationStatus::created;
  bool settled = false;  // final: never tried again
  int attempts = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t not_before_ms = 0;       // released at (quiet hours, rate limit); the rate limit counts these
  std::int64_t next_attempt_at_ms = 0;  // when the sender may try (again); while sending, the lease's end
  std::int64_t last_attempt_at_ms = 0;
  std::int64_t completed_at_ms = 0;  // delivered or settled
  std::int64_t read_at_ms = 0;       // in_app: when the applicant marked it read; 0 = unread
  std::string last_error;            // the provider's answer or our error ("" when none); never a secret
  std::string provider_reference;    // the gateway's message id, the SMTP queue answer
};

// An applicant's notification settings: the language to write in, the jurisdiction whose local time counts for
// quiet hours, the addresses and the channels chosen for optional notices (statutory ones ignore the choice).
struct NotificationPreferencesRecord {
  std::string account_id;
  std::string language;      // BCP 47 tag
  std::string jurisdiction;  // catalog jurisdiction code, e.g. "MO"
  std::string email;
  std::string phone;
  bool email_on = true;
  bool sms_on = false;
  bool in_app_on = true;
  std::int64_t updated_at_ms = 0;
};

// Post (store/sql/shipment_rows.h, node/post_desk.h): one postal item of a case, keyed by its S10 item id.
struct ShipmentRecord {
  std::string item_id;  // S10 id (domain/s10_item_id.h)
  std::string carrier;  // the carrier's name in the node's carrier list ([a-z0-9_-]+)
  std::string case_id;  // the case on this node
  domain::ShipmentKind kind = domain::ShipmentKind::result;
  std::string sender;     // materials: the intake point; result: the authority
  std::string recipient;  // materials: the owning authority; result: "applicant" or the intake point
  std::string address;    // the postal address (a result sent to the applicant); "" otherwise
  domain::ShipmentStatus status = domain::ShipmentStatus::created;
  std::string origin_node;  // "" for our own shipment; the peer's id for a copy a peer reported
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::string served_on;  // YYYY-MM-DD: the legal "served" date once a result's delivery is proved; else ""
};

// Post: a task in an intake clerk's queue caused by a shipment event (a failed attempt, a customs hold).
struct ShipmentTaskRecord {
  std::int64_t id = 0;  // assigned by the store
  std::string item_id;
  std::string event_id;
  std::string case_id;
  std::string service_point;  // whose clerks see it ("" = the case has no intake point: admins see it)
  domain::PostalEvent event = domain::PostalEvent::failed_attempt;
  std::string reason;
  std::int64_t created_at_ms = 0;
  std::int64_t done_at_ms = 0;  // 0 while open
  std::string done_by;
};

// A daily aggregate of the region's figures as held (schema version 13): the document a node published for one
// day (domain/region_aggregate.h, JSON by node/region_aggregate_json.h), the latest per node and day. The store
// never reads inside the document.
struct RegionAggregateRecord {
  std::string node_id;
  std::string day;  // "YYYY-MM-DD": the node's local day of the cases it counts
  std::int64_t generated_at_ms = 0;
  std::int64_t k = 0;    // the suppression threshold it was published with
  std::string document;  // the aggregate as its node encoded and signed it
  std::int64_t received_at_ms = 0;
  std::string message_id;  // the federation message that carried it; "" for the node's own
};

// The reads, available on the Store (committed state) and on a Transaction (including its own writes).
class Reader {
 public:
  virtual ~Reader() = default;

  virtual std::optional<AccountRecord> find_account_by_id(std::string_view id) const = 0;
  virtual std::optional<AccountRecord> find_account_by_login(std::string_view login) const = 0;
  virtual std::optional<AccountRecord> find_account_by_document(std::string_view id_document_type,
                                                                std::string_view id_document_number) const = 0;
  virtual std::optional<SessionRecord> find_session(std::string_view token_hash) const = 0;
  virtual std::optional<BlobRecord> find_blob(std::string_view sha256) const = 0;
  // Whether the blob was handed in by `account_id`, or (when `service_point` is not empty) by a clerk of it.
  virtual bool blob_handed_in_by(std::string_view sha256, std::string_view account_id,
                                 std::string_view service_point) const = 0;
  virtual std::optional<domain::Case> find_case(std::string_view id) const = 0;
  // Throws std::invalid_argument for a cursor this store did not produce.
  virtual CasePage list_cases(const CaseFilter& filter) const = 0;
  // The case a previous creation with this key made, and that request's fingerprint.
  virtual std::optional<CaseInsertion> find_idempotent_case(std::string_view applicant_id,
                                                            std::string_view key) const = 0;
  // Events of one case, in sequence order.
  virtual std::vector<domain::Event> list_events(std::string_view case_id) const = 0;
  virtual ChainHead chain_head() const = 0;
  // The highest catalog version, if any.
  virtual std::optional<CatalogVersion> current_catalog() const = 0;
  virtual std::optional<CalendarRecord> find_calendar(std::string_view jurisdiction) const = 0;
  virtual std::vector<CalendarRecord> list_calendars() const = 0;
  virtual StoreCounts counts(std::int64_t now_ms) const = 0;

  // Kiosks. By id, by the hash of the device key, all (by id); the PIN hash an applicant set for kiosk sign-in.
  virtual std::optional<KioskRecord> find_kiosk(std::string_view id) const = 0;
  virtual std::optional<KioskRecord> find_kiosk_by_key(std::string_view key_hash) const = 0;
  virtual std::vector<KioskRecord> list_kiosks() const = 0;
  virtual std::optional<std::string> find_kiosk_pin(std::string_view account_id) const = 0;

  // Federation. Due outbox messages: queued, next_attempt_at_ms <= now_ms, and the lowest queued sequence of their
  // (peer, case_ref) (per-case order), oldest first, at most `limit`.
  virtual std::vector<OutboxRecord> due_outbox_messages(std::int64_t now_ms, int limit) const = 0;
  // The same for one peer only (the relay reads per peer, so one peer's backlog never hides another's).
  virtual std::vector<OutboxRecord> due_outbox_messages_to(std::string_view peer, std::int64_t now_ms,
                                                           int limit) const = 0;
  virtual std::optional<OutboxRecord> find_outbox_message(std::string_view message_id) const = 0;
  // Outbox messages in this state, oldest first, at most `limit`.
  virtual std::vector<OutboxRecord> list_outbox_messages(OutboxState state, int limit) const = 0;
  virtual std::optional<InboxRecord> find_inbox_message(std::string_view message_id) const = 0;
  // The held inbox message of (peer, case_ref) with this sequence, if any.
  virtual std::optional<InboxRecord> find_held_message(std::string_view peer, std::string_view case_ref,
                                                       std::int64_t sequence) const = 0;
  // Every held inbox message, oldest first, at most `limit`.
  virtual std::vector<InboxRecord> list_held_messages(int limit) const = 0;
  // Inbox messages in this state, oldest first, at most `limit`.
  virtual std::vector<InboxRecord> list_inbox_messages(InboxState state, int limit) const = 0;
  // The highest sequence applied from peer about case_ref (0 if none).
  virtual std::int64_t last_applied_sequence(std::string_view peer, std::string_view case_ref) const = 0;
  // Per peer that has outbox messages, ordered by peer id.
  virtual std::vector<PeerQueue> outbox_queues() const = 0;
  // The end of the message log: sequence (0 if empty) and hash (64 zeros if empty).
  virtual ChainHead message_log_head() const = 0;
  // Every message log entry in sequence order. Stops early if f returns false.
  virtual void for_each_message_log_entry(const std::function<bool(const MessageLogEntry&)>& f) const = 0;

  // E-certificates (store/certificate_records.h). By id, by case, of one holder (newest first); the id and status
  // of every certificate issued here, by id (what a status list lists); the status changes of one, in order; the
  // newest status list held for an issuing node.
  virtual std::optional<CertificateRecord> find_certificate(std::string_view id) const = 0;
  virtual std::optional<CertificateRecord> find_certificate_of_case(std::string_view case_id) const = 0;
  virtual std::vector<CertificateRecord> list_certificates_of_holder(std::string_view account_id) const = 0;
  virtual std::vector<std::pair<std::string, std::string>> list_certificate_statuses() const = 0;
  virtual std::vector<CertificateStatusChange> list_certificate_status_changes(
      std::string_view certificate_id) const = 0;
  virtual std::optional<StatusListRecord> find_status_list(std::string_view issuer_node) const = 0;
  // Notifications.
  virtual std::optional<NotificationRecord> find_notification(std::string_view id) const = 0;
  // A recipient's notifications on one channel, newest first, at most `limit` (the in-app inbox: "in_app").
  virtual std::vector<NotificationRecord> list_notifications(std::string_view recipient, std::string_view channel,
                                                             int limit) const = 0;
  // Every notification of a case, oldest first (for tests and the case page).
  virtual std::vector<NotificationRecord> list_case_notifications(std::string_view case_id) const = 0;
  // A recipient's notifications on one channel released (not_before_ms) at or after since_ms (rate limit, de-dup).
  virtual std::vector<NotificationRecord> recent_notifications(std::string_view recipient, std::string_view channel,
                                                               std::int64_t since_ms) const = 0;
  // Unsettled e-mail and SMS notifications with next_attempt_at_ms <= now_ms, earliest first, at most `limit`.
  virtual std::vector<NotificationRecord> due_notifications(std::int64_t now_ms, int limit) const = 0;
  virtual std::int64_t count_unread_notifications(std::string_view recipient) const = 0;
  virtual std::optional<NotificationPreferencesRecord> find_notification_preferences(
      std::string_view account_id) const = 0;
  // Post. A shipment by item id; the shipments of a case (oldest first); the events of a shipment in arrival order;
  // the open tasks of a service point (every open task when service_point is "*"), oldest first.
  virtual std::optional<ShipmentRecord> find_shipment(std::string_view item_id) const = 0;
  virtual std::vector<ShipmentRecord> list_case_shipments(std::string_view case_id) const = 0;
  virtual std::vector<domain::ShipmentEvent> list_shipment_events(std::string_view item_id) const = 0;
  virtual std::vector<ShipmentTaskRecord> list_open_shipment_tasks(std::string_view service_point) const = 0;
  // Channels and agents.
  // For every case past draft, what the channel figures need (domain/channel_figures.h), in creation order.
  virtual std::vector<domain::ChannelCaseFacts> channel_case_facts() const = 0;
  // For every case past draft, what the case statistics need from the store (store/sql/case_fact_rows.h), in
  // creation order; the catalog's part is left for node/case_statistics.h.
  virtual std::vector<domain::CaseFacts> case_facts() const = 0;
  // Ratings (store/sql/rating_rows.h, node/rating_desk.h). The ratings of a case, by channel; every rating, oldest
  // first; the follow-up of a case's rating on one channel; the follow-ups of an authority ("*": every authority),
  // the open ones only when open_only, by due date.
  virtual std::vector<domain::Rating> list_case_ratings(std::string_view case_id) const = 0;
  virtual std::vector<domain::Rating> list_ratings() const = 0;
  virtual std::optional<domain::RatingFollowUp> find_rating_follow_up(std::string_view case_id,
                                                                      domain::Channel channel) const = 0;
  virtual std::vector<domain::RatingFollowUp> list_rating_follow_ups(std::string_view authority,
                                                                     bool open_only) const = 0;
  // The information platform (store/sql/notice_rows.h, node/notice_desk.h). Every notice held — the node's own
  // and its peers' copies — by id; one notice; the subscriptions of an account ("*": every account).
  virtual std::vector<domain::Notice> list_notices() const = 0;
  virtual std::optional<domain::Notice> find_notice(std::string_view id) const = 0;
  virtual std::vector<domain::NoticeSubscription> list_notice_subscriptions(std::string_view account_id) const = 0;
  // The region's daily aggregates of the days from_day … to_day ("YYYY-MM-DD", inclusive; "" = unbounded), by day
  // then node (store/sql/region_aggregate_rows.h).
  virtual std::vector<RegionAggregateRecord> list_region_aggregates(std::string_view from_day,
                                                                    std::string_view to_day) const = 0;
};

// The writes of one job. Valid only inside the job it was given to; never keep it.
class Transaction : public Reader {
 public:
  // Conflict("account_id" | "account_login" | "account_id_document") if taken.
  virtual void insert_account(const AccountRecord& account) = 0;
  // Replaces every field but id and created_at_ms. NotFound if absent; Conflict as insert_account.
  virtual void update_account(const AccountRecord& account) = 0;

  // Conflict("session_token") if the hash exists. NotFound if the account does not exist.
  virtual void insert_session(const SessionRecord& session) = 0;
  // Marks it revoked (idempotent). NotFound if there is no such session.
  virtual void revoke_session(std::string_view token_hash) = 0;
  // Revokes every session of the account; returns how many were still unrevoked.
  virtual std::int64_t revoke_sessions_of(std::string_view account_id) = 0;

  // Records blob metadata; a second insert of the same sha256 keeps the first row and returns it. Prefer
  // Store::put_blob, which writes the bytes first.
  virtual BlobRecord insert_blob_meta(const BlobRecord& blob) = 0;
  // Records that `handler` handed the blob in (idempotent). NotFound if the blob has no metadata row.
  virtual void record_blob_handler(std::string_view sha256, const BlobHandler& handler, std::int64_t now_ms) = 0;

  // Creates a case. The store assigns kase.id ("<NODE>-<YYYY>-<seq>", YYYY = local year of created_at_ms at the
  // node's UTC offset) and version 1; other fields are stored as given. With a key: if (applicant_id, key) was
  // used before, nothing is written and the earlier case is returned with created == false.
  virtual CaseInsertion insert_case(domain::Case kase, const std::optional<IdempotencyKey>& key) = 0;
  // Stores `kase` (found by kase.id) if its stored version equals expected_version, with version
  // expected_version + 1; returns the case as stored. NotFound if absent, VersionConflict if the version differs
  // (nothing changes). id, applicant_id and created_at_ms are never changed.
  virtual domain::Case update_case(domain::Case kase, std::int64_t expected_version) = 0;

  // Appends an already sealed event: it must have sequence == chain_head().sequence + 1 and prev_hash ==
  // chain_head().hash, else Conflict("event_chain"). NotFound if the case does not exist.
  virtual void append_event(const domain::Event& sealed) = 0;
  // Convenience: sets sequence and prev_hash from chain_head(), calls seal(event, prev_hash) (pass
  // domain::seal from domain/audit_chain.h) to fill the hash, appends it and returns it.
  using Sealer = std::function<void(domain::Event&, const std::string& prev_hash)>;
  domain::Event seal_and_append(domain::Event event, const Sealer& seal) {
    ChainHead head = chain_head();
    event.sequence = head.sequence + 1;
    event.prev_hash = head.hash;
    seal(event, head.hash);
    append_event(event);
    return event;
  }

  // Kiosks. Conflict("kiosk_id" | "kiosk_key") if taken. update_kiosk replaces name, key_hash, enrolled_at_ms and
  // revoked; NotFound if absent. put_kiosk_pin inserts or replaces the account's PIN hash; NotFound if no account.
  virtual void insert_kiosk(const KioskRecord& kiosk) = 0;
  virtual void update_kiosk(const KioskRecord& kiosk) = 0;
  virtual void put_kiosk_pin(std::string_view account_id, std::string_view pin_hash, std::int64_t at_ms) = 0;

  // Stores a new catalog version; returns it with its id.
  virtual CatalogVersion put_catalog(CatalogVersion version) = 0;
  // Inserts or replaces the calendar of a jurisdiction.
  virtual void put_calendar(const CalendarRecord& calendar) = 0;

  // Federation. The next outbound sequence of (peer, case_ref): 1 for the first message, then 2, 3, …
  virtual std::int64_t next_outbound_sequence(std::string_view peer, std::string_view case_ref) = 0;
  // Conflict("outbox_message_id") if the id exists.
  virtual void insert_outbox_message(const OutboxRecord& message) = 0;
  // Leases the due messages to `peer` (as due_outbox_messages_to) to `owner` until `until_ms`, and returns them:
  // instances sharing one database (Store::shared) lease before sending, so each message is sent by one instance at
  // a time; a message leased by another owner is not due for anyone else before its lease ends (an instance that
  // dies mid-send loses its leases that way). Recording the attempt or the delivery ends the lease.
  virtual std::vector<OutboxRecord> lease_due_outbox_messages_to(std::string_view peer, std::int64_t now_ms, int limit,
                                                                 std::string_view owner, std::int64_t until_ms) = 0;
  // Records a failed or pending attempt. NotFound if absent.
  virtual void record_outbox_attempt(std::string_view message_id, std::int64_t attempts,
                                     std::int64_t next_attempt_at_ms, std::int64_t attempted_at_ms,
                                     std::string_view error) = 0;
  // state = delivered. NotFound if absent; idempotent for a delivered message.
  virtual void mark_outbox_delivered(std::string_view message_id, std::int64_t delivered_at_ms,
                                     std::string_view receipt) = 0;
  // Moves a message to `state` (dead or dropped, with the reason; or queued again: attempts 0, due at now_ms,
  // reason cleared). NotFound if absent; std::invalid_argument for delivered (only a receipt delivers).
  virtual void settle_outbox_message(std::string_view message_id, OutboxState state, std::string_view reason,
                                     std::int64_t now_ms) = 0;
  // Closes the gap a dropped message leaves in (peer, case_ref): every later message of it that was never attempted
  // moves down one sequence number, and so does the outbound counter. Returns how many moved.
  virtual std::int64_t renumber_outbox_after(std::string_view peer, std::string_view case_ref,
                                             std::int64_t sequence) = 0;
  // Conflict("inbox_message_id") if the id exists.
  virtual void insert_inbox_message(const InboxRecord& message) = 0;
  // Replaces state, envelope, last_sent_at_ms, applied_at_ms, receipt, last_error and dead_reason. NotFound if
  // absent.
  virtual void update_inbox_message(const InboxRecord& message) = 0;
  virtual void set_last_applied_sequence(std::string_view peer, std::string_view case_ref, std::int64_t sequence) = 0;
  // Appends a sealed entry: sequence == message_log_head().sequence + 1 and prev_hash == its hash, else
  // Conflict("message_log_chain").
  virtual void append_message_log(const MessageLogEntry& sealed) = 0;

  // Runs hook on the writer thread after the batch holding this job has committed durably (after the fsync), before
  // the jobs' done callbacks; never if this job throws or the commit fails. Keep it short and non-blocking (e.g.
  // waking a thread): federation::Outbox wakes the relay this way.
  virtual void after_commit(std::function<void()> hook) = 0;

  // E-certificates. The next certificate serial of this node (1, 2, 3, …). insert_certificate: Conflict
  // ("certificate_id" | "certificate_case") if the id or the case has one. change_certificate_status sets status,
  // reason and time and appends the change (its from_status is the stored status); NotFound if absent; returns the
  // change as stored. put_status_list keeps the newer list: it stores `list` only if its number is greater than the
  // held one's for that issuer, and returns whether it did.
  virtual std::int64_t next_certificate_serial() = 0;
  virtual void insert_certificate(const CertificateRecord& certificate) = 0;
  virtual CertificateStatusChange change_certificate_status(const CertificateStatusChange& change) = 0;
  virtual bool put_status_list(const StatusListRecord& list) = 0;
  // Notifications. Inserts unless a row with the same (event_key, channel, recipient) exists; true when inserted
  // (false: the event was notified on that channel already, nothing changes). Conflict("notification_id") if the
  // id is taken by another row.
  virtual bool insert_notification(const NotificationRecord& notification) = 0;
  // Takes the due notifications (as due_notifications) for sending: status sending, attempts + 1, last attempt
  // now_ms, next_attempt_at_ms = lease_until_ms. Returns them as updated.
  virtual std::vector<NotificationRecord> lease_due_notifications(std::int64_t now_ms, int limit,
                                                                  std::int64_t lease_until_ms) = 0;
  // Records the outcome of an attempt: status, settled, next attempt, error and provider reference; completed_at_ms
  // = at_ms when delivered or settled. NotFound if absent.
  virtual void record_notification_result(std::string_view id, NotificationStatus status, bool settled,
                                          std::int64_t next_attempt_at_ms, std::string_view error,
                                          std::string_view provider_reference, std::int64_t at_ms) = 0;
  // Marks the recipient's in-app notification read (idempotent: the first read time stays). NotFound unless it
  // exists, is in_app and belongs to `recipient`.
  virtual void mark_notification_read(std::string_view id, std::string_view recipient, std::int64_t at_ms) = 0;
  // Inserts or replaces. NotFound if the account does not exist.
  virtual void put_notification_preferences(const NotificationPreferencesRecord& preferences) = 0;
  // Post. insert_shipment: Conflict("shipment_item_id") if the item id is taken. update_shipment replaces status,
  // updated_at_ms and served_on; NotFound if absent. insert_shipment_event: false (nothing written) when the item
  // already has an event with that id. insert_shipment_task returns the task with its id; close_shipment_task:
  // NotFound if there is no open task with that id.
  virtual void insert_shipment(const ShipmentRecord& shipment) = 0;
  virtual void update_shipment(const ShipmentRecord& shipment) = 0;
  virtual bool insert_shipment_event(std::string_view item_id, const domain::ShipmentEvent& event) = 0;
  virtual ShipmentTaskRecord insert_shipment_task(ShipmentTaskRecord task) = 0;
  virtual void close_shipment_task(std::int64_t id, std::string_view done_by, std::int64_t at_ms) = 0;
  // Ratings. insert_rating: false (nothing written) when the case has a rating on that channel already.
  // insert_rating_follow_up: the rating must exist (foreign key). update_rating_follow_up replaces the response
  // and answer fields; NotFound if absent.
  virtual bool insert_rating(const domain::Rating& rating) = 0;
  virtual void insert_rating_follow_up(const domain::RatingFollowUp& follow_up) = 0;
  virtual void update_rating_follow_up(const domain::RatingFollowUp& follow_up) = 0;
  // Notices. insert_notice gives the notice the next serial of its origin node and the id made of it, and returns
  // it so. update_notice replaces every field but the id and origin node; NotFound if absent. keep_notice_copy
  // holds a peer's copy: inserted, or replacing the held one when it has a higher revision; false (nothing
  // written) otherwise. Subscriptions: false (nothing written) when already there / not there.
  virtual domain::Notice insert_notice(domain::Notice notice) = 0;
  virtual void update_notice(const domain::Notice& notice) = 0;
  virtual bool keep_notice_copy(const domain::Notice& notice, std::int64_t received_at_ms) = 0;
  virtual bool add_notice_subscription(const domain::NoticeSubscription& subscription, std::int64_t at_ms) = 0;
  virtual bool remove_notice_subscription(const domain::NoticeSubscription& subscription) = 0;
  // A daily aggregate: inserted, or replacing the held one of its node and day when generated later; false
  // (nothing written) when the held one is as new or newer.
  virtual bool keep_region_aggregate(const RegionAggregateRecord& aggregate) = 0;
};

class Store : public Reader {
 public:
  using Job = std::function<void(Transaction&)>;
  using Done = std::function<void(std::exception_ptr)>;

  // Runs job in the writer and blocks until its batch is durably committed. Rethrows the job's exception (its
  // writes are rolled back), or StoreUnavailable if the commit failed or the store is closed.
  virtual void write(Job job) = 0;
  // Queues job and returns at once. done(nullptr) after the commit, done(error) as write() would throw. done runs
  // on the writer thread: keep it short. write() from a job or a done callback throws std::logic_error (it would
  // wait for itself); submit() from there is allowed (the job runs in a later batch).
  virtual void submit(Job job, Done done) = 0;

  // write() returning the job's result: auto id = store.transact([&](Transaction& tx) { return ...; });
  template <typename F>
  auto transact(F&& f) -> std::invoke_result_t<F&, Transaction&> {
    using R = std::invoke_result_t<F&, Transaction&>;
    if constexpr (std::is_void_v<R>) {
      write([&f](Transaction& tx) { f(tx); });
    } else {
      std::optional<R> result;
      write([&f, &result](Transaction& tx) { result.emplace(f(tx)); });
      return std::move(*result);
    }
  }

  // Stores bytes as a blob: file first (temp file, fsync, rename), then its metadata row. Idempotent: the same
  // bytes give the same record (the first media_type and created_at_ms are kept).
  virtual BlobRecord put_blob(std::string_view bytes, std::string_view media_type, std::int64_t now_ms) = 0;
  // put_blob, then records `handler` in the same transaction as the metadata row: what a person uploads.
  virtual BlobRecord hand_in_blob(std::string_view bytes, std::string_view media_type, const BlobHandler& handler,
                                  std::int64_t now_ms) = 0;
  // Takes a file as a blob handed in by `handler` (a large upload the HTTP server spooled, http/body_spool.h): makes
  // it private and durable, renames it into place (it must be on the data directory's filesystem), then writes its
  // metadata and handler rows. sha256 and size are the file's, computed by whoever wrote it while writing; they are
  // not read again. Idempotent like put_blob: when the blob is stored already, the file is removed.
  // std::invalid_argument for a bad sha256.
  virtual BlobRecord put_blob_file(const std::filesystem::path& file, std::string_view sha256, std::int64_t size,
                                   std::string_view media_type, const BlobHandler& handler, std::int64_t now_ms) = 0;
  // Where the blob's bytes live (<data-dir>/blobs/<first 2 hex>/<sha256>); whether or not it exists.
  // std::invalid_argument if sha256 is not 64 lowercase hex characters.
  virtual std::filesystem::path blob_path(std::string_view sha256) const = 0;
  // The blob's bytes, nullopt if it has no metadata row.
  virtual std::optional<std::string> read_blob(std::string_view sha256) const = 0;

  // Every event of the node in sequence order (for `tongban audit verify`). Stops early if f returns false.
  virtual void for_each_event(const std::function<bool(const domain::Event&)>& f) const = 0;

  virtual WriterStats writer_stats() const = 0;

  // True when other processes may write the same database at the same time (PostgreSQL: several instances of the
  // node); the relay then leases outbox messages before sending them.
  virtual bool shared() const { return false; }

  // Finishes queued jobs and stops the writer. Idempotent; also done by the destructor.
  virtual void close() = 0;
};

}  // namespace tongban::store

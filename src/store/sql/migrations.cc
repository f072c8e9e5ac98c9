#include "store/sql/migrations.h"

#include <regex>
#include <string>
#include <utility>

#include "store/sql/connection.h"
#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('natural_person', 'legal_person', 'staff')),
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  authority TEXT NOT NULL DEFAULT '',
  service_point TEXT NOT NULL DEFAULT '',
  id_document_type TEXT NOT NULL DEFAULT '',
  id_document_number TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX accounts_login ON accounts (login);
CREATE UNIQUE INDEX accounts_id_document ON accounts (id_document_type, id_document_number)
  WHERE id_document_number <> '';

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('case', 0);

CREATE TABLE cases (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  item_code TEXT NOT NULL,
  applicant_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  channel TEXT NOT NULL,
  intake_point TEXT NOT NULL,
  authority TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  form_json TEXT NOT NULL,
  materials_json TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  clock_started_on TEXT,
  clock_paused_on TEXT,
  clock_paused_working_days INTEGER NOT NULL DEFAULT 0,
  clock_legal_due TEXT,
  clock_promised_due TEXT,
  delivery_method TEXT NOT NULL DEFAULT '',
  delivery_address TEXT NOT NULL DEFAULT '',
  result_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_applicant ON cases (applicant_id, seq);
CREATE INDEX cases_authority ON cases (authority, seq);
CREATE INDEX cases_intake_point ON cases (intake_point, seq);
CREATE INDEX cases_state ON cases (state, seq);

CREATE TABLE case_idempotency (
  applicant_id TEXT NOT NULL,
  key TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id),
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (applicant_id, key)
) WITHOUT ROWID;

CREATE TABLE events (
  sequence INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX events_case ON events (case_id, sequence);

CREATE TABLE catalog_versions (
  id INTEGER PRIMARY KEY,
  imported_at_ms INTEGER NOT NULL,
  source TEXT NOT NULL,
  format TEXT NOT NULL,
  content TEXT NOT NULL
);

CREATE TABLE calendars (
  jurisdiction TEXT PRIMARY KEY,
  ics TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
)sql";

// Version 2: federation. The outbox (messages queued for peers), the inbox (messages accepted from peers, keyed by
// message id), per-(direction, peer, case) sequence counters, and the hash-chained message log.
constexpr std::string_view kFederationSchema = R"sql(
CREATE TABLE federation_outbox (
  message_id TEXT PRIMARY KEY,
  peer TEXT NOT NULL,
  type TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  data_categories TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  last_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at_ms INTEGER NOT NULL DEFAULT 0,
  receipt TEXT NOT NULL DEFAULT ''
);
CREATE INDEX federation_outbox_queued ON federation_outbox (state, next_attempt_at_ms);
CREATE INDEX federation_outbox_case ON federation_outbox (peer, case_ref, sequence);

CREATE TABLE federation_inbox (
  message_id TEXT PRIMARY KEY,
  peer TEXT NOT NULL,
  type TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  envelope TEXT NOT NULL,
  last_sent_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('held', 'applied')),
  received_at_ms INTEGER NOT NULL,
  applied_at_ms INTEGER NOT NULL DEFAULT 0,
  receipt TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX federation_inbox_case ON federation_inbox (peer, case_ref, sequence);
CREATE INDEX federation_inbox_held ON federation_inbox (state, received_at_ms);

CREATE TABLE federation_sequences (
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  peer TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (direction, peer, case_ref)
) WITHOUT ROWID;

CREATE TABLE federation_log (
  sequence INTEGER PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  message_id TEXT NOT NULL,
  peer TEXT NOT NULL,
  type TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  case_sequence INTEGER NOT NULL,
  data_categories TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
)sql";

// Version 3: dead letters. Outbox states gain 'dead' and 'dropped', inbox states 'dead' and 'dropped', each with
// the reason (and, in the outbox, when it was settled). SQLite cannot change a CHECK constraint, so both tables are
// rebuilt with their rows copied unchanged.
constexpr std::string_view kDeadLetterSchema = R"sql(
CREATE TABLE federation_outbox_v3 (
  message_id TEXT PRIMARY KEY,
  peer TEXT NOT NULL,
  type TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  data_categories TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'dead', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  last_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at_ms INTEGER NOT NULL DEFAULT 0,
  receipt TEXT NOT NULL DEFAULT '',
  dead_reason TEXT NOT NULL DEFAULT '',
  settled_at_ms INTEGER NOT NULL DEFAULT 0
);
INSERT INTO federation_outbox_v3 (message_id, peer, type, case_ref, sequence, data_categories, payload,
  payload_sha256, created_at_ms, state, attempts, next_attempt_at_ms, last_attempt_at_ms, last_error,
  delivered_at_ms, receipt)
SELECT message_id, peer, type, case_ref, sequence, data_categories, payload, payload_sha256, created_at_ms, state,
  attempts, next_attempt_at_ms, last_attempt_at_ms, last_error, delivered_at_ms, receipt FROM federation_outbox;
DROP TABLE federation_outbox;
ALTER TABLE federation_outbox_v3 RENAME TO federation_outbox;
CREATE INDEX federation_outbox_queued ON federation_outbox (state, next_attempt_at_ms);
CREATE INDEX federation_outbox_case ON federation_outbox (peer, case_ref, sequence);
CREATE INDEX federation_outbox_peer ON federation_outbox (peer, state, next_attempt_at_ms);

CREATE TABLE federation_inbox_v3 (
  message_id TEXT PRIMARY KEY,
  peer TEXT NOT NULL,
  type TEXT NOT NULL,
  case_ref TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  payload_sha256 TEXT NOT NULL,
  envelope TEXT NOT NULL,
  last_sent_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('held', 'applied', 'dead', 'dropped')),
  received_at_ms INTEGER NOT NULL,
  applied_at_ms INTEGER NOT NULL DEFAULT 0,
  receipt TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  dead_reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO federation_inbox_v3 (message_id, peer, type, case_ref, sequence, payload_sha256, envelope,
  last_sent_at_ms, state, received_at_ms, applied_at_ms, receipt, last_error)
SELECT message_id, peer, type, case_ref, sequence, payload_sha256, envelope, last_sent_at_ms, state, received_at_ms,
  applied_at_ms, receipt, last_error FROM federation_inbox;
DROP TABLE federation_inbox;
ALTER TABLE federation_inbox_v3 RENAME TO federation_inbox;
CREATE INDEX federation_inbox_case ON federation_inbox (peer, case_ref, sequence);
CREATE INDEX federation_inbox_held ON federation_inbox (state, received_at_ms);
)sql";

// Version 4: who handed each blob in (store.h BlobHandler): a blob may be attached to a case only by its handler, a
// clerk of the same service point, or when it is already a material of that case. Blobs stored before this migration
// have no handler: they stay readable through the cases that name them, and can be attached again only to those.
constexpr std::string_view kBlobHandlerSchema = R"sql(
CREATE TABLE blob_handlers (
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  account_id TEXT NOT NULL,
  service_point TEXT NOT NULL DEFAULT '',
  handed_in_at_ms INTEGER NOT NULL,
  PRIMARY KEY (sha256, account_id)
);
CREATE INDEX blob_handlers_point ON blob_handlers (sha256, service_point) WHERE service_point <> '';
)sql";

// Version 5: registered kiosks (a device key kept only as its SHA-256) and the PIN an applicant sets for kiosk
// sign-in (an Argon2id hash string, like passwords). See docs/kiosk.md.
constexpr std::string_view kKioskSchema = R"sql(
CREATE TABLE kiosks (
  id TEXT PRIMARY KEY,
  service_point TEXT NOT NULL,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  enrolled_at_ms INTEGER NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX kiosks_key ON kiosks (key_hash);

CREATE TABLE kiosk_pins (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  pin_hash TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
)sql";

// Version 6: outbox leases. Instances of one node on one PostgreSQL database lease a message before sending it
// (store.h Transaction::lease_due_outbox_messages_to), so each is sent by one of them; a lease ends when the
// attempt is recorded, or at lease_until_ms if its instance died. On SQLite (one process) nothing leases.
constexpr std::string_view kOutboxLeaseSchema = R"sql(
ALTER TABLE federation_outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE federation_outbox ADD COLUMN lease_until_ms INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 7: the materials a supplement request asks for (domain::Case::supplement_materials, space-separated ids;
// '' when the request named none, as every request before this version).
constexpr std::string_view kSupplementMaterialsSchema = R"sql(
ALTER TABLE cases ADD COLUMN supplement_materials TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: e-certificates (store/certificate_records.h, docs/certificates.md): the certificates this node issued
// (one per case at most), every change of their status in order, the newest signed status list held per issuing
// node, and the node-wide certificate serial.
constexpr std::string_view kCertificateSchema = R"sql(
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
  holder_account TEXT NOT NULL,
  issuer_authority TEXT NOT NULL,
  issued_at_ms INTEGER NOT NULL,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked', 'cancelled', 'lapsed', 'withdrawn')),
  status_reason TEXT NOT NULL DEFAULT '',
  status_changed_at_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX certificates_holder ON certificates (holder_account, issued_at_ms);

CREATE TABLE certificate_status_changes (
  seq INTEGER PRIMARY KEY,
  certificate_id TEXT NOT NULL REFERENCES certificates (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX certificate_status_changes_certificate ON certificate_status_changes (certificate_id, seq);

CREATE TABLE certificate_status_lists (
  issuer_node TEXT PRIMARY KEY,
  number INTEGER NOT NULL,
  issued_at_ms INTEGER NOT NULL,
  valid_until_ms INTEGER NOT NULL,
  document TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL
);

INSERT INTO counters (name, value) VALUES ('certificate', 0);
)sql";

// Version 9: notifications (issue 11 §4, docs/notifications.md). The outbox of notifications, one row per (event,
// channel, recipient) — the unique key is what makes an event notify once — written in the same transaction as the
// case event; and each applicant's notification preferences (language, jurisdiction for quiet hours, addresses,
// channels chosen for optional notices).
constexpr std::string_view kNotificationSchema = R"sql(
CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_key TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'in_app')),
  recipient TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  case_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  statutory INTEGER NOT NULL,
  dedup_key TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('created', 'sending', 'delivered', 'permanent-failure',
                                         'temporary-failure', 'technical-failure')),
  settled INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  not_before_ms INTEGER NOT NULL,
  next_attempt_at_ms INTEGER NOT NULL,
  last_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
  completed_at_ms INTEGER NOT NULL DEFAULT 0,
  read_at_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  provider_reference TEXT NOT NULL DEFAULT '',
  UNIQUE (event_key, channel, recipient)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at_ms) WHERE settled = 0;
CREATE INDEX notifications_recipient ON notifications (recipient, channel, created_at_ms);
CREATE INDEX notifications_case ON notifications (case_id, seq);

CREATE TABLE notification_preferences (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  language TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email_on INTEGER NOT NULL DEFAULT 1,
  sms_on INTEGER NOT NULL DEFAULT 0,
  in_app_on INTEGER NOT NULL DEFAULT 1,
  updated_at_ms INTEGER NOT NULL
);
)sql";

// Version 10: post (政邮合作, docs/post.md). Shipments of a case keyed by their S10 item id, the carrier's tracking
// events of each (unique per item and event id: a repeated webhook inserts nothing), and the tasks a failed attempt
// or a customs hold puts in the intake clerks' queue.
constexpr std::string_view kPostSchema = R"sql(
CREATE TABLE shipments (
  item_id TEXT PRIMARY KEY,
  carrier TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('materials', 'result')),
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  origin_node TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  served_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX shipments_case ON shipments (case_id);

CREATE TABLE shipment_events (
  seq INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES shipments (item_id),
  event_id TEXT NOT NULL,
  event TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  proof TEXT NOT NULL DEFAULT '',
  received_at_ms INTEGER NOT NULL,
  UNIQUE (item_id, event_id)
);

CREATE TABLE shipment_tasks (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES shipments (item_id),
  event_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  service_point TEXT NOT NULL DEFAULT '',
  event TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  done_at_ms INTEGER NOT NULL DEFAULT 0,
  done_by TEXT NOT NULL DEFAULT '',
  UNIQUE (item_id, event_id)
);
CREATE INDEX shipment_tasks_open ON shipment_tasks (service_point, done_at_ms);
)sql";

// Version 11: channels and agents (docs/channels.md). An agent's organisation on their account, and on every event
// an agent caused (it is in the event's hash, domain/audit_chain.h, only when not empty); the kind of a registered
// device ("kiosk" or "cabin"). Rows written before this version are a person's without an organisation and kiosks.
constexpr std::string_view kChannelsSchema = R"sql(
ALTER TABLE accounts ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN actor_organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE kiosks ADD COLUMN kind TEXT NOT NULL DEFAULT 'kiosk' CHECK (kind IN ('kiosk', 'cabin'));
)sql";

// Version 12 (issue 12): the 好差评 ratings of finished cases, one per case and channel, and the follow-up each bad
// rating opens (domain/rating.h). Before this version the web module kept ratings in <data-dir>/ratings.jsonl; a
// node imports that file once when it starts (node/rating_desk.h).
constexpr std::string_view kRatingsSchema = R"sql(
CREATE TABLE ratings (
  case_id TEXT NOT NULL REFERENCES cases (id),
  channel TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  rated_by TEXT NOT NULL,
  rated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (case_id, channel)
);

CREATE TABLE rating_follow_ups (
  case_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  authority TEXT NOT NULL,
  due_on TEXT NOT NULL,
  opened_at_ms INTEGER NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  responded_by TEXT NOT NULL DEFAULT '',
  responded_at_ms INTEGER NOT NULL DEFAULT 0,
  responded_on TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT 'none' CHECK (answer IN ('none', 'satisfied', 'unsatisfied')),
  answer_comment TEXT NOT NULL DEFAULT '',
  answered_at_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, channel),
  FOREIGN KEY (case_id, channel) REFERENCES ratings (case_id, channel)
);
CREATE INDEX rating_follow_ups_authority ON rating_follow_ups (authority, responded_at_ms, due_on);
)sql";

// Version 13 (issue 12): the Bay Area information platform and the region's figures. Notices (domain/notice.h):
// the node's own, with their serial (the node's counter, the id's last part), and the copies peers published, with
// when they arrived (received_at_ms, 0 for the node's own); item and zone codes as one space-separated list (codes
// have no space). Subscriptions of applicants to topics, items and zones. The daily aggregates of the region
// (domain/region_aggregate.h) as the signed document each node published, the latest per node and day: the node's
// own (message_id '') and the peers' (the federation message that carried it).
constexpr std::string_view kInformationPlatformSchema = R"sql(
CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  origin_node TEXT NOT NULL,
  serial INTEGER NOT NULL,
  origin_jurisdiction TEXT NOT NULL,
  topic TEXT NOT NULL CHECK (topic IN ('policy', 'service_change', 'holiday_hours', 'zone_item')),
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'published', 'rejected', 'withdrawn')),
  title_zh_hans TEXT NOT NULL DEFAULT '',
  title_zh_hant TEXT NOT NULL DEFAULT '',
  title_pt TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  body_zh_hans TEXT NOT NULL DEFAULT '',
  body_zh_hant TEXT NOT NULL DEFAULT '',
  body_pt TEXT NOT NULL DEFAULT '',
  body_en TEXT NOT NULL DEFAULT '',
  item_codes TEXT NOT NULL DEFAULT '',
  zone_codes TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  approver TEXT NOT NULL DEFAULT '',
  reject_reason TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  published_at_ms INTEGER NOT NULL DEFAULT 0,
  updated_at_ms INTEGER NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  received_at_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (origin_node, serial)
);

CREATE TABLE notice_subscriptions (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'item', 'zone')),
  value TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, value)
);

CREATE TABLE region_aggregates (
  node_id TEXT NOT NULL,
  day TEXT NOT NULL,
  generated_at_ms INTEGER NOT NULL,
  k INTEGER NOT NULL,
  document TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  message_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (node_id, day)
);
CREATE INDEX region_aggregates_day ON region_aggregates (day);
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, kInitialSchema},
      {2, kFederationSchema},
      {3, kDeadLetterSchema},
      {4, kBlobHandlerSchema},
      {5, kKioskSchema},
      {6, kOutboxLeaseSchema},
      {7, kSupplementMaterialsSchema},
      {8, kCertificateSchema},
      {9, kNotificationSchema},
      {10, kPostSchema},
      {11, kChannelsSchema},
      {12, kRatingsSchema},
      {13, kInformationPlatformSchema},
  };
  return list;
}

std::int64_t latest_schema_version() {
  return migrations().back().version;
}

std::string render(std::string_view sql, Dialect dialect) {
  if (dialect == Dialect::sqlite) return std::string(sql);
  // PostgreSQL: 64-bit integers, bytewise text comparison (the "C" collation, as SQLite's BINARY), an identity
  // column where SQLite's INTEGER PRIMARY KEY is a rowid alias, and no WITHOUT ROWID.
  static const std::pair<std::regex, std::string> rewrites[] = {
      {std::regex(R"(\bINTEGER PRIMARY KEY\b)"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
      {std::regex(R"(\bINTEGER\b)"), "BIGINT"},
      {std::regex(R"(\bTEXT\b)"), "TEXT COLLATE \"C\""},
      {std::regex(R"(\s*WITHOUT ROWID)"), ""},
  };
  std::string text(sql);
  for (const auto& [pattern, replacement] : rewrites) text = std::regex_replace(text, pattern, replacement);
  return text;
}

std::vector<Migration> pending_migrations(Connection& connection) {
  std::int64_t current = connection.schema_version();
  if (current > latest_schema_version()) {
    throw StoreUnavailable("the database has schema version " + std::to_string(current) +
                           " but this tongban knows versions up to " + std::to_string(latest_schema_version()) +
                           "; use a newer tongban or a backup made by this version");
  }
  std::vector<Migration> pending;
  for (const Migration& migration : migrations()) {
    if (migration.version > current) pending.push_back(migration);
  }
  return pending;
}

void migrate(Connection& connection) {
  connection.begin_write();
  try {
    for (const Migration& migration : pending_migrations(connection)) {
      connection.execute(render(migration.sql, connection.dialect()));
      connection.set_schema_version(migration.version);
    }
    connection.execute("COMMIT");
  } catch (...) {
    try {
      if (connection.in_transaction()) connection.execute("ROLLBACK");
    } catch (const StoreError&) {
      // The failed statement may have ended the transaction already; the original error is what matters.
    }
    throw;
  }
}

std::string constraint_name(std::string_view detail_or_name) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"accounts.id", "account_id"},
      {"accounts.login", "account_login"},
      {"accounts.id_document_type, accounts.id_document_number", "account_id_document"},
      {"sessions.token_hash", "session_token"},
      {"cases.id", "case_id"},
      {"events.sequence", "event_chain"},
      {"events.hash", "event_chain"},
      {"calendars.jurisdiction", "calendar_jurisdiction"},
      {"case_idempotency.applicant_id, case_idempotency.key", "idempotency_key"},
      {"kiosks.id", "kiosk_id"},
      {"kiosks.key_hash", "kiosk_key"},
      {"certificates.id", "certificate_id"},
      {"certificates.case_id", "certificate_case"},
      {"federation_outbox.message_id", "outbox_message_id"},
      {"federation_inbox.message_id", "inbox_message_id"},
      {"federation_log.sequence", "message_log_chain"},
      {"federation_log.hash", "message_log_chain"},
      {"notifications.id", "notification_id"},
      {"notices.id", "notice_id"},
      {"notices.origin_node, notices.serial", "notice_serial"},
      {"FOREIGN KEY", "foreign_key"},
      // PostgreSQL's names for the same constraints (its primary keys are <table>_pkey, column UNIQUE constraints
      // <table>_<column>_key; the federation tables keep the names they were created with in version 3).
      {"accounts_pkey", "account_id"},
      {"accounts_login", "account_login"},
      {"accounts_id_document", "account_id_document"},
      {"sessions_pkey", "session_token"},
      {"cases_id_key", "case_id"},
      {"events_pkey", "event_chain"},
      {"events_hash_key", "event_chain"},
      {"calendars_pkey", "calendar_jurisdiction"},
      {"case_idempotency_pkey", "idempotency_key"},
      {"kiosks_pkey", "kiosk_id"},
      {"kiosks_key", "kiosk_key"},
      {"certificates_pkey", "certificate_id"},
      {"certificates_case_id_key", "certificate_case"},
      {"federation_outbox_v3_pkey", "outbox_message_id"},
      {"federation_inbox_v3_pkey", "inbox_message_id"},
      {"federation_log_pkey", "message_log_chain"},
      {"federation_log_hash_key", "message_log_chain"},
      {"notifications_id_key", "notification_id"},
      {"notices_pkey", "notice_id"},
      {"notices_origin_node_serial_key", "notice_serial"},
  };
  for (const auto& [detail, name] : names) {
    if (detail_or_name == detail) return std::string(name);
  }
  return std::string(detail_or_name);
}

}  // namespace tongban::store::sql

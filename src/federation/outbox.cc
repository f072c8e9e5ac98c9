#include "federation/outbox.h"

#include <boost/json.hpp>
#include <chrono>

#include "federation/envelope.h"
#include "federation/message_log.h"

namespace tongban::federation {

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

Outbox::Outbox(const TrustList& trust, Clock clock, std::function<void()> committed)
    : trust_(trust), clock_(std::move(clock)), committed_(std::move(committed)) {}

QueuedMessage Outbox::enqueue(store::Transaction& tx, const OutgoingMessage& message) const {
  auto config = trust_.current();
  const Peer* peer = config->find_peer(message.to);
  if (!peer && config->directory_expired)
    throw OutboxRefused("the federation directory (version " + std::to_string(config->directory_version) +
                        ") has expired: nothing is sent to '" + message.to + "' until a valid directory is fetched");
  if (!peer) throw OutboxRefused("'" + message.to + "' is not a trusted peer; nothing is sent to unknown nodes");
  for (const auto& category : message.data_categories) {
    if (!peer->may_receive.count(category))
      throw OutboxRefused("peer '" + message.to + "' may not receive data of category '" + category + "'");
  }
  if (message.payload.size() > config->limits.max_payload_bytes)
    throw OutboxRefused("payload of " + std::to_string(message.payload.size()) + " bytes is over the limit of " +
                        std::to_string(config->limits.max_payload_bytes));
  boost::json::error_code error;
  auto parsed = boost::json::parse(message.payload, error);
  if (error || !parsed.is_object()) throw OutboxRefused("payload must be a JSON object");

  Envelope envelope;
  envelope.message_id = random_uuid_v4();
  envelope.from = config->node_id;
  envelope.to = message.to;
  envelope.type = message.type;
  envelope.case_ref = message.case_ref;
  envelope.sequence = message.case_ref.empty() ? 0 : tx.next_outbound_sequence(message.to, message.case_ref);
  envelope.created_at_ms = clock_();
  envelope.data_categories = message.data_categories;
  envelope.payload = message.payload;
  envelope.payload_sha256 = sha256_hex(message.payload);

  store::OutboxRecord record;
  record.message_id = envelope.message_id;
  record.peer = envelope.to;
  record.type = envelope.type;
  record.case_ref = envelope.case_ref;
  record.sequence = envelope.sequence;
  for (const auto& c : envelope.data_categories)
    record.data_categories += (record.data_categories.empty() ? "" : ",") + c;
  record.payload = envelope.payload;
  record.payload_sha256 = envelope.payload_sha256;
  record.created_at_ms = envelope.created_at_ms;
  record.next_attempt_at_ms = envelope.created_at_ms;
  tx.insert_outbox_message(record);

  store::MessageLogEntry entry;
  entry.direction = "out";
  entry.message_id = record.message_id;
  entry.peer = record.peer;
  entry.type = record.type;
  entry.case_ref = record.case_ref;
  entry.case_sequence = record.sequence;
  entry.data_categories = record.data_categories;
  entry.payload_sha256 = record.payload_sha256;
  entry.at_ms = record.created_at_ms;
  entry.envelope = envelope_to_json(envelope);
  append_to_log(tx, std::move(entry));
  if (committed_) tx.after_commit(committed_);
  return QueuedMessage{record.message_id, record.sequence, record.created_at_ms};
}

}  // namespace tongban::federation

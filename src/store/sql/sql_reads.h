// The Reader queries over SQLite, written once for both readers: the Store (a pooled read-only connection, one
// committed snapshot per call) and the Transaction (the writer connection, seeing its own writes). A class
// derives from SqlReads<Store> or SqlReads<Transaction> and says which connection to use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

template <typename Base>
class SqlReads : public Base {
 public:
  std::optional<AccountRecord> find_account_by_id(std::string_view id) const override;
  std::optional<AccountRecord> find_account_by_login(std::string_view login) const override;
  std::optional<AccountRecord> find_account_by_document(std::string_view id_document_type,
                                                        std::string_view id_document_number) const override;
  std::optional<SessionRecord> find_session(std::string_view token_hash) const override;
  std::optional<BlobRecord> find_blob(std::string_view sha256) const override;
  bool blob_handed_in_by(std::string_view sha256, std::string_view account_id,
                         std::string_view service_point) const override;
  std::optional<domain::Case> find_case(std::string_view id) const override;
  CasePage list_cases(const CaseFilter& filter) const override;
  std::optional<CaseInsertion> find_idempotent_case(std::string_view applicant_id, std::string_view key) const override;
  std::vector<domain::Event> list_events(std::string_view case_id) const override;
  ChainHead chain_head() const override;
  std::optional<CatalogVersion> current_catalog() const override;
  std::optional<CalendarRecord> find_calendar(std::string_view jurisdiction) const override;
  std::vector<CalendarRecord> list_calendars() const override;
  StoreCounts counts(std::int64_t now_ms) const override;
  std::optional<KioskRecord> find_kiosk(std::string_view id) const override;
  std::optional<KioskRecord> find_kiosk_by_key(std::string_view key_hash) const override;
  std::vector<KioskRecord> list_kiosks() const override;
  std::optional<std::string> find_kiosk_pin(std::string_view account_id) const override;
  std::vector<OutboxRecord> due_outbox_messages(std::int64_t now_ms, int limit) const override;
  std::vector<OutboxRecord> due_outbox_messages_to(std::string_view peer, std::int64_t now_ms,
                                                   int limit) const override;
  std::optional<OutboxRecord> find_outbox_message(std::string_view message_id) const override;
  std::vector<OutboxRecord> list_outbox_messages(OutboxState state, int limit) const override;
  std::optional<InboxRecord> find_inbox_message(std::string_view message_id) const override;
  std::optional<InboxRecord> find_held_message(std::string_view peer, std::string_view case_ref,
                                               std::int64_t sequence) const override;
  std::vector<InboxRecord> list_held_messages(int limit) const override;
  std::vector<InboxRecord> list_inbox_messages(InboxState state, int limit) const override;
  std::int64_t last_applied_sequence(std::string_view peer, std::string_view case_ref) const override;
  std::vector<PeerQueue> outbox_queues() const override;
  ChainHead message_log_head() const override;
  void for_each_message_log_entry(const std::function<bool(const MessageLogEntry&)>& f) const override;
  // E-certificates (certificate_rows.h).
  std::optional<CertificateRecord> find_certificate(std::string_view id) const override;
  std::optional<CertificateRecord> find_certificate_of_case(std::string_view case_id) const override;
  std::vector<CertificateRecord> list_certificates_of_holder(std::string_view account_id) const override;
  std::vector<std::pair<std::string, std::string>> list_certificate_statuses() const override;
  std::vector<CertificateStatusChange> list_certificate_status_changes(std::string_view certificate_id) const override;
  std::optional<StatusListRecord> find_status_list(std::string_view issuer_node) const override;
  // Notifications.
  std::optional<NotificationRecord> find_notification(std::string_view id) const override;
  std::vector<NotificationRecord> list_notifications(std::string_view recipient, std::string_view channel,
                                                     int limit) const override;
  std::vector<NotificationRecord> list_case_notifications(std::string_view case_id) const override;
  std::vector<NotificationRecord> recent_notifications(std::string_view recipient, std::string_view channel,
                                                       std::int64_t since_ms) const override;
  std::vector<NotificationRecord> due_notifications(std::int64_t now_ms, int limit) const override;
  std::int64_t count_unread_notifications(std::string_view recipient) const override;
  std::optional<NotificationPreferencesRecord> find_notification_preferences(
      std::string_view account_id) const override;
  // Post.
  std::optional<ShipmentRecord> find_shipment(std::string_view item_id) const override;
  std::vector<ShipmentRecord> list_case_shipments(std::string_view case_id) const override;
  std::vector<domain::ShipmentEvent> list_shipment_events(std::string_view item_id) const override;
  std::vector<ShipmentTaskRecord> list_open_shipment_tasks(std::string_view service_point) const override;
  std::vector<domain::CaseFacts> case_facts() const override;
  std::vector<domain::Rating> list_case_ratings(std::string_view case_id) const override;
  std::vector<domain::Rating> list_ratings() const override;
  std::optional<domain::RatingFollowUp> find_rating_follow_up(std::string_view case_id,
                                                              domain::Channel channel) const override;
  std::vector<domain::RatingFollowUp> list_rating_follow_ups(std::string_view authority, bool open_only) const override;
  std::vector<domain::ChannelCaseFacts> channel_case_facts() const override;
  // The information platform and the region.
  std::vector<domain::Notice> list_notices() const override;
  std::optional<domain::Notice> find_notice(std::string_view id) const override;
  std::vector<domain::NoticeSubscription> list_notice_subscriptions(std::string_view account_id) const override;
  std::vector<RegionAggregateRecord> list_region_aggregates(std::string_view from_day,
                                                            std::string_view to_day) const override;

 protected:
  // Runs f with the connection this reader reads through.
  virtual void with_connection(const std::function<void(Connection&)>& f) const = 0;

  template <typename R>
  R read(const std::function<R(Connection&)>& f) const {
    std::optional<R> result;
    with_connection([&](Connection& connection) { result.emplace(f(connection)); });
    return std::move(*result);
  }
};

extern template class SqlReads<Store>;
extern template class SqlReads<Transaction>;

// Helpers shared with the writer.
std::optional<domain::Case> case_by_id(Connection& connection, std::string_view id);
ChainHead chain_head_of(Connection& connection);

// The hash a chain starts from: 64 zeros.
inline const std::string kGenesisHash(64, '0');

}  // namespace tongban::store::sql

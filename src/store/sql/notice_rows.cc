#include "store/sql/notice_rows.h"

#include <sstream>
#include <stdexcept>
#include <string>

#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

constexpr std::string_view kNoticeColumns =
    "id, origin_node, serial, origin_jurisdiction, topic, state, title_zh_hans, title_zh_hant, title_pt, title_en, "
    "body_zh_hans, body_zh_hant, body_pt, body_en, item_codes, zone_codes, valid_from, valid_until, author, "
    "approver, reject_reason, created_at_ms, published_at_ms, updated_at_ms, revision, received_at_ms";

std::string joined_codes(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) {
    if (!text.empty()) text += ' ';
    text += code;
  }
  return text;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::istringstream words(text);
  for (std::string code; words >> code;) codes.push_back(code);
  return codes;
}

domain::CalendarDate stored_date(const std::string& text, std::string_view what) {
  auto date = domain::parse_date(text);
  if (!date) throw StoreUnavailable("a stored notice has the " + std::string(what) + " '" + text + "'");
  return *date;
}

domain::Notice read_notice(const Statement& row) {
  domain::Notice notice;
  notice.id = row.text(0);
  notice.origin_node = row.text(1);
  notice.origin_jurisdiction = row.text(3);
  std::string topic = row.text(4);
  auto parsed_topic = domain::parse_notice_topic(topic);
  if (!parsed_topic) throw StoreUnavailable("a stored notice has the unknown topic '" + topic + "'");
  notice.topic = *parsed_topic;
  std::string state = row.text(5);
  auto parsed_state = domain::parse_notice_state(state);
  if (!parsed_state) throw StoreUnavailable("a stored notice has the unknown state '" + state + "'");
  notice.state = *parsed_state;
  int column = 6;
  for (domain::Language language : domain::kAllLanguages) notice.title.in(language) = row.text(column++);
  for (domain::Language language : domain::kAllLanguages) notice.body.in(language) = row.text(column++);
  notice.item_codes = split_codes(row.text(14));
  notice.zone_codes = split_codes(row.text(15));
  notice.valid_from = stored_date(row.text(16), "valid_from");
  if (std::string until = row.text(17); !until.empty()) notice.valid_until = stored_date(until, "valid_until");
  notice.author = row.text(18);
  notice.approver = row.text(19);
  notice.reject_reason = row.text(20);
  notice.created_at_ms = row.integer(21);
  notice.published_at_ms = row.integer(22);
  notice.updated_at_ms = row.integer(23);
  notice.revision = static_cast<int>(row.integer(24));
  return notice;
}

// Binds the 23 columns after id, origin_node and serial, in kNoticeColumns' order, from parameter `first` on.
void bind_notice_fields(Statement& statement, int first, const domain::Notice& notice, std::int64_t received_at_ms) {
  int index = first;
  auto next = [&index] { return index++; };
  statement.bind(next(), notice.origin_jurisdiction);
  statement.bind(next(), domain::to_string(notice.topic));
  statement.bind(next(), domain::to_string(notice.state));
  for (domain::Language language : domain::kAllLanguages) statement.bind(next(), notice.title.in(language));
  for (domain::Language language : domain::kAllLanguages) statement.bind(next(), notice.body.in(language));
  statement.bind(next(), joined_codes(notice.item_codes));
  statement.bind(next(), joined_codes(notice.zone_codes));
  statement.bind(next(), domain::format_date(notice.valid_from));
  statement.bind(next(), notice.valid_until ? domain::format_date(*notice.valid_until) : std::string());
  statement.bind(next(), notice.author);
  statement.bind(next(), notice.approver);
  statement.bind(next(), notice.reject_reason);
  statement.bind(next(), notice.created_at_ms);
  statement.bind(next(), notice.published_at_ms);
  statement.bind(next(), notice.updated_at_ms);
  statement.bind(next(), notice.revision);
  statement.bind(next(), received_at_ms);
}

std::string insert_sql() {
  return "INSERT INTO notices (" + std::string(kNoticeColumns) +
         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

}  // namespace

std::vector<domain::Notice> query_notices(Connection& connection) {
  Statement statement = connection.prepare("SELECT " + std::string(kNoticeColumns) + " FROM notices ORDER BY id");
  std::vector<domain::Notice> notices;
  while (statement.step()) notices.push_back(read_notice(statement));
  return notices;
}

std::optional<domain::Notice> query_notice(Connection& connection, std::string_view id) {
  Statement statement = connection.prepare("SELECT " + std::string(kNoticeColumns) + " FROM notices WHERE id = ?");
  statement.bind(1, id);
  if (!statement.step()) return std::nullopt;
  return read_notice(statement);
}

std::vector<domain::NoticeSubscription> query_notice_subscriptions(Connection& connection,
                                                                   std::string_view account_id) {
  Statement statement = connection.prepare(
      "SELECT account_id, kind, value FROM notice_subscriptions WHERE (?1 = '*' OR account_id = ?1) "
      "ORDER BY account_id, kind, value");
  statement.bind(1, account_id);
  std::vector<domain::NoticeSubscription> subscriptions;
  while (statement.step()) {
    std::string kind = statement.text(1);
    auto parsed = domain::parse_notice_subscription_kind(kind);
    if (!parsed) throw StoreUnavailable("a stored notice subscription has the unknown kind '" + kind + "'");
    subscriptions.push_back(domain::NoticeSubscription{statement.text(0), *parsed, statement.text(2)});
  }
  return subscriptions;
}

domain::Notice insert_notice_row(Connection& connection, domain::Notice notice) {
  Statement next = connection.prepare("SELECT COALESCE(MAX(serial), 0) + 1 FROM notices WHERE origin_node = ?");
  next.bind(1, notice.origin_node);
  next.step();
  std::int64_t serial = next.integer(0);
  notice.id = domain::format_notice_id(notice.origin_node, serial);
  Statement statement = connection.prepare(insert_sql());
  statement.bind(1, notice.id).bind(2, notice.origin_node).bind(3, serial);
  bind_notice_fields(statement, 4, notice, 0);
  statement.run();
  return notice;
}

void update_notice_row(Connection& connection, const domain::Notice& notice) {
  Statement statement = connection.prepare(
      "UPDATE notices SET origin_jurisdiction = ?1, topic = ?2, state = ?3, title_zh_hans = ?4, title_zh_hant = ?5, "
      "title_pt = ?6, title_en = ?7, body_zh_hans = ?8, body_zh_hant = ?9, body_pt = ?10, body_en = ?11, "
      "item_codes = ?12, zone_codes = ?13, valid_from = ?14, valid_until = ?15, author = ?16, approver = ?17, "
      "reject_reason = ?18, created_at_ms = ?19, published_at_ms = ?20, updated_at_ms = ?21, revision = ?22, "
      "received_at_ms = ?23 WHERE id = ?24 AND origin_node = ?25");
  bind_notice_fields(statement, 1, notice, 0);
  statement.bind(24, notice.id).bind(25, notice.origin_node);
  statement.run();
  if (statement.changes() == 0) throw NotFound("no notice " + notice.id + " of node " + notice.origin_node);
}

bool keep_notice_copy_row(Connection& connection, const domain::Notice& notice, std::int64_t received_at_ms) {
  auto id = domain::parse_notice_id(notice.id);
  if (!id || id->node != notice.origin_node)
    throw std::invalid_argument("'" + notice.id + "' is not a notice id of node " + notice.origin_node);
  Statement statement = connection.prepare(
      insert_sql() +
      " ON CONFLICT (id) DO UPDATE SET origin_jurisdiction = excluded.origin_jurisdiction, topic = excluded.topic, "
      "state = excluded.state, title_zh_hans = excluded.title_zh_hans, title_zh_hant = excluded.title_zh_hant, "
      "title_pt = excluded.title_pt, title_en = excluded.title_en, body_zh_hans = excluded.body_zh_hans, "
      "body_zh_hant = excluded.body_zh_hant, body_pt = excluded.body_pt, body_en = excluded.body_en, "
      "item_codes = excluded.item_codes, zone_codes = excluded.zone_codes, valid_from = excluded.valid_from, "
      "valid_until = excluded.valid_until, author = excluded.author, approver = excluded.approver, "
      "reject_reason = excluded.reject_reason, created_at_ms = excluded.created_at_ms, "
      "published_at_ms = excluded.published_at_ms, updated_at_ms = excluded.updated_at_ms, "
      "revision = excluded.revision, received_at_ms = excluded.received_at_ms "
      "WHERE notices.revision < excluded.revision AND notices.origin_node = excluded.origin_node");
  statement.bind(1, notice.id).bind(2, notice.origin_node).bind(3, id->serial);
  bind_notice_fields(statement, 4, notice, received_at_ms);
  statement.run();
  return statement.changes() == 1;
}

bool insert_notice_subscription_row(Connection& connection, const domain::NoticeSubscription& subscription,
                                    std::int64_t at_ms) {
  Statement statement = connection.prepare(
      "INSERT INTO notice_subscriptions (account_id, kind, value, created_at_ms) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (account_id, kind, value) DO NOTHING");
  statement.bind(1, subscription.account_id)
      .bind(2, domain::to_string(subscription.kind))
      .bind(3, subscription.value)
      .bind(4, at_ms)
      .run();
  return statement.changes() == 1;
}

bool delete_notice_subscription_row(Connection& connection, const domain::NoticeSubscription& subscription) {
  Statement statement =
      connection.prepare("DELETE FROM notice_subscriptions WHERE account_id = ? AND kind = ? AND value = ?");
  statement.bind(1, subscription.account_id)
      .bind(2, domain::to_string(subscription.kind))
      .bind(3, subscription.value)
      .run();
  return statement.changes() == 1;
}

}  // namespace tongban::store::sql

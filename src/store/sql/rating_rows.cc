#include "store/sql/rating_rows.h"

#include <string>

#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

constexpr std::string_view kRatingColumns = "case_id, channel, level, comment, rated_by, rated_at_ms";
constexpr std::string_view kFollowUpColumns =
    "case_id, channel, authority, due_on, opened_at_ms, response, responded_by, responded_at_ms, responded_on, "
    "answer, answer_comment, answered_at_ms";

domain::Channel channel_of(const std::string& word) {
  auto channel = domain::parse_channel(word);
  if (!channel) throw StoreUnavailable("a stored rating has the unknown channel '" + word + "'");
  return *channel;
}

domain::CalendarDate date_of(const std::string& text) {
  auto date = domain::parse_date(text);
  if (!date) throw StoreUnavailable("a stored rating follow-up has the date '" + text + "'");
  return *date;
}

domain::Rating read_rating(const Statement& row) {
  domain::Rating rating;
  rating.case_id = row.text(0);
  rating.channel = channel_of(row.text(1));
  rating.level = static_cast<int>(row.integer(2));
  rating.comment = row.text(3);
  rating.rated_by = row.text(4);
  rating.rated_at_ms = row.integer(5);
  return rating;
}

domain::RatingFollowUp read_follow_up(const Statement& row) {
  domain::RatingFollowUp follow_up;
  follow_up.case_id = row.text(0);
  follow_up.channel = channel_of(row.text(1));
  follow_up.authority = row.text(2);
  follow_up.due_on = date_of(row.text(3));
  follow_up.opened_at_ms = row.integer(4);
  follow_up.response = row.text(5);
  follow_up.responded_by = row.text(6);
  follow_up.responded_at_ms = row.integer(7);
  if (std::string on = row.text(8); !on.empty()) follow_up.responded_on = date_of(on);
  std::string answer = row.text(9);
  auto parsed = domain::parse_follow_up_answer(answer);
  if (!parsed) throw StoreUnavailable("a stored rating follow-up has the answer '" + answer + "'");
  follow_up.answer = *parsed;
  follow_up.answer_comment = row.text(10);
  follow_up.answered_at_ms = row.integer(11);
  return follow_up;
}

std::vector<domain::Rating> read_ratings(Statement& statement) {
  std::vector<domain::Rating> ratings;
  while (statement.step()) ratings.push_back(read_rating(statement));
  return ratings;
}

}  // namespace

std::vector<domain::Rating> query_case_ratings(Connection& connection, std::string_view case_id) {
  Statement statement =
      connection.prepare("SELECT " + std::string(kRatingColumns) + " FROM ratings WHERE case_id = ? ORDER BY channel");
  statement.bind(1, case_id);
  return read_ratings(statement);
}

std::vector<domain::Rating> query_ratings(Connection& connection) {
  Statement statement = connection.prepare("SELECT " + std::string(kRatingColumns) +
                                           " FROM ratings ORDER BY rated_at_ms, case_id, channel");
  return read_ratings(statement);
}

std::optional<domain::RatingFollowUp> query_rating_follow_up(Connection& connection, std::string_view case_id,
                                                             domain::Channel channel) {
  Statement statement = connection.prepare("SELECT " + std::string(kFollowUpColumns) +
                                           " FROM rating_follow_ups WHERE case_id = ? AND channel = ?");
  statement.bind(1, case_id).bind(2, domain::to_string(channel));
  if (!statement.step()) return std::nullopt;
  return read_follow_up(statement);
}

std::vector<domain::RatingFollowUp> query_rating_follow_ups(Connection& connection, std::string_view authority,
                                                            bool open_only) {
  std::string sql = "SELECT " + std::string(kFollowUpColumns) + " FROM rating_follow_ups WHERE (?1 = '*' OR " +
                    "authority = ?1)" + (open_only ? " AND responded_at_ms = 0" : "") +
                    " ORDER BY due_on, case_id, channel";
  Statement statement = connection.prepare(sql);
  statement.bind(1, authority);
  std::vector<domain::RatingFollowUp> follow_ups;
  while (statement.step()) follow_ups.push_back(read_follow_up(statement));
  return follow_ups;
}

bool insert_rating_row(Connection& connection, const domain::Rating& rating) {
  Statement statement = connection.prepare("INSERT INTO ratings (" + std::string(kRatingColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, channel) DO NOTHING");
  statement.bind(1, rating.case_id)
      .bind(2, domain::to_string(rating.channel))
      .bind(3, rating.level)
      .bind(4, rating.comment)
      .bind(5, rating.rated_by)
      .bind(6, rating.rated_at_ms)
      .run();
  return statement.changes() == 1;
}

void insert_rating_follow_up_row(Connection& connection, const domain::RatingFollowUp& follow_up) {
  Statement statement = connection.prepare("INSERT INTO rating_follow_ups (" + std::string(kFollowUpColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, follow_up.case_id)
      .bind(2, domain::to_string(follow_up.channel))
      .bind(3, follow_up.authority)
      .bind(4, domain::format_date(follow_up.due_on))
      .bind(5, follow_up.opened_at_ms)
      .bind(6, follow_up.response)
      .bind(7, follow_up.responded_by)
      .bind(8, follow_up.responded_at_ms)
      .bind(9, follow_up.responded_on ? domain::format_date(*follow_up.responded_on) : std::string())
      .bind(10, domain::to_string(follow_up.answer))
      .bind(11, follow_up.answer_comment)
      .bind(12, follow_up.answered_at_ms)
      .run();
}

void update_rating_follow_up_row(Connection& connection, const domain::RatingFollowUp& follow_up) {
  Statement statement = connection.prepare(
      "UPDATE rating_follow_ups SET response = ?3, responded_by = ?4, responded_at_ms = ?5, responded_on = ?6, "
      "answer = ?7, answer_comment = ?8, answered_at_ms = ?9 WHERE case_id = ?1 AND channel = ?2");
  statement.bind(1, follow_up.case_id)
      .bind(2, domain::to_string(follow_up.channel))
      .bind(3, follow_up.response)
      .bind(4, follow_up.responded_by)
      .bind(5, follow_up.responded_at_ms)
      .bind(6, follow_up.responded_on ? domain::format_date(*follow_up.responded_on) : std::string())
      .bind(7, domain::to_string(follow_up.answer))
      .bind(8, follow_up.answer_comment)
      .bind(9, follow_up.answered_at_ms);
  statement.run();
  if (statement.changes() == 0)
    throw NotFound("no rating follow-up of case " + follow_up.case_id + " on " +
                   std::string(domain::to_string(follow_up.channel)));
}

}  // namespace tongban::store::sql

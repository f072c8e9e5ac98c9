#include "domain/case_figures_csv.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <system_error>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool needs_quotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

bool could_run_as_formula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

CaseFigureValue value(const std::optional<int>& number) {
  return number ? CaseFigureValue(std::int64_t{*number}) : CaseFigureValue();
}

CaseFigureValue value(const std::optional<double>& number) {
  return number ? CaseFigureValue(*number) : CaseFigureValue();
}

// The values of one row, in the order of kCaseFiguresCsvColumns.
CaseFigureRecord record_of(std::string_view dimension_word, const CaseFigure& f) {
  return {
      std::string(dimension_word),
      f.key,
      f.received,
      f.decided,
      f.approved,
      f.rejected,
      f.not_accepted,
      f.withdrawn,
      f.open,
      f.decided_within_promised,
      f.decided_within_legal,
      f.overdue,
      f.overdue_open,
      f.timed_cases,
      value(f.median_working_days),
      value(f.p90_working_days),
      value(f.promised_days),
      value(f.legal_days),
      f.supplements_requested,
      f.cases_with_supplement,
      f.visits_made,
      f.trips_saved,
      f.ratings_by_level[0],
      f.ratings_by_level[1],
      f.ratings_by_level[2],
      f.ratings_by_level[3],
      f.ratings_by_level[4],
      f.bad_ratings,
      f.bad_ratings_followed_up,
      f.bad_ratings_followed_up_in_time,
      value(f.follow_up_rate),
  };
}

// A value as a CSV field. Every text gets the formula guard: a key needs it, and the dimension words never begin
// with a guarded character, so for them it changes nothing.
struct FieldOf {
  std::string operator()(std::monostate) const { return {}; }
  std::string operator()(const std::string& text) const { return csv_text_field(text); }
  std::string operator()(std::int64_t number) const { return std::to_string(number); }
  std::string operator()(double number) const {
    char buffer[32];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), number);
    if (error != std::errc{}) return {};
    return std::string(buffer, end);
  }
};

void append_header(std::string& out) {
  for (std::size_t i = 0; i < kCaseFiguresCsvColumns.size(); ++i) {
    if (i > 0) out += ',';
    out += kCaseFiguresCsvColumns[i];
  }
  out += kCrlf;
}

void append_record(std::string& out, const CaseFigureRecord& record) {
  for (std::size_t i = 0; i < record.size(); ++i) {
    if (i > 0) out += ',';
    out += std::visit(FieldOf{}, record[i]);
  }
  out += kCrlf;
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (!needs_quotes(text)) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_text_field(std::string_view text) {
  if (!could_run_as_formula(text)) return csv_field(text);
  return csv_field("'" + std::string(text));
}

std::vector<CaseFigureRecord> case_figure_records(const CaseFigures& figures) {
  std::vector<CaseFigureRecord> records;
  records.reserve(figures.rows.size() + 1);
  const std::string_view word = to_string(figures.dimension);
  for (const CaseFigure& row : figures.rows) records.push_back(record_of(word, row));
  records.push_back(record_of(kCaseFiguresTotalWord, figures.total));
  return records;
}

std::string case_figures_csv(const CaseFigures& figures) {
  std::string out;
  append_header(out);
  for (const CaseFigureRecord& record : case_figure_records(figures)) append_record(out, record);
  return out;
}

}  // namespace tongban::domain

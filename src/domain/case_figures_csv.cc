#include "domain/case_figures_csv.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kTotalWord = "total";

bool needs_quotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

bool could_run_as_formula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

std::string number(std::int64_t value) {
  return std::to_string(value);
}

std::string number(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::string number(const std::optional<double>& value) {
  if (!value) return {};
  char buffer[32];
  const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), *value);
  if (error != std::errc{}) return {};
  return std::string(buffer, end);
}

void append_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i];
  }
  out += kCrlf;
}

// The fields of one row, in the order of kCaseFiguresCsvColumns.
std::vector<std::string> record_of(std::string_view dimension_word, const CaseFigure& f) {
  std::vector<std::string> fields = {
      csv_field(dimension_word),
      csv_text_field(f.key),
      number(f.received),
      number(f.decided),
      number(f.approved),
      number(f.rejected),
      number(f.not_accepted),
      number(f.withdrawn),
      number(f.open),
      number(f.decided_within_promised),
      number(f.decided_within_legal),
      number(f.overdue),
      number(f.overdue_open),
      number(f.timed_cases),
      number(f.median_working_days),
      number(f.p90_working_days),
      number(f.promised_days),
      number(f.legal_days),
      number(f.supplements_requested),
      number(f.cases_with_supplement),
      number(f.visits_made),
      number(f.trips_saved),
  };
  for (std::int64_t count : f.ratings_by_level) fields.push_back(number(count));
  fields.push_back(number(f.bad_ratings));
  fields.push_back(number(f.bad_ratings_followed_up));
  fields.push_back(number(f.bad_ratings_followed_up_in_time));
  fields.push_back(number(f.follow_up_rate));
  return fields;
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

std::string case_figures_csv(const CaseFigures& figures) {
  std::string out;
  append_record(out, std::vector<std::string>(kCaseFiguresCsvColumns.begin(), kCaseFiguresCsvColumns.end()));
  const std::string_view word = to_string(figures.dimension);
  for (const CaseFigure& row : figures.rows) append_record(out, record_of(word, row));
  append_record(out, record_of(kTotalWord, figures.total));
  return out;
}

}  // namespace tongban::domain

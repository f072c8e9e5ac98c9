#include "node/region_aggregate_json.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "domain/problem.h"

namespace tongban::node {
namespace {

namespace json = boost::json;
using domain::AggregateBreakdown;
using domain::AggregateFigure;
using domain::AggregateTotal;
using domain::DailyAggregate;
using domain::Dimension;
using domain::FieldError;
using domain::Measure;
using domain::ModeChannelTable;
using Counts = std::array<std::optional<std::int64_t>, domain::kMeasureCount>;

// The measures written as members of their own, in the order of the wire form; the ratings go in between, as an array.
constexpr Measure kBeforeRatings[] = {Measure::received,
                                      Measure::decided,
                                      Measure::decided_within_legal,
                                      Measure::overdue,
                                      Measure::cases_with_supplement,
                                      Measure::trips_saved};
constexpr Measure kRatings[] = {Measure::rated_1, Measure::rated_2, Measure::rated_3, Measure::rated_4,
                                Measure::rated_5};
constexpr Measure kAfterRatings[] = {Measure::bad_ratings_followed_up, Measure::timed_cases};

// --- Writing ---------------------------------------------------------------------------------------------------------

json::value count_json(const std::optional<std::int64_t>& count) {
  return count ? json::value(*count) : json::value(nullptr);
}

json::value median_json(const std::optional<double>& median) {
  return median ? json::value(*median) : json::value(nullptr);
}

json::array counts_json(const std::vector<std::optional<std::int64_t>>& counts) {
  json::array array;
  for (const auto& count : counts) array.push_back(count_json(count));
  return array;
}

json::array words_json(const std::vector<std::string>& words) {
  json::array array;
  for (const auto& word : words) array.push_back(json::value(word));
  return array;
}

// The measures and the median of a row or a total, appended to `object` in the wire form's order.
void append_figures(json::object& object, const Counts& counts, const std::optional<double>& median) {
  for (Measure m : kBeforeRatings) object[domain::measure_field(m)] = count_json(counts[domain::index_of(m)]);
  json::array ratings;
  for (Measure m : kRatings) ratings.push_back(count_json(counts[domain::index_of(m)]));
  object["ratings_by_level"] = std::move(ratings);
  for (Measure m : kAfterRatings) object[domain::measure_field(m)] = count_json(counts[domain::index_of(m)]);
  object["median_working_days"] = median_json(median);
}

json::object row_json(const AggregateFigure& row) {
  json::object object;
  object["key"] = row.key;
  append_figures(object, row.counts, row.median_working_days);
  return object;
}

json::object total_json(const AggregateTotal& total) {
  Counts counts;
  for (Measure m : domain::kAllMeasures) counts[domain::index_of(m)] = total[m];
  json::object object;
  append_figures(object, counts, total.median_working_days);
  return object;
}

json::object table_json(const ModeChannelTable& t) {
  json::array cells;
  for (const auto& row : t.cells) cells.push_back(counts_json(row));
  json::object object;
  object["modes"] = words_json(t.modes);
  object["channels"] = words_json(t.channels);
  object["cells"] = std::move(cells);
  object["mode_totals"] = counts_json(t.mode_totals);
  object["channel_totals"] = counts_json(t.channel_totals);
  object["grand_total"] = t.grand_total;
  return object;
}

// --- Reading ---------------------------------------------------------------------------------------------------------

class Errors {
 public:
  void add(std::string field, std::string rule, std::string message) {
    errors_.push_back({std::move(field), std::move(rule), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  [[noreturn]] void refuse() const {
    throw domain::ProblemError("validation-failed",
                               "The daily aggregate has " + std::to_string(errors_.size()) + " problem(s).", errors_);
  }

 private:
  std::vector<FieldError> errors_;
};

std::string indexed(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::optional<std::int64_t> integer(const json::value& v, const std::string& path, Errors& errors) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.as_uint64());
  errors.add(path, "type", "Must be a whole number.");
  return std::nullopt;
}

// A count that may be hidden: null, or a whole number.
std::optional<std::int64_t> count(const json::value& v, const std::string& path, Errors& errors) {
  return v.is_null() ? std::nullopt : integer(v, path, errors);
}

std::optional<double> median(const json::value& v, const std::string& path, Errors& errors) {
  if (v.is_null()) return std::nullopt;
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  errors.add(path, "type", "Must be a number or null.");
  return std::nullopt;
}

std::string text(const json::value& v, const std::string& path, Errors& errors) {
  if (v.is_string()) return std::string(v.as_string());
  errors.add(path, "type", "Must be a string.");
  return {};
}

const json::array* array(const json::value& v, const std::string& path, Errors& errors) {
  if (v.is_array()) return &v.as_array();
  errors.add(path, "type", "Must be an array.");
  return nullptr;
}

// One JSON object with exactly the members named: unknown ones and missing ones are errors.
class Members {
 public:
  Members(const json::value& v, std::string path, const std::vector<std::string_view>& names, Errors& errors)
      : path_(std::move(path)) {
    if (!v.is_object()) {
      errors.add(path_, "type", "Must be an object.");
      return;
    }
    object_ = &v.as_object();
    for (const auto& member : *object_)
      if (std::find(names.begin(), names.end(), std::string_view(member.key())) == names.end())
        errors.add(at(member.key()), "unknown_field", "This member is not part of a daily aggregate.");
    for (std::string_view name : names)
      if (!object_->contains(name)) errors.add(at(name), "required", "This member is required.");
  }

  // The member when present (a missing one was reported).
  const json::value* get(std::string_view name) const { return object_ ? object_->if_contains(name) : nullptr; }
  std::string at(std::string_view name) const {
    return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
  }

 private:
  std::string path_;
  const json::object* object_ = nullptr;
};

std::vector<std::optional<std::int64_t>> read_counts(const json::value* v, const std::string& path, Errors& errors) {
  std::vector<std::optional<std::int64_t>> counts;
  const json::array* a = v ? array(*v, path, errors) : nullptr;
  if (a == nullptr) return counts;
  for (std::size_t i = 0; i < a->size(); ++i) counts.push_back(count((*a)[i], indexed(path, i), errors));
  return counts;
}

std::vector<std::string> read_words(const json::value* v, const std::string& path, Errors& errors) {
  std::vector<std::string> words;
  const json::array* a = v ? array(*v, path, errors) : nullptr;
  if (a == nullptr) return words;
  for (std::size_t i = 0; i < a->size(); ++i) words.push_back(text((*a)[i], indexed(path, i), errors));
  return words;
}

// The members of a total; a row has "key" too.
std::vector<std::string_view> figure_members(bool with_key) {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> out;
    for (Measure m : kBeforeRatings) out.push_back(domain::measure_field(m));
    out.emplace_back("ratings_by_level");
    for (Measure m : kAfterRatings) out.push_back(domain::measure_field(m));
    out.emplace_back("median_working_days");
    return out;
  }();
  std::vector<std::string_view> names;
  if (with_key) names.emplace_back("key");
  names.insert(names.end(), fields.begin(), fields.end());
  return names;
}

// The measures and the median of a row or a total, read from `members`; a total's counts must not be null.
void read_figures(const Members& members, bool total, Counts& counts, std::optional<double>& median_days,
                  Errors& errors) {
  const auto read = [&](Measure m, const json::value& v, const std::string& path) {
    if (total && v.is_null())
      errors.add(path, "type", "A total is always published: must be a whole number.");
    else
      counts[domain::index_of(m)] = count(v, path, errors);
  };
  for (const auto& measures : {std::span<const Measure>(kBeforeRatings), std::span<const Measure>(kAfterRatings)})
    for (Measure m : measures)
      if (const json::value* v = members.get(domain::measure_field(m)))
        read(m, *v, members.at(domain::measure_field(m)));
  if (const json::value* v = members.get("ratings_by_level")) {
    const std::string path = members.at("ratings_by_level");
    const json::array* ratings = array(*v, path, errors);
    if (ratings != nullptr && ratings->size() != std::size(kRatings))
      errors.add(path, "length", "One count per rating level, 1 to 5.");
    else if (ratings != nullptr)
      for (std::size_t i = 0; i < ratings->size(); ++i) read(kRatings[i], (*ratings)[i], indexed(path, i));
  }
  if (const json::value* v = members.get("median_working_days"))
    median_days = median(*v, members.at("median_working_days"), errors);
}

AggregateFigure read_row(const json::value& v, const std::string& path, Errors& errors) {
  const Members members(v, path, figure_members(true), errors);
  AggregateFigure row;
  if (const json::value* key = members.get("key")) row.key = text(*key, members.at("key"), errors);
  read_figures(members, false, row.counts, row.median_working_days, errors);
  return row;
}

AggregateTotal read_total(const json::value* v, const std::string& path, Errors& errors) {
  AggregateTotal total;
  if (v == nullptr) return total;
  const Members members(*v, path, figure_members(false), errors);
  Counts counts;
  read_figures(members, true, counts, total.median_working_days, errors);
  for (Measure m : domain::kAllMeasures) total[m] = counts[domain::index_of(m)].value_or(0);
  return total;
}

AggregateBreakdown read_breakdown(const Members& top, Dimension dimension, Errors& errors) {
  const std::string name = domain::breakdown_field(dimension);
  AggregateBreakdown breakdown;
  if (const json::value* v = top.get(name))
    if (const json::array* rows = array(*v, name, errors))
      for (std::size_t i = 0; i < rows->size(); ++i)
        breakdown.rows.push_back(read_row((*rows)[i], indexed(name, i), errors));
  breakdown.total = read_total(top.get(name + "_total"), name + "_total", errors);
  return breakdown;
}

ModeChannelTable read_table(const json::value* v, Errors& errors) {
  ModeChannelTable t;
  if (v == nullptr) return t;
  const Members members(*v, "mode_by_channel",
                        {"modes", "channels", "cells", "mode_totals", "channel_totals", "grand_total"}, errors);
  t.modes = read_words(members.get("modes"), members.at("modes"), errors);
  t.channels = read_words(members.get("channels"), members.at("channels"), errors);
  const std::string cells_path = members.at("cells");
  if (const json::value* cells = members.get("cells"))
    if (const json::array* rows = array(*cells, cells_path, errors))
      for (std::size_t i = 0; i < rows->size(); ++i)
        t.cells.push_back(read_counts(&(*rows)[i], indexed(cells_path, i), errors));
  t.mode_totals = read_counts(members.get("mode_totals"), members.at("mode_totals"), errors);
  t.channel_totals = read_counts(members.get("channel_totals"), members.at("channel_totals"), errors);
  if (const json::value* grand = members.get("grand_total"))
    t.grand_total = integer(*grand, members.at("grand_total"), errors).value_or(0);
  return t;
}

std::vector<std::string_view> top_members() {
  std::vector<std::string_view> names = {"format",          "node_id", "jurisdiction",   "day",
                                         "generated_at_ms", "k",       "mode_by_channel"};
  static const std::vector<std::string> breakdowns = [] {
    std::vector<std::string> out;
    for (Dimension d : domain::kAggregateDimensions) {
      out.push_back(domain::breakdown_field(d));
      out.push_back(domain::breakdown_field(d) + "_total");
    }
    return out;
  }();
  names.insert(names.end(), breakdowns.begin(), breakdowns.end());
  return names;
}

json::value parse_document(std::string_view text) {
  if (text.size() > kMaxDailyAggregateBytes)
    throw domain::ProblemError("payload-too-large",
                               "A daily aggregate is at most " + std::to_string(kMaxDailyAggregateBytes) + " bytes.");
  json::error_code error;
  json::value value = json::parse(text, error);
  if (error) throw domain::ProblemError("malformed-json", "The daily aggregate is not JSON: " + error.message() + ".");
  if (!value.is_object()) throw domain::ProblemError("malformed-json", "A daily aggregate is a JSON object.");
  return value;
}

void read_header(const Members& top, DailyAggregate& a, Errors& errors) {
  if (const json::value* v = top.get("format")) {
    if (!v->is_string())
      errors.add("format", "type", "Must be a string.");
    else if (v->as_string() != kDailyAggregateFormat)
      errors.add("format", "format", "Not a " + std::string(kDailyAggregateFormat) + " document.");
  }
  if (const json::value* v = top.get("node_id")) a.node_id = text(*v, "node_id", errors);
  if (const json::value* v = top.get("jurisdiction")) a.jurisdiction = text(*v, "jurisdiction", errors);
  if (const json::value* v = top.get("day")) {
    const std::string day = text(*v, "day", errors);
    if (auto parsed = domain::parse_date(day))
      a.day = *parsed;
    else if (v->is_string())
      errors.add("day", "date", "Not a date (YYYY-MM-DD): '" + day + "'.");
  }
  if (const json::value* v = top.get("generated_at_ms"))
    a.generated_at_ms = integer(*v, "generated_at_ms", errors).value_or(0);
  if (const json::value* v = top.get("k")) a.k = integer(*v, "k", errors).value_or(0);
}

}  // namespace

std::string daily_aggregate_json(const DailyAggregate& a) {
  json::object object;
  object["format"] = kDailyAggregateFormat;
  object["node_id"] = a.node_id;
  object["jurisdiction"] = a.jurisdiction;
  object["day"] = domain::format_date(a.day);
  object["generated_at_ms"] = a.generated_at_ms;
  object["k"] = a.k;
  object["mode_by_channel"] = table_json(a.mode_by_channel);
  for (Dimension d : domain::kAggregateDimensions) {
    const AggregateBreakdown& b = domain::breakdown_of(a, d);
    json::array rows;
    for (const AggregateFigure& row : b.rows) rows.push_back(row_json(row));
    object[domain::breakdown_field(d)] = std::move(rows);
    object[domain::breakdown_field(d) + "_total"] = total_json(b.total);
  }
  return json::serialize(object);
}

DailyAggregate parse_daily_aggregate(std::string_view text) {
  const json::value document = parse_document(text);
  Errors errors;
  const Members top(document, "", top_members(), errors);
  DailyAggregate a;
  read_header(top, a, errors);
  a.mode_by_channel = read_table(top.get("mode_by_channel"), errors);
  for (Dimension d : domain::kAggregateDimensions) domain::breakdown_of(a, d) = read_breakdown(top, d, errors);
  if (!errors.empty()) errors.refuse();
  for (FieldError& problem : domain::aggregate_problems(a)) errors.add(problem.field, problem.rule, problem.message);
  if (!errors.empty()) errors.refuse();
  return a;
}

}  // namespace tongban::node

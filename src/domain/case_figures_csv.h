// CSV of case figures (domain/case_figures.h): the text/csv body of the statistics download, for spreadsheets.
//
// Format (RFC 4180): records end in CRLF, the last one too; a field containing a comma, a double quote, CR or LF is
// enclosed in double quotes and its double quotes are doubled; no other field is quoted. UTF-8, no byte-order mark.
// The first record is the header: stable machine column names in English snake_case (kCaseFiguresCsvColumns), in
// this order, never translated — a column is only ever added at the end. Then one record per row, in the rows'
// order, and last the total, whose `dimension` field is "total" (never a Dimension word) and whose key is empty.
//
// Values: `dimension` is the Dimension word; counts and days are decimal integers; median_working_days and
// follow_up_rate are the shortest decimal that reads back as the same double ("4", "4.5", "0.6666666666666666"),
// written with std::to_chars, so never in the locale's form; an unset value is an empty field. rating_1 …
// rating_5 are ratings_by_level[0 … 4].
//
// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell beginning with =, +, -, @, tab or CR as a
// formula. A key is the one field that comes from data (item, authority and service point codes), so a key beginning
// with one of those characters is written with a single quote (') in front — "=1+2" becomes "'=1+2" — and then
// quoted by the rule above when it needs it. Numbers are never negative and the other text fields are fixed words,
// so no other field needs the guard.
//
// The records as values. case_figure_records() gives the records after the header as typed values (text, whole
// number, fraction, nothing) before any of the rules above: the CSV is written from them, and so is the statistics
// workbook (api/figures_workbook.h), so the two always carry the same columns, in the same order, with the same
// values. Only the writing differs (the workbook types its cells and needs no formula guard).
//
// Pure: builds a string, does no I/O; owns nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/case_figures.h"

namespace tongban::domain {

inline constexpr std::array<std::string_view, 31> kCaseFiguresCsvColumns = {
    "dimension",
    "key",
    "received",
    "decided",
    "approved",
    "rejected",
    "not_accepted",
    "withdrawn",
    "open",
    "decided_within_promised",
    "decided_within_legal",
    "overdue",
    "overdue_open",
    "timed_cases",
    "median_working_days",
    "p90_working_days",
    "promised_days",
    "legal_days",
    "supplements_requested",
    "cases_with_supplement",
    "visits_made",
    "trips_saved",
    "rating_1",
    "rating_2",
    "rating_3",
    "rating_4",
    "rating_5",
    "bad_ratings",
    "bad_ratings_followed_up",
    "bad_ratings_followed_up_in_time",
    "follow_up_rate",
};

// The `dimension` value of the total's record (never a Dimension word).
inline constexpr std::string_view kCaseFiguresTotalWord = "total";

// One value of a record before it is written: text (the dimension word, the key), a whole number (every count and
// number of days), a fraction (median_working_days, follow_up_rate), or nothing (an unset value: an empty field).
using CaseFigureValue = std::variant<std::monostate, std::string, std::int64_t, double>;
// A record's values, in the order of kCaseFiguresCsvColumns.
using CaseFigureRecord = std::array<CaseFigureValue, kCaseFiguresCsvColumns.size()>;

// The records after the header: one per row, in the rows' order, then the total (dimension kCaseFiguresTotalWord,
// key ""). Text values are as they are, without the formula guard.
std::vector<CaseFigureRecord> case_figure_records(const CaseFigures& figures);

// The whole CSV: header, rows, total.
std::string case_figures_csv(const CaseFigures& figures);

// One field as the format above writes it: quoted when it must be, its double quotes doubled.
std::string csv_field(std::string_view text);
// A text field from data: the formula guard (a leading ' before =, +, -, @, tab, CR), then csv_field.
std::string csv_text_field(std::string_view text);

}  // namespace tongban::domain

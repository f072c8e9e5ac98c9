// The case statistics as an XLSX workbook (issue 12): the spreadsheet download beside the CSV
// (domain/case_figures_csv.h), written with libxlsxwriter.
//
// Sheets. The first, named words.figures_sheet, is the CSV as typed cells: the header row is kCaseFiguresCsvColumns
// (the stable English machine names, never translated), then one row per record of case_figure_records() — one per key
// in the figures' order, then the total — so the two downloads always carry the same columns and values. Text is a
// string cell (a key too: a string cell is never run as a formula, so it needs no guard); every count, number of days,
// median and rate is a number cell; an unset value and the total's empty key are empty cells. follow_up_rate is shown
// as a percentage (number format 0.0%); its value stays the fraction. The header row is bold and frozen, the total row
// bold, each column as wide as its name or its longest text. The second sheet, named words.about_sheet, says what the
// figures are: the title, the period, when they were generated, then one row per definition (term, text) — all as the
// caller gives them, already in the reader's language. This file has no words of its own.
//
// Numbers are written as libxlsxwriter writes a double, with 16 significant digits (%.16G): a count is exact, a
// fraction reads back as the same double when 16 digits hold it (Excel itself keeps 15).
//
// Deterministic: the file's creation time (its document properties) is words.generated_at_ms, never the clock, and
// libxlsxwriter dates every zip entry 1980-01-01, so the same figures and words give the same bytes.
//
// Files. libxlsxwriter 1.1.4 can only write to a file. figures_workbook() makes a private directory (mkdtemp, mode
// 0700) in std::filesystem::temp_directory_path() ($TMPDIR, else /tmp), creates the output file in it with mkstemp
// (mode 0600), points the library's own temporary files there too (lxw_workbook_options::tmpdir), reads the finished
// file back, and removes the directory with everything in it before it returns or throws. Nothing outlives the call and
// no other user can read the figures on their way.
//
// Errors: std::invalid_argument for words a workbook cannot carry — a sheet name that is blank, over 31 characters,
// holds one of [ ] : * ? / \, begins or ends with an apostrophe, or equals the other sheet's; any text (words or keys)
// that is not UTF-8; generated_at_ms before 1970-01-01T00:00:01Z. std::runtime_error naming the step when the temporary
// file cannot be made or read back, or when the library reports an error (its lxw_strerror() message), e.g. for a text
// longer than the 32,767 characters a cell holds.
//
// Owns nothing past the call; reads the figures and words only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/case_figures.h"

namespace tongban::report {

struct WorkbookDefinition {
  std::string term;  // what is defined, e.g. a column's name ("received")
  std::string text;  // its definition, in the reader's language
};

// Every word of the workbook, given by the caller in the reader's language.
struct WorkbookWords {
  std::string figures_sheet;                    // the first sheet's name, e.g. "按事项"
  std::string about_sheet;                      // the second sheet's name, e.g. "说明"
  std::string title;                            // the about sheet's first line, also the file's title property
  std::string period;                           // the about sheet's second line, e.g. "2026年3月1日至3月31日"
  std::string generated;                        // its third, e.g. "生成于 2026年4月1日 09:00"
  std::int64_t generated_at_ms = 0;             // that instant, Unix ms (>= 1000): the file's creation time
  std::vector<WorkbookDefinition> definitions;  // from the fifth row down, in this order
};

// The bytes of the .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).
std::string figures_workbook(const domain::CaseFigures& figures, const WorkbookWords& words);

}  // namespace tongban::report

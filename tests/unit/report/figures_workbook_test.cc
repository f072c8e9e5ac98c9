// The statistics workbook (api/figures_workbook.h) written from hand-made figures and read back by a real reader,
// python3-openpyxl (a build dependency) run with the distribution's /usr/bin/python3: the header is the CSV's columns,
// every cell the figure (numbers typed as numbers, unset values empty), the total row, the about sheet, the frozen
// header; the same input gives the same bytes; words a workbook cannot carry are refused; and no temporary file is left
// behind, on success or on error (TMPDIR is a fresh empty directory for each test).
#include "report/figures_workbook.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/case_figures_csv.h"

namespace tongban::report {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr std::int64_t kGeneratedAt = 1'775'035'800'000;  // 2026-04-01T09:30:00Z

// Runs a shell command; its standard output and error, and its exit status in *status.
std::string run(const std::string& command, int* status) {
  std::string out;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int raw = ::pclose(pipe);
  *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

fs::path fresh_directory(const fs::path& parent, const std::string& name) {
  std::string pattern = (parent / (name + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
  return pattern;
}

// The Jiangmen item's row of tests/unit/domain/case_figures_csv_test.cc, with a key of its own.
domain::CaseFigure item_row(std::string key) {
  domain::CaseFigure f;
  f.key = std::move(key);
  f.received = 8;
  f.decided = 5;
  f.approved = 4;
  f.rejected = 1;
  f.withdrawn = 1;
  f.open = 2;
  f.decided_within_promised = 4;
  f.decided_within_legal = 5;
  f.overdue = 1;
  f.overdue_open = 1;
  f.timed_cases = 4;
  f.median_working_days = 4.5;
  f.p90_working_days = 7;
  f.promised_days = 5;
  f.legal_days = 10;
  f.supplements_requested = 2;
  f.cases_with_supplement = 1;
  f.visits_made = 3;
  f.trips_saved = 6;
  f.ratings_by_level = {1, 1, 0, 0, 2};
  f.bad_ratings = 2;
  f.bad_ratings_followed_up = 2;
  f.bad_ratings_followed_up_in_time = 1;
  f.follow_up_rate = 1.0;
  return f;
}

domain::CaseFigures sample_figures() {
  domain::CaseFigures figures;
  figures.dimension = domain::Dimension::item;
  figures.rows = {item_row("JM-CA-005"), item_row("=HYPERLINK(\"http://x\",\"y\")")};
  figures.rows[1].received = 1234567;
  figures.rows[1].median_working_days.reset();
  figures.rows[1].p90_working_days.reset();
  figures.rows[1].follow_up_rate = 2.0 / 3.0;
  figures.total = item_row("");
  figures.total.received = 1234575;
  figures.total.promised_days.reset();  // the total has no limits
  figures.total.legal_days.reset();
  figures.total.follow_up_rate = 0.75;
  return figures;
}

WorkbookWords sample_words() {
  WorkbookWords words;
  words.figures_sheet = "按事项";
  words.about_sheet = "说明";
  words.title = "江门市政务服务 — 按事项统计";
  words.period = "2026年3月1日至3月31日";
  words.generated = "生成于 2026年4月1日 17:30（江门）";
  words.generated_at_ms = kGeneratedAt;
  words.definitions = {{"received", "收件：期内受理的办件数（草稿不计）。"},
                       {"follow_up_rate", "差评整改率：已回访整改的差评占差评总数的比例。"}};
  return words;
}

class FiguresWorkbook : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path base = fs::temp_directory_path();
    if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
    scratch_ = fresh_directory(base, "tongban-workbook-test");
    tmpdir_ = fresh_directory(base, "tongban-workbook-test-tmpdir");
    ::setenv("TMPDIR", tmpdir_.c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_)
      ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
    std::error_code ignored;
    fs::remove_all(scratch_, ignored);
    fs::remove_all(tmpdir_, ignored);
  }

  // Nothing left in TMPDIR.
  bool tmpdir_empty() const { return fs::is_empty(tmpdir_); }

  // The workbook as openpyxl reads it: sheet names, every cell of both sheets (value, Python type, data type, number
  // format, bold), the frozen cell, column widths, the title and creation time of the document properties.
  json::object read_back(const std::string& bytes) {
    const fs::path path = scratch_ / "figures.xlsx";
    {
      std::ofstream out(path, std::ios::binary);
      out << bytes;
    }
    int status = 0;
    const std::string output =
        run("/usr/bin/python3 -c 'import json, sys, openpyxl\n"
            "wb = openpyxl.load_workbook(sys.argv[1])\n"
            "def cell(c):\n"
            "  return {\"v\": c.value, \"type\": type(c.value).__name__, \"data_type\": c.data_type,"
            " \"format\": c.number_format, \"bold\": bool(c.font.b)}\n"
            "def cells(ws):\n"
            "  return [[cell(c) for c in row] for row in ws.iter_rows()]\n"
            "first, about = wb.worksheets\n"
            "print(json.dumps({\"sheets\": wb.sheetnames, \"figures\": cells(first), \"about\": cells(about),"
            " \"freeze\": first.freeze_panes,"
            " \"widths\": {k: d.width for k, d in first.column_dimensions.items()},"
            " \"title\": wb.properties.title, \"created\": wb.properties.created.isoformat()}))' '" +
                path.string() + "'",
            &status);
    fs::remove(path);
    if (status != 0) throw std::runtime_error("openpyxl could not read the workbook: " + output);
    return json::parse(output).as_object();
  }

  fs::path scratch_;  // the reader's copy of the file
  fs::path tmpdir_;   // TMPDIR while the test runs
  std::optional<std::string> old_tmpdir_;
};

TEST_F(FiguresWorkbook, TheReaderNeedsPython3Openpyxl) {
  ASSERT_TRUE(fs::exists("/usr/bin/python3")) << "/usr/bin/python3 is missing";
  int status = 0;
  const std::string output = run("/usr/bin/python3 -c 'import openpyxl'", &status);
  ASSERT_EQ(status, 0) << "python3-openpyxl is not installed for /usr/bin/python3: it is a build dependency "
                          "(apt-get install python3-openpyxl)\n"
                       << output;
}

// A cell equals a record's value: text as a string cell, numbers as number cells, nothing as an empty cell.
void expect_cell(const json::value& cell, const domain::CaseFigureValue& value, const std::string& where) {
  const json::object& c = cell.as_object();
  const std::string type(c.at("type").as_string());
  if (const auto* text = std::get_if<std::string>(&value)) {
    if (text->empty()) {
      EXPECT_EQ(type, "NoneType") << where;
    } else {
      EXPECT_EQ(type, "str") << where;
      EXPECT_EQ(c.at("data_type").as_string(), "s") << where << ": a string, never a formula";
      EXPECT_EQ(c.at("v").as_string(), *text) << where;
    }
  } else if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    EXPECT_EQ(type, "int") << where;
    EXPECT_EQ(c.at("v").to_number<std::int64_t>(), *whole) << where;
  } else if (const auto* fraction = std::get_if<double>(&value)) {
    EXPECT_TRUE(type == "float" || type == "int") << where << " is a " << type;  // 1.0 is written "1"
    EXPECT_EQ(c.at("v").to_number<double>(), *fraction) << where;
  } else {
    EXPECT_EQ(type, "NoneType") << where << ": an unset value is an empty cell";
  }
}

// Excel's name of the column with 0-based index c: A … Z, AA …
std::string column_letters(std::size_t c) {
  std::string letters;
  for (std::size_t n = c + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::size_t column(std::string_view name) {
  const auto& columns = domain::kCaseFiguresCsvColumns;
  return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin());
}

TEST_F(FiguresWorkbook, TheFiguresSheetHoldsTheCsvColumnsAndEveryFigureAsANumber) {
  const domain::CaseFigures figures = sample_figures();
  const json::object book = read_back(figures_workbook(figures, sample_words()));
  const json::array& rows = book.at("figures").as_array();
  ASSERT_EQ(rows.size(), 1 + figures.rows.size() + 1) << "header, rows, total";

  const json::array& header = rows[0].as_array();
  ASSERT_EQ(header.size(), domain::kCaseFiguresCsvColumns.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    EXPECT_EQ(header[c].at("v").as_string(), domain::kCaseFiguresCsvColumns[c]);
    EXPECT_TRUE(header[c].at("bold").as_bool());
  }

  const std::vector<domain::CaseFigureRecord> records = domain::case_figure_records(figures);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const json::array& row = rows[r + 1].as_array();
    ASSERT_EQ(row.size(), records[r].size());
    for (std::size_t c = 0; c < row.size(); ++c)
      expect_cell(row[c], records[r][c],
                  "row " + std::to_string(r + 2) + " " + std::string(domain::kCaseFiguresCsvColumns[c]));
  }

  // The same figures read by name, straight from the CaseFigures (not through the records).
  const json::array& second = rows[2].as_array();
  EXPECT_EQ(second[column("dimension")].at("v").as_string(), "item");
  EXPECT_EQ(second[column("key")].at("v").as_string(), figures.rows[1].key);
  EXPECT_EQ(second[column("received")].at("v").to_number<std::int64_t>(), figures.rows[1].received);
  EXPECT_EQ(second[column("median_working_days")].at("type").as_string(), "NoneType");
  EXPECT_EQ(second[column("follow_up_rate")].at("v").to_number<double>(), *figures.rows[1].follow_up_rate);
  EXPECT_EQ(second[column("follow_up_rate")].at("format").as_string(), "0.0%") << "shown as a percentage";
  EXPECT_EQ(rows[1].as_array()[column("median_working_days")].at("v").to_number<double>(),
            *figures.rows[0].median_working_days);
  EXPECT_EQ(rows[1].as_array()[column("rating_5")].at("v").to_number<std::int64_t>(),
            figures.rows[0].ratings_by_level[4]);

  const json::array& total = rows.back().as_array();
  EXPECT_EQ(total[column("dimension")].at("v").as_string(), domain::kCaseFiguresTotalWord);
  EXPECT_EQ(total[column("key")].at("type").as_string(), "NoneType");
  EXPECT_EQ(total[column("received")].at("v").to_number<std::int64_t>(), figures.total.received);
  EXPECT_EQ(total[column("promised_days")].at("type").as_string(), "NoneType");
  EXPECT_TRUE(total[column("received")].at("bold").as_bool());
  EXPECT_FALSE(rows[1].as_array()[column("received")].at("bold").as_bool());

  EXPECT_EQ(book.at("freeze").as_string(), "A2") << "the header row is frozen";
  const json::object& widths = book.at("widths").as_object();
  for (std::size_t c = 0; c < domain::kCaseFiguresCsvColumns.size(); ++c)
    EXPECT_GE(widths.at(column_letters(c)).to_number<double>(),
              static_cast<double>(domain::kCaseFiguresCsvColumns[c].size()))
        << domain::kCaseFiguresCsvColumns[c] << ": a column fits its name";
  EXPECT_GE(widths.at(column_letters(column("key"))).to_number<double>(),
            static_cast<double>(figures.rows[1].key.size()))
      << "the key column fits the longest key";
  EXPECT_TRUE(tmpdir_empty());
}

TEST_F(FiguresWorkbook, TheAboutSheetCarriesTheCallersWords) {
  const WorkbookWords words = sample_words();
  const json::object book = read_back(figures_workbook(sample_figures(), words));
  EXPECT_EQ(book.at("sheets").as_array(), (json::array{words.figures_sheet.c_str(), words.about_sheet.c_str()}));
  const json::array& about = book.at("about").as_array();
  ASSERT_EQ(about.size(), 4 + words.definitions.size());
  EXPECT_EQ(about[0].as_array()[0].at("v").as_string(), words.title);
  EXPECT_TRUE(about[0].as_array()[0].at("bold").as_bool());
  EXPECT_EQ(about[1].as_array()[0].at("v").as_string(), words.period);
  EXPECT_EQ(about[2].as_array()[0].at("v").as_string(), words.generated);
  EXPECT_EQ(about[3].as_array()[0].at("type").as_string(), "NoneType");
  for (std::size_t i = 0; i < words.definitions.size(); ++i) {
    EXPECT_EQ(about[4 + i].as_array()[0].at("v").as_string(), words.definitions[i].term);
    EXPECT_EQ(about[4 + i].as_array()[1].at("v").as_string(), words.definitions[i].text);
  }
  EXPECT_EQ(book.at("title").as_string(), words.title);
  EXPECT_EQ(book.at("created").as_string(), "2026-04-01T09:30:00") << "generated_at_ms, not the clock";
  EXPECT_TRUE(tmpdir_empty());
}

TEST_F(FiguresWorkbook, NoRowsGiveTheHeaderAndTheTotal) {
  domain::CaseFigures none;
  none.dimension = domain::Dimension::channel;
  const json::object book = read_back(figures_workbook(none, sample_words()));
  const json::array& rows = book.at("figures").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].as_array()[column("dimension")].at("v").as_string(), domain::kCaseFiguresTotalWord);
  EXPECT_EQ(rows[1].as_array()[column("received")].at("v").to_number<std::int64_t>(), 0);
}

TEST_F(FiguresWorkbook, TheSameFiguresAndWordsGiveTheSameBytes) {
  const std::string first = figures_workbook(sample_figures(), sample_words());
  EXPECT_EQ(first.substr(0, 2), "PK") << "a zip file";
  EXPECT_EQ(figures_workbook(sample_figures(), sample_words()), first);
  EXPECT_TRUE(tmpdir_empty());
}

TEST_F(FiguresWorkbook, WordsAWorkbookCannotCarryAreRefusedAndNothingIsLeftBehind) {
  const std::vector<std::pair<std::string, std::function<void(WorkbookWords&)>>> breaks = {
      {"blank sheet name", [](WorkbookWords& w) { w.figures_sheet = " "; }},
      {"empty sheet name", [](WorkbookWords& w) { w.about_sheet.clear(); }},
      {"bracket", [](WorkbookWords& w) { w.figures_sheet = "按[事项]"; }},
      {"slash", [](WorkbookWords& w) { w.about_sheet = "a/b"; }},
      {"32 characters", [](WorkbookWords& w) { w.figures_sheet = std::string(32, 'x'); }},
      {"apostrophe at the start", [](WorkbookWords& w) { w.figures_sheet = "'x"; }},
      {"the same name twice", [](WorkbookWords& w) { w.about_sheet = w.figures_sheet; }},
      {"not UTF-8", [](WorkbookWords& w) { w.definitions[0].text = "bad \xFF byte"; }},
      {"no creation time", [](WorkbookWords& w) { w.generated_at_ms = 0; }},
  };
  for (const auto& [what, change] : breaks) {
    WorkbookWords words = sample_words();
    change(words);
    EXPECT_THROW(figures_workbook(sample_figures(), words), std::invalid_argument) << what;
    EXPECT_TRUE(tmpdir_empty()) << what;
  }
  WorkbookWords long_chinese = sample_words();
  long_chinese.figures_sheet = "按事项统计的收件办结逾期评价与回访整改情况一览表";  // 24 characters, 72
                                                                                    // bytes
  EXPECT_NO_THROW(figures_workbook(sample_figures(), long_chinese));
  EXPECT_TRUE(tmpdir_empty());
}

TEST_F(FiguresWorkbook, ALibraryErrorThrowsItsMessageAndNothingIsLeftBehind) {
  domain::CaseFigures figures = sample_figures();
  figures.rows[0].key = std::string(40'000, 'K');  // past Excel's 32,767 characters in a cell
  try {
    figures_workbook(figures, sample_words());
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    // The step, then libxlsxwriter's own words (lxw_strerror: "String exceeds Excel's limit of 32,767 characters.").
    EXPECT_NE(message.find("worksheet_write_string failed: "), std::string::npos) << message;
    EXPECT_NE(message.find("32,767"), std::string::npos) << message;
  }
  EXPECT_TRUE(tmpdir_empty());

  domain::CaseFigures bad_key = sample_figures();
  bad_key.rows[0].key = "JM-\xC0\xAF";
  EXPECT_THROW(figures_workbook(bad_key, sample_words()), std::invalid_argument);
  EXPECT_TRUE(tmpdir_empty());

  ::setenv("TMPDIR", (tmpdir_ / "missing").c_str(), 1);
  EXPECT_THROW(figures_workbook(sample_figures(), sample_words()), std::runtime_error) << "no temporary directory";
}

}  // namespace
}  // namespace tongban::report

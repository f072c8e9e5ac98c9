#include "report/figures_workbook.h"

#include <stdlib.h>  // mkdtemp, mkstemp (POSIX)
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

#include "domain/case_figures_csv.h"
#include "domain/utf8_text.h"

namespace tongban::report {
namespace {

namespace fs = std::filesystem;

constexpr double kMinColumnWidth = 8;  // in Excel's units: about one digit each
constexpr double kMaxColumnWidth = 60;
constexpr double kDefinitionWidth = 90;
constexpr lxw_row_t kFirstDefinitionRow = 4;  // the fifth row: title, period, generated, a blank row
constexpr std::string_view kPercentFormat = "0.0%";

constexpr std::size_t column_of(std::string_view name) {
  for (std::size_t i = 0; i < domain::kCaseFiguresCsvColumns.size(); ++i)
    if (domain::kCaseFiguresCsvColumns[i] == name) return i;
  return domain::kCaseFiguresCsvColumns.size();
}
constexpr std::size_t kRateColumn = column_of("follow_up_rate");
static_assert(kRateColumn < domain::kCaseFiguresCsvColumns.size());

[[noreturn]] void library_failed(std::string_view step, lxw_error error) {
  throw std::runtime_error("figures workbook: " + std::string(step) + " failed: " + lxw_strerror(error));
}

void check(lxw_error error, std::string_view step) {
  if (error != LXW_NO_ERROR) library_failed(step, error);
}

void check_utf8(std::string_view text, std::string_view what) {
  if (!domain::decode_utf8(text))
    throw std::invalid_argument("figures workbook: " + std::string(what) + " is not UTF-8");
}

// A directory only this user can enter (mkdtemp: mode 0700), removed with everything in it when the guard goes.
class PrivateDirectory {
 public:
  PrivateDirectory() {
    std::string pattern = (fs::temp_directory_path() / "tongban-workbook-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::system_error(errno, std::generic_category(), "figures workbook: mkdtemp " + pattern);
    path_ = pattern;
  }
  ~PrivateDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;

  const fs::path& path() const { return path_; }

  // A new empty file in it (mkstemp: mode 0600), closed: the library opens it by name.
  fs::path new_file() const {
    std::string pattern = (path_ / "figures-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "figures workbook: mkstemp " + pattern);
    ::close(fd);
    return pattern;
  }

 private:
  fs::path path_;
};

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
using WorkbookHandle = std::unique_ptr<lxw_workbook, WorkbookFree>;

struct Formats {
  lxw_format* bold = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* bold_percent = nullptr;
  lxw_format* title = nullptr;
  lxw_format* wrap = nullptr;
};

lxw_format* new_format(lxw_workbook* workbook) {
  lxw_format* format = workbook_add_format(workbook);
  if (format == nullptr) library_failed("workbook_add_format", LXW_ERROR_MEMORY_MALLOC_FAILED);
  return format;
}

Formats add_formats(lxw_workbook* workbook) {
  Formats formats;
  formats.bold = new_format(workbook);
  format_set_bold(formats.bold);
  formats.percent = new_format(workbook);
  format_set_num_format(formats.percent, std::string(kPercentFormat).c_str());
  formats.bold_percent = new_format(workbook);
  format_set_bold(formats.bold_percent);
  format_set_num_format(formats.bold_percent, std::string(kPercentFormat).c_str());
  formats.title = new_format(workbook);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  formats.wrap = new_format(workbook);
  format_set_text_wrap(formats.wrap);
  format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
  return formats;
}

lxw_worksheet* add_sheet(lxw_workbook* workbook, const std::string& name) {
  check_utf8(name, "a sheet name");
  if (name.find_first_not_of(' ') == std::string::npos)
    throw std::invalid_argument("figures workbook: a sheet name is blank");
  const lxw_error invalid = workbook_validate_sheet_name(workbook, name.c_str());
  if (invalid != LXW_NO_ERROR)
    throw std::invalid_argument("figures workbook: the sheet name '" + name + "': " + lxw_strerror(invalid));
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) library_failed("workbook_add_worksheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
  return sheet;
}

// Text as Excel measures column widths, roughly: a wide (CJK) character counts two.
double display_width(std::string_view text) {
  const std::optional<std::u32string> points = domain::decode_utf8(text);
  if (!points) return static_cast<double>(text.size());
  double width = 0;
  for (char32_t c : *points) width += c >= 0x2E80 ? 2 : 1;
  return width;
}

double column_width(double longest) {
  return std::clamp(longest + 2, kMinColumnWidth, kMaxColumnWidth);
}

// An empty text is an empty cell: nothing is written.
void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text, lxw_format* format) {
  if (text.empty()) return;
  check_utf8(text, "a text of row " + std::to_string(row + 1) + ", column " + std::to_string(column + 1));
  check(worksheet_write_string(sheet, row, column, text.c_str(), format), "worksheet_write_string");
}

void write_value(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const domain::CaseFigureValue& value,
                 lxw_format* format) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    write_text(sheet, row, column, *text, format);
  } else if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    check(worksheet_write_number(sheet, row, column, static_cast<double>(*whole), format), "worksheet_write_number");
  } else if (const auto* fraction = std::get_if<double>(&value)) {
    check(worksheet_write_number(sheet, row, column, *fraction, format), "worksheet_write_number");
  }  // else std::monostate: an unset value, an empty cell
}

void write_figures_sheet(lxw_worksheet* sheet, const domain::CaseFigures& figures, const Formats& formats) {
  constexpr std::size_t kColumns = domain::kCaseFiguresCsvColumns.size();
  std::array<double, kColumns> widest{};
  for (std::size_t c = 0; c < kColumns; ++c) {
    const std::string name(domain::kCaseFiguresCsvColumns[c]);
    write_text(sheet, 0, static_cast<lxw_col_t>(c), name, formats.bold);
    widest[c] = display_width(name);
  }
  const std::vector<domain::CaseFigureRecord> records = domain::case_figure_records(figures);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const bool total = r + 1 == records.size();
    for (std::size_t c = 0; c < kColumns; ++c) {
      lxw_format* format =
          c == kRateColumn ? (total ? formats.bold_percent : formats.percent) : (total ? formats.bold : nullptr);
      write_value(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), records[r][c], format);
      if (const auto* text = std::get_if<std::string>(&records[r][c]))
        widest[c] = std::max(widest[c], display_width(*text));
    }
  }
  for (std::size_t c = 0; c < kColumns; ++c)
    check(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), column_width(widest[c]),
                               nullptr),
          "worksheet_set_column");
  worksheet_freeze_panes(sheet, 1, 0);
}

void write_about_sheet(lxw_worksheet* sheet, const WorkbookWords& words, const Formats& formats) {
  write_text(sheet, 0, 0, words.title, formats.title);
  write_text(sheet, 1, 0, words.period, nullptr);
  write_text(sheet, 2, 0, words.generated, nullptr);
  double widest_term = 0;
  for (std::size_t i = 0; i < words.definitions.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(kFirstDefinitionRow + i);
    write_text(sheet, row, 0, words.definitions[i].term, formats.bold);
    write_text(sheet, row, 1, words.definitions[i].text, formats.wrap);
    widest_term = std::max(widest_term, display_width(words.definitions[i].term));
  }
  check(worksheet_set_column(sheet, 0, 0, column_width(widest_term), nullptr), "worksheet_set_column");
  check(worksheet_set_column(sheet, 1, 1, kDefinitionWidth, formats.wrap), "worksheet_set_column");
}

void set_properties(lxw_workbook* workbook, const WorkbookWords& words) {
  check_utf8(words.title, "the title");
  std::string title = words.title;  // the library copies it
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.created = static_cast<std::time_t>(words.generated_at_ms / 1000);
  check(workbook_set_properties(workbook, &properties), "workbook_set_properties");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || bytes.empty()) throw std::runtime_error("figures workbook: cannot read back " + path.string());
  return bytes;
}

}  // namespace

std::string figures_workbook(const domain::CaseFigures& figures, const WorkbookWords& words) {
  if (words.generated_at_ms < 1000)
    throw std::invalid_argument("figures workbook: generated_at_ms is before 1970-01-01T00:00:01Z");
  const PrivateDirectory directory;
  const fs::path file = directory.new_file();
  std::string tmpdir = directory.path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmpdir.data();
  WorkbookHandle workbook(workbook_new_opt(file.c_str(), &options));
  if (!workbook) library_failed("workbook_new_opt", LXW_ERROR_MEMORY_MALLOC_FAILED);
  const Formats formats = add_formats(workbook.get());
  set_properties(workbook.get(), words);
  write_figures_sheet(add_sheet(workbook.get(), words.figures_sheet), figures, formats);
  write_about_sheet(add_sheet(workbook.get(), words.about_sheet), words, formats);
  check(workbook_close(workbook.release()),
        "workbook_close");  // frees the workbook, whatever it returns
  return read_file(file);
}

}  // namespace tongban::report

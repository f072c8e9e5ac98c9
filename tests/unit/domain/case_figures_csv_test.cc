// The CSV of case figures (domain/case_figures_csv.h) over hand-made figures: the exact bytes of the header, a row
// and the total (CRLF, empty fields for unset values, numbers as to_chars writes them), RFC 4180 quoting, and the
// guard against formula injection on keys; the records as typed values (case_figure_records), which the workbook
// writes too.
#include "domain/case_figures_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::string_view kHeader =
    "dimension,key,received,decided,approved,rejected,not_accepted,withdrawn,open,decided_within_promised,"
    "decided_within_legal,overdue,overdue_open,timed_cases,median_working_days,p90_working_days,promised_days,"
    "legal_days,supplements_requested,cases_with_supplement,visits_made,trips_saved,rating_1,rating_2,rating_3,"
    "rating_4,rating_5,bad_ratings,bad_ratings_followed_up,bad_ratings_followed_up_in_time,follow_up_rate\r\n";

// The Jiangmen item's row of tests/unit/domain/case_figures_test.cc.
CaseFigure jiangmen_row() {
  CaseFigure f;
  f.key = "JM-CA-005";
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
  f.ratings_by_level = {1, 1, 0, 0, 2};
  f.bad_ratings = 2;
  f.bad_ratings_followed_up = 2;
  f.bad_ratings_followed_up_in_time = 1;
  f.follow_up_rate = 1.0;
  return f;
}

CaseFigures one_row(std::string key) {
  CaseFigures figures;
  figures.dimension = Dimension::service_point;
  CaseFigure row;
  row.key = std::move(key);
  row.received = 1;
  row.open = 1;
  figures.rows = {row};
  figures.total = row;
  figures.total.key = "";
  return figures;
}

TEST(CaseFiguresCsv, TheBytesOfTheHeaderARowAndTheTotal) {
  CaseFigures figures;
  figures.dimension = Dimension::item;
  figures.rows = {jiangmen_row()};
  figures.total = jiangmen_row();
  figures.total.key = "";
  figures.total.promised_days.reset();  // unset values are empty fields
  figures.total.legal_days.reset();
  figures.total.follow_up_rate = 2.0 / 3.0;
  figures.total.received = 1234567;  // no digit grouping, whatever the locale
  EXPECT_EQ(case_figures_csv(figures),
            std::string(kHeader) +
                "item,JM-CA-005,8,5,4,1,0,1,2,4,5,1,1,4,4.5,7,5,10,2,1,3,0,1,1,0,0,2,2,2,1,1\r\n"
                "total,,1234567,5,4,1,0,1,2,4,5,1,1,4,4.5,7,,,2,1,3,0,1,1,0,0,2,2,2,1,"
                "0.6666666666666666\r\n");
}

TEST(CaseFiguresCsv, NoRowsGiveTheHeaderAndTheTotal) {
  CaseFigures figures;
  figures.dimension = Dimension::channel;
  EXPECT_EQ(case_figures_csv(figures),
            std::string(kHeader) + "total,,0,0,0,0,0,0,0,0,0,0,0,0,,,,,0,0,0,0,0,0,0,0,0,0,0,0,\r\n");
}

TEST(CaseFiguresCsv, EveryRecordHasOneFieldPerColumnAndEndsInCrlf) {
  CaseFigures figures = one_row("JM-WIN-CITY");
  figures.rows.push_back(jiangmen_row());
  const std::string csv = case_figures_csv(figures);
  std::size_t start = 0;
  int records = 0;
  for (std::size_t end = csv.find("\r\n"); end != std::string::npos; end = csv.find("\r\n", start)) {
    const std::string record = csv.substr(start, end - start);
    EXPECT_EQ(static_cast<std::size_t>(std::count(record.begin(), record.end(), ',')) + 1,
              kCaseFiguresCsvColumns.size())
        << record;
    start = end + 2;
    ++records;
  }
  EXPECT_EQ(start, csv.size());
  EXPECT_EQ(records, 4);  // header, two rows, total
  EXPECT_EQ(csv.find('\n'), csv.find("\r\n") + 1);
}

TEST(CaseFiguresCsv, FieldsWithACommaQuoteOrLineBreakAreQuotedAndQuotesDoubled) {
  EXPECT_EQ(csv_field("JM-CA-005"), "JM-CA-005");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(csv_field("tab\there"), "tab\there");
  EXPECT_EQ(csv_field("澳門,氹仔"), "\"澳門,氹仔\"");
  const std::string csv = case_figures_csv(one_row("WIN \"A\", 2"));
  EXPECT_NE(csv.find("\r\nservice_point,\"WIN \"\"A\"\", 2\",1,0,"), std::string::npos) << csv;
}

TEST(CaseFiguresCsv, KeysThatASpreadsheetWouldRunAsAFormulaGetALeadingQuote) {
  EXPECT_EQ(csv_text_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_text_field("+86"), "'+86");
  EXPECT_EQ(csv_text_field("-5"), "'-5");
  EXPECT_EQ(csv_text_field("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(csv_text_field("\tx"), "'\tx");
  EXPECT_EQ(csv_text_field("\rx"), "\"'\rx\"");
  EXPECT_EQ(csv_text_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_text_field("JM-WIN-CITY"), "JM-WIN-CITY");  // a '-' inside is harmless
  EXPECT_EQ(csv_text_field("CN-GD-JM>MO"), "CN-GD-JM>MO");
  EXPECT_EQ(csv_text_field(" =1"), " =1");  // only the first character counts
  EXPECT_EQ(csv_text_field(""), "");
  const std::string csv = case_figures_csv(one_row("=cmd|' /C calc'!A0"));
  EXPECT_NE(csv.find("\r\nservice_point,'=cmd|' /C calc'!A0,1,0,"), std::string::npos) << csv;
}

// The value of the named column in a record.
const CaseFigureValue& column(const CaseFigureRecord& record, std::string_view name) {
  const auto found = std::find(kCaseFiguresCsvColumns.begin(), kCaseFiguresCsvColumns.end(), name);
  if (found == kCaseFiguresCsvColumns.end()) throw std::invalid_argument(std::string(name));
  return record[static_cast<std::size_t>(found - kCaseFiguresCsvColumns.begin())];
}

TEST(CaseFiguresCsv, RecordsAreTheRowsThenTheTotalAsTypedValues) {
  CaseFigures figures;
  figures.dimension = Dimension::item;
  figures.rows = {jiangmen_row(), jiangmen_row()};
  figures.rows[1].key = "=1+2";
  figures.total = jiangmen_row();
  figures.total.key = "";
  figures.total.promised_days.reset();
  figures.total.follow_up_rate = 2.0 / 3.0;
  const std::vector<CaseFigureRecord> records = case_figure_records(figures);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(column(records[0], "dimension"), CaseFigureValue(std::string("item")));
  EXPECT_EQ(column(records[0], "key"), CaseFigureValue(std::string("JM-CA-005")));
  EXPECT_EQ(column(records[1], "key"), CaseFigureValue(std::string("=1+2"))) << "no guard: that is the CSV's";
  EXPECT_EQ(column(records[0], "received"), CaseFigureValue(std::int64_t{8}));
  EXPECT_EQ(column(records[0], "median_working_days"), CaseFigureValue(4.5));
  EXPECT_EQ(column(records[0], "p90_working_days"), CaseFigureValue(std::int64_t{7}));
  EXPECT_EQ(column(records[0], "promised_days"), CaseFigureValue(std::int64_t{5}));
  EXPECT_EQ(column(records[0], "rating_1"), CaseFigureValue(std::int64_t{1}));
  EXPECT_EQ(column(records[0], "rating_5"), CaseFigureValue(std::int64_t{2}));
  EXPECT_EQ(column(records[2], "dimension"), CaseFigureValue(std::string(kCaseFiguresTotalWord)));
  EXPECT_EQ(column(records[2], "key"), CaseFigureValue(std::string()));
  EXPECT_EQ(column(records[2], "promised_days"), CaseFigureValue()) << "unset: no value";
  EXPECT_EQ(column(records[2], "follow_up_rate"), CaseFigureValue(2.0 / 3.0));
}

}  // namespace
}  // namespace tongban::domain

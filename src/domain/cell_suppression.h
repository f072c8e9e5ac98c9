// Cell suppression (issue 12): hiding the small counts of a table of figures before a node publishes it to the
// region, so that nobody can compute a count below k from what is published — neither a hidden cell from the
// totals (complementary suppression), nor a bound that proves a hidden cell small (the protection interval).
//
// The table. Non-negative integer counts in rows (e.g. items) and columns (e.g. channels): counts[row][column], with
// the row totals, the column totals and the grand total. A one-dimensional table is a table with one column (its row
// totals are its cells). The caller owns the counts; suppress_small_cells() returns a new SuppressedTable value and
// keeps nothing. Pure, deterministic (the same counts and k give the same result, bit for bit), no I/O.
//
// The figures. Every cell, row total and column total is a figure; each is published or hidden. The grand total is
// always published. Decisions, in the order they apply:
//   - Zeros are published, always, and never hidden as complementary figures. A zero says no one, and many zeros are
//     structural (an item not offered through a channel has no case there, which the catalog tells anyone): hiding
//     them would protect nothing. So a hidden figure is never 0, and the attacker below knows it.
//   - A figure that equals the grand total because of the table's zeros is published with it: the total of the only
//     non-zero row, of the only non-zero column, and the only non-zero cell. Hiding it would hide nothing.
//   - Primary suppression: every other figure with 0 < count < k is hidden, margins included. A row or column total
//     below k is itself a small count ("3 cases of this item"), and a row whose only non-zero cell is small could not
//     hide it behind a published total (in a one-dimensional table every row is such a row). This is stricter than
//     publishing every margin and suppressing inside it. In consequence, when the grand total is below k every
//     non-zero figure but the grand total is hidden.
//   - Complementary suppression: further figures are hidden until both protection rules below hold. Greedy: for each
//     figure that fails a rule (in the order cells row by row, row totals, column totals), the cheapest figures that
//     repair it are hidden — cheapest by the sum of the counts hidden, cells before any margin (a margin is hidden
//     only when no set of cells can do), ties broken by a fixed order of rows and columns. Then the rules are checked
//     again, until they pass.
//
// The attacker knows every published figure, the grand total, k, and that hidden figures are integers of at least 1
// (zeros are always shown). Their knowledge is the linear system of the totals: for each row, its cells sum to its
// total; for each column likewise; the row totals and the column totals each sum to the grand total.
//   1. Exact recovery. No hidden figure is determined by that system: for each hidden figure x_i, the unit vector e_i
//      is not in the row space of the system restricted to the hidden figures. exactly_determined_entries() checks
//      it by Gauss–Jordan elimination in exact integer arithmetic (no floating point). This defeats solving rows and
//      columns with one unknown, and any linear combination of the totals.
//   2. Protection interval. For each primary figure, the largest value it takes in an integer table consistent with
//      everything published (hidden figures >= 1) is at least min(k, the largest value it would take if every
//      non-zero figure but the grand total were hidden). So an attacker cannot conclude "this cell is 1 or 2" from
//      "these hidden cells sum to 3": some consistent table gives it k or more, unless the grand total and the zeros
//      alone already cap it below k (a table whose grand total is below k, say). feasible_upper_bound() computes that
//      largest value exactly (as a flow around the table's cycles: the constraint matrix is totally unimodular, so
//      the linear-programming bound is attained by an integer table).
// Not withstood, by design or by scope:
//   - lower bounds: the attacker may learn that a hidden cell is at least some value (only the upper side is
//     protected, so a small cell is never proved small, but a large one may be proved large);
//   - the disclosure marks: `primary` means "below k". Publish the counts of a SuppressedTable, never its marks;
//   - knowledge from outside the table: an applicant who knows their own case, other tables of the same cases with
//     another breakdown or another period (differencing linked tables), earlier publications of the same table;
//   - reasoning about the greedy itself (e.g. that complementary figures tend to be the smallest available);
//   - dominance (one large contributor) and the p% rule: not applied, the figures count cases.
//
// Size bound: at most kMaxSuppressionRows rows, kMaxSuppressionColumns columns and kMaxSuppressionCells cells, counts
// (and the grand total) at most kMaxSuppressionCount, k at most kMaxSuppressionThreshold. Within it int64 arithmetic
// cannot overflow: flows and costs are sums of counts, below 4 x 10^15, and the elimination works on the incidence
// matrix of the table's graph, whose every minor is -1, 0 or 1 (each operation is checked all the same and would throw
// std::overflow_error). Time: each round of the check is one elimination, O((rows + columns)^2 x hidden figures), and
// each primary figure costs a few flows of at most k - 1 units through the table; measured at -O2 on a busy 2-core
// machine, a 236 x 6 table (items x channels of the shipped Jiangmen catalog) with random small counts takes 0.1 s,
// 400 x 10 ones 1 to 2 s whatever k.
//
// Errors: invalid input (no rows or columns, rows of different lengths, a negative count, k < 1, a table, a count or
// a k beyond the bound) throws std::invalid_argument naming what is wrong, as the rest of src/domain does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tongban::domain {

inline constexpr std::int64_t kDefaultSuppressionThreshold = 5;  // k: counts 1 to 4 are hidden
inline constexpr std::int64_t kMaxSuppressionThreshold = 100;
inline constexpr std::size_t kMaxSuppressionRows = 400;
inline constexpr std::size_t kMaxSuppressionColumns = 40;
inline constexpr std::size_t kMaxSuppressionCells = 4000;
inline constexpr std::int64_t kMaxSuppressionCount = 1'000'000'000'000'000;  // 10^15

// The counts, counts[row][column]; every row has the same number of columns.
using CountTable = std::vector<std::vector<std::int64_t>>;

// Why a figure is shown or not. published: shown; primary: hidden because 0 < count < k; complementary: hidden so
// that the primary figures cannot be recovered or bounded.
enum class CellDisclosure { published, primary, complementary };
std::string_view to_string(CellDisclosure disclosure);  // "published", "primary", "complementary"

// One figure as published: the count when disclosure == published, nullopt otherwise.
struct SuppressedCount {
  std::optional<std::int64_t> count;
  CellDisclosure disclosure = CellDisclosure::published;
  bool operator==(const SuppressedCount&) const = default;
};

struct SuppressedTable {
  std::int64_t k = kDefaultSuppressionThreshold;
  std::vector<std::vector<SuppressedCount>> cells;  // cells[row][column], the shape of the counts
  std::vector<SuppressedCount> row_totals;          // one per row
  std::vector<SuppressedCount> column_totals;       // one per column
  std::int64_t grand_total = 0;                     // always published
  bool operator==(const SuppressedTable&) const = default;

  std::size_t rows() const { return row_totals.size(); }
  std::size_t columns() const { return column_totals.size(); }
};

// The table with its small figures hidden as above. Throws std::invalid_argument for invalid counts or k.
SuppressedTable suppress_small_cells(const CountTable& counts, std::int64_t k = kDefaultSuppressionThreshold);

// A figure of the table: a cell (row, column), a row total (row) or a column total (column).
enum class TableEntryKind { cell, row_total, column_total };
struct TableEntry {
  TableEntryKind kind = TableEntryKind::cell;
  std::size_t row = 0;     // for a cell and a row total
  std::size_t column = 0;  // for a cell and a column total
  bool operator==(const TableEntry&) const = default;
};

// The hidden figures that the published figures determine exactly (rule 1), in the order cells row by row, row
// totals, column totals. Empty for every result of suppress_small_cells() (it loops until this is so); not for a
// table hidden by hand. Reads only what `table` publishes.
std::vector<TableEntry> exactly_determined_entries(const SuppressedTable& table);

// The largest value `entry` takes in an integer table consistent with what `table` publishes, hidden figures >= 1
// (rule 2); the count itself for a published figure. `counts` are the true counts `table` was made from (they give
// a consistent table to start from); throws std::invalid_argument when they do not match its shape or its published
// figures, or when `entry` is outside the table.
std::int64_t feasible_upper_bound(const CountTable& counts, const SuppressedTable& table, TableEntry entry);

}  // namespace tongban::domain

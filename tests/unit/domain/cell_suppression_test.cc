// Cell suppression (domain/cell_suppression.h): primary suppression below k, zeros, margins below k, the one-column
// table, complementary suppression, determinism, refused input — and an attack written here, independent of the
// module's own checks. The attacker reads only what a SuppressedTable publishes (counts shown, the grand total) and
// (a) solves every row, column and total with exactly one unknown, again and again; (b) runs Gauss–Jordan elimination
// over the rationals on all the equations of the totals; (c) narrows every hidden figure's interval, from >= 1, by
// propagating the equations to a fixed point. A witness then settles the upper bound for any attacker: a whole
// integer table, consistent with everything published, in which the primary figure is at least k. The attack is
// shown to work: it recovers cells of the same tables suppressed naively (primary suppression only).
#include "domain/cell_suppression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongban::domain {
namespace {

// --- What the attacker sees -------------------------------------------------------------------------------------

// Figures in this order: cells row by row, row totals, column totals; nullopt where hidden.
struct Publication {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<std::optional<std::int64_t>> figures;
  std::int64_t grand_total = 0;

  std::size_t cell(std::size_t r, std::size_t c) const { return r * columns + c; }
  std::size_t row_total(std::size_t r) const { return rows * columns + r; }
  std::size_t column_total(std::size_t c) const { return rows * columns + rows + c; }
};

Publication published(const SuppressedTable& table) {
  Publication p{table.rows(), table.columns(), {}, table.grand_total};
  for (const auto& row : table.cells)
    for (const SuppressedCount& cell : row) p.figures.push_back(cell.count);
  for (const SuppressedCount& total : table.row_totals) p.figures.push_back(total.count);
  for (const SuppressedCount& total : table.column_totals) p.figures.push_back(total.count);
  return p;
}

// Every figure's true value, in the same order.
std::vector<std::int64_t> truth(const CountTable& counts) {
  const std::size_t rows = counts.size();
  const std::size_t columns = counts.front().size();
  std::vector<std::int64_t> values(rows * columns + rows + columns, 0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < columns; ++c) {
      values[r * columns + c] = counts[r][c];
      values[rows * columns + r] += counts[r][c];
      values[rows * columns + rows + c] += counts[r][c];
    }
  return values;
}

Publication everything_shown(const CountTable& counts) {
  Publication p{counts.size(), counts.front().size(), {}, 0};
  for (std::int64_t value : truth(counts)) p.figures.emplace_back(value);
  for (const auto& row : counts) p.grand_total = std::accumulate(row.begin(), row.end(), p.grand_total);
  return p;
}

// Naive suppression: the cells with 0 < count < k hidden, nothing else.
Publication naive(const CountTable& counts, std::int64_t k) {
  Publication p = everything_shown(counts);
  for (std::size_t i = 0; i < p.rows * p.columns; ++i)
    if (*p.figures[i] > 0 && *p.figures[i] < k) p.figures[i].reset();
  return p;
}

// Every non-zero figure hidden but the grand total: the most the grand total and the zeros allow.
Publication all_hidden(const CountTable& counts) {
  Publication p = everything_shown(counts);
  for (auto& figure : p.figures)
    if (*figure != 0) figure.reset();
  return p;
}

// The equations of the totals: sum of coefficient x figure = constant.
struct Equation {
  std::vector<std::pair<std::size_t, std::int64_t>> terms;
  std::int64_t constant = 0;
};

std::vector<Equation> equations(const Publication& p) {
  std::vector<Equation> all;
  for (std::size_t r = 0; r < p.rows; ++r) {
    Equation e{{{p.row_total(r), -1}}, 0};
    for (std::size_t c = 0; c < p.columns; ++c) e.terms.emplace_back(p.cell(r, c), 1);
    all.push_back(e);
  }
  for (std::size_t c = 0; c < p.columns; ++c) {
    Equation e{{{p.column_total(c), -1}}, 0};
    for (std::size_t r = 0; r < p.rows; ++r) e.terms.emplace_back(p.cell(r, c), 1);
    all.push_back(e);
  }
  Equation rows{{}, p.grand_total};
  for (std::size_t r = 0; r < p.rows; ++r) rows.terms.emplace_back(p.row_total(r), 1);
  Equation columns{{}, p.grand_total};
  for (std::size_t c = 0; c < p.columns; ++c) columns.terms.emplace_back(p.column_total(c), 1);
  all.push_back(rows);
  all.push_back(columns);
  return all;
}

// --- The attack: exact recovery ---------------------------------------------------------------------------------

// (a) Any equation with one unknown left gives it; repeat until nothing changes.
std::map<std::size_t, std::int64_t> peel(const Publication& p) {
  std::vector<std::optional<std::int64_t>> known = p.figures;
  std::map<std::size_t, std::int64_t> recovered;
  for (bool progress = true; progress;) {
    progress = false;
    for (const Equation& e : equations(p)) {
      std::int64_t rest = e.constant;
      std::optional<std::pair<std::size_t, std::int64_t>> unknown;
      std::size_t unknowns = 0;
      for (const auto& [figure, coefficient] : e.terms) {
        if (known[figure])
          rest -= coefficient * *known[figure];
        else if (++unknowns == 1)
          unknown = {figure, coefficient};
      }
      if (unknowns != 1) continue;
      known[unknown->first] = rest / unknown->second;
      recovered[unknown->first] = rest / unknown->second;
      progress = true;
    }
  }
  return recovered;
}

// Exact rationals of int64 with every operation checked (the attack would rather stop than guess).
struct Rational {
  std::int64_t num = 0;
  std::int64_t den = 1;
  static void checked(bool overflow) {
    if (overflow) throw std::overflow_error("attack: rational overflow");
  }
  static std::int64_t times(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    checked(__builtin_mul_overflow(a, b, &r));
    return r;
  }
  static Rational of(std::int64_t n, std::int64_t d) {
    if (d < 0) n = -n, d = -d;
    const std::int64_t g = std::gcd(n, d);
    return g > 1 ? Rational{n / g, d / g} : Rational{n, d};
  }
  Rational operator-(const Rational& o) const {
    std::int64_t r = 0;
    checked(__builtin_sub_overflow(times(num, o.den), times(o.num, den), &r));
    return of(r, times(den, o.den));
  }
  Rational operator*(const Rational& o) const { return of(times(num, o.num), times(den, o.den)); }
  Rational operator/(const Rational& o) const { return of(times(num, o.den), times(den, o.num)); }
  bool zero() const { return num == 0; }
};

// (b) Gauss–Jordan over the rationals on the equations, the known figures moved to the right-hand side: an unknown
// whose pivot row has no other unknown is determined, and its value is that row's right-hand side.
std::map<std::size_t, std::int64_t> eliminate(const Publication& p) {
  std::vector<std::size_t> unknowns;
  std::map<std::size_t, std::size_t> column_of;
  for (std::size_t i = 0; i < p.figures.size(); ++i)
    if (!p.figures[i]) column_of[i] = unknowns.size(), unknowns.push_back(i);
  const std::size_t n = unknowns.size();
  std::vector<std::vector<Rational>> m;  // n coefficients, then the right-hand side
  for (const Equation& e : equations(p)) {
    std::vector<Rational> row(n + 1);
    std::int64_t rhs = e.constant;
    for (const auto& [figure, coefficient] : e.terms) {
      if (p.figures[figure])
        rhs -= coefficient * *p.figures[figure];
      else
        row[column_of[figure]] = Rational{coefficient, 1};
    }
    row[n] = Rational{rhs, 1};
    m.push_back(row);
  }
  std::vector<std::size_t> pivots;
  for (std::size_t column = 0; column < n; ++column) {
    std::size_t r = pivots.size();
    while (r < m.size() && m[r][column].zero()) ++r;
    if (r == m.size()) continue;
    std::swap(m[r], m[pivots.size()]);
    std::vector<Rational>& pivot = m[pivots.size()];
    const Rational lead = pivot[column];
    for (Rational& value : pivot) value = value / lead;
    for (std::size_t q = 0; q < m.size(); ++q) {
      if (q == pivots.size() || m[q][column].zero()) continue;
      const Rational factor = m[q][column];
      for (std::size_t j = 0; j <= n; ++j) m[q][j] = m[q][j] - factor * pivot[j];
    }
    pivots.push_back(column);
  }
  std::map<std::size_t, std::int64_t> recovered;
  for (std::size_t r = 0; r < pivots.size(); ++r) {
    std::size_t others = 0;
    for (std::size_t j = 0; j < n; ++j) others += (j != pivots[r] && !m[r][j].zero()) ? 1 : 0;
    if (others != 0) continue;
    EXPECT_EQ(m[r][n].den, 1) << "a determined figure must be an integer";
    recovered[unknowns[pivots[r]]] = m[r][n].num;
  }
  return recovered;
}

// (a), then (b) with what (a) found filled in.
std::map<std::size_t, std::int64_t> recover(const Publication& p) {
  std::map<std::size_t, std::int64_t> recovered = peel(p);
  Publication rest = p;
  for (const auto& [figure, value] : recovered) rest.figures[figure] = value;
  for (const auto& [figure, value] : eliminate(rest)) recovered[figure] = value;
  return recovered;
}

// --- The attack: bounds -----------------------------------------------------------------------------------------

// (c) The upper bound of every figure (the value itself where shown), by interval propagation from [1, grand total].
std::vector<std::int64_t> propagated_upper_bounds(const Publication& p) {
  std::vector<std::int64_t> low(p.figures.size(), 1);
  std::vector<std::int64_t> high(p.figures.size(), p.grand_total);
  for (std::size_t i = 0; i < p.figures.size(); ++i)
    if (p.figures[i]) low[i] = high[i] = *p.figures[i];
  const std::vector<Equation> all = equations(p);
  for (bool narrowed = true; narrowed;) {
    narrowed = false;
    for (const Equation& e : all)
      for (const auto& [u, a] : e.terms) {
        std::int64_t least = 0;  // the range of the other terms
        std::int64_t most = 0;
        for (const auto& [i, b] : e.terms) {
          if (i == u) continue;
          least += std::min(b * low[i], b * high[i]);
          most += std::max(b * low[i], b * high[i]);
        }
        // a * x_u = constant - others, a = +1 or -1
        const std::int64_t lo = a > 0 ? e.constant - most : least - e.constant;
        const std::int64_t hi = a > 0 ? e.constant - least : most - e.constant;
        if (lo > low[u]) low[u] = lo, narrowed = true;
        if (hi < high[u]) high[u] = hi, narrowed = true;
      }
  }
  return high;
}

// Every figure lies in two equations; a hidden figure can be raised by 1 if some hidden figures can be changed by
// +1 or -1 (never below 1) so that every equation still holds: a path through the equations.
bool raise_by_one(const Publication& p, const std::vector<Equation>& all, std::vector<std::int64_t>& table,
                  std::size_t e) {
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> in(p.figures.size());  // (equation, coefficient)
  for (std::size_t q = 0; q < all.size(); ++q)
    for (const auto& [figure, a] : all[q].terms) in[figure].emplace_back(q, a);
  // Raising e unbalances its two equations by its coefficients; walk from the second back to the first.
  const std::size_t start = in[e][1].first;
  const std::int64_t a_start = in[e][1].second;
  const std::size_t goal = in[e][0].first;
  const std::int64_t a_goal = in[e][0].second;
  std::vector<bool> visited(all.size(), false);
  std::vector<std::pair<std::size_t, std::int64_t>> changes;  // (figure, +1 or -1)
  const auto walk = [&](auto&& self, std::size_t q, std::int64_t excess) -> bool {
    if (q == goal) return excess == -a_goal;  // closes: cancels e's excess there
    visited[q] = true;
    for (const auto& [f, a] : all[q].terms) {
      if (f == e || p.figures[f]) continue;
      const std::int64_t d = -excess * a;  // a * d cancels the excess here
      if (d < 0 && table[f] < 2) continue;
      const auto [other, b] = in[f][0].first == q ? in[f][1] : in[f][0];
      if (other != goal && visited[other]) continue;
      changes.emplace_back(f, d);
      if (self(self, other, b * d)) return true;
      changes.pop_back();
    }
    return false;
  };
  if (!walk(walk, start, a_start)) return false;
  table[e] += 1;
  for (const auto& [f, d] : changes) table[f] += d;
  return true;
}

// A table consistent with `p` in which figure e is as large as it can be, up to `cap`, starting from the truth.
std::vector<std::int64_t> witness(const Publication& p, std::vector<std::int64_t> table, std::size_t e,
                                  std::int64_t cap) {
  const std::vector<Equation> all = equations(p);
  while (table[e] < cap && raise_by_one(p, all, table, e)) {
  }
  return table;
}

void expect_consistent(const Publication& p, const std::vector<std::int64_t>& table) {
  for (std::size_t i = 0; i < p.figures.size(); ++i) {
    if (p.figures[i]) {
      EXPECT_EQ(table[i], *p.figures[i]) << "figure " << i;
    }
    EXPECT_GE(table[i], p.figures[i] ? 0 : 1) << "figure " << i;
  }
  for (const Equation& e : equations(p)) {
    std::int64_t sum = 0;
    for (const auto& [figure, a] : e.terms) sum += a * table[figure];
    EXPECT_EQ(sum, e.constant);
  }
}

std::vector<CellDisclosure> marks(const SuppressedTable& t) {
  std::vector<CellDisclosure> all;
  for (const auto& row : t.cells)
    for (const SuppressedCount& cell : row) all.push_back(cell.disclosure);
  for (const SuppressedCount& total : t.row_totals) all.push_back(total.disclosure);
  for (const SuppressedCount& total : t.column_totals) all.push_back(total.disclosure);
  return all;
}

// The whole attack on suppress_small_cells(counts, k): nothing recovered, no primary figure bounded below what the
// grand total and the zeros allow (k, mostly).
void expect_withstands_the_attack(const CountTable& counts, std::int64_t k) {
  const SuppressedTable table = suppress_small_cells(counts, k);
  const Publication p = published(table);
  const std::vector<std::int64_t> values = truth(counts);
  for (const auto& [figure, value] : recover(p)) ADD_FAILURE() << "recovered figure " << figure << " = " << value;
  const std::vector<std::int64_t> propagated = propagated_upper_bounds(p);
  const std::vector<CellDisclosure> disclosure = marks(table);
  for (std::size_t e = 0; e < p.figures.size(); ++e) {
    if (disclosure[e] != CellDisclosure::primary) continue;
    const std::int64_t target = std::min(k, witness(all_hidden(counts), values, e, k)[e]);
    const std::vector<std::int64_t> alternative = witness(p, values, e, k);
    expect_consistent(p, alternative);
    EXPECT_GE(alternative[e], target) << "figure " << e << " (" << values[e] << ") is proved below " << target;
    EXPECT_GE(propagated[e], alternative[e]);
  }
}

// Random tables with many small cells: zeros, counts 1 to 4 and larger ones, up to 12 x 8; fixed seeds.
CountTable random_table(std::mt19937& gen) {
  const std::size_t rows = 1 + gen() % 12;
  const std::size_t columns = 1 + gen() % 8;
  CountTable counts(rows, std::vector<std::int64_t>(columns));
  for (auto& row : counts)
    for (std::int64_t& count : row) {
      const unsigned kind = gen() % 10;
      count = static_cast<std::int64_t>(kind < 3 ? 0 : kind < 7 ? 1 + gen() % 4 : 5 + gen() % 40);
    }
  return counts;
}

// The suppression graph of two 2 x 2 blocks of small cells joined by one small cell: every row and column has two
// unknowns or more, so peeling finds nothing, yet the joining cell is determined.
const CountTable kChained = {
    {1, 2, 30, 40, 50}, {3, 4, 2, 41, 51}, {31, 32, 1, 3, 52}, {33, 34, 4, 2, 53}, {60, 61, 62, 63, 64}};

// --- Tests --------------------------------------------------------------------------------------------------------

TEST(CellSuppression, ACellBelowKIsHiddenWithAPartnerInItsRowAndColumn) {
  const SuppressedTable t = suppress_small_cells({{3, 10, 12}, {8, 9, 7}, {20, 15, 30}});
  EXPECT_EQ(t.cells[0][0], (SuppressedCount{std::nullopt, CellDisclosure::primary}));
  int in_row = 0;
  int in_column = 0;
  for (std::size_t i = 1; i < 3; ++i) {
    in_row += t.cells[0][i].disclosure == CellDisclosure::complementary ? 1 : 0;
    in_column += t.cells[i][0].disclosure == CellDisclosure::complementary ? 1 : 0;
  }
  EXPECT_EQ(in_row, 1);
  EXPECT_EQ(in_column, 1);
  for (const SuppressedCount& total : t.row_totals) EXPECT_TRUE(total.count.has_value());
  for (const SuppressedCount& total : t.column_totals) EXPECT_TRUE(total.count.has_value());
  EXPECT_EQ(t.grand_total, 114);
  EXPECT_EQ(t.row_totals[0].count, 25);
  EXPECT_TRUE(exactly_determined_entries(t).empty());
}

TEST(CellSuppression, CountsFromKUpAndZerosAreShown) {
  const SuppressedTable t = suppress_small_cells({{0, 5, 4, 20}, {0, 6, 1, 30}, {0, 7, 50, 40}});
  EXPECT_EQ(t.k, kDefaultSuppressionThreshold);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(t.cells[r][0], (SuppressedCount{0, CellDisclosure::published}));
  EXPECT_EQ(t.column_totals[0].count, 0);
  EXPECT_EQ(t.cells[0][2].disclosure, CellDisclosure::primary);
  EXPECT_EQ(t.cells[1][2].disclosure, CellDisclosure::primary);
  for (const auto& row : t.cells)
    for (const SuppressedCount& cell : row)
      EXPECT_EQ(cell.count.has_value(), cell.disclosure == CellDisclosure::published);
  // Zeros are never hidden, not even as partners: a table full of zeros and small counts hides only the small ones.
  const CountTable sparse = {{1, 0, 9}, {0, 2, 8}, {7, 6, 0}};
  const SuppressedTable hidden = suppress_small_cells(sparse);
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 3; ++c)
      if (sparse[r][c] == 0) {
        EXPECT_EQ(hidden.cells[r][c], (SuppressedCount{0, CellDisclosure::published})) << r << c;
      }
  expect_withstands_the_attack(sparse, 5);
  EXPECT_EQ(to_string(CellDisclosure::published), "published");
  EXPECT_EQ(to_string(CellDisclosure::primary), "primary");
  EXPECT_EQ(to_string(CellDisclosure::complementary), "complementary");
}

TEST(CellSuppression, KIsConfigurable) {
  const CountTable counts = {{2, 6, 9, 30}, {7, 3, 12, 40}, {20, 25, 8, 50}};
  const auto primary = [](const SuppressedTable& t) {
    std::vector<std::int64_t> hidden;
    for (std::size_t r = 0; r < t.rows(); ++r)
      for (std::size_t c = 0; c < t.columns(); ++c)
        if (t.cells[r][c].disclosure == CellDisclosure::primary)
          hidden.push_back(static_cast<std::int64_t>(r * 10 + c));
    return hidden;
  };
  EXPECT_EQ(primary(suppress_small_cells(counts, 3)), (std::vector<std::int64_t>{0}));
  EXPECT_EQ(primary(suppress_small_cells(counts)), (std::vector<std::int64_t>{0, 11}));
  EXPECT_EQ(primary(suppress_small_cells(counts, 10)), (std::vector<std::int64_t>{0, 1, 2, 10, 11, 22}));
  const SuppressedTable none = suppress_small_cells(counts, 1);
  EXPECT_EQ(none, suppress_small_cells({{2, 6, 9, 30}, {7, 3, 12, 40}, {20, 25, 8, 50}}, 1));
  for (const auto& row : none.cells)
    for (const SuppressedCount& cell : row) EXPECT_EQ(cell.disclosure, CellDisclosure::published);
  for (std::int64_t k : {2, 3, 5, 10, 20}) expect_withstands_the_attack(counts, k);
}

TEST(CellSuppression, ATotalBelowKIsHiddenWithItsCells) {
  // Row 0 is 3 cases, all in one column: its total is the cell, and it is hidden with a partner row.
  const SuppressedTable t = suppress_small_cells({{3, 0, 0}, {10, 20, 30}, {5, 6, 7}});
  EXPECT_EQ(t.cells[0][0].disclosure, CellDisclosure::primary);
  EXPECT_EQ(t.row_totals[0].disclosure, CellDisclosure::primary);
  EXPECT_EQ(t.cells[0][1].count, 0);
  EXPECT_EQ(t.row_totals[2].disclosure, CellDisclosure::complementary);
  EXPECT_EQ(t.cells[2][0].disclosure, CellDisclosure::complementary);
  EXPECT_EQ(t.row_totals[1].count, 60);
  for (const SuppressedCount& total : t.column_totals) EXPECT_TRUE(total.count.has_value());
  expect_withstands_the_attack({{3, 0, 0}, {10, 20, 30}, {5, 6, 7}}, 5);
  expect_withstands_the_attack({{1, 1, 0, 0}, {2, 0, 1, 0}, {9, 8, 7, 6}, {20, 2, 0, 30}}, 5);
}

TEST(CellSuppression, AOneColumnTableHidesRowTotalsWithTheirCells) {
  const SuppressedTable t = suppress_small_cells({{3}, {20}, {40}, {0}});
  EXPECT_EQ(t.cells[0][0].disclosure, CellDisclosure::primary);
  EXPECT_EQ(t.cells[1][0].disclosure, CellDisclosure::complementary);  // the smaller partner
  EXPECT_EQ(t.cells[2][0].count, 40);
  for (std::size_t r = 0; r < 4; ++r) EXPECT_EQ(t.row_totals[r].count, t.cells[r][0].count) << r;
  EXPECT_EQ(t.column_totals[0].count, 63);
  expect_withstands_the_attack({{3}, {20}, {40}, {0}}, 5);
  expect_withstands_the_attack({{1}, {2}, {40}, {7}}, 5);  // 1 and 2 sum to 3: the 7 or the 40 joins them
}

TEST(CellSuppression, ATableBelowKShowsOnlyTheGrandTotal) {
  const SuppressedTable t = suppress_small_cells({{1, 0}, {1, 2}});
  EXPECT_EQ(t.grand_total, 4);
  for (const auto& row : t.cells)
    for (const SuppressedCount& cell : row) EXPECT_TRUE(!cell.count || *cell.count == 0);
  for (const SuppressedCount& total : t.row_totals) EXPECT_FALSE(total.count.has_value());
  for (const SuppressedCount& total : t.column_totals) EXPECT_FALSE(total.count.has_value());
  EXPECT_TRUE(exactly_determined_entries(t).empty());
}

TEST(CellSuppression, AFigureThatIsTheGrandTotalIsShown) {
  // One non-zero row: its total is the grand total; the cells below k stay hidden between the column totals.
  const SuppressedTable t = suppress_small_cells({{2, 1, 0}, {0, 0, 0}});
  EXPECT_EQ(t.row_totals[0], (SuppressedCount{3, CellDisclosure::published}));
  EXPECT_FALSE(t.cells[0][0].count.has_value());
  EXPECT_FALSE(t.column_totals[1].count.has_value());
  const SuppressedTable one = suppress_small_cells({{0, 0}, {0, 4}});
  EXPECT_EQ(one.cells[1][1], (SuppressedCount{4, CellDisclosure::published}));  // = the grand total, shown anyway
}

TEST(CellSuppression, HiddenCellsThatSumBelowKAreJoinedByALargerOne) {
  // Hiding 2 and 1 with their column partners would leave "these two sum to 3" in row 0: each 1 or 2.
  const CountTable counts = {{2, 1, 50}, {30, 40, 60}, {20, 20, 20}};
  const SuppressedTable t = suppress_small_cells(counts);
  for (std::size_t c = 0; c < 3; ++c) EXPECT_FALSE(t.cells[0][c].count.has_value()) << c;
  EXPECT_GE(feasible_upper_bound(counts, t, {TableEntryKind::cell, 0, 0}), 5);
  EXPECT_GE(feasible_upper_bound(counts, t, {TableEntryKind::cell, 0, 1}), 5);
  EXPECT_EQ(feasible_upper_bound(counts, t, {TableEntryKind::cell, 1, 1}), 40);  // shown
  expect_withstands_the_attack(counts, 5);
}

TEST(CellSuppressionAttack, TheAttackRecoversCellsOfNaivelySuppressedTables) {
  // Peeling: the 3 is alone in its row.
  const CountTable simple = {{3, 10, 12}, {8, 9, 7}, {20, 15, 30}};
  const Publication p = naive(simple, 5);
  EXPECT_EQ(peel(p), (std::map<std::size_t, std::int64_t>{{p.cell(0, 0), 3}}));
  // Elimination: no line has one unknown, yet the cell joining the two blocks is determined, and only it.
  const Publication chained = naive(kChained, 5);
  EXPECT_TRUE(peel(chained).empty());
  EXPECT_EQ(recover(chained), (std::map<std::size_t, std::int64_t>{{chained.cell(1, 2), 2}}));
  EXPECT_EQ(suppress_small_cells(kChained).cells[1][2].disclosure, CellDisclosure::primary);
  // Random tables: naive suppression gives cells away, always their true value.
  std::mt19937 gen(20251203);
  int primary = 0;
  int recovered = 0;
  for (int i = 0; i < 100; ++i) {
    const CountTable counts = random_table(gen);
    const Publication view = naive(counts, 5);
    const std::vector<std::int64_t> values = truth(counts);
    for (const auto& figure : view.figures) primary += figure ? 0 : 1;
    for (const auto& [figure, value] : recover(view)) {
      EXPECT_EQ(value, values[figure]);
      ++recovered;
    }
  }
  RecordProperty("naive_primary_cells", primary);
  RecordProperty("naive_recovered_cells", recovered);
  EXPECT_GT(recovered, primary / 4);
}

TEST(CellSuppressionAttack, TheAttackRecoversNothingAndBoundsNoPrimaryFigureBelowK) {
  expect_withstands_the_attack({{3, 10, 12}, {8, 9, 7}, {20, 15, 30}}, 5);
  expect_withstands_the_attack(kChained, 5);
  expect_withstands_the_attack({{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, 5);
  expect_withstands_the_attack({{4, 0, 0, 9}, {0, 4, 0, 9}, {0, 0, 4, 9}, {1, 1, 1, 1}}, 5);
  expect_withstands_the_attack({{2, 40}, {60, 80}}, 5);
  for (std::uint32_t seed : {1U, 2U, 3U, 12U, 20251203U}) {
    std::mt19937 gen(seed);
    for (int i = 0; i < 40; ++i) {
      const CountTable counts = random_table(gen);
      const std::int64_t k = std::array<std::int64_t, 4>{3, 5, 5, 10}[gen() % 4];
      SCOPED_TRACE("seed " + std::to_string(seed) + ", table " + std::to_string(i) + ", k " + std::to_string(k));
      expect_withstands_the_attack(counts, k);
    }
  }
}

TEST(CellSuppression, TheModulesOwnChecksAgreeWithTheAttack) {
  // The module's checker flags what the attack recovers; its bound is the witness's.
  SuppressedTable naive_table = suppress_small_cells(kChained, 1);  // everything shown, then hidden as naive
  for (auto& row : naive_table.cells)
    for (SuppressedCount& cell : row)
      if (cell.count && *cell.count > 0 && *cell.count < 5) cell = {std::nullopt, CellDisclosure::primary};
  EXPECT_EQ(exactly_determined_entries(naive_table), (std::vector<TableEntry>{{TableEntryKind::cell, 1, 2}}));
  std::mt19937 gen(7);
  for (int i = 0; i < 30; ++i) {
    const CountTable counts = random_table(gen);
    const SuppressedTable t = suppress_small_cells(counts);
    const Publication p = published(t);
    const std::vector<CellDisclosure> disclosure = marks(t);
    for (std::size_t e = 0; e < p.rows * p.columns; ++e)
      if (disclosure[e] != CellDisclosure::published) {
        const TableEntry entry{TableEntryKind::cell, e / p.columns, e % p.columns};
        EXPECT_EQ(std::min<std::int64_t>(feasible_upper_bound(counts, t, entry), 60),
                  witness(p, truth(counts), e, 60)[e]);
      }
  }
}

TEST(CellSuppression, TheSameCountsGiveTheSameTable) {
  std::mt19937 first(99);
  std::mt19937 second(99);  // the same tables, built again as separate values
  for (int i = 0; i < 20; ++i) {
    const CountTable counts = random_table(first);
    const SuppressedTable once = suppress_small_cells(counts);
    EXPECT_EQ(once, suppress_small_cells(random_table(second)));
    EXPECT_EQ(once, suppress_small_cells(counts));
  }
  // And the very choice, pinned: the cheapest partners of the 3 (12 + 8 + 7 ties with 10 + 8 + 9; the first wins).
  const SuppressedTable t = suppress_small_cells({{3, 10, 12}, {8, 9, 7}, {20, 15, 30}});
  std::vector<std::string> shown;
  for (const auto& row : t.cells)
    for (const SuppressedCount& cell : row) shown.push_back(cell.count ? std::to_string(*cell.count) : "-");
  EXPECT_EQ(shown, (std::vector<std::string>{"-", "10", "-", "-", "9", "-", "20", "15", "30"}));
}

TEST(CellSuppression, InvalidInputIsRefused) {
  EXPECT_THROW(suppress_small_cells({{1, -2}, {3, 4}}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({{1, 2}, {3}}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({{}}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({{1, 2}}, 0), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({{1, 2}}, kMaxSuppressionThreshold + 1), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells(CountTable(kMaxSuppressionRows + 1, {1})), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({std::vector<std::int64_t>(kMaxSuppressionColumns + 1, 1)}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells(CountTable(kMaxSuppressionRows, std::vector<std::int64_t>(kMaxSuppressionColumns))),
               std::invalid_argument);  // more cells than the bound
  EXPECT_THROW(suppress_small_cells({{kMaxSuppressionCount + 1}}), std::invalid_argument);
  EXPECT_THROW(suppress_small_cells({{kMaxSuppressionCount, 1}}), std::invalid_argument);  // the grand total
  try {
    (void)suppress_small_cells({{1, 2}, {3, -4}});
    ADD_FAILURE() << "a negative count was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "cell suppression: the count at row 1, column 1 is negative (-4)");
  }
  const CountTable counts = {{3, 10}, {8, 9}};
  const SuppressedTable t = suppress_small_cells(counts);
  EXPECT_THROW((void)feasible_upper_bound({{3, 10}, {8, 8}}, t, {}), std::invalid_argument);  // not its counts
  EXPECT_THROW((void)feasible_upper_bound(counts, t, {TableEntryKind::row_total, 2, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::domain

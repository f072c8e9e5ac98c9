#include "domain/cell_suppression.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace tongban::domain {
namespace {

// The table as a directed graph. Nodes: the rows 0..R-1, the columns R..R+C-1, the source of the row totals (R+C)
// and the sink of the column totals (R+C+1). One edge per figure: a cell row -> column, a row total source -> row, a
// column total column -> sink. The grand total would be the edge sink -> source; it is always published, so it is no
// edge here. Every node conserves (what flows in flows out): those are exactly the equations of the totals. So a
// hidden figure is determined iff it lies on no cycle of hidden figures, and it can grow by what can be pushed
// around such cycles (hidden figures staying >= 1).
struct Figure {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t count = 0;
  bool margin = false;
};

struct TableGraph {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<Figure> figures;  // cells row by row, then row totals, then column totals
  std::int64_t grand_total = 0;

  std::size_t nodes() const { return rows + columns + 2; }
  std::size_t source() const { return rows + columns; }
  std::size_t sink() const { return rows + columns + 1; }
  std::size_t row_total(std::size_t row) const { return rows * columns + row; }
  std::size_t column_total(std::size_t column) const { return rows * columns + rows + column; }
};

// Larger than any flow or cost (all are sums of counts, below 4 x 10^15), small enough never to overflow.
constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max() / 4;

std::string at(std::size_t row, std::size_t column) {
  return "row " + std::to_string(row) + ", column " + std::to_string(column);
}

void check_shape(std::size_t rows, std::size_t columns) {
  if (rows == 0 || columns == 0)
    throw std::invalid_argument("cell suppression: a table has at least one row and column");
  if (rows > kMaxSuppressionRows)
    throw std::invalid_argument("cell suppression: " + std::to_string(rows) + " rows, at most " +
                                std::to_string(kMaxSuppressionRows));
  if (columns > kMaxSuppressionColumns)
    throw std::invalid_argument("cell suppression: " + std::to_string(columns) + " columns, at most " +
                                std::to_string(kMaxSuppressionColumns));
  if (rows * columns > kMaxSuppressionCells)
    throw std::invalid_argument("cell suppression: " + std::to_string(rows * columns) + " cells, at most " +
                                std::to_string(kMaxSuppressionCells));
}

void validate(const CountTable& counts, std::int64_t k) {
  if (k < 1 || k > kMaxSuppressionThreshold)
    throw std::invalid_argument("cell suppression: k must be 1 to " + std::to_string(kMaxSuppressionThreshold) +
                                ", not " + std::to_string(k));
  check_shape(counts.size(), counts.empty() ? 0 : counts.front().size());
  std::int64_t total = 0;  // at most 4000 counts of at most 10^15: no overflow
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (counts[r].size() != counts.front().size())
      throw std::invalid_argument("cell suppression: row " + std::to_string(r) + " has " +
                                  std::to_string(counts[r].size()) + " columns, row 0 has " +
                                  std::to_string(counts.front().size()));
    for (std::size_t c = 0; c < counts[r].size(); ++c) {
      const std::int64_t count = counts[r][c];
      if (count < 0)
        throw std::invalid_argument("cell suppression: the count at " + at(r, c) + " is negative (" +
                                    std::to_string(count) + ")");
      if (count > kMaxSuppressionCount)
        throw std::invalid_argument("cell suppression: the count at " + at(r, c) + " exceeds 10^15");
      total += count;
    }
  }
  if (total > kMaxSuppressionCount) throw std::invalid_argument("cell suppression: the grand total exceeds 10^15");
}

// The graph of a table of `rows` x `columns`; counts when given (the checks that read only what is published pass
// none: the structure is all they need).
TableGraph make_graph(std::size_t rows, std::size_t columns, const CountTable* counts) {
  TableGraph g;
  g.rows = rows;
  g.columns = columns;
  g.figures.resize(rows * columns + rows + columns);
  for (std::size_t r = 0; r < rows; ++r) {
    g.figures[g.row_total(r)] = {g.source(), r, 0, true};
    for (std::size_t c = 0; c < columns; ++c) g.figures[r * columns + c] = {r, rows + c, 0, false};
  }
  for (std::size_t c = 0; c < columns; ++c) g.figures[g.column_total(c)] = {rows + c, g.sink(), 0, true};
  if (counts == nullptr) return g;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < columns; ++c) {
      const std::int64_t count = (*counts)[r][c];
      g.figures[r * columns + c].count = count;
      g.figures[g.row_total(r)].count += count;
      g.figures[g.column_total(c)].count += count;
      g.grand_total += count;
    }
  return g;
}

std::vector<bool> hidden_of(const std::vector<CellDisclosure>& marks) {
  std::vector<bool> hidden(marks.size());
  for (std::size_t i = 0; i < marks.size(); ++i) hidden[i] = marks[i] != CellDisclosure::published;
  return hidden;
}

std::int64_t checked_combination(std::int64_t a, std::int64_t x, std::int64_t b, std::int64_t y) {
  std::int64_t ax = 0;
  std::int64_t by = 0;
  std::int64_t result = 0;
  if (__builtin_mul_overflow(a, x, &ax) || __builtin_mul_overflow(b, y, &by) || __builtin_sub_overflow(ax, by, &result))
    throw std::overflow_error("cell suppression: overflow in the elimination");
  return result;
}

// Rule 1, by Gauss–Jordan elimination over the integers: the equations (one per node, a figure's coefficient -1 where
// it leaves and +1 where it enters) restricted to the hidden figures, reduced row by row; each row is kept divided by
// the gcd of its entries, so the arithmetic is exact. A hidden figure is determined iff its pivot row has no other
// non-zero entry (e_i is in the row space). determined[i] for every figure i.
std::vector<bool> determined_figures(const TableGraph& g, const std::vector<bool>& hidden) {
  std::vector<std::size_t> unknowns;
  for (std::size_t i = 0; i < g.figures.size(); ++i)
    if (hidden[i]) unknowns.push_back(i);
  const std::size_t n = unknowns.size();
  std::vector<std::vector<std::int64_t>> m(g.nodes(), std::vector<std::int64_t>(n, 0));
  for (std::size_t j = 0; j < n; ++j) {
    m[g.figures[unknowns[j]].from][j] -= 1;
    m[g.figures[unknowns[j]].to][j] += 1;
  }
  std::vector<std::size_t> pivot_columns;
  for (std::size_t column = 0; column < n && pivot_columns.size() < m.size(); ++column) {
    const std::size_t rank = pivot_columns.size();
    std::size_t pivot = rank;
    while (pivot < m.size() && m[pivot][column] == 0) ++pivot;
    if (pivot == m.size()) continue;
    std::swap(m[pivot], m[rank]);
    for (std::size_t q = 0; q < m.size(); ++q) {
      if (q == rank || m[q][column] == 0) continue;
      const std::int64_t a = m[rank][column];
      const std::int64_t b = m[q][column];
      std::int64_t divisor = 0;
      for (std::size_t j = 0; j < n; ++j) {
        m[q][j] = checked_combination(a, m[q][j], b, m[rank][j]);
        divisor = std::gcd(divisor, m[q][j]);
      }
      if (divisor > 1)
        for (std::int64_t& value : m[q]) value /= divisor;
    }
    pivot_columns.push_back(column);
  }
  std::vector<bool> determined(g.figures.size(), false);
  for (std::size_t r = 0; r < pivot_columns.size(); ++r) {
    std::size_t non_zero = 0;
    for (std::int64_t value : m[r]) non_zero += value != 0 ? 1 : 0;
    if (non_zero == 1) determined[unknowns[pivot_columns[r]]] = true;
  }
  return determined;
}

// The price of hiding a figure: margins before cells (a margin only when no cells can do), then the counts hidden.
struct Cost {
  std::int64_t margins = 0;
  std::int64_t cells = 0;
  bool operator==(const Cost& other) const { return margins == other.margins && cells == other.cells; }
  bool operator<(const Cost& other) const {
    return margins != other.margins ? margins < other.margins : cells < other.cells;
  }
  Cost operator+(const Cost& other) const { return {margins + other.margins, cells + other.cells}; }
};

Cost price(const Figure& figure, bool hidden) {
  if (hidden) return {};
  return figure.margin ? Cost{figure.count, 0} : Cost{0, figure.count};
}

struct Step {
  std::size_t to = 0;
  std::size_t figure = 0;
  Cost cost;
};

// Dijkstra: the figures along a cheapest path from `source` to `target`, or nullopt when there is none. Ties go to
// the path found first, in the order of the steps (a fixed order of rows and columns): deterministic.
std::optional<std::vector<std::size_t>> cheapest_path(const std::vector<std::vector<Step>>& steps, std::size_t source,
                                                      std::size_t target) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::optional<Cost>> best(steps.size());
  std::vector<std::pair<std::size_t, std::size_t>> via(steps.size(), {kNone, kNone});  // (node, figure) before
  using Entry = std::pair<Cost, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  best[source] = Cost{};
  queue.emplace(Cost{}, source);
  while (!queue.empty()) {
    const auto [cost, node] = queue.top();
    queue.pop();
    if (!(cost == *best[node])) continue;
    if (node == target) break;
    for (const Step& step : steps[node]) {
      const Cost next = cost + step.cost;
      if (best[step.to] && !(next < *best[step.to])) continue;
      best[step.to] = next;
      via[step.to] = {node, step.figure};
      queue.emplace(next, step.to);
    }
  }
  if (!best[target]) return std::nullopt;
  std::vector<std::size_t> figures;
  for (std::size_t node = target; node != source; node = via[node].first) figures.push_back(via[node].second);
  return figures;
}

// Hides the figures of `path` still published; whether there was one.
bool hide(const std::vector<std::size_t>& path, std::vector<CellDisclosure>& marks) {
  bool added = false;
  for (std::size_t figure : path)
    if (marks[figure] == CellDisclosure::published) {
      marks[figure] = CellDisclosure::complementary;
      added = true;
    }
  return added;
}

// Rule 1 repaired for `e`: the cheapest cycle through e, hidden figures free, in the graph without direction (a
// cycle of hidden figures is what leaves each of them undetermined). Zeros are never on it.
bool close_cycle(const TableGraph& g, std::vector<CellDisclosure>& marks, std::size_t e) {
  std::vector<std::vector<Step>> steps(g.nodes());
  for (std::size_t i = 0; i < g.figures.size(); ++i) {
    const Figure& f = g.figures[i];
    if (i == e || f.count == 0) continue;
    const Cost cost = price(f, marks[i] != CellDisclosure::published);
    steps[f.from].push_back({f.to, i, cost});
    steps[f.to].push_back({f.from, i, cost});
  }
  const auto path = cheapest_path(steps, g.figures[e].to, g.figures[e].from);
  if (!path) throw std::logic_error("cell suppression: a hidden figure lies on no cycle of the table");
  return hide(*path, marks);
}

// The residual network of the table: raising a figure e by d means pushing d from e's head back to its tail through
// the other non-zero figures, each raised without limit (an arc along it) or lowered down to 1 (an arc against it,
// of capacity count - 1). Only the arcs of usable figures carry flow (e itself is never usable for its own bound).
// reset() restores the capacities for the next figure.
class Network {
 public:
  explicit Network(const TableGraph& g) : out_(g.nodes()), level_(g.nodes()), next_(g.nodes()) {
    for (std::size_t i = 0; i < g.figures.size(); ++i) {
      const Figure& f = g.figures[i];
      if (f.count == 0) continue;
      add(f.from, f.to, kUnbounded, i);
      if (f.count >= 2) add(f.to, f.from, f.count - 1, i);
    }
    initial_ = capacity_;
  }

  void reset() { capacity_ = initial_; }

  // Pushes up to `limit` more from `source` to `target`; what it pushed. Dinic: breadth-first levels through
  // the usable arcs that can carry flow, then depth-first blocking flows along them, until no path remains.
  std::int64_t push(std::size_t source, std::size_t target, std::int64_t limit, const std::vector<bool>& usable) {
    std::int64_t pushed = 0;
    while (pushed < limit && level(source, target, usable)) {
      std::fill(next_.begin(), next_.end(), 0);
      while (pushed < limit) {
        const std::int64_t amount = augment(source, target, limit - pushed, usable);
        if (amount == 0) break;
        pushed += amount;
      }
    }
    return pushed;
  }

  // The steps through arcs that can still carry flow, but those of figure `e`, priced as hiding their figures costs.
  std::vector<std::vector<Step>> steps(const TableGraph& g, const std::vector<bool>& hidden, std::size_t e) const {
    std::vector<std::vector<Step>> steps(out_.size());
    for (std::size_t node = 0; node < out_.size(); ++node)
      for (std::size_t a : out_[node]) {
        const std::size_t f = figure_[a];
        if (capacity_[a] > 0 && f != e) steps[node].push_back({head_[a], f, price(g.figures[f], hidden[f])});
      }
    return steps;
  }

 private:
  // Levels by breadth-first search from `source`; whether `target` was reached.
  bool level(std::size_t source, std::size_t target, const std::vector<bool>& usable) {
    std::fill(level_.begin(), level_.end(), -1);
    level_[source] = 0;
    std::queue<std::size_t> frontier;
    frontier.push(source);
    while (!frontier.empty() && level_[target] < 0) {  // nodes past the target's level lead nowhere useful
      const std::size_t node = frontier.front();
      frontier.pop();
      for (std::size_t a : out_[node])
        if (capacity_[a] > 0 && usable[figure_[a]] && level_[head_[a]] < 0) {
          level_[head_[a]] = level_[node] + 1;
          frontier.push(head_[a]);
        }
    }
    return level_[target] >= 0;
  }

  // One path of increasing level from `node` to `target`, pushing at most `limit`; what it pushed.
  std::int64_t augment(std::size_t node, std::size_t target, std::int64_t limit, const std::vector<bool>& usable) {
    if (node == target) return limit;
    for (; next_[node] < out_[node].size(); ++next_[node]) {
      const std::size_t a = out_[node][next_[node]];
      if (capacity_[a] == 0 || !usable[figure_[a]] || level_[head_[a]] != level_[node] + 1) continue;
      const std::int64_t amount = augment(head_[a], target, std::min(limit, capacity_[a]), usable);
      if (amount > 0) {
        capacity_[a] -= amount;
        capacity_[a ^ 1] += amount;
        return amount;
      }
    }
    return 0;
  }

  // An arc and its reverse, at indices 2i and 2i + 1 (so the reverse of a is a ^ 1).
  void add(std::size_t from, std::size_t to, std::int64_t capacity, std::size_t figure) {
    for (const auto& [tail, head, cap] : {std::tuple{from, to, capacity}, std::tuple{to, from, std::int64_t{0}}}) {
      out_[tail].push_back(head_.size());
      head_.push_back(head);
      capacity_.push_back(cap);
      figure_.push_back(figure);
    }
  }

  std::vector<std::vector<std::size_t>> out_;
  std::vector<std::size_t> head_;
  std::vector<std::size_t> figure_;
  std::vector<std::int64_t> capacity_;
  std::vector<std::int64_t> initial_;
  std::vector<int> level_;
  std::vector<std::size_t> next_;  // per node, the first arc not yet tried in this phase
};

// How far the figures marked usable let the figure e grow, up to `limit`, in a reset network.
std::int64_t growth(const TableGraph& g, Network& network, std::vector<bool> usable, std::size_t e,
                    std::int64_t limit) {
  usable[e] = false;
  network.reset();
  return network.push(g.figures[e].to, g.figures[e].from, limit, usable);
}

// Rule 2 repaired for the primary figure e: while the hidden figures let e grow by less than they would if every
// non-zero figure were hidden (capped at k - count), hide the figures of a cheapest path that lets it grow more.
bool raise_upper_bound(const TableGraph& g, Network& network, std::vector<CellDisclosure>& marks, std::size_t e,
                       std::int64_t k) {
  const Figure& f = g.figures[e];
  std::vector<bool> hidden = hidden_of(marks);
  const std::int64_t grown = growth(g, network, hidden, e, k - f.count);
  if (grown == k - f.count) return false;
  const std::int64_t need = growth(g, network, std::vector<bool>(g.figures.size(), true), e, k - f.count);
  if (need == grown) return false;
  std::int64_t pushed = growth(g, network, hidden, e, need);
  bool added = false;
  while (pushed < need) {
    const auto path = cheapest_path(network.steps(g, hidden, e), f.to, f.from);
    if (!path) throw std::logic_error("cell suppression: no path raises a hidden figure's upper bound");
    added = hide(*path, marks) || added;
    hidden = hidden_of(marks);
    hidden[e] = false;
    pushed += network.push(f.to, f.from, need - pushed, hidden);
  }
  return added;
}

// Primary suppression: 0 < count < k, except the figures equal to the grand total by the zeros of the table (the
// total of the only non-zero row or column, the only non-zero cell).
std::vector<CellDisclosure> primary_marks(const TableGraph& g, std::int64_t k) {
  std::size_t non_zero_rows = 0;
  std::size_t non_zero_columns = 0;
  std::size_t non_zero_cells = 0;
  for (std::size_t i = 0; i < g.figures.size(); ++i) {
    if (g.figures[i].count == 0) continue;
    if (i < g.rows * g.columns)
      ++non_zero_cells;
    else if (i < g.column_total(0))
      ++non_zero_rows;
    else
      ++non_zero_columns;
  }
  std::vector<CellDisclosure> marks(g.figures.size(), CellDisclosure::published);
  for (std::size_t i = 0; i < g.figures.size(); ++i) {
    const std::int64_t count = g.figures[i].count;
    const bool is_grand_total = i < g.rows * g.columns  ? non_zero_cells == 1
                                : i < g.column_total(0) ? non_zero_rows == 1
                                                        : non_zero_columns == 1;
    if (count > 0 && count < k && !is_grand_total) marks[i] = CellDisclosure::primary;
  }
  return marks;
}

SuppressedCount shown(const Figure& figure, CellDisclosure mark) {
  if (mark == CellDisclosure::published) return {figure.count, mark};
  return {std::nullopt, mark};
}

std::size_t index_of(const TableGraph& g, TableEntry entry) {
  const bool row_ok = entry.row < g.rows;
  const bool column_ok = entry.column < g.columns;
  switch (entry.kind) {
    case TableEntryKind::cell:
      if (row_ok && column_ok) return entry.row * g.columns + entry.column;
      break;
    case TableEntryKind::row_total:
      if (row_ok) return g.row_total(entry.row);
      break;
    case TableEntryKind::column_total:
      if (column_ok) return g.column_total(entry.column);
      break;
  }
  throw std::invalid_argument("cell suppression: the entry is outside the table");
}

TableEntry entry_of(const TableGraph& g, std::size_t i) {
  if (i < g.rows * g.columns) return {TableEntryKind::cell, i / g.columns, i % g.columns};
  if (i < g.column_total(0)) return {TableEntryKind::row_total, i - g.row_total(0), 0};
  return {TableEntryKind::column_total, 0, i - g.column_total(0)};
}

// The published view of a SuppressedTable, figure by figure (nullopt: hidden), after checking its shape.
std::vector<const SuppressedCount*> figures_of(const SuppressedTable& table) {
  check_shape(table.rows(), table.columns());
  if (table.cells.size() != table.rows())
    throw std::invalid_argument("cell suppression: one row of cells per row total");
  std::vector<const SuppressedCount*> figures;
  for (const auto& row : table.cells) {
    if (row.size() != table.columns())
      throw std::invalid_argument("cell suppression: one cell per column total in every row");
    for (const SuppressedCount& cell : row) figures.push_back(&cell);
  }
  for (const SuppressedCount& total : table.row_totals) figures.push_back(&total);
  for (const SuppressedCount& total : table.column_totals) figures.push_back(&total);
  return figures;
}

}  // namespace

std::string_view to_string(CellDisclosure disclosure) {
  switch (disclosure) {
    case CellDisclosure::published: return "published";
    case CellDisclosure::primary: return "primary";
    case CellDisclosure::complementary: return "complementary";
  }
  return "published";
}

SuppressedTable suppress_small_cells(const CountTable& counts, std::int64_t k) {
  validate(counts, k);
  const TableGraph g = make_graph(counts.size(), counts.front().size(), &counts);
  std::vector<CellDisclosure> marks = primary_marks(g, k);
  for (;;) {
    bool added = false;
    bool any_determined = false;
    const std::vector<bool> determined = determined_figures(g, hidden_of(marks));
    for (std::size_t i = 0; i < g.figures.size(); ++i)
      if (determined[i]) {
        any_determined = true;
        added = close_cycle(g, marks, i) || added;
      }
    if (any_determined && !added) throw std::logic_error("cell suppression: the elimination and the cycles disagree");
    if (added) continue;
    Network network(g);
    for (std::size_t i = 0; i < g.figures.size(); ++i)
      if (marks[i] == CellDisclosure::primary) added = raise_upper_bound(g, network, marks, i, k) || added;
    if (!added) break;
  }
  SuppressedTable table;
  table.k = k;
  table.grand_total = g.grand_total;
  table.cells.resize(g.rows);
  for (std::size_t r = 0; r < g.rows; ++r) {
    for (std::size_t c = 0; c < g.columns; ++c)
      table.cells[r].push_back(shown(g.figures[r * g.columns + c], marks[r * g.columns + c]));
    table.row_totals.push_back(shown(g.figures[g.row_total(r)], marks[g.row_total(r)]));
  }
  for (std::size_t c = 0; c < g.columns; ++c)
    table.column_totals.push_back(shown(g.figures[g.column_total(c)], marks[g.column_total(c)]));
  return table;
}

std::vector<TableEntry> exactly_determined_entries(const SuppressedTable& table) {
  const std::vector<const SuppressedCount*> figures = figures_of(table);
  const TableGraph g = make_graph(table.rows(), table.columns(), nullptr);
  std::vector<bool> hidden(figures.size());
  for (std::size_t i = 0; i < figures.size(); ++i) hidden[i] = !figures[i]->count.has_value();
  const std::vector<bool> determined = determined_figures(g, hidden);
  std::vector<TableEntry> entries;
  for (std::size_t i = 0; i < figures.size(); ++i)
    if (determined[i]) entries.push_back(entry_of(g, i));
  return entries;
}

std::int64_t feasible_upper_bound(const CountTable& counts, const SuppressedTable& table, TableEntry entry) {
  validate(counts, table.k);
  const std::vector<const SuppressedCount*> figures = figures_of(table);
  const TableGraph g = make_graph(counts.size(), counts.front().size(), &counts);
  if (g.rows != table.rows() || g.columns != table.columns())
    throw std::invalid_argument("cell suppression: the counts do not have the table's shape");
  std::vector<bool> hidden(figures.size());
  for (std::size_t i = 0; i < figures.size(); ++i) {
    hidden[i] = !figures[i]->count.has_value();
    if (!hidden[i] && *figures[i]->count != g.figures[i].count)
      throw std::invalid_argument("cell suppression: the counts differ from the table's published figures");
    if (hidden[i] && g.figures[i].count == 0)
      throw std::invalid_argument("cell suppression: the table hides a zero, which suppress_small_cells never does");
  }
  const std::size_t e = index_of(g, entry);
  const Figure& f = g.figures[e];
  if (!hidden[e]) return f.count;
  Network network(g);
  return f.count + growth(g, network, hidden, e, kUnbounded);
}

}  // namespace tongban::domain

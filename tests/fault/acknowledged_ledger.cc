#include "acknowledged_ledger.h"

#include <fmt/format.h>

#include <map>

namespace tongban::fault_test {
namespace {

struct StoredEvent {
  std::string action, from, to;
};

struct StoredCase {
  std::string state;
  std::int64_t version = 0;
  std::vector<StoredEvent> events;
};

constexpr std::size_t kExamples = 5;

void note(LedgerCheck& check, std::string text) {
  if (check.examples.size() < kExamples) check.examples.push_back(std::move(text));
}

std::map<std::string, StoredCase> read_snapshot(const NodeDatabase& db) {
  const auto tables = db.snapshot({"SELECT id, state, version FROM cases",
                                   "SELECT case_id, action, from_state, to_state FROM events ORDER BY sequence"});
  std::map<std::string, StoredCase> cases;
  for (const Row& row : tables[0]) cases[row[0]] = StoredCase{row[1], std::stoll(row[2]), {}};
  for (const Row& row : tables[1]) cases[row[0]].events.push_back({row[1], row[2], row[3]});
  return cases;
}

bool consistent(const StoredCase& kase) {
  if (kase.version < 1 || static_cast<std::int64_t>(kase.events.size()) != kase.version) return false;
  if (kase.events.front().action != "submit" || kase.events.front().from != "draft") return false;
  for (std::size_t i = 1; i < kase.events.size(); ++i)
    if (kase.events[i].from != kase.events[i - 1].to) return false;
  return kase.events.back().to == kase.state;
}

}  // namespace

LedgerCheck ledger_check(const NodeDatabase& db, const std::vector<Acknowledged>& acknowledged) {
  LedgerCheck check;
  const auto cases = read_snapshot(db);
  for (const Acknowledged& ack : acknowledged) {
    const bool creation = ack.action == "submit";
    ++(creation ? check.cases_acknowledged : check.actions_acknowledged);
    auto found = cases.find(ack.case_id);
    bool present = found != cases.end() && ack.version >= 1 && found->second.version >= ack.version &&
                   static_cast<std::int64_t>(found->second.events.size()) >= ack.version;
    if (present) {
      const StoredEvent& event = found->second.events[static_cast<std::size_t>(ack.version - 1)];
      present = event.action == ack.action && event.to == ack.state;
    }
    if (present) {
      ++(creation ? check.cases_found : check.actions_found);
    } else {
      note(check, fmt::format("acknowledged {} of {} (version {}, {}) is not in the database as answered", ack.action,
                              ack.case_id, ack.version, ack.state));
    }
  }
  for (const auto& [id, kase] : cases) {
    ++check.cases_stored;
    if (!consistent(kase)) {
      ++check.cases_inconsistent;
      note(check, fmt::format("case {} is not consistent: version {}, state {}, {} events", id, kase.version,
                              kase.state, kase.events.size()));
    }
  }
  check.integrity = db.integrity();
  return check;
}

}  // namespace tongban::fault_test

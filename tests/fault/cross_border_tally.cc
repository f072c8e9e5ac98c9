#include "cross_border_tally.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace tongban::fault_test {
namespace {

struct Message {
  std::string type;
  std::int64_t sequence = 0;
  std::string state;
  std::int64_t at_ms = 0;  // outbox: created_at_ms; inbox: applied_at_ms
};

struct Side {
  std::map<std::string, std::string> state;              // case id -> state
  std::map<std::string, std::vector<Row>> events;        // case id -> (action, from, to, note) in order
  std::map<std::string, std::vector<Message>> outbox;    // case_ref -> messages
  std::map<std::string, std::vector<Message>> inbox;     // case_ref -> messages in sequence order
  std::map<std::string, std::int64_t> applied_sequence;  // case_ref -> receiver's per-case counter
  std::map<std::string, std::string> origin_to_copy;     // Macao only: Jiangmen case id -> copy id
  std::int64_t inbox_rows = 0;
  std::int64_t log_ids_twice = 0;
};

std::int64_t to_int(const std::string& text) {
  return text.empty() ? 0 : std::stoll(text);
}

Side read_side(const NodeDatabase& db) {
  Side side;
  for (const auto& r : db.query("SELECT id, state, applicant_id FROM cases")) {
    side.state[r[0]] = r[1];
    if (r[2].rfind("xb:CN-GD-JM:", 0) == 0) side.origin_to_copy[r[2].substr(12)] = r[0];
  }
  for (auto& r : db.query("SELECT case_id, action, from_state, to_state, note FROM events ORDER BY sequence"))
    side.events[r[0]].push_back({r[1], r[2], r[3], r[4]});
  for (const auto& r : db.query("SELECT case_ref, type, sequence, state, created_at_ms FROM federation_outbox"))
    side.outbox[r[0]].push_back({r[1], to_int(r[2]), r[3], to_int(r[4])});
  for (const auto& r : db.query("SELECT case_ref, type, sequence, state, applied_at_ms FROM federation_inbox "
                                "ORDER BY case_ref, sequence"))
    side.inbox[r[0]].push_back({r[1], to_int(r[2]), r[3], to_int(r[4])});
  for (const auto& r : db.query("SELECT case_ref, value FROM federation_sequences WHERE direction = 'in'"))
    side.applied_sequence[r[0]] = to_int(r[1]);
  side.inbox_rows = db.count("SELECT count(*) FROM federation_inbox");
  side.log_ids_twice = db.count(
      "SELECT count(*) FROM (SELECT message_id FROM federation_log WHERE direction = 'in' GROUP BY message_id "
      "HAVING count(*) > 1) AS twice");
  return side;
}

int repeated_events(const std::vector<Row>& events) {
  std::set<Row> seen;
  int repeated = 0;
  for (const auto& e : events) repeated += seen.insert(e).second ? 0 : 1;
  return repeated;
}

std::vector<std::pair<std::string, std::string>> transitions(const std::vector<Row>& events) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : events)
    if (e[1] != e[2]) out.emplace_back(e[1], e[2]);
  return out;
}

// Sequences exactly 1..n, all applied, applied in that order, and the receiver's counter at n.
bool in_order(const std::vector<Message>& inbox, std::int64_t counter) {
  for (std::size_t i = 0; i < inbox.size(); ++i) {
    if (inbox[i].sequence != static_cast<std::int64_t>(i + 1) || inbox[i].state != "applied") return false;
    if (i > 0 && inbox[i].at_ms < inbox[i - 1].at_ms) return false;
  }
  return counter == static_cast<std::int64_t>(inbox.size());
}

const Message* find_type(const std::vector<Message>& messages, const std::string& type) {
  for (const auto& m : messages)
    if (m.type == type) return &m;
  return nullptr;
}

}  // namespace

Percentiles percentiles(std::vector<std::int64_t> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5)];
  };
  return {at(0.5), at(0.95), values.back()};
}

CrossBorderTally tally(const NodeDatabase& jiangmen, const NodeDatabase& macao,
                       const std::vector<std::string>& acknowledged_case_ids) {
  const Side jm = read_side(jiangmen), mo = read_side(macao);
  CrossBorderTally t;
  t.jm_inbox = jm.inbox_rows;
  t.mo_inbox = mo.inbox_rows;
  t.applied_twice = static_cast<int>(jm.log_ids_twice + mo.log_ids_twice);
  auto note = [&](std::string text) {
    if (t.examples.size() < 8) t.examples.push_back(std::move(text));
  };
  for (const auto& id : acknowledged_case_ids) {
    ++t.acknowledged;
    auto copy = mo.origin_to_copy.find(id);
    auto jm_outbox = jm.outbox.find(id);
    auto mo_inbox = mo.inbox.find(id);
    const Message* forward = jm_outbox == jm.outbox.end() ? nullptr : find_type(jm_outbox->second, "case.forward");
    const Message* arrived = mo_inbox == mo.inbox.end() ? nullptr : find_type(mo_inbox->second, "case.forward");
    if (!jm.state.count(id) || !forward || forward->state != "delivered" || !arrived || arrived->state != "applied" ||
        copy == mo.origin_to_copy.end()) {
      ++t.losses;
      note(fmt::format("{}: lost (on JM {}, forward {}, arrived {}, copy {})", id, jm.state.count(id) > 0,
                       forward ? forward->state : "none", arrived ? arrived->state : "none",
                       copy != mo.origin_to_copy.end()));
      continue;
    }
    const std::string& copy_id = copy->second;
    const std::string& jm_state = jm.state.at(id);
    const std::string& mo_state = mo.state.at(copy_id);
    if (jm_state != mo_state) {
      ++t.state_mismatches;
      note(fmt::format("{}: {} on JM, {} on MO ({})", id, jm_state, mo_state, copy_id));
    }
    if (jm_state != "accepted" || mo_state != "accepted") ++t.not_accepted;

    const auto& jm_events = jm.events.count(id) ? jm.events.at(id) : std::vector<Row>{};
    const auto& mo_events = mo.events.count(copy_id) ? mo.events.at(copy_id) : std::vector<Row>{};
    ++t.jm_events_per_case[jm_events.size()];
    ++t.mo_events_per_case[mo_events.size()];
    if (int twice = repeated_events(jm_events) + repeated_events(mo_events); twice > 0) {
      t.applied_twice += twice;
      note(fmt::format("{}: {} event(s) recorded twice", id, twice));
    }

    const auto empty = std::vector<Message>{};
    const auto& jm_in = jm.inbox.count(id) ? jm.inbox.at(id) : empty;
    const auto& mo_in = mo_inbox->second;
    auto counter = [](const Side& side, const std::string& ref) {
      auto found = side.applied_sequence.find(ref);
      return found == side.applied_sequence.end() ? std::int64_t{0} : found->second;
    };
    if (!in_order(jm_in, counter(jm, id)) || !in_order(mo_in, counter(mo, id)) ||
        transitions(jm_events) != transitions(mo_events)) {
      ++t.order_breaks;
      note(fmt::format("{}: per-case order broken", id));
    }

    const auto& mo_out = mo.outbox.count(id) ? mo.outbox.at(id) : empty;
    if (!jm_in.empty() && !mo_out.empty()) {
      std::int64_t accepted_back = jm_in.back().at_ms;
      std::int64_t accept_queued = 0;
      for (const auto& m : mo_out) accept_queued = std::max(accept_queued, m.at_ms);
      t.round_trip_ms.push_back(accepted_back - forward->at_ms);
      t.out_leg_ms.push_back(arrived->at_ms - forward->at_ms);
      t.reviewer_ms.push_back(accept_queued - arrived->at_ms);
      t.back_leg_ms.push_back(accepted_back - accept_queued);
    }
  }
  return t;
}

}  // namespace tongban::fault_test

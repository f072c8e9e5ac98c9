#include "domain/help_call_queue.h"

#include <algorithm>

namespace tongban::domain {

std::string_view to_string(HelpCallState state) {
  switch (state) {
    case HelpCallState::waiting: return "waiting";
    case HelpCallState::joined: return "joined";
    case HelpCallState::ended: return "ended";
  }
  return "ended";
}

std::string_view to_string(HelpCallEnd reason) {
  switch (reason) {
    case HelpCallEnd::none: return "none";
    case HelpCallEnd::applicant_left: return "applicant_left";
    case HelpCallEnd::clerk_left: return "clerk_left";
    case HelpCallEnd::no_clerk: return "no_clerk";
    case HelpCallEnd::not_connected: return "not_connected";
    case HelpCallEnd::connection_lost: return "connection_lost";
    case HelpCallEnd::visit_ended: return "visit_ended";
  }
  return "none";
}

RequestResult HelpCallQueue::request(const std::string& id, const std::string& kiosk_id,
                                     const std::string& service_point, const std::string& visit_id,
                                     const std::string& holder, std::int64_t now_ms) {
  if (auto live = live_call_of_visit(visit_id); live && live->kiosk_id == kiosk_id)
    return {RequestOutcome::existing, live};
  if (waiting().size() >= limits_.max_waiting) return {RequestOutcome::full, std::nullopt};
  HelpCall call;
  call.id = id;
  call.kiosk_id = kiosk_id;
  call.service_point = service_point;
  call.visit_id = visit_id;
  call.holder = holder;
  call.requested_at_ms = now_ms;
  call.applicant_away_since_ms = now_ms;  // not connected yet
  calls_[id] = call;
  return {RequestOutcome::created, call};
}

JoinOutcome HelpCallQueue::join(std::string_view call_id, const std::string& clerk_id, std::int64_t now_ms) {
  auto found = calls_.find(call_id);
  if (found == calls_.end()) return JoinOutcome::not_found;
  HelpCall& call = found->second;
  if (call.state == HelpCallState::ended) return JoinOutcome::ended;
  if (call.state == HelpCallState::joined) return JoinOutcome::taken;
  call.state = HelpCallState::joined;
  call.clerk_id = clerk_id;
  call.joined_at_ms = now_ms;
  call.clerk_away_since_ms = now_ms;  // must connect within connect_ms
  return JoinOutcome::joined;
}

bool HelpCallQueue::end(std::string_view call_id, HelpCallEnd reason, std::int64_t now_ms) {
  auto found = calls_.find(call_id);
  if (found == calls_.end() || !found->second.live()) return false;
  found->second.state = HelpCallState::ended;
  found->second.end_reason = reason == HelpCallEnd::none ? HelpCallEnd::applicant_left : reason;
  found->second.ended_at_ms = now_ms;
  found->second.applicant_connected = false;
  found->second.clerk_connected = false;
  return true;
}

void HelpCallQueue::connected(std::string_view call_id, bool clerk, std::int64_t) {
  auto found = calls_.find(call_id);
  if (found == calls_.end() || !found->second.live()) return;
  (clerk ? found->second.clerk_connected : found->second.applicant_connected) = true;
  (clerk ? found->second.clerk_away_since_ms : found->second.applicant_away_since_ms) = 0;
  (clerk ? found->second.clerk_ever_connected : found->second.applicant_ever_connected) = true;
}

void HelpCallQueue::disconnected(std::string_view call_id, bool clerk, std::int64_t now_ms) {
  auto found = calls_.find(call_id);
  if (found == calls_.end() || !found->second.live()) return;
  (clerk ? found->second.clerk_connected : found->second.applicant_connected) = false;
  (clerk ? found->second.clerk_away_since_ms : found->second.applicant_away_since_ms) = now_ms;
}

std::vector<HelpCall> HelpCallQueue::expire(std::int64_t now_ms) {
  std::vector<HelpCall> ended;
  for (auto it = calls_.begin(); it != calls_.end();) {
    HelpCall& call = it->second;
    if (!call.live()) {
      it = now_ms - call.ended_at_ms > limits_.keep_ended_ms ? calls_.erase(it) : std::next(it);
      continue;
    }
    HelpCallEnd reason = HelpCallEnd::none;
    // A party that never connected since it entered the call has connect_ms; one that dropped has reconnect_ms.
    auto overdue = [&](bool connected, std::int64_t away_since, bool ever_connected) {
      if (connected || away_since == 0) return false;
      return now_ms - away_since > (ever_connected ? limits_.reconnect_ms : limits_.connect_ms);
    };
    if (call.state == HelpCallState::waiting) {
      if (now_ms - call.requested_at_ms > limits_.waiting_ms) reason = HelpCallEnd::no_clerk;
      // The kiosk's page went away while waiting (and did not come back): nobody is there to help.
      else if (overdue(call.applicant_connected, call.applicant_away_since_ms, call.applicant_ever_connected) &&
               call.applicant_ever_connected)
        reason = HelpCallEnd::applicant_left;
    } else {
      const bool clerk_ever = call.clerk_ever_connected;
      const bool applicant_ever = call.applicant_ever_connected;
      if (overdue(call.clerk_connected, call.clerk_away_since_ms, clerk_ever) ||
          overdue(call.applicant_connected, call.applicant_away_since_ms, applicant_ever))
        reason = (clerk_ever && applicant_ever) ? HelpCallEnd::connection_lost : HelpCallEnd::not_connected;
    }
    if (reason != HelpCallEnd::none) {
      end(call.id, reason, now_ms);
      ended.push_back(call);
    }
    ++it;
  }
  return ended;
}

std::optional<HelpCall> HelpCallQueue::find(std::string_view call_id) const {
  auto found = calls_.find(call_id);
  if (found == calls_.end()) return std::nullopt;
  return found->second;
}

std::optional<HelpCall> HelpCallQueue::live_call_of_visit(std::string_view visit_id) const {
  for (const auto& [id, call] : calls_)
    if (call.live() && call.visit_id == visit_id) return call;
  return std::nullopt;
}

std::vector<HelpCall> HelpCallQueue::waiting() const {
  std::vector<HelpCall> out;
  for (const auto& [id, call] : calls_)
    if (call.state == HelpCallState::waiting) out.push_back(call);
  std::sort(out.begin(), out.end(), [](const HelpCall& a, const HelpCall& b) {
    return a.requested_at_ms != b.requested_at_ms ? a.requested_at_ms < b.requested_at_ms : a.id < b.id;
  });
  return out;
}

std::vector<HelpCall> HelpCallQueue::joined_by(std::string_view clerk_id) const {
  std::vector<HelpCall> out;
  for (const auto& [id, call] : calls_)
    if (call.state == HelpCallState::joined && call.clerk_id == clerk_id) out.push_back(call);
  return out;
}

}  // namespace tongban::domain

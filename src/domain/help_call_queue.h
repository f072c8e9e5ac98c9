// The help-call queue of video help (issue 11 §3, docs/video-help.md): a person at a kiosk or in a service cabin
// presses "call a clerk"; the call waits in the node's queue until a remote clerk joins it; it ends when either
// side hangs up, when nobody joins in time, when a joined clerk never connects, or when a party's connection is
// gone for too long.
//
//   waiting --join(clerk)--> joined --end--> ended
//      \-----------end / waiting timeout------^
//
// Invariants:
//   - a call belongs to the kiosk device and the kiosk visit that requested it; one live (waiting or joined) call
//     per visit: a second request of the same visit returns the live one;
//   - exactly one clerk joins a call, once: a second join (the same clerk or another) is refused (`taken`); an
//     ended call cannot be joined (`ended`), an unknown one is `not_found`;
//   - an ended call never changes again; it is kept for `keep_ended_ms` so that its record can be looked at, then
//     forgotten;
//   - at most `max_waiting` calls wait at once (a further request is refused with `full`).
// The queue only decides; ids and times come from the caller (no I/O, no clock, no randomness). Not thread-safe:
// the adapter (web/video_help_desk.h) holds a lock around it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::domain {

enum class HelpCallState { waiting, joined, ended };

// Why a call ended.
enum class HelpCallEnd {
  none,             // not ended
  applicant_left,   // the person at the kiosk hung up (or their page went away)
  clerk_left,       // the clerk hung up
  no_clerk,         // nobody joined within waiting_ms
  not_connected,    // the joined clerk (or the kiosk) did not connect within connect_ms
  connection_lost,  // a party's connection was gone for longer than reconnect_ms
  visit_ended,      // the kiosk visit ended (finish, inactivity)
};

std::string_view to_string(HelpCallState state);
std::string_view to_string(HelpCallEnd reason);

struct HelpQueueLimits {
  std::int64_t waiting_ms = 10 * 60'000;  // a call nobody joins ends after this
  std::int64_t connect_ms = 60'000;       // after joining, both parties must be connected within this
  std::int64_t reconnect_ms = 30'000;     // a party disconnected for longer ends the call
  std::int64_t keep_ended_ms = 30 * 60'000;
  std::size_t max_waiting = 50;
};

struct HelpCall {
  std::string id;
  std::string kiosk_id;       // the device that called
  std::string service_point;  // where the device stands
  std::string visit_id;       // the kiosk visit (a secret of the kiosk's browser; never shown to the clerk)
  std::string holder;         // the signed-in applicant's account id, "" when nobody is signed in
  HelpCallState state = HelpCallState::waiting;
  std::string clerk_id;  // who joined ("" while waiting)
  std::int64_t requested_at_ms = 0;
  std::int64_t joined_at_ms = 0;
  std::int64_t ended_at_ms = 0;
  HelpCallEnd end_reason = HelpCallEnd::none;
  // Connection bookkeeping: whether each side has a live signalling connection, and since when it has not.
  bool applicant_connected = false;
  bool clerk_connected = false;
  std::int64_t applicant_away_since_ms = 0;  // 0 while connected
  std::int64_t clerk_away_since_ms = 0;
  bool applicant_ever_connected = false;
  bool clerk_ever_connected = false;

  bool live() const { return state != HelpCallState::ended; }
};

enum class JoinOutcome { joined, not_found, taken, ended };
enum class RequestOutcome { created, existing, full };

struct RequestResult {
  RequestOutcome outcome = RequestOutcome::created;
  std::optional<HelpCall> call;  // the new or the existing live call; none when full
};

class HelpCallQueue {
 public:
  explicit HelpCallQueue(HelpQueueLimits limits = {}) : limits_(limits) {}
  const HelpQueueLimits& limits() const { return limits_; }

  // A call for this visit (`id` is used only when a new call is made; it must be unique).
  RequestResult request(const std::string& id, const std::string& kiosk_id, const std::string& service_point,
                        const std::string& visit_id, const std::string& holder, std::int64_t now_ms);
  JoinOutcome join(std::string_view call_id, const std::string& clerk_id, std::int64_t now_ms);
  // Ends a live call (an ended one keeps its first reason and time); false when unknown or already ended.
  bool end(std::string_view call_id, HelpCallEnd reason, std::int64_t now_ms);
  // A party's signalling connection opened or closed (ignored for ended or unknown calls).
  void connected(std::string_view call_id, bool clerk, std::int64_t now_ms);
  void disconnected(std::string_view call_id, bool clerk, std::int64_t now_ms);

  // Applies the timeouts at now_ms; returns the calls that ended because of them (as ended). Forgets ended calls
  // older than keep_ended_ms.
  std::vector<HelpCall> expire(std::int64_t now_ms);

  std::optional<HelpCall> find(std::string_view call_id) const;
  std::optional<HelpCall> live_call_of_visit(std::string_view visit_id) const;
  // Waiting calls, oldest first.
  std::vector<HelpCall> waiting() const;
  // Live calls the clerk has joined.
  std::vector<HelpCall> joined_by(std::string_view clerk_id) const;

 private:
  HelpQueueLimits limits_;
  std::map<std::string, HelpCall, std::less<>> calls_;
};

}  // namespace tongban::domain

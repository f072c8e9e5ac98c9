// VideoHelpDesk: the node's side of video help (issue 11 §3, docs/video-help.md) — the help-call queue
// (domain/help_call_queue.h), the session record of each call (domain/help_session_record.h) and the signalling
// relay between the two parties of a call over WebSocket (http/websocket.h).
//
// Who is who: the applicant's side is the kiosk device (its device cookie) in the kiosk visit that asked for the call
// (its visit cookie); the clerk's side is the signed-in clerk who joined the call. Nobody else gets a connection,
// and a connection carries messages of its own call only: what one party sends reaches the other party of that call
// and no one else. One connection per side; a newer one replaces the older (a reloaded page), which is closed.
//
// Signalling messages are JSON objects with a "type":
//   from either party, relayed to the other:  offer {sdp}, answer {sdp}, candidate {candidate}
//   from either party, recorded, not relayed:  form {state}  (the shared form as that page sees it)
//   from either party:                         bye            (hangs up: the call ends)
//   from the kiosk:                            ping           (keeps the kiosk visit alive during the call)
//   from the node:  ready {role}  (both sides are connected: the kiosk makes the offer), peer-left, ended {reason},
//                   error {code}  (unknown type, bad JSON, peer not connected: the message was not relayed)
// Every message relayed or recorded, and the call's life, is appended to the call's record; when the call ends
// the record is sealed and the ended call — who helped, how it ended, the record's SHA-256 — is written to the
// video-help log (web/video_help_log.h), where the clerk's page can then link it to the case the help led to.
//
// Timeouts are those of the queue, applied whenever the desk is used. Everything here is in memory (a restart ends
// every call) but the log, which is written (and fsynced) once per ended call. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/help_call_queue.h"
#include "domain/help_session_record.h"
#include "http/websocket.h"
#include "web/kiosk_visits.h"
#include "web/video_help_log.h"

namespace tongban::web {

inline constexpr std::size_t kVideoHelpMessageLimit = 16 * 1024;  // an SDP offer with candidates fits easily

struct EndedCall {
  domain::HelpCall call;
  std::string record_sha256;
  std::size_t record_entries = 0;
};

class VideoHelpDesk {
 public:
  VideoHelpDesk(KioskVisits& visits, std::filesystem::path log_file, domain::HelpQueueLimits limits = {})
      : visits_(visits), log_(std::move(log_file)), queue_(limits) {}

  VideoHelpLog& log() { return log_; }

  domain::RequestResult request(const std::string& kiosk_id, const std::string& service_point,
                                const std::string& visit_id, const std::string& holder, std::int64_t now_ms);
  std::vector<domain::HelpCall> waiting(std::int64_t now_ms);
  std::optional<domain::HelpCall> find(std::string_view call_id, std::int64_t now_ms);
  std::vector<domain::HelpCall> joined_by(std::string_view clerk_id, std::int64_t now_ms);
  domain::JoinOutcome join(std::string_view call_id, const std::string& clerk_id, std::int64_t now_ms);
  // Ends the call from a page (the kiosk's "hang up" form, the clerk's "end call"); false when not live.
  bool hang_up(std::string_view call_id, domain::HelpCallEnd reason, std::int64_t now_ms);
  // The visit of this call ended (finish or timeout at the kiosk): its live call ends.
  void visit_ended(std::string_view visit_id, std::int64_t now_ms);
  std::optional<EndedCall> ended(std::string_view call_id, std::int64_t now_ms);

  // The WebSocket sessions (nullptr: refused). kiosk_id and visit_id must be the call's; clerk_id the joined clerk.
  std::shared_ptr<http::WebSocketSession> applicant_session(std::string_view call_id, std::string_view kiosk_id,
                                                            std::string_view visit_id, std::int64_t now_ms);
  std::shared_ptr<http::WebSocketSession> clerk_session(std::string_view call_id, std::string_view clerk_id,
                                                        std::int64_t now_ms);

  // Clock for the sessions (the node's clock; tests may set their own).
  void set_clock(std::function<std::int64_t()> now) { now_ = std::move(now); }

 private:
  class Session;
  struct Live {
    std::unique_ptr<domain::HelpSessionRecord> record;
    std::shared_ptr<http::WebSocketChannel> applicant;
    std::shared_ptr<http::WebSocketChannel> clerk;
    const void* applicant_owner = nullptr;  // the Session that holds the channel
    const void* clerk_owner = nullptr;
  };

  // All under mutex_.
  void expire_locked(std::int64_t now_ms);
  void end_locked(std::string_view call_id, domain::HelpCallEnd reason, std::int64_t now_ms);
  void opened(Session& session, std::shared_ptr<http::WebSocketChannel> channel);
  void message(Session& session, std::string_view text);
  void closed(Session& session);
  std::int64_t now() const;

  KioskVisits& visits_;
  VideoHelpLog log_;
  std::function<std::int64_t()> now_;
  std::mutex mutex_;
  domain::HelpCallQueue queue_;
  std::map<std::string, Live, std::less<>> live_;
  std::map<std::string, EndedCall, std::less<>> ended_;
};

}  // namespace tongban::web

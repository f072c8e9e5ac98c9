#include "web/video_help_desk.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

#include "web/node_secret.h"

namespace tongban::web {
namespace {

std::string node_message(std::string_view type, std::string_view key = {}, std::string_view value = {}) {
  boost::json::object message{{"type", type}};
  if (!key.empty()) message[key] = value;
  return boost::json::serialize(message);
}

// The signalling message's type when it is a JSON object with a known one whose fields have the right shape; "" else.
std::string checked_type(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return "";
  const auto& object = value.as_object();
  auto type = object.if_contains("type");
  if (!type || !type->is_string()) return "";
  std::string name(type->as_string());
  auto string_field = [&](std::string_view key) {
    auto field = object.if_contains(key);
    return field && field->is_string();
  };
  if (name == "offer" || name == "answer") return string_field("sdp") ? name : "";
  if (name == "candidate") {
    auto candidate = object.if_contains("candidate");
    return candidate && (candidate->is_object() || candidate->is_null()) ? name : "";
  }
  if (name == "form") {
    auto state = object.if_contains("state");
    return state && state->is_object() ? name : "";
  }
  if (name == "bye" || name == "ping") return name;
  return "";
}

}  // namespace

class VideoHelpDesk::Session final : public http::WebSocketSession {
 public:
  Session(VideoHelpDesk& desk, std::string call_id, bool clerk, std::string kiosk_id, std::string visit_id)
      : desk(desk),
        call_id(std::move(call_id)),
        clerk(clerk),
        kiosk_id(std::move(kiosk_id)),
        visit_id(std::move(visit_id)) {}
  void on_open(std::shared_ptr<http::WebSocketChannel> channel) override { desk.opened(*this, std::move(channel)); }
  void on_message(std::string_view text) override { desk.message(*this, text); }
  void on_close() override { desk.closed(*this); }

  VideoHelpDesk& desk;
  const std::string call_id;
  const bool clerk;
  const std::string kiosk_id;
  const std::string visit_id;
  std::string_view party() const { return clerk ? "clerk" : "applicant"; }
};

std::int64_t VideoHelpDesk::now() const {
  if (now_) return now_();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

domain::RequestResult VideoHelpDesk::request(const std::string& kiosk_id, const std::string& service_point,
                                             const std::string& visit_id, const std::string& holder,
                                             std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto result = queue_.request("VH-" + random_hex(12), kiosk_id, service_point, visit_id, holder, now_ms);
  if (result.outcome == domain::RequestOutcome::created) {
    Live live;
    live.record = std::make_unique<domain::HelpSessionRecord>(result.call->id, kiosk_id);
    live.record->append(now_ms, "node", "requested", service_point);
    live_.emplace(result.call->id, std::move(live));
  }
  return result;
}

std::vector<domain::HelpCall> VideoHelpDesk::waiting(std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  return queue_.waiting();
}

std::optional<domain::HelpCall> VideoHelpDesk::find(std::string_view call_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  return queue_.find(call_id);
}

std::vector<domain::HelpCall> VideoHelpDesk::joined_by(std::string_view clerk_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  return queue_.joined_by(clerk_id);
}

domain::JoinOutcome VideoHelpDesk::join(std::string_view call_id, const std::string& clerk_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto outcome = queue_.join(call_id, clerk_id, now_ms);
  if (outcome == domain::JoinOutcome::joined)
    if (auto live = live_.find(call_id); live != live_.end())
      live->second.record->append(now_ms, "node", "joined", clerk_id);
  return outcome;
}

bool VideoHelpDesk::hang_up(std::string_view call_id, domain::HelpCallEnd reason, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto call = queue_.find(call_id);
  if (!call || !call->live()) return false;
  end_locked(call_id, reason, now_ms);
  return true;
}

void VideoHelpDesk::visit_ended(std::string_view visit_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (auto call = queue_.live_call_of_visit(visit_id)) end_locked(call->id, domain::HelpCallEnd::visit_ended, now_ms);
  expire_locked(now_ms);
}

std::optional<EndedCall> VideoHelpDesk::ended(std::string_view call_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto found = ended_.find(call_id);
  if (found == ended_.end()) return std::nullopt;
  return found->second;
}

std::shared_ptr<http::WebSocketSession> VideoHelpDesk::applicant_session(std::string_view call_id,
                                                                         std::string_view kiosk_id,
                                                                         std::string_view visit_id,
                                                                         std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto call = queue_.find(call_id);
  if (!call || !call->live() || call->kiosk_id != kiosk_id || call->visit_id != visit_id || visit_id.empty())
    return nullptr;
  return std::make_shared<Session>(*this, call->id, false, call->kiosk_id, call->visit_id);
}

std::shared_ptr<http::WebSocketSession> VideoHelpDesk::clerk_session(std::string_view call_id,
                                                                     std::string_view clerk_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  expire_locked(now_ms);
  auto call = queue_.find(call_id);
  if (!call || call->state != domain::HelpCallState::joined || call->clerk_id != clerk_id || clerk_id.empty())
    return nullptr;
  return std::make_shared<Session>(*this, call->id, true, "", "");
}

void VideoHelpDesk::expire_locked(std::int64_t now_ms) {
  for (const auto& call : queue_.expire(now_ms)) end_locked(call.id, call.end_reason, now_ms);
  // Ended calls are kept as long as the queue keeps them.
  for (auto it = ended_.begin(); it != ended_.end();) it = queue_.find(it->first) ? std::next(it) : ended_.erase(it);
}

// Ends the call in the queue (if still live), tells both parties, closes their connections, seals the record.
void VideoHelpDesk::end_locked(std::string_view call_id, domain::HelpCallEnd reason, std::int64_t now_ms) {
  queue_.end(call_id, reason, now_ms);
  auto call = queue_.find(call_id);
  auto found = live_.find(call_id);
  if (!call || found == live_.end()) return;
  Live& live = found->second;
  std::string why(domain::to_string(call->end_reason));
  live.record->append(now_ms, "node", "ended", why);
  live.record->seal();
  std::string notice = node_message("ended", "reason", why);
  for (auto* channel : {&live.applicant, &live.clerk})
    if (*channel) {
      (*channel)->send(notice);
      (*channel)->close();
    }
  EndedCall done{*call, live.record->sha256(), live.record->entries().size()};
  try {
    log_.ended(*call, done.record_sha256, done.record_entries);
  } catch (const std::exception& error) {
    spdlog::error("video help: call {} could not be logged: {}", call->id, error.what());
  }
  spdlog::info("video help: call {} ended ({}), helped by {}, record sha256 {}", call->id, why,
               call->clerk_id.empty() ? "nobody" : call->clerk_id, done.record_sha256);
  ended_[call->id] = std::move(done);
  live_.erase(found);
}

void VideoHelpDesk::opened(Session& session, std::shared_ptr<http::WebSocketChannel> channel) {
  std::lock_guard lock(mutex_);
  std::int64_t at = now();
  expire_locked(at);
  auto found = live_.find(session.call_id);
  if (found == live_.end()) {  // ended between the handshake and now
    channel->send(node_message("ended", "reason", "ended"));
    channel->close();
    return;
  }
  Live& live = found->second;
  auto& mine = session.clerk ? live.clerk : live.applicant;
  if (mine) mine->close();  // a reloaded page: the newer connection wins
  mine = std::move(channel);
  (session.clerk ? live.clerk_owner : live.applicant_owner) = &session;
  queue_.connected(session.call_id, session.clerk, at);
  live.record->append(at, "node", "connected", session.party());
  if (live.applicant && live.clerk) {
    live.applicant->send(node_message("ready", "role", "applicant"));
    live.clerk->send(node_message("ready", "role", "clerk"));
  }
}

void VideoHelpDesk::message(Session& session, std::string_view text) {
  std::lock_guard lock(mutex_);
  std::int64_t at = now();
  auto found = live_.find(session.call_id);
  if (found == live_.end()) return;
  Live& live = found->second;
  if ((session.clerk ? live.clerk_owner : live.applicant_owner) != &session) return;  // replaced by a newer one
  auto& mine = session.clerk ? live.clerk : live.applicant;
  auto& theirs = session.clerk ? live.applicant : live.clerk;
  std::string type = checked_type(text);
  if (type.empty()) {
    mine->send(node_message("error", "code", "bad_message"));
    return;
  }
  if (type == "ping") {
    if (!session.clerk) visits_.find(session.visit_id, session.kiosk_id, at, true);  // the visit lives on
    return;
  }
  if (type == "bye") {
    end_locked(session.call_id, session.clerk ? domain::HelpCallEnd::clerk_left : domain::HelpCallEnd::applicant_left,
               at);
    return;
  }
  live.record->append(at, session.party(), type, text);
  if (type == "form") return;  // recorded: the form itself travels between the pages on their data channel
  if (!theirs) {
    mine->send(node_message("error", "code", "peer_absent"));
    return;
  }
  theirs->send(std::string(text));
}

void VideoHelpDesk::closed(Session& session) {
  std::lock_guard lock(mutex_);
  std::int64_t at = now();
  auto found = live_.find(session.call_id);
  if (found == live_.end()) return;
  Live& live = found->second;
  auto& owner = session.clerk ? live.clerk_owner : live.applicant_owner;
  if (owner != &session) return;  // an older, replaced connection
  owner = nullptr;
  (session.clerk ? live.clerk : live.applicant).reset();
  queue_.disconnected(session.call_id, session.clerk, at);
  live.record->append(at, "node", "disconnected", session.party());
  if (auto& theirs = session.clerk ? live.applicant : live.clerk) theirs->send(node_message("peer-left"));
  expire_locked(at);
}

}  // namespace tongban::web

#include "web/kiosk_visits.h"

#include "web/node_secret.h"

namespace tongban::web {

KioskVisits::Entry* KioskVisits::live(std::string_view visit_id, std::string_view kiosk_id, std::int64_t now_ms) {
  auto found = visits_.find(visit_id);
  if (found == visits_.end()) return nullptr;
  if (now_ms >= found->second.visit.expires_at_ms) {
    visits_.erase(found);
    return nullptr;
  }
  return found->second.visit.kiosk_id == kiosk_id ? &found->second : nullptr;
}

std::string KioskVisits::start(const std::string& kiosk_id, std::optional<std::string> holder, std::int64_t now_ms) {
  std::string id = random_hex(32);
  std::lock_guard lock(mutex_);
  std::erase_if(visits_, [&](const auto& entry) { return now_ms >= entry.second.visit.expires_at_ms; });
  visits_[id] = Entry{KioskVisit{kiosk_id, std::move(holder), now_ms + idle_ms_}, std::nullopt};
  return id;
}

std::optional<KioskVisit> KioskVisits::find(std::string_view visit_id, std::string_view kiosk_id, std::int64_t now_ms,
                                            bool extend) {
  std::lock_guard lock(mutex_);
  Entry* entry = live(visit_id, kiosk_id, now_ms);
  if (!entry) return std::nullopt;
  if (extend) entry->visit.expires_at_ms = now_ms + idle_ms_;
  return entry->visit;
}

void KioskVisits::end(std::string_view visit_id) {
  std::lock_guard lock(mutex_);
  if (auto found = visits_.find(visit_id); found != visits_.end()) visits_.erase(found);
}

std::string KioskVisits::record_reading(std::string_view visit_id, std::string_view kiosk_id,
                                        domain::IdDocumentType type, std::string number, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Entry* entry = live(visit_id, kiosk_id, now_ms);
  if (!entry) return "";
  entry->reading = CardReading{random_hex(16), type, std::move(number), now_ms};
  return entry->reading->id;
}

bool KioskVisits::has_reading(std::string_view visit_id, std::string_view kiosk_id, std::string_view reading_id,
                              std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Entry* entry = live(visit_id, kiosk_id, now_ms);
  return entry && entry->reading && entry->reading->id == reading_id &&
         now_ms - entry->reading->read_at_ms < kKioskReadingMs;
}

std::optional<CardReading> KioskVisits::take_reading(std::string_view visit_id, std::string_view kiosk_id,
                                                     std::string_view reading_id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Entry* entry = live(visit_id, kiosk_id, now_ms);
  if (!entry || !entry->reading) return std::nullopt;
  auto reading = std::move(entry->reading);
  entry->reading.reset();  // once: whatever happens next, this reading is spent
  if (reading->id != reading_id || now_ms - reading->read_at_ms >= kKioskReadingMs) return std::nullopt;
  return reading;
}

}  // namespace tongban::web

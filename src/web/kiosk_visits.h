// Kiosk visits: the server-side session of one person at one registered kiosk (the tb_kiosk cookie names it).
//
// A visit belongs to the kiosk device that started it: every use names the kiosk (from its device cookie) and a
// visit of another kiosk is unknown. It ends after idle_ms without activity (each page the person opens extends it;
// the timeout warning page does not), on "finish", or when it is replaced at sign-in (the holder gets a new visit
// id, so an id seen before sign-in is worth nothing after).
//
// The card reader's answer is held in the visit that read it: record_reading() gives it a random id (put in the
// PIN form), take_reading() hands it out once, to the same visit and kiosk, within kKioskReadingMs; a second take,
// another visit's id or a late one gets nothing. At most one reading is held per visit (a new read replaces it).
//
// Thread-safe. Everything is in memory: a restart ends every visit.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/identity_document.h"

namespace tongban::web {

inline constexpr std::int64_t kKioskReadingMs = 120'000;  // a card reading is good for two minutes

struct CardReading {
  std::string id;
  domain::IdDocumentType type = domain::IdDocumentType::MO_BIR;
  std::string number;  // normalised
  std::int64_t read_at_ms = 0;
};

struct KioskVisit {
  std::string kiosk_id;
  std::optional<std::string> holder;  // the signed-in applicant's account id
  std::int64_t expires_at_ms = 0;
};

class KioskVisits {
 public:
  explicit KioskVisits(std::int64_t idle_ms) : idle_ms_(idle_ms) {}

  std::int64_t idle_ms() const { return idle_ms_; }
  // How long before the end the warning comes: 30 s, or half the idle time when that is shorter.
  std::int64_t warning_ms() const { return idle_ms_ / 2 < 30'000 ? idle_ms_ / 2 : 30'000; }

  // A new visit at this kiosk (with a holder after sign-in); returns its id.
  std::string start(const std::string& kiosk_id, std::optional<std::string> holder, std::int64_t now_ms);
  // The live visit of this kiosk; with `extend`, its end moves to now + idle. Nullopt (and forgotten when expired)
  // for an unknown, expired or other kiosk's visit.
  std::optional<KioskVisit> find(std::string_view visit_id, std::string_view kiosk_id, std::int64_t now_ms,
                                 bool extend);
  void end(std::string_view visit_id);

  // Holds the reader's answer in the visit; returns the reading's id ("" when the visit is not live).
  std::string record_reading(std::string_view visit_id, std::string_view kiosk_id, domain::IdDocumentType type,
                             std::string number, std::int64_t now_ms);
  // Whether the visit holds a fresh reading with this id (without taking it).
  bool has_reading(std::string_view visit_id, std::string_view kiosk_id, std::string_view reading_id,
                   std::int64_t now_ms);
  // The reading, once; nullopt for another visit's or kiosk's, a used or a stale one.
  std::optional<CardReading> take_reading(std::string_view visit_id, std::string_view kiosk_id,
                                          std::string_view reading_id, std::int64_t now_ms);

 private:
  struct Entry {
    KioskVisit visit;
    std::optional<CardReading> reading;
  };
  Entry* live(std::string_view visit_id, std::string_view kiosk_id, std::int64_t now_ms);

  std::int64_t idle_ms_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> visits_;
};

}  // namespace tongban::web

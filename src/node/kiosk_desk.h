// KioskDesk: self-service kiosks and service cabins as devices, and the kiosk sign-in of an applicant (issue 8;
// cabins: issue 11, docs/channels.md).
//
// A device is of kind "kiosk" (at a service point with the kiosk channel) or "cabin" (at a service point of kind
// cabin); both get their own device key, kept hashed, enrol once and are revocable alike.
//
// A kiosk is registered by an operator (`tongban kiosk add`) at one service point of this node; registration makes a
// device key (accounts/session_token.h format), shown once and kept only as its SHA-256. The key is entered once on
// the kiosk's browser (enrol): from then on the browser presents it as its device cookie, and device() turns it back
// into the kiosk on every request. A revoked kiosk is refused at once; a key enrols one browser only.
//
// An applicant signs in at a kiosk with what they have — the identity card the kiosk's reader read — and what they
// know — a PIN set on their account page (stored as an Argon2id hash, like passwords). sign_in() gives the same
// answer (nullopt) for an unknown document, an account without a PIN, a wrong PIN and a locked document, and
// verifies a hash in every case so that timing does not tell them apart either. Failures are counted per document
// (domain/kiosk_pin.h: lock after kKioskPinAttempts, doubling), in memory: a restart forgets them.
//
// Thread-safe; one per node (the pages' Site holds it, the CLI makes its own for add/list/revoke).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/password_hashing_pool.h"
#include "domain/case.h"
#include "domain/identity_document.h"
#include "domain/kiosk_pin.h"
#include "node/node.h"

namespace tongban::node {

struct KioskRegistration {
  store::KioskRecord kiosk;
  std::string device_key;  // shown once, never stored
};

class KioskDesk {
 public:
  // Every Argon2id (PINs, the password check when setting one) runs on `hashing`, the node's sign-in pool
  // (node/account_desk.h), so kiosks share its bound; a full pool is ProblemError rate-limited.
  KioskDesk(Node& node, accounts::PasswordHashingPool& hashing);

  // Throws ProblemError validation-failed when the service point is not one of this node's in the catalog
  // (rule "unknown" or "not_this_node"), the name is empty or longer than 100 characters (rule "required" /
  // "too_long"), the kind is neither "kiosk" nor "cabin" (field kind, rule "unknown"), or the point cannot hold a
  // device of this kind (field service_point, rule "no_kiosk_channel": a kiosk needs a point with the kiosk
  // channel; "not_a_cabin": a cabin device needs a point of kind cabin).
  KioskRegistration add(const std::string& service_point, const std::string& name, const std::string& kind = "kiosk");
  std::vector<store::KioskRecord> list() const;
  // Throws ProblemError not-found for an unknown id. Idempotent.
  store::KioskRecord revoke(const std::string& id);

  // Enrols a browser with the device key: the kiosk when the key is a registered kiosk's, not revoked and not yet
  // enrolled (it is then marked enrolled); nullopt otherwise.
  std::optional<store::KioskRecord> enrol(std::string_view device_key);
  // The enrolled, unrevoked kiosk whose device key this is.
  std::optional<store::KioskRecord> device(std::string_view device_key) const;

  // Sets (or changes) the applicant's kiosk PIN after checking their password. Throws ProblemError
  // validation-failed with field errors: "password" rule "wrong", "pin" rule from domain::check_kiosk_pin, "pin_again"
  // rule "mismatch"; forbidden for an actor who is not an applicant.
  void set_pin(const domain::Actor& applicant, std::string_view password, std::string_view pin,
               std::string_view pin_again);
  bool has_pin(std::string_view account_id) const;

  // The applicant account holding this document when `pin` is its kiosk PIN and the document is not locked;
  // nullopt otherwise, whatever the reason. `number` is the normalised number the reader read.
  std::optional<std::string> sign_in(domain::IdDocumentType type, std::string_view number, std::string_view pin);

 private:
  const std::string& decoy_hash();  // made at the first sign-in, so that the CLI's desks never hash

  Node& node_;
  accounts::PasswordHashingPool& hashing_;
  std::once_flag decoy_once_;
  std::string decoy_hash_;
  mutable std::mutex mutex_;
  std::map<std::string, domain::PinAttempts, std::less<>> attempts_;
};

}  // namespace tongban::node

// ensure_sodium(): initialises libsodium once per process (sodium_init is idempotent and thread-safe; this only
// turns its failure, which leaves the randomness source unusable, into an exception). Internal to accounts.
#pragma once

#include <sodium.h>

#include <stdexcept>

namespace tongban::accounts {

inline void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace tongban::accounts

// Errors of the node's store, one class per thing the API must answer differently (HTTP problem types).
//
// StoreError is the root; every error a Store or Transaction raises on purpose derives from it. Bad arguments
// (a malformed sha256, an unreadable cursor) are std::invalid_argument instead: they are the caller's bug or the
// client's bad input, never a storage condition.
//   NotFound          the record to update/revoke does not exist                     -> 404
//   Conflict          a unique constraint would be violated; constraint() names it   -> 409
//   VersionConflict   update_case with a stale expected version                       -> 412 (If-Match) / 409
//   StoreUnavailable  the database cannot be opened/written (I/O, disk full, schema  -> 503
//                     newer than this code, writer stopped)
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace tongban::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NotFound : public StoreError {
 public:
  using StoreError::StoreError;
};

// Constraint names used by the SQLite implementation (and to be used by any other):
//   "account_login", "account_id", "account_id_document", "session_token", "case_id", "event_chain",
//   "calendar_jurisdiction", "idempotency_key".
class Conflict : public StoreError {
 public:
  Conflict(std::string constraint, const std::string& message)
      : StoreError(message), constraint_(std::move(constraint)) {}
  const std::string& constraint() const noexcept { return constraint_; }

 private:
  std::string constraint_;
};

class VersionConflict : public StoreError {
 public:
  VersionConflict(std::string case_id, std::int64_t expected, std::int64_t actual)
      : StoreError("case " + case_id + " is at version " + std::to_string(actual) + ", not " +
                   std::to_string(expected)),
        case_id_(std::move(case_id)),
        expected_(expected),
        actual_(actual) {}
  const std::string& case_id() const noexcept { return case_id_; }
  std::int64_t expected() const noexcept { return expected_; }
  std::int64_t actual() const noexcept { return actual_; }

 private:
  std::string case_id_;
  std::int64_t expected_;
  std::int64_t actual_;
};

class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace tongban::store

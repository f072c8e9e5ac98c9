// The operator's audit log of the federation directory: every change the operator makes (init, add-member,
// set-agreements, sign) appends one line to a hash-chained log file next to the working copy, so a later reader
// can check that no entry was removed, reordered or edited.
//
// Format: one JSON object per line {"seq": N, "at": UNIX_MS, "action": "...", "detail": "...", "prev": HEX,
// "hash": HEX}; seq starts at 1; prev is the previous line's hash ("" for the first); hash is the lowercase hex
// SHA-256 of the canonical bytes (domain/canonical_bytes.h) "tongban-directory-audit-v1", seq, at, action, detail,
// prev. The file is created 0600 and only ever appended to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tongban::federation {

// Appends an entry (std::runtime_error if the file cannot be read or written, or if its chain is broken).
void append_directory_audit(const std::filesystem::path& file, std::string_view action, std::string_view detail,
                            std::int64_t at_ms);
// The number of entries if the chain verifies; std::runtime_error naming the first bad line otherwise.
std::int64_t verify_directory_audit(const std::filesystem::path& file);

}  // namespace tongban::federation

// Private files: everything a node keeps on disk (the SQLite database and its WAL, the blobs, keys, secrets) holds
// password hashes, session digests, ID numbers, scanned documents or signing keys, so it is readable by the node's
// own user only — directories 0700, files 0600 — whatever the process umask. These two functions are the one place
// that says so; the store, the blob directory and the node's data directory use them.
#pragma once

#include <filesystem>

namespace tongban::store {

// Creates the directory (and missing parents, each 0700) and sets the directory itself to 0700.
// StoreUnavailable on failure.
void make_private_directory(const std::filesystem::path& directory);

// Creates the file empty with mode 0600 if it does not exist, and sets it to 0600 if it does. StoreUnavailable on
// failure.
void make_private_file(const std::filesystem::path& file);

}  // namespace tongban::store

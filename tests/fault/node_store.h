// Where a fault test's node keeps its records: the one place that maps a node's data directory to its store, so the
// `tongban` processes a test starts and the NodeDatabase it reads agree. On SQLite (the default run) that is the
// file in the data directory and nothing else is said; on PostgreSQL (the pg.* runs, support/test_store.h) it is the
// database test_store_for() gives for the data directory — the same one for every process and reader of that
// directory within the test process.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tongban::fault_test {

// "" on SQLite; on PostgreSQL the postgres:// URL of data_dir's database.
std::string node_store(const std::filesystem::path& data_dir);

// `arguments` followed by --data-dir DIR and --store (URL on PostgreSQL, "sqlite" else): how every `tongban serve`,
// `account add`, `audit verify` … of a test names its node, e.g. with_data_dir({"audit", "verify"}, data).
std::vector<std::string> with_data_dir(std::vector<std::string> arguments, const std::filesystem::path& data_dir);

}  // namespace tongban::fault_test

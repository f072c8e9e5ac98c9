// Which store the tests' nodes use. The suites run twice (tests/CMakeLists.txt): once on SQLite and once, as the
// tests named pg.*, on PostgreSQL, with TONGBAN_TEST_POSTGRES_DIR naming the throwaway cluster the CTest fixture
// started (scripts/postgres-cluster.sh; its admin URL is in <dir>/url).
//
// fresh_test_store(): "" on SQLite (the node's data directory holds its database); on PostgreSQL a new, empty
// database of that cluster, as the postgres:// URL to give NodeConfig::store or `tongban serve --store`. Every call
// makes another database (unique across the test processes running at once); the cluster is removed whole at the
// end of the run. Thread-safe.
#pragma once

#include <string>

namespace tongban::testing {

bool testing_on_postgres();
std::string fresh_test_store();
// Drops a database fresh_test_store made (nothing for ""), once its store is closed. Errors are ignored: the
// cluster goes at the end of the run anyway.
void drop_test_store(const std::string& url);
// The same database every time for `key` within one process (a test that reopens a node's store).
std::string test_store_for(const std::string& key);

}  // namespace tongban::testing

#include "test_store.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "store/postgres/pg_connection.h"

namespace tongban::testing {
namespace {

// Read once per process: the fixture writes the file before any test starts and it does not change.
std::string read_admin_url() {
  const char* dir = std::getenv("TONGBAN_TEST_POSTGRES_DIR");
  if (dir == nullptr || *dir == '\0') return {};
  std::ifstream file(std::string(dir) + "/url");
  std::string url;
  if (!(file >> url)) {
    throw std::runtime_error(std::string("TONGBAN_TEST_POSTGRES_DIR is set but ") + dir +
                             "/url is missing: is the pg.cluster.start fixture running?");
  }
  return url;
}

const std::string& admin_url() {
  static const std::string url = read_admin_url();
  return url;
}

// The admin URL with its database replaced.
std::string url_of(const std::string& admin, const std::string& database) {
  auto slash = admin.rfind('/');
  return admin.substr(0, slash + 1) + database;
}

}  // namespace

bool testing_on_postgres() {
  return !admin_url().empty();
}

std::string fresh_test_store() {
  static std::atomic<int> counter{0};
  static std::mutex mutex;
  const std::string admin = admin_url();
  if (admin.empty()) return {};
  std::string name = "tb_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  std::lock_guard lock(mutex);
  store::postgres::Connection connection(admin);
  connection.execute("CREATE DATABASE " + name);
  return url_of(admin, name);
}

void drop_test_store(const std::string& url) {
  if (url.empty()) return;
  try {
    store::postgres::Connection connection(admin_url());
    connection.execute("DROP DATABASE IF EXISTS " + url.substr(url.rfind('/') + 1) + " WITH (FORCE)");
  } catch (const std::exception&) {
    // Left for the end of the run.
  }
}

std::string test_store_for(const std::string& key) {
  static std::mutex mutex;
  static std::map<std::string, std::string> stores;
  {
    std::lock_guard lock(mutex);
    if (auto found = stores.find(key); found != stores.end()) return found->second;
  }
  std::string url = fresh_test_store();
  std::lock_guard lock(mutex);
  return stores.emplace(key, url).first->second;
}

}  // namespace tongban::testing

// Test support: a fresh data directory under /tmp, removed when the test ends, and sample records.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "test_store.h"

namespace tongban::store::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("tongban-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The store of the test's data directory: SQLite in it, or (in the pg.* runs) the PostgreSQL database kept for it, so
// reopening the same directory reopens the same database.
inline std::unique_ptr<Store> open_store(const std::filesystem::path& dir, int max_batch = 256) {
  std::string location = tongban::testing::test_store_for(dir.string());
  if (location.empty()) {
    SqliteStoreOptions options;
    options.data_dir = dir;
    options.node_code = "JM";
    options.max_batch = max_batch;
    return open_sqlite_store(options);
  }
  PostgresStoreOptions options;
  options.conninfo = location;
  options.blob_dir = dir / "blobs";
  options.node_code = "JM";
  options.max_batch = max_batch;
  return open_postgres_store(options);
}

inline AccountRecord sample_account(const std::string& id, const std::string& login) {
  AccountRecord account;
  account.id = id;
  account.kind = "natural_person";
  account.login = login;
  account.display_name = "Chan Tai Man";
  account.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  account.role = domain::Role::applicant;
  account.id_document_type = "mo_resident_id";
  account.id_document_number = "1234567(" + id + ")";
  account.created_at_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  return account;
}

inline domain::Case sample_case(const std::string& applicant_id) {
  domain::Case kase;
  kase.item_code = "MO-DSI-001";
  kase.applicant_id = applicant_id;
  kase.mode = domain::HandlingMode::remote_intake;
  kase.channel = domain::Channel::window;
  kase.intake_point = "JM-WIN-PENGJIANG";
  kase.authority = "MO-DSI";
  kase.jurisdiction = "MO";
  kase.form_json = R"({"postal_address":"Rua 1, Macau"})";
  kase.materials = {{"id_card", std::string(64, 'a')}};
  kase.created_at_ms = 1772000000000;  // 2026-02-25
  kase.updated_at_ms = kase.created_at_ms;
  return kase;
}

}  // namespace tongban::store::testing

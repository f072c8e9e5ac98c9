// Besides sqlite_connection.cc, the one file of store/sqlite/ that calls sqlite3.h directly: the online backup API has
// no wrapper in sqlite_connection.h, and nothing else uses it.
#include "store/sqlite/online_backup.h"

#include <sqlite3.h>

#include "store/private_files.h"
#include "store/sql/row_codec.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store_error.h"

namespace tongban::store::sqlite {
namespace {

using sql::kEventColumns;
using sql::read_event;

namespace fs = std::filesystem;

constexpr int kPagesPerStep = 256;
constexpr int kBusyRetries = 3000;  // 10 ms each: 30 s of a busy destination or source at most
constexpr int kBusyTimeoutMs = 10000;

std::vector<SnapshotBlob> read_blobs(Connection& connection) {
  std::vector<SnapshotBlob> blobs;
  Statement rows = connection.prepare("SELECT sha256, size FROM blobs ORDER BY sha256");
  while (rows.step()) blobs.push_back({rows.text(0), rows.integer(1)});
  return blobs;
}

std::int64_t count_of(Connection& connection, std::string_view sql) {
  Statement row = connection.prepare(sql);
  row.step();
  return row.integer(0);
}

// Reads what the manifest needs, inside the open read transaction.
DatabaseSnapshot read_snapshot_facts(Connection& source) {
  DatabaseSnapshot facts;
  facts.schema_version = source.user_version();
  facts.blobs = read_blobs(source);
  Statement head = source.prepare("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1");
  if (head.step()) facts.audit_head = {head.integer(0), head.text(1)};
  Statement first_case = source.prepare("SELECT id FROM cases ORDER BY seq LIMIT 1");
  if (first_case.step()) {
    std::string id = first_case.text(0);
    facts.node_code = id.substr(0, id.find('-'));
  }
  facts.cases = count_of(source, "SELECT count(*) FROM cases");
  facts.events = count_of(source, "SELECT count(*) FROM events");
  return facts;
}

// Owns a sqlite3_backup; finish() reports the final result once.
class OnlineBackup {
 public:
  OnlineBackup(Connection& destination, Connection& source)
      : destination_(destination), backup_(sqlite3_backup_init(destination.handle(), "main", source.handle(), "main")) {
    if (backup_ == nullptr) destination.fail(sqlite3_errcode(destination.handle()), "sqlite backup init");
  }
  ~OnlineBackup() {
    if (backup_) sqlite3_backup_finish(backup_);
  }
  OnlineBackup(const OnlineBackup&) = delete;
  OnlineBackup& operator=(const OnlineBackup&) = delete;

  void run(const PageProgress& progress) {
    int busy = 0;
    for (;;) {
      int rc = sqlite3_backup_step(backup_, kPagesPerStep);
      if (progress) {
        std::int64_t total = sqlite3_backup_pagecount(backup_);
        progress(total - sqlite3_backup_remaining(backup_), total);
      }
      if (rc == SQLITE_DONE) break;
      if (rc == SQLITE_OK) continue;
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < kBusyRetries) {
        sqlite3_sleep(10);
        continue;
      }
      throw StoreUnavailable(std::string("sqlite backup step: ") + sqlite3_errstr(rc));
    }
    pages_ = sqlite3_backup_pagecount(backup_);
    int rc = sqlite3_backup_finish(backup_);
    backup_ = nullptr;
    if (rc != SQLITE_OK) destination_.fail(rc, "sqlite backup finish");
  }
  std::int64_t pages() const { return pages_; }

 private:
  Connection& destination_;
  sqlite3_backup* backup_;
  std::int64_t pages_ = 0;
};

void remove_database_files(const fs::path& file) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(file.string() + suffix, ignored);
}

}  // namespace

DatabaseSnapshot snapshot_database(const fs::path& source_file, const fs::path& destination_file,
                                   const PageProgress& progress) {
  if (!fs::is_regular_file(source_file)) throw StoreUnavailable("no database at " + source_file.string());
  if (fs::exists(destination_file)) throw StoreUnavailable(destination_file.string() + " exists already");
  DatabaseSnapshot facts;
  try {
    Connection source(source_file, Connection::Mode::read_only, kBusyTimeoutMs);
    make_private_file(destination_file);
    Connection destination(destination_file, Connection::Mode::read_write_create, kBusyTimeoutMs);
    destination.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");  // a scratch copy, read once
    source.execute("BEGIN");  // deferred: the snapshot is fixed by the first read, just below
    facts = read_snapshot_facts(source);
    OnlineBackup backup(destination, source);
    backup.run(progress);
    facts.pages = backup.pages();
    source.execute("COMMIT");
  } catch (...) {
    remove_database_files(destination_file);
    throw;
  }
  return facts;
}

DatabaseCheck check_database(const fs::path& database, const domain::ChainHead& anchor) {
  if (!fs::is_regular_file(database)) throw StoreUnavailable("no database at " + database.string());
  DatabaseCheck check;
  Connection connection(database, Connection::Mode::read_write_create, kBusyTimeoutMs);
  {
    Statement rows = connection.prepare("PRAGMA integrity_check(20)");
    std::string lines;
    while (rows.step()) lines += (lines.empty() ? "" : "\n") + rows.text(0);
    check.integrity = lines.empty() ? "no answer" : lines;
  }
  if (check.integrity != "ok") return check;
  check.schema_version = connection.user_version();
  check.blobs = read_blobs(connection);
  check.cases = count_of(connection, "SELECT count(*) FROM cases");
  check.events = count_of(connection, "SELECT count(*) FROM events");
  std::optional<domain::ChainHead> anchor_head;
  if (anchor.sequence > 0) anchor_head = anchor;
  domain::ChainVerifier verifier({}, anchor_head);
  Statement events = connection.prepare("SELECT " + std::string(kEventColumns) + " FROM events ORDER BY sequence");
  std::int64_t at = 0;
  try {
    while (!check.chain_break && events.step()) {
      domain::Event event = read_event(events);
      at = event.sequence;
      check.chain_break = verifier.feed(event);
    }
  } catch (const StoreError& error) {
    check.chain_break = domain::ChainBreak{at + 1, std::string("undecodable: ") + error.what()};
  }
  if (!check.chain_break) check.chain_break = verifier.finish();
  check.audit_head = verifier.head();
  if (!check.chain_break && (check.audit_head.sequence != anchor.sequence || check.audit_head.hash != anchor.hash))
    check.chain_break = domain::ChainBreak{check.audit_head.sequence, "beyond the head the manifest recorded"};
  return check;
}

}  // namespace tongban::store::sqlite

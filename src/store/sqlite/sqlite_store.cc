#include "store/sqlite/sqlite_store.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "store/blob_directory.h"
#include "store/private_files.h"
#include "store/sqlite/group_commit_writer.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/row_codec.h"
#include "store/sqlite/sqlite_reads.h"

namespace tongban::store::sqlite {
namespace {

constexpr std::size_t kIdleReaders = 8;

std::unique_ptr<Connection> open_writer(const std::filesystem::path& file, const SqliteStoreOptions& options) {
  auto connection = std::make_unique<Connection>(file, Connection::Mode::read_write_create, options.busy_timeout_ms);
  connection->execute("PRAGMA journal_mode = WAL");
  connection->execute("PRAGMA synchronous = FULL");
  connection->execute("PRAGMA foreign_keys = ON");
  migrate(*connection);
  return connection;
}

class SqliteStore final : public SqliteReads<Store> {
 public:
  explicit SqliteStore(const SqliteStoreOptions& options)
      : options_(options),
        database_(options.data_dir / "tongban.db"),
        blobs_(options.data_dir / "blobs"),
        writer_(open_writer(database_, options), CaseNumbering{options.node_code, options.utc_offset_minutes},
                options.max_batch) {}

  ~SqliteStore() override { close(); }

  void write(Job job) override {
    if (writer_.on_writer_thread()) {
      throw std::logic_error("write() called from a write job or a done callback: it would wait for itself");
    }
    std::promise<void> committed;
    std::future<void> result = committed.get_future();
    writer_.submit(std::move(job), [&committed](std::exception_ptr error) {
      if (error) {
        committed.set_exception(error);
      } else {
        committed.set_value();
      }
    });
    result.get();
  }

  void submit(Job job, Done done) override { writer_.submit(std::move(job), std::move(done)); }

  BlobRecord put_blob(std::string_view bytes, std::string_view media_type, std::int64_t now_ms) override {
    if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
    std::string sha256 = blobs_.put(bytes);
    BlobRecord record{sha256, static_cast<std::int64_t>(bytes.size()), std::string(media_type), now_ms};
    return transact([&record](Transaction& tx) { return tx.insert_blob_meta(record); });
  }

  BlobRecord hand_in_blob(std::string_view bytes, std::string_view media_type, const BlobHandler& handler,
                          std::int64_t now_ms) override {
    if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
    std::string sha256 = blobs_.put(bytes);
    BlobRecord record{sha256, static_cast<std::int64_t>(bytes.size()), std::string(media_type), now_ms};
    return record_handed_in(record, handler);
  }

  BlobRecord put_blob_file(const std::filesystem::path& file, std::string_view sha256, std::int64_t size,
                           std::string_view media_type, const BlobHandler& handler, std::int64_t now_ms) override {
    if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
    blobs_.adopt(file, sha256, static_cast<std::uint64_t>(size));
    BlobRecord record{std::string(sha256), size, std::string(media_type), now_ms};
    return record_handed_in(record, handler);
  }

  std::filesystem::path blob_path(std::string_view sha256) const override { return blobs_.path_of(sha256); }

  std::optional<std::string> read_blob(std::string_view sha256) const override {
    if (!find_blob(sha256)) return std::nullopt;
    auto bytes = blobs_.read(sha256);
    if (!bytes) throw StoreUnavailable("blob " + std::string(sha256) + " has metadata but no file");
    return bytes;
  }

  void for_each_event(const std::function<bool(const domain::Event&)>& f) const override {
    with_connection([&f](Connection& connection) {
      Statement statement =
          connection.prepare("SELECT " + std::string(kEventColumns) + " FROM events ORDER BY sequence");
      while (statement.step()) {
        if (!f(read_event(statement))) break;
      }
    });
  }

  WriterStats writer_stats() const override { return writer_.stats(); }

  void close() override {
    writer_.stop();
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
  }

 protected:
  // A pooled read-only connection inside one read transaction: the reads of f see one committed snapshot.
  void with_connection(const std::function<void(Connection&)>& f) const override {
    std::unique_ptr<Connection> connection = take_reader();
    connection->execute("BEGIN");
    try {
      f(*connection);
      connection->execute("COMMIT");
    } catch (...) {
      try {
        connection->execute("ROLLBACK");
        give_back(std::move(connection));
      } catch (const StoreError&) {
        // A connection that cannot end its read transaction is dropped, not pooled.
      }
      throw;
    }
    give_back(std::move(connection));
  }

 private:
  // The metadata row and who handed the blob in, in one transaction (the bytes are durable already).
  BlobRecord record_handed_in(const BlobRecord& record, const BlobHandler& handler) {
    return transact([&](Transaction& tx) {
      BlobRecord stored = tx.insert_blob_meta(record);
      tx.record_blob_handler(stored.sha256, handler, record.created_at_ms);
      return stored;
    });
  }

  std::unique_ptr<Connection> take_reader() const {
    {
      std::lock_guard lock(readers_mutex_);
      if (!idle_readers_.empty()) {
        auto connection = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return connection;
      }
    }
    return std::make_unique<Connection>(database_, Connection::Mode::read_only, options_.busy_timeout_ms);
  }

  void give_back(std::unique_ptr<Connection> connection) const {
    std::lock_guard lock(readers_mutex_);
    if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(connection));
  }

  SqliteStoreOptions options_;
  std::filesystem::path database_;
  BlobDirectory blobs_;
  GroupCommitWriter writer_;
  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace
}  // namespace tongban::store::sqlite

namespace tongban::store {

std::unique_ptr<Store> open_sqlite_store(const SqliteStoreOptions& options) {
  if (options.data_dir.empty()) throw std::invalid_argument("the store needs a data directory");
  if (options.node_code.empty()) throw std::invalid_argument("the store needs a node code for case ids");
  if (options.max_batch < 1) throw std::invalid_argument("max_batch must be at least 1");
  if (sodium_init() < 0) throw StoreUnavailable("libsodium cannot be initialised");
  make_private_directory(options.data_dir);
  make_private_directory(options.data_dir / "blobs");
  // SQLite gives the WAL and shared-memory files the mode of the database file, so creating it 0600 first keeps
  // all three private.
  make_private_file(options.data_dir / "tongban.db");
  return std::make_unique<sqlite::SqliteStore>(options);
}

}  // namespace tongban::store

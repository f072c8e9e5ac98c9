#include "store/sql/sql_store.h"

#include <future>
#include <stdexcept>

#include "store/sql/row_codec.h"
#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

constexpr std::size_t kIdleReaders = 8;
// for_each_event reads the chain in pages of this many events, so a long chain is never held in memory at once.
constexpr int kEventPage = 1000;

}  // namespace

SqlStore::SqlStore(std::unique_ptr<Connection> writer, ConnectionFactory open_reader,
                   const std::filesystem::path& blob_dir, CaseNumbering numbering, int max_batch,
                   ConnectionFactory reopen_writer)
    : blobs_(blob_dir),
      open_reader_(std::move(open_reader)),
      writer_(std::move(writer), std::move(numbering), max_batch, std::move(reopen_writer)) {}

SqlStore::~SqlStore() {
  SqlStore::close();
}

void SqlStore::write(Job job) {
  if (writer_.on_writer_thread()) {
    throw std::logic_error("write() called from a write job or a done callback: it would wait for itself");
  }
  std::promise<void> committed;
  std::future<void> result = committed.get_future();
  writer_.submit(std::move(job), [&committed](const std::exception_ptr& error) {
    if (error) {
      committed.set_exception(error);
    } else {
      committed.set_value();
    }
  });
  result.get();
}

void SqlStore::submit(Job job, Done done) {
  writer_.submit(std::move(job), std::move(done));
}

BlobRecord SqlStore::put_blob(std::string_view bytes, std::string_view media_type, std::int64_t now_ms) {
  if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
  std::string sha256 = blobs_.put(bytes);
  BlobRecord record{sha256, static_cast<std::int64_t>(bytes.size()), std::string(media_type), now_ms};
  return transact([&record](Transaction& tx) { return tx.insert_blob_meta(record); });
}

BlobRecord SqlStore::hand_in_blob(std::string_view bytes, std::string_view media_type, const BlobHandler& handler,
                                  std::int64_t now_ms) {
  if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
  std::string sha256 = blobs_.put(bytes);
  BlobRecord record{sha256, static_cast<std::int64_t>(bytes.size()), std::string(media_type), now_ms};
  return record_handed_in(record, handler);
}

BlobRecord SqlStore::put_blob_file(const std::filesystem::path& file, std::string_view sha256, std::int64_t size,
                                   std::string_view media_type, const BlobHandler& handler, std::int64_t now_ms) {
  if (media_type.empty()) throw std::invalid_argument("blob media type is empty");
  blobs_.adopt(file, sha256, static_cast<std::uint64_t>(size));
  BlobRecord record{std::string(sha256), size, std::string(media_type), now_ms};
  return record_handed_in(record, handler);
}

std::optional<std::string> SqlStore::read_blob(std::string_view sha256) const {
  if (!find_blob(sha256)) return std::nullopt;
  auto bytes = blobs_.read(sha256);
  if (!bytes) throw StoreUnavailable("blob " + std::string(sha256) + " has metadata but no file");
  return bytes;
}

void SqlStore::for_each_event(const std::function<bool(const domain::Event&)>& f) const {
  std::int64_t after = 0;
  for (;;) {
    std::vector<domain::Event> page;
    with_connection([&](Connection& connection) {
      Statement statement = connection.prepare("SELECT " + std::string(kEventColumns) +
                                               " FROM events WHERE sequence > ? ORDER BY sequence LIMIT ?");
      statement.bind(1, after).bind(2, kEventPage);
      while (statement.step()) page.push_back(read_event(statement));
    });
    for (const auto& event : page) {
      if (!f(event)) return;
    }
    if (static_cast<int>(page.size()) < kEventPage) return;
    after = page.back().sequence;
  }
}

void SqlStore::close() {
  writer_.stop();
  std::lock_guard lock(readers_mutex_);
  idle_readers_.clear();
}

void SqlStore::with_connection(const std::function<void(Connection&)>& f) const {
  std::unique_ptr<Connection> connection = take_reader();
  try {
    read_on(*connection, f);
  } catch (const StoreError&) {
    if (connection->healthy()) {
      if (reusable(*connection)) give_back(std::move(connection));
      throw;
    }
    // A pooled connection the server dropped (a restart, an idle timeout): reads change nothing, so the read is
    // tried once more on a new connection.
    connection = open_reader_();
    read_on(*connection, f);
  } catch (...) {
    if (reusable(*connection)) give_back(std::move(connection));
    throw;
  }
  give_back(std::move(connection));
}

// The metadata row and who handed the blob in, in one transaction (the bytes are durable already).
BlobRecord SqlStore::record_handed_in(const BlobRecord& record, const BlobHandler& handler) {
  return transact([&](Transaction& tx) {
    BlobRecord stored = tx.insert_blob_meta(record);
    tx.record_blob_handler(stored.sha256, handler, record.created_at_ms);
    return stored;
  });
}

std::unique_ptr<Connection> SqlStore::take_reader() const {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return connection;
    }
  }
  return open_reader_();
}

void SqlStore::give_back(std::unique_ptr<Connection> connection) const {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(connection));
}

}  // namespace tongban::store::sql

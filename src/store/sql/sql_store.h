// SqlStore: the part of store::Store that is the same on SQLite and PostgreSQL — the group-commit writer
// (store/sql/group_commit_writer.h) on the writer connection, blobs as files in a BlobDirectory, the reads of
// store/sql/sql_reads.h, and a pool of reading connections. A backend (store/sqlite/sqlite_store.cc,
// store/postgres/postgres_store.cc) supplies the connections and how a read uses one (read_on).
//
// Ownership: owns the writer (and through it the writer connection), the pool and the blob directory handle.
// Invariants: as store/store.h; reading connections are used by one thread at a time and go back to the pool only
// when the read ended cleanly.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/blob_directory.h"
#include "store/sql/group_commit_writer.h"
#include "store/sql/sql_reads.h"

namespace tongban::store::sql {

class SqlStore : public SqlReads<Store> {
 public:
  using ConnectionFactory = std::function<std::unique_ptr<Connection>()>;

  // `writer` has been migrated already. open_reader makes a new reading connection when the pool is empty;
  // reopen_writer (may be empty) replaces a lost writer connection (group_commit_writer.h).
  SqlStore(std::unique_ptr<Connection> writer, ConnectionFactory open_reader, const std::filesystem::path& blob_dir,
           CaseNumbering numbering, int max_batch, ConnectionFactory reopen_writer = {});
  ~SqlStore() override;

  void write(Job job) override;
  void submit(Job job, Done done) override;
  BlobRecord put_blob(std::string_view bytes, std::string_view media_type, std::int64_t now_ms) override;
  BlobRecord hand_in_blob(std::string_view bytes, std::string_view media_type, const BlobHandler& handler,
                          std::int64_t now_ms) override;
  BlobRecord put_blob_file(const std::filesystem::path& file, std::string_view sha256, std::int64_t size,
                           std::string_view media_type, const BlobHandler& handler, std::int64_t now_ms) override;
  std::filesystem::path blob_path(std::string_view sha256) const override { return blobs_.path_of(sha256); }
  std::optional<std::string> read_blob(std::string_view sha256) const override;
  void for_each_event(const std::function<bool(const domain::Event&)>& f) const override;
  WriterStats writer_stats() const override { return writer_.stats(); }
  void close() override;

 protected:
  // Runs f on `connection` as one read (SQLite: inside a read transaction, one snapshot). Returns normally only if
  // the connection may go back to the pool; rethrows f's exception.
  virtual void read_on(Connection& connection, const std::function<void(Connection&)>& f) const = 0;
  // Whether a connection whose read threw may still be pooled.
  virtual bool reusable(Connection& connection) const = 0;

  void with_connection(const std::function<void(Connection&)>& f) const final;

 private:
  BlobRecord record_handed_in(const BlobRecord& record, const BlobHandler& handler);
  std::unique_ptr<Connection> take_reader() const;
  void give_back(std::unique_ptr<Connection> connection) const;

  BlobDirectory blobs_;
  ConnectionFactory open_reader_;
  GroupCommitWriter writer_;
  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace tongban::store::sql

// GroupCommitWriter: the one thread that writes to the database. It owns the writer connection. Callers queue
// jobs; the thread takes every queued job (at most max_batch), begins a write transaction (Connection::begin_write),
// runs each job inside its own SAVEPOINT, then one COMMIT (one fsync per batch: SQLite in WAL with synchronous=FULL,
// PostgreSQL with synchronous_commit on), and only then reports each job's outcome through its done callback (after
// running the after-commit hooks the committed jobs registered with Transaction::after_commit; a failed job's hooks are
// dropped, and all of them when the COMMIT fails): nullptr if committed, the job's own exception if it threw (only its
// savepoint was rolled back), StoreUnavailable for every job of a batch whose COMMIT failed.
//
// A lost connection (Connection::healthy() false: a PostgreSQL server restarted or dropped the session) is replaced
// through `reconnect` before the next batch begins; the batch that was running when it was lost fails with
// StoreUnavailable (nothing of it is acknowledged), a batch that finds it lost at BEGIN is retried once on the new
// connection. Without `reconnect` (SQLite), connections are never replaced.
//
// stop() lets the thread finish every job queued so far, then joins it; submit() after stop() throws
// StoreUnavailable.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sql/sql_transaction.h"

namespace tongban::store::sql {

class GroupCommitWriter {
 public:
  using Reconnect = std::function<std::unique_ptr<Connection>()>;
  GroupCommitWriter(std::unique_ptr<Connection> connection, CaseNumbering numbering, int max_batch,
                    Reconnect reconnect = {});
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  void submit(Store::Job job, Store::Done done);
  void stop();
  WriterStats stats() const;
  // True when called by a job or a done callback.
  bool on_writer_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  struct Pending {
    Store::Job job;
    Store::Done done;
  };

  void run();
  std::vector<Pending> next_batch();
  void commit_batch(std::vector<Pending>& batch);
  std::vector<std::exception_ptr> execute(std::vector<Pending>& batch);
  // begin_write, replacing a lost connection first (and once more if BEGIN finds it lost).
  void begin();
  void replace_lost_connection();

  std::unique_ptr<Connection> connection_;
  SqlTransaction transaction_;
  Reconnect reconnect_;
  const std::size_t max_batch_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  WriterStats stats_;
  std::thread thread_;
};

}  // namespace tongban::store::sql

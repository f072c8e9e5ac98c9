#include "store/sql/group_commit_writer.h"

#include <algorithm>
#include <string>

#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection, CaseNumbering numbering, int max_batch,
                                     Reconnect reconnect)
    : connection_(std::move(connection)),
      transaction_(*connection_, std::move(numbering)),
      reconnect_(std::move(reconnect)),
      max_batch_(static_cast<std::size_t>(std::max(1, max_batch))),
      thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  stop();
}

void GroupCommitWriter::submit(Store::Job job, Store::Done done) {
  if (!job) throw std::invalid_argument("empty write job");
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw StoreUnavailable("the store is closed");
    queue_.push_back({std::move(job), std::move(done)});
  }
  wake_.notify_one();
}

void GroupCommitWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

WriterStats GroupCommitWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitWriter::run() {
  for (;;) {
    std::vector<Pending> batch = next_batch();
    if (batch.empty()) return;
    commit_batch(batch);
  }
}

std::vector<GroupCommitWriter::Pending> GroupCommitWriter::next_batch() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  std::vector<Pending> batch;
  while (!queue_.empty() && batch.size() < max_batch_) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return batch;
}

void GroupCommitWriter::commit_batch(std::vector<Pending>& batch) {
  std::vector<std::exception_ptr> outcomes = execute(batch);
  // After-commit hooks of the jobs that committed (execute dropped those of failed jobs and of failed batches).
  for (auto& hook : transaction_.take_hooks()) {
    try {
      hook();
    } catch (...) {
      // A hook must not take the writer down either.
    }
  }
  {
    std::lock_guard lock(mutex_);
    auto failed = std::count_if(outcomes.begin(), outcomes.end(), [](const auto& e) { return e != nullptr; });
    stats_.jobs += static_cast<std::int64_t>(batch.size());
    stats_.jobs_failed += failed;
    stats_.largest_batch = std::max(stats_.largest_batch, static_cast<std::int64_t>(batch.size()));
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) continue;
    try {
      batch[i].done(outcomes[i]);
    } catch (...) {
      // A callback must not take the writer down; its caller has been told all there is to tell.
    }
  }
}

void GroupCommitWriter::replace_lost_connection() {
  if (!reconnect_ || connection_->healthy()) return;
  connection_ = reconnect_();  // throws StoreUnavailable while the server is away: this batch fails, the next retries
  transaction_.rebind(*connection_);
}

void GroupCommitWriter::begin() {
  replace_lost_connection();
  try {
    connection_->begin_write();
  } catch (const StoreError&) {
    if (!reconnect_ || connection_->healthy()) throw;
    replace_lost_connection();  // the session was lost while idle: nothing of this batch ran yet
    connection_->begin_write();
  }
}

// Runs the batch in one transaction; returns each job's outcome (nullptr = committed).
std::vector<std::exception_ptr> GroupCommitWriter::execute(std::vector<Pending>& batch) {
  std::vector<std::exception_ptr> outcomes(batch.size());
  auto fail_all = [&](const std::string& why) {
    auto error = std::make_exception_ptr(StoreUnavailable(why));
    for (auto& outcome : outcomes) {
      if (!outcome) outcome = error;
    }
    std::lock_guard lock(mutex_);
    ++stats_.batches_failed;
  };
  auto roll_back = [&] {
    try {
      if (connection_->in_transaction()) connection_->execute("ROLLBACK");
    } catch (...) {
      // Nothing more can be done; the next BEGIN will report a broken connection.
    }
  };

  try {
    begin();
  } catch (const std::exception& e) {
    fail_all(std::string("cannot begin a write transaction: ") + e.what());
    transaction_.drop_hooks_after(0);
    return outcomes;
  }
  // Each job runs after its own SAVEPOINT. They are not released one by one: a savepoint stays on the stack until the
  // COMMIT releases them all, and ROLLBACK TO undoes back to the most recent one — the failed job's only. That is one
  // statement per job instead of two (on PostgreSQL, one round trip to the server less per job).
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::size_t hooks_before = transaction_.hook_count();
    try {
      connection_->execute("SAVEPOINT job");
    } catch (const std::exception& e) {
      // Without its own savepoint a later ROLLBACK TO would reach into the previous job: the batch ends here.
      roll_back();
      fail_all(std::string("cannot open a savepoint: ") + e.what());
      transaction_.drop_hooks_after(0);
      return outcomes;
    }
    try {
      batch[i].job(transaction_);
    } catch (...) {
      outcomes[i] = std::current_exception();
      transaction_.drop_hooks_after(hooks_before);
      try {
        if (!connection_->in_transaction()) throw StoreUnavailable("the transaction was aborted");
        connection_->execute("ROLLBACK TO job");
      } catch (...) {
        roll_back();
        fail_all("the write transaction was aborted by: " + message_of(outcomes[i]));
        transaction_.drop_hooks_after(0);
        return outcomes;
      }
    }
  }
  try {
    connection_->execute("COMMIT");
  } catch (const std::exception& e) {
    roll_back();
    fail_all(std::string("commit failed: ") + e.what());
    transaction_.drop_hooks_after(0);
    return outcomes;
  }
  std::lock_guard lock(mutex_);
  ++stats_.batches;
  return outcomes;
}

}  // namespace tongban::store::sql

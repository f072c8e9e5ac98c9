// The PostgreSQL implementation of store::Store, for running several `tongban serve` instances of one node on one
// database (docs/scaling.md). The queries are the SQLite store's (store/sql/); what differs is underneath:
// - writes: one writer connection per instance with the same group commit; each batch's transaction first takes a
//   transaction-scoped advisory lock (postgres::kWriterLockKey), so the batches of all instances run one after the
//   other. That keeps every invariant of store.h across instances with the same code: one audit chain (the chain
//   is the node's total order of events, so its appends are serialised anyway), one case counter, version checks
//   and idempotency keys seen by every instance, outbox leases (Transaction::lease_due_outbox_messages_to) taken by
//   one instance at a time. Instances scale the HTTP, JSON, signature and hashing work; the database's share is one
//   batch (one fsync) at a time, each batch carrying the jobs of every request waiting on that instance.
// - reads: a pool of connections in autocommit, each read one statement (one snapshot) in most calls.
// - blobs: files under `blob_dir`, as on SQLite; instances of one node share that directory (a shared filesystem).
//
// open_postgres_store connects, applies pending migrations (store/sql/migrations.h) under the writers' lock, and
// throws StoreUnavailable if the server cannot be reached, refuses, or has a newer schema than this tongban knows.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace tongban::store {

struct PostgresStoreOptions {
  std::string conninfo;  // "postgres://user@host:port/database" (libpq URI or key=value)
  std::filesystem::path blob_dir;
  std::string node_code = "JM";
  int utc_offset_minutes = 480;
  int max_batch = 256;
};

std::unique_ptr<Store> open_postgres_store(const PostgresStoreOptions& options);

// The pending migrations of the database at `conninfo` as "version N" lines with their SQL, without applying them.
std::string describe_pending_postgres_migrations(const std::string& conninfo);

}  // namespace tongban::store

/* The baseline of `make bench` row 1: how many durable case insertions per second SQLite itself gives when each is
 * its own transaction, on one thread, at the durability tongban uses (WAL, synchronous=FULL: every COMMIT waits for
 * an fsync of the WAL). The rows are those of one case submission in src/store/sqlite (schema of migrations.cc):
 * the case counter bumped, one `cases` row (with its four secondary indexes and its unique id), one
 * `case_idempotency` row and one `events` row (unique hash, index by case). No HTTP, no JSON, no hashing: this is
 * the database's floor cost per durable commit, which tongban's group commit is meant to beat.
 *
 *   sqlite_tx_baseline DIR SECONDS    writes DIR/baseline.db (DIR must exist), runs for SECONDS, prints one line:
 *   sqlite_tx_baseline tx=<n> seconds=<s> tx_per_s=<r> p50_ms=<x> p99_ms=<y>
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char* kSchema =
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO counters (name, value) VALUES ('case', 0);"
    "CREATE TABLE cases (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, item_code TEXT NOT NULL,"
    " applicant_id TEXT NOT NULL, mode TEXT NOT NULL, channel TEXT NOT NULL, intake_point TEXT NOT NULL,"
    " authority TEXT NOT NULL, jurisdiction TEXT NOT NULL, form_json TEXT NOT NULL, materials_json TEXT NOT NULL,"
    " state TEXT NOT NULL, version INTEGER NOT NULL, created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL,"
    " clock_started_on TEXT, clock_paused_on TEXT, clock_paused_working_days INTEGER NOT NULL DEFAULT 0,"
    " clock_legal_due TEXT, clock_promised_due TEXT, delivery_method TEXT NOT NULL DEFAULT '',"
    " delivery_address TEXT NOT NULL DEFAULT '', result_note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX cases_applicant ON cases (applicant_id, seq);"
    "CREATE INDEX cases_authority ON cases (authority, seq);"
    "CREATE INDEX cases_intake_point ON cases (intake_point, seq);"
    "CREATE INDEX cases_state ON cases (state, seq);"
    "CREATE TABLE case_idempotency (applicant_id TEXT NOT NULL, key TEXT NOT NULL,"
    " case_id TEXT NOT NULL REFERENCES cases (id), fingerprint TEXT NOT NULL, PRIMARY KEY (applicant_id, key))"
    " WITHOUT ROWID;"
    "CREATE TABLE events (sequence INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
    " actor_id TEXT NOT NULL, actor_role TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT NOT NULL,"
    " to_state TEXT NOT NULL, note TEXT NOT NULL, at_ms INTEGER NOT NULL, prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL UNIQUE);"
    "CREATE INDEX events_case ON events (case_id, sequence);";

/* A form and materials list of the size the benchmark's HTTP body stores (JM-CA-006, three materials). */
static const char* kForm =
    "{\"applicant_name\":\"陈大文\",\"id_number\":{\"type\":\"CN_RIC\",\"number\":\"11010519491231002X\"},"
    "\"phone\":\"+8613812345678\",\"purpose\":\"employment\",\"consent_transfer\":true}";
static const char* kMaterials =
    "[{\"material_id\":\"id_card\",\"blob\":\"3f0c7d4b1a2e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a\"},"
    "{\"material_id\":\"finance_authorisation\",\"blob\":"
    "\"4a1d8e5c2b3f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b\"},"
    "{\"material_id\":\"bank_card\",\"blob\":\"5b2e9f6d3c4a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c\"}]";

static void fail(sqlite3* db, const char* what) {
  fprintf(stderr, "sqlite_tx_baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "cannot open");
  exit(1);
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) fail(db, sql);
}

static sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = NULL;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) fail(db, sql);
  return statement;
}

static void step_done(sqlite3* db, sqlite3_stmt* statement) {
  if (sqlite3_step(statement) != SQLITE_DONE) fail(db, sqlite3_sql(statement));
  sqlite3_reset(statement);
}

static int compare_doubles(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

/* A 64-hex-digit text unique per (n, salt), like a SHA-256 in hex. */
static void hex64(char out[65], uint64_t n, uint64_t salt) {
  uint64_t x = n * 0x9E3779B97F4A7C15ull ^ salt;
  for (int i = 0; i < 64; ++i) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 29;
    out[i] = "0123456789abcdef"[(x + (uint64_t)i) & 15];
  }
  snprintf(out, 17, "%016llx", (unsigned long long)n); /* the first 16 digits make it unique */
  out[16] = "0123456789abcdef"[salt & 15];
  out[64] = 0;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: sqlite_tx_baseline DIR SECONDS\n");
    return 2;
  }
  double seconds = atof(argv[2]);
  if (seconds <= 0) {
    fprintf(stderr, "sqlite_tx_baseline: SECONDS must be positive\n");
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/baseline.db", argv[1]);
  remove(path);
  sqlite3* db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK) fail(db, "open");
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");
  exec(db, "PRAGMA foreign_keys = ON");
  exec(db, kSchema);

  sqlite3_stmt* begin = prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = prepare(db, "COMMIT");
  sqlite3_stmt* counter = prepare(db, "UPDATE counters SET value = value + 1 WHERE name = 'case' RETURNING value");
  sqlite3_stmt* insert_case =
      prepare(db,
              "INSERT INTO cases (id, item_code, applicant_id, mode, channel, intake_point, authority, jurisdiction,"
              " form_json, materials_json, state, version, created_at_ms, updated_at_ms, delivery_method)"
              " VALUES (?1, 'JM-CA-006', ?2, 'online', 'web', '', 'JM-CA', 'CN-GD-JM', ?3, ?4, 'submitted', 1, ?5, ?5,"
              " 'electronic')");
  sqlite3_stmt* insert_key =
      prepare(db, "INSERT INTO case_idempotency (applicant_id, key, case_id, fingerprint) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt* insert_event =
      prepare(db,
              "INSERT INTO events (sequence, case_id, actor_id, actor_role, action, from_state, to_state, note, at_ms,"
              " prev_hash, hash) VALUES (?1, ?2, ?3, 'applicant', 'submit', 'draft', 'submitted', '', ?4, ?5, ?6)");

  size_t capacity = 1 << 16, count = 0;
  double* latencies = malloc(capacity * sizeof *latencies);
  char prev_hash[65], hash[65], case_id[32], key[64], fingerprint[65];
  memset(prev_hash, '0', 64);
  prev_hash[64] = 0;
  const char* applicant = "ACC-0000000000000001";
  double start = now_s(), end = start + seconds;
  while (1) {
    double t0 = now_s();
    if (t0 >= end) break;
    step_done(db, begin);
    if (sqlite3_step(counter) != SQLITE_ROW) fail(db, "counter");
    sqlite3_int64 seq = sqlite3_column_int64(counter, 0);
    sqlite3_reset(counter);
    snprintf(case_id, sizeof case_id, "JM-2026-%06lld", (long long)seq);
    snprintf(key, sizeof key, "%s/bench-%lld", applicant, (long long)seq);
    hex64(fingerprint, (uint64_t)seq, 7);
    hex64(hash, (uint64_t)seq, 11);
    sqlite3_int64 at_ms = (sqlite3_int64)(t0 * 1000);
    sqlite3_bind_text(insert_case, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_case, 2, applicant, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_case, 3, kForm, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_case, 4, kMaterials, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_case, 5, at_ms);
    step_done(db, insert_case);
    sqlite3_bind_text(insert_key, 1, applicant, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert_key, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_key, 3, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_key, 4, fingerprint, -1, SQLITE_TRANSIENT);
    step_done(db, insert_key);
    sqlite3_bind_int64(insert_event, 1, seq);
    sqlite3_bind_text(insert_event, 2, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_event, 3, applicant, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_event, 4, at_ms);
    sqlite3_bind_text(insert_event, 5, prev_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_event, 6, hash, -1, SQLITE_TRANSIENT);
    step_done(db, insert_event);
    step_done(db, commit);
    memcpy(prev_hash, hash, sizeof hash);
    if (count == capacity) {
      capacity *= 2;
      latencies = realloc(latencies, capacity * sizeof *latencies);
    }
    latencies[count++] = now_s() - t0;
  }
  double elapsed = now_s() - start;
  if (count == 0) {
    fprintf(stderr, "sqlite_tx_baseline: no transaction finished\n");
    return 1;
  }
  qsort(latencies, count, sizeof *latencies, compare_doubles);
  printf("sqlite_tx_baseline tx=%zu seconds=%.2f tx_per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n", count, elapsed,
         (double)count / elapsed, latencies[count / 2] * 1e3, latencies[(size_t)((double)count * 0.99)] * 1e3);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_finalize(counter);
  sqlite3_finalize(insert_case);
  sqlite3_finalize(insert_key);
  sqlite3_finalize(insert_event);
  free(latencies);
  sqlite3_close(db);
  return 0;
}

// tongban backup: one archive of a node's data directory, taken while the node serves.
// tongban restore: a new data directory from such an archive, verified before it is put in place.
// The procedures are store::write_backup / store::restore_backup (store/backup_archive.h); this file parses the
// command line, prints progress to stderr and the outcome to stdout, and maps failures to the exit codes below
// (docs/operations.md, "Backup and restore"). Both are for the SQLite store: given a PostgreSQL store (--store or
// TONGBAN_STORE, as `tongban serve` takes it) they refuse with exit 2 before anything is written, naming the tools
// that back up such a node instead (docs/operations.md, "A node on PostgreSQL").
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "federation/message_log.h"
#include "store/backup_archive.h"
#include "store/open_store.h"
#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace tongban::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  done\n"
    "  1  failed (I/O error, disk full, database unreadable); nothing was left behind\n"
    "  2  refused before anything was written: bad option, mistyped path, existing output or target, a\n"
    "     PostgreSQL --store (back that node up with pg_dump or pg_basebackup and a copy of its blobs)\n"
    "  3  backup: a blob the database names is missing or damaged in the data directory;\n"
    "     restore: the archive is damaged, truncated, altered, incomplete or not a tongban backup\n"
    "  4  restore: the archive is intact but its database fails PRAGMA integrity_check or the audit chain\n";

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string mebibytes(std::uint64_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// Progress lines on stderr: at each change of phase, then at most once a second, then at the end of a phase.
class ProgressPrinter {
 public:
  ProgressPrinter(std::string command, bool quiet) : command_(std::move(command)), quiet_(quiet) {}

  void operator()(const store::BackupProgress& p) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const bool phase_changed = !printed_ || p.phase != last_phase_;
    const bool complete = p.bytes_total > 0 && p.bytes_done == p.bytes_total;
    if (!phase_changed && !complete && now - last_ < std::chrono::seconds(1)) return;
    if (complete && printed_ && p.phase == last_phase_ && last_complete_) return;
    last_ = now;
    last_phase_ = p.phase;
    last_complete_ = complete;
    printed_ = true;
    std::cerr << command_ << ": " << line(p) << "\n";
  }

 private:
  static std::string line(const store::BackupProgress& p) {
    switch (p.phase) {
      case store::BackupPhase::database:
        return fmt::format("database snapshot: {} of {} pages", p.bytes_done, p.bytes_total);
      case store::BackupPhase::files: return fmt::format("data-directory files: {}", mebibytes(p.bytes_done));
      case store::BackupPhase::blobs:
        return fmt::format("blobs: {} of {} ({} of {}), each checked against its SHA-256", p.blobs_done, p.blobs_total,
                           mebibytes(p.bytes_done), mebibytes(p.bytes_total));
      case store::BackupPhase::verify:
        return fmt::format("verifying and extracting: {} of {}, {} of {} blobs", mebibytes(p.bytes_done),
                           mebibytes(p.bytes_total), p.blobs_done, p.blobs_total);
    }
    return "";
  }

  std::string command_;
  bool quiet_;
  bool printed_ = false;
  bool last_complete_ = false;
  store::BackupPhase last_phase_ = store::BackupPhase::database;
  std::chrono::steady_clock::time_point last_{};
};

// Runs a procedure, turning its refusals into the documented exit codes.
template <typename Procedure>
void with_exit_codes(const char* command, Procedure&& procedure) {
  auto fail = [&](int code, const std::exception& error) {
    std::cerr << "tongban " << command << ": " << error.what() << "\n";
    throw CLI::RuntimeError(code);
  };
  try {
    procedure();
  } catch (const store::BackupPathRefused& refused) {
    fail(2, refused);
  } catch (const store::SourceDamaged& damaged) {
    fail(3, damaged);
  } catch (const store::ArchiveDamaged& damaged) {
    std::cerr << "tongban restore: the archive is refused; nothing was written to the target\n";
    fail(3, damaged);
  } catch (const store::RestoredDataDamaged& damaged) {
    std::cerr << "tongban restore: the restored data is refused; nothing was written to the target\n";
    fail(4, damaged);
  }
}

// --store as `tongban serve` takes it (also from TONGBAN_STORE), so that an operator's environment naming a
// PostgreSQL store is seen rather than the data directory's stale or missing SQLite file backed up or restored.
void add_store_option(CLI::App* command, std::string& store) {
  command
      ->add_option("--store", store,
                   "The node's store, as `tongban serve --store`: only 'sqlite' (the default) is backed up and "
                   "restored here; a postgres:// store is refused (back it up with pg_dump or pg_basebackup)")
      ->envname("TONGBAN_STORE");
}

// A PostgreSQL store (or a location that is no store) is refused before anything is read or written (exit 2).
void refuse_postgres_store(std::string_view command, const std::string& store, const std::string& data_dir) {
  store::StoreKind kind = store::StoreKind::sqlite;
  try {
    kind = store::store_kind(store);
  } catch (const std::invalid_argument& bad) {
    throw store::BackupPathRefused(bad.what());
  }
  if (kind == store::StoreKind::sqlite) return;
  const bool backup = command == "backup";
  throw store::BackupPathRefused(fmt::format(
      "the node's records are in PostgreSQL ({}), and `tongban {}` is for the SQLite store only; nothing was "
      "written. {} that database with PostgreSQL's tools ({}), {} the data directory {} (blobs/, web-secret.key, "
      "catalog/ and any key kept there): docs/operations.md, \"A node on PostgreSQL\"",
      store::redacted_location(store), command, backup ? "Back up" : "Restore",
      backup ? "pg_dump, or pg_basebackup with WAL archiving for the whole cluster"
             : "pg_restore of a pg_dump archive, or the cluster from pg_basebackup and its WAL",
      backup ? "then copy" : "and copy back", data_dir));
}

// The federation message log of the staged copy, with the same check as `tongban audit verify`. Only when the
// archive's schema is this binary's: opening an older one would migrate it, which the node does on its first start.
void check_message_log(const std::filesystem::path& staged, const store::BackupManifest& manifest) {
  if (manifest.schema_version != store::sql::latest_schema_version()) {
    std::cout << fmt::format(
        "message log: not checked (archive schema {}, this tongban {}: the node migrates it on "
        "start; run `tongban audit verify` then)\n",
        manifest.schema_version, store::sql::latest_schema_version());
    return;
  }
  store::SqliteStoreOptions options;
  options.data_dir = staged;
  if (!manifest.node_id.empty()) options.node_code = manifest.node_id;
  auto store = store::open_sqlite_store(options);
  auto messages = federation::verify_message_log(*store);
  store->close();
  if (!messages.ok())
    throw store::RestoredDataDamaged(
        fmt::format("the restored message log is broken at entry {}: {}", *messages.broken_at, messages.reason));
  std::cout << fmt::format("message log intact: {} envelopes, head {}\n", messages.entries, messages.head_hash);
}

void add_backup(CLI::App& app) {
  struct Options {
    std::string data_dir, out, store;
    bool quiet = false;
  };
  auto options = std::make_shared<Options>();
  auto* backup = app.add_subcommand(
      "backup",
      "Write one archive of a node's data directory, safely while the node serves: a consistent snapshot of the "
      "database (SQLite online backup), every blob it names (SHA-256 checked), the web secret and catalog. "
      "The archive holds secrets and personal data: it is written 0600; keep it encrypted and off this host.");
  backup->add_option("--data-dir", options->data_dir, "The node's data directory (holds tongban.db)")->required();
  backup
      ->add_option("--out", options->out,
                   "The archive to write, e.g. /backups/jm-$(date -u +%Y%m%dT%H%M%SZ).tar; must not exist and "
                   "must be outside the data directory")
      ->required();
  add_store_option(backup, options->store);
  backup->add_flag("--quiet", options->quiet, "No progress lines on stderr");
  backup->footer(kExitCodes);
  backup->callback([options] {
    with_exit_codes("backup", [&] {
      refuse_postgres_store("backup", options->store, options->data_dir);
      ProgressPrinter printer("backup", options->quiet);
      store::BackupOptions backup_options;
      backup_options.data_dir = options->data_dir;
      backup_options.out = options->out;
      backup_options.tongban_version = kTongbanVersion;
      backup_options.now_ms = wall_clock_ms();
      backup_options.progress = [&printer](const store::BackupProgress& p) { printer(p); };
      auto result = store::write_backup(backup_options);
      for (const auto& skipped : result.skipped) std::cerr << "backup: left out " << skipped << "\n";
      const auto& m = result.manifest;
      std::cout << fmt::format(
          "backup written: {} ({}, mode 0600)\n  node {}, schema {}, {} cases, {} events (audit head {} {}), "
          "{} blobs, {} entries\n",
          options->out, mebibytes(result.archive_bytes), m.node_id.empty() ? "(no cases yet)" : m.node_id,
          m.schema_version, m.cases, m.events, m.audit_head.sequence, m.audit_head.hash, m.blobs, m.entries.size());
    });
  });
}

void add_restore(CLI::App& app) {
  struct Options {
    std::string archive, data_dir, store;
    bool replace = false, quiet = false;
  };
  auto options = std::make_shared<Options>();
  auto* restore = app.add_subcommand(
      "restore",
      "Make a NEW data directory from a `tongban backup` archive. Everything is verified (manifest hash, every "
      "entry's size and SHA-256, PRAGMA integrity_check, the audit chain and message log) in a hidden directory "
      "beside the target before it is renamed into place; a damaged archive changes nothing. Start the node on the "
      "new directory afterwards, with its usual options.");
  restore->add_option("--archive", options->archive, "The archive written by `tongban backup`")->required();
  restore
      ->add_option("--data-dir", options->data_dir, "The data directory to create; it must not exist (its parent must)")
      ->required();
  restore->add_flag("--replace", options->replace,
                    "Accept an existing target: an empty one is replaced, a non-empty one is moved aside to "
                    "<dir>.before-restore-<time> (never deleted); refused if a node may be running on it");
  add_store_option(restore, options->store);
  restore->add_flag("--quiet", options->quiet, "No progress lines on stderr");
  restore->footer(kExitCodes);
  restore->callback([options] {
    with_exit_codes("restore", [&] {
      refuse_postgres_store("restore", options->store, options->data_dir);
      ProgressPrinter printer("restore", options->quiet);
      store::RestoreOptions restore_options;
      restore_options.archive = options->archive;
      restore_options.data_dir = options->data_dir;
      restore_options.replace = options->replace;
      restore_options.now_ms = wall_clock_ms();
      restore_options.progress = [&printer](const store::BackupProgress& p) { printer(p); };
      restore_options.check_staged = check_message_log;
      auto result = store::restore_backup(restore_options);
      const auto& m = result.manifest;
      const auto& db = result.database;
      std::cout << fmt::format(
          "restored {} into {}\n  backup of node {} taken {} by tongban {}, schema {}\n"
          "  PRAGMA integrity_check: {}\n  audit chain intact: {} events, head {} (the manifest's)\n"
          "  {} cases, {} blobs, {} entries, every SHA-256 checked\n",
          options->archive, options->data_dir, m.node_id.empty() ? "(no cases)" : m.node_id,
          store::utc_text(m.created_at_ms), m.tongban_version, m.schema_version, db.integrity, db.events,
          db.audit_head.hash, db.cases, db.blobs.size(), m.entries.size());
      if (!result.moved_aside.empty())
        std::cout << "  the previous " << options->data_dir << " was moved to " << result.moved_aside.string() << "\n";
    });
  });
}

}  // namespace

void add_backup_command(CLI::App& app) {
  add_backup(app);
  add_restore(app);
}

}  // namespace tongban::cli

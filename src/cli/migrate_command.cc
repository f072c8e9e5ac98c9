// tongban migrate: bring a node's database to this tongban's schema, or with --dry-run show what that would run
// (each pending migration's SQL as the database's dialect has it) and change nothing. `tongban serve` migrates on
// start as well; this command is for operators who upgrade the schema as its own step (several instances on one
// PostgreSQL database: migrate once, then roll the instances).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "store/open_store.h"

namespace tongban::cli {
namespace {

struct MigrateOptions {
  std::string data_dir;
  std::string store;
  bool dry_run = false;
};

void run_migrate(const MigrateOptions& options) {
  store::StoreSettings settings;
  settings.location = options.store;
  settings.data_dir = options.data_dir;
  if (store::store_kind(options.store) == store::StoreKind::sqlite && options.data_dir.empty())
    throw UsageError("migrate: the SQLite store needs --data-dir (or give --store postgres://…)");
  const std::string where = store::store_kind(options.store) == store::StoreKind::sqlite
                                ? options.data_dir + "/tongban.db"
                                : store::redacted_location(options.store);
  std::cerr << "  looking at " << where << "\n";
  const store::SchemaStatus status = options.dry_run ? store::schema_status(settings) : store::migrate_store(settings);
  std::cout << fmt::format("schema version {} of {}; {} migration(s) {}\n", status.version, status.latest,
                           status.pending.size(), options.dry_run ? "pending" : "applied");
  for (const auto& migration : status.pending) {
    std::cout << fmt::format("-- version {}{}\n", migration.version, options.dry_run ? " (not applied)" : "");
    if (options.dry_run) std::cout << migration.sql << "\n";
  }
  if (!options.dry_run && !status.pending.empty())
    std::cout << fmt::format("schema now at version {}\n", status.latest);
}

}  // namespace

void add_migrate_command(CLI::App& app) {
  auto options = std::make_shared<MigrateOptions>();
  auto* migrate = app.add_subcommand(
      "migrate", "Bring the node's database to this version's schema (--dry-run: show the SQL, change nothing)");
  migrate->add_option("--data-dir", options->data_dir, "The node's data directory (for the SQLite store)")
      ->check(CLI::ExistingDirectory);
  migrate
      ->add_option("--store", options->store,
                   "'sqlite' (the file in --data-dir) or the postgres://user@host:port/database URL of the node")
      ->envname("TONGBAN_STORE");
  migrate->add_flag("--dry-run", options->dry_run, "List the pending migrations with their SQL; apply nothing");
  migrate->callback([options] { run_migrate(*options); });
}

}  // namespace tongban::cli

// Schema migrations: a fresh file gets the latest schema, reopening keeps it, a newer file is refused.
#include "store/sql/migrations.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_connection.h"
#include "temp_store.h"

namespace tongban::store::sqlite {
namespace {

using sql::constraint_name;
using sql::latest_schema_version;
using sql::Migration;
using sql::migrations;
using store::testing::open_store;
using store::testing::TempDir;

std::int64_t version_of(const std::filesystem::path& dir) {
  Connection connection(dir / "tongban.db", Connection::Mode::read_only, 1000);
  return connection.user_version();
}

TEST(MigrationsTest, VersionsStartAtOneWithoutGaps) {
  std::int64_t expected = 1;
  for (const Migration& migration : migrations()) EXPECT_EQ(migration.version, expected++);
  EXPECT_EQ(latest_schema_version(), migrations().back().version);
}

TEST(MigrationsTest, FreshFileGetsTheLatestSchemaAndReopenKeepsIt) {
  TempDir dir;
  open_store(dir.path())->close();
  EXPECT_EQ(version_of(dir.path()), latest_schema_version());
  auto reopened = open_store(dir.path());
  EXPECT_EQ(reopened->counts(0).cases, 0);
  reopened->close();
  EXPECT_EQ(version_of(dir.path()), latest_schema_version());
}

TEST(MigrationsTest, DatabaseNewerThanTheCodeIsRefusedWithAClearMessage) {
  TempDir dir;
  open_store(dir.path())->close();
  {
    Connection connection(dir.path() / "tongban.db", Connection::Mode::read_write_create, 1000);
    connection.execute("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
  }
  try {
    open_store(dir.path());
    FAIL() << "expected StoreUnavailable";
  } catch (const StoreUnavailable& error) {
    EXPECT_NE(std::string(error.what()).find("newer tongban"), std::string::npos) << error.what();
  }
  EXPECT_EQ(version_of(dir.path()), latest_schema_version() + 1);
}

TEST(MigrationsTest, UnknownConstraintDetailIsKeptAndKnownOnesAreNamed) {
  EXPECT_EQ(constraint_name("accounts.login"), "account_login");
  EXPECT_EQ(constraint_name("something.else"), "something.else");
}

}  // namespace
}  // namespace tongban::store::sqlite

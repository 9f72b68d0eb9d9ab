// Schema versioning of the SQLite backend: new files, reopening, files from the future and from other programs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "sqlite_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(SqliteMigrations, AnEmptyFileIsMigratedToTheLatestSchema) {
  TempDir dir;
  const auto db = dir / "counts.db";
  { std::ofstream touch(db); }  // zero bytes: a valid, empty SQLite database
  auto store = open_or_fail(db.string());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), 1);
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('counts','gaps')"), 2);
  EXPECT_THAT(sql_text(db, "SELECT sql FROM sqlite_master WHERE name='counts'"), HasSubstr("WITHOUT ROWID"));
  EXPECT_EQ(sql_int(db, "PRAGMA application_id"), 0x4674466c);
}

TEST(SqliteMigrations, ReopeningKeepsDataAndVersion) {
  TempDir dir;
  const auto db = dir / "sub" / "dir" / "counts.db";
  {
    auto store = open_or_fail(db.string());
    ASSERT_TRUE(store);
    const std::vector<CountRow> rows{make_row("door", 1000, 1), make_row("door", 2000, 2)};
    ASSERT_TRUE(store->write_counts(rows));
  }
  auto again = open_or_fail(db.string());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->schema_version(), 1);
  auto rows = again->read_counts({});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 2u);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE name='counts'"), 1);
}

TEST(SqliteMigrations, ANewerSchemaIsRefusedAndLeftAlone) {
  TempDir dir;
  const auto db = dir / "future.db";
  sql_exec(db, "CREATE TABLE counts (x); PRAGMA user_version = 7;");
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr(db.string()));
  EXPECT_THAT(store.error().message, HasSubstr("schema version 7 is newer than this footfall supports (1)"));
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 7);
}

TEST(SqliteMigrations, AnotherApplicationsDatabaseIsRefused) {
  TempDir dir;
  const auto db = dir / "other.db";
  sql_exec(db, "PRAGMA application_id = 1234; CREATE TABLE notes (t TEXT);");
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("not a footfall database"));
}

TEST(SqliteMigrations, AFailingStepLeavesTheFileAsItWas) {
  // A database that already has an unrelated table called "gaps": migration 1 creates counts and its index, then
  // fails on CREATE TABLE gaps. Nothing of the step may remain.
  TempDir dir;
  const auto db = dir / "clash.db";
  sql_exec(db, "CREATE TABLE gaps (whatever TEXT); INSERT INTO gaps VALUES ('keep me');");
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr(db.string()));
  EXPECT_THAT(store.error().message, HasSubstr("migration 1"));
  EXPECT_THAT(store.error().message, HasSubstr("already exists"));
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 0);
  EXPECT_EQ(sql_int(db, "PRAGMA application_id"), 0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('counts','counts_by_time')"), 0);
  EXPECT_EQ(sql_text(db, "SELECT whatever FROM gaps"), "keep me");
}

TEST(SqliteMigrations, AFileThatIsNotADatabaseIsRefusedNamingIt) {
  TempDir dir;
  const auto db = dir / "notes.db";
  {
    std::ofstream out(db);
    out << "these are not the pages you are looking for, but they are long enough to be a header\n";
  }
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr(db.string()));
  EXPECT_THAT(store.error().message, HasSubstr("not a database"));
}

}  // namespace
}  // namespace footfall::test

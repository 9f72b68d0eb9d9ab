// open_store(): URL forms, backends that are not built, and places a database cannot live.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "sqlite_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Each accepted spelling must land in exactly the file it names.
void expect_opens_file(const std::string& url, const std::filesystem::path& file) {
  SCOPED_TRACE(url);
  auto store = open_store(url);
  ASSERT_TRUE(store) << store.error().message;
  const std::vector<CountRow> rows{make_row("door", 1000, 1)};
  ASSERT_TRUE((*store)->write_counts(rows));
  EXPECT_EQ(sql_int(file, "SELECT COUNT(*) FROM counts"), 1);
}

TEST(OpenStore, AcceptsPlainPathsAndSqliteUrls) {
  TempDir dir;
  expect_opens_file((dir / "plain.db").string(), dir / "plain.db");
  expect_opens_file("sqlite:" + (dir / "colon.db").string(), dir / "colon.db");
  expect_opens_file("sqlite://" + (dir / "slashes.db").string(), dir / "slashes.db");
  expect_opens_file("SQLite:" + (dir / "upper.sqlite3").string(), dir / "upper.sqlite3");
  expect_opens_file((dir / "no-extension").string(), dir / "no-extension");
  expect_opens_file((dir / "a:colon.db").string(), dir / "a:colon.db");
}

TEST(OpenStore, CreatesMissingParentDirectories) {
  TempDir dir;
  const auto db = dir / "var" / "lib" / "footfall" / "counts.db";
  expect_opens_file(db.string(), db);
}

TEST(OpenStore, PostgresqlIsAClearNotBuiltErrorWithoutThePassword) {
  auto store = open_store("postgresql://footfall:hunter2@db.example:5432/counts");
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("PostgreSQL support is not built in this version"));
  EXPECT_THAT(store.error().message, HasSubstr("postgresql://footfall:***@db.example:5432/counts"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("hunter2")));
  auto short_scheme = open_store("postgres://db.example/counts");
  ASSERT_FALSE(short_scheme);
  EXPECT_THAT(short_scheme.error().message, HasSubstr("not built"));
}

TEST(OpenStore, UnknownSchemeAndEmptyUrlAreErrors) {
  auto mysql = open_store("mysql://localhost/counts");
  ASSERT_FALSE(mysql);
  EXPECT_THAT(mysql.error().message, HasSubstr("unknown scheme 'mysql'"));
  auto empty = open_store("");
  ASSERT_FALSE(empty);
  EXPECT_THAT(empty.error().message, HasSubstr("empty"));
  auto no_path = open_store("sqlite:");
  ASSERT_FALSE(no_path);
  EXPECT_THAT(no_path.error().message, HasSubstr("no file path"));
}

TEST(OpenStore, APathThatCannotBeCreatedNamesThePathAndTheReason) {
  TempDir dir;
  const auto blocker = dir / "not-a-directory";
  { std::ofstream out(blocker); }
  const auto db = blocker / "counts.db";
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr(db.string()));
  EXPECT_THAT(store.error().message, HasSubstr("cannot create directory"));
  EXPECT_THAT(store.error().message, HasSubstr("Not a directory"));
}

TEST(OpenStore, ADirectoryIsNotADatabase) {
  TempDir dir;
  auto store = open_store(dir.path().string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("is a directory"));
}

TEST(OpenStore, AReadOnlyFileSystemGivesSqlitesMessage) {
  // /proc is read-only for everyone, root included: SQLite cannot create a file there.
  auto store = open_store("/proc/footfall-test.db");
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("/proc/footfall-test.db"));
  EXPECT_THAT(store.error().message, HasSubstr("unable to open database file"));
}

}  // namespace
}  // namespace footfall::test

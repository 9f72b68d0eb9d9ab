// open_store(): URL forms, a PostgreSQL server out of reach, and places a database cannot live.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_test_server.h"
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

TEST(OpenStore, APostgresqlServerThatCannotBeReachedIsUnavailableAndThePasswordIsMasked) {
  // A port nothing listens on (the kernel just handed it out and it was closed again): connection refused.
  const int port = PgTestServer::free_port();
  ASSERT_GT(port, 0);
  const std::string url = "postgresql://footfall:hunter2@127.0.0.1:" + std::to_string(port) + "/counts";
  auto store = open_store(url);
  ASSERT_FALSE(store);
  EXPECT_TRUE(store.error().unavailable) << store.error().message;
  EXPECT_THAT(store.error().message,
              HasSubstr("postgresql://footfall:***@127.0.0.1:" + std::to_string(port) + "/counts"));
  EXPECT_THAT(store.error().message, HasSubstr("cannot reach the server"));
  EXPECT_THAT(store.error().message, HasSubstr("Connection refused"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("hunter2")));
  auto short_scheme = open_store("postgres://127.0.0.1:" + std::to_string(port) + "/counts?password=hunter2");
  ASSERT_FALSE(short_scheme);
  EXPECT_TRUE(short_scheme.error().unavailable);
  EXPECT_THAT(short_scheme.error().message, HasSubstr("postgres://127.0.0.1:" + std::to_string(port) +
                                                          "/counts?password=***"));
  EXPECT_THAT(short_scheme.error().message, Not(HasSubstr("hunter2")));
  auto no_authority = open_store("postgresql:counts");
  ASSERT_FALSE(no_authority);
  EXPECT_FALSE(no_authority.error().unavailable);
  EXPECT_THAT(no_authority.error().message, HasSubstr("expected postgresql://"));
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

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
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 5);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('counts','gaps')"), 2);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('crossings', "
                        "'zone_visits', 'zone_counts', 'heatmaps', 'backgrounds', 'ignore_regions', "
                        "'store_occupancy')"),
            7);
  EXPECT_THAT(sql_text(db, "SELECT sql FROM sqlite_master WHERE name='counts'"), HasSubstr("WITHOUT ROWID"));
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='api_tokens'"), 1);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='registry'"), 1);
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
  EXPECT_EQ(again->schema_version(), 5);
  auto rows = again->read_counts({});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 2u);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE name='counts'"), 1);
}

// The schema v1 as footfall 0.1 shipped it (a frozen copy: migration 1 must never change).
constexpr const char* kShippedSchemaV1 = R"sql(
CREATE TABLE counts (
  camera          TEXT    NOT NULL CHECK (length(camera) > 0),
  ts_ms           INTEGER NOT NULL,
  count           INTEGER NOT NULL CHECK (count >= 0),
  mean_confidence REAL    NOT NULL CHECK (mean_confidence >= 0.0 AND mean_confidence <= 1.0),
  model           TEXT    NOT NULL,
  frame_width     INTEGER NOT NULL CHECK (frame_width >= 0),
  frame_height    INTEGER NOT NULL CHECK (frame_height >= 0),
  PRIMARY KEY (camera, ts_ms)
) WITHOUT ROWID;
CREATE INDEX counts_by_time ON counts (ts_ms);
CREATE TABLE gaps (
  camera   TEXT    NOT NULL CHECK (length(camera) > 0),
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL CHECK (end_ms >= start_ms),
  reason   TEXT    NOT NULL,
  PRIMARY KEY (camera, start_ms)
) WITHOUT ROWID;
PRAGMA user_version = 1;
PRAGMA application_id = 1182025324;
)sql";

TEST(SqliteMigrations, AVersion1DatabaseWithRowsMigratesToTheLatestWithItsRowsIntactAndRolledUp) {
  TempDir dir;
  const auto db = dir / "v1.db";
  sql_exec(db, kShippedSchemaV1);
  sql_exec(db,
           "INSERT INTO counts VALUES ('door', 1000, 2, 0.75, 'yolo-fastest', 768, 576), "
           "('door', 2000, 0, 0.0, 'yolo-fastest', 768, 576), ('till', 1000, 5, 0.5, 'hog', 640, 480);"
           "INSERT INTO gaps VALUES ('door', 3000, 9000, 'stream dropped');");
  ASSERT_EQ(sql_int(db, "PRAGMA user_version"), 1);

  auto store = open_or_fail(db.string());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 5);
  auto rows = store->read_counts({});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].camera, "door");
  EXPECT_EQ((*rows)[0].timestamp_ms, 1000);
  EXPECT_EQ((*rows)[0].count, 2);
  EXPECT_FLOAT_EQ((*rows)[0].mean_confidence, 0.75f);
  EXPECT_EQ((*rows)[0].model, "yolo-fastest");
  EXPECT_EQ((*rows)[0].frame_width, 768);
  EXPECT_FALSE((*rows)[0].tracked.has_value()) << "rows from before tracking have no tracked count";
  EXPECT_EQ((*rows)[2].camera, "till");
  EXPECT_EQ((*rows)[2].count, 5);
  auto gaps = store->read_gaps({});
  ASSERT_TRUE(gaps);
  ASSERT_EQ(gaps->size(), 1u);
  EXPECT_EQ(gaps->front().reason, "stream dropped");
  // Migration 3 rolled the existing rows up: door's two frames in minute 0, till's one.
  auto minutes = store->read_count_rollups({}, RollupGrain::kMinute);
  ASSERT_TRUE(minutes) << minutes.error().message;
  ASSERT_EQ(minutes->size(), 2u);
  EXPECT_EQ((*minutes)[0].camera, "door");
  EXPECT_EQ((*minutes)[0].frames, 2);
  EXPECT_EQ((*minutes)[0].count_sum, 2);
  EXPECT_EQ((*minutes)[0].count_max, 2);
  EXPECT_EQ((*minutes)[0].tracked_frames, 0);
  EXPECT_EQ((*minutes)[1].camera, "till");
  EXPECT_EQ((*minutes)[1].count_sum, 5);

  // The migrated table takes new rows with and without a tracked count, and old keys still replace.
  std::vector<CountRow> more{make_row("door", 1000, 3), make_row("door", 4000, 1)};
  more[1].tracked = 1;
  ASSERT_TRUE(store->write_counts(more));
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM counts"), 4);
  EXPECT_EQ(sql_int(db, "SELECT count FROM counts WHERE camera='door' AND ts_ms=1000"), 3);
  EXPECT_EQ(sql_int(db, "SELECT tracked FROM counts WHERE ts_ms=4000"), 1);
  const std::vector<CrossingRow> crossings{{"door", "entrance", 1500, 1, "in"}};
  ASSERT_TRUE(store->write_crossings(crossings));
  EXPECT_EQ(sql_text(db, "PRAGMA integrity_check"), "ok");
}

TEST(SqliteMigrations, AFailingVersion2StepLeavesAVersion1FileAsItWas) {
  // A v1 file in which someone created a table called "crossings": step 2 fails, and the ALTER TABLE that ran
  // before it in the same step is rolled back.
  TempDir dir;
  const auto db = dir / "v1.db";
  sql_exec(db, kShippedSchemaV1);
  sql_exec(db, "INSERT INTO counts VALUES ('door', 1000, 2, 0.75, 'm', 768, 576); CREATE TABLE crossings (x);");
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("migration 2"));
  EXPECT_THAT(store.error().message, HasSubstr("already exists"));
  EXPECT_EQ(sql_int(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM pragma_table_info('counts') WHERE name = 'tracked'"), 0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM counts"), 1);
}

TEST(SqliteMigrations, ANewerSchemaIsRefusedAndLeftAlone) {
  TempDir dir;
  const auto db = dir / "future.db";
  sql_exec(db, "CREATE TABLE counts (x); PRAGMA user_version = 7;");
  auto store = open_store(db.string());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr(db.string()));
  EXPECT_THAT(store.error().message, HasSubstr("schema version 7 is newer than this footfall supports (5)"));
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

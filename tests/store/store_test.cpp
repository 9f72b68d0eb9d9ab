// The Store interface on both backends (store_backend.h): a SQLite file in a temporary directory and a fresh
// PostgreSQL database. SqliteStore-only behaviour (WAL) at the end.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr TimestampMs kT0 = 1795514400000;  // 2026-11-24T10:00:00Z

using StoreTest = BackendTest;

TEST_P(StoreTest, RoundTripKeepsEveryField) {
  auto store = open();
  ASSERT_TRUE(store);
  CountRow row = make_row("door", kT0 + 250, 3, 0.8125f, "yolov8n");
  row.frame_width = 1920;
  row.frame_height = 1080;
  ASSERT_TRUE(store->write_counts({&row, 1}));

  auto rows = store->read_counts({});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const CountRow& back = rows->front();
  EXPECT_EQ(back.camera, "door");
  EXPECT_EQ(back.timestamp_ms, kT0 + 250);
  EXPECT_EQ(back.count, 3);
  EXPECT_FLOAT_EQ(back.mean_confidence, 0.8125f);
  EXPECT_EQ(back.model, "yolov8n");
  EXPECT_EQ(back.frame_width, 1920);
  EXPECT_EQ(back.frame_height, 1080);
}

TEST_P(StoreTest, RewritingTheSameCameraAndTimeReplacesTheRow) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CountRow> first{make_row("door", kT0, 1), make_row("door", kT0 + 1000, 2)};
  ASSERT_TRUE(store->write_counts(first));
  const std::vector<CountRow> again{make_row("door", kT0, 5, 0.9f, "other-model"), make_row("till", kT0, 7)};
  ASSERT_TRUE(store->write_counts(again));

  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 3);
  auto rows = store->read_counts({.camera = "door"});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].count, 5);
  EXPECT_EQ((*rows)[0].model, "other-model");
  EXPECT_FLOAT_EQ((*rows)[0].mean_confidence, 0.9f);
  EXPECT_EQ((*rows)[1].count, 2);
}

TEST_P(StoreTest, DuplicateKeyInsideOneBatchKeepsTheLastRow) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CountRow> batch{make_row("door", kT0, 1), make_row("door", kT0, 4)};
  ASSERT_TRUE(store->write_counts(batch));
  auto rows = store->read_counts({});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().count, 4);
}

TEST_P(StoreTest, QueryRangeIsHalfOpenAndFiltersByCamera) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<CountRow> batch;
  for (int i = 0; i < 10; ++i) {
    batch.push_back(make_row("till", kT0 + i * 1000, i));
    batch.push_back(make_row("door", kT0 + i * 1000, 10 + i));
  }
  ASSERT_TRUE(store->write_counts(batch));

  auto all = store->read_counts({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 20u);
  EXPECT_EQ(all->front().camera, "door") << "ordered by camera, then time";
  EXPECT_EQ(all->back().camera, "till");
  EXPECT_EQ(all->back().timestamp_ms, kT0 + 9000);

  auto range = store->read_counts({.from_ms = kT0 + 2000, .to_ms = kT0 + 5000, .camera = std::nullopt});
  ASSERT_TRUE(range);
  std::vector<TimestampMs> door_times;
  for (const CountRow& r : *range) {
    if (r.camera == "door") door_times.push_back(r.timestamp_ms - kT0);
  }
  EXPECT_THAT(door_times, ElementsAre(2000, 3000, 4000)) << "from inclusive, to exclusive";
  EXPECT_EQ(range->size(), 6u);

  auto till = store->read_counts({.from_ms = kT0 + 8000, .camera = "till"});
  ASSERT_TRUE(till);
  ASSERT_EQ(till->size(), 2u);
  EXPECT_EQ((*till)[0].count, 8);
  EXPECT_EQ((*till)[1].count, 9);

  auto nobody = store->read_counts({.camera = "garage"});
  ASSERT_TRUE(nobody);
  EXPECT_TRUE(nobody->empty());
}

TEST_P(StoreTest, GapsAreStoredReplacedAndFoundByOverlap) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write_gap({"door", kT0, kT0 + 5000, "stream dropped"}));
  ASSERT_TRUE(store->write_gap({"door", kT0 + 60000, kT0 + 61000, "timeout"}));
  ASSERT_TRUE(store->write_gap({"till", kT0 + 2000, kT0 + 3000, "device gone"}));
  // Same (camera, start): the outage turned out longer.
  ASSERT_TRUE(store->write_gap({"door", kT0, kT0 + 7000, "stream dropped, reconnected"}));

  auto all = store->read_gaps({});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].end_ms, kT0 + 7000);
  EXPECT_EQ((*all)[0].reason, "stream dropped, reconnected");

  // A range that starts inside the first door gap and ends before the second finds only the first.
  auto overlapping = store->read_gaps({.from_ms = kT0 + 6000, .to_ms = kT0 + 60000, .camera = "door"});
  ASSERT_TRUE(overlapping);
  ASSERT_EQ(overlapping->size(), 1u);
  EXPECT_EQ(overlapping->front().start_ms, kT0);

  auto after = store->read_gaps({.from_ms = kT0 + 8000, .to_ms = kT0 + 59000, .camera = std::nullopt});
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
}

TEST_P(StoreTest, CamerasListsEveryCameraWithCountsOrGaps) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CountRow> batch{make_row("till", kT0, 1), make_row("door", kT0, 1), make_row("door", kT0 + 1, 2)};
  ASSERT_TRUE(store->write_counts(batch));
  ASSERT_TRUE(store->write_gap({"yard", kT0, kT0 + 1, "offline"}));
  auto names = store->cameras();
  ASSERT_TRUE(names);
  EXPECT_THAT(*names, ElementsAre("door", "till", "yard"));
}

TEST_P(StoreTest, ABatchWithOneBadRowWritesNothing) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CountRow> before{make_row("door", kT0, 2)};
  ASSERT_TRUE(store->write_counts(before));

  std::vector<CountRow> batch{make_row("door", kT0, 9), make_row("door", kT0 + 1000, 3),
                              make_row("door", kT0 + 2000, -1), make_row("door", kT0 + 3000, 4)};
  const Status s = store->write_counts(batch);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr(location()));
  EXPECT_THAT(s.error().message, HasSubstr(check_failed()));
  EXPECT_THAT(s.error().message, HasSubstr("count -1"));

  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 1);
  EXPECT_EQ(sql_int("SELECT count FROM counts"), 2) << "the replaced row was rolled back too";

  // The connection is usable after the failed batch.
  batch[2].count = 0;
  ASSERT_TRUE(store->write_counts(batch));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 4);
}

TEST_P(StoreTest, ConcurrentWritersLoseNothing) {
  auto store = open();
  ASSERT_TRUE(store);
  constexpr int kThreads = 4;
  constexpr int kBatches = 25;
  constexpr int kRows = 20;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string camera = "cam" + std::to_string(t);
      for (int b = 0; b < kBatches; ++b) {
        std::vector<CountRow> batch;
        for (int r = 0; r < kRows; ++r) batch.push_back(make_row(camera, kT0 + b * kRows + r, r));
        if (!store->write_counts(batch)) failures++;
        if (b % 5 == 0 && !store->read_counts({.camera = camera})) failures++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), kThreads * kBatches * kRows);
}

TEST_P(StoreTest, TwoStoresOnOneDatabaseWaitForEachOther) {
  // Two stores (as two footfall processes would have) writing at once: neither fails, nothing is lost.
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  std::atomic<int> failures{0};
  auto writer = [&failures](Store& store, const std::string& camera) {
    for (int b = 0; b < 40; ++b) {
      std::vector<CountRow> batch;
      for (int r = 0; r < 25; ++r) batch.push_back(make_row(camera, kT0 + b * 25 + r, 1));
      if (Status s = store.write_counts(batch); !s) {
        ADD_FAILURE() << s.error().message;
        failures++;
      }
    }
  };
  std::thread a(writer, std::ref(*first), "door");
  std::thread b(writer, std::ref(*second), "till");
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 2 * 40 * 25);
}

FOOTFALL_ON_EVERY_BACKEND(StoreTest);

TEST(SqliteStore, UsesWalAndDescribesItself) {
  TempDir dir;
  const auto db = dir / "counts.db";
  auto store = open_or_fail("sqlite:" + db.string());
  ASSERT_TRUE(store);
  EXPECT_EQ(sql_text(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store->describe(), "sqlite:" + db.string() + " (schema v5, WAL)");
}

TEST(StoreRows, ToRowCopiesEverythingButTheBoxes) {
  FrameCount fc;
  fc.camera = "door";
  fc.timestamp_ms = kT0;
  fc.frame_index = 17;
  fc.count = 2;
  fc.mean_confidence = 0.75f;
  fc.model = "m";
  fc.frame_width = 640;
  fc.frame_height = 480;
  fc.detections.resize(2);
  const CountRow row = to_row(fc);
  EXPECT_EQ(row.camera, "door");
  EXPECT_EQ(row.timestamp_ms, kT0);
  EXPECT_EQ(row.count, 2);
  EXPECT_FLOAT_EQ(row.mean_confidence, 0.75f);
  EXPECT_EQ(row.model, "m");
  EXPECT_EQ(row.frame_width, 640);
  EXPECT_EQ(row.frame_height, 480);
}

}  // namespace
}  // namespace footfall::test

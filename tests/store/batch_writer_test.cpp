// BatchWriter: commits by size and by age, acknowledges only committed rows, keeps rows when a commit fails.
#include "footfall/store/batch_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The one fake CountWriter: records each committed batch (counts in `batches`, every kind in `writes`); fails
// while `fail` is set.
class FakeCountWriter : public CountWriter {
 public:
  struct Written {
    std::vector<CountRow> counts;
    std::vector<CrossingRow> crossings;
    std::vector<ZoneVisitRow> visits;
    std::vector<ZoneCountRow> zone_counts;
    std::vector<HeatmapRow> heatmaps;
    std::vector<StoreOccupancyRow> store_occupancy;
  };
  Status write(const WriteBatch& batch) override {
    attempts++;
    if (fail) return make_error("database fake.db: disk I/O error");
    batches.emplace_back(batch.counts.begin(), batch.counts.end());
    writes.push_back({{batch.counts.begin(), batch.counts.end()},
                      {batch.crossings.begin(), batch.crossings.end()},
                      {batch.visits.begin(), batch.visits.end()},
                      {batch.zone_counts.begin(), batch.zone_counts.end()},
                      {batch.heatmaps.begin(), batch.heatmaps.end()},
                      {batch.store_occupancy.begin(), batch.store_occupancy.end()}});
    return Status::success();
  }
  Status write_gap(const SourceGap& gap) override {
    if (fail) return make_error("database fake.db: disk I/O error");
    gaps.push_back(gap);
    return Status::success();
  }

  bool fail = false;
  int attempts = 0;
  std::vector<std::vector<CountRow>> batches;
  std::vector<Written> writes;
  std::vector<SourceGap> gaps;
};

FrameRows frame_rows(const std::string& camera, TimestampMs ts, int crossings, int zone_counts) {
  FrameRows rows;
  rows.count = make_row(camera, ts, crossings);
  for (int i = 0; i < crossings; ++i) rows.crossings.push_back({camera, "door", ts, i + 1, i % 2 == 0 ? "in" : "out"});
  for (int i = 0; i < zone_counts; ++i) rows.zone_counts.push_back({camera, "zone" + std::to_string(i), ts, 1, {}, {}});
  return rows;
}

HeatmapRow grid(const std::string& camera, TimestampMs hour, std::uint64_t value) {
  return {camera, hour, 640, 480, 2, 2, {value, 0, 0, value}, hour + 1000};
}

TEST(BatchWriter, CommitsWhenTheBatchIsFull) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 3, 60000);
  ASSERT_TRUE(writer.add(make_row("door", 1, 1), 0));
  ASSERT_TRUE(writer.add(make_row("door", 2, 1), 0));
  EXPECT_TRUE(fake.batches.empty());
  EXPECT_EQ(writer.pending(), 2u);
  ASSERT_TRUE(writer.add(make_row("door", 3, 1), 0));
  ASSERT_EQ(fake.batches.size(), 1u);
  EXPECT_EQ(fake.batches[0].size(), 3u);
  EXPECT_EQ(writer.pending(), 0u);
  EXPECT_EQ(writer.committed_rows(), 3u);
}

TEST(BatchWriter, CommitsWhenTheOldestRowIsOldEnough) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 100, 1000);
  ASSERT_TRUE(writer.add(make_row("door", 1, 1), 5000));
  ASSERT_TRUE(writer.add(make_row("door", 2, 1), 5999));
  EXPECT_TRUE(fake.batches.empty()) << "999 ms old is not yet due";
  ASSERT_TRUE(writer.add(make_row("door", 3, 1), 6000));
  ASSERT_EQ(fake.batches.size(), 1u);
  EXPECT_EQ(fake.batches[0].size(), 3u);
  // The age restarts with the next batch's first row.
  ASSERT_TRUE(writer.add(make_row("door", 4, 1), 6500));
  ASSERT_TRUE(writer.add(make_row("door", 5, 1), 7400));
  EXPECT_EQ(fake.batches.size(), 1u);
}

TEST(BatchWriter, AcksRunOnlyAfterTheirRowsAreCommitted) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 2, 60000);
  std::vector<int> acked;
  ASSERT_TRUE(writer.add(make_row("inbox", 1, 1), 0, [&] {
    EXPECT_EQ(fake.batches.size(), 1u) << "ack ran before the commit";
    acked.push_back(1);
  }));
  EXPECT_TRUE(acked.empty());
  ASSERT_TRUE(writer.add(make_row("inbox", 2, 1), 0, [&] { acked.push_back(2); }));
  EXPECT_THAT(acked, ElementsAre(1, 2));
}

TEST(BatchWriter, AFailedCommitKeepsRowsAndAcksAndRetries) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 2, 60000);
  int acks = 0;
  fake.fail = true;
  ASSERT_TRUE(writer.add(make_row("inbox", 1, 1), 0, [&] { acks++; }));
  const Status failed = writer.add(make_row("inbox", 2, 1), 0, [&] { acks++; });
  ASSERT_FALSE(failed);
  EXPECT_THAT(failed.error().message, HasSubstr("disk I/O error"));
  EXPECT_EQ(acks, 0);
  EXPECT_EQ(writer.pending(), 2u);
  EXPECT_EQ(writer.committed_rows(), 0u);
  EXPECT_FALSE(writer.flush());

  fake.fail = false;
  ASSERT_TRUE(writer.add(make_row("inbox", 3, 1), 0, [&] { acks++; })) << "retried as soon as a row arrives";
  ASSERT_EQ(fake.batches.size(), 1u);
  EXPECT_EQ(fake.batches[0].size(), 3u) << "nothing lost, nothing duplicated";
  EXPECT_EQ(acks, 3);
  EXPECT_EQ(writer.committed_rows(), 3u);
}

TEST(BatchWriter, FlushAndDestructorCommitWhatIsPending) {
  FakeCountWriter fake;
  {
    BatchWriter writer(fake, 100, 60000);
    ASSERT_TRUE(writer.add(make_row("door", 1, 1), 0));
    ASSERT_TRUE(writer.flush());
    EXPECT_EQ(fake.batches.size(), 1u);
    ASSERT_TRUE(writer.flush());
    EXPECT_EQ(fake.attempts, 1) << "an empty flush writes nothing";
    ASSERT_TRUE(writer.add(make_row("door", 2, 1), 0));
  }
  ASSERT_EQ(fake.batches.size(), 2u);
  EXPECT_EQ(fake.batches[1][0].timestamp_ms, 2);
}

TEST(BatchWriter, GapsAreWrittenAtOnce) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 100, 60000);
  ASSERT_TRUE(writer.add_gap({"door", 10, 20, "dropped"}));
  ASSERT_EQ(fake.gaps.size(), 1u);
  EXPECT_EQ(fake.gaps[0].reason, "dropped");
  fake.fail = true;
  EXPECT_FALSE(writer.add_gap({"door", 30, 40, "dropped"}));
}

TEST(BatchWriter, OneCommitHoldsEveryKindOfPendingRow) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 3, 60000);
  ASSERT_TRUE(writer.add(frame_rows("door", 1, 2, 1), 0));
  writer.set_heatmap(grid("door", 0, 1));
  ASSERT_TRUE(writer.add_visits({{"door", "till", 7, 0, 1, 1}}, 0));
  ASSERT_TRUE(writer.add(frame_rows("door", 2, 0, 1), 0));
  writer.set_heatmap(grid("door", 0, 5));  // replaces the pending grid of the same hour
  writer.set_heatmap(grid("door", 3600000, 2));
  EXPECT_TRUE(fake.writes.empty());
  EXPECT_EQ(writer.pending(), 2u + 2u + 2u + 1u + 2u);
  ASSERT_TRUE(writer.add(frame_rows("door", 3, 1, 1), 0));
  ASSERT_EQ(fake.writes.size(), 1u) << "three frames fill the batch: one write";
  const auto& w = fake.writes[0];
  EXPECT_EQ(w.counts.size(), 3u);
  EXPECT_EQ(w.crossings.size(), 3u);
  EXPECT_EQ(w.zone_counts.size(), 3u);
  ASSERT_EQ(w.visits.size(), 1u);
  EXPECT_EQ(w.visits[0].track_id, 7);
  ASSERT_EQ(w.heatmaps.size(), 2u) << "one grid per (camera, hour), the latest";
  EXPECT_EQ(w.heatmaps[0].cells[0], 5u);
  EXPECT_EQ(w.heatmaps[1].hour_ms, 3600000);
  EXPECT_EQ(writer.pending(), 0u);
  EXPECT_EQ(writer.committed_rows(), 3u);
  EXPECT_EQ(writer.committed_crossings(), 3u);
  EXPECT_EQ(writer.committed_visits(), 1u);
  ASSERT_TRUE(writer.flush());
  EXPECT_EQ(fake.attempts, 1) << "a committed heatmap is not written again";
}

// A camera pipeline sets the frame's heatmap grid, then adds its rows: the grid rides along and does not make the
// batch old (it did: every frame of a tracked scene was then committed on its own, and spooled as one item each
// during a database outage).
TEST(BatchWriter, AHeatmapGridSetBeforeEachFrameDoesNotShortenTheBatch) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 64, 1000);
  for (int i = 0; i < 10; ++i) {  // 2.5 analysed frames per second
    const TimestampMs now = 400 * i;
    writer.set_heatmap(grid("door", 0, static_cast<std::uint64_t>(i + 1)));
    ASSERT_TRUE(writer.add(frame_rows("door", now, 0, 1), now));
  }
  ASSERT_EQ(fake.writes.size(), 2u) << "a commit per second, not per frame";
  EXPECT_EQ(fake.writes[0].counts.size(), 4u) << "frames at 0, 400, 800 and 1200 ms";
  EXPECT_EQ(fake.writes[1].counts.size(), 4u) << "frames at 1600 ... 2800 ms";
  ASSERT_EQ(fake.writes[1].heatmaps.size(), 1u);
  EXPECT_EQ(fake.writes[1].heatmaps[0].cells[0], 8u) << "the latest grid";
  EXPECT_EQ(writer.pending(), 2u + 2u + 1u);
}

TEST(BatchWriter, EveryKindOfRowSurvivesAFailingStoreAndIsWrittenOnce) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 2, 60000);
  fake.fail = true;
  ASSERT_TRUE(writer.add(frame_rows("door", 1, 1, 1), 0));
  writer.set_heatmap(grid("door", 0, 1));
  EXPECT_FALSE(writer.add(frame_rows("door", 2, 2, 1), 0));
  EXPECT_FALSE(writer.add_visits({{"door", "till", 7, 0, 1, 1}}, 0));
  EXPECT_FALSE(writer.add_store_occupancy({{"shop", 1, 1, 1, 0, {}}}, 0));
  writer.set_heatmap(grid("door", 0, 9));
  EXPECT_EQ(writer.pending(), 2u + 3u + 1u + 2u + 1u + 1u);
  EXPECT_EQ(writer.committed_rows(), 0u);
  fake.fail = false;
  ASSERT_TRUE(writer.flush());
  ASSERT_EQ(fake.writes.size(), 1u);
  const auto& w = fake.writes[0];
  EXPECT_EQ(w.counts.size(), 2u);
  EXPECT_EQ(w.crossings.size(), 3u);
  EXPECT_EQ(w.zone_counts.size(), 2u);
  EXPECT_EQ(w.visits.size(), 1u);
  EXPECT_EQ(w.store_occupancy.size(), 1u);
  ASSERT_EQ(w.heatmaps.size(), 1u);
  EXPECT_EQ(w.heatmaps[0].cells[0], 9u);
}

TEST(BatchWriter, RowsWithoutCountsCommitByTheirOwnNumberAndAge) {
  FakeCountWriter fake;
  BatchWriter writer(fake, 2, 1000);
  ASSERT_TRUE(writer.add_store_occupancy({{"shop", 1, 1, 1, 0, {}}}, 100));
  EXPECT_TRUE(fake.writes.empty());
  ASSERT_TRUE(writer.add_store_occupancy({{"shop", 2, 2, 2, 0, {}}}, 200));
  ASSERT_EQ(fake.writes.size(), 1u);
  ASSERT_TRUE(writer.add_visits({{"door", "till", 7, 0, 1, 1}}, 300));
  ASSERT_TRUE(writer.add_visits({}, 5000)) << "nothing to add: no commit";
  EXPECT_EQ(fake.writes.size(), 1u);
  ASSERT_TRUE(writer.add_visits({{"door", "till", 8, 0, 1, 1}}, 1300));
  EXPECT_EQ(fake.writes.size(), 2u) << "1000 ms after the first pending row";
}

// The real stores of both backends behind a BatchWriter.
using BatchWriterStore = BackendTest;

TEST_P(BatchWriterStore, AFailingRealStoreKeepsEverythingUntilItRecovers) {
  // A real database whose crossings table refuses writes for a while (a trigger), then accepts them: the counts,
  // crossings and zone counts of the failed commits all arrive, once.
  auto store = open();
  ASSERT_TRUE(store);
  if (postgres()) {
    sql_exec("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;"
             "CREATE TRIGGER refuse BEFORE INSERT ON crossings FOR EACH ROW EXECUTE FUNCTION refuse();");
  } else {
    sql_exec("CREATE TRIGGER refuse BEFORE INSERT ON crossings BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  }
  BatchWriter writer(*store, 2, 60000);
  ASSERT_TRUE(writer.add(frame_rows("door", 1000, 1, 2), 0));
  const Status failed = writer.add(frame_rows("door", 2000, 2, 2), 0);
  ASSERT_FALSE(failed);
  EXPECT_THAT(failed.error().message, HasSubstr("disk full"));
  EXPECT_THAT(failed.error().message, HasSubstr("nothing of this batch was written"));
  EXPECT_FALSE(failed.error().unavailable) << "the server answered: not an outage";
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 0) << "all or nothing";
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts"), 0);
  sql_exec(postgres() ? "DROP TRIGGER refuse ON crossings;" : "DROP TRIGGER refuse;");
  ASSERT_TRUE(writer.add(frame_rows("door", 3000, 1, 2), 0));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 3);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM crossings"), 4);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts"), 6);
}

TEST_P(BatchWriterStore, ManyThreadsIntoARealStore) {
  auto store = open();
  ASSERT_TRUE(store);
  std::atomic<int> acks{0};
  {
    BatchWriter writer(*store, 16, 60000);
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 100; ++i) {
          EXPECT_TRUE(writer.add(make_row("cam" + std::to_string(t), i, i % 5), 0, [&] { acks++; }));
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(writer.committed_rows() + writer.pending(), 300u);
  }
  EXPECT_EQ(acks.load(), 300);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 300);
}

FOOTFALL_ON_EVERY_BACKEND(BatchWriterStore);

}  // namespace
}  // namespace footfall::test

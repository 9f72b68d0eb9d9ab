// BatchWriter: commits by size and by age, acknowledges only committed rows, keeps rows when a commit fails.
#include "footfall/store/batch_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "sqlite_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The one fake CountWriter: records each committed batch; fails while `fail` is set.
class FakeCountWriter : public CountWriter {
 public:
  Status write_counts(std::span<const CountRow> rows) override {
    attempts++;
    if (fail) return make_error("database fake.db: disk I/O error");
    batches.emplace_back(rows.begin(), rows.end());
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
  std::vector<SourceGap> gaps;
};

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

TEST(BatchWriter, ManyThreadsIntoARealStore) {
  TempDir dir;
  const auto db = dir / "counts.db";
  auto store = open_or_fail(db.string());
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
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM counts"), 300);
}

}  // namespace
}  // namespace footfall::test

// The spool's size limit: a warning once per crossing of warn_fraction, refusal (an error naming the folder and the
// limit, an error log, a counter) when an item does not fit, and acceptance again once acknowledgements free space.
#include <gtest/gtest.h>

#include "footfall/spool/spool.h"
#include "spool_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

constexpr std::size_t kFrame = 26 + 5 + 974;  // 1005 bytes per "batch" item of 974 bytes

TEST(SpoolLimits, WarnsWhenFillingAndRefusesWhenFull) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool", .max_bytes = 10 * kFrame, .warn_fraction = 0.8,
                             .segment_bytes = 3000};
  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  const std::string payload(974, 'x');
  const std::string warning = "spool " + options.dir.string() + " is 80% full: ";
  for (int i = 1; i <= 7; ++i) ASSERT_TRUE(spool->append("batch", payload, i));
  EXPECT_EQ(log.count("warning", warning), 0u) << "70% full: no warning yet\n" << log.text();
  ASSERT_TRUE(spool->append("batch", payload, 8));
  EXPECT_EQ(log.count("warning", warning), 1u) << log.text();
  EXPECT_EQ(log.count("warning", "7.9 KB of 9.8 KB unsent in 8 items, the oldest from 1970-01-01T00:00:00.001Z"),
            1u)
      << log.text();
  ASSERT_TRUE(spool->append("batch", payload, 9));
  ASSERT_TRUE(spool->append("batch", payload, 10));
  EXPECT_EQ(log.count("warning", "% full"), 1u) << "once per crossing\n" << log.text();
  EXPECT_EQ(spool->stats().bytes, 10 * kFrame);
  EXPECT_DOUBLE_EQ(spool->stats().fill_fraction(), 1.0);

  Status refused = spool->append("batch", "tiny", 11);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "spool " + options.dir.string() +
                                         " is full: 9.8 KB unsent of its limit of 9.8 KB (an item of 35 bytes does "
                                         "not fit); the oldest unsent item is from 1970-01-01T00:00:00.001Z");
  EXPECT_FALSE(spool->append("batch", payload, 12));
  EXPECT_EQ(spool->stats().refused, 2u);
  EXPECT_EQ(spool->stats().items, 10u) << "a refused item is not stored";
  // One error for the state change, not one per refusal.
  EXPECT_EQ(log.count("error", "spool " + options.dir.string() + " is full: refused 1 item(s)"), 1u) << log.text();
  EXPECT_EQ(log.count("error", "is full"), 1u) << log.text();

  ASSERT_TRUE(spool->ack(5));
  EXPECT_EQ(log.count("info", "is below 80% full again"), 1u) << log.text();
  ASSERT_TRUE(spool->append("batch", payload, 13));
  EXPECT_EQ(log.count("info", "accepts items again (2 refused since open)"), 1u) << log.text();
  EXPECT_EQ(log.count("error", "1 more item(s) refused while full"), 1u) << log.text();
  auto items = peek_all(*spool);
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items.back().sequence, 11u) << "refused appends take no sequence";
  EXPECT_EQ(items.back().created_ms, 13);

  // Filling again warns again.
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(spool->append("batch", payload, 14 + i));
  EXPECT_EQ(log.count("warning", warning), 2u) << log.text();
}

TEST(SpoolLimits, AnItemLargerThanTheWholeSpoolIsRefused) {
  TempDir dir;
  auto spool = open_spool({.dir = dir / "spool", .max_bytes = 1000});
  ASSERT_TRUE(spool);
  LogCapture log;
  Status refused = spool->append("batch", std::string(2000, 'x'), 1);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("an item of 2031 bytes does not fit"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(spool->append("batch", "small", 2));
}

TEST(SpoolLimits, AReopenedSpoolAboveTheThresholdWarnsAgain) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool", .max_bytes = 4 * kFrame, .warn_fraction = 0.5};
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(spool->append("batch", std::string(974, 'x'), i));
  }
  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  EXPECT_EQ(log.count("warning", "spool " + options.dir.string() + " is 75% full"), 1u) << log.text();
  EXPECT_EQ(log.count("info", "3 unsent items"), 1u) << log.text();
}

}  // namespace
}  // namespace footfall::test

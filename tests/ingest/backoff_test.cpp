#include <gtest/gtest.h>

#include <vector>

#include "footfall/ingest/backoff.h"

namespace footfall {
namespace {

std::vector<std::int64_t> delays(Backoff& b, int n) {
  std::vector<std::int64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(b.next_delay_ms());
  return out;
}

TEST(Backoff, OneSecondDoublingToThirty) {
  Backoff b;
  EXPECT_EQ(delays(b, 8), (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
  EXPECT_EQ(b.attempts(), 8);
  EXPECT_EQ(b.max_ms(), 30000);
}

TEST(Backoff, ResetStartsOver) {
  Backoff b;
  delays(b, 4);
  b.reset();
  EXPECT_EQ(b.attempts(), 0);
  EXPECT_EQ(delays(b, 2), (std::vector<std::int64_t>{1000, 2000}));
}

TEST(Backoff, CustomBoundsForTests) {
  Backoff b(100, 400);
  EXPECT_EQ(delays(b, 5), (std::vector<std::int64_t>{100, 200, 400, 400, 400}));
}

TEST(Backoff, DegenerateBoundsStayPositive) {
  Backoff b(0, 0);
  EXPECT_EQ(delays(b, 3), (std::vector<std::int64_t>{1, 1, 1}));
  Backoff c(500, 100);  // a maximum below the start: the start wins
  EXPECT_EQ(delays(c, 2), (std::vector<std::int64_t>{500, 500}));
}

}  // namespace
}  // namespace footfall

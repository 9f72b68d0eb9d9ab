#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "footfall/ingest/sampler.h"
#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

// Indices (0-based) of the frames taken from timestamps start, start+step, ... (n frames).
std::vector<int> taken(Sampler sampler, TimestampMs start, double step_ms, int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    const auto t = start + static_cast<TimestampMs>(std::llround(i * step_ms));
    if (sampler.take(t)) out.push_back(i);
  }
  return out;
}

TEST(Sampler, EveryFrameTakesAll) {
  EXPECT_EQ(taken(Sampler(SamplingParams::every_frame()), 0, 100, 50).size(), 50u);
}

TEST(Sampler, FiveFpsOnTenFpsKeepsEverySecondFrame) {
  const auto idx = taken(Sampler(SamplingParams::fps(5)), 1'764'000'000'000, 100, 40);
  ASSERT_EQ(idx.size(), 20u);
  for (std::size_t k = 0; k < idx.size(); ++k) EXPECT_EQ(idx[k], static_cast<int>(2 * k));
}

TEST(Sampler, RoundedThirtyFpsTimestampsDoNotSkipSlots) {
  // 30 fps arrives at 0, 33, 67, 100, 133 ms: 15 fps must still take exactly every second frame.
  const auto idx = taken(Sampler(SamplingParams::fps(15)), 0, 1000.0 / 30.0, 300);
  ASSERT_EQ(idx.size(), 150u);
  for (std::size_t k = 0; k < idx.size(); ++k) EXPECT_EQ(idx[k], static_cast<int>(2 * k));
}

TEST(Sampler, FpsAboveTheSourceRateTakesEveryFrame) {
  EXPECT_EQ(taken(Sampler(SamplingParams::fps(30)), 0, 100, 25).size(), 25u);
}

TEST(Sampler, IntervalOfFiveMinutesOnAOneFpsStream) {
  // The cloud pipeline's cadence: one frame every 300 s. One hour of 1 fps video gives 12 frames, 300 s apart.
  const auto idx = taken(Sampler(SamplingParams::interval(300)), 1'764'000'000'000, 1000, 3600);
  ASSERT_EQ(idx.size(), 12u);
  for (std::size_t k = 0; k < idx.size(); ++k) EXPECT_EQ(idx[k], static_cast<int>(300 * k));
}

TEST(Sampler, ShortestAndLongestIntervals) {
  const auto fast = taken(Sampler(SamplingParams::interval(0.05)), 0, 10, 100);  // 100 fps, one every 50 ms
  ASSERT_EQ(fast.size(), 20u);
  EXPECT_EQ(fast[1], 5);
  const auto hourly = taken(Sampler(SamplingParams::interval(3600)), 0, 10'000, 3 * 360 + 1);  // 3 h every 10 s
  EXPECT_EQ(hourly, (std::vector<int>{0, 360, 720, 1080}));
}

TEST(Sampler, IrregularLiveTimestampsTakeTheFirstFrameOfEachSlot) {
  Sampler s(SamplingParams::fps(5));  // 200 ms slots from the first frame
  std::vector<TimestampMs> got;
  for (TimestampMs t : {1000, 1130, 1190, 1260, 1390, 1420, 1650, 1655, 1990, 2410}) {
    if (s.take(t)) got.push_back(t);
  }
  // Slots [1000,1200) [1200,1400) [1400,1600) [1600,1800) [1800,2000) [2000,2200) [2400,2600)
  EXPECT_EQ(got, (std::vector<TimestampMs>{1000, 1260, 1420, 1650, 1990, 2410}));
}

TEST(Sampler, ResetAndJumpsBackStartAgain) {
  Sampler s(SamplingParams::interval(10));
  EXPECT_TRUE(s.take(100'000));
  EXPECT_FALSE(s.take(105'000));
  s.reset();
  EXPECT_TRUE(s.take(105'000));  // first frame after reset
  EXPECT_FALSE(s.take(114'000));
  EXPECT_TRUE(s.take(50'000));  // clock stepped back by far more than a slot
  EXPECT_FALSE(s.take(55'000));
  EXPECT_TRUE(s.take(60'000));
}

TEST(Sampler, DueSaysWhatTakeWouldSayWithoutChangingAnything) {
  // Irregular live timestamps with jitter, repeats and a jump back, for each sampling mode: due(t), asked any number
  // of times, equals the take(t) that follows.
  for (const SamplingParams params :
       {SamplingParams::fps(5), SamplingParams::fps(12.5), SamplingParams::interval(1), SamplingParams::every_frame()}) {
    Sampler s(params);
    std::uint32_t seed = 12345;
    TimestampMs t = 1'000'000;
    int taken = 0;
    for (int i = 0; i < 2000; ++i) {
      seed = seed * 1664525u + 1013904223u;
      t += static_cast<TimestampMs>(seed % 70);  // 0..69 ms, so also equal timestamps
      if (i == 1000) t -= 60'000;                // the clock steps back
      const bool due = s.due(t);
      EXPECT_EQ(s.due(t), due) << "asking twice changes nothing";
      EXPECT_EQ(s.take(t), due) << "frame " << i << " at " << t;
      taken += due ? 1 : 0;
    }
    EXPECT_GT(taken, 2);
  }
}

TEST(Sampler, FiveFpsOnRealVideo) {
  // vtest.avi: 795 frames in a 10 fps container; at 5 fps exactly the odd frames (1, 3, ...) are analysed.
  SystemClock clock;
  SourceSpec spec;
  spec.uri = test::vtest_avi().string();
  spec.start_time = 0;
  auto source = make_source(spec, clock);
  ASSERT_TRUE(source->open()) << source->last_error();
  Sampler sampler(SamplingParams::fps(5));
  Frame frame;
  std::int64_t total = 0;
  std::vector<std::int64_t> kept;
  while (source->read(frame) == ReadStatus::frame) {
    ++total;
    if (sampler.take(frame.timestamp_ms)) kept.push_back(frame.index);
  }
  EXPECT_EQ(total, 795);
  ASSERT_EQ(kept.size(), 398u);
  for (std::size_t k = 0; k < kept.size(); ++k) EXPECT_EQ(kept[k], static_cast<std::int64_t>(2 * k + 1));
}

}  // namespace
}  // namespace footfall

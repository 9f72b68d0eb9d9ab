// A video file played in real time (SourceSpec::playback_speed, config cameras.NAME.playback_speed) on the real
// vtest.avi (10 fps): the same frames with the same timestamps as decoding it as fast as possible, each handed out no
// earlier than its place in the file divided by the speed, and a slow consumer is not slowed down further.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <opencv2/core.hpp>

#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

using Steady = std::chrono::steady_clock;
constexpr TimestampMs kStart = 1'795'514'400'000;  // 2026-11-24T10:00:00Z

std::unique_ptr<FrameSource> vtest(double speed) {
  static SystemClock clock;
  SourceSpec spec;
  spec.uri = test::vtest_avi().string();
  spec.kind = SourceKind::file;
  spec.start_time = kStart;
  spec.playback_speed = speed;
  return make_source(spec, clock);
}

struct Played {
  std::vector<TimestampMs> timestamps;
  std::vector<std::int64_t> indices;
  std::vector<double> sums;        // pixel sum of each frame (identical frames)
  std::vector<double> arrival_ms;  // wall time since the first frame was handed out
};

Played play(FrameSource& source, int frames) {
  Played p;
  EXPECT_TRUE(source.open().ok()) << source.last_error();
  Frame frame;
  Steady::time_point first;
  for (int i = 0; i < frames; ++i) {
    if (source.read(frame) != ReadStatus::frame) {
      ADD_FAILURE() << "vtest.avi ended after " << i << " frames";
      break;
    }
    const auto now = Steady::now();
    if (i == 0) first = now;
    p.arrival_ms.push_back(std::chrono::duration<double, std::milli>(now - first).count());
    p.timestamps.push_back(frame.timestamp_ms);
    p.indices.push_back(frame.index);
    p.sums.push_back(cv::sum(frame.image)[0]);
  }
  source.close();
  return p;
}

TEST(PacedPlayback, SameFramesAndTimestampsAsUnpacedHandedOutOnTheFilesSchedule) {
  constexpr int kFrames = 60;  // 5.9 s of vtest.avi: 2.95 s at twice the speed
  auto fast = vtest(0.0);
  const auto fast_start = Steady::now();
  const Played unpaced = play(*fast, kFrames);
  const double unpaced_s = std::chrono::duration<double>(Steady::now() - fast_start).count();

  auto paced_source = vtest(2.0);
  EXPECT_FALSE(paced_source->is_live()) << "the timestamps are the file's";
  EXPECT_NE(paced_source->describe().find("vtest.avi (played at 2x real time)"), std::string::npos)
      << paced_source->describe();
  ASSERT_TRUE(paced_source->open().ok());
  EXPECT_DOUBLE_EQ(paced_source->nominal_fps(), 10.0);
  EXPECT_EQ(paced_source->frame_count_hint(), 795);
  paced_source->close();
  const Played paced = play(*paced_source, kFrames);

  ASSERT_EQ(paced.timestamps.size(), static_cast<std::size_t>(kFrames));
  EXPECT_EQ(paced.timestamps, unpaced.timestamps);
  EXPECT_EQ(paced.indices, unpaced.indices);
  EXPECT_EQ(paced.sums, unpaced.sums);
  EXPECT_EQ(paced.timestamps.front(), kStart);
  EXPECT_EQ(paced.timestamps.back(), kStart + 5'900);

  // Frame k is due (its timestamp - the first's) / 2 after the first: never earlier, and on a loaded 2-core box
  // only a little later.
  for (int i = 0; i < kFrames; ++i) {
    const double due_ms = static_cast<double>(paced.timestamps[i] - paced.timestamps[0]) / 2.0;
    EXPECT_GE(paced.arrival_ms[i], due_ms - 1.0) << "frame " << i + 1;
    EXPECT_LE(paced.arrival_ms[i], due_ms + 500.0) << "frame " << i + 1;
  }
  const double paced_s = paced.arrival_ms.back() / 1000.0;
  std::printf("vtest.avi, %d frames: unpaced %.2f s, paced at 2x %.2f s (expected 2.95 s)\n", kFrames, unpaced_s,
              paced_s);
  EXPECT_LT(unpaced_s, 2.0) << "decoding 60 frames of vtest.avi unpaced is far quicker than playing them";
}

TEST(PacedPlayback, ReadSampledIsPacedAndSkipsUnwantedPixels) {
  auto source = vtest(4.0);  // a frame every 25 ms
  ASSERT_TRUE(source->open().ok());
  int wanted = 0;
  const FrameFilter every_fifth = [&wanted](TimestampMs t) {
    const bool want = (t - kStart) % 500 == 0;
    wanted += want ? 1 : 0;
    return want;
  };
  Frame frame;
  const auto start = Steady::now();
  for (int i = 0; i < 41; ++i) {
    ASSERT_EQ(source->read_sampled(frame, every_fifth), ReadStatus::frame);
    EXPECT_EQ(frame.timestamp_ms, kStart + 100 * i);
    EXPECT_EQ(frame.image.empty(), i % 5 != 0) << "frame " << i + 1;
  }
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  EXPECT_EQ(wanted, 9);
  EXPECT_GE(seconds, 4.0 / 4.0 - 0.001);  // 40 periods of 100 ms at 4x
  EXPECT_LE(seconds, 1.5);
}

TEST(PacedPlayback, ASlowConsumerIsNotWaitedForTwiceAndReopeningStartsANewSchedule) {
  auto source = vtest(10.0);  // a frame every 10 ms
  ASSERT_TRUE(source->open().ok());
  Frame frame;
  const auto start = Steady::now();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(source->read(frame), ReadStatus::frame);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // three periods of work per frame
  }
  const double slow_ms = std::chrono::duration<double, std::milli>(Steady::now() - start).count();
  EXPECT_GE(slow_ms, 600.0);
  EXPECT_LT(slow_ms, 600.0 + 150.0) << "late frames come at once: the consumer's time, not the consumer's plus the "
                                       "schedule's";

  // After close() and open() the file starts again, and so does the schedule: the first frame comes at once.
  source->close();
  ASSERT_TRUE(source->open().ok());
  const auto reopened = Steady::now();
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp_ms, kStart);
  const double first_ms = std::chrono::duration<double, std::milli>(Steady::now() - reopened).count();
  EXPECT_LT(first_ms, 150.0);
}

}  // namespace
}  // namespace footfall

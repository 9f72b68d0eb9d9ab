#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fakes.h"
#include "footfall/ingest/live_reader.h"
#include "footfall/ingest/reconnecting_source.h"
#include "rtsp_server_process.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::ScriptedSource;
using Clock_ = std::chrono::steady_clock;

void wait_finished(const LiveReader& reader) {
  const auto deadline = Clock_::now() + std::chrono::seconds(5);
  while (!reader.finished() && Clock_::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(reader.finished());
}

TEST(LiveReader, DropsTheOldestFramesWhenTheConsumerFallsBehind) {
  ScriptedSource source;
  source.add_frames(0, 100, 100);
  LiveReader reader(source, Sampler(SamplingParams::every_frame()), 2);
  reader.start();
  wait_finished(reader);  // nobody popped meanwhile
  EXPECT_EQ(reader.finished_status(), ReadStatus::end_of_stream);
  EXPECT_EQ(reader.frames_read(), 100u);
  EXPECT_EQ(reader.frames_dropped(), 98u);
  auto a = reader.pop(100);
  auto b = reader.pop(100);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->timestamp_ms, 9800);  // the newest two survive, in order
  EXPECT_EQ(b->timestamp_ms, 9900);
  EXPECT_FALSE(reader.pop(20));
  reader.stop();
}

TEST(LiveReader, TheSamplerRunsOnTheReaderThreadAndIsNotADrop) {
  ScriptedSource source;
  source.add_frames(0, 100, 100);  // 10 fps
  LiveReader reader(source, Sampler(SamplingParams::fps(5)), 100);
  reader.start();
  wait_finished(reader);
  EXPECT_EQ(reader.frames_read(), 100u);
  EXPECT_EQ(reader.frames_dropped(), 0u);
  std::vector<TimestampMs> got;
  while (auto f = reader.pop(10)) got.push_back(f->timestamp_ms);
  ASSERT_EQ(got.size(), 50u);
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], static_cast<TimestampMs>(200 * i));
}

TEST(LiveReader, AFailingSourceFinishesTheReaderWithItsStatus) {
  ScriptedSource source;
  source.add_frames(0, 100, 3);
  source.when_done = ReadStatus::error;
  LiveReader reader(source, Sampler(SamplingParams::every_frame()), 8);
  reader.start();
  wait_finished(reader);
  EXPECT_EQ(reader.finished_status(), ReadStatus::error);
  int n = 0;
  while (reader.pop(10)) ++n;
  EXPECT_EQ(n, 3);  // frames read before the failure are still handed out
}

TEST(LiveReader, PopTimesOutWhileNothingComes) {
  ScriptedSource source;
  source.when_done = ReadStatus::retry_later;
  LiveReader reader(source, Sampler(SamplingParams::every_frame()), 2);
  reader.start();
  const auto start = Clock_::now();
  EXPECT_FALSE(reader.pop(60));
  EXPECT_GE(Clock_::now() - start, std::chrono::milliseconds(55));
  EXPECT_FALSE(reader.finished());
  reader.stop();
  EXPECT_FALSE(reader.pop(1000));  // stopped: no waiting
}

TEST(LiveReader, StopIsPromptWhileTheCameraIsDown) {
  auto inner = std::make_unique<ScriptedSource>();
  inner->open_results.assign(1000, false);
  test::FakeClock clock;
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::move(inner), "door", clock, stop, Backoff(10'000, 30'000));
  ASSERT_TRUE(source.open());
  LiveReader reader(source, Sampler(SamplingParams::every_frame()), 2);
  reader.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const auto start = Clock_::now();
  stop = true;  // what the service does on SIGTERM
  reader.stop();
  EXPECT_LT(Clock_::now() - start, std::chrono::milliseconds(200));
  EXPECT_EQ(reader.frames_read(), 0u);
}

TEST(LiveReader, ReadsARealRtspStreamThroughAReconnectingSource) {
  test::RtspServerProcess server(test::datasets_dir() / "tud-campus" / "TUD-Campus.mp4", 0, 15);
  SystemClock clock;
  SourceSpec spec;
  spec.uri = server.url();
  std::atomic<bool> stop{false};
  ReconnectingSource source(make_source(spec, clock), "dock", clock, stop);
  ASSERT_TRUE(source.open());
  LiveReader reader(source, Sampler(SamplingParams::every_frame()), 2);
  reader.start();
  std::vector<Frame> frames;
  const auto deadline = Clock_::now() + std::chrono::seconds(20);
  while (frames.size() < 12 && Clock_::now() < deadline) {
    if (auto f = reader.pop(200)) frames.push_back(std::move(*f));
  }
  stop = true;
  reader.stop();
  ASSERT_EQ(frames.size(), 12u) << server.log();
  EXPECT_EQ(frames.front().image.size(), cv::Size(640, 480));
  for (std::size_t i = 1; i < frames.size(); ++i) {
    EXPECT_GT(frames[i].index, frames[i - 1].index);
    EXPECT_GE(frames[i].timestamp_ms, frames[i - 1].timestamp_ms);
  }
  EXPECT_GE(reader.frames_read(), 12u + reader.frames_dropped());  // popped + dropped + still queued
}

}  // namespace
}  // namespace footfall

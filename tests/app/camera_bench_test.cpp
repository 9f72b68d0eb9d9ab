// run_camera_bench, small and short (two steps of 1 and 3 cameras, 2 s each) on the shared indoor clip: every field
// of a step is measured through the real service (pool, pipelines, store), and PacedFileSource plays a file as a
// live camera in real time, looping, converting only the frames that are wanted.
#include "footfall/app/camera_bench.h"

#include <gtest/gtest.h>

#include <chrono>

#include "footfall/app/paced_source.h"
#include "footfall/ingest/sampler.h"
#include "test_paths.h"

namespace footfall {
namespace {

std::string clip() { return (test::media_dir() / "one-by-one-person-detection.mp4").string(); }

TEST(CameraBench, StepsReportMeasuredRatesCpuAndMemory) {
  CameraBenchOptions options;
  options.input = clip();
  options.cameras = {1, 3};
  options.duration_seconds = 2.0;
  options.warmup_seconds = 1.0;
  options.model.allow_download = false;
  std::atomic<bool> stop{false};
  std::vector<int> seen;
  auto report = run_camera_bench(options, stop, [&seen](const CameraBenchStep& s) { seen.push_back(s.cameras); });
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(seen, (std::vector<int>{1, 3}));
  EXPECT_EQ(report->input, clip());
  EXPECT_EQ(report->model.rfind("yolo-fastest-1.1-body@", 0), 0u) << report->model;
  EXPECT_GE(report->cores, 1);
  ASSERT_EQ(report->steps.size(), 2u);
  for (const CameraBenchStep& s : report->steps) {
    SCOPED_TRACE("step with " + std::to_string(s.cameras) + " cameras");
    EXPECT_GE(s.workers, 1);
    EXPECT_LE(s.workers, s.cameras);
    EXPECT_GE(s.threads, 1);
    EXPECT_NEAR(s.seconds, 2.0, 0.5);
    // Decoders run in real time at 25 fps; sampling takes 5 of them a second per camera.
    EXPECT_GT(s.decoded_fps_mean, 20.0);
    EXPECT_LT(s.decoded_fps_mean, 26.0);
    EXPECT_LE(s.decoded_fps_min, s.decoded_fps_mean * (1 + 1e-9));  // equal rates: a mean may round below them
    EXPECT_GT(s.analysed_fps_mean, 0.0);
    EXPECT_LE(s.analysed_fps_mean, 5.6);
    EXPECT_LE(s.analysed_fps_min, s.analysed_fps_mean * (1 + 1e-9));
    EXPECT_GT(s.frames_analysed, 0u);
    EXPECT_GT(s.cpu_percent, 0.0);
    EXPECT_LE(s.cpu_percent, 100.0);
    EXPECT_GT(s.detector_busy_percent, 0.0);
    EXPECT_GT(s.inference_ms, 0.0);
    EXPECT_GE(s.queue_ms, 0.0);
    EXPECT_GT(s.rss_fixed_kb, 0);
    EXPECT_GT(s.rss_peak_kb, s.rss_fixed_kb);
    EXPECT_EQ(s.rss_per_camera_kb, (s.rss_peak_kb - s.rss_fixed_kb) / s.cameras);
    const bool ok = s.frames_dropped == 0 && s.analysed_fps_min >= 0.95 * 5.0 && s.decoded_fps_min >= 0.95 * 25.0;
    EXPECT_EQ(s.ok, ok);
    if (s.ok) {
      EXPECT_GE(report->max_cameras_ok, s.cameras);
    }
  }
}

TEST(CameraBench, RefusesAMissingInputAndBadCounts) {
  std::atomic<bool> stop{false};
  CameraBenchOptions options;
  options.input = "/nonexistent/clip.mp4";
  auto report = run_camera_bench(options, stop);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().message, "/nonexistent/clip.mp4: no such file");
  options.input = clip();
  options.cameras = {0};
  report = run_camera_bench(options, stop);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().message, "bench: camera counts must be 1..256, got 0");
}

TEST(PacedFileSource, DecodesInRealTimeLoopsAndConvertsOnlyWantedFrames) {
  SystemClock clock;
  // A fast pace so the 1394-frame clip loops within the test: 1000 fps would need a very fast decoder; 400 fps is
  // within reach of one core for 768x432 H.264.
  PacedFileSource source(clip(), 400.0, clock);
  ASSERT_TRUE(source.open());
  EXPECT_TRUE(source.is_live());
  int wanted = 0;
  TimestampMs last = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1500; ++i) {
    Frame frame;
    ASSERT_EQ(source.read_sampled(frame, [i](TimestampMs) { return i % 5 == 0; }), ReadStatus::frame);
    EXPECT_EQ(frame.index, i + 1);
    EXPECT_GE(frame.timestamp_ms, last);
    last = frame.timestamp_ms;
    EXPECT_EQ(frame.image.empty(), i % 5 != 0);
    if (!frame.image.empty()) {
      ++wanted;
      EXPECT_EQ(frame.image.cols, 768);
      EXPECT_EQ(frame.image.rows, 432);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(seconds, 1499.0 / 400.0 - 0.01) << "never faster than the pace";
  const PacedSourceStats stats = source.stats();
  EXPECT_GE(stats.frames, 1500u);
  EXPECT_LE(stats.frames, 1500u + 4u) << "frames read, including the few the decoder holds (reordering, threads)";
  EXPECT_EQ(stats.decoded, 1500u);
  EXPECT_EQ(stats.converted, static_cast<std::uint64_t>(wanted));
  EXPECT_EQ(stats.loops, 1u) << "the clip has 1394 frames";
  // At a slow pace a plain read() waits for each frame.
  PacedFileSource slow(clip(), 20.0, clock);
  ASSERT_TRUE(slow.open());
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    Frame frame;
    ASSERT_EQ(slow.read(frame), ReadStatus::frame);
    EXPECT_FALSE(frame.image.empty());
  }
  EXPECT_GE(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 4.0 / 20.0 - 0.01);
}

TEST(PacedFileSource, DoesNotDecodeUnreferencedFramesNobodyWantsAndKeepsThePace) {
  // 300 frames of the stream at 100 fps, sampled at 20 fps as a live camera's reader does (take and due of one
  // Sampler): the sampled frames arrive with their pixels at the sampling rate, the stream keeps its schedule, and
  // most B-frames between them are never decoded. With decode_all, every frame is.
  SystemClock clock;
  for (const bool decode_all : {false, true}) {
    SCOPED_TRACE(decode_all ? "decode_all" : "skip");
    PacedFileOptions options;
    options.decode_all = decode_all;
    PacedFileSource source(clip(), 100.0, clock, options);
    ASSERT_TRUE(source.open());
    Sampler sampler(SamplingParams::fps(20.0));
    const FrameFilter filter([&](TimestampMs t) { return sampler.take(t); },
                             [&](TimestampMs t) { return sampler.due(t); });
    const auto start = std::chrono::steady_clock::now();
    int sampled = 0;
    while (source.stats().frames < 300) {
      Frame frame;
      ASSERT_EQ(source.read_sampled(frame, filter), ReadStatus::frame) << source.last_error();
      if (!frame.image.empty()) {
        ++sampled;
        EXPECT_EQ(frame.image.size(), cv::Size(768, 432));
      }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const PacedSourceStats stats = source.stats();
    EXPECT_GE(seconds, 297.0 / 100.0) << "the schedule counts the frames not decoded";
    EXPECT_LT(seconds, 300.0 / 100.0 + 1.0);
    EXPECT_NEAR(sampled, 20.0 * seconds, 20.0 * seconds * 0.1);
    EXPECT_EQ(stats.converted, static_cast<std::uint64_t>(sampled));
    if (decode_all) {
      EXPECT_GE(stats.decoded + 4, stats.frames) << "every frame decoded (but the few the decoder holds)";
    } else {
      EXPECT_LT(stats.decoded, stats.frames * 7 / 10) << stats.decoded << " of " << stats.frames << " decoded";
    }
  }
}

}  // namespace
}  // namespace footfall

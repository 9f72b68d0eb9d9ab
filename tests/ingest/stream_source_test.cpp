#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "fakes.h"
#include "footfall/ingest/sampler.h"
#include "footfall/ingest/source.h"
#include "rtsp_server_process.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::RtspServerProcess;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(StreamSource, PullsFramesFromALoopbackRtspServerWithInjectedClockTimes) {
  RtspServerProcess server(test::media_dir() / "one-by-one-person-detection.mp4");
  test::TickingClock clock(1'764'000'000'000);
  SourceSpec spec;
  spec.uri = server.url();
  auto source = make_source(spec, clock);
  EXPECT_TRUE(source->is_live());
  ASSERT_TRUE(source->open()) << source->last_error() << "\nserver: " << server.log();
  EXPECT_NEAR(source->nominal_fps(), 10.0, 0.5);
  Frame frame;
  for (int i = 0; i < 15; ++i) {
    ASSERT_EQ(source->read(frame), ReadStatus::frame) << source->last_error();
    EXPECT_EQ(frame.image.size(), cv::Size(768, 432));
    EXPECT_EQ(frame.index, i + 1);
    EXPECT_EQ(frame.timestamp_ms, 1'764'000'000'000 + i);  // one clock reading per frame, nothing else
    EXPECT_TRUE(frame.origin.empty());
  }
  source->close();
}

TEST(StreamSource, DoesNotDecodeUnreferencedFramesWhileNoFrameIsWanted) {
  // The clip's H.264 has B-frames no frame references (820 of 1394), sent over RTSP as it is, at its 10 fps. Two
  // clients read it for 4 s, each sampled at 2 fps the way a live camera's reader does, on its own thread: one with
  // the sampler's due() (the skip), one without (every frame decoded). Both deliver every sampled frame with its
  // pixels at the sampling rate; the first decodes far fewer frames of the same stream.
  RtspServerProcess server(test::media_dir() / "one-by-one-person-detection.mp4", 0, 0);
  struct Result {
    int sampled = 0;
    std::int64_t decoded = 0;
    std::string error;
  };
  auto read_for_4s = [&server](bool skip, Result& result) {
    SystemClock clock;
    SourceSpec spec;
    spec.uri = server.url();
    auto source = make_source(spec, clock);
    if (Status s = source->open(); !s) {
      result.error = s.error().message;
      return;
    }
    Sampler sampler(SamplingParams::fps(2.0));
    const FrameFilter filter = skip ? FrameFilter([&](TimestampMs t) { return sampler.take(t); },
                                                  [&](TimestampMs t) { return sampler.due(t); })
                                    : FrameFilter([&](TimestampMs t) { return sampler.take(t); });
    const auto start = std::chrono::steady_clock::now();
    Frame frame;
    while (seconds_since(start) < 4.0) {
      if (source->read_sampled(frame, filter) != ReadStatus::frame) {
        result.error = source->last_error();
        return;
      }
      if (!frame.image.empty()) ++result.sampled;
      if (!frame.image.empty() && frame.image.size() != cv::Size(768, 432)) result.error = "wrong size";
    }
    result.decoded = frame.index;
  };
  Result skipping;
  Result full;
  std::thread a([&] { read_for_4s(true, skipping); });
  std::thread b([&] { read_for_4s(false, full); });
  a.join();
  b.join();
  ASSERT_TRUE(skipping.error.empty()) << skipping.error << "\nserver: " << server.log();
  ASSERT_TRUE(full.error.empty()) << full.error;
  std::printf("[skip] RTSP H.264, 4 s sampled at 2 fps: %lld frames decoded with the skip, %lld without; %d and %d "
              "sampled\n",
              static_cast<long long>(skipping.decoded), static_cast<long long>(full.decoded), skipping.sampled,
              full.sampled);
  EXPECT_NEAR(skipping.sampled, 8, 2);
  EXPECT_NEAR(full.sampled, 8, 2);
  EXPECT_LT(skipping.decoded, full.decoded * 7 / 10) << skipping.decoded << " against " << full.decoded << " decoded";
  EXPECT_GT(skipping.decoded, full.decoded * 3 / 10);
}

TEST(StreamSource, UnreachableUrlFailsFastNamingTheMaskedUrl) {
  const int port = test::free_loopback_port();
  const std::string masked = "rtsp://admin:***@127.0.0.1:" + std::to_string(port) + "/cam";
  SystemClock clock;
  SourceSpec spec;
  spec.uri = "rtsp://admin:hunter2@127.0.0.1:" + std::to_string(port) + "/cam";
  auto source = make_source(spec, clock);
  EXPECT_EQ(source->describe(), masked);
  const auto start = std::chrono::steady_clock::now();
  Status s = source->open();
  EXPECT_LT(seconds_since(start), 2.0);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, masked + ": cannot open stream: connection refused by 127.0.0.1:" +
                                   std::to_string(port) + " (no server listening)");
  EXPECT_EQ(s.error().message.find("hunter2"), std::string::npos);
  Frame frame;
  EXPECT_EQ(source->read(frame), ReadStatus::error);
}

TEST(StreamSource, WrongPathOnALiveServerSaysTheServerAnswered) {
  RtspServerProcess server(test::media_dir() / "people-detection.gif");
  SystemClock clock;
  SourceSpec spec;
  spec.uri = server.url("/no-such-mount");
  auto source = make_source(spec, clock);
  Status s = source->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind(spec.uri + ": cannot open stream: 127.0.0.1:", 0), 0u) << s.error().message;
  EXPECT_NE(s.error().message.find("accepts connections but serves no playable video"), std::string::npos);
}

TEST(DeviceSource, AMissingDeviceIsNamed) {
  SystemClock clock;
  SourceSpec spec;
  spec.uri = "/dev/video97";
  auto source = make_source(spec, clock);
  EXPECT_TRUE(source->is_live());
  Status s = source->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "/dev/video97: no such video device (/dev/video97 does not exist)");
  spec.uri = "97";
  s = make_source(spec, clock)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "97: no such video device (/dev/video97 does not exist)");
  Frame frame;
  EXPECT_EQ(source->read(frame), ReadStatus::error);
}

}  // namespace
}  // namespace footfall

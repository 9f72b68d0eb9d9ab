// FfmpegCapture against OpenCV's capture on the same real files: the same frames (pixels and presentation times),
// with the decoder thread count that was asked for; grab() alone skips the conversion; errors are reported.
#include "footfall/ingest/ffmpeg_capture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include "test_paths.h"

namespace footfall {
namespace {

std::string clip() { return (test::media_dir() / "one-by-one-person-detection.mp4").string(); }

TEST(FfmpegCapture, DecodesTheSameFramesAsOpenCvWithOneThread) {
  FfmpegCapture capture;
  ASSERT_TRUE(capture.open(clip(), {1, 0, 0}));
  EXPECT_TRUE(capture.is_open());
  EXPECT_EQ(capture.threads(), 1);
  EXPECT_DOUBLE_EQ(capture.fps(), 10.0);
  EXPECT_EQ(capture.frame_count(), 1394);
  cv::VideoCapture reference(clip(), cv::CAP_FFMPEG);
  ASSERT_TRUE(reference.isOpened());
  for (int i = 0; i < 60; ++i) {
    SCOPED_TRACE("frame " + std::to_string(i + 1));
    ASSERT_TRUE(capture.grab());
    cv::Mat expected;
    ASSERT_TRUE(reference.read(expected));
    EXPECT_NEAR(capture.position_ms(), reference.get(cv::CAP_PROP_POS_MSEC), 0.5);
    if (i % 10 != 0) continue;  // grab() alone: decoded, not converted
    cv::Mat got;
    ASSERT_TRUE(capture.retrieve(got));
    ASSERT_EQ(got.size(), expected.size());
    ASSERT_EQ(got.type(), CV_8UC3);
    EXPECT_EQ(cv::norm(got, expected, cv::NORM_INF), 0.0) << "the same conversion as OpenCV's capture";
  }
}

TEST(FfmpegCapture, ReadsAFileToItsEnd) {
  FfmpegCapture capture;
  ASSERT_TRUE(capture.open(test::vtest_avi().string()));  // FFmpeg's choice of threads
  int frames = 0;
  double last = -1.0;
  while (capture.grab()) {
    ++frames;
    EXPECT_GT(capture.position_ms(), last);
    last = capture.position_ms();
  }
  EXPECT_EQ(frames, 795);
  EXPECT_TRUE(capture.error().empty()) << capture.error();
  cv::Mat none;
  EXPECT_FALSE(capture.retrieve(none));
}

TEST(FfmpegCapture, ReportsWhatFailed) {
  FfmpegCapture capture;
  auto missing = capture.open("/nonexistent/clip.mp4");
  ASSERT_FALSE(missing);
  EXPECT_FALSE(missing.error().message.empty());
  EXPECT_FALSE(capture.is_open());
  EXPECT_FALSE(capture.grab());
  test::TempDir dir;
  const auto text = dir / "not-a-video.mp4";
  std::FILE* f = std::fopen(text.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("this is not a video\n", f);
  std::fclose(f);
  EXPECT_FALSE(capture.open(text.string()));
}

// A digest of a frame's pixels (FNV-1a over the BGR bytes).
std::uint64_t digest(const cv::Mat& bgr) {
  std::uint64_t h = 1469598103934665603ull;
  for (int r = 0; r < bgr.rows; ++r) {
    const uchar* p = bgr.ptr<uchar>(r);
    for (std::size_t i = 0; i < bgr.cols * bgr.elemSize(); ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
  return h;
}

TEST(FfmpegCapture, SkipsUnreferencedFramesAndDecodesTheOthersExactly) {
  // The clip is H.264 Main with B-frames that no frame references (820 of its 1394 frames). Over its first 300
  // frames: with the skip, fewer frames come back, each identical to the same frame of a full decode; the packets
  // read still count every frame. Turned off again, every frame comes back.
  constexpr int kFrames = 300;
  FfmpegCapture full;
  ASSERT_TRUE(full.open(clip(), {1, 0, 0}));
  std::map<long, std::uint64_t> expected;  // presentation time (ms) -> digest
  for (int i = 0; i < kFrames; ++i) {
    ASSERT_TRUE(full.grab());
    cv::Mat bgr;
    ASSERT_TRUE(full.retrieve(bgr));
    expected[std::lround(full.position_ms())] = digest(bgr);
  }
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(kFrames));

  FfmpegCapture capture;
  ASSERT_TRUE(capture.open(clip(), {1, 0, 0}));
  capture.set_skip_unreferenced(true);
  int returned = 0;
  double last = -1.0;
  while (capture.packets() < kFrames - 10) {
    ASSERT_TRUE(capture.grab()) << capture.error();
    ++returned;
    EXPECT_GT(capture.position_ms(), last);
    last = capture.position_ms();
    cv::Mat bgr;
    ASSERT_TRUE(capture.retrieve(bgr));
    const auto found = expected.find(std::lround(capture.position_ms()));
    ASSERT_NE(found, expected.end()) << capture.position_ms();
    EXPECT_EQ(digest(bgr), found->second) << "frame at " << capture.position_ms() << " ms";
  }
  const auto read = static_cast<int>(capture.packets());
  EXPECT_LT(returned, read * 6 / 10) << returned << " of " << read << " frames decoded";
  EXPECT_GT(returned, read * 3 / 10);
  // Off again: the following frames all come back, in order, one per 100 ms (10 fps).
  capture.set_skip_unreferenced(false);
  ASSERT_TRUE(capture.grab());
  double previous = capture.position_ms();
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(capture.grab());
    EXPECT_NEAR(capture.position_ms() - previous, 100.0, 0.5);
    previous = capture.position_ms();
    cv::Mat bgr;
    ASSERT_TRUE(capture.retrieve(bgr));
    EXPECT_EQ(digest(bgr), expected.at(std::lround(capture.position_ms())));
  }
}

TEST(FfmpegCapture, SkippingChangesNothingOnAStreamWithoutUnreferencedFrames) {
  FfmpegCapture capture;
  ASSERT_TRUE(capture.open(test::vtest_avi().string(), {1, 0, 0}));  // MS MPEG-4 v3: I and P frames only
  capture.set_skip_unreferenced(true);
  int frames = 0;
  while (capture.grab()) ++frames;
  EXPECT_EQ(frames, 795);
  EXPECT_EQ(capture.packets(), 795u);
}

}  // namespace
}  // namespace footfall

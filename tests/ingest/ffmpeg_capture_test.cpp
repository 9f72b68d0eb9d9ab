// FfmpegCapture against OpenCV's capture on the same real files: the same frames (pixels and presentation times),
// with the decoder thread count that was asked for; grab() alone skips the conversion; errors are reported.
#include "footfall/ingest/ffmpeg_capture.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace footfall

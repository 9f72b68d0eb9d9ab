#include "opencv_dnn/preprocess.h"

#include <gtest/gtest.h>

#include <opencv2/dnn.hpp>

#include "detect_test_util.h"

namespace footfall::dnn {
namespace {

TEST(InputTransform, StretchScalesEachAxis) {
  const InputTransform t = make_input_transform({640, 480}, {320, 320}, Resize::stretch);
  EXPECT_EQ(t.content, cv::Rect(0, 0, 320, 320));
  const Box b = t.to_frame({10, 20, 100, 50});
  EXPECT_FLOAT_EQ(b.x, 20.0f);
  EXPECT_FLOAT_EQ(b.y, 30.0f);
  EXPECT_FLOAT_EQ(b.width, 200.0f);
  EXPECT_FLOAT_EQ(b.height, 75.0f);
}

TEST(InputTransform, LetterboxTopLeftKeepsAspect) {
  const InputTransform t = make_input_transform({640, 480}, {320, 320}, Resize::letterbox_top_left);
  EXPECT_EQ(t.content, cv::Rect(0, 0, 320, 240));
  const Box b = t.to_frame({10, 20, 100, 50});
  EXPECT_FLOAT_EQ(b.x, 20.0f);
  EXPECT_FLOAT_EQ(b.y, 40.0f);
  EXPECT_FLOAT_EQ(b.width, 200.0f);
  EXPECT_FLOAT_EQ(b.height, 100.0f);
}

TEST(InputTransform, LetterboxCentreRemovesThePadding) {
  const InputTransform t = make_input_transform({640, 480}, {320, 320}, Resize::letterbox_centre);
  EXPECT_EQ(t.content, cv::Rect(0, 40, 320, 240));
  const Box b = t.to_frame({10, 60, 100, 50});
  EXPECT_FLOAT_EQ(b.y, 40.0f);
  EXPECT_FLOAT_EQ(b.height, 100.0f);
  // Portrait frame: padding left and right.
  const InputTransform p = make_input_transform({480, 640}, {320, 320}, Resize::letterbox_centre);
  EXPECT_EQ(p.content, cv::Rect(40, 0, 240, 320));
}

TEST(InputTransform, BoxesAreClippedToTheFrame) {
  const InputTransform t = make_input_transform({640, 480}, {320, 320}, Resize::letterbox_centre);
  const Box b = t.to_frame({-10, 20, 100, 400});  // starts left of the image, reaches into the bottom padding
  EXPECT_FLOAT_EQ(b.x, 0.0f);
  EXPECT_FLOAT_EQ(b.y, 0.0f);
  EXPECT_FLOAT_EQ(b.width, 180.0f);
  EXPECT_FLOAT_EQ(b.height, 480.0f);
}

TEST(Preprocessor, StretchSwapsChannelsAndScales) {
  PreprocessParams p;
  p.input = {4, 2};
  p.resize = Resize::stretch;
  p.swap_rb = true;
  p.scale = 1.0 / 255.0;
  Preprocessor pre(p);
  const cv::Mat frame(2, 4, CV_8UC3, cv::Scalar(10, 20, 30));  // B, G, R
  const cv::Mat& blob = pre.run(frame);
  ASSERT_EQ(blob.dims, 4);
  EXPECT_EQ(blob.size[1], 3);
  EXPECT_EQ(blob.size[2], 2);
  EXPECT_EQ(blob.size[3], 4);
  const float* d = blob.ptr<float>();
  EXPECT_NEAR(d[0], 30.0f / 255.0f, 1e-6f);       // channel 0 = R
  EXPECT_NEAR(d[8], 20.0f / 255.0f, 1e-6f);       // channel 1 = G
  EXPECT_NEAR(d[16 + 7], 10.0f / 255.0f, 1e-6f);  // channel 2 = B, last pixel
}

TEST(Preprocessor, MeanAndStdPerBlobChannel) {
  PreprocessParams p;
  p.input = {2, 2};
  p.swap_rb = false;
  p.scale = 1.0;
  p.mean = {103.53, 116.28, 123.675};
  p.std = {57.375, 57.12, 58.395};
  Preprocessor pre(p);
  const cv::Mat& blob = pre.run(cv::Mat(2, 2, CV_8UC3, cv::Scalar(200, 100, 50)));
  const float* d = blob.ptr<float>();
  EXPECT_NEAR(d[0], (200 - 103.53) / 57.375, 1e-5);
  EXPECT_NEAR(d[4], (100 - 116.28) / 57.12, 1e-5);
  EXPECT_NEAR(d[8], (50 - 123.675) / 58.395, 1e-5);
}

TEST(Preprocessor, LetterboxPadsWithThePadValueAcrossFrameSizeChanges) {
  PreprocessParams p;
  p.input = {8, 8};
  p.resize = Resize::letterbox_top_left;
  p.pad_value = 114;
  p.swap_rb = false;
  p.scale = 1.0;
  Preprocessor pre(p);
  // A wide frame fills the top half.
  const cv::Mat& blob = pre.run(cv::Mat(4, 8, CV_8UC3, cv::Scalar(7, 7, 7)));
  const float* d = blob.ptr<float>();
  EXPECT_FLOAT_EQ(d[0], 7.0f);
  EXPECT_FLOAT_EQ(d[3 * 8 + 7], 7.0f);
  EXPECT_FLOAT_EQ(d[4 * 8], 114.0f);
  EXPECT_FLOAT_EQ(d[7 * 8 + 7], 114.0f);
  EXPECT_EQ(pre.transform().content, cv::Rect(0, 0, 8, 4));
  // A tall frame next: the left half, and what was image before is padding again.
  const cv::Mat& tall = pre.run(cv::Mat(8, 4, CV_8UC3, cv::Scalar(9, 9, 9)));
  d = tall.ptr<float>();
  EXPECT_FLOAT_EQ(d[0], 9.0f);
  EXPECT_FLOAT_EQ(d[7], 114.0f);
  EXPECT_FLOAT_EQ(d[7 * 8 + 3], 9.0f);
}

TEST(Preprocessor, ReadsRegionOfInterestViews) {
  PreprocessParams p;
  p.input = {2, 2};
  p.swap_rb = false;
  p.scale = 1.0;
  Preprocessor pre(p);
  cv::Mat big(4, 4, CV_8UC3, cv::Scalar(1, 1, 1));
  big(cv::Rect(2, 2, 2, 2)).setTo(cv::Scalar(50, 60, 70));
  const cv::Mat& blob = pre.run(big(cv::Rect(2, 2, 2, 2)));  // not continuous, already the input size
  const float* d = blob.ptr<float>();
  for (int i = 0; i < 4; ++i) {
    EXPECT_FLOAT_EQ(d[i], 50.0f);
    EXPECT_FLOAT_EQ(d[4 + i], 60.0f);
    EXPECT_FLOAT_EQ(d[8 + i], 70.0f);
  }
}

TEST(Preprocessor, MatchesOpenCvBlobFromImageOnARealFrame) {
  // The fused loop against OpenCV's reference: (pixel - mean / scale) * scale with the channel swap.
  const cv::Mat& frame = test::vtest_frame_100();
  ASSERT_FALSE(frame.empty());
  PreprocessParams p;
  p.input = {320, 256};
  p.swap_rb = true;
  p.scale = 1.0 / 255.0;
  p.mean = {0.1, 0.2, 0.3};
  Preprocessor pre(p);
  const cv::Mat& blob = pre.run(frame);
  const cv::Mat reference =
      cv::dnn::blobFromImage(frame, p.scale, p.input, cv::Scalar(0.1 * 255, 0.2 * 255, 0.3 * 255), true, false);
  ASSERT_EQ(reference.total(), blob.total());
  EXPECT_LT(cv::norm(blob.reshape(1, 1), reference.reshape(1, 1), cv::NORM_INF), 1e-5);
}

}  // namespace
}  // namespace footfall::dnn

// Heatmap PNG: decodes to the frame size; hot cells are coloured, empty cells show the background unchanged; no
// background renders over grey; a bad background is refused.
#include "footfall/scene/heatmap_render.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "scene_test_util.h"

namespace footfall {
namespace {

// A 640x480 grid of 32x24 cells (20 px square) with a hot spot around cell (8, 12) and a warm one at (20, 6).
HeatmapGrid sample_grid() {
  HeatmapGrid grid(640, 480, {32, 24});
  for (int i = 0; i < 50; ++i) grid.add(Point{170.0f, 250.0f});
  for (int i = 0; i < 10; ++i) grid.add(Point{410.0f, 130.0f});
  return grid;
}

cv::Mat decode(const std::vector<std::uint8_t>& png) { return cv::imdecode(png, cv::IMREAD_UNCHANGED); }

TEST(HeatmapRender, PngHasTheFrameSizeAndShowsTheBackgroundWhereThereIsNoDensity) {
  const cv::Mat background = test::textured_scene(640, 480);
  HeatmapRenderOptions options;
  options.camera = "entrance";
  options.time_range = "2026-11-24T09:00Z .. 10:00Z";
  auto png = render_heatmap_png(sample_grid(), background, options);
  ASSERT_TRUE(png.ok()) << png.error().message;
  ASSERT_GT(png->size(), 8u);
  EXPECT_EQ((*png)[1], 'P');  // \x89PNG
  const cv::Mat image = decode(*png);
  ASSERT_EQ(image.size(), cv::Size(640, 480));
  ASSERT_EQ(image.type(), CV_8UC3);

  // Hot cell: coloured (differs from the background, and in inferno's warm half: red above blue).
  const cv::Vec3b hot = image.at<cv::Vec3b>(250, 170);
  const cv::Vec3b under = background.at<cv::Vec3b>(250, 170);
  EXPECT_GT(cv::norm(hot, under, cv::NORM_L1), 60.0) << hot << " over " << under;
  EXPECT_GT(hot[2], hot[0]) << hot;
  // The warm spot is coloured too, less opaque than the hot one.
  EXPECT_NE(image.at<cv::Vec3b>(130, 410), background.at<cv::Vec3b>(130, 410));

  // Empty cells away from both spots (and from the caption at the top left and the legend at the bottom right):
  // exactly the background.
  const cv::Rect empty(20, 340, 250, 120);
  cv::Mat diff;
  cv::absdiff(image(empty), background(empty), diff);
  EXPECT_EQ(cv::countNonZero(diff.reshape(1)), 0);
  const cv::Rect right_top(520, 60, 100, 100);
  cv::absdiff(image(right_top), background(right_top), diff);
  EXPECT_EQ(cv::countNonZero(diff.reshape(1)), 0);
}

TEST(HeatmapRender, CaptionAndLegendAreDrawn) {
  const cv::Mat background(480, 640, CV_8UC3, cv::Scalar::all(128));
  HeatmapRenderOptions options;
  options.camera = "entrance";
  auto image = render_heatmap(sample_grid(), background, options);
  ASSERT_TRUE(image.ok());
  // Caption panel top left and legend panel bottom right are shaded (darker than the grey background).
  EXPECT_LT(image->at<cv::Vec3b>(3, 3)[0], 100);
  EXPECT_LT(image->at<cv::Vec3b>(477, 637)[0], 100);
  // The colour bar: bright yellow at its top end, dark purple at its bottom end, somewhere in the bottom right.
  const cv::Mat legend = (*image)(cv::Rect(440, 240, 200, 240));
  int yellow = 0;
  for (auto it = legend.begin<cv::Vec3b>(); it != legend.end<cv::Vec3b>(); ++it) {
    yellow += ((*it)[2] > 200 && (*it)[1] > 200 && (*it)[0] < 160) ? 1 : 0;
  }
  EXPECT_GT(yellow, 20);
}

TEST(HeatmapRender, NoBackgroundRendersOverNeutralGrey) {
  auto png = render_heatmap_png(sample_grid(), cv::Mat());
  ASSERT_TRUE(png.ok()) << png.error().message;
  const cv::Mat image = decode(*png);
  ASSERT_EQ(image.size(), cv::Size(640, 480));
  EXPECT_EQ(image.at<cv::Vec3b>(400, 100), cv::Vec3b(128, 128, 128));
  EXPECT_NE(image.at<cv::Vec3b>(250, 170), cv::Vec3b(128, 128, 128));
}

TEST(HeatmapRender, AnEmptyGridIsTheBackgroundWithItsLegend) {
  const cv::Mat background = test::textured_scene(640, 480);
  auto image = render_heatmap(HeatmapGrid(640, 480, {32, 24}), background);
  ASSERT_TRUE(image.ok());
  cv::Mat diff;
  cv::absdiff((*image)(cv::Rect(0, 0, 400, 480)), background(cv::Rect(0, 0, 400, 480)), diff);
  EXPECT_EQ(cv::countNonZero(diff.reshape(1)), 0);  // no caption without a camera or time range
}

TEST(HeatmapRender, BackgroundOfAnotherSizeOrGreyIsAccepted) {
  const cv::Mat small = test::textured_scene(320, 240);
  auto image = render_heatmap(sample_grid(), small);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->size(), cv::Size(640, 480));
  cv::Mat grey(480, 640, CV_8UC1, cv::Scalar(60));
  auto from_grey = render_heatmap(sample_grid(), grey);
  ASSERT_TRUE(from_grey.ok());
  EXPECT_EQ(from_grey->at<cv::Vec3b>(400, 100), cv::Vec3b(60, 60, 60));
}

TEST(HeatmapRender, ABackgroundThatIsNotAn8BitImageIsRefused) {
  auto image = render_heatmap(sample_grid(), cv::Mat(480, 640, CV_32FC3));
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().message.find("background"), std::string::npos) << image.error().message;
}

}  // namespace
}  // namespace footfall

// Ignore regions: the --ignore-region flag, origin names, dropping matching detections, drawing.
#include "footfall/scene/ignore_region.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TEST(IgnoreRegionFlag, ParsesPixelsAsAnOperatorRegion) {
  auto r = parse_ignore_region_flag("100,50,40,120");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FLOAT_EQ(r->box.x, 100.0f);
  EXPECT_FLOAT_EQ(r->box.y, 50.0f);
  EXPECT_FLOAT_EQ(r->box.width, 40.0f);
  EXPECT_FLOAT_EQ(r->box.height, 120.0f);
  EXPECT_EQ(r->origin, IgnoreOrigin::operator_set);
  EXPECT_TRUE(r->enabled);
  EXPECT_EQ(format_ignore_region(*r), "100,50,40,120");
}

TEST(IgnoreRegionFlag, BadValuesNameTheFlag) {
  for (const char* bad : {"", "1,2,3", "1,2,3,4,5", "1,x,3,4", "-1,2,3,4", "1,2,0,4", "1,2,3,-4", "1,,3,4"}) {
    auto r = parse_ignore_region_flag(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("--ignore-region"), std::string::npos) << r.error().message;
  }
}

TEST(IgnoreOrigin, RoundTripsThroughItsStoredName) {
  for (IgnoreOrigin o : {IgnoreOrigin::learned, IgnoreOrigin::operator_set}) {
    EXPECT_EQ(parse_ignore_origin(to_string(o)), o);
  }
  EXPECT_EQ(to_string(IgnoreOrigin::operator_set), "operator");
  EXPECT_FALSE(parse_ignore_origin("user").has_value());
}

TEST(DropIgnored, DropsDetectionsOverlappingAnEnabledRegion) {
  IgnoreRegion sign;
  sign.box = {100, 100, 40, 100};
  IgnoreRegion disabled;
  disabled.box = {300, 100, 40, 100};
  disabled.enabled = false;
  Detections detections{
      {{102, 98, 40, 100}, 0.8f, 0},   // on the sign: dropped
      {{130, 100, 40, 100}, 0.9f, 0},  // a person beside the sign, overlapping a quarter: kept (IoU 0.14)
      {{300, 100, 40, 100}, 0.7f, 0},  // on a disabled region: kept
      {{500, 300, 40, 100}, 0.9f, 0},  // elsewhere: kept
  };
  const std::vector<IgnoreRegion> regions{sign, disabled};
  EXPECT_EQ(drop_ignored(detections, regions, 0.5f), 1);
  ASSERT_EQ(detections.size(), 3u);
  EXPECT_FLOAT_EQ(detections[0].box.x, 130.0f);
  EXPECT_EQ(matching_region(regions, Box{300, 100, 40, 100}, 0.5f), nullptr);
  EXPECT_EQ(matching_region(regions, Box{100, 100, 40, 100}, 0.5f), &regions[0]);
}

TEST(DrawIgnoreRegions, OutlinesEnabledRegionsInMagenta) {
  cv::Mat canvas(200, 200, CV_8UC3, cv::Scalar::all(0));
  IgnoreRegion r;
  r.box = {50, 50, 60, 100};
  IgnoreRegion off;
  off.box = {150, 20, 30, 30};
  off.enabled = false;
  draw_ignore_regions(canvas, {r, off});
  EXPECT_EQ(canvas.at<cv::Vec3b>(100, 50), cv::Vec3b(255, 0, 255));   // left edge of the enabled region
  EXPECT_EQ(canvas.at<cv::Vec3b>(20, 165), cv::Vec3b(160, 160, 160));  // top edge of the disabled one
  EXPECT_EQ(canvas.at<cv::Vec3b>(180, 20), cv::Vec3b(0, 0, 0));       // outside both: untouched
}

}  // namespace
}  // namespace footfall

// Lines and zones per camera: parsed with defaults, and bad geometry refused with the key path named.
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

std::string camera_with(const std::string& extra) {
  return "cameras:\n  door:\n    source: /tmp/clip.mp4\n" + extra;
}

TEST(CountingConfig, LinesAndZonesAreReadWithDefaults) {
  auto config = parse(camera_with("    lines:\n"
                                  "      entrance:\n        points: [[0.1, 0.6], [0.9, 0.6]]\n"
                                  "      side:\n        points: [[10, 20], [300, 40]]\n        hysteresis: 12\n"
                                  "    zones:\n"
                                  "      tills:\n        points: [[100, 100], [300, 100], [300, 400], [100, 400]]\n"
                                  "        inertia: 3.5\n        queue: true\n"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  const CameraConfig& cam = config->cameras.at(0);
  ASSERT_EQ(cam.lines.size(), 2u);
  EXPECT_EQ(cam.lines[0].name, "entrance");
  EXPECT_TRUE(cam.lines[0].normalized);
  EXPECT_FLOAT_EQ(cam.lines[0].b.x, 0.9f);
  EXPECT_FLOAT_EQ(cam.lines[0].hysteresis_px, 6.0f);
  EXPECT_FALSE(cam.lines[1].normalized);
  EXPECT_FLOAT_EQ(cam.lines[1].hysteresis_px, 12.0f);
  ASSERT_EQ(cam.zones.size(), 1u);
  EXPECT_EQ(cam.zones[0].polygon.size(), 4u);
  EXPECT_DOUBLE_EQ(cam.zones[0].inertia_seconds, 3.5);
  EXPECT_TRUE(cam.zones[0].queue);
}

TEST(CountingConfig, LineWithTwoEqualPointsIsRefused) {
  const std::string error = parse_error(camera_with("    lines:\n      entrance:\n        points: [[5, 5], [5, 5]]\n"));
  EXPECT_NE(error.find("cameras.door.lines.entrance.points"), std::string::npos) << error;
  EXPECT_NE(error.find("equal"), std::string::npos) << error;
}

TEST(CountingConfig, LineNeedsExactlyTwoPoints) {
  const std::string error =
      parse_error(camera_with("    lines:\n      entrance:\n        points: [[5, 5], [6, 6], [7, 9]]\n"));
  EXPECT_NE(error.find("cameras.door.lines.entrance.points"), std::string::npos) << error;
}

TEST(CountingConfig, TwoPointAndSelfIntersectingPolygonsAreRefused) {
  std::string error = parse_error(camera_with("    zones:\n      tills:\n        points: [[0, 0], [10, 10]]\n"));
  EXPECT_NE(error.find("cameras.door.zones.tills.points"), std::string::npos) << error;
  EXPECT_NE(error.find("at least 3"), std::string::npos) << error;
  // A bow tie: (0,0) (10,10) (10,0) (0,10) crosses itself.
  error = parse_error(camera_with("    zones:\n      tills:\n        points: [[0, 0], [10, 10], [10, 0], [0, 10]]\n"));
  EXPECT_NE(error.find("cameras.door.zones.tills.points"), std::string::npos) << error;
  EXPECT_NE(error.find("crosses itself"), std::string::npos) << error;
  error = parse_error(camera_with("    zones:\n      tills:\n        points: [[0, 0], [5, 5], [10, 10]]\n"));
  EXPECT_NE(error.find("no area"), std::string::npos) << error;
}

TEST(CountingConfig, NegativeCoordinatesAndUnknownKeysAreRefused) {
  std::string error = parse_error(camera_with("    lines:\n      entrance:\n        points: [[-5, 5], [50, 5]]\n"));
  EXPECT_NE(error.find("cameras.door.lines.entrance.points[0][0]"), std::string::npos) << error;
  error = parse_error(camera_with("    zones:\n      tills:\n        points: [[0, 0], [10, 0], [10, 10]]\n"
                                  "        dwell: 3\n"));
  EXPECT_NE(error.find("cameras.door.zones.tills.dwell"), std::string::npos) << error;
}

TEST(CountingConfig, StaticIgnoreDefaultsTo20SecondsAndRefusesUnsafeValues) {
  auto config = parse(camera_with(""));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_DOUBLE_EQ(config->cameras.at(0).static_ignore_seconds, 20.0);
  auto off = parse(camera_with("    static_ignore: 0\n"));
  ASSERT_TRUE(off.ok()) << off.error().message;
  EXPECT_DOUBLE_EQ(off->cameras.at(0).static_ignore_seconds, 0.0);
  for (const char* bad : {"1", "-5", "abc"}) {
    const std::string error = parse_error(camera_with(std::string("    static_ignore: ") + bad + "\n"));
    EXPECT_NE(error.find("cameras.door.static_ignore"), std::string::npos) << bad << ": " << error;
  }
}

}  // namespace
}  // namespace footfall::test

#include "footfall/app/track_counter.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TEST(LineAndZoneFlags, ParseNamesAndDetectNormalisedCoordinates) {
  auto line = parse_line_flag("door=0.1,0.5,0.9,0.5");
  ASSERT_TRUE(line.ok()) << line.error().message;
  EXPECT_EQ(line->name, "door");
  EXPECT_TRUE(line->normalized);
  auto pixels = parse_line_flag("door=10,240,630,240");
  ASSERT_TRUE(pixels.ok());
  EXPECT_FALSE(pixels->normalized);
  auto zone = parse_zone_flag("tills=100,100,300,100,300,400");
  ASSERT_TRUE(zone.ok()) << zone.error().message;
  EXPECT_EQ(zone->polygon.size(), 3u);
}

TEST(LineAndZoneFlags, BadValuesNameTheFlag) {
  for (const char* bad : {"door", "=1,2,3,4", "door=1,2,3", "door=1,2,1,2", "door=1,x,3,4", "door=-1,2,3,4"}) {
    auto line = parse_line_flag(bad);
    ASSERT_FALSE(line.ok()) << bad;
    EXPECT_NE(line.error().message.find("--line"), std::string::npos) << line.error().message;
  }
  EXPECT_FALSE(parse_zone_flag("tills=1,2,3,4").ok());
}

FrameCount frame_with(TimestampMs t, std::vector<Box> boxes, int width = 640, int height = 480) {
  FrameCount c;
  c.timestamp_ms = t;
  c.frame_width = width;
  c.frame_height = height;
  for (const Box& b : boxes) c.detections.push_back({b, 0.9f, 0});
  c.count = static_cast<int>(boxes.size());
  return c;
}

TEST(TrackCounter, APersonWalkingDownAcrossALineCountsOneIn) {
  LineConfig door;
  door.name = "door";
  door.a = {0.0f, 0.5f};
  door.b = {1.0f, 0.5f};
  door.normalized = true;
  TrackCounter counter({door}, {});
  int ins = 0;
  for (int i = 0; i < 30; ++i) {
    const float y = 100.0f + static_cast<float>(i) * 10.0f;  // feet from y=180 to y=470, crossing y=240
    auto tracked = counter.update(frame_with(i * 100, {{300.0f, y - 80.0f, 40.0f, 80.0f}}));
    ASSERT_TRUE(tracked.ok()) << tracked.error().message;
    for (const LineCrossing& c : tracked->crossings) ins += c.direction == CrossingDirection::in ? 1 : 0;
  }
  EXPECT_EQ(ins, 1);
  ASSERT_EQ(counter.line_totals().size(), 1u);
  EXPECT_EQ(counter.line_totals()[0].in, 1);
  EXPECT_EQ(counter.line_totals()[0].out, 0);
}

TEST(TrackCounter, PixelLineOutsideTheFrameIsAnErrorAtTheFirstFrame) {
  LineConfig door;
  door.name = "door";
  door.a = {10.0f, 10.0f};
  door.b = {900.0f, 10.0f};
  TrackCounter counter({door}, {});
  auto tracked = counter.update(frame_with(0, {}));
  ASSERT_FALSE(tracked.ok());
  EXPECT_NE(tracked.error().message.find("line door"), std::string::npos) << tracked.error().message;
}

}  // namespace
}  // namespace footfall

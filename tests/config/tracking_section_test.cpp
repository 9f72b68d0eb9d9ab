// The `tracking` section: the tracker's settings, globally and per camera, and the errors of bad values, each
// naming its key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(TrackingSection, DefaultsAreTheTrackersAndEveryKeyIsRead) {
  const AppConfig defaults = parse_ok("cameras:\n  door:\n    source: a.mp4\n");
  const TrackerParams expected;
  EXPECT_FLOAT_EQ(defaults.tracking.high_threshold, expected.high_threshold);
  EXPECT_DOUBLE_EQ(defaults.cameras[0].tracking.lost_track_seconds, expected.lost_track_seconds);
  EXPECT_FLOAT_EQ(defaults.cameras[0].tracking.appearance_weight, expected.appearance_weight);

  const AppConfig c = parse_ok(
      "tracking:\n"
      "  high_threshold: 0.6\n"
      "  low_threshold: 0.2\n"
      "  new_track_threshold: 0.7\n"
      "  min_hits: 2\n"
      "  lost_seconds: 3\n"
      "  appearance_weight: 0.3\n"
      "  appearance_gate: 0.45\n"
      "  appearance_momentum: 0.8\n");
  EXPECT_FLOAT_EQ(c.tracking.high_threshold, 0.6f);
  EXPECT_FLOAT_EQ(c.tracking.low_threshold, 0.2f);
  EXPECT_FLOAT_EQ(c.tracking.new_track_threshold, 0.7f);
  EXPECT_EQ(c.tracking.min_hits, 2);
  EXPECT_DOUBLE_EQ(c.tracking.lost_track_seconds, 3.0);
  EXPECT_FLOAT_EQ(c.tracking.appearance_weight, 0.3f);
  EXPECT_FLOAT_EQ(c.tracking.appearance_gate, 0.45f);
  EXPECT_FLOAT_EQ(c.tracking.appearance_momentum, 0.8f);
  EXPECT_TRUE(parse_ok("tracking:\n").tracking.min_hits == expected.min_hits) << "an empty section keeps defaults";
}

TEST(TrackingSection, CameraOverridesAreMergedOverTheGlobalSection) {
  const AppConfig c = parse_ok(
      "tracking:\n"
      "  lost_seconds: 4\n"
      "  min_hits: 2\n"
      "cameras:\n"
      "  door:\n"
      "    source: a.mp4\n"
      "    tracking:\n"
      "      lost_seconds: 0.5\n"
      "      appearance_weight: 0\n"
      "      appearance_gate: 1\n"
      "  till:\n"
      "    source: b.mp4\n");
  ASSERT_EQ(c.cameras.size(), 2u);
  const TrackerParams& door = c.cameras[0].tracking;
  EXPECT_DOUBLE_EQ(door.lost_track_seconds, 0.5) << "overridden";
  EXPECT_EQ(door.min_hits, 2) << "inherited";
  EXPECT_FALSE(uses_appearance(door)) << "the appearance cue is off for this camera";
  const TrackerParams& till = c.cameras[1].tracking;
  EXPECT_DOUBLE_EQ(till.lost_track_seconds, 4.0);
  EXPECT_TRUE(uses_appearance(till));
  EXPECT_DOUBLE_EQ(c.tracking.lost_track_seconds, 4.0) << "the global section is not changed by a camera";
}

TEST(TrackingSection, BadValuesNameTheirKeyPath) {
  EXPECT_THAT(parse_error("tracking:\n  min_hits: 0\n"), HasSubstr("tracking.min_hits"));
  EXPECT_THAT(parse_error("tracking:\n  lost_seconds: -1\n"), HasSubstr("tracking.lost_seconds"));
  EXPECT_THAT(parse_error("tracking:\n  appearance_gate: 0\n"), HasSubstr("tracking.appearance_gate"));
  EXPECT_THAT(parse_error("tracking:\n  appearance_weight: 1.5\n"), HasSubstr("tracking.appearance_weight"));
  EXPECT_THAT(parse_error("tracking:\n  min_hits: two\n"), HasSubstr("tracking.min_hits"));
  EXPECT_THAT(parse_error("tracking:\n  lost: 2\n"), HasSubstr("tracking.lost"));
  EXPECT_THAT(parse_error("tracking: 3\n"), HasSubstr("tracking"));
  // Settings that are wrong together: each key is fine on its own.
  const std::string momentum = parse_error("tracking:\n  appearance_momentum: 1\n");
  EXPECT_THAT(momentum, HasSubstr("tracking.appearance_momentum"));
  EXPECT_THAT(momentum, HasSubstr("must be in [0, 1)"));
  EXPECT_THAT(parse_error("tracking:\n  high_threshold: 0.05\n"),
              HasSubstr("tracking.low_threshold: must be in [0, tracking.high_threshold], got 0.1"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: a.mp4\n    tracking:\n      new_track_threshold: 0.3\n"),
              HasSubstr("cameras.door.tracking.new_track_threshold: must be in [cameras.door.tracking.high_threshold, "
                        "1], got 0.3"));
}

}  // namespace
}  // namespace footfall::test

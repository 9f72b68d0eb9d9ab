// cameras.NAME.playback_speed: a video file played in real time (a stand-in for a live camera), refused for any
// other kind of source.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

std::string camera(const std::string& body) { return "cameras:\n  door:\n    source: a.mp4\n" + body; }

TEST(PlaybackSpeed, DefaultsToAsFastAsPossibleWithEveryFrameAnalysed) {
  const AppConfig c = parse_ok(camera(""));
  ASSERT_EQ(c.cameras.size(), 1u);
  EXPECT_EQ(c.cameras[0].playback_speed, 0.0);
  EXPECT_EQ(effective_sampling(c.cameras[0], "file").mode, SamplingParams::Mode::every_frame);
  EXPECT_EQ(parse_ok(camera("    playback_speed: 0\n")).cameras[0].playback_speed, 0.0);
}

TEST(PlaybackSpeed, APacedFileIsSampledLikeALiveCameraUnlessSamplingIsSet) {
  const AppConfig paced = parse_ok(camera("    type: file\n    playback_speed: 0.5\n"));
  EXPECT_EQ(paced.cameras[0].playback_speed, 0.5);
  const SamplingParams live = effective_sampling(paced.cameras[0], "file");
  EXPECT_EQ(live.mode, SamplingParams::Mode::fps);
  EXPECT_EQ(live.value, 5.0);

  const AppConfig sampled = parse_ok(camera("    playback_speed: 2\n    sampling: {fps: 2}\n"));
  EXPECT_EQ(sampled.cameras[0].playback_speed, 2.0);
  EXPECT_EQ(effective_sampling(sampled.cameras[0], "file").value, 2.0);
  const AppConfig every = parse_ok(camera("    playback_speed: 1\n    sampling: {every_frame: true}\n"));
  EXPECT_EQ(effective_sampling(every.cameras[0], "file").mode, SamplingParams::Mode::every_frame);
}

TEST(PlaybackSpeed, OutOfRangeOrNotANumberIsRefused) {
  EXPECT_THAT(parse_error(camera("    playback_speed: -1\n")),
              HasSubstr("footfall.yaml: cameras.door.playback_speed: must be between 0 and 100, got -1"));
  EXPECT_THAT(parse_error(camera("    playback_speed: 500\n")),
              HasSubstr("cameras.door.playback_speed: must be between 0 and 100"));
  EXPECT_THAT(parse_error(camera("    playback_speed: fast\n")),
              HasSubstr("cameras.door.playback_speed: must be a number, got 'fast'"));
}

TEST(PlaybackSpeed, RefusedForSourcesThatAreNotVideoFiles) {
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: rtsp://cam/stream\n    type: stream\n"
                          "    playback_speed: 1\n"),
              HasSubstr("footfall.yaml: cameras.door.playback_speed: only applies to video files (this camera's type "
                        "is stream)"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: rtsp://cam/stream\n    playback_speed: 1\n"),
              HasSubstr("cameras.door.playback_speed: only applies to video files (this camera's source is a stream)"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: /dev/video0\n    playback_speed: 1\n"),
              HasSubstr("cameras.door.playback_speed: only applies to video files (this camera's source is a device)"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: '0'\n    playback_speed: 1\n"),
              HasSubstr("(this camera's source is a device)"));
  EXPECT_THAT(parse_error("cameras:\n  tills:\n    source: /srv/in\n    type: inbox\n    playback_speed: 1\n"),
              HasSubstr("cameras.tills.playback_speed: only applies to video files (this camera's type is inbox)"));
  EXPECT_THAT(parse_error("cameras:\n  tills:\n    type: push\n    playback_speed: 1\n"),
              HasSubstr("cameras.tills.playback_speed: only applies to video files (this camera's type is push)"));
  // 0 (as fast as possible) is the default, so it is fine anywhere.
  EXPECT_EQ(parse_ok("cameras:\n  door:\n    source: rtsp://cam/stream\n    playback_speed: 0\n")
                .cameras[0]
                .playback_speed,
            0.0);
}

}  // namespace
}  // namespace footfall::test

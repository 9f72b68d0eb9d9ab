// configs/footfall.example.yaml is the documentation users copy from: it must load, and say what it claims.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

std::filesystem::path example_path() { return source_dir() / "configs" / "footfall.example.yaml"; }

// By the name in the `cameras` section (a camera of a store is stored as <store>.<name>).
const CameraConfig* find_camera(const AppConfig& c, const std::string& name) { return find_camera_by_name(c, name); }

TEST(ExampleConfig, LoadsWithThePasswordSet) {
  ScopedEnv password("CAMERA_PASSWORD", "pa55word");
  auto config = load_config(example_path());
  ASSERT_TRUE(config) << config.error().message;

  EXPECT_EQ(config->storage.database, "footfall.db");
  EXPECT_EQ(config->storage.batch_rows, 64);
  EXPECT_EQ(config->storage.batch_ms, 1000);
  EXPECT_EQ(config->log_level, "info");
  EXPECT_TRUE(config->model.allow_download);
  // The example spells out every default; the values must be the defaults it claims.
  const DetectParams defaults;
  EXPECT_LT(config->detect.threshold, 0.0f);
  EXPECT_FLOAT_EQ(config->detect.nms_threshold, defaults.nms_threshold);
  EXPECT_EQ(config->detect.input_width, defaults.input_width);
  EXPECT_EQ(config->detect.threads, defaults.threads);
  const TrackerParams tracking;
  EXPECT_FLOAT_EQ(config->tracking.high_threshold, tracking.high_threshold);
  EXPECT_FLOAT_EQ(config->tracking.low_threshold, tracking.low_threshold);
  EXPECT_FLOAT_EQ(config->tracking.new_track_threshold, tracking.new_track_threshold);
  EXPECT_EQ(config->tracking.min_hits, tracking.min_hits);
  EXPECT_DOUBLE_EQ(config->tracking.lost_track_seconds, tracking.lost_track_seconds);
  EXPECT_FLOAT_EQ(config->tracking.appearance_weight, tracking.appearance_weight);
  EXPECT_FLOAT_EQ(config->tracking.appearance_gate, tracking.appearance_gate);
  EXPECT_FLOAT_EQ(config->tracking.appearance_momentum, tracking.appearance_momentum);

  ASSERT_EQ(config->cameras.size(), 3u) << "the device camera is commented out";
  const CameraConfig* file = find_camera(*config, "entrance");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->source, vtest_avi().string());
  EXPECT_TRUE(std::filesystem::exists(file->source)) << "the example's video must exist on Debian with opencv-doc";
  EXPECT_EQ(file->kind, "file");
  EXPECT_EQ(file->sampling.mode, SamplingParams::Mode::every_frame);
  EXPECT_TRUE(file->roi_normalized);

  const CameraConfig* stream = find_camera(*config, "shop_floor");
  ASSERT_NE(stream, nullptr);
  EXPECT_THAT(stream->source, HasSubstr("viewer:pa55word@"));
  EXPECT_EQ(stream->kind, "stream");
  EXPECT_FLOAT_EQ(stream->detect.threshold, 0.5f);
  EXPECT_FLOAT_EQ(stream->detect.nms_threshold, 0.45f) << "inherited from the global section";
  EXPECT_DOUBLE_EQ(stream->tracking.lost_track_seconds, 3.0) << "the camera's own tracking section";
  EXPECT_EQ(stream->tracking.min_hits, tracking.min_hits) << "inherited from the global section";
  EXPECT_FALSE(stream->roi_normalized);

  const CameraConfig* inbox = find_camera(*config, "tills");
  ASSERT_NE(inbox, nullptr);
  EXPECT_EQ(inbox->kind, "inbox");
  EXPECT_FALSE(inbox->keep);
}

TEST(ExampleConfig, WithoutThePasswordTheErrorNamesTheVariable) {
  ScopedEnv password("CAMERA_PASSWORD", nullptr);
  auto config = load_config(example_path());
  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().message, HasSubstr("cameras.shop_floor.source: environment variable CAMERA_PASSWORD"));
}

TEST(ExampleConfig, TheCommentedDeviceCameraIsValidWhenUncommented) {
  std::ifstream in(example_path());
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string marker = "  # back_door:";
  const auto at = yaml.find(marker);
  ASSERT_NE(at, std::string::npos);
  // Uncomment the block: drop "# " after the two-space indent on each following comment line.
  std::string tail = yaml.substr(at);
  std::string uncommented;
  std::istringstream lines(tail);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  # ", 0) == 0) line = "  " + line.substr(4);
    uncommented += line + "\n";
  }
  yaml = yaml.substr(0, at) + uncommented;
  ScopedEnv password("CAMERA_PASSWORD", "x");
  auto config = parse_config(yaml, "example");
  ASSERT_TRUE(config) << config.error().message;
  const CameraConfig* device = find_camera(*config, "back_door");
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(device->source, "/dev/video0");
  EXPECT_EQ(device->kind, "device");
}

}  // namespace
}  // namespace footfall::test

// Valid configurations: defaults, the accepted forms of each key, and how camera settings combine with global ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "config_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(Config, EmptyFileGivesEveryDefault) {
  for (const char* text : {"", "# only a comment\n", "---\n"}) {
    const AppConfig c = parse_ok(text);
    EXPECT_EQ(c.storage.database, "footfall.db");
    EXPECT_EQ(c.storage.batch_rows, 64);
    EXPECT_EQ(c.storage.batch_ms, 1000);
    EXPECT_TRUE(c.model.name.empty());
    EXPECT_TRUE(c.model.allow_download);
    EXPECT_LT(c.detect.threshold, 0.0f) << "threshold comes from the model";
    EXPECT_FLOAT_EQ(c.detect.nms_threshold, 0.45f);
    EXPECT_EQ(c.detect.input_width, 0);
    EXPECT_EQ(c.detect.threads, 0);
    EXPECT_EQ(c.log_level, "info");
    EXPECT_TRUE(c.cameras.empty());
  }
}

TEST(Config, SectionsWithEveryKeyCommentedOutKeepTheirDefaults) {
  const AppConfig c = parse_ok(
      "database:\n  # url: x.db\n"
      "model:\n"
      "detect:\n  # threshold: 0.5\n"
      "logging:\n"
      "cameras:\n"
      "  door:\n    source: a.mp4\n    detect:\n");
  EXPECT_EQ(c.storage.database, "footfall.db");
  EXPECT_LT(c.detect.threshold, 0.0f);
  EXPECT_EQ(c.log_level, "info");
  ASSERT_EQ(c.cameras.size(), 1u);
  EXPECT_LT(c.cameras[0].detect.threshold, 0.0f);
}

TEST(Config, CameraDefaults) {
  const AppConfig c = parse_ok("cameras:\n  door:\n    source: rtsp://10.0.0.7/stream1\n");
  ASSERT_EQ(c.cameras.size(), 1u);
  const CameraConfig& cam = c.cameras[0];
  EXPECT_EQ(cam.name, "door");
  EXPECT_EQ(cam.source, "rtsp://10.0.0.7/stream1");
  EXPECT_FALSE(cam.kind.has_value());
  EXPECT_TRUE(cam.enabled);
  EXPECT_FALSE(cam.sampling_set);
  EXPECT_EQ(cam.sampling.mode, SamplingParams::Mode::fps);
  EXPECT_DOUBLE_EQ(cam.sampling.value, 5.0);
  EXPECT_FALSE(cam.start_time.has_value());
  EXPECT_TRUE(cam.roi.empty());
  EXPECT_FALSE(cam.keep);
  EXPECT_LT(cam.detect.threshold, 0.0f);
}

TEST(Config, DatabaseAsStringOrMap) {
  EXPECT_EQ(parse_ok("database: /var/lib/footfall/counts.db\n").storage.database, "/var/lib/footfall/counts.db");
  const AppConfig c = parse_ok("database:\n  url: sqlite:counts.db\n  batch_rows: 8\n  batch_ms: 0\n");
  EXPECT_EQ(c.storage.database, "sqlite:counts.db");
  EXPECT_EQ(c.storage.batch_rows, 8);
  EXPECT_EQ(c.storage.batch_ms, 0);
  EXPECT_EQ(parse_ok("database:\n  batch_rows: 100\n").storage.database, "footfall.db");
}

TEST(Config, ModelAsStringOrMap) {
  EXPECT_EQ(parse_ok("model: yolov8n\n").model.name, "yolov8n");
  const AppConfig c =
      parse_ok("model:\n  name: nanodet\n  path: /m/n.onnx\n  cache_dir: /var/cache/m\n  download: false\n");
  EXPECT_EQ(c.model.name, "nanodet");
  EXPECT_EQ(c.model.path, "/m/n.onnx");
  EXPECT_EQ(c.model.cache_dir, "/var/cache/m");
  EXPECT_FALSE(c.model.allow_download);
}

TEST(Config, DetectSectionAllKeys) {
  const AppConfig c = parse_ok(
      "detect:\n  threshold: 0.4\n  nms: 0.5\n  input_size: [640, 384]\n  min_box: [12, 30]\n  threads: 2\n");
  EXPECT_FLOAT_EQ(c.detect.threshold, 0.4f);
  EXPECT_FLOAT_EQ(c.detect.nms_threshold, 0.5f);
  EXPECT_EQ(c.detect.input_width, 640);
  EXPECT_EQ(c.detect.input_height, 384);
  EXPECT_FLOAT_EQ(c.detect.min_box_width, 12.0f);
  EXPECT_FLOAT_EQ(c.detect.min_box_height, 30.0f);
  EXPECT_EQ(c.detect.threads, 2);
}

TEST(Config, InputSizeForms) {
  const AppConfig wxh = parse_ok("detect:\n  input_size: 416x320\n");
  EXPECT_EQ(wxh.detect.input_width, 416);
  EXPECT_EQ(wxh.detect.input_height, 320);
  const AppConfig square = parse_ok("detect:\n  input_size: 352\n");
  EXPECT_EQ(square.detect.input_width, 352);
  EXPECT_EQ(square.detect.input_height, 352);
  const AppConfig separate = parse_ok("detect:\n  min_box_width: 8\n  min_box_height: 20.5\n");
  EXPECT_FLOAT_EQ(separate.detect.min_box_width, 8.0f);
  EXPECT_FLOAT_EQ(separate.detect.min_box_height, 20.5f);
}

TEST(Config, CameraDetectOverridesAreMergedOverTheGlobalSection) {
  const AppConfig c = parse_ok(
      "detect:\n"
      "  threshold: 0.5\n"
      "  input_size: 416x416\n"
      "  min_box_width: 10\n"
      "  min_box_height: 25\n"
      "cameras:\n"
      "  door:\n"
      "    source: a.mp4\n"
      "    detect:\n"
      "      threshold: 0.3\n"
      "      min_box_height: 40\n"
      "  till:\n"
      "    source: b.mp4\n");
  ASSERT_EQ(c.cameras.size(), 2u);
  const DetectParams& door = c.cameras[0].detect;
  EXPECT_FLOAT_EQ(door.threshold, 0.3f) << "overridden";
  EXPECT_FLOAT_EQ(door.min_box_height, 40.0f) << "overridden";
  EXPECT_FLOAT_EQ(door.min_box_width, 10.0f) << "inherited";
  EXPECT_EQ(door.input_width, 416) << "inherited";
  EXPECT_FLOAT_EQ(door.nms_threshold, 0.45f) << "default";
  const DetectParams& till = c.cameras[1].detect;
  EXPECT_FLOAT_EQ(till.threshold, 0.5f);
  EXPECT_FLOAT_EQ(till.min_box_height, 25.0f);
  EXPECT_FLOAT_EQ(c.detect.threshold, 0.5f) << "the global section is not changed by a camera";
}

TEST(Config, SamplingModes) {
  const AppConfig c = parse_ok(
      "cameras:\n"
      "  a: {source: a.mp4, sampling: {every_frame: true}}\n"
      "  b: {source: rtsp://x/y, sampling: {fps: 2.5}}\n"
      "  c: {source: rtsp://x/w, sampling: {interval: 300}}\n"
      "  d: {source: rtsp://x/z, sampling: {interval: 0.05}}\n");
  ASSERT_EQ(c.cameras.size(), 4u);
  EXPECT_EQ(c.cameras[0].sampling.mode, SamplingParams::Mode::every_frame);
  EXPECT_EQ(c.cameras[1].sampling.mode, SamplingParams::Mode::fps);
  EXPECT_DOUBLE_EQ(c.cameras[1].sampling.value, 2.5);
  EXPECT_EQ(c.cameras[2].sampling.mode, SamplingParams::Mode::interval);
  EXPECT_DOUBLE_EQ(c.cameras[2].sampling.value, 300.0);
  EXPECT_DOUBLE_EQ(c.cameras[3].sampling.value, 0.05);
  for (const CameraConfig& cam : c.cameras) EXPECT_TRUE(cam.sampling_set) << cam.name;
}

TEST(Config, RoiNormalisedOrPixels) {
  const AppConfig c = parse_ok(
      "cameras:\n"
      "  norm:\n"
      "    source: a.mp4\n"
      "    roi: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]\n"
      "  pixels:\n"
      "    source: b.mp4\n"
      "    roi:\n"
      "      - [0, 300]\n"
      "      - [768, 300]\n"
      "      - [768, 576]\n");
  ASSERT_EQ(c.cameras.size(), 2u);
  EXPECT_TRUE(c.cameras[0].roi_normalized);
  ASSERT_EQ(c.cameras[0].roi.size(), 4u);
  EXPECT_FLOAT_EQ(c.cameras[0].roi[1].x, 1.0f);
  EXPECT_FLOAT_EQ(c.cameras[0].roi[1].y, 0.5f);
  EXPECT_FALSE(c.cameras[1].roi_normalized);
  ASSERT_EQ(c.cameras[1].roi.size(), 3u);
  EXPECT_FLOAT_EQ(c.cameras[1].roi[2].x, 768.0f);
  EXPECT_FLOAT_EQ(c.cameras[1].roi[2].y, 576.0f);
}

TEST(Config, CameraFields) {
  const AppConfig c = parse_ok(
      "logging:\n  level: debug\n"
      "cameras:\n"
      "  entrance_1:\n"
      "    source: /videos/monday.mp4\n"
      "    type: file\n"
      "    enabled: false\n"
      "    start_time: 2026-11-24T10:00:00Z\n"
      "  Tills-2:\n"
      "    source: /srv/ftp/tills\n"
      "    type: inbox\n"
      "    keep: true\n");
  EXPECT_EQ(c.log_level, "debug");
  ASSERT_EQ(c.cameras.size(), 2u);
  EXPECT_EQ(c.cameras[0].name, "entrance_1");
  EXPECT_EQ(c.cameras[0].kind, "file");
  EXPECT_FALSE(c.cameras[0].enabled);
  EXPECT_EQ(c.cameras[0].start_time, 1795514400000);
  EXPECT_EQ(c.cameras[1].name, "Tills-2");
  EXPECT_EQ(c.cameras[1].kind, "inbox");
  EXPECT_TRUE(c.cameras[1].keep);
  EXPECT_EQ(c.cameras[1].source, "/srv/ftp/tills");
}

TEST(Config, CamerasKeepFileOrder) {
  const AppConfig c = parse_ok("cameras:\n  zeta: {source: z}\n  alpha: {source: a}\n  mid: {source: m}\n");
  ASSERT_EQ(c.cameras.size(), 3u);
  EXPECT_EQ(c.cameras[0].name, "zeta");
  EXPECT_EQ(c.cameras[1].name, "alpha");
  EXPECT_EQ(c.cameras[2].name, "mid");
}

TEST(Config, LoadConfigReadsAFileAndNamesItInErrors) {
  TempDir dir;
  const auto good = dir / "good.yaml";
  { std::ofstream(good) << "database: x.db\ncameras:\n  door:\n    source: a.mp4\n"; }
  auto c = load_config(good);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->storage.database, "x.db");

  const auto bad = dir / "bad.yaml";
  { std::ofstream(bad) << "cameras:\n  door:\n    sauce: a.mp4\n"; }
  auto b = load_config(bad);
  ASSERT_FALSE(b);
  EXPECT_THAT(b.error().message, HasSubstr(bad.string() + ": cameras.door.sauce: unknown key"));

  auto missing = load_config(dir / "missing.yaml");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr((dir / "missing.yaml").string() + ": cannot read"));
  EXPECT_THAT(missing.error().message, HasSubstr("no such file"));

  auto directory = load_config(dir.path());
  ASSERT_FALSE(directory);
  EXPECT_THAT(directory.error().message, HasSubstr("is a directory"));
}

}  // namespace
}  // namespace footfall::test

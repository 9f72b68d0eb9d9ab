// Invalid configurations: each problem is refused with "footfall.yaml: KEY.PATH: PROBLEM".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string camera(const std::string& body) { return "cameras:\n  door:\n    source: a.mp4\n" + body; }

TEST(ConfigErrors, MalformedYamlGivesLineAndColumn) {
  const std::string err = parse_error(
      "database: x.db\n"
      "cameras:\n"
      "  door:\n"
      "    source: a.mp4\n"
      "    sampling: {fps: 5\n"
      "  till:\n");
  EXPECT_THAT(err, StartsWith("footfall.yaml:"));
  EXPECT_THAT(err, HasSubstr(": malformed YAML: "));
  // yaml-cpp reports where it gave up: after the unclosed flow map.
  EXPECT_THAT(err, ::testing::ContainsRegex("^footfall\\.yaml:[5-7]:[0-9]+: malformed YAML: .+"));

  const std::string tab = parse_error("cameras:\n  door:\n\tsource: a.mp4\n");
  EXPECT_THAT(tab, StartsWith("footfall.yaml:3:")) << "the line with the tab";
  EXPECT_THAT(tab, HasSubstr(": malformed YAML: "));
}

TEST(ConfigErrors, UnknownKeysAtEveryLevel) {
  EXPECT_THAT(parse_error("camras: {}\n"),
              HasSubstr("footfall.yaml: camras: unknown key (expected one of: database, model, detect, tracking, "
                        "logging, cameras, stores, server, mqtt, spool)"));
  EXPECT_THAT(parse_error("database:\n  path: x.db\n"),
              HasSubstr("footfall.yaml: database.path: unknown key (expected one of: url, batch_rows, batch_ms, retention)"));
  EXPECT_THAT(parse_error("model:\n  file: x.onnx\n"), HasSubstr("footfall.yaml: model.file: unknown key"));
  EXPECT_THAT(parse_error("detect:\n  treshold: 0.5\n"), HasSubstr("footfall.yaml: detect.treshold: unknown key"));
  EXPECT_THAT(parse_error("logging:\n  lvl: debug\n"),
              HasSubstr("footfall.yaml: logging.lvl: unknown key (expected one of: level)"));
  EXPECT_THAT(parse_error(camera("    fps: 5\n")), HasSubstr("footfall.yaml: cameras.door.fps: unknown key"));
  EXPECT_THAT(parse_error(camera("    sampling:\n      fsp: 5\n")),
              HasSubstr("footfall.yaml: cameras.door.sampling.fsp: unknown key (expected one of: every_frame, fps, "
                        "interval)"));
  EXPECT_THAT(parse_error(camera("    detect:\n      thresh: 0.5\n")),
              HasSubstr("footfall.yaml: cameras.door.detect.thresh: unknown key"));
}

TEST(ConfigErrors, UnknownSamplingKeyIsTheOnlyProblemReported) {
  const std::string err = parse_error(camera("    sampling:\n      fsp: 5\n"));
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
}

TEST(ConfigErrors, EveryProblemIsListedInDocumentOrder) {
  const std::string err = parse_error(
      "detect:\n  threshold: 2\n"
      "cameras:\n  door:\n    source: a.mp4\n    enabled: maybe\n");
  EXPECT_EQ(err,
            "footfall.yaml: detect.threshold: must be between 0 and 1, got 2\n"
            "footfall.yaml: cameras.door.enabled: must be true or false, got 'maybe'");
}

TEST(ConfigErrors, DuplicateKeys) {
  EXPECT_THAT(parse_error("database: a.db\ndatabase: b.db\n"),
              HasSubstr("footfall.yaml: database: key appears more than once"));
  EXPECT_THAT(parse_error("detect:\n  nms: 0.4\n  nms: 0.5\n"), HasSubstr("detect.nms: key appears more than once"));
}

TEST(ConfigErrors, WrongTypes) {
  EXPECT_THAT(parse_error("- a\n- b\n"), HasSubstr("footfall.yaml: must be a map of sections"));
  EXPECT_THAT(parse_error("database: [a, b]\n"), HasSubstr("database: must be a path or URL, or a map"));
  EXPECT_THAT(parse_error("database:\n  batch_rows: many\n"),
              HasSubstr("database.batch_rows: must be a whole number, got 'many'"));
  EXPECT_THAT(parse_error("database:\n  batch_rows: 2.5\n"), HasSubstr("database.batch_rows: must be a whole number"));
  EXPECT_THAT(parse_error("model: [a]\n"), HasSubstr("model: must be a model name, or a map"));
  EXPECT_THAT(parse_error("model:\n  download: sometimes\n"), HasSubstr("model.download: must be true or false"));
  EXPECT_THAT(parse_error("detect: 0.5\n"), HasSubstr("detect: must be a map of detector settings, got '0.5'"));
  EXPECT_THAT(parse_error("detect:\n  threshold: high\n"), HasSubstr("detect.threshold: must be a number, got 'high'"));
  EXPECT_THAT(parse_error("detect:\n  threshold: .nan\n"), HasSubstr("detect.threshold: must be a number"));
  EXPECT_THAT(parse_error("detect:\n  threshold:\n"), HasSubstr("detect.threshold: must be a number, got nothing"));
  EXPECT_THAT(parse_error("detect:\n  threads: 1.5\n"), HasSubstr("detect.threads: must be a whole number"));
  EXPECT_THAT(parse_error("detect:\n  input_size: big\n"), HasSubstr("detect.input_size: must be [width, height]"));
  EXPECT_THAT(parse_error("detect:\n  input_size: [416]\n"), HasSubstr("detect.input_size: must be [width, height]"));
  EXPECT_THAT(parse_error("detect:\n  min_box: 10\n"), HasSubstr("detect.min_box: must be [width, height]"));
  EXPECT_THAT(parse_error("logging: debug\n"), HasSubstr("logging: must be a map with level, got 'debug'"));
  EXPECT_THAT(parse_error("cameras: [door]\n"), HasSubstr("cameras: must be a map of camera name to camera settings"));
  EXPECT_THAT(parse_error("cameras:\n  door: a.mp4\n"),
              HasSubstr("cameras.door: must be a map with at least a source"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: [a, b]\n"),
              HasSubstr("cameras.door.source: must be a string, got a list"));
  EXPECT_THAT(parse_error(camera("    enabled: 1.5\n")), HasSubstr("cameras.door.enabled: must be true or false"));
  EXPECT_THAT(parse_error(camera("    keep: {}\n")), HasSubstr("cameras.door.keep: must be true or false, got a map"));
  EXPECT_THAT(parse_error(camera("    sampling: 5\n")), HasSubstr("cameras.door.sampling: must be a map with one of"));
  EXPECT_THAT(parse_error(camera("    sampling:\n      fps: fast\n")),
              HasSubstr("cameras.door.sampling.fps: must be a number, got 'fast'"));
}

TEST(ConfigErrors, OutOfRange) {
  EXPECT_THAT(parse_error("detect:\n  threshold: -0.1\n"),
              HasSubstr("detect.threshold: must be between 0 and 1, got -0.1"));
  EXPECT_THAT(parse_error("detect:\n  nms: 1.01\n"), HasSubstr("detect.nms: must be between 0 and 1, got 1.01"));
  EXPECT_THAT(parse_error("detect:\n  threads: -1\n"), HasSubstr("detect.threads: must be between 0 and 256, got -1"));
  EXPECT_THAT(parse_error("detect:\n  input_size: 0x320\n"), HasSubstr("detect.input_size: each side must be between"));
  EXPECT_THAT(parse_error("detect:\n  input_size: [416, 99999]\n"), HasSubstr("detect.input_size[1]: must be between"));
  EXPECT_THAT(parse_error("detect:\n  min_box: [-1, 10]\n"), HasSubstr("detect.min_box[0]: must be between 0"));
  EXPECT_THAT(parse_error("database:\n  batch_rows: 0\n"), HasSubstr("database.batch_rows: must be between 1 and"));
  EXPECT_THAT(parse_error("database:\n  batch_ms: -5\n"), HasSubstr("database.batch_ms: must be between 0 and"));
  EXPECT_THAT(parse_error(camera("    sampling: {fps: 0}\n")),
              HasSubstr("cameras.door.sampling.fps: must be > 0 and <= 1000, got 0"));
  EXPECT_THAT(parse_error(camera("    sampling: {fps: 1001}\n")),
              HasSubstr("cameras.door.sampling.fps: must be > 0 and <= 1000, got 1001"));
  EXPECT_THAT(parse_error(camera("    sampling: {interval: 0.01}\n")),
              HasSubstr("cameras.door.sampling.interval: must be between 0.05 and 3600, got 0.01"));
  EXPECT_THAT(parse_error(camera("    sampling: {interval: 7200}\n")),
              HasSubstr("cameras.door.sampling.interval: must be between 0.05 and 3600, got 7200"));
}

TEST(ConfigErrors, BadChoices) {
  EXPECT_THAT(parse_error("logging:\n  level: verbose\n"),
              HasSubstr("logging.level: must be one of trace, debug, info, warn, error, got 'verbose'"));
  EXPECT_THAT(parse_error(camera("    type: webcam\n")),
              HasSubstr("cameras.door.type: must be one of file, stream, device, inbox, image, push, got 'webcam'"));
}

TEST(ConfigErrors, SamplingNeedsExactlyOneMode) {
  EXPECT_THAT(parse_error(camera("    sampling: {fps: 5, interval: 10}\n")),
              HasSubstr("cameras.door.sampling: set exactly one of every_frame, fps or interval, "
                        "got fps and interval"));
  EXPECT_THAT(parse_error(camera("    sampling: {every_frame: true, fps: 5, interval: 10}\n")),
              HasSubstr("got every_frame, fps and interval"));
  EXPECT_THAT(parse_error(camera("    sampling: {}\n")),
              HasSubstr("cameras.door.sampling: set one of every_frame: true, fps: N or interval: SECONDS"));
  EXPECT_THAT(parse_error(camera("    sampling: {every_frame: false}\n")),
              HasSubstr("cameras.door.sampling.every_frame: must be true"));
}

TEST(ConfigErrors, MissingOrEmptySource) {
  EXPECT_THAT(parse_error("cameras:\n  door:\n    enabled: true\n"),
              HasSubstr("footfall.yaml: cameras.door.source: missing; every camera needs a source"));
  EXPECT_THAT(parse_error("cameras:\n  door: {}\n"), HasSubstr("cameras.door.source: missing"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: ''\n"), HasSubstr("cameras.door.source: must not be empty"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n"), HasSubstr("cameras.door: must be a map with at least a source"));
}

TEST(ConfigErrors, InvalidAndDuplicateCameraNames) {
  EXPECT_THAT(parse_error("cameras:\n  front door:\n    source: a.mp4\n"),
              HasSubstr("cameras.front door: invalid camera name; use letters, digits, '_' and '-' only"));
  EXPECT_THAT(parse_error("cameras:\n  door/1:\n    source: a.mp4\n"),
              HasSubstr("cameras.door/1: invalid camera name"));
  EXPECT_THAT(parse_error("cameras:\n  \"\":\n    source: a.mp4\n"), HasSubstr("invalid camera name"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: a.mp4\n  door:\n    source: b.mp4\n"),
              HasSubstr("footfall.yaml: cameras.door: duplicate camera name"));
}

TEST(ConfigErrors, RoiProblems) {
  EXPECT_THAT(parse_error(camera("    roi: [[0, 0], [1, 1]]\n")),
              HasSubstr("cameras.door.roi: needs at least 3 points, got 2"));
  EXPECT_THAT(parse_error(camera("    roi: [[0, 0], [1, 1], [2]]\n")),
              HasSubstr("cameras.door.roi[2]: must be a point [x, y], got a list"));
  EXPECT_THAT(parse_error(camera("    roi: [[0, 0], [1, 1], [-5, 3]]\n")),
              HasSubstr("cameras.door.roi[2][0]: must be between 0 and"));
  EXPECT_THAT(parse_error(camera("    roi: [[0, 0], [1, 1], [x, 3]]\n")),
              HasSubstr("cameras.door.roi[2][0]: must be a number, got 'x'"));
  EXPECT_THAT(parse_error(camera("    roi: [[0, 0], [5, 5], [10, 10]]\n")),
              HasSubstr("cameras.door.roi: the points enclose no area"));
  EXPECT_THAT(parse_error(camera("    roi: 0.5\n")), HasSubstr("cameras.door.roi: must be a list of [x, y] points"));
}

TEST(ConfigErrors, StartTimeAndKeepOnlyWhereTheyApply) {
  EXPECT_THAT(parse_error(camera("    start_time: yesterday\n")),
              HasSubstr("cameras.door.start_time: must be an ISO-8601 time such as 2026-11-24T10:00:00Z, got "
                        "'yesterday'"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: rtsp://x/y\n    type: stream\n"
                          "    start_time: 2026-11-24T10:00:00Z\n"),
              HasSubstr("cameras.door.start_time: only applies to file and image sources "
                        "(this camera's type is stream)"));
  EXPECT_THAT(parse_error("cameras:\n  tills:\n    source: /srv/in\n    type: inbox\n    sampling: {fps: 1}\n"),
              HasSubstr("cameras.tills.sampling: does not apply to inbox sources (every snapshot is counted)"));
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: a.mp4\n    type: file\n    keep: true\n"),
              HasSubstr("cameras.door.keep: only applies to inbox sources (this camera's type is file)"));
}

TEST(ConfigErrors, MinBoxFormsAreExclusive) {
  EXPECT_THAT(parse_error("detect:\n  min_box: [10, 20]\n  min_box_width: 5\n"),
              HasSubstr("detect.min_box: set either min_box or min_box_width/min_box_height, not both"));
}

TEST(ConfigErrors, EmptyDatabase) {
  EXPECT_THAT(parse_error("database: ''\n"), HasSubstr("footfall.yaml: database: must not be empty"));
}

}  // namespace
}  // namespace footfall::test

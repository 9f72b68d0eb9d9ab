// detect.workers (the service's detector pool): global only, 0..256, default 0 (chosen from the cores and cameras).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(DetectWorkers, DefaultsToChoosingAndReadsTheGlobalValue) {
  EXPECT_EQ(parse_ok("cameras:\n  door:\n    source: a.mp4\n").detect.workers, 0);
  const AppConfig c = parse_ok("detect:\n  workers: 2\n  threads: 1\ncameras:\n  door:\n    source: a.mp4\n");
  EXPECT_EQ(c.detect.workers, 2);
  EXPECT_EQ(c.detect.threads, 1);
}

TEST(DetectWorkers, IsRefusedPerCameraAndOutOfRange) {
  EXPECT_THAT(parse_error("cameras:\n  door:\n    source: a.mp4\n    detect:\n      workers: 2\n"),
              HasSubstr("footfall.yaml: cameras.door.detect.workers: the detector workers are shared by every camera: "
                        "set detect.workers in the global detect section"));
  EXPECT_THAT(parse_error("detect:\n  workers: -1\n"),
              HasSubstr("footfall.yaml: detect.workers: must be between 0 and 256, got -1"));
  EXPECT_THAT(parse_error("detect:\n  workers: 1.5\n"),
              HasSubstr("footfall.yaml: detect.workers: must be a whole number"));
}

}  // namespace
}  // namespace footfall::test

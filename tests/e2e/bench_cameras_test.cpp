// `footfall bench --cameras` end to end, small and short: the JSON report has a measured step per camera count (the
// capacity figures themselves are read from a full run in the closing notes, never asserted here). Argument
// mistakes are usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

std::string clip() { return (media_dir() / "one-by-one-person-detection.mp4").string(); }

TEST(BenchCameras, JsonReportHasAMeasuredStepPerCameraCount) {
  const auto r = run_footfall({"bench", clip(), "--cameras", "1,2", "--duration", "2", "--warmup", "1", "--format",
                               "json", "--no-download"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["input"].get<std::string>(), clip());
  EXPECT_THAT(doc["model"].get<std::string>(), HasSubstr("@"));
  EXPECT_DOUBLE_EQ(doc["stream_fps"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(doc["sample_fps"].get<double>(), 5.0);
  ASSERT_EQ(doc["steps"].size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& step = doc["steps"][i];
    SCOPED_TRACE(step.dump());
    EXPECT_EQ(step["cameras"].get<int>(), static_cast<int>(i) + 1);
    EXPECT_GE(step["workers"].get<int>(), 1);
    EXPECT_GE(step["threads"].get<int>(), 1);
    EXPECT_GT(step["analysed_fps"]["mean"].get<double>(), 0.0);
    EXPECT_LE(step["analysed_fps"]["min"].get<double>(), step["analysed_fps"]["mean"].get<double>());
    // Each decoder runs in real time: about 25 frames a second, never much more.
    EXPECT_GT(step["decoded_fps"]["mean"].get<double>(), 10.0);
    EXPECT_LT(step["decoded_fps"]["mean"].get<double>(), 27.0);
    EXPECT_GT(step["frames_analysed"].get<int>(), 0);
    EXPECT_GE(step["frames_dropped"].get<int>(), 0);
    EXPECT_GT(step["cpu_percent"].get<double>(), 0.0);
    EXPECT_GT(step["inference_ms"].get<double>(), 0.0);
    EXPECT_GT(step["rss_peak_kb"].get<long>(), step["rss_fixed_kb"].get<long>());
    EXPECT_GT(step["rss_per_camera_kb"].get<long>(), 0);
    EXPECT_TRUE(step["ok"].is_boolean());
  }
  EXPECT_GE(doc["max_cameras_without_drops"].get<int>(), 0);
  EXPECT_LE(doc["max_cameras_without_drops"].get<int>(), 2);
}

TEST(BenchCameras, BadCountsAndRatesAreUsageErrors) {
  auto r = run_footfall({"bench", clip(), "--cameras", "4-2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--cameras: expected counts like 1,4,8 or 4-32:4, got '4-2'"));
  r = run_footfall({"bench", clip(), "--cameras", "2", "--sample-fps", "30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--sample-fps must not be above --stream-fps"));
}

TEST(BenchCameras, AMissingInputIsAnError) {
  const auto r = run_footfall({"bench", "/nonexistent/clip.mp4", "--cameras", "1", "--duration", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/clip.mp4: no such file"));
}

}  // namespace
}  // namespace footfall::test

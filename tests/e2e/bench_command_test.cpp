// `footfall bench` end to end on vtest.avi: the report's fields are measured, not left at zero. Speed targets are
// read from its output in the closing notes, never asserted here (timings depend on the machine).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

TEST(BenchCommand, JsonReportMeasuresDecodeDetectEndToEndAndTracking) {
  const auto r = run_footfall({"bench", vtest_avi().string(), "--frames", "10", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 1u);
  const auto& report = doc[0];
  EXPECT_EQ(report["decoded_frames"].get<int>(), 795);
  EXPECT_GT(report["decode_fps"].get<double>(), 0.0);
  EXPECT_GT(report["end_to_end_fps"].get<double>(), 0.0);
  ASSERT_EQ(report["latency"].size(), 2u);
  const auto& tracking = report["tracking"];
  EXPECT_EQ(tracking["lines"].get<int>(), 3);
  EXPECT_EQ(tracking["zones"].get<int>(), 2);
  EXPECT_GT(tracking["seconds"].get<double>(), 0.0);
  EXPECT_GT(tracking["overhead"].get<double>(), 0.0);
  // Pedestrians walk up and down vtest.avi: the horizontal bench lines are crossed many times.
  EXPECT_GE(tracking["crossings"].get<int>(), 10) << tracking.dump();
  EXPECT_GT(report["peak_rss_kb"].get<long>(), 0);
}

}  // namespace
}  // namespace footfall::test

// `footfall count` with counting lines and zones, end to end on a real clip: the JSON totals, their agreement with
// the per-frame events and with `footfall track`, annotated frames, the errors of bad lines, zones and tracker
// settings, and the appearance flags reaching the tracker.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <opencv2/imgcodecs.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::filesystem::path campus() { return datasets_dir() / "tud-campus" / "TUD-Campus.mp4"; }

// TUD-Campus (640x480): people walk left and right along the pavement; a vertical line in the middle is crossed
// several times in both directions. The zone covers the left half of the pavement; the queue zone the right half.
const char* kLine = "mid=320,60,320,470";
const char* kZone = "left=10,200,300,200,300,470,10,470";
const char* kQueue = "right=0.6,0.5,0.95,0.5,0.95,0.95,0.6,0.95";

TEST(CountLines, JsonTotalsMatchThePerFrameCrossingsAndTheTrackCommand) {
  const auto r = run_footfall({"count", campus().string(), "--line", kLine, "--zone", kZone, "--queue", kQueue,
                               "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& mid = doc["lines"]["mid"];
  const int in = mid["in"].get<int>();
  const int out = mid["out"].get<int>();
  std::printf("TUD-Campus line mid: in %d, out %d\n", in, out);
  std::fflush(stdout);
  EXPECT_GE(in + out, 3) << "people cross the middle of TUD-Campus several times";

  // The totals are the sum of the per-frame crossing events.
  std::map<std::string, int> events;
  int max_count = 0;
  int max_left = 0;
  for (const auto& frame : doc["frames"]) {
    max_count = std::max(max_count, frame["count"].get<int>());
    max_left = std::max(max_left, frame["zones"]["left"].get<int>());
    if (!frame.contains("crossings")) continue;
    for (const auto& x : frame["crossings"]) {
      EXPECT_EQ(x["line"], "mid");
      ++events[x["direction"].get<std::string>()];
    }
  }
  EXPECT_EQ(events["in"], in);
  EXPECT_EQ(events["out"], out);

  // Zones: visits happened, occupancy within what was detected, the queue has a Little's-law wait.
  const auto& left = doc["zones"]["left"];
  EXPECT_GT(left["visits"].get<int>(), 0);
  EXPECT_EQ(left["occupancy_max"].get<int>(), max_left);
  EXPECT_LE(left["occupancy_max"].get<int>(), max_count);
  EXPECT_GT(left["dwell_mean_s"].get<double>(), 0.0);
  EXPECT_LE(left["dwell_median_s"].get<double>(), left["dwell_max_s"].get<double>());
  EXPECT_FALSE(left["queue"].get<bool>());
  const auto& right = doc["zones"]["right"];
  EXPECT_TRUE(right["queue"].get<bool>());
  ASSERT_TRUE(right["queue_wait_s"].is_number()) << right.dump();
  EXPECT_GT(right["queue_wait_s"].get<double>(), 0.0);

  // The same clip through `footfall track` gives the same line totals (same detector, tracker and counter).
  TempDir dir;
  const auto t = run_footfall({"track", campus().string(), "--mot", (dir / "mot.txt").string(), "--line", kLine});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("line mid: in " + std::to_string(in) + ", out " + std::to_string(out)), std::string::npos)
      << t.out;
}

TEST(CountLines, TableSummaryListsLinesAndZones) {
  const auto r = run_footfall({"count", campus().string(), "--line", kLine, "--zone", kZone, "--max-frames", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("line mid: in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("zone left: "), std::string::npos) << r.out;
}

TEST(CountLines, AnnotatedFramesShowLinesZonesAndTracks) {
  TempDir dir;
  const auto r = run_footfall({"count", campus().string(), "--line", kLine, "--zone", kZone, "--max-frames", "20",
                               "--format", "csv", "--annotate", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const cv::Mat png = cv::imread((dir / "TUD-Campus_000020.png").string());
  ASSERT_FALSE(png.empty());
  // The line is drawn in amber (BGR 0,215,255) along x = 320 below the labels.
  int amber = 0;
  for (int y = 300; y < 460; ++y) {
    const cv::Vec3b p = png.at<cv::Vec3b>(y, 320);
    if (p[0] < 40 && p[1] > 180 && p[2] > 220) ++amber;
  }
  EXPECT_GT(amber, 100) << "the counting line is drawn";
}

TEST(CountLines, BadLineOrZoneFlagsAreUsageErrorsNamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--line", "door=10,10,10,10"}, "--line 'door=10,10,10,10': the two points are equal"},
      {{"--line", "door=1,2,3"}, "--line 'door=1,2,3'"},
      {{"--zone", "z=1,1,5,5"}, "--zone 'z=1,1,5,5': a zone needs at least 3 points"},
      {{"--queue", "q=1,1,5,5"}, "--queue 'q=1,1,5,5'"},
      {{"--line", "a=0,0.5,1,0.5", "--line", "a=0,0.2,1,0.2"}, "another line is already named 'a'"},
      {{"--min-hits", "0"}, "--min-hits: must be >= 1, got 0"},
      {{"--track-new", "0.4"}, "--track-new: must be in [--track-high, 1], got 0.4"},
      {{"--track-high", "0.05"}, "--track-low: must be in [0, --track-high], got 0.1"},
      {{"--appearance-weight", "1.5"}, "--appearance-weight: must be in [0, 1], got 1.5"},
      {{"--appearance-gate", "0"}, "--appearance-gate: must be in (0, 1], got 0"},
      {{"--appearance-momentum", "1"}, "--appearance-momentum: must be in [0, 1), got 1"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {"count", campus().string()};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = run_footfall(argv);
    EXPECT_EQ(r.exit_code, 2) << c.expected << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << "nothing is counted before the flags are valid";
  }
}

TEST(CountLines, TrackRefusesABadAppearanceSettingNamingTheFlagAndRange) {
  TempDir dir;
  const auto mot = dir / "mot.txt";
  const auto r = run_footfall({"track", campus().string(), "--mot", mot.string(), "--appearance-gate", "1.2"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--appearance-gate: must be in (0, 1], got 1.2"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(mot)) << "nothing is tracked before the flags are valid";
}

// The appearance flags reach the tracker: on TUD-Campus, where people cross and hide each other, matching on overlap
// alone (--appearance-weight 0 --appearance-gate 1: the cue off) gives other tracks than the default cue, and so does
// weight 0 with the default gate 0.4 (overlap ranks the pairs, but contested look-alike pairs are still refused).
TEST(CountLines, AppearanceFlagsChangeTheTracksOfTheTrackCommand) {
  TempDir dir;
  auto track = [&](const std::string& name, std::vector<std::string> flags) {
    const auto mot = dir / (name + ".txt");
    std::vector<std::string> argv = {"track", campus().string(), "--mot", mot.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const auto r = run_footfall(argv);
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.err;
    const std::string rows = read_text(mot);
    EXPECT_GT(std::count(rows.begin(), rows.end(), '\n'), 200) << name << ": TUD-Campus has ~4 people in 71 frames";
    return rows;
  };
  const std::string with_cue = track("default", {});
  const std::string overlap_only = track("off", {"--appearance-weight", "0", "--appearance-gate", "1"});
  const std::string gate_only = track("gate_only", {"--appearance-weight", "0"});
  EXPECT_NE(with_cue, overlap_only) << "turning the cue off changes the tracks";
  EXPECT_NE(gate_only, overlap_only) << "the gate alone refuses look-alike pairs";
}

TEST(CountLines, ALineOutsideTheFrameFailsAtTheFirstFrameNamingIt) {
  const auto r = run_footfall({"count", campus().string(), "--line", "door=100,100,900,100", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("line door"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("outside"), std::string::npos) << r.err;
}

TEST(CountLines, ASelfIntersectingZoneIsRefused) {
  const auto r = run_footfall({"count", campus().string(), "--zone", "bow=100,100,300,300,300,100,100,300"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("zone bow"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("intersect"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace footfall::test

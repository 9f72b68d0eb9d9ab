// footfall eval --gt gt.txt --pred FILE: tracks against MOTChallenge ground truth, and its errors. Runs the real
// binary on the real TUD-Campus ground truth (no detector involved, so these tests are fast).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::string campus_gt() { return (datasets_dir() / "tud-campus" / "gt.txt").string(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(EvalPred, GroundTruthAgainstItselfIsPerfectAndShowsTheDocumentedJson) {
  const auto r = run_footfall({"eval", "--gt", campus_gt(), "--pred", campus_gt(), "--line", "c275=275,300,275,479",
                               "--line", "mid=0.5,0.6,0.5,1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["frames"], 71);  // seqinfo.ini seqLength
  EXPECT_EQ(j["count"]["mae"], 0.0);
  EXPECT_EQ(j["count"]["bias"], 0.0);
  EXPECT_EQ(j["count"]["exact"], 1.0);
  EXPECT_DOUBLE_EQ(j["mota"].get<double>(), 1.0);
  EXPECT_NEAR(j["motp"].get<double>(), 1.0, 1e-6);
  EXPECT_DOUBLE_EQ(j["idf1"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["idp"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["idr"].get<double>(), 1.0);
  EXPECT_EQ(j["id_switches"], 0);
  EXPECT_EQ(j["false_positives"], 0);
  EXPECT_EQ(j["false_negatives"], 0);
  // x = 275 drawn downwards: one person walks left (in), four walk right (out); see tests/count/mot_crossings_test.
  EXPECT_EQ(j["lines"]["c275"]["gt"]["in"], 1);
  EXPECT_EQ(j["lines"]["c275"]["gt"]["out"], 4);
  EXPECT_EQ(j["lines"]["c275"]["pred"]["in"], 1);
  EXPECT_EQ(j["lines"]["c275"]["pred"]["out"], 4);
  // How clearly the ground truth decides the line: its paths cross c275 35 px or more from an end, and no track
  // starts or ends within 52 px of it.
  EXPECT_DOUBLE_EQ(j["lines"]["c275"]["gt"]["end_margin_px"].get<double>(), 35.0);
  EXPECT_DOUBLE_EQ(j["lines"]["c275"]["gt"]["track_end_px"].get<double>(), 52.0);
  // The normalised line is x = 320 px (imWidth 640 from seqinfo.ini), y 288..480.
  EXPECT_EQ(j["lines"]["mid"]["pred"]["in"], 0);
  EXPECT_EQ(j["lines"]["mid"]["pred"]["out"], 4);
  EXPECT_EQ(j["lines"]["mid"]["gt"]["in"], 0);
  EXPECT_EQ(j["lines"]["mid"]["gt"]["out"], 4);
}

TEST(EvalPred, TheTableNotesALineWhoseGroundTruthPassesCloseToAnEnd) {
  // TUD-Stadtmitte: person 9 passes 3 px beyond s550near's upper end; s315 is crossed 76 px or more from its ends.
  const std::string gt = (datasets_dir() / "tud-stadtmitte" / "gt.txt").string();
  const auto r = run_footfall({"eval", "--gt", gt, "--pred", gt, "--line", "s550near=550,270,550,400", "--line",
                               "s315=315,180,315,400"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "note: line s550near: a ground-truth path meets it 3 px from an end")) << r.out;
  EXPECT_FALSE(contains(r.out, "note: line s315")) << r.out;
  const auto rows = split_lines(r.out);
  const auto header = std::find_if(rows.begin(), rows.end(), [](const std::string& l) { return l.starts_with("line "); });
  ASSERT_NE(header, rows.end()) << r.out;
  EXPECT_TRUE(contains(*header, "end px")) << *header;
}

TEST(EvalPred, DroppedAndShiftedTracksLowerTheScores) {
  // Every row of ids 3 and 5 dropped: 71 + 71 fewer matched boxes, and their crossings missing.
  TempDir dir;
  std::string pred;
  for (const auto& line : split_lines(read_text(campus_gt()))) {
    const std::string id = line.substr(line.find(',') + 1, line.find(',', line.find(',') + 1) - line.find(',') - 1);
    if (id != "3" && id != "5") pred += line + "\n";
  }
  write_file(dir / "pred.txt", pred);
  const auto r = run_footfall({"eval", "--gt", campus_gt(), "--pred", (dir / "pred.txt").string(), "--line",
                               "c275=275,300,275,479", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["false_negatives"], 63 + 71);  // id 3 has 63 rows, id 5 71
  EXPECT_EQ(j["false_positives"], 0);
  EXPECT_NEAR(j["count"]["bias"].get<double>(), -(63.0 + 71.0) / 71.0, 1e-9);
  EXPECT_LT(j["mota"].get<double>(), 1.0);
  EXPECT_EQ(j["lines"]["c275"]["pred"]["in"], 1);
  EXPECT_EQ(j["lines"]["c275"]["pred"]["out"], 2);
}

TEST(EvalPred, TableNamesEveryMetricAndLine) {
  const auto r = run_footfall({"eval", "--gt", campus_gt(), "--pred", campus_gt(), "--line", "c275=275,300,275,479"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* part : {"MAE", "MOTA", "MOTP", "IDF1", "IDP", "IDR", "ID switches", "FP", "FN", "c275"}) {
    EXPECT_TRUE(contains(r.out, part)) << part << " in\n" << r.out;
  }
}

TEST(EvalPredErrors, MissingGroundTruthOrPredictionFileIsNamed) {
  auto r = run_footfall({"eval", "--gt", "/nonexistent/gt.txt", "--pred", campus_gt()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "/nonexistent/gt.txt: no such ground truth file")) << r.err;
  r = run_footfall({"eval", "--gt", campus_gt(), "--pred", "/nonexistent/pred.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "/nonexistent/pred.txt: no such prediction file")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(EvalPredErrors, ABadMotLineIsNamedWithItsNumber) {
  TempDir dir;
  write_file(dir / "pred.txt", "1,1,10,20,30,40,0.9,-1,-1,-1\n\n1,2,10,abc,30,40,0.9,-1,-1,-1\n");
  auto r = run_footfall({"eval", "--gt", campus_gt(), "--pred", (dir / "pred.txt").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, (dir / "pred.txt").string() + ": line 3: field 4 is not a number")) << r.err;
  write_file(dir / "gt.txt", "1,1,10,20,30,40,1,-1,-1,-1\n2,1,10,20\n");
  r = run_footfall({"eval", "--gt", (dir / "gt.txt").string(), "--pred", campus_gt()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "gt.txt: line 2: expected at least 7 fields")) << r.err;
}

TEST(EvalPredErrors, BadLinesAreRefusedNamingTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"door=1,2,3,4,5,6", "exactly 2 points"},
      {"door=1,2,3", "an odd number of coordinates"},
      {"door=10,20,10,20", "the two points are equal"},
      {"door=10,x,20,30", "'x' is not a number"},
      {"door=700,100,700,400", "--line door: first point (700,100) is outside the 640x480 frame"},  // seqinfo.ini
  };
  for (const auto& [line, message] : cases) {
    const auto r = run_footfall({"eval", "--gt", campus_gt(), "--pred", campus_gt(), "--line", line});
    EXPECT_EQ(r.exit_code, 2) << line;
    EXPECT_TRUE(contains(r.err, message)) << line << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  const auto twice = run_footfall({"eval", "--gt", campus_gt(), "--pred", campus_gt(), "--line", "a=1,1,5,5", "--line",
                                   "a=2,2,6,6"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_TRUE(contains(twice.err, "already")) << twice.err;
}

TEST(EvalPredErrors, NormalisedLinesNeedAFrameSize) {
  // No seqinfo.ini beside this gt.txt: a 0..1 line needs --frame-size.
  TempDir dir;
  write_file(dir / "gt.txt", read_text(campus_gt()));
  const std::string gt = (dir / "gt.txt").string();
  auto r = run_footfall({"eval", "--gt", gt, "--pred", gt, "--line", "mid=0.5,0.6,0.5,1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--frame-size")) << r.err;
  EXPECT_TRUE(contains(r.err, "mid")) << r.err;
  r = run_footfall({"eval", "--gt", gt, "--pred", gt, "--line", "mid=0.5,0.6,0.5,1", "--frame-size", "640x480",
                    "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["lines"]["mid"]["gt"]["out"], 4);
  r = run_footfall({"eval", "--gt", gt, "--pred", gt, "--frame-size", "640by480"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--frame-size '640by480'")) << r.err;
  // Pixel lines need no frame size.
  r = run_footfall({"eval", "--gt", gt, "--pred", gt, "--line", "c275=275,300,275,479"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(EvalPredErrors, ABadSeqinfoIsNamed) {
  TempDir dir;
  write_file(dir / "gt.txt", read_text(campus_gt()));
  write_file(dir / "seqinfo.ini", "[Sequence]\nframeRate=25\nimWidth=wide\nimHeight=480\n");
  const auto r = run_footfall({"eval", "--gt", (dir / "gt.txt").string(), "--pred", (dir / "gt.txt").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, (dir / "seqinfo.ini").string() + ": imWidth 'wide' is not a positive number")) << r.err;
}

TEST(EvalPredErrors, ModesDoNotMix) {
  auto r = run_footfall({"eval", vtest_avi().string(), "--gt", campus_gt(), "--pred", campus_gt()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "not both")) << r.err;
  r = run_footfall({"eval", "--gt", campus_gt()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--pred")) << r.err;
  r = run_footfall({"eval", vtest_avi().string(), "--gt", campus_gt(), "--line", "a=1,1,5,5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--line")) << r.err;
  r = run_footfall({"eval", "--gt", campus_gt(), "--pred", campus_gt(), "--thresholds", "0.3,0.4"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--thresholds")) << r.err;
}

}  // namespace
}  // namespace footfall::test

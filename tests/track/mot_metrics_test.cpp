#include "footfall/track/mot_metrics.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

// Two people over ten frames, far apart, moving right.
MotRows two_people(int frames = 10) {
  MotRows rows;
  for (int f = 1; f <= frames; ++f) {
    rows.push_back({f, 1, Box{10.0f + static_cast<float>(f), 10, 40, 100}, 1.0f});
    rows.push_back({f, 2, Box{300.0f + static_cast<float>(f), 10, 40, 100}, 1.0f});
  }
  return rows;
}

TEST(MotMetricsTest, ParsesAndFormatsMotChallengeText) {
  const auto parsed = parse_mot("1,1,399,182,121,229,1,-1,-1,-1\n\n2,7,10.5,20.25,30,40,0.5,-1,-1,-1\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].frame, 2);
  EXPECT_EQ((*parsed)[1].id, 7);
  EXPECT_FLOAT_EQ((*parsed)[1].box.x, 10.5f);
  EXPECT_FLOAT_EQ((*parsed)[1].box.y, 20.25f);
  EXPECT_FLOAT_EQ((*parsed)[1].confidence, 0.5f);

  const std::string text = format_mot(*parsed);
  EXPECT_EQ(text, "1,1,399.00,182.00,121.00,229.00,1,-1,-1,-1\n2,7,10.50,20.25,30.00,40.00,0.5,-1,-1,-1\n");
  const auto again = parse_mot(text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 2u);
}

TEST(MotMetricsTest, RejectsMalformedLinesNamingTheLine) {
  const auto short_line = parse_mot("1,1,2,3,4,5,1\n1,2,3\n");
  ASSERT_FALSE(short_line.ok());
  EXPECT_NE(short_line.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_mot("x,1,2,3,4,5,1\n").ok());
  EXPECT_FALSE(parse_mot("0,1,2,3,4,5,1\n").ok());  // frames are 1-based
}

TEST(MotMetricsTest, GroundTruthKeepsOnlyRowsMarkedOne) {
  MotRows rows = two_people(1);
  rows[1].confidence = 0.0f;
  const MotRows gt = ground_truth_rows(rows);
  ASSERT_EQ(gt.size(), 1u);
  EXPECT_EQ(gt[0].id, 1);
}

TEST(MotMetricsTest, PerfectTrackerScoresOne) {
  const MotRows gt = two_people();
  MotRows pred = gt;
  for (MotRow& row : pred) row.id += 100;  // ids need not be equal, only consistent
  const ClearMot clear = compute_clear_mot(gt, pred);
  EXPECT_DOUBLE_EQ(clear.mota, 1.0);
  EXPECT_DOUBLE_EQ(clear.motp, 1.0);
  EXPECT_EQ(clear.id_switches, 0);
  EXPECT_EQ(clear.matches, 20);
  const IdentityMetrics id = compute_identity_metrics(gt, pred);
  EXPECT_DOUBLE_EQ(id.idf1, 1.0);
  EXPECT_EQ(id.idtp, 20);
}

TEST(MotMetricsTest, OneIdSwapIsOneSwitchPerPerson) {
  const MotRows gt = two_people();
  MotRows pred = gt;
  for (MotRow& row : pred) {
    if (row.frame > 5) row.id = row.id == 1 ? 2 : 1;  // the tracker swaps the two ids after frame 5
  }
  const ClearMot clear = compute_clear_mot(gt, pred);
  EXPECT_EQ(clear.id_switches, 2);
  EXPECT_EQ(clear.false_positives, 0);
  EXPECT_EQ(clear.false_negatives, 0);
  EXPECT_DOUBLE_EQ(clear.mota, 1.0 - 2.0 / 20.0);
  const IdentityMetrics id = compute_identity_metrics(gt, pred);
  EXPECT_EQ(id.idtp, 10);  // best one-to-one matching keeps half of each trajectory
  EXPECT_DOUBLE_EQ(id.idf1, 0.5);

  // A single person whose track id changes once.
  MotRows one;
  MotRows split;
  for (int f = 1; f <= 10; ++f) {
    one.push_back({f, 1, Box{10, 10, 40, 100}, 1.0f});
    split.push_back({f, f <= 4 ? 5 : 6, Box{10, 10, 40, 100}, 1.0f});
  }
  const ClearMot single = compute_clear_mot(one, split);
  EXPECT_EQ(single.id_switches, 1);
  EXPECT_DOUBLE_EQ(single.mota, 0.9);
  EXPECT_DOUBLE_EQ(compute_identity_metrics(one, split).idf1, 0.6);  // IDTP 6 of 10 + 10
}

TEST(MotMetricsTest, AllMissedScoresZero) {
  const MotRows gt = two_people();
  const ClearMot clear = compute_clear_mot(gt, {});
  EXPECT_EQ(clear.false_negatives, 20);
  EXPECT_DOUBLE_EQ(clear.mota, 0.0);
  EXPECT_DOUBLE_EQ(compute_identity_metrics(gt, {}).idf1, 0.0);
}

TEST(MotMetricsTest, FalsePositivesAndPoorOverlapCount) {
  const MotRows gt = two_people();
  MotRows pred = gt;
  for (MotRow& row : pred) {
    if (row.id == 2) row.box.x += 30.0f;  // IoU 10/70 < 0.5: a miss plus a false positive each frame
  }
  pred.push_back({3, 9, Box{800, 10, 40, 100}, 1.0f});
  const ClearMot clear = compute_clear_mot(gt, pred);
  EXPECT_EQ(clear.matches, 10);
  EXPECT_EQ(clear.false_negatives, 10);
  EXPECT_EQ(clear.false_positives, 11);
  EXPECT_DOUBLE_EQ(clear.mota, 1.0 - 21.0 / 20.0);  // MOTA can go negative
}

TEST(MotMetricsTest, KeepsAStillValidMatchOverABetterNewOne) {
  // Frame 1 matches gt 1 to pred A. In frame 2, pred B overlaps gt 1 better, but A is still valid: no switch.
  const MotRows gt = {{1, 1, Box{0, 0, 40, 100}, 1.0f}, {2, 1, Box{0, 0, 40, 100}, 1.0f}};
  const MotRows pred = {
      {1, 10, Box{0, 0, 40, 100}, 1.0f}, {2, 10, Box{8, 0, 40, 100}, 1.0f}, {2, 11, Box{0, 0, 40, 100}, 1.0f}};
  const ClearMot clear = compute_clear_mot(gt, pred);
  EXPECT_EQ(clear.id_switches, 0);
  EXPECT_EQ(clear.matches, 2);
  EXPECT_EQ(clear.false_positives, 1);
}

TEST(MotMetricsTest, RowsAndCountsFromTracks) {
  Tracks tracks(3);
  tracks[0].id = 1;
  tracks[0].state = TrackState::confirmed;
  tracks[1].id = 2;  // tentative: never written, never counted
  tracks[2].id = 3;
  tracks[2].state = TrackState::confirmed;
  EXPECT_EQ(confirmed_count(tracks), 2);
  const MotRows rows = mot_rows(4, tracks);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].id, 3);
  EXPECT_EQ(rows[1].frame, 4);
  EXPECT_EQ(count_per_frame(two_people(3), 4), (std::vector<int>{2, 2, 2, 0}));
}

}  // namespace
}  // namespace footfall

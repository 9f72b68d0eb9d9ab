// StaticObjectFilter on real clips with the real detector and TrackCounter: people who stand at a table for 20 s
// and more keep being counted; a static look-alike is learned and dropped from the raw and the tracked count.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include <opencv2/imgcodecs.hpp>

#include "footfall/app/track_counter.h"
#include "footfall/scene/static_object_filter.h"
#include "scene_test_util.h"

namespace footfall {
namespace {

struct FrameRecord {
  int index = 0;
  TimestampMs t = 0;
  int raw = 0;
  int tracked = 0;
  Detections detections;  // after the filter
};

struct ClipRun {
  std::vector<FrameRecord> records;
  int frames = 0;
  double raw_mean = 0.0;      // persons per frame after the filter
  double tracked_mean = 0.0;  // tracked count per frame
  int ignored = 0;            // detections dropped by the filter
  std::vector<IgnoreRegion> regions;
  double longest_still_s = 0.0;  // the longest a watched place stayed still (box and pixels)
};

// Runs detector + TrackCounter over every `step`-th frame; with the filter when `params` is given. `paste` (if
// set) edits each frame before detection.
ClipRun run_clip(const std::filesystem::path& clip, int step, std::optional<StaticFilterParams> params,
                 float threshold = -1.0f, const std::function<void(cv::Mat&)>& paste = {}) {
  ClipRun run;
  auto detector = test::default_detector(threshold);
  EXPECT_TRUE(detector.ok()) << (detector.ok() ? "" : detector.error().message);
  if (!detector.ok()) return run;
  TrackCounter counter({}, {});
  if (params) counter.set_static_filter(std::make_unique<StaticObjectFilter>(*params));
  long raw = 0;
  long tracked_sum = 0;
  cv::Mat image;
  run.frames = test::for_each_frame(clip, step, 0, [&](const cv::Mat& frame, TimestampMs t, int index) {
    image = frame.clone();
    if (paste) paste(image);
    FrameCount count;
    count.timestamp_ms = t;
    count.frame_index = index;
    count.frame_width = image.cols;
    count.frame_height = image.rows;
    count.detections = (*detector)->detect(image);
    count.count = static_cast<int>(count.detections.size());
    auto tracked = counter.update(count, image);
    ASSERT_TRUE(tracked.ok()) << tracked.error().message;
    raw += count.count;
    tracked_sum += tracked->tracked_count;
    run.records.push_back({index, t, count.count, tracked->tracked_count, count.detections});
    run.ignored += tracked->ignored;
    if (const StaticObjectFilter* filter = counter.static_filter()) {
      for (const auto& c : filter->candidates()) {
        if (c.last_seen_ms != t) continue;
        run.longest_still_s = std::max(run.longest_still_s, static_cast<double>(t - c.since_ms) / 1000.0);
      }
    }
  });
  EXPECT_GT(run.frames, 0) << clip;
  run.raw_mean = run.frames ? static_cast<double>(raw) / run.frames : 0.0;
  run.tracked_mean = run.frames ? static_cast<double>(tracked_sum) / run.frames : 0.0;
  if (counter.static_filter()) run.regions = counter.static_filter()->regions();
  std::cout << clip.filename().string() << (params ? " with" : " without") << " the static filter: " << run.frames
            << " frames, raw " << run.raw_mean << ", tracked " << run.tracked_mean << " per frame, " << run.ignored
            << " detections ignored, " << run.regions.size() << " regions";
  for (const IgnoreRegion& r : run.regions) {
    std::cout << " [" << format_ignore_region(r) << " at " << r.created_ms << " ms]";
  }
  std::cout << ", longest still place " << run.longest_still_s << " s\n";
  return run;
}

// Detections per frame at places where the clip has a box in at least 30% of the frames, as
// tools/static_false_positives.py counts them (IoU >= 0.6 with the place's first box).
double static_per_frame(const std::vector<FrameRecord>& records, std::size_t from = 0) {
  std::vector<std::pair<Box, int>> places;
  std::vector<std::vector<std::size_t>> hits;
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (const Detection& d : records[i].detections) {
      bool found = false;
      for (std::size_t p = 0; p < places.size() && !found; ++p) {
        if (iou(places[p].first, d.box) >= 0.6f) {
          ++places[p].second;
          hits[p].push_back(i);
          found = true;
        }
      }
      if (!found) {
        places.push_back({d.box, 1});
        hits.push_back({i});
      }
    }
  }
  int count = 0;
  for (std::size_t p = 0; p < places.size(); ++p) {
    if (places[p].second < 0.3 * static_cast<double>(records.size())) continue;
    for (std::size_t i : hits[p]) count += i >= from ? 1 : 0;
  }
  return records.size() > from ? static_cast<double>(count) / static_cast<double>(records.size() - from) : 0.0;
}

TEST(StaticFilterOnRealClips, PeopleReadingAtATableFor20SecondsAndMoreKeepCounting) {
  // one-by-one-person-detection.mp4: six people in turn walk to a bar table and stand at it, reading, for 15-25 s
  // each. The default model's only persistent boxes on this clip are those people; none may become a region, so
  // both counts stay exactly as without the filter (nothing is ignored).
  const ClipRun with =
      run_clip(test::media_dir() / "one-by-one-person-detection.mp4", 2, static_filter_default_params());
  EXPECT_GT(with.raw_mean, 0.5);
  EXPECT_GT(static_per_frame(with.records), 0.4);  // the people at the table
  EXPECT_TRUE(with.regions.empty());
  EXPECT_EQ(with.ignored, 0);
  EXPECT_LT(with.longest_still_s, 10.0);
}

// vtest.avi at threshold 0.25 (below the default model's 0.45): the small blue sign on the lawn, top left, is
// detected as a person in about a third of the frames, too weakly to start a track but enough to inflate the raw
// count. Its pixels never change, so it is learned, and dropped from then on.
TEST(StaticFilterOnRealClips, ASignDetectedAsAPersonIsLearnedAndDropped) {
  const ClipRun without = run_clip(test::vtest_avi(), 2, std::nullopt, 0.25f);
  const ClipRun with = run_clip(test::vtest_avi(), 2, static_filter_default_params(), 0.25f);
  ASSERT_EQ(with.regions.size(), 1u);
  const Box sign{32, 113, 16, 29};
  EXPECT_GE(iou(with.regions[0].box, sign), 0.6f) << format_ignore_region(with.regions[0]);
  EXPECT_GE(with.regions[0].created_ms, 20000);
  std::size_t learned_at = 0;
  while (learned_at < with.records.size() && with.records[learned_at].t < with.regions[0].created_ms) ++learned_at;
  const double before = static_per_frame(without.records, learned_at);
  const double after = static_per_frame(with.records, learned_at);
  std::cout << "static detections per frame after the region was learned: " << before << " without, " << after
            << " with the filter\n";
  EXPECT_GT(before, 0.2);
  EXPECT_EQ(after, 0.0);
  EXPECT_LT(with.raw_mean, without.raw_mean);
  EXPECT_LE(with.tracked_mean, without.tracked_mean);
}

// A cardboard cut-out: a walker cropped from vtest.avi frame 101 pasted at the same place (on the lawn) in every
// frame: detected at the default threshold, tracked and counted until learned after 20 s, then never again.
TEST(StaticFilterOnRealClips, ACutOutOfAPersonIsLearnedAndNoLongerCounted) {
  cv::Mat cutout;
  test::for_each_frame(test::vtest_avi(), 1, 101, [&](const cv::Mat& frame, TimestampMs, int index) {
    if (index == 101) cutout = frame(cv::Rect(584, 148, 38, 95)).clone();  // the man in grey, right
  });
  ASSERT_FALSE(cutout.empty());
  const cv::Rect at(200, 330, cutout.cols, cutout.rows);
  auto paste = [&](cv::Mat& frame) { cutout.copyTo(frame(at)); };
  const ClipRun without = run_clip(test::vtest_avi(), 2, std::nullopt, -1.0f, paste);
  const ClipRun with = run_clip(test::vtest_avi(), 2, static_filter_default_params(), -1.0f, paste);
  ASSERT_EQ(with.regions.size(), 1u);
  const IgnoreRegion& region = with.regions[0];
  EXPECT_GE(iou(region.box, Box{200, 330, 38, 95}), 0.5f) << format_ignore_region(region);
  EXPECT_GE(region.created_ms, 20000);
  EXPECT_LE(region.created_ms, 25000);
  // From then on, per frame: one person fewer than without the filter, in the raw and in the tracked count.
  double raw_drop = 0.0, tracked_drop = 0.0;
  int frames = 0;
  for (std::size_t i = 0; i < with.records.size(); ++i) {
    if (with.records[i].t <= region.created_ms + 2000) continue;  // the cut-out's track is held lost briefly
    raw_drop += without.records[i].raw - with.records[i].raw;
    tracked_drop += without.records[i].tracked - with.records[i].tracked;
    ++frames;
  }
  ASSERT_GT(frames, 100);
  std::cout << "after learning: raw count lower by " << raw_drop / frames << ", tracked count lower by "
            << tracked_drop / frames << " per frame\n";
  EXPECT_GT(raw_drop / frames, 0.9);
  EXPECT_GT(tracked_drop / frames, 0.8);
  EXPECT_LE(raw_drop / frames, 1.05);
}

// Per-frame people from ground truth: occupancy_from_gt.csv (frame,boxes_all,boxes_conf1), the last column.
std::map<int, int> ground_truth_counts(const std::string& sequence) {
  std::map<int, int> counts;
  std::ifstream in(test::datasets_dir() / sequence / "occupancy_from_gt.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("frame", 0) == 0) continue;
    counts[std::stoi(line.substr(0, line.find(',')))] = std::stoi(line.substr(line.rfind(',') + 1));
  }
  return counts;
}

struct Mae {
  double raw = 0.0;
  double tracked = 0.0;
};

Mae mae(const ClipRun& run, const std::map<int, int>& truth) {
  Mae m;
  for (const FrameRecord& r : run.records) {
    m.raw += std::abs(r.raw - truth.at(r.index));
    m.tracked += std::abs(r.tracked - truth.at(r.index));
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, run.records.size()));
  return {m.raw / n, m.tracked / n};
}

// TUD-Stadtmitte (7 s) and TUD-Campus (3 s) have people standing and walking slowly, and no static look-alike.
// With the default 20 s nothing can be learned in clips this short: the counts are those without the filter. With
// a learn time short enough to act within them (2 s, checks every 0.5 s), the MAE must not get worse either: no
// place on TUD stays still for more than about 1 s. (2 s is not a safe setting in general: the people who pause
// facing the camera in face-demographics-walking-and-pause.gif stay at the noise level for about 2 s.)
class StaticFilterOnTud : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(StaticFilterOnTud, TrackedCountMaeDoesNotGetWorse) {
  const auto& [sequence, video] = GetParam();
  const auto truth = ground_truth_counts(sequence);
  ASSERT_FALSE(truth.empty());
  const auto clip = test::datasets_dir() / sequence / video;
  const ClipRun without = run_clip(clip, 1, std::nullopt);
  const ClipRun with = run_clip(clip, 1, static_filter_default_params());
  StaticFilterParams fast;
  fast.learn_seconds = 2.0;
  fast.check_seconds = 0.5;
  const ClipRun with_fast = run_clip(clip, 1, fast);
  const Mae a = mae(without, truth), b = mae(with, truth), c = mae(with_fast, truth);
  std::cout << sequence << " MAE raw/tracked: without " << a.raw << " / " << a.tracked << ", with (20 s) " << b.raw
            << " / " << b.tracked << ", with (2 s) " << c.raw << " / " << c.tracked << "\n";
  EXPECT_EQ(with.ignored, 0);
  EXPECT_DOUBLE_EQ(b.tracked, a.tracked);
  EXPECT_LE(c.tracked, a.tracked);
  EXPECT_LE(c.raw, a.raw);
}

INSTANTIATE_TEST_SUITE_P(
    Tud, StaticFilterOnTud,
    ::testing::Values(std::make_pair(std::string("tud-stadtmitte"), std::string("TUD-Stadtmitte.mp4")),
                      std::make_pair(std::string("tud-campus"), std::string("TUD-Campus.mp4"))),
    [](const auto& p) { return p.param.first == "tud-campus" ? "Campus" : "Stadtmitte"; });

}  // namespace
}  // namespace footfall

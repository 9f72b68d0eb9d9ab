#include "footfall/track/tracker.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "walk_simulation.h"

namespace footfall {
namespace {

using test::simulate_walks;
using test::WalkFrame;
using test::WalkOptions;

// Runs the tracker over the frames; returns the output of every update.
std::vector<Tracks> run(const std::vector<WalkFrame>& frames, const TrackerParams& params = {}) {
  Tracker tracker(params);
  std::vector<Tracks> out;
  for (const WalkFrame& frame : frames) out.push_back(tracker.update(frame.detections, frame.t));
  return out;
}

// Confirmed track ids attributed to each person (by best IoU with the true box), and persons per id.
struct Attribution {
  std::map<int, std::set<std::int64_t>> ids_of_person;
  std::map<std::int64_t, std::set<int>> persons_of_id;
  int unattributed = 0;
};

Attribution attribute(const std::vector<WalkFrame>& frames, const std::vector<Tracks>& outputs) {
  Attribution a;
  for (std::size_t f = 0; f < frames.size(); ++f) {
    for (const Track& track : outputs[f]) {
      if (!track.confirmed()) continue;
      int best = -1;
      float best_iou = 0.3f;
      for (std::size_t p = 0; p < frames[f].truth.size(); ++p) {
        const float overlap = iou(track.box, frames[f].truth[p]);
        if (overlap > best_iou) {
          best_iou = overlap;
          best = static_cast<int>(p);
        }
      }
      if (best < 0) {
        ++a.unattributed;
        continue;
      }
      a.ids_of_person[best].insert(track.id);
      a.persons_of_id[track.id].insert(best);
    }
  }
  return a;
}

void expect_one_id_per_person(const std::vector<WalkFrame>& frames, const std::vector<Tracks>& outputs, int people) {
  const Attribution a = attribute(frames, outputs);
  EXPECT_EQ(a.unattributed, 0);
  ASSERT_EQ(static_cast<int>(a.ids_of_person.size()), people);
  for (const auto& [person, ids] : a.ids_of_person) EXPECT_EQ(ids.size(), 1u) << "person " << person;
  for (const auto& [id, persons] : a.persons_of_id) EXPECT_EQ(persons.size(), 1u) << "id " << id;
}

TEST(TrackerTest, RandomWalksWithJitterAndShortGapsKeepOneIdEach) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    WalkOptions options;
    options.seed = seed;
    const auto frames = simulate_walks(options);
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_one_id_per_person(frames, run(frames), options.people);
  }
}

TEST(TrackerTest, WorksAtTwoAndTwentyFiveFramesPerSecond) {
  for (double fps : {2.0, 25.0}) {
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
      WalkOptions options;
      options.fps = fps;
      options.seconds = 40.0;
      // At 2 fps, 1.5 s pass between sightings across a gap: IoU matching then needs motion the constant-velocity
      // model can predict to within about half a box width (smooth speed changes, gentle turns).
      options.max_speed = 30.0;
      options.speed_change = 5.0;
      options.turn_acceleration = 4.0;
      options.gap_seconds = 1.0;  // two frames at 2 fps, 25 at 25 fps: both shorter than lost_track_seconds
      options.gap_probability = 0.2 / fps;
      options.seed = seed;
      const auto frames = simulate_walks(options);
      SCOPED_TRACE("fps " + std::to_string(fps) + " seed " + std::to_string(seed));
      expect_one_id_per_person(frames, run(frames), options.people);
    }
  }
}

// One person walking at 20 px/s, seen for 3 s, unseen for gap_seconds, then seen for 3 s more.
std::vector<std::int64_t> confirmed_ids_across_gap(double fps, double gap_seconds) {
  Tracker tracker;
  std::set<std::int64_t> ids;
  const double end = 6.0 + gap_seconds;
  for (int k = 0; k * (1.0 / fps) < end; ++k) {
    const double now = k / fps;
    Detections detections;
    if (now < 3.0 || now >= 3.0 + gap_seconds) {
      detections.push_back({Box{static_cast<float>(100.0 + 20.0 * now), 100, 40, 100}, 0.9f, 0});
    }
    for (const Track& track : tracker.update(detections, static_cast<TimestampMs>(now * 1000.0 + 0.5))) {
      if (track.confirmed()) ids.insert(track.id);
    }
    if (detections.empty() && now < 3.0 + 1.4) {
      EXPECT_EQ(tracker.lost_tracks().size(), 1u) << "t " << now;
    }
  }
  return {ids.begin(), ids.end()};
}

TEST(TrackerTest, LostTrackTimeIsInSecondsAtAnyRate) {
  for (double fps : {2.0, 5.0, 25.0}) {
    SCOPED_TRACE("fps " + std::to_string(fps));
    EXPECT_EQ(confirmed_ids_across_gap(fps, 1.0).size(), 1u);  // shorter than lost_track_seconds (1.5 s)
    EXPECT_EQ(confirmed_ids_across_gap(fps, 2.5).size(), 2u);  // longer: the old track is gone
  }
}

TEST(TrackerTest, NeverConfirmsBeforeMinHits) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> x(0.0f, 1200.0f);
  std::uniform_real_distribution<float> y(0.0f, 600.0f);
  std::uniform_int_distribution<int> clutter(0, 4);
  for (int min_hits : {1, 2, 3, 5}) {
    TrackerParams params;
    params.min_hits = min_hits;
    Tracker tracker(params);
    WalkOptions options;
    options.seed = static_cast<std::uint32_t>(min_hits);
    std::map<std::int64_t, int> appearances;
    std::set<std::int64_t> confirmed;
    for (WalkFrame& frame : simulate_walks(options)) {
      for (int c = clutter(rng); c > 0; --c) frame.detections.push_back({Box{x(rng), y(rng), 40, 100}, 0.9f, 0});
      for (const Track& track : tracker.update(frame.detections, frame.t)) {
        const int seen = ++appearances[track.id];
        if (track.confirmed()) {
          EXPECT_GE(seen, min_hits) << "id " << track.id;
          EXPECT_GE(track.hits, min_hits);
          confirmed.insert(track.id);
        } else {
          EXPECT_EQ(track.state, TrackState::tentative);
          EXPECT_LT(track.hits, min_hits);
        }
      }
    }
    EXPECT_GE(static_cast<int>(confirmed.size()), options.people) << "min_hits " << min_hits;
  }
}

TEST(TrackerTest, ScatteredFalsePositivesNeverConfirm) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> x(0.0f, 1200.0f);
  std::uniform_real_distribution<float> y(0.0f, 600.0f);
  Tracker tracker;
  for (int f = 0; f < 500; ++f) {
    Detections detections;
    for (int c = 0; c < 3; ++c) detections.push_back({Box{x(rng), y(rng), 40, 100}, 0.9f, 0});
    for (const Track& track : tracker.update(detections, f * 40)) EXPECT_FALSE(track.confirmed()) << "frame " << f;
  }
}

TEST(TrackerTest, IsDeterministic) {
  WalkOptions options;
  options.people = 8;
  options.seed = 99;
  const auto frames = simulate_walks(options);
  const auto first = run(frames);
  const auto second = run(frames);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t f = 0; f < first.size(); ++f) {
    ASSERT_EQ(first[f].size(), second[f].size());
    for (std::size_t i = 0; i < first[f].size(); ++i) {
      const Track& a = first[f][i];
      const Track& b = second[f][i];
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.box.x, b.box.x);
      EXPECT_EQ(a.box.y, b.box.y);
      EXPECT_EQ(a.box.width, b.box.width);
      EXPECT_EQ(a.box.height, b.box.height);
      EXPECT_EQ(a.confidence, b.confidence);
      EXPECT_EQ(a.state, b.state);
      EXPECT_EQ(a.hits, b.hits);
      EXPECT_EQ(a.first_seen_ms, b.first_seen_ms);
      EXPECT_EQ(a.last_seen_ms, b.last_seen_ms);
    }
  }
}

TEST(TrackerTest, OutputIsOrderedByIdAndIdsIncreaseFromOne) {
  WalkOptions options;
  const auto outputs = run(simulate_walks(options));
  std::int64_t max_id = 0;
  for (const Tracks& tracks : outputs) {
    for (std::size_t i = 1; i < tracks.size(); ++i) EXPECT_LT(tracks[i - 1].id, tracks[i].id);
    for (const Track& track : tracks) max_id = std::max(max_id, track.id);
  }
  ASSERT_FALSE(outputs.front().empty());
  EXPECT_EQ(outputs.front().front().id, 1);
  EXPECT_GE(max_id, options.people);
}

TEST(TrackerTest, LowConfidenceDetectionsKeepAConfirmedTrackButNeverStartOne) {
  Tracker tracker;
  std::int64_t id = 0;
  for (int f = 0; f < 100; ++f) {
    const float confidence = f < 10 ? 0.9f : 0.3f;  // 90 frames (3.6 s) of weak detections, beyond lost time
    const Tracks tracks = tracker.update({{Box{100.0f + static_cast<float>(f), 100, 40, 100}, confidence, 0}}, f * 40);
    if (f < 2) continue;
    ASSERT_EQ(tracks.size(), 1u) << "frame " << f;
    EXPECT_TRUE(tracks[0].confirmed());
    if (id == 0) id = tracks[0].id;
    EXPECT_EQ(tracks[0].id, id);
  }

  Tracker weak_only;
  for (int f = 0; f < 50; ++f) EXPECT_TRUE(weak_only.update({{Box{100, 100, 40, 100}, 0.3f, 0}}, f * 40).empty());
  Tracker below_new_track;  // high (>= 0.5) but below new_track_threshold (0.6)
  for (int f = 0; f < 50; ++f)
    EXPECT_TRUE(below_new_track.update({{Box{100, 100, 40, 100}, 0.55f, 0}}, f * 40).empty());
}

TEST(TrackerTest, TentativeTrackIsDroppedWhenItMissesAnUpdate) {
  Tracker tracker;
  const Detections one = {{Box{100, 100, 40, 100}, 0.9f, 0}};
  ASSERT_EQ(tracker.update(one, 0).size(), 1u);
  EXPECT_TRUE(tracker.update({}, 40).empty());
  EXPECT_TRUE(tracker.lost_tracks().empty());
  const Tracks again = tracker.update(one, 80);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, 2);
  EXPECT_EQ(again[0].state, TrackState::tentative);
}

TEST(TrackerTest, ParamsValidationNamesTheField) {
  TrackerParams params;
  EXPECT_TRUE(validate_tracker_params(params).ok());
  params.min_hits = 0;
  const Status bad_hits = validate_tracker_params(params);
  ASSERT_FALSE(bad_hits.ok());
  EXPECT_NE(bad_hits.error().message.find("tracker.min_hits"), std::string::npos);
  params = {};
  params.lost_track_seconds = -1.0;
  EXPECT_NE(validate_tracker_params(params).error().message.find("tracker.lost_track_seconds"), std::string::npos);
  params = {};
  params.low_threshold = 0.7f;
  EXPECT_NE(validate_tracker_params(params).error().message.find("tracker.low_threshold"), std::string::npos);
}

}  // namespace
}  // namespace footfall

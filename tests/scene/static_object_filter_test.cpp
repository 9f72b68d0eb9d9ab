// StaticObjectFilter on synthetic frames: a textured scene with sensor noise, a "mannequin" (a person-sized box
// whose pixels never change) and "people" whose pixels do. A place becomes an ignore region only when the box has
// not moved and its pixels stayed at the noise level for learn_seconds.
#include "footfall/scene/static_object_filter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>

#include "footfall/app/track_counter.h"
#include "scene_test_util.h"

namespace footfall {
namespace {

constexpr TimestampMs kFrameMs = 200;  // 5 fps
const Box kMannequin{100, 60, 40, 100};

// A dark figure with a lighter arm, drawn into `frame`; arm_dx moves the arm sideways.
void draw_figure(cv::Mat& frame, const Box& box, int arm_dx = 0, int head_dx = 0) {
  const cv::Rect body(static_cast<int>(box.x) + 8, static_cast<int>(box.y) + 20, 24, 78);
  cv::rectangle(frame, body, cv::Scalar(40, 35, 30), cv::FILLED);
  cv::circle(frame, cv::Point(static_cast<int>(box.x) + 20 + head_dx, static_cast<int>(box.y) + 10), 9,
             cv::Scalar(90, 110, 150), cv::FILLED);
  cv::rectangle(frame, cv::Rect(body.x + 20 + arm_dx, body.y + 4, 7, 40), cv::Scalar(150, 140, 130), cv::FILLED);
}

struct Scenario {
  // Per frame time: the frame (before noise) and the detections in it.
  std::function<cv::Mat(TimestampMs)> frame;
  std::function<Detections(TimestampMs)> detections;
  TimestampMs duration_ms = 40000;
};

struct Outcome {
  std::optional<TimestampMs> learned_at;  // first region learned
  std::vector<IgnoreRegion> regions;
  int dropped_after = 0;  // detections dropped by filter() after the first region was learned
};

Outcome run(const Scenario& scenario, StaticFilterParams params = {}) {
  StaticObjectFilter filter(params);
  std::mt19937 rng(11);
  Outcome outcome;
  for (TimestampMs t = 0; t <= scenario.duration_ms; t += kFrameMs) {
    Detections detections = scenario.detections(t);
    const int dropped = filter.filter(detections);
    if (outcome.learned_at) outcome.dropped_after += dropped;
    const auto learned = filter.observe(detections, test::with_noise(scenario.frame(t), rng), t);
    if (!learned.empty() && !outcome.learned_at) outcome.learned_at = t;
  }
  outcome.regions = filter.regions();
  return outcome;
}

const cv::Mat& scene() {
  static const cv::Mat s = test::textured_scene(320, 240);
  return s;
}

Detections one(const Box& box, float confidence = 0.7f) { return {{box, confidence, 0}}; }

// Detector jitter: the box of a static object still moves by a pixel now and then.
Box jittered(const Box& box, TimestampMs t) {
  const float dx = static_cast<float>((t / kFrameMs) % 3) - 1.0f;
  return {box.x + dx, box.y, box.width, box.height + dx};
}

Scenario mannequin() {
  Scenario s;
  s.frame = [](TimestampMs) {
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin);
    return f;
  };
  s.detections = [](TimestampMs t) { return one(jittered(kMannequin, t)); };
  return s;
}

TEST(StaticObjectFilter, AMannequinBecomesALearnedRegionAfterLearnSeconds) {
  const Outcome o = run(mannequin());
  ASSERT_TRUE(o.learned_at.has_value());
  EXPECT_GE(*o.learned_at, 20000);
  EXPECT_LE(*o.learned_at, 22000);
  ASSERT_EQ(o.regions.size(), 1u);
  const IgnoreRegion& r = o.regions[0];
  EXPECT_EQ(r.origin, IgnoreOrigin::learned);
  EXPECT_EQ(r.id, 1);
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ(r.created_ms, *o.learned_at);
  EXPECT_GE(iou(r.box, kMannequin), 0.9f);
  // Every later detection of it is dropped: (40 s - learned) at 5 fps.
  EXPECT_EQ(o.dropped_after, static_cast<int>((40000 - *o.learned_at) / kFrameMs));
}

TEST(StaticObjectFilter, ShorterLearnSecondsLearnsSooner) {
  StaticFilterParams params;
  params.learn_seconds = 5.0;
  const Outcome o = run(mannequin(), params);
  ASSERT_TRUE(o.learned_at.has_value());
  EXPECT_GE(*o.learned_at, 5000);
  EXPECT_LE(*o.learned_at, 7000);
}

TEST(StaticObjectFilter, APersonStandingStillButAliveIsNeverLearned) {
  // Same place and box as the mannequin for 2 minutes, but the arm swings a few pixels and the head sways, as a
  // person waiting in a queue does.
  Scenario s;
  s.duration_ms = 120000;
  s.frame = [](TimestampMs t) {
    cv::Mat f = scene().clone();
    const double seconds = static_cast<double>(t) / 1000.0;
    draw_figure(f, kMannequin, static_cast<int>(std::lround(3.0 * std::sin(seconds * 2.1))),
                static_cast<int>(std::lround(2.0 * std::sin(seconds * 0.7))));
    return f;
  };
  s.detections = [](TimestampMs t) { return one(jittered(kMannequin, t)); };
  const Outcome o = run(s);
  EXPECT_FALSE(o.learned_at.has_value());
  EXPECT_TRUE(o.regions.empty());
}

TEST(StaticObjectFilter, APersonWhoMovesOnlyEveryFewSecondsIsStillNeverLearned) {
  // Very still: the arm moves 4 px once every 15 s (looking at a phone); each movement restarts the clock.
  Scenario s;
  s.duration_ms = 120000;
  s.frame = [](TimestampMs t) {
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin, (t / 15000) % 2 == 0 ? 0 : 4);
    return f;
  };
  s.detections = [](TimestampMs t) { return one(jittered(kMannequin, t)); };
  EXPECT_FALSE(run(s).learned_at.has_value());
}

TEST(StaticObjectFilter, AWalkerIsNeverLearned) {
  Scenario s;
  auto box_at = [](TimestampMs t) { return Box{20.0f + static_cast<float>(t) / 200.0f, 60, 40, 100}; };  // 5 px/s
  s.frame = [box_at](TimestampMs t) {
    cv::Mat f = scene().clone();
    draw_figure(f, box_at(t));
    return f;
  };
  s.detections = [box_at](TimestampMs t) { return one(box_at(t)); };
  EXPECT_FALSE(run(s).learned_at.has_value());
}

TEST(StaticObjectFilter, MissedDetectionsShorterThanForgetSecondsDoNotRestartTheClock) {
  Scenario s = mannequin();
  s.detections = [](TimestampMs t) {
    const auto frame = t / kFrameMs;
    if (frame % 3 == 0 || (t >= 8000 && t < 9500)) return Detections{};  // every third frame, and 1.5 s at 8 s
    return one(jittered(kMannequin, t));
  };
  const Outcome o = run(s);
  ASSERT_TRUE(o.learned_at.has_value());
  EXPECT_LE(*o.learned_at, 22000);
}

TEST(StaticObjectFilter, SomeoneWalkingInFrontRestartsTheClock) {
  Scenario s = mannequin();
  s.frame = [](TimestampMs t) {
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin);
    if (t >= 10000 && t < 12000) draw_figure(f, Box{80.0f + static_cast<float>(t - 10000) / 50.0f, 70, 40, 100});
    return f;
  };
  const Outcome o = run(s);
  ASSERT_TRUE(o.learned_at.has_value());
  EXPECT_GE(*o.learned_at, 30000);
}

TEST(StaticObjectFilter, AGlobalLightChangeIsNoise) {
  // The whole scene brightens slowly (a cloud passes): every block changes alike, so the mannequin is still.
  Scenario s = mannequin();
  s.frame = [](TimestampMs t) {
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin);
    f += cv::Scalar::all(static_cast<double>(t) / 1000.0);  // +1 grey level per second
    return f;
  };
  EXPECT_TRUE(run(s).learned_at.has_value());
}

TEST(StaticObjectFilter, ZeroLearnSecondsNeverLearnsButOperatorRegionsApply) {
  StaticFilterParams params;
  params.learn_seconds = 0.0;
  StaticObjectFilter filter(params);
  auto region = parse_ignore_region_flag("100,60,40,100");
  ASSERT_TRUE(region.ok());
  filter.add_region(*region);
  Detections detections{{kMannequin, 0.9f, 0}, {{200, 60, 40, 100}, 0.9f, 0}};
  EXPECT_EQ(filter.filter(detections), 1);
  EXPECT_EQ(detections.size(), 1u);
  EXPECT_EQ(filter.regions()[0].id, 1);
  EXPECT_EQ(filter.regions()[0].origin, IgnoreOrigin::operator_set);
  Outcome o = run(mannequin(), params);
  EXPECT_FALSE(o.learned_at.has_value());
}

TEST(StaticObjectFilter, ADisabledRegionIsNotLearnedAgainAndIdsContinue) {
  StaticObjectFilter filter;
  IgnoreRegion stored;
  stored.id = 7;
  stored.box = kMannequin;
  stored.origin = IgnoreOrigin::learned;
  stored.enabled = false;  // the operator said: that is a person, keep counting it
  filter.set_regions({stored});
  std::mt19937 rng(3);
  int dropped = 0;
  for (TimestampMs t = 0; t <= 40000; t += kFrameMs) {
    Detections d = one(jittered(kMannequin, t));
    dropped += filter.filter(d);
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin);
    filter.observe(d, test::with_noise(f, rng), t);
  }
  EXPECT_EQ(dropped, 0);
  ASSERT_EQ(filter.regions().size(), 1u);
  filter.add_region(*parse_ignore_region_flag("10,10,20,20"));
  EXPECT_EQ(filter.regions().back().id, 8);
}

TEST(StaticFilterParams, ValidationNamesTheField) {
  EXPECT_TRUE(validate_static_filter_params(static_filter_default_params()).ok());
  StaticFilterParams p;
  p.still_iou = 0.0f;
  auto s = validate_static_filter_params(p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("static_filter.still_iou"), std::string::npos) << s.error().message;
  p = {};
  p.check_seconds = 15.0;  // more than half of learn_seconds: too few checkpoints
  EXPECT_FALSE(validate_static_filter_params(p).ok());
  p = {};
  p.learn_seconds = -1.0;
  EXPECT_FALSE(validate_static_filter_params(p).ok());
}

// Through TrackCounter: before the region is learned the mannequin is counted (raw and tracked); afterwards
// neither count includes it, while a walker keeps being counted.
TEST(StaticObjectFilterInTrackCounter, RawAndTrackedCountsDropTheMannequinOnceLearned) {
  TrackCounter counter({}, {});
  StaticFilterParams params;
  params.learn_seconds = 10.0;
  counter.set_static_filter(std::make_unique<StaticObjectFilter>(params));
  std::mt19937 rng(5);
  int raw_before = -1, tracked_before = -1, raw_after = -1, tracked_after = -1, ignored_after = 0;
  for (TimestampMs t = 0; t <= 20000; t += kFrameMs) {
    const Box walker{200.0f, 20.0f + static_cast<float>(t) / 200.0f, 40, 100};
    cv::Mat f = scene().clone();
    draw_figure(f, kMannequin);
    draw_figure(f, walker);
    FrameCount count;
    count.timestamp_ms = t;
    count.frame_width = 320;
    count.frame_height = 240;
    count.detections = {{jittered(kMannequin, t), 0.9f, 0}, {walker, 0.9f, 0}};
    count.count = 2;
    auto tracked = counter.update(count, test::with_noise(f, rng));
    ASSERT_TRUE(tracked.ok()) << tracked.error().message;
    if (t == 5000) {
      raw_before = count.count;
      tracked_before = tracked->tracked_count;
    }
    if (t == 20000) {
      raw_after = count.count;
      tracked_after = tracked->tracked_count;
      ignored_after = tracked->ignored;
    }
  }
  EXPECT_EQ(raw_before, 2);
  EXPECT_EQ(tracked_before, 2);
  EXPECT_EQ(raw_after, 1);
  EXPECT_EQ(tracked_after, 1);
  EXPECT_EQ(ignored_after, 1);
  ASSERT_NE(counter.static_filter(), nullptr);
  EXPECT_EQ(counter.static_filter()->regions().size(), 1u);
}

}  // namespace
}  // namespace footfall

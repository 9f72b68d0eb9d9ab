#include "footfall/count/zone_tracker.h"

#include <gtest/gtest.h>

#include <vector>

#include "count_test_util.h"

namespace footfall {
namespace {

using testing::track_at;

// A 100x100 square with 1 s inertia.
ZoneParams shelf(double inertia_s = 1.0) {
  return ZoneParams{"shelf", {{100, 100}, {200, 100}, {200, 200}, {100, 200}}, inertia_s, false};
}

constexpr Point kInside{150, 150};
constexpr Point kOutside{300, 150};

TEST(ZoneTracker, OccupancyCountsConfirmedTracksWhoseFeetAreInside) {
  ZoneTracker zones({shelf()});
  zones.update({track_at(1, kInside), track_at(2, {120, 180}), track_at(3, kOutside),
                track_at(4, kInside, TrackState::tentative), track_at(5, kInside, TrackState::lost)},
               0);
  EXPECT_EQ(zones.occupancy()[0], 2);
  EXPECT_EQ(zones.open_visits(0), 2u);
}

TEST(ZoneTracker, TestsTheBottomCentreNotTheBox) {
  ZoneTracker zones({shelf()});
  // Head inside the zone, feet below it.
  zones.update({track_at(1, {150, 250})}, 0);
  EXPECT_EQ(zones.occupancy()[0], 0);
}

TEST(ZoneTracker, VisitClosesAtTheLastInsideTimeOnceTheInertiaHasPassed) {
  ZoneTracker zones({shelf(1.0)});
  EXPECT_TRUE(zones.update({track_at(1, kOutside)}, 0).empty());
  EXPECT_TRUE(zones.update({track_at(1, kInside)}, 1000).empty());
  EXPECT_TRUE(zones.update({track_at(1, kInside)}, 5000).empty());
  EXPECT_TRUE(zones.update({track_at(1, kOutside)}, 5500).empty());  // absent 0.5 s < 1 s
  const auto closed = zones.update({track_at(1, kOutside)}, 6000);   // absent 1 s: closes
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].zone, "shelf");
  EXPECT_EQ(closed[0].track_id, 1);
  EXPECT_EQ(closed[0].enter_ms, 1000);
  EXPECT_EQ(closed[0].exit_ms, 5000);
  EXPECT_EQ(closed[0].dwell_ms, 4000);
  EXPECT_EQ(zones.open_visits(0), 0u);
}

TEST(ZoneTracker, VisitSurvivesAMissedDetectionWithinTheInertia) {
  ZoneTracker zones({shelf(1.0)});
  std::vector<ZoneVisit> closed;
  auto feed = [&](const Tracks& tracks, TimestampMs t) {
    for (auto& v : zones.update(tracks, t)) closed.push_back(v);
  };
  feed({track_at(1, kInside)}, 0);
  feed({track_at(1, kInside)}, 200);
  feed({}, 400);                                       // missed detection: the track is missing entirely
  feed({track_at(1, kInside, TrackState::lost)}, 600);  // then lost (occluded)
  feed({track_at(1, kInside)}, 1100);                  // back after 0.9 s
  EXPECT_TRUE(closed.empty());
  EXPECT_EQ(zones.open_visits(0), 1u);
  feed({track_at(1, kInside)}, 3000);
  feed({}, 4000);  // gone for 1 s: the visit ends
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].enter_ms, 0);
  EXPECT_EQ(closed[0].exit_ms, 3000);
  EXPECT_EQ(closed[0].dwell_ms, 3000);
}

TEST(ZoneTracker, AGapLongerThanTheInertiaMakesTwoVisits) {
  ZoneTracker zones({shelf(1.0)});
  std::vector<ZoneVisit> closed;
  auto feed = [&](const Tracks& tracks, TimestampMs t) {
    for (auto& v : zones.update(tracks, t)) closed.push_back(v);
  };
  feed({track_at(1, kInside)}, 0);
  feed({track_at(1, kInside)}, 500);
  feed({}, 1000);
  feed({}, 1600);  // 1.1 s since last inside
  feed({track_at(1, kInside)}, 2000);
  for (auto& v : zones.flush()) closed.push_back(v);
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_EQ(closed[0].enter_ms, 0);
  EXPECT_EQ(closed[0].exit_ms, 500);
  EXPECT_EQ(closed[1].enter_ms, 2000);
  EXPECT_EQ(closed[1].exit_ms, 2000);
  EXPECT_EQ(closed[1].dwell_ms, 0);
}

TEST(ZoneTracker, ZeroInertiaClosesOnTheFirstAbsence) {
  ZoneTracker zones({shelf(0.0)});
  zones.update({track_at(1, kInside)}, 0);
  const auto closed = zones.update({}, 40);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].exit_ms, 0);
}

TEST(ZoneTracker, FlushClosesOpenVisitsInZoneThenTrackOrder) {
  ZoneTracker zones({shelf(), ZoneParams{"door", {{0, 0}, {400, 0}, {400, 400}, {0, 400}}, 2.0, false}});
  zones.update({track_at(9, kInside), track_at(3, kInside)}, 100);
  zones.update({track_at(9, kInside), track_at(3, kInside)}, 300);
  const auto closed = zones.flush();
  ASSERT_EQ(closed.size(), 4u);
  EXPECT_EQ(closed[0].zone, "shelf");
  EXPECT_EQ(closed[0].track_id, 3);
  EXPECT_EQ(closed[1].track_id, 9);
  EXPECT_EQ(closed[2].zone, "door");
  EXPECT_EQ(closed[0].dwell_ms, 200);
  EXPECT_EQ(zones.open_visits(0), 0u);
  EXPECT_EQ(zones.occupancy()[1], 0);
}

TEST(ZoneTracker, QueueZoneReportsLittlesLawWaitAndMeasuredDwell) {
  // One arrival every 10 s, each stays exactly 50 s: steady-state length 5, arrival rate 0.1/s, so Little's law
  // gives 5 / 0.1 = 50 s, the same as the measured dwell.
  ZoneParams queue{"checkout", {{0, 0}, {100, 0}, {100, 100}, {0, 100}}, 2.0, true};
  ZoneTracker zones({queue}, 120'000);
  std::int64_t closed_count = 0;
  for (TimestampMs t = 0; t <= 300'000; t += 1000) {
    Tracks tracks;
    for (std::int64_t id = 0; id * 10'000 <= t; ++id) {
      const TimestampMs arrived = id * 10'000;
      tracks.push_back(track_at(id + 1, t < arrived + 50'000 ? Point{50, 50} : Point{500, 50}));
    }
    closed_count += static_cast<std::int64_t>(zones.update(tracks, t).size());
  }
  EXPECT_GT(closed_count, 20);
  const QueueSnapshot q = zones.queue(0);
  EXPECT_EQ(q.length, 5);
  EXPECT_EQ(q.arrivals_in_window, 12);  // arrivals at 190 s .. 300 s inside (180 s, 300 s]
  EXPECT_NEAR(q.arrivals_per_second, 0.1, 1e-9);
  ASSERT_TRUE(q.estimated_wait_s.has_value());
  EXPECT_NEAR(*q.estimated_wait_s, 50.0, 1e-6);
  ASSERT_TRUE(q.mean_dwell_s.has_value());
  EXPECT_NEAR(*q.mean_dwell_s, 49.0, 1e-9);  // last inside at 49 s of each 50 s stay (1 s frames)
  EXPECT_EQ(q.departures_in_window, 11);  // exits at 189 s .. 289 s; the 299 s one closes only at 301 s
}

}  // namespace
}  // namespace footfall

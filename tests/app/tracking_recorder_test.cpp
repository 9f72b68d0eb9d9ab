// TrackingRecorder into a real SQLite store: a person walking down across a line and through two zones gives the
// tracked count, one crossing, zone visits, per-frame zone counts with queue fields, published events matching the
// rows, and an hourly heatmap that a restart continues without counting any frame twice.
#include "footfall/app/tracking_recorder.h"

#include <gtest/gtest.h>

#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;

constexpr TimestampMs kT0 = 1795514400000;  // 2026-11-24T10:00:00Z

class RecordingSink : public EventSink {
 public:
  void on_crossing(const CrossingEvent& e) override { crossings.push_back(e); }
  void on_visit(const ZoneVisitEvent& e) override { visits.push_back(e); }
  void on_frame(const FrameSummary& s) override { frames.push_back(s); }
  std::vector<CrossingEvent> crossings;
  std::vector<ZoneVisitEvent> visits;
  std::vector<FrameSummary> frames;
};

CameraConfig door_camera() {
  CameraConfig camera;
  camera.name = "door";
  LineConfig line;
  line.name = "entrance";
  line.a = {0.0f, 240.0f};
  line.b = {640.0f, 240.0f};
  camera.lines.push_back(line);
  ZoneConfig top;
  top.name = "hall";
  top.polygon = {{0.0f, 0.0f}, {640.0f, 0.0f}, {640.0f, 239.0f}, {0.0f, 239.0f}};
  ZoneConfig queue;
  queue.name = "tills";
  queue.polygon = {{0.0f, 241.0f}, {640.0f, 241.0f}, {640.0f, 480.0f}, {0.0f, 480.0f}};
  queue.queue = true;
  camera.zones = {top, queue};
  return camera;
}

// Frame i of a person walking down the image at 100 px/s, feet from y=180 to y=470 over 30 frames (0.1 s apart).
FrameCount walking_frame(int i, TimestampMs t0 = kT0) {
  FrameCount c;
  c.camera = "door";
  c.timestamp_ms = t0 + i * 100;
  c.frame_index = i + 1;
  c.model = "synthetic";
  c.frame_width = 640;
  c.frame_height = 480;
  const float feet = 180.0f + static_cast<float>(i) * 10.0f;
  c.detections.push_back({{300.0f, feet - 80.0f, 40.0f, 80.0f}, 0.9f, 0});
  c.count = 1;
  c.mean_confidence = 0.9f;
  return c;
}

struct RunTotals {
  std::int64_t tracked_sum = 0;  // sum of the tracked counts of the frames recorded
};

// Records frames [first, last) through a recorder and a BatchWriter into `store`, then finishes.
RunTotals record_frames(Store& store, EventSink& events, int first, int last, TimestampMs t0 = kT0) {
  TrackingRecorder recorder(door_camera(), store, events);
  BatchWriter writer(store, 8, 60000);
  RunTotals totals;
  for (int i = first; i < last; ++i) {
    auto recorded = recorder.record(walking_frame(i, t0));
    EXPECT_TRUE(recorded) << recorded.error().message;
    if (!recorded) break;
    totals.tracked_sum += recorded->rows.count.tracked.value_or(0);
    for (HeatmapRow& h : recorded->heatmaps) writer.set_heatmap(std::move(h));
    EXPECT_TRUE(writer.add(std::move(recorded->rows), 0));
  }
  RecordedEnd end = recorder.finish();
  for (HeatmapRow& h : end.heatmaps) writer.set_heatmap(std::move(h));
  EXPECT_TRUE(writer.add_visits(std::move(end.visits), 0));
  EXPECT_TRUE(writer.flush());
  return totals;
}

std::uint64_t heatmap_total(Store& store) {
  auto rows = store.read_heatmaps("door", 0, INT64_MAX);
  EXPECT_TRUE(rows);
  std::uint64_t total = 0;
  for (const HeatmapRow& r : *rows) total += r.total();
  return total;
}

std::unique_ptr<Store> open(const std::filesystem::path& db) {
  auto store = open_store(db.string());
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

TEST(TrackingRecorder, AWalkAcrossALineAndTwoZonesIsStoredAndPublished) {
  TempDir dir;
  auto store = open(dir / "counts.db");
  ASSERT_TRUE(store);
  RecordingSink events;
  const RunTotals totals = record_frames(*store, events, 0, 30);

  auto counts = store->read_counts({});
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 30u);
  EXPECT_EQ(counts->front().tracked, 0) << "not yet confirmed in the first frame";
  EXPECT_EQ(counts->back().tracked, 1);
  EXPECT_GT(totals.tracked_sum, 20);

  auto crossings = store->read_crossings({});
  ASSERT_TRUE(crossings);
  ASSERT_EQ(crossings->size(), 1u);
  EXPECT_EQ(crossings->front().line, "entrance");
  EXPECT_EQ(crossings->front().direction, "in") << "walking down across a line drawn left to right";
  ASSERT_EQ(events.crossings.size(), 1u);
  EXPECT_EQ(events.crossings[0].track_id, crossings->front().track_id);
  EXPECT_EQ(events.crossings[0].timestamp_ms, crossings->front().timestamp_ms);

  // The hall visit closed during the walk (2 s after the feet left it), the tills visit at finish().
  auto visits = store->read_zone_visits({});
  ASSERT_TRUE(visits);
  ASSERT_EQ(visits->size(), 2u);
  EXPECT_EQ((*visits)[0].zone, "hall");
  EXPECT_EQ((*visits)[1].zone, "tills");
  EXPECT_EQ((*visits)[1].exit_ms, kT0 + 2900) << "closed at the last frame inside";
  for (const ZoneVisitRow& v : *visits) EXPECT_EQ(v.dwell_ms, v.exit_ms - v.enter_ms);
  EXPECT_EQ(events.visits.size(), 2u);

  auto zones = store->read_zone_counts({});
  ASSERT_TRUE(zones);
  ASSERT_EQ(zones->size(), 60u) << "one row per frame per zone";
  int hall_frames = 0;
  int tills_frames = 0;
  for (const ZoneCountRow& z : *zones) {
    if (z.zone == "hall") {
      hall_frames += z.occupancy;
      EXPECT_FALSE(z.queue_length.has_value()) << "not a queue zone";
      EXPECT_FALSE(z.queue_wait_s.has_value());
    } else {
      tills_frames += z.occupancy;
      ASSERT_TRUE(z.queue_length.has_value());
      EXPECT_EQ(*z.queue_length, z.occupancy);
      if (z.occupancy > 0) {
        EXPECT_TRUE(z.queue_wait_s.has_value()) << "one arrival: a rate, so a wait";
      }
    }
  }
  EXPECT_GT(hall_frames, 0);
  EXPECT_GT(tills_frames, 15);
  ASSERT_EQ(events.frames.size(), 30u);
  EXPECT_EQ(events.frames.back().zones.size(), 2u);
  EXPECT_EQ(events.frames.back().zones[1].occupancy, 1);
  EXPECT_EQ(events.frames.back().tracked_count, 1);

  // The heatmap holds one bottom-centre per confirmed track per frame, in the cells the feet passed.
  auto grids = store->read_heatmaps("door", kT0, kT0 + 1);
  ASSERT_TRUE(grids);
  ASSERT_EQ(grids->size(), 1u);
  const HeatmapRow& grid = grids->front();
  EXPECT_EQ(grid.hour_ms, kT0);
  EXPECT_EQ(grid.cols, 64);
  EXPECT_EQ(grid.rows, 36);
  EXPECT_EQ(grid.total(), static_cast<std::uint64_t>(totals.tracked_sum));
  EXPECT_EQ(grid.through_ms, kT0 + 2900);
  std::uint64_t column_32 = 0;  // x = 320 is in column 320 * 64 / 640 = 32
  for (int r = 0; r < grid.rows; ++r) column_32 += grid.cells[static_cast<std::size_t>(r) * 64 + 32];
  EXPECT_EQ(column_32, grid.total()) << "the feet stay at x = 320";
}

TEST(TrackingRecorder, ARestartContinuesTheHourAndAReplayCountsNothingTwice) {
  TempDir dir;
  RecordingSink events;
  auto reference = open(dir / "reference.db");
  ASSERT_TRUE(reference);
  record_frames(*reference, events, 0, 30);
  const std::uint64_t expected = heatmap_total(*reference);
  ASSERT_GT(expected, 20u);

  // Stopped after 15 frames, then the whole file is processed again from the start.
  auto store = open(dir / "counts.db");
  ASSERT_TRUE(store);
  record_frames(*store, events, 0, 15);
  const std::uint64_t first_half = heatmap_total(*store);
  EXPECT_GT(first_half, 0u);
  EXPECT_LT(first_half, expected);
  record_frames(*store, events, 0, 30);
  EXPECT_EQ(heatmap_total(*store), expected) << "the restart continued the stored grid";
  record_frames(*store, events, 0, 30);
  EXPECT_EQ(heatmap_total(*store), expected) << "a replay of the same frames adds nothing";
  EXPECT_EQ(store->read_crossings({})->size(), 1u);
  EXPECT_EQ(store->read_counts({})->size(), 30u);

  // A later run in the same hour (new frames) adds to the grid.
  record_frames(*store, events, 0, 30, kT0 + 60000);
  EXPECT_EQ(heatmap_total(*store), 2 * expected);
  EXPECT_EQ(store->read_heatmaps("door", kT0, kT0 + kHourMs)->size(), 1u);
}

TEST(TrackingRecorder, AWalkOverTheTopOfTheHourFillsTwoGrids) {
  TempDir dir;
  RecordingSink events;
  auto store = open(dir / "counts.db");
  ASSERT_TRUE(store);
  const RunTotals totals = record_frames(*store, events, 0, 30, kT0 - 1500);  // 15 frames before 10:00, 15 after
  auto grids = store->read_heatmaps("door", 0, INT64_MAX);
  ASSERT_TRUE(grids);
  ASSERT_EQ(grids->size(), 2u);
  EXPECT_EQ((*grids)[0].hour_ms, kT0 - kHourMs);
  EXPECT_EQ((*grids)[1].hour_ms, kT0);
  EXPECT_EQ((*grids)[0].through_ms, kT0 - 100);
  EXPECT_GT((*grids)[0].total(), 0u);
  EXPECT_EQ((*grids)[1].total(), 15u) << "confirmed by then: one position per frame";
  EXPECT_EQ((*grids)[0].total() + (*grids)[1].total(), static_cast<std::uint64_t>(totals.tracked_sum));
}

TEST(TrackingRecorder, ALineOutsideTheFrameIsAnErrorNamingCameraAndLine) {
  TempDir dir;
  auto store = open(dir / "counts.db");
  ASSERT_TRUE(store);
  RecordingSink events;
  CameraConfig camera = door_camera();
  camera.lines[0].b = {900.0f, 240.0f};
  TrackingRecorder recorder(camera, *store, events);
  auto recorded = recorder.record(walking_frame(0));
  ASSERT_FALSE(recorded);
  EXPECT_NE(recorded.error().message.find("camera door"), std::string::npos) << recorded.error().message;
  EXPECT_NE(recorded.error().message.find("line entrance"), std::string::npos) << recorded.error().message;
}

}  // namespace
}  // namespace footfall

// TrackingRecorder: per camera, turns each analysed frame into what footfall keeps of it and tells the rest of the
// app: tracking (TrackCounter, configured from the camera's lines and zones), the count row with the tracked count,
// line crossings, closed zone visits, per-frame zone counts (queue length and Little's-law wait for queue zones),
// and the heatmap grid of the current UTC hour (by frame time). Events go to an EventSink as they happen.
//
// Heatmap: confirmed tracks' bottom-centres are accumulated into a HeatmapGrid per UTC hour. When a frame starts a
// new hour, the hour's grid already in the store (an earlier run) is loaded and continued; its through_ms says up
// to which frame time it already counts, and frames up to then are not added again, so a restart continues the
// hour and re-processing the same file does not count it twice.
//
// Static look-alikes and background: see record(). This is where footfall's only kept image comes from: the
// background is a per-pixel median of frames sampled seconds apart, so people who move vanish from it, and it is
// stored only once enough samples exist (BackgroundParams::min_samples).
//
// Not thread-safe: one per pipeline thread. The store is used when an hour starts, to store a learned region or the
// background, and to re-read the ignore regions once a minute.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/app/pending_regions.h"
#include "footfall/app/track_counter.h"
#include "footfall/config/config.h"
#include "footfall/count/heatmap_grid.h"
#include "footfall/scene/background_model.h"
#include "footfall/store/batch_writer.h"
#include "footfall/store/store.h"

namespace footfall {

struct RecordedFrame {
  FrameRows rows;                   // count (with tracked), crossings, visits closed by this frame, zone counts
  std::vector<HeatmapRow> heatmaps;  // grids that changed: a finished hour and/or the current one
  int crossings_in = 0;
  int crossings_out = 0;
};

struct RecordedEnd {
  std::vector<ZoneVisitRow> visits;  // visits still open, closed now
  std::vector<HeatmapRow> heatmaps;  // the current hour's grid, when it has changes not yet handed out
};

class TrackingRecorder {
 public:
  TrackingRecorder(const CameraConfig& camera, Store& store, EventSink& events, HeatmapParams heatmap = {},
                   BackgroundParams background = {});

  // `image`: the frame the detections are in. With it, detections in the camera's ignore regions are dropped from
  // the count first (static look-alikes; regions are learned from the frames and stored, and re-read from the
  // store every minute of frame time so operator edits apply), and the frame feeds the people-free background,
  // stored at most once a minute once it is ready. Without it (empty), only tracking and counting.
  // Errors (first frame only): a line or zone of the camera outside the frame, naming it.
  Result<RecordedFrame> record(FrameCount count, const cv::Mat& image = cv::Mat());
  // End of input or shutdown: closes open visits (published too) and hands out the last grid changes.
  RecordedEnd finish();
  // Keeps the regions learned while the store cannot take them in `file` (PendingRegions) from now on, so that a
  // kill or restart during a database outage does not lose them; regions an earlier run left there are applied and
  // stored when the store answers. Call before the first frame. Without it they are kept in memory only.
  void keep_pending_regions(const std::filesystem::path& file);

 private:
  static constexpr TimestampMs kBackgroundWriteMs = 60'000;

  void start_hour(TimestampMs hour, int width, int height);
  void load_regions();
  void learn_regions(std::size_t known);
  bool store_region(const IgnoreRegion& region);  // false (logged) when the store cannot take it now
  // Stores the unstored regions the store does not have yet (it may have some: stored just before a kill).
  void store_unstored_regions();
  void save_pending_regions();  // logged when the file cannot be written
  // Stores the background when it is ready and a minute has passed since the last write (or, with `force`, when
  // newer frames went into it since).
  void observe_background(const cv::Mat& image, TimestampMs t, bool force);
  HeatmapRow heatmap_row() const;

  std::string camera_;
  TrackCounter counter_;
  CountReader& reader_;
  SceneStore& scene_;
  EventSink& events_;
  HeatmapParams heatmap_params_;
  std::optional<HeatmapGrid> grid_;
  TimestampMs hour_ms_ = 0;
  TimestampMs resume_through_ms_ = INT64_MIN;  // frames up to here are already in the stored grid
  TimestampMs through_ms_ = INT64_MIN;
  bool grid_dirty_ = false;
  BackgroundModel background_;
  std::optional<TimestampMs> background_written_ms_;
  std::optional<TimestampMs> background_failed_ms_;  // frame time of the last failed write, while failing
  std::optional<TimestampMs> regions_loaded_ms_;
  // Learned while the store could not take them (a database outage): applied all the same, stored at each reload
  // until the store takes them, and kept in pending_'s file meanwhile (when keep_pending_regions was called).
  std::vector<IgnoreRegion> unstored_regions_;
  PendingRegions pending_;
  TimestampMs last_frame_ms_ = 0;
};

}  // namespace footfall

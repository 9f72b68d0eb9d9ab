#include "footfall/app/tracking_recorder.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include <utility>

#include <opencv2/imgcodecs.hpp>

namespace footfall {

namespace {

constexpr TimestampMs kRegionReloadMs = 60'000;

CrossingRow to_row(const std::string& camera, const LineCrossing& c) {
  return {camera, c.line, c.timestamp_ms, c.track_id, to_string(c.direction)};
}

ZoneVisitRow to_row(const std::string& camera, const ZoneVisit& v) {
  return {camera, v.zone, v.track_id, v.enter_ms, v.exit_ms, v.dwell_ms};
}

ZoneVisitEvent to_event(const ZoneVisitRow& v) {
  return {v.camera, v.zone, v.track_id, v.enter_ms, v.exit_ms, v.dwell_ms};
}

IgnoreRegion to_region(const IgnoreRegionRow& row) {
  IgnoreRegion r;
  r.id = row.id;
  r.box = {static_cast<float>(row.x), static_cast<float>(row.y), static_cast<float>(row.width),
           static_cast<float>(row.height)};
  r.origin = parse_ignore_origin(row.origin).value_or(IgnoreOrigin::operator_set);
  r.created_ms = row.created_ms;
  r.enabled = row.enabled;
  return r;
}

IgnoreRegionRow to_row(const std::string& camera, const IgnoreRegion& r) {
  IgnoreRegionRow row;
  row.camera = camera;
  row.id = r.id;
  row.x = r.box.x;
  row.y = r.box.y;
  row.width = r.box.width;
  row.height = r.box.height;
  row.origin = std::string(to_string(r.origin));
  row.created_ms = r.created_ms;
  row.enabled = r.enabled;
  return row;
}

// The same learned region: same place (within 0.01 px: the store keeps doubles of the filter's floats), origin and
// learning time. Ids differ: the filter's own before the store has given one.
bool same_region(const IgnoreRegion& a, const IgnoreRegion& b) {
  constexpr float kPx = 0.01f;
  return a.created_ms == b.created_ms && a.origin == b.origin && std::abs(a.box.x - b.box.x) < kPx &&
         std::abs(a.box.y - b.box.y) < kPx && std::abs(a.box.width - b.box.width) < kPx &&
         std::abs(a.box.height - b.box.height) < kPx;
}

bool contains_region(const std::vector<IgnoreRegion>& regions, const IgnoreRegion& region) {
  return std::any_of(regions.begin(), regions.end(), [&](const IgnoreRegion& r) { return same_region(r, region); });
}

}  // namespace

TrackingRecorder::TrackingRecorder(const CameraConfig& camera, Store& store, EventSink& events,
                                   HeatmapParams heatmap, BackgroundParams background)
    : camera_(camera.name),
      counter_(camera.lines, camera.zones, camera.tracking),
      reader_(store),
      scene_(store),
      events_(events),
      heatmap_params_(heatmap),
      background_(background) {
  StaticFilterParams filter;
  filter.learn_seconds = camera.static_ignore_seconds;
  counter_.set_static_filter(std::make_unique<StaticObjectFilter>(filter));
  load_regions();
}

// Regions come from the store: learned ones from earlier runs and the operator's (footfall ignore-regions). They
// are read again every kRegionReloadMs of frame time, so an operator's edit applies to a running camera.
void TrackingRecorder::load_regions() {
  auto rows = scene_.read_ignore_regions(camera_);
  if (!rows) {
    spdlog::warn("camera {}: cannot read the ignore regions, keeping the current ones: {}", camera_,
                 rows.error().message);
    // ... and the unstored ones (from an earlier run's pending file, after a restart during an outage).
    std::vector<IgnoreRegion> current = counter_.static_filter()->regions();
    for (const IgnoreRegion& r : unstored_regions_) {
      if (!contains_region(current, r)) current.push_back(r);
    }
    counter_.static_filter()->set_regions(std::move(current));
    return;
  }
  std::vector<IgnoreRegion> regions;
  for (const IgnoreRegionRow& row : *rows) regions.push_back(to_region(row));
  // Learned while the database was out of reach: still applied, and stored at the next reload.
  regions.insert(regions.end(), unstored_regions_.begin(), unstored_regions_.end());
  counter_.static_filter()->set_regions(std::move(regions));
}

bool TrackingRecorder::store_region(const IgnoreRegion& r) {
  auto id = scene_.add_ignore_region(to_row(camera_, r));
  if (!id) {
    spdlog::warn("camera {}: learned an ignore region ({}) but cannot store it yet: {} (kept, and stored when the "
                 "database answers)",
                 camera_, format_ignore_region(r), id.error().message);
    return false;
  }
  spdlog::info("camera {}: learned ignore region {} at {} (something that looks like a person has not moved)",
               camera_, *id, format_ignore_region(r));
  return true;
}

void TrackingRecorder::store_unstored_regions() {
  if (unstored_regions_.empty()) return;
  // A region may be in the store already: stored just before a kill that left it in the pending file.
  auto stored = scene_.read_ignore_regions(camera_);
  if (!stored) return;  // still out of reach
  std::vector<IgnoreRegion> in_store;
  for (const IgnoreRegionRow& row : *stored) in_store.push_back(to_region(row));
  std::vector<IgnoreRegion> still;
  for (const IgnoreRegion& r : unstored_regions_) {
    if (!contains_region(in_store, r) && !store_region(r)) still.push_back(r);
  }
  if (still.size() != unstored_regions_.size()) {
    unstored_regions_ = std::move(still);
    save_pending_regions();
  }
}

void TrackingRecorder::save_pending_regions() {
  if (Status s = pending_.save(unstored_regions_); !s) {
    spdlog::warn("camera {}: cannot keep the unstored ignore regions on disk (they are kept in memory): {}", camera_,
                 s.error().message);
  }
}

void TrackingRecorder::keep_pending_regions(const std::filesystem::path& file) {
  pending_ = PendingRegions(file);
  auto earlier = pending_.load();
  if (!earlier) {
    // Kept for a look, out of the way of the regions this run may have to keep.
    std::filesystem::path aside = file;
    aside += ".bad";
    std::error_code ec;
    std::filesystem::rename(file, aside, ec);
    spdlog::warn("camera {}: ignoring the pending ignore regions ({}; moved to {}): they are learned again if they "
                 "are still there",
                 camera_, earlier.error().message, aside.string());
    earlier = std::vector<IgnoreRegion>{};
  }
  if (!earlier->empty()) {
    spdlog::info("camera {}: {} ignore region(s) learned during a database outage before the last stop are applied, "
                 "and stored once the database answers (from {})",
                 camera_, earlier->size(), file.string());
    unstored_regions_.insert(unstored_regions_.end(), earlier->begin(), earlier->end());
  }
  store_unstored_regions();
  load_regions();
}

void TrackingRecorder::learn_regions(std::size_t known) {
  const std::vector<IgnoreRegion> regions = counter_.static_filter()->regions();
  if (regions.size() <= known) return;
  const std::size_t unstored = unstored_regions_.size();
  for (std::size_t i = known; i < regions.size(); ++i) {
    if (!store_region(regions[i])) unstored_regions_.push_back(regions[i]);
  }
  if (unstored_regions_.size() != unstored) save_pending_regions();
  load_regions();  // the store's ids are the ones the operator sees
}

void TrackingRecorder::observe_background(const cv::Mat& image, TimestampMs t, bool force) {
  if (!image.empty()) background_.add(image, t);
  if (!background_.ready()) return;
  if (!force && background_written_ms_ && t - *background_written_ms_ < kBackgroundWriteMs) return;
  if (force && background_written_ms_ && *background_written_ms_ >= last_frame_ms_) return;
  // After a failed write (the database is down), the next try waits as long as a normal rewrite would.
  if (!force && background_failed_ms_ && t - *background_failed_ms_ < kBackgroundWriteMs &&
      t >= *background_failed_ms_) {
    return;
  }
  std::vector<std::uint8_t> png;
  const cv::Mat bg = background_.image();
  if (bg.empty() || !cv::imencode(".png", bg, png)) return;
  BackgroundRow row{camera_, last_frame_ms_, bg.cols, bg.rows, std::move(png)};
  if (Status s = scene_.write_background(row); !s) {
    // Once per outage, not once per try.
    if (!background_failed_ms_) {
      spdlog::warn("camera {}: cannot store the background image: {} (retried every minute)", camera_,
                   s.error().message);
    }
    background_failed_ms_ = t;
    return;
  }
  if (background_failed_ms_) spdlog::info("camera {}: background image stored again", camera_);
  background_failed_ms_.reset();
  background_written_ms_ = last_frame_ms_;
}

Result<RecordedFrame> TrackingRecorder::record(FrameCount count, const cv::Mat& image) {
  last_frame_ms_ = count.timestamp_ms;
  if (!regions_loaded_ms_ || count.timestamp_ms - *regions_loaded_ms_ >= kRegionReloadMs ||
      count.timestamp_ms < *regions_loaded_ms_) {
    if (regions_loaded_ms_) {
      store_unstored_regions();
      load_regions();
    }
    regions_loaded_ms_ = count.timestamp_ms;
  }
  const std::size_t known_regions = counter_.static_filter()->regions().size();
  auto tracked = image.empty() ? counter_.update(count) : counter_.update(count, image);
  if (tracked && !image.empty()) {
    learn_regions(known_regions);
    observe_background(image, count.timestamp_ms, false);
  }
  if (!tracked) return make_error("camera " + camera_ + ": " + tracked.error().message);

  RecordedFrame out;
  FrameRows& rows = out.rows;
  rows.count = footfall::to_row(count);
  rows.count.tracked = tracked->tracked_count;

  for (const LineCrossing& c : tracked->crossings) {
    rows.crossings.push_back(to_row(camera_, c));
    (c.direction == CrossingDirection::in ? out.crossings_in : out.crossings_out)++;
    events_.on_crossing({camera_, c.line, c.track_id, c.timestamp_ms, c.direction});
  }
  for (const ZoneVisit& v : tracked->visits) {
    rows.visits.push_back(to_row(camera_, v));
    events_.on_visit(to_event(rows.visits.back()));
  }

  FrameSummary summary{camera_, count.timestamp_ms, count.count, tracked->tracked_count, {}};
  const std::vector<ZoneParams>& zones = counter_.zones();
  for (std::size_t i = 0; i < zones.size() && i < tracked->zone_occupancy.size(); ++i) {
    ZoneCountRow z{camera_, zones[i].name, count.timestamp_ms, tracked->zone_occupancy[i], std::nullopt, std::nullopt};
    if (zones[i].is_queue) {
      const QueueSnapshot q = counter_.queue(i);
      z.queue_length = q.length;
      z.queue_wait_s = q.estimated_wait_s;
    }
    summary.zones.push_back({z.zone, z.occupancy, z.queue_length, z.queue_wait_s});
    rows.zone_counts.push_back(std::move(z));
  }
  events_.on_frame(summary);

  // Heatmap of the frame's UTC hour.
  const TimestampMs hour = hour_start(count.timestamp_ms);
  if (!grid_ || hour != hour_ms_) {
    if (grid_ && grid_dirty_) out.heatmaps.push_back(heatmap_row());
    start_hour(hour, count.frame_width, count.frame_height);
  }
  if (count.timestamp_ms > resume_through_ms_) {
    // A frame of another size than the grid's (a camera reconfigured within the hour) is scaled onto it.
    const auto scale = [](int to, int from) {
      return from > 0 ? static_cast<float>(to) / static_cast<float>(from) : 1.0f;
    };
    const float sx = scale(grid_->frame_width(), count.frame_width);
    const float sy = scale(grid_->frame_height(), count.frame_height);
    for (const Track& t : tracked->tracks) {
      const Point p = t.box.bottom_centre();
      if (grid_->add({p.x * sx, p.y * sy})) grid_dirty_ = true;
    }
    through_ms_ = count.timestamp_ms;
    if (grid_dirty_) out.heatmaps.push_back(heatmap_row());
  }
  return out;
}

RecordedEnd TrackingRecorder::finish() {
  observe_background(cv::Mat(), last_frame_ms_, true);
  store_unstored_regions();
  RecordedEnd end;
  for (const ZoneVisit& v : counter_.flush()) {
    end.visits.push_back(to_row(camera_, v));
    events_.on_visit(to_event(end.visits.back()));
  }
  if (grid_ && grid_dirty_) end.heatmaps.push_back(heatmap_row());
  return end;
}

void TrackingRecorder::start_hour(TimestampMs hour, int width, int height) {
  hour_ms_ = hour;
  grid_.emplace(width, height, heatmap_params_);
  grid_dirty_ = false;
  resume_through_ms_ = INT64_MIN;
  through_ms_ = INT64_MIN;
  auto stored = reader_.read_heatmaps(camera_, hour, hour + 1);
  if (!stored) {
    spdlog::warn("camera {}: cannot load the heatmap of {} to continue it, starting it anew: {}", camera_,
                 format_iso8601(hour), stored.error().message);
    return;
  }
  if (stored->empty()) return;
  const HeatmapRow& row = stored->front();
  if (row.cols != grid_->cols() || row.rows != grid_->rows()) {
    spdlog::warn("camera {}: the stored heatmap of {} is a {}x{} grid, not {}x{}: starting it anew", camera_,
                 format_iso8601(hour), row.cols, row.rows, grid_->cols(), grid_->rows());
    return;
  }
  if (Status added = grid_->add_cells(row.cells); !added) {
    spdlog::warn("camera {}: the stored heatmap of {} is unreadable, starting it anew: {}", camera_,
                 format_iso8601(hour), added.error().message);
    grid_->clear();
    return;
  }
  resume_through_ms_ = row.through_ms;
  through_ms_ = row.through_ms;
  spdlog::info("camera {}: continuing the heatmap of {} ({} positions up to {})", camera_, format_iso8601(hour),
               grid_->total(), format_iso8601(row.through_ms));
}

HeatmapRow TrackingRecorder::heatmap_row() const {
  return {camera_,        hour_ms_,       grid_->frame_width(), grid_->frame_height(),
          grid_->cols(),  grid_->rows(),  grid_->cells(),       through_ms_};
}

}  // namespace footfall

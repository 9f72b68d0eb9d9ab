#include "footfall/server/snapshot_service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <opencv2/imgcodecs.hpp>

#include "footfall/app/track_counter.h"
#include "footfall/core/geometry.h"
#include "footfall/detect/detector.h"
#include "footfall/store/rows.h"

namespace footfall {

namespace {

int be16(const unsigned char* p) { return (p[0] << 8) | p[1]; }
std::int64_t be32(const unsigned char* p) {
  return (std::int64_t{p[0]} << 24) | (std::int64_t{p[1]} << 16) | (std::int64_t{p[2]} << 8) | std::int64_t{p[3]};
}

std::optional<std::pair<int, int>> jpeg_dimensions(const unsigned char* data, std::size_t size) {
  std::size_t i = 2;  // after SOI
  while (i + 4 <= size) {
    if (data[i] != 0xFF) return std::nullopt;
    unsigned char marker = data[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    i += 2;
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end of image / scan before any frame header
    if (i + 2 > size) return std::nullopt;
    const int length = be16(data + i);
    if (length < 2) return std::nullopt;
    const bool frame_header = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame_header) {
      if (i + 7 > size) return std::nullopt;
      const int height = be16(data + i + 3);
      const int width = be16(data + i + 5);
      if (width <= 0 || height <= 0) return std::nullopt;
      return std::make_pair(width, height);
    }
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::pair<int, int>> image_dimensions(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  if (size >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return jpeg_dimensions(data, size);
  constexpr std::string_view kPng("\x89PNG\r\n\x1A\n", 8);
  if (size >= 24 && bytes.substr(0, 8) == kPng && bytes.substr(12, 4) == "IHDR") {
    const std::int64_t width = be32(data + 16);
    const std::int64_t height = be32(data + 20);
    if (width <= 0 || height <= 0 || width > 1'000'000 || height > 1'000'000) return std::nullopt;
    return std::make_pair(static_cast<int>(width), static_cast<int>(height));
  }
  return std::nullopt;
}

struct SnapshotService::Camera {
  const CameraConfig* config = nullptr;
  std::mutex mutex;  // one snapshot at a time: the detector is not thread-safe
  std::unique_ptr<FrameAnalyzer> analyzer;
  std::int64_t index = 0;
  std::mutex stats_mutex;  // a scrape must not wait for a detection
  CameraStats stats;
};

SnapshotService::SnapshotService(const AppConfig& config, Store& store, EventSink& events, DetectorSource detectors)
    : config_(config), store_(store), events_(events), detectors_(std::move(detectors)) {
  for (const CameraConfig& c : config_.cameras) {
    if (!c.enabled) continue;
    auto camera = std::make_unique<Camera>();
    camera->config = &c;
    cameras_[c.name] = std::move(camera);
  }
}

SnapshotService::~SnapshotService() = default;

Result<SnapshotResult> SnapshotService::count_snapshot(const std::string& name, std::string_view image_bytes,
                                                       TimestampMs timestamp_ms, SnapshotError* error) {
  auto fail = [error](SnapshotError kind, std::string message) -> Result<SnapshotResult> {
    if (error != nullptr) *error = kind;
    return make_error(std::move(message));
  };
  Camera* camera = nullptr;
  {
    std::lock_guard lock(mutex_);
    const auto it = cameras_.find(name);
    if (it != cameras_.end()) camera = it->second.get();
  }
  if (camera == nullptr) {
    return fail(SnapshotError::kUnknownCamera, "camera " + name + ": no such enabled camera in the configuration");
  }
  // The header first: a body that is not a JPEG or PNG, or one that would decode to a huge image, is refused
  // before any pixel is decoded.
  const auto size = image_dimensions(image_bytes);
  if (!size) {
    return fail(SnapshotError::kNotAnImage,
                "camera " + name + ": the snapshot (" + std::to_string(image_bytes.size()) +
                    " bytes) is not a readable JPEG or PNG image");
  }
  if (std::int64_t{size->first} * size->second > kMaxSnapshotPixels) {
    return fail(SnapshotError::kNotAnImage, "camera " + name + ": the snapshot is " + std::to_string(size->first) +
                                                "x" + std::to_string(size->second) + " pixels, more than the " +
                                                std::to_string(kMaxSnapshotPixels / 1'000'000) + " megapixels allowed");
  }
  cv::Mat image;
  try {
    const cv::Mat raw(1, static_cast<int>(image_bytes.size()), CV_8UC1,
                      const_cast<char*>(image_bytes.data()));  // read-only view; imdecode copies
    image = cv::imdecode(raw, cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    image.release();
  }
  if (image.empty()) {
    return fail(SnapshotError::kNotAnImage, "camera " + name + ": the snapshot could not be decoded (damaged image)");
  }

  std::lock_guard lock(camera->mutex);
  if (!camera->analyzer) {
    std::unique_ptr<Detector> detector = detectors_ ? detectors_(name) : nullptr;
    if (detector == nullptr) {
      std::string warning;
      auto own = create_detector(config_.model, camera->config->detect, &warning);
      if (!own) return fail(SnapshotError::kFailed, "camera " + name + ": " + own.error().message);
      if (!warning.empty()) spdlog::warn("{}", warning);
      detector = std::move(*own);
    }
    camera->analyzer = std::make_unique<FrameAnalyzer>(std::move(detector), name, camera->config->roi,
                                                       camera->config->roi_normalized);
  }
  Frame frame;
  frame.image = std::move(image);
  frame.timestamp_ms = timestamp_ms;
  frame.index = ++camera->index;
  const auto start = std::chrono::steady_clock::now();
  FrameCount count = camera->analyzer->analyze(frame);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const CountRow row = to_row(count);
  // Zone occupancy of this one frame: the people whose feet (bottom-centre) are inside each zone; a queue zone's
  // length is its occupancy. No visits, dwell or wait: those need tracking across frames, which snapshots lack.
  std::vector<ZoneCountRow> zone_rows;
  std::vector<ZoneSummary> zone_summaries;
  if (!camera->config->zones.empty()) {
    auto geometry = resolve_counting_geometry({}, camera->config->zones, frame.image.cols, frame.image.rows,
                                              "cameras." + camera->config->local_name);
    if (!geometry) {
      return fail(SnapshotError::kFailed, "camera " + name + ": " + geometry.error().message);
    }
    for (const ZoneParams& zone : geometry->zones) {
      int inside = 0;
      for (const Detection& d : count.detections) inside += contains(zone.polygon, d.box.bottom_centre()) ? 1 : 0;
      ZoneSummary z{zone.name, inside, std::nullopt, std::nullopt};
      if (zone.is_queue) z.queue_length = inside;
      zone_rows.push_back({name, zone.name, timestamp_ms, inside, z.queue_length, std::nullopt});
      zone_summaries.push_back(std::move(z));
    }
  }
  WriteBatch batch;
  batch.counts = std::span<const CountRow>(&row, 1);
  batch.zone_counts = zone_rows;
  if (Status s = store_.write(batch); !s) {
    return fail(SnapshotError::kFailed, "camera " + name + ": the count was not stored: " + s.error().message);
  }
  {
    std::lock_guard stats_lock(camera->stats_mutex);
    camera->stats.snapshots++;
    camera->stats.persons += static_cast<std::uint64_t>(count.count);
    camera->stats.inference_seconds += seconds;
    camera->stats.last_ms = timestamp_ms;
  }

  // A snapshot is one frame: everyone detected is in view (no tracking across snapshots).
  FrameSummary summary;
  summary.camera = name;
  summary.timestamp_ms = timestamp_ms;
  summary.count = count.count;
  summary.tracked_count = count.count;
  summary.zones = std::move(zone_summaries);
  events_.on_frame(summary);
  spdlog::debug("camera {}: snapshot {}x{} at {}: {} person(s)", name, frame.image.cols, frame.image.rows,
                format_iso8601(timestamp_ms), count.count);
  return SnapshotResult{name, timestamp_ms, count.count, frame.image.cols, frame.image.rows};
}

std::map<std::string, SnapshotService::CameraStats> SnapshotService::stats() const {
  std::map<std::string, CameraStats> out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, camera] : cameras_) {
    std::lock_guard stats_lock(camera->stats_mutex);
    out[name] = camera->stats;
  }
  return out;
}

}  // namespace footfall

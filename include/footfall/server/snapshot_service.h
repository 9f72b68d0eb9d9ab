// SnapshotService: counts snapshots pushed to POST /api/v1/cameras/{camera}/snapshot. The image is decoded in memory
// (JPEG or PNG, at most 40 megapixels, checked from its header before decoding), analysed by the camera's detector
// and region of interest exactly as a pipeline frame (FrameAnalyzer), the count stored as a CountRow at the given
// time with the occupancy of each of the camera's zones (people whose feet are inside; a queue's length), published
// as a FrameSummary (`footfall serve` gives the LiveHub here, not the whole event bus: the timestamp
// comes from the camera and must not move a store's occupancy clock), and the image discarded. Any enabled camera of
// the configuration accepts snapshots; `type: push` cameras only do that.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "footfall/app/events.h"
#include "footfall/app/frame_analyzer.h"
#include "footfall/config/config.h"
#include "footfall/detect/detector.h"
#include "footfall/server/api_context.h"
#include "footfall/store/store.h"

namespace footfall {

// Width and height from a JPEG (its SOF segment) or PNG (IHDR) header; nullopt for anything else or a damaged
// header.
std::optional<std::pair<int, int>> image_dimensions(std::string_view bytes);

inline constexpr std::int64_t kMaxSnapshotPixels = 40'000'000;

class SnapshotService final : public SnapshotCounter {
 public:
  struct CameraStats {
    std::uint64_t snapshots = 0;
    std::uint64_t persons = 0;
    double inference_seconds = 0.0;
    std::optional<TimestampMs> last_ms;  // timestamp of the last counted snapshot
  };

  // A camera's detector: a client of the service's detector pool (Service::detector_client), or nullptr.
  using DetectorSource = std::function<std::unique_ptr<Detector>(const std::string& camera)>;

  // `config`, `store` and `events` must outlive the service. A camera's detector is made at its first snapshot:
  // from `detectors` when it gives one (serve: the pool every camera shares), else a network of the camera's own.
  SnapshotService(const AppConfig& config, Store& store, EventSink& events, DetectorSource detectors = nullptr);
  ~SnapshotService() override;

  // Thread-safe; snapshots of one camera are analysed one at a time (its detector is not thread-safe).
  Result<SnapshotResult> count_snapshot(const std::string& camera, std::string_view image_bytes,
                                        TimestampMs timestamp_ms, SnapshotError* error) override;

  std::map<std::string, CameraStats> stats() const;

 private:
  struct Camera;
  const AppConfig& config_;
  Store& store_;
  EventSink& events_;
  DetectorSource detectors_;
  mutable std::mutex mutex_;  // guards cameras_ (the map; each camera has its own lock)
  std::map<std::string, std::unique_ptr<Camera>> cameras_;
};

}  // namespace footfall

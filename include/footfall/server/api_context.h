// What the API's route handlers work on: the store, the configuration, and (when running inside `footfall serve`)
// the live service: camera health, the current counts, and a way to count a pushed snapshot. Each service part is
// an interface so that handlers are tested without cameras.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/app/chain_directory.h"
#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/store/store.h"

namespace footfall {

// Health of one camera pipeline, as /api/v1/cameras reports it.
struct CameraHealth {
  std::string name;
  std::string state;  // "starting", "running", "reconnecting", "finished", "failed", "idle" (push cameras)
  double fps_in = 0.0;        // frames decoded per second, recent
  double fps_analysed = 0.0;  // frames analysed per second, recent
  std::int64_t frames_analysed = 0;
  std::int64_t frames_dropped = 0;
  std::optional<TimestampMs> last_frame_ms;
  std::string last_error;
};

class CameraHealthSource {
 public:
  virtual ~CameraHealthSource() = default;
  virtual std::vector<CameraHealth> camera_health() const = 0;
};

// Counting a snapshot pushed by a camera (POST /api/v1/cameras/{name}/snapshot): decode, detect, store the count,
// discard the image.
struct SnapshotResult {
  std::string camera;
  TimestampMs timestamp_ms = 0;
  int count = 0;
  int width = 0;
  int height = 0;
};

enum class SnapshotError { kUnknownCamera, kNotAnImage, kFailed };

class SnapshotCounter {
 public:
  virtual ~SnapshotCounter() = default;
  // Thread-safe. On failure `error` says which kind (404, 415, 500) and the message names the camera or input.
  virtual Result<SnapshotResult> count_snapshot(const std::string& camera, std::string_view image_bytes,
                                                TimestampMs timestamp_ms, SnapshotError* error) = 0;
};

// Everything the data routes read. The referenced objects outlive the router.
struct ApiContext {
  Store* store = nullptr;
  const AppConfig* config = nullptr;           // this box's configuration
  // `serve`: this box's configuration merged with the stores and cameras other boxes on the same database declared
  // (issue 6). null: `config` alone. Routes read it through served_config() (api_params.h).
  ChainDirectory* directory = nullptr;
  const CameraHealthSource* health = nullptr;  // null outside `serve`: cameras report state "unknown"
  SnapshotCounter* snapshots = nullptr;        // null: snapshot push answers 503
  const Clock* clock = nullptr;
};

}  // namespace footfall

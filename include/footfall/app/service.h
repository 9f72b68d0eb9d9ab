// The camera service: the composition root of `footfall run` and of the cameras of `footfall serve`. Reads as the
// list of start-up steps: prepare a source per camera, build the detector pool the cameras share, open the store,
// subscribe the store occupancy to the event bus, start the pipelines, wait for them (or for SIGINT/SIGTERM), flush,
// report.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/detect/detector.h"
#include "footfall/ingest/source.h"
#include "footfall/store/spooling_writer.h"
#include "footfall/store/store.h"

namespace footfall {

struct ServiceOptions {
  // serve: a configuration without a camera to run (a box answering the API only, or push cameras only) is fine.
  bool allow_no_cameras = false;
  // Builds a camera's source from its spec instead of make_source() (`footfall bench --cameras` plays files as live
  // cameras). Cameras of kind file or image are still opened once up front to check them.
  std::function<std::unique_ptr<FrameSource>(const SourceSpec&, const Clock&)> make_source = nullptr;
  bool print_summary = true;  // finish() prints the per-camera table to stdout
  // serve: push cameras' detector settings join the pool too, so that snapshots are detected by its workers
  // (detector_client) instead of by a network of their own per camera.
  bool pool_push_cameras = false;
};

// One camera pipeline as it runs, for health and metrics.
struct CameraRuntime {
  std::string name;
  std::string kind;  // source kind: file, stream, device, inbox, image
  bool live = false;
  // "starting" (no frame yet), "running", "reconnecting" (a live source without a frame for 5 s), "finished",
  // "failed".
  std::string state;
  std::uint64_t frames_analyzed = 0;
  std::uint64_t frames_dropped = 0;
  std::uint64_t persons_counted = 0;  // summed over analysed frames
  double inference_seconds = 0.0;     // time a detector worker spent on this camera's frames
  double queue_seconds = 0.0;         // time its frames waited for a free detector worker
  double fps_analysed = 0.0;          // over the last few seconds
  double fps_in = 0.0;                // frames that came out of sampling (analysed + dropped), per second
  std::optional<TimestampMs> last_frame_ms;  // timestamp of the last analysed frame
};

class Service {
 public:
  // Prepares every enabled camera (push cameras are counted by the server instead) and opens the store. Files are
  // opened up front so that a missing file is refused before anything is written. Errors name the camera or file.
  // `stop` ends the pipelines; it must outlive the service.
  static Result<std::unique_ptr<Service>> create(const AppConfig& config, const std::atomic<bool>& stop,
                                                 ServiceOptions options = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // The bus the pipelines publish to; subscribe before start().
  EventBus& events();
  Store& store();
  const Clock& clock() const;

  void start();
  // Blocks until `stop` is set or, with `until_done`, until every camera has finished (files and images; a live
  // camera or an inbox never finishes). Meanwhile commits store occupancy every second and applies retention hourly.
  void run(bool until_done);
  // Joins the pipelines (each flushes its rows), flushes the store occupancy and prints the summary table to stdout.
  // Returns false when a camera failed or rows could not be saved.
  bool finish();

  // Thread-safe: a snapshot of every pipeline.
  std::vector<CameraRuntime> cameras() const;
  // The detector pool's size (0 workers when no camera runs on it) and the time its workers spent detecting.
  // A Detector that runs on the pool with `camera`'s detector settings (a pipeline's camera, or a push camera with
  // pool_push_cameras), for snapshot push; nullptr when the camera has none. Must not outlive the service; its
  // detect() from one thread at a time.
  std::unique_ptr<Detector> detector_client(const std::string& camera) const;
  int detector_workers() const;
  int detector_threads() const;
  double detector_busy_seconds() const;
  // Thread-safe: the edge spool of the store's rows and whether the database took the last write; nullopt when rows
  // go straight to the database (SQLite, no spool).
  std::optional<SpoolingWriterStats> store_spool_stats() const;

 private:
  struct Impl;
  explicit Service(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// `footfall run`: create, start, run until done or stopped, finish. Returns the process exit code: 0 on a clean
// finish or shutdown, 1 when start-up failed (nothing written) or a camera failed.
int run_service(const AppConfig& config, const std::atomic<bool>& stop);

}  // namespace footfall

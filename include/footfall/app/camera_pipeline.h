// CameraPipeline: one camera on its own thread: source -> sampler -> detector -> tracking (lines, zones, heatmap)
// -> batched store writes, with events published as they happen. Live sources (streams, devices) reconnect forever
// with backoff; their reader thread decodes into a queue of two sampled frames, so when analysis falls behind by more
// than that the oldest frame waiting is dropped (counted in frames_dropped) and the decoder never blocks. Files are analysed
// completely, in order; an inbox counts each snapshot and deletes it once committed. The detector may be a
// DetectorPool client shared with other cameras (the service's case): detect() then waits for a worker, and the
// camera's frames stay in order because the pipeline thread has one frame in detection at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "footfall/app/events.h"
#include "footfall/app/frame_analyzer.h"
#include "footfall/app/tracking_recorder.h"
#include "footfall/config/config.h"
#include "footfall/ingest/source.h"
#include "footfall/store/batch_writer.h"
#include "footfall/store/store.h"

namespace footfall {

struct PipelineStats {
  std::atomic<std::uint64_t> frames_analyzed{0};
  std::atomic<std::uint64_t> frames_dropped{0};
  std::atomic<std::uint64_t> persons_counted{0};  // sum over analysed frames
  std::atomic<int> max_count{0};
  std::atomic<std::uint64_t> rows_committed{0};
  std::atomic<std::uint64_t> crossings_in{0};   // line crossings, every line of the camera
  std::atomic<std::uint64_t> crossings_out{0};
  std::atomic<std::uint64_t> visits_closed{0};  // zone visits, every zone of the camera
  std::atomic<bool> finished{false};
  std::atomic<bool> failed{false};
};

class CameraPipeline {
 public:
  // `store` and `events` must outlive the pipeline; both are used from the pipeline's thread (see events.h and
  // store.h for their thread-safety).
  CameraPipeline(CameraConfig camera, std::unique_ptr<FrameSource> source, std::unique_ptr<Detector> detector,
                 Store& store, const StorageConfig& storage, const Clock& clock, const std::atomic<bool>& stop,
                 EventSink& events);
  ~CameraPipeline();
  CameraPipeline(const CameraPipeline&) = delete;
  CameraPipeline& operator=(const CameraPipeline&) = delete;

  // Before start(): keep ignore regions learned during a database outage in `dir` (TrackingRecorder::
  // keep_pending_regions), one file per camera.
  void keep_pending_regions_in(const std::filesystem::path& dir);
  void start();
  void join();

  const CameraConfig& camera() const { return camera_; }
  const PipelineStats& stats() const { return stats_; }
  bool is_live() const { return live_; }
  bool runs_forever() const;  // live sources and inboxes never finish on their own

 private:
  void run();
  // Tracks one analysed frame and queues its rows (with `ack`); false when the camera must stop (a line or zone
  // outside the frame).
  bool process(const FrameCount& count, const cv::Mat& image, BatchWriter& writer, BatchWriter::Ack ack = {});
  // End of input or shutdown: closes open zone visits and queues the last heatmap changes (the caller flushes).
  void finish_tracking(BatchWriter& writer);
  bool check_store(const Status& status);
  void run_live();
  void run_file();
  void run_inbox();

  CameraConfig camera_;
  std::unique_ptr<FrameSource> source_;
  FrameAnalyzer analyzer_;
  Store& store_;
  TrackingRecorder tracking_;
  StorageConfig storage_;
  const Clock& clock_;
  const std::atomic<bool>& stop_;
  bool live_;
  SourceKind kind_;
  PipelineStats stats_;
  bool store_failing_ = false;
  std::thread thread_;
};

}  // namespace footfall

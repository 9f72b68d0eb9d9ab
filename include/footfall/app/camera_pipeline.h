// CameraPipeline: one camera on its own thread: source -> sampler -> detector -> batched store writes.
// Live sources (streams, devices) reconnect forever with backoff and drop the oldest frames when analysis falls
// behind; files are analysed completely, in order; an inbox counts each snapshot and deletes it once committed.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "footfall/app/frame_analyzer.h"
#include "footfall/config/config.h"
#include "footfall/ingest/source.h"
#include "footfall/store/store.h"

namespace footfall {

struct PipelineStats {
  std::atomic<std::uint64_t> frames_analyzed{0};
  std::atomic<std::uint64_t> frames_dropped{0};
  std::atomic<std::uint64_t> persons_counted{0};  // sum over analysed frames
  std::atomic<int> max_count{0};
  std::atomic<std::uint64_t> rows_committed{0};
  std::atomic<bool> finished{false};
  std::atomic<bool> failed{false};
};

class CameraPipeline {
 public:
  CameraPipeline(CameraConfig camera, std::unique_ptr<FrameSource> source, std::unique_ptr<Detector> detector,
                 CountWriter& store, const StorageConfig& storage, const Clock& clock,
                 const std::atomic<bool>& stop);
  ~CameraPipeline();
  CameraPipeline(const CameraPipeline&) = delete;
  CameraPipeline& operator=(const CameraPipeline&) = delete;

  void start();
  void join();

  const CameraConfig& camera() const { return camera_; }
  const PipelineStats& stats() const { return stats_; }
  bool is_live() const { return live_; }
  bool runs_forever() const;  // live sources and inboxes never finish on their own

 private:
  void run();
  void record(const FrameCount& count);
  bool check_store(const Status& status);
  void run_live();
  void run_file();
  void run_inbox();

  CameraConfig camera_;
  std::unique_ptr<FrameSource> source_;
  FrameAnalyzer analyzer_;
  CountWriter& store_;
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

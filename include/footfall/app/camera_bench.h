// `footfall bench --cameras N,...`: how many live cameras this box analyses without dropping a frame. N copies of a
// video file play as live cameras (PacedFileSource: each decoded by its own decoder in real time at stream_fps,
// looping), each sampled at sample_fps, through the service's real pipelines (shared detector pool, tracking with
// three lines and two zones, writes to a temporary SQLite store). For each N it measures, after a warm-up, the
// analysed and decoded fps per camera, drops, CPU and memory.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"

namespace footfall {

struct CameraBenchOptions {
  std::string input;                       // a video file
  std::vector<int> cameras{1, 4, 8, 16, 24, 32};  // the steps, run in this order
  double stream_fps = 25.0;                // each camera's decode rate (real time)
  double sample_fps = 5.0;                 // each camera's analysed rate
  double duration_seconds = 20.0;          // measured, per step
  // Per step, before measuring: decoders open, queues settle, and each camera writes its first background image
  // (at 10 s of frames; then once a minute), a start-up cost that would otherwise weigh on a short window.
  double warmup_seconds = 12.0;
  ModelParams model;
  DetectParams detect;                     // includes workers and threads (0 = the service's choice)
  bool convert_all = false;                // convert every decoded frame to BGR (no grab-only skip), to compare
  bool decode_all = false;                 // decode every frame, also unreferenced ones nothing wants, to compare
  bool same_start = false;                 // every camera starts at the file's start (else camera i at i/n of it)
  int decode_threads = -1;                 // decoder threads per camera; -1 = as the service sets for live streams
  // Lines and zones of every camera; empty means bench_default_lines()/bench_default_zones().
  std::vector<LineConfig> lines;
  std::vector<ZoneConfig> zones;
};

struct CameraBenchStep {
  int cameras = 0;
  int workers = 0;  // detector pool
  int threads = 0;
  int decode_threads = 0;            // per camera decoder (0 = FFmpeg's choice)
  double seconds = 0.0;              // the measured window
  double analysed_fps_min = 0.0;     // per camera, over the window
  double analysed_fps_mean = 0.0;
  double decoded_fps_min = 0.0;      // per camera: frames of its stream received (decoded, or skipped undecoded)
  double decoded_fps_mean = 0.0;
  double undecoded_percent = 0.0;    // of the frames received, those skipped undecoded (unreferenced, not wanted)
  std::uint64_t frames_analysed = 0;  // all cameras, in the window
  std::uint64_t frames_dropped = 0;   // all cameras, in the window
  std::uint64_t frames_dropped_warmup = 0;  // all cameras, during the warm-up
  std::uint64_t decode_late = 0;      // frames decoded more than 2 periods behind schedule, in the window
  std::int64_t decode_max_lag_ms = 0;
  double cpu_percent = 0.0;           // process CPU time / wall time, as a share of all cores
  double detector_busy_percent = 0.0;  // detector workers' busy time / (wall time x workers)
  double inference_ms = 0.0;          // mean time in the detector per analysed frame
  double queue_ms = 0.0;              // mean wait for a free detector worker per analysed frame
  long rss_fixed_kb = 0;              // resident memory with the pool and store ready, before the cameras start
  long rss_peak_kb = 0;               // the largest resident memory sampled while the cameras ran
  long rss_per_camera_kb = 0;         // (peak - fixed) / cameras
  // No frame dropped in the window, every camera analysed at least 95% of sample_fps and decoded at least 95% of
  // stream_fps.
  bool ok = false;
};

struct CameraBenchReport {
  std::string input;
  std::string model;  // the detector's name (model@input size)
  int cores = 0;
  double stream_fps = 0.0;
  double sample_fps = 0.0;
  std::vector<CameraBenchStep> steps;
  int max_cameras_ok = 0;  // the largest N whose step was ok (0: none)
};

// Runs the steps in order; `on_step` (if set) is called after each. Stops early, keeping the steps done, when `stop`
// is set. Errors: the input cannot be opened, the detector cannot be built, the store cannot be created.
Result<CameraBenchReport> run_camera_bench(const CameraBenchOptions& options, const std::atomic<bool>& stop,
                                           const std::function<void(const CameraBenchStep&)>& on_step = {});

// Resident memory of this process now, in kilobytes (/proc/self/statm).
long current_rss_kb();

}  // namespace footfall

// DetectorPool: the detector workers every camera of a box shares, sized to the cores instead of one detector (and
// one set of inference threads) per camera. Each worker owns one instance of each detector profile (OpenCV nets are
// not thread-safe); a camera detects through a client (a Detector whose detect() runs on the pool).
//
// Scheduling: requests wait in one queue and workers take the oldest first. A client has at most one request in
// flight (its detect() blocks until a worker has answered), so the cameras are served round-robin and a camera's
// frames are analysed in order, never by two workers at once. The pool itself never drops a frame: dropping is the
// caller's choice (a live pipeline keeps a one-frame mailbox; see camera_pipeline.h).
//
// Thread-safety: create and destroy from one thread, after every client's last detect() returned; a client's
// detect() from one thread at a time (different clients from different threads); stats from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/detect/detector.h"

namespace footfall {

// Builds one detector instance of a profile; called once per worker, on the creating thread.
using DetectorFactory = std::function<Result<std::unique_ptr<Detector>>()>;

struct DetectorPoolOptions {
  int workers = 1;  // worker threads, each with its own detector instances (>= 1)
};

// What a box's pool looks like: `workers` threads, each running inference with `threads` OpenCV threads.
struct DetectorPoolSize {
  int workers = 1;
  int threads = 1;
};

// Sizes the pool so that workers x threads is about the number of cores. `workers` and `threads` are the configured
// values (detect.workers, detect.threads; 0 = choose). Both chosen: one worker per camera up to the number of cores,
// the cores shared out among them as inference threads (one camera: one worker with every core, as a single
// pipeline ran before the pool; two or more cameras on two cores: two single-threaded workers, which measured
// faster, see docs/architecture.md).
DetectorPoolSize detector_pool_size(int cores, int cameras, int workers, int threads);

// Decoder threads for each live stream: one when the box has at least as many live cameras as cores (every core
// already has a decoder; frame threads would only add hand-offs, CPU and memory: measured in docs/architecture.md),
// else 0 (FFmpeg's choice, about one per core, so that a single high-resolution camera decodes in real time).
int live_decoder_threads(int cores, int live_cameras);

// Per client (camera): what the workers spent on its frames.
struct PoolClientStats {
  std::uint64_t frames = 0;
  std::uint64_t inference_ns = 0;  // time in the detector
  std::uint64_t wait_ns = 0;       // time queued before a worker took the frame
};

class DetectorPool {
 public:
  // Builds `options.workers` instances of each profile (profile i of worker w is factory i's w-th product) and
  // starts the workers. Error: the first factory error.
  static Result<std::unique_ptr<DetectorPool>> create(const std::vector<DetectorFactory>& profiles,
                                                      DetectorPoolOptions options);
  ~DetectorPool();  // serves what is still queued, then joins the workers
  DetectorPool(const DetectorPool&) = delete;
  DetectorPool& operator=(const DetectorPool&) = delete;

  // A Detector for one camera that runs profile `profile` on the pool. The client must not outlive the pool. An
  // exception thrown by the detector (a cv::Exception) is rethrown from the client's detect().
  std::unique_ptr<Detector> client(std::size_t profile);

  int workers() const { return static_cast<int>(workers_.size()); }
  std::size_t profiles() const { return profile_count_; }
  // Stats of a client returned by client(); the Detector must be one of this pool's clients.
  static PoolClientStats client_stats(const Detector& client);
  // Total time the workers spent in detectors since creation, in nanoseconds (for utilisation).
  std::uint64_t busy_ns() const { return busy_ns_.load(); }

 private:
  struct Request;
  struct Worker;
  class Client;
  DetectorPool() = default;
  void run_worker(Worker& worker);
  void submit(Request& request);

  std::size_t profile_count_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  struct Queue;
  std::unique_ptr<Queue> queue_;
  std::atomic<std::uint64_t> busy_ns_{0};
};

}  // namespace footfall

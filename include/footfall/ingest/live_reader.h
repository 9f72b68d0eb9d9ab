// LiveReader: reads a live source on its own thread into a bounded queue; when the consumer falls behind,
// the oldest frame is dropped (and counted), so the decoder never blocks.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "footfall/ingest/sampler.h"
#include "footfall/ingest/source.h"

namespace footfall {

class LiveReader {
 public:
  // Frames that the sampler rejects are skipped on the reader thread (not counted as drops).
  LiveReader(FrameSource& source, Sampler sampler, std::size_t capacity = 2);
  ~LiveReader();

  void start();
  void stop();  // joins the thread
  // Waits up to timeout_ms for a frame. nullopt on timeout or once stopped.
  std::optional<Frame> pop(int timeout_ms);

  std::uint64_t frames_read() const { return frames_read_.load(); }
  std::uint64_t frames_dropped() const { return frames_dropped_.load(); }

 private:
  void run();

  FrameSource& source_;
  Sampler sampler_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Frame> queue_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> frames_read_{0};
  std::atomic<std::uint64_t> frames_dropped_{0};
  std::thread thread_;
};

}  // namespace footfall

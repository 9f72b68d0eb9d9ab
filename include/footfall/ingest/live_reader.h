// LiveReader: reads a live source on its own thread into a bounded queue; when the consumer falls behind,
// the oldest frame is dropped (and counted), so the decoder never blocks. With capacity 1 the queue is a mailbox:
// a new sampled frame replaces the one not yet taken. Frames are read with read_sampled(), so the source converts
// the pixels of sampled frames only.
// Thread-safety: construct, start(), stop() and destroy from one thread; pop() from one consumer thread; the
// counters from any thread. The source is read only on the reader thread between start() and stop().
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
  // Joins the thread; returns once the source's current read() returns (for ReconnectingSource at most ~100 ms
  // while disconnected; a connected stream within one frame or its read timeout).
  void stop();
  // Waits up to timeout_ms for a frame. nullopt on timeout or once stopped. Frames queued before the source
  // finished are still returned.
  std::optional<Frame> pop(int timeout_ms);

  std::uint64_t frames_read() const { return frames_read_.load(); }        // decoded, before sampling
  std::uint64_t frames_dropped() const { return frames_dropped_.load(); }  // sampled, then pushed out of the queue
  // True once the source returned end_of_stream or error (a ReconnectingSource never does); reading has stopped.
  bool finished() const { return finished_.load(); }
  // What ended it: end_of_stream or error (see the source's last_error()). Meaningful once finished().
  ReadStatus finished_status() const { return finished_status_.load(); }

 private:
  void run();

  FrameSource& source_;
  Sampler sampler_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Frame> queue_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
  std::atomic<ReadStatus> finished_status_{ReadStatus::end_of_stream};
  std::atomic<std::uint64_t> frames_read_{0};
  std::atomic<std::uint64_t> frames_dropped_{0};
  std::thread thread_;
};

}  // namespace footfall

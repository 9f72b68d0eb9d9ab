// OrderedReader: decodes a finite source ahead on its own thread into a small bounded queue, so decoding overlaps
// detection; unlike LiveReader it never drops a frame (files are processed completely, in order).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "footfall/ingest/sampler.h"
#include "footfall/ingest/source.h"

namespace footfall {

class OrderedReader {
 public:
  // The source must be open. Frames the sampler rejects are skipped on the reader thread.
  OrderedReader(FrameSource& source, Sampler sampler, std::size_t capacity = 4);
  ~OrderedReader();
  OrderedReader(const OrderedReader&) = delete;
  OrderedReader& operator=(const OrderedReader&) = delete;

  // Next sampled frame, or nullopt at the end (then `finished_status()` tells why).
  std::optional<Frame> next();
  void stop();

  ReadStatus finished_status() const { return finished_status_; }
  std::int64_t frames_decoded() const { return decoded_.load(); }

 private:
  void run();

  FrameSource& source_;
  Sampler sampler_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable can_push_;
  std::condition_variable can_pop_;
  std::deque<Frame> queue_;
  bool done_ = false;
  bool stopping_ = false;
  ReadStatus finished_status_ = ReadStatus::end_of_stream;
  std::atomic<std::int64_t> decoded_{0};
  std::thread thread_;
};

}  // namespace footfall

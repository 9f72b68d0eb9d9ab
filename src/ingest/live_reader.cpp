#include "footfall/ingest/live_reader.h"

#include <pthread.h>

#include <chrono>

namespace footfall {

namespace {

// A source that returns retry_later without waiting itself would spin the reader thread; this bounds it.
constexpr auto kRetryPause = std::chrono::milliseconds(2);

}  // namespace

LiveReader::LiveReader(FrameSource& source, Sampler sampler, std::size_t capacity)
    : source_(source), sampler_(sampler), capacity_(capacity == 0 ? 1 : capacity) {}

LiveReader::~LiveReader() { stop(); }

void LiveReader::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  finished_ = false;
  thread_ = std::thread([this] { run(); });
}

void LiveReader::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveReader::run() {
  pthread_setname_np(pthread_self(), "ff-decode");  // for top -H and perf
  while (!stopping_.load()) {
    Frame frame;
    // The sampler decides before the pixels are converted (frames it skips cost their decoding only), and with its
    // due() before decoding: a stream does not even decode unreferenced frames while none is due.
    const ReadStatus status =
        source_.read_sampled(frame, FrameFilter([this](TimestampMs t) { return sampler_.take(t); },
                                                [this](TimestampMs t) { return sampler_.due(t); }));
    if (status == ReadStatus::retry_later) {
      std::this_thread::sleep_for(kRetryPause);
      continue;
    }
    if (status != ReadStatus::frame) {
      std::lock_guard lock(mutex_);
      finished_status_ = status;
      finished_ = true;
      ready_.notify_all();
      return;
    }
    frames_read_.fetch_add(1);
    if (frame.image.empty()) continue;  // not sampled
    {
      std::lock_guard lock(mutex_);
      if (queue_.size() >= capacity_) {
        queue_.pop_front();
        frames_dropped_.fetch_add(1);
      }
      queue_.push_back(std::move(frame));
    }
    ready_.notify_one();
  }
}

std::optional<Frame> LiveReader::pop(int timeout_ms) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms),
                  [this] { return !queue_.empty() || stopping_.load() || finished_.load(); });
  if (queue_.empty()) return std::nullopt;
  Frame frame = std::move(queue_.front());
  queue_.pop_front();
  return frame;
}

}  // namespace footfall

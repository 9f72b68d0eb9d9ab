#include "footfall/app/ordered_reader.h"

namespace footfall {

OrderedReader::OrderedReader(FrameSource& source, Sampler sampler, std::size_t capacity)
    : source_(source), sampler_(sampler), capacity_(capacity == 0 ? 1 : capacity) {
  thread_ = std::thread([this] { run(); });
}

OrderedReader::~OrderedReader() { stop(); }

void OrderedReader::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  can_push_.notify_all();
  can_pop_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OrderedReader::run() {
  for (;;) {
    Frame frame;
    const ReadStatus status = source_.read(frame);
    if (status == ReadStatus::retry_later) continue;
    if (status != ReadStatus::frame) {
      std::lock_guard lock(mutex_);
      finished_status_ = status;
      done_ = true;
      can_pop_.notify_all();
      return;
    }
    decoded_.fetch_add(1);
    if (!sampler_.take(frame.timestamp_ms)) continue;
    std::unique_lock lock(mutex_);
    can_push_.wait(lock, [this] { return stopping_ || queue_.size() < capacity_; });
    if (stopping_) {
      done_ = true;
      can_pop_.notify_all();
      return;
    }
    queue_.push_back(std::move(frame));
    can_pop_.notify_one();
  }
}

std::optional<Frame> OrderedReader::next() {
  std::unique_lock lock(mutex_);
  can_pop_.wait(lock, [this] { return !queue_.empty() || done_ || stopping_; });
  if (queue_.empty()) return std::nullopt;
  Frame frame = std::move(queue_.front());
  queue_.pop_front();
  can_push_.notify_one();
  return frame;
}

}  // namespace footfall

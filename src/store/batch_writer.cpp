#include "footfall/store/batch_writer.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace footfall {

BatchWriter::BatchWriter(CountWriter& writer, std::size_t max_rows, std::int64_t max_age_ms)
    : writer_(writer), max_rows_(max_rows == 0 ? 1 : max_rows), max_age_ms_(max_age_ms < 0 ? 0 : max_age_ms) {}

BatchWriter::~BatchWriter() {
  if (Status s = flush(); !s) {
    spdlog::error("{} count rows were not committed at shutdown: {}", pending(), s.error().message);
  }
}

Status BatchWriter::add(CountRow row, TimestampMs now_ms, Ack ack) {
  std::lock_guard lock(mutex_);
  if (rows_.empty()) oldest_ms_ = now_ms;
  rows_.push_back(std::move(row));
  acks_.push_back(std::move(ack));
  if (rows_.size() >= max_rows_ || now_ms - oldest_ms_ >= max_age_ms_) return commit_locked();
  return Status::success();
}

Status BatchWriter::add_gap(const SourceGap& gap) {
  std::lock_guard lock(mutex_);
  return writer_.write_gap(gap);
}

Status BatchWriter::flush() {
  std::lock_guard lock(mutex_);
  return commit_locked();
}

std::size_t BatchWriter::pending() const {
  std::lock_guard lock(mutex_);
  return rows_.size();
}

std::uint64_t BatchWriter::committed_rows() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

// On failure nothing is dropped: the rows stay pending (oldest_ms_ unchanged, so the next add() retries at once)
// and their acks do not run. Acks run in the order rows were added, under the lock, after the commit returned.
Status BatchWriter::commit_locked() {
  if (rows_.empty()) return Status::success();
  if (Status s = writer_.write_counts(rows_); !s) return s;
  committed_ += rows_.size();
  rows_.clear();
  std::vector<Ack> acks = std::exchange(acks_, {});
  for (const Ack& ack : acks) {
    if (ack) ack();
  }
  return Status::success();
}

}  // namespace footfall

#include "footfall/store/batch_writer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace footfall {

namespace {

template <typename T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  if (to.empty()) {
    to = std::move(from);
  } else {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
}

}  // namespace

BatchWriter::BatchWriter(CountWriter& writer, std::size_t max_rows, std::int64_t max_age_ms)
    : writer_(writer), max_rows_(max_rows == 0 ? 1 : max_rows), max_age_ms_(max_age_ms < 0 ? 0 : max_age_ms) {}

BatchWriter::~BatchWriter() {
  if (Status s = flush(); !s) {
    spdlog::error("{} rows were not committed at shutdown: {}", pending(), s.error().message);
  }
}

Status BatchWriter::add(CountRow row, TimestampMs now_ms, Ack ack) {
  FrameRows rows;
  rows.count = std::move(row);
  return add(std::move(rows), now_ms, std::move(ack));
}

Status BatchWriter::add(FrameRows rows, TimestampMs now_ms, Ack ack) {
  std::lock_guard lock(mutex_);
  const bool was_empty = pending_locked() == heatmaps_.size();
  rows_.push_back(std::move(rows.count));
  append(crossings_, std::move(rows.crossings));
  append(visits_, std::move(rows.visits));
  append(zone_counts_, std::move(rows.zone_counts));
  acks_.push_back(std::move(ack));
  return after_add_locked(now_ms, was_empty);
}

Status BatchWriter::add_visits(std::vector<ZoneVisitRow> visits, TimestampMs now_ms) {
  if (visits.empty()) return Status::success();
  std::lock_guard lock(mutex_);
  const bool was_empty = pending_locked() == heatmaps_.size();
  append(visits_, std::move(visits));
  return after_add_locked(now_ms, was_empty);
}

Status BatchWriter::add_store_occupancy(std::vector<StoreOccupancyRow> rows, TimestampMs now_ms) {
  if (rows.empty()) return Status::success();
  std::lock_guard lock(mutex_);
  const bool was_empty = pending_locked() == heatmaps_.size();
  append(store_occupancy_, std::move(rows));
  return after_add_locked(now_ms, was_empty);
}

void BatchWriter::set_heatmap(HeatmapRow row) {
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(row.camera, row.hour_ms);
  heatmaps_.insert_or_assign(std::move(key), std::move(row));
}

// `was_empty`: nothing but heatmap grids was pending. A grid never starts the batch's age: a pipeline sets the grid
// of a frame before adding its rows, and counting the age from the previous commit instead would commit every frame.
Status BatchWriter::after_add_locked(TimestampMs now_ms, bool was_empty) {
  if (was_empty) oldest_ms_ = now_ms;
  const std::size_t largest =
      std::max({rows_.size(), crossings_.size(), visits_.size(), store_occupancy_.size()});
  if (largest >= max_rows_ || now_ms - oldest_ms_ >= max_age_ms_) return commit_locked();
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

std::size_t BatchWriter::pending_locked() const {
  return rows_.size() + crossings_.size() + visits_.size() + zone_counts_.size() + store_occupancy_.size() +
         heatmaps_.size();
}

std::size_t BatchWriter::pending() const {
  std::lock_guard lock(mutex_);
  return pending_locked();
}

std::uint64_t BatchWriter::committed_rows() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

std::uint64_t BatchWriter::committed_crossings() const {
  std::lock_guard lock(mutex_);
  return committed_crossings_;
}

std::uint64_t BatchWriter::committed_visits() const {
  std::lock_guard lock(mutex_);
  return committed_visits_;
}

// On failure nothing is dropped: the rows stay pending (oldest_ms_ unchanged, so the next add() retries at once)
// and their acks do not run. Acks run in the order rows were added, under the lock, after the commit returned.
Status BatchWriter::commit_locked() {
  if (pending_locked() == 0) return Status::success();
  std::vector<HeatmapRow> heatmaps;
  heatmaps.reserve(heatmaps_.size());
  for (const auto& [key, row] : heatmaps_) heatmaps.push_back(row);
  WriteBatch batch;
  batch.counts = rows_;
  batch.crossings = crossings_;
  batch.visits = visits_;
  batch.zone_counts = zone_counts_;
  batch.heatmaps = heatmaps;
  batch.store_occupancy = store_occupancy_;
  if (Status s = writer_.write(batch); !s) return s;
  committed_ += rows_.size();
  committed_crossings_ += crossings_.size();
  committed_visits_ += visits_.size();
  rows_.clear();
  crossings_.clear();
  visits_.clear();
  zone_counts_.clear();
  store_occupancy_.clear();
  heatmaps_.clear();
  std::vector<Ack> acks = std::exchange(acks_, {});
  for (const Ack& ack : acks) {
    if (ack) ack();
  }
  return Status::success();
}

}  // namespace footfall

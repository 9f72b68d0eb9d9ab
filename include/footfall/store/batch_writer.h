// BatchWriter: collects rows from a pipeline and commits them in batched transactions (by size or age), then
// runs each row's acknowledgement (an inbox deletes the snapshot only after its count is committed).
// Thread-safe. flush() on shutdown commits everything pending; the destructor flushes and logs a failure.
//
// Contracts:
//  - One commit is one CountWriter::write(): every pending row of every kind (counts, crossings, zone visits, zone
//    counts, heatmap grids, store occupancy) in one transaction, all or nothing.
//  - The batch is full when max_rows rows of one kind (counts, crossings, visits or store occupancy) are pending;
//    zone counts and heatmaps ride along with them. Age is checked when rows are added (against their `now_ms`),
//    from the first row added since the last commit (a heatmap grid set before it does not count); a caller with no
//    new rows calls flush() itself (a live pipeline does so whenever it waits for a frame).
//  - A failed commit drops nothing: the rows stay pending, their acks do not run, the error is returned, and the
//    next add() or flush() retries the whole batch. Pending rows are not bounded while the store keeps failing.
//  - A heatmap grid is one pending row per (camera, hour): setting it again replaces the pending grid, so the grid
//    written at each commit is the latest one.
//  - Acks run after the commit succeeded, in the order the rows were added, on the committing thread, with the
//    writer's lock held: an ack must be quick, must not throw, and must not call back into this BatchWriter.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "footfall/store/store.h"

namespace footfall {

// Everything one analysed frame produced.
struct FrameRows {
  CountRow count;
  std::vector<CrossingRow> crossings;
  std::vector<ZoneVisitRow> visits;  // visits closed by this frame
  std::vector<ZoneCountRow> zone_counts;
};

class BatchWriter {
 public:
  using Ack = std::function<void()>;

  BatchWriter(CountWriter& writer, std::size_t max_rows = 64, std::int64_t max_age_ms = 1000);
  ~BatchWriter();  // flushes

  // Adds a frame's rows; commits when the batch is full or its oldest row is older than max_age_ms (by now_ms).
  Status add(CountRow row, TimestampMs now_ms, Ack ack = {});
  Status add(FrameRows rows, TimestampMs now_ms, Ack ack = {});
  // Rows that belong to no frame (visits closed at the end of a file, store occupancy); same commit rules.
  Status add_visits(std::vector<ZoneVisitRow> visits, TimestampMs now_ms);
  Status add_store_occupancy(std::vector<StoreOccupancyRow> rows, TimestampMs now_ms);
  // The latest grid of (row.camera, row.hour_ms), written with the next commit; never commits by itself.
  void set_heatmap(HeatmapRow row);
  Status add_gap(const SourceGap& gap);  // committed at once
  Status flush();

  std::size_t pending() const;         // rows of every kind waiting for a commit
  std::uint64_t committed_rows() const;  // count rows committed
  std::uint64_t committed_crossings() const;
  std::uint64_t committed_visits() const;

 private:
  Status after_add_locked(TimestampMs now_ms, bool was_empty);
  std::size_t pending_locked() const;
  Status commit_locked();

  CountWriter& writer_;
  std::size_t max_rows_;
  std::int64_t max_age_ms_;
  mutable std::mutex mutex_;
  std::vector<CountRow> rows_;
  std::vector<CrossingRow> crossings_;
  std::vector<ZoneVisitRow> visits_;
  std::vector<ZoneCountRow> zone_counts_;
  std::vector<StoreOccupancyRow> store_occupancy_;
  std::map<std::pair<std::string, TimestampMs>, HeatmapRow> heatmaps_;
  std::vector<Ack> acks_;
  TimestampMs oldest_ms_ = 0;
  std::uint64_t committed_ = 0;
  std::uint64_t committed_crossings_ = 0;
  std::uint64_t committed_visits_ = 0;
};

}  // namespace footfall

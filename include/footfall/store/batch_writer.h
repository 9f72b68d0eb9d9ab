// BatchWriter: collects rows from a pipeline and commits them in batched transactions (by size or age), then
// runs each row's acknowledgement (an inbox deletes the snapshot only after its count is committed).
// Thread-safe. flush() on shutdown commits everything pending; the destructor flushes and logs a failure.
//
// Contracts:
//  - Age is checked when a row is added (against its `now_ms`); a caller with no new rows calls flush() itself
//    (a live pipeline does so whenever it waits for a frame).
//  - A failed commit drops nothing: the rows stay pending, their acks do not run, the error is returned, and the
//    next add() or flush() retries the whole batch. Pending rows are not bounded while the store keeps failing.
//  - Acks run after the commit succeeded, in the order the rows were added, on the committing thread, with the
//    writer's lock held: an ack must be quick, must not throw, and must not call back into this BatchWriter.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "footfall/store/store.h"

namespace footfall {

class BatchWriter {
 public:
  using Ack = std::function<void()>;

  BatchWriter(CountWriter& writer, std::size_t max_rows = 64, std::int64_t max_age_ms = 1000);
  ~BatchWriter();  // flushes

  // Adds a row; commits when the batch is full or its oldest row is older than max_age_ms (by now_ms).
  Status add(CountRow row, TimestampMs now_ms, Ack ack = {});
  Status add_gap(const SourceGap& gap);  // committed at once
  Status flush();

  std::size_t pending() const;
  std::uint64_t committed_rows() const;

 private:
  Status commit_locked();

  CountWriter& writer_;
  std::size_t max_rows_;
  std::int64_t max_age_ms_;
  mutable std::mutex mutex_;
  std::vector<CountRow> rows_;
  std::vector<Ack> acks_;
  TimestampMs oldest_ms_ = 0;
  std::uint64_t committed_ = 0;
};

}  // namespace footfall

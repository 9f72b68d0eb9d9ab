// SpoolingCountWriter: a CountWriter that keeps rows through a database outage. It wraps the real writer (`inner`)
// and a Spool (footfall/spool/spool.h):
//
//  - While the spool is empty, write() / write_gap() go straight to `inner`. When `inner` fails with an unavailable
//    error (Error::unavailable: the server is out of reach), the batch is appended to the spool instead and the call
//    succeeds: the rows are on disk and will be written later.
//  - While the spool holds anything, every new batch is appended behind it without trying `inner`, so rows reach
//    the database in the order they were written.
//  - Any other error from `inner` (a row it refuses) is returned as-is and nothing is spooled.
//  - A background thread, started by the constructor, replays spooled items oldest first: it writes each to
//    `inner` and then acknowledges it in the spool. While `inner` is unavailable it retries with a backoff
//    (initial_backoff, doubling up to max_backoff). A crash between the write and the acknowledgement writes the same
//    rows again after the restart, which the store's upserts make harmless. An item that `inner` refuses for another
//    reason (a bad row that went to the spool untested, because the spool was not empty) can never be written: it is
//    logged with its sequence, counted in stats().rejected and skipped.
//  - flush(timeout) wakes the thread at once and waits until the spool is empty or the timeout passed; call it
//    before shutting down. The destructor stops the thread (a write already under way finishes first) without
//    draining: what is left stays in the spool and is replayed by the next process that opens it.
//
// Thread-safe: write() and write_gap() may be called from several threads (they are serialised). `inner` is used
// from the calling threads and the replay thread, never by both at once. `inner` and `spool` must outlive this object.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/spool/spool.h"
#include "footfall/store/store.h"

namespace footfall {

// Spool item kinds and their payloads: a lossless binary encoding (CBOR, through nlohmann::json) of every field of
// every row. Decoding errors say what is missing or malformed.
inline constexpr std::string_view kSpoolKindBatch = "batch";
inline constexpr std::string_view kSpoolKindGap = "gap";
std::string encode_batch(const WriteBatch& batch);
Result<OwnedBatch> decode_batch(std::string_view payload);
std::string encode_gap(const SourceGap& gap);
Result<SourceGap> decode_gap(std::string_view payload);

struct SpoolingWriterOptions {
  std::chrono::milliseconds initial_backoff{1000};  // wait after the first failed replay ...
  std::chrono::milliseconds max_backoff{30000};     // ... doubling up to this
  std::size_t replay_batch = 32;                    // items read from the spool at a time
  const Clock* clock = nullptr;                     // stamps spooled items (created_ms); nullptr: the system clock
};

struct SpoolingWriterStats {
  SpoolStats spool;                 // depth, bytes, oldest item, refusals (for health and metrics)
  bool backend_available = true;    // false from a failure to reach `inner` until a write to it succeeds again
  std::uint64_t spooled = 0;        // items appended to the spool by this writer
  std::uint64_t replayed = 0;       // spooled items (of this run or an earlier one) written to `inner` and acked
  std::uint64_t rejected = 0;       // spooled items `inner` refused for good (logged and skipped)
};

class SpoolingCountWriter final : public CountWriter {
 public:
  // Starts the replay thread, which begins at once with whatever the spool holds from an earlier run.
  SpoolingCountWriter(CountWriter& inner, Spool& spool, SpoolingWriterOptions options = {});
  ~SpoolingCountWriter() override;
  SpoolingCountWriter(const SpoolingCountWriter&) = delete;
  SpoolingCountWriter& operator=(const SpoolingCountWriter&) = delete;

  // Success when the rows are written or spooled. An error when `inner` refused them (not spooled), or when they
  // had to be spooled and the spool refused them too (full, or a disk error): that error says both and is marked
  // unavailable, so a caller that keeps rows (BatchWriter) retries.
  Status write(const WriteBatch& batch) override;
  Status write_gap(const SourceGap& gap) override;

  // Replays now and waits until the spool is empty (success) or `timeout` passed (an unavailable error saying how
  // many items remain in which folder).
  Status flush(std::chrono::milliseconds timeout);

  SpoolingWriterStats stats() const;

 private:
  enum class Pass { idle, progress, unavailable, failed };

  Status spool_item(std::string_view kind, const std::string& payload, const Error* cause);
  Status deliver(const SpoolItem& item);
  Pass replay_pass();
  void run();
  void set_available(bool available, const std::string& reason);

  CountWriter& inner_;
  Spool& spool_;
  const SpoolingWriterOptions options_;
  const Clock& clock_;

  std::mutex write_mutex_;  // serialises write() / write_gap()

  mutable std::mutex mutex_;  // guards the fields below
  std::condition_variable wake_;      // to the replay thread: items appended, flush, stop
  std::condition_variable progress_;  // from the replay thread: a pass ended
  bool stopping_ = false;
  bool retry_now_ = false;
  std::uint64_t passes_ = 0;
  bool available_ = true;
  std::uint64_t spooled_ = 0;
  std::uint64_t replayed_ = 0;
  std::uint64_t rejected_ = 0;
  std::uint64_t replayed_this_outage_ = 0;

  std::thread thread_;
};

}  // namespace footfall

// SpoolingCountWriter (contract in include/footfall/store/spooling_writer.h): direct writes while the spool is empty,
// the spool during an outage and until it has drained, and a replay thread with a doubling backoff.
#include "footfall/store/spooling_writer.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace footfall {

namespace {

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace

SpoolingCountWriter::SpoolingCountWriter(CountWriter& inner, Spool& spool, SpoolingWriterOptions options)
    : inner_(inner),
      spool_(spool),
      options_(options),
      clock_(options.clock != nullptr ? *options.clock : system_clock()) {
  if (const SpoolStats stats = spool_.stats(); stats.items > 0) {
    spdlog::info("store: {} items from an earlier run wait in spool {}, the oldest from {}; replaying them",
                 stats.items, spool_.dir().string(), format_iso8601(*stats.oldest_ms));
  }
  thread_ = std::thread([this] { run(); });
}

SpoolingCountWriter::~SpoolingCountWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (const SpoolStats stats = spool_.stats(); stats.items > 0) {
    spdlog::warn("store: {} items stay in spool {} (the oldest from {}); they are written after the next start",
                 stats.items, spool_.dir().string(), format_iso8601(*stats.oldest_ms));
  }
}

Status SpoolingCountWriter::write(const WriteBatch& batch) {
  std::lock_guard lock(write_mutex_);
  if (spool_.stats().items == 0) {
    Status written = inner_.write(batch);
    if (written) set_available(true, "");
    if (written || !written.error().unavailable) return written;
    set_available(false, written.error().message);
    return spool_item(kSpoolKindBatch, encode_batch(batch), &written.error());
  }
  return spool_item(kSpoolKindBatch, encode_batch(batch), nullptr);
}

Status SpoolingCountWriter::write_gap(const SourceGap& gap) {
  std::lock_guard lock(write_mutex_);
  if (spool_.stats().items == 0) {
    Status written = inner_.write_gap(gap);
    if (written) set_available(true, "");
    if (written || !written.error().unavailable) return written;
    set_available(false, written.error().message);
    return spool_item(kSpoolKindGap, encode_gap(gap), &written.error());
  }
  return spool_item(kSpoolKindGap, encode_gap(gap), nullptr);
}

Status SpoolingCountWriter::spool_item(std::string_view kind, const std::string& payload, const Error* cause) {
  if (Status appended = spool_.append(kind, payload, clock_.now_ms()); !appended) {
    Error error = appended.error();
    if (cause != nullptr) error.message = "store unavailable (" + cause->message + ") and " + error.message;
    error.unavailable = true;
    return error;
  }
  {
    std::lock_guard lock(mutex_);
    ++spooled_;
  }
  wake_.notify_all();
  return Status::success();
}

void SpoolingCountWriter::set_available(bool available, const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (available == available_) return;
  available_ = available;
  if (!available) {
    spdlog::warn("store unavailable: {}; rows go to spool {} until it is reachable again", reason,
                 spool_.dir().string());
  } else if (const std::uint64_t waiting = spool_.stats().items; waiting > 0) {
    spdlog::info("store reachable again; replaying {} spooled items from {}", waiting, spool_.dir().string());
  } else {
    spdlog::info("store reachable again");
  }
}

Status SpoolingCountWriter::deliver(const SpoolItem& item) {
  if (item.kind == kSpoolKindBatch) {
    auto batch = decode_batch(item.payload);
    if (!batch) return batch.error();
    return inner_.write(batch->view());
  }
  if (item.kind == kSpoolKindGap) {
    auto gap = decode_gap(item.payload);
    if (!gap) return gap.error();
    return inner_.write_gap(*gap);
  }
  return make_error("unknown kind of spooled item '" + item.kind + "'");
}

// Delivers up to replay_batch items, then acknowledges them with one ack (two fsyncs) for the lot, not one per item:
// a crash before the ack replays items already written, which the store's keyed upserts make harmless (a spooled
// batch written twice leaves the rows of one write; SpoolingWriter.ACrashBetweenWriteAndAck... tests it).
SpoolingCountWriter::Pass SpoolingCountWriter::replay_pass() {
  auto items = spool_.peek(options_.replay_batch);
  if (!items) {
    spdlog::error("store: cannot read spool {}: {}", spool_.dir().string(), items.error().message);
    return Pass::failed;
  }
  if (items->empty()) return Pass::idle;
  std::uint64_t done = 0;  // the last item written or skipped, to acknowledge
  std::uint64_t written = 0;
  std::uint64_t skipped = 0;
  // The ack and the counters change together, so that flush() and stats() never see one without the other.
  const auto acknowledge = [&]() -> bool {
    std::lock_guard lock(mutex_);
    if (done == 0) return true;
    if (Status acked = spool_.ack(done); !acked) {
      spdlog::error("store: {}", acked.error().message);
      return false;
    }
    replayed_ += written;
    rejected_ += skipped;
    replayed_this_outage_ += written + skipped;
    return true;
  };
  for (const SpoolItem& item : *items) {
    bool stopping = false;
    {
      std::lock_guard lock(mutex_);
      stopping = stopping_;
    }
    if (stopping) return acknowledge() ? Pass::progress : Pass::failed;
    Status delivered = deliver(item);
    if (!delivered && delivered.error().unavailable) {
      set_available(false, delivered.error().message);
      return acknowledge() ? Pass::unavailable : Pass::failed;
    }
    if (delivered) {
      set_available(true, "");
      ++written;
    } else {
      // Retrying cannot help: keeping the item would stop every later one behind it.
      spdlog::error("store: spooled {} {} from {} refused by the store, skipped: {}", item.kind, item.sequence,
                    format_iso8601(item.created_ms), delivered.error().message);
      ++skipped;
    }
    done = item.sequence;
  }
  if (!acknowledge()) return Pass::failed;
  std::lock_guard lock(mutex_);
  if (spool_.stats().items == 0 && replayed_this_outage_ > 0) {
    spdlog::info("store: spool {} drained ({} items replayed)", spool_.dir().string(), replayed_this_outage_);
    replayed_this_outage_ = 0;
  }
  return Pass::progress;
}

void SpoolingCountWriter::run() {
  std::unique_lock lock(mutex_);
  std::chrono::milliseconds backoff = options_.initial_backoff;
  while (!stopping_) {
    retry_now_ = false;
    lock.unlock();
    const Pass pass = replay_pass();
    lock.lock();
    ++passes_;
    progress_.notify_all();
    if (stopping_) break;
    switch (pass) {
      case Pass::progress:
        backoff = options_.initial_backoff;
        break;
      case Pass::idle:
        backoff = options_.initial_backoff;
        wake_.wait(lock, [this] { return stopping_ || retry_now_ || spool_.stats().items > 0; });
        break;
      case Pass::unavailable:
      case Pass::failed:
        wake_.wait_for(lock, backoff, [this] { return stopping_ || retry_now_; });
        backoff = retry_now_ ? options_.initial_backoff : std::min(backoff * 2, options_.max_backoff);
        break;
    }
  }
}

Status SpoolingCountWriter::flush(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  retry_now_ = true;
  wake_.notify_all();
  for (;;) {
    const SpoolStats stats = spool_.stats();
    if (stats.items == 0) return Status::success();
    const std::uint64_t seen = passes_;
    if (!progress_.wait_until(lock, deadline, [&] { return passes_ != seen || stopping_; }) || stopping_) {
      const SpoolStats left = spool_.stats();
      if (left.items == 0) return Status::success();
      return make_unavailable_error("store: " + std::to_string(left.items) + " items remain in spool " +
                                    spool_.dir().string() + " (the oldest from " + format_iso8601(*left.oldest_ms) +
                                    "); they are written after the next start");
    }
  }
}

SpoolingWriterStats SpoolingCountWriter::stats() const {
  SpoolingWriterStats stats;
  std::lock_guard lock(mutex_);
  stats.spool = spool_.stats();
  stats.backend_available = available_;
  stats.spooled = spooled_;
  stats.replayed = replayed_;
  stats.rejected = rejected_;
  return stats;
}

}  // namespace footfall

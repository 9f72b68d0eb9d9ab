// Spool: a durable, ordered, bounded queue of opaque items on the local disk, for an edge box whose database or
// message broker is out of reach. Every append is on disk (fsync'd) before it returns, so an item survives a crash,
// kill -9 or power loss the moment append() succeeds; a torn write at the tail (a crash mid-append) is detected by
// its checksum and discarded on the next open. Items are read back in append order and acknowledged once delivered;
// acknowledged items are reclaimed. One consumer per spool directory (the store writer and the MQTT publisher each
// have their own); a second process opening the same directory gets an error naming it.
//
// On disk (see also docs/configuration.md, `spool`), the directory holds:
//   lock                     flock()ed while a Spool has the directory open; holds the owner's pid
//   ack                      the last acknowledged sequence, replaced atomically (temp file, fsync, rename, fsync dir)
//   00000000000000000042.seg segments named by their first sequence: a 16-byte header, then framed records
//                            [u32 length][u16 kind length][u64 sequence][i64 created_ms][kind][payload][u32 CRC-32]
//                            (little-endian; the CRC covers everything before it). A segment is deleted once every
//                            record in it is acknowledged.
// Open recovers: it checks every record's checksum, truncates a torn or corrupt tail (a warning names the file and
// the offset), and continues the sequence after the highest one ever appended or acknowledged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

struct SpoolOptions {
  std::filesystem::path dir;                 // created with its parents if missing
  std::uint64_t max_bytes = 1ull << 30;      // unsent bytes on disk; an append beyond it is refused
  double warn_fraction = 0.8;                // a loud warning (once per crossing) when this full
  // A new segment file is started once the current one holds this many bytes (an item larger than this gets a
  // segment of its own). Acknowledged space is reclaimed a whole segment at a time.
  std::uint64_t segment_bytes = 16ull << 20;
};

struct SpoolItem {
  std::uint64_t sequence = 0;  // strictly increasing over the spool's life (survives restarts)
  std::string kind;            // what the payload is, chosen by the producer ("batch", "gap", "mqtt")
  std::string payload;         // opaque bytes
  TimestampMs created_ms = 0;  // when it was appended (the producer's clock)
};

struct SpoolStats {
  std::uint64_t items = 0;   // unsent (appended and not acknowledged)
  std::uint64_t bytes = 0;   // unsent bytes on disk (framed records; what max_bytes limits)
  std::uint64_t max_bytes = 0;
  std::optional<TimestampMs> oldest_ms;  // created_ms of the oldest unsent item
  std::uint64_t refused = 0;             // appends refused because the spool was full, since open
  std::uint64_t last_sequence = 0;       // the newest item ever appended (0: none yet)
  std::uint64_t acked_sequence = 0;      // every item up to this one is acknowledged

  // bytes / max_bytes (0 when max_bytes is 0).
  double fill_fraction() const {
    return max_bytes == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(max_bytes);
  }
  // How long the oldest unsent item has waited at `now_ms`; nullopt when nothing is waiting.
  std::optional<std::int64_t> oldest_age_ms(TimestampMs now_ms) const {
    if (!oldest_ms) return std::nullopt;
    return now_ms - *oldest_ms;
  }
};

class Spool {
 public:
  // Opens (or creates) the spool in options.dir and recovers what a previous process left. Errors name the folder:
  // one that cannot be created or written, or one another Spool (this or another process) holds open.
  static Result<std::unique_ptr<Spool>> open(const SpoolOptions& options);
  virtual ~Spool() = default;

  // Thread-safe. Durable when it returns success. Refused (an error saying the spool is full, naming the folder and
  // its limit) when the item would take the unsent bytes past max_bytes. `kind` is 1..255 bytes.
  virtual Status append(std::string_view kind, std::string_view payload, TimestampMs created_ms) = 0;
  // The oldest unsent items, at most max_items, in append order. Does not remove them. An error names the segment
  // file and offset of a record that no longer reads back intact.
  virtual Result<std::vector<SpoolItem>> peek(std::size_t max_items) = 0;
  // Marks every item with sequence <= `sequence` as delivered (durably); their space is reclaimed. Acknowledging
  // an already acknowledged sequence does nothing; a sequence beyond the newest item is an error.
  virtual Status ack(std::uint64_t sequence) = 0;
  virtual SpoolStats stats() const = 0;
  virtual const std::filesystem::path& dir() const = 0;
};

}  // namespace footfall

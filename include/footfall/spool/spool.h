// Spool: a durable, ordered, bounded queue of opaque items on the local disk, for an edge box whose database or
// message broker is out of reach. Every append is on disk (fsync'd) before it returns, so an item survives a crash,
// kill -9 or power loss the moment append() succeeds; a torn write at the tail (a crash mid-append) is detected by
// its checksum and discarded on the next open. Items are read back in append order and acknowledged once delivered;
// acknowledged items are reclaimed. One consumer per spool directory (the store writer and the MQTT publisher each
// have their own); a second process opening the same directory gets an error naming it.
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
};

struct SpoolItem {
  std::uint64_t sequence = 0;  // strictly increasing over the spool's life (survives restarts)
  std::string kind;            // what the payload is, chosen by the producer ("batch", "gap", "mqtt")
  std::string payload;         // opaque bytes
  TimestampMs created_ms = 0;  // when it was appended (the producer's clock)
};

struct SpoolStats {
  std::uint64_t items = 0;   // unsent (appended and not acknowledged)
  std::uint64_t bytes = 0;   // unsent bytes on disk
  std::uint64_t max_bytes = 0;
  std::optional<TimestampMs> oldest_ms;  // created_ms of the oldest unsent item
  std::uint64_t refused = 0;             // appends refused because the spool was full, since open
};

class Spool {
 public:
  // Opens (or creates) the spool in options.dir and recovers what a previous process left. Errors name the folder.
  static Result<std::unique_ptr<Spool>> open(const SpoolOptions& options);
  virtual ~Spool() = default;

  // Thread-safe. Durable when it returns success. Refused (an error saying the spool is full, naming the folder and
  // its limit) when the item would take the unsent bytes past max_bytes.
  virtual Status append(std::string_view kind, std::string_view payload, TimestampMs created_ms) = 0;
  // The oldest unsent items, at most max_items, in append order. Does not remove them.
  virtual Result<std::vector<SpoolItem>> peek(std::size_t max_items) = 0;
  // Marks every item with sequence <= `sequence` as delivered (durably); their space is reclaimed.
  virtual Status ack(std::uint64_t sequence) = 0;
  virtual SpoolStats stats() const = 0;
  virtual const std::filesystem::path& dir() const = 0;
};

}  // namespace footfall

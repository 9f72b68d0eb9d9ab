// Store: where counts go. Interfaces here; backends in src/store/<backend>/, created by open_store() from a URL.
// Implementations are safe to call from several threads (each call is serialised internally).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

// One stored row: FrameCount without the boxes.
struct CountRow {
  std::string camera;
  TimestampMs timestamp_ms = 0;
  int count = 0;
  float mean_confidence = 0.0f;
  std::string model;
  int frame_width = 0;
  int frame_height = 0;
};

CountRow to_row(const FrameCount& count);

struct CountQuery {
  TimestampMs from_ms = 0;               // inclusive
  TimestampMs to_ms = INT64_MAX;         // exclusive
  std::optional<std::string> camera;     // all cameras when empty
};

class CountWriter {
 public:
  virtual ~CountWriter() = default;
  // Writes all rows in one transaction: all or nothing. A row with the same (camera, timestamp) replaces the old one.
  virtual Status write_counts(std::span<const CountRow> rows) = 0;
  virtual Status write_gap(const SourceGap& gap) = 0;
};

class CountReader {
 public:
  virtual ~CountReader() = default;
  virtual Result<std::vector<CountRow>> read_counts(const CountQuery& query) = 0;  // ordered by camera, time
  virtual Result<std::vector<SourceGap>> read_gaps(const CountQuery& query) = 0;  // overlapping the range
  virtual Result<std::vector<std::string>> cameras() = 0;
};

class Store : public CountWriter, public CountReader {
 public:
  virtual int schema_version() = 0;
  virtual std::string describe() const = 0;
};

// "sqlite:PATH", "sqlite://PATH" or a plain path (any name) -> SQLite, created with its parent folders if missing,
// migrated to the current schema. "postgresql://..." / "postgres://..." -> an error saying PostgreSQL support is
// not built in this version; another "scheme://" is an error. Errors name the path or URL (password masked) and
// the problem (SQLite's message, a schema newer than this binary, a folder that cannot be created).
// Each returned Store owns one connection; two Stores on the same file (or two processes) are safe, and a writer
// waits up to 5 s for the other's lock before failing with "database is locked".
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace footfall

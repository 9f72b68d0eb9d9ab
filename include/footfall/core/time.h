// Time: UTC epoch milliseconds everywhere; ISO-8601 only at the edges (CLI, files, config).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace footfall {

using TimestampMs = std::int64_t;  // UTC, milliseconds since 1970-01-01T00:00:00Z

// "2026-11-24T09:30:00.250Z" (milliseconds always printed).
std::string format_iso8601(TimestampMs t);

// Accepts "2026-11-24", "2026-11-24T09:30", "2026-11-24T09:30:00", "...:00.250", with "Z", "+01:00", "+0100" or
// no zone (taken as UTC); 'T' or ' ' between date and time. nullopt when the text is not such a time.
std::optional<TimestampMs> parse_iso8601(std::string_view text);

// ISO-8601 as above, or an integer epoch in seconds (<= 10 digits) or milliseconds (13 digits).
std::optional<TimestampMs> parse_time(std::string_view text);

// Injected clock so that the core never reads the wall clock itself.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimestampMs now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimestampMs now_ms() const override;
};

}  // namespace footfall

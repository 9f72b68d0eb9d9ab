// Internal to the sales CSV parser: the values of its fields (dates and times, numbers) and the CSV records.
// Errors are reasons without the file and line ("date '2026-02-30' is not a valid date"); the caller adds those.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall::sales_detail {

std::string_view trim(std::string_view text);

// A date, optionally with a time of day and a UTC offset, as written in a field.
struct DateTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  bool has_time = false;
  int hour = 0;  // 0..24 (24:00:00 is the end of the day)
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  std::optional<std::int64_t> offset_ms;  // Z / UTC / +01:00; empty = store-local time
  std::optional<TimestampMs> epoch_ms;     // the field was an integer epoch (then the rest is unset)
};

// "2026-03-29", "2026/03/29", "29.03.2026", each optionally followed by 'T' or spaces and a clock (see parse_clock).
// allow_epoch also takes 10-digit epoch seconds and 13-digit epoch milliseconds. `column` names the field in errors.
Result<DateTime> parse_date_time(std::string_view text, const std::string& column, bool allow_epoch);
// "9:05", "09:05:30", "09:05:30.250", optionally followed by Z, UTC, GMT or an offset (+01:00, +0100, +01).
// Sets has_time, the clock fields and offset_ms of `into` (its date is kept).
Status parse_clock(std::string_view text, const std::string& column, DateTime& into);

// The UTC instant: the epoch as given, the local time minus its offset, or the store-local time in tz.
TimestampMs to_utc(const DateTime& value, const TimeZone& tz);

// A number with the tolerances of sales.h (currency, thousands separators, decimal comma). decimal_comma: the file
// is ';'-delimited, so a single ',' is the decimal separator. `what` names the value in errors ("amount").
Result<double> parse_number(std::string_view text, bool decimal_comma, const std::string& what);

struct Record {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

// The delimiter the first non-blank line uses most outside quotes: ',', ';' or '\t' (',' when none).
char sniff_delimiter(std::string_view text);
// Splits CSV text (without a byte order mark) into records; blank lines are skipped. Error: an unterminated quote,
// as "line N: ...".
Result<std::vector<Record>> read_records(std::string_view text, char delimiter);

}  // namespace footfall::sales_detail

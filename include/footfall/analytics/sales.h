// Point-of-sale data: parsing a sales CSV export into UTC rows, and conversion (transactions / visitors) per bucket.
//
// Contract of parse_sales_csv(text, source_name, tz) (pure; deterministic; the caller reads the file):
// - Two shapes, told apart by the header. Header names are case-insensitive; surrounding spaces, a trailing unit in
//   brackets ("Amount (EUR)") and quotes are ignored; spaces, '-' and '.' inside read as '_'. Columns may come in any
//   order; unknown columns are ignored.
//     transactions: one row per transaction (or per timestamp with a count):
//       a timestamp column  timestamp | time | datetime | date_time | created_at
//       or two columns      date + time
//       optional            transactions | count | receipts | tickets  (default 1 per row)
//     intervals: one row per interval with a count:
//       start | from | start_time | interval_start | period_start  (required)
//       end | to | end_time | interval_end | period_end            (optional)
//       transactions | count | receipts | tickets                  (required)
//       with a date column too, start and end may be times of day on that date (date,start,end,count:
//       2026-11-23,09:00,10:00,12; "24:00" ends the day); or just date + a count column: one row per local day.
//   Both shapes: optional amount | total | value | revenue (the row's takings; empty = unknown for that row).
// - Interval ends: from the end column; else a date without a time is the whole local day (23 or 25 hours on a
//   daylight-saving day); else every interval is as long as the most common gap between consecutive distinct starts
//   (hourly exports give an hour even when closed hours are missing). A single timed start with no end column is an
//   error (the length cannot be told). A date-only end is inclusive: the interval ends at the next local midnight.
// - Timestamps: a date YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY (MM/DD/YYYY and DD/MM/YYYY are ambiguous and refused),
//   then optionally 'T' or spaces and HH:MM, HH:MM:SS or HH:MM:SS.fff, then optionally Z, UTC or an offset (+01:00,
//   +0100, +01). With a zone the time is that absolute instant; without one it is store-local time in tz (a local
//   time that occurs twice is taken at its first occurrence, one in the spring gap as the instant the gap ends; add
//   an offset to tell the repeated hour apart). A timestamp column also takes integer epoch seconds (10 digits) or
//   milliseconds (13 digits). A transaction's timestamp needs a time of day.
// - Tolerated: ',', ';' or tab as delimiter (whichever the header line uses most outside quotes), a UTF-8 byte
//   order mark, CRLF or CR line ends, fields in double quotes with delimiters, line breaks or "" inside, blank lines
//   and lines of empty fields (";;;"), rows shorter than the header (missing fields are empty).
// - Numbers: currency symbols and codes of up to 3 letters around them (€ $ £ ¥ ₹, "EUR", "CHF"), spaces and
//   apostrophes as thousands separators, a leading sign. The decimal separator: with both '.' and ',' present, the
//   later one. With one kind: the file's own (',' in ';' files, '.' in others) occurring once is decimal ("12,50" in
//   a ';' file); the other one groups thousands when the digits group by three ("1.234" in a ';' file, "1,234" in a
//   ',' file, is 1234) and is decimal otherwise ("12,50" in a ',' file).
//   Counts must be whole and >= 0; an empty count is 0.
// - Errors: "SOURCE: empty file"; "SOURCE line N: no recognisable header: found columns 'a', 'b'; expected ...";
//   "SOURCE: no rows after the header"; and the first bad row, by its 1-based physical line in the file, with the
//   reason: "SOURCE line 57: date '2026-02-30' is not a valid date", "SOURCE line 9: negative count -3 in column
//   'transactions'". A file with any error gives no rows (the caller imports nothing).
//
// Contract of conversion(buckets, sales) (pure):
// - One ConversionRow per bucket, in the same order (buckets sorted by start, not overlapping: rollup() output).
// - A transaction row (end_ms == start_ms) goes to the bucket containing start_ms. An interval [start, end) inside one
//   bucket goes to it whole; one spanning several buckets is split in proportion to the time it overlaps each: the
//   transactions by largest remainder (whole numbers that add up to the row's count, ties to the earlier bucket; the
//   share of any part outside the buckets is dropped), the amount in exact proportion. Sales outside every bucket
//   are ignored.
// - conversion_rate = transactions / visitors, empty when visitors is 0 (it may exceed 1: staff purchases, missed
//   entries). amount = sum of the known amounts, empty when no sale in the bucket had one; average_basket = amount /
//   the transactions that carried an amount, empty when there were none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/analytics/rollup.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall {

struct SaleRow {
  TimestampMs start_ms = 0;  // UTC
  TimestampMs end_ms = 0;    // UTC, exclusive; == start_ms for a transaction
  std::int64_t transactions = 1;
  std::optional<double> amount;
};

enum class SalesShape { kTransactions, kIntervals };

struct SalesImport {
  SalesShape shape = SalesShape::kTransactions;
  std::vector<SaleRow> rows;         // in file order
  char delimiter = ',';
  std::vector<std::string> columns;  // the header's names, normalised (lower case, '_' for spaces)
  std::int64_t transactions = 0;     // sum over rows
  bool has_amounts = false;          // some row carried an amount
};

Result<SalesImport> parse_sales_csv(std::string_view text, const std::string& source_name, const TimeZone& tz);

struct ConversionRow {
  TimeSlot slot;
  std::int64_t visitors = 0;
  std::int64_t transactions = 0;
  std::optional<double> conversion_rate;  // transactions / visitors
  std::optional<double> amount;
  std::optional<double> average_basket;   // amount / transactions with an amount
};

std::vector<ConversionRow> conversion(const std::vector<RollupRow>& buckets, const std::vector<SaleRow>& sales);

}  // namespace footfall

// parse_sales_csv: the header decides the shape, then every row is parsed or the first bad one is named (sales.h).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "footfall/analytics/sales.h"
#include "sales_values.h"

namespace footfall {

namespace {

using sales_detail::DateTime;
using sales_detail::Record;

using Aliases = std::vector<std::string_view>;
const Aliases kTimestamp{"timestamp", "datetime", "date_time", "created_at", "time"};
const Aliases kDate{"date"};
const Aliases kTime{"time"};
const Aliases kStart{"start", "from", "start_time", "interval_start", "period_start"};
const Aliases kEnd{"end", "to", "end_time", "interval_end", "period_end"};
const Aliases kCount{"transactions", "count", "receipts", "tickets"};
const Aliases kAmount{"amount", "total", "value", "revenue"};

const char* const kExpectedColumns =
    "expected a timestamp column (timestamp, time, datetime, date_time or created_at), date and time columns, or an "
    "interval start column (start or from) with a count column (transactions, count, receipts or tickets); an amount "
    "column (amount, total, value or revenue) is optional";

constexpr std::int64_t kDayMs = 86'400'000;

// "  Amount (EUR) " -> "amount"; "Created At" -> "created_at"; "Date-Time" -> "date_time".
std::string normalise_column(std::string_view name) {
  std::string s(sales_detail::trim(name));
  if (!s.empty() && (s.back() == ')' || s.back() == ']')) {
    const std::size_t open = s.find_last_of(s.back() == ')' ? '(' : '[');
    if (open != std::string::npos && open > 0) s.erase(open);
  }
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '-' || c == '.' || c == '_') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// The index of the first alias (in alias order) among the columns, or -1.
int find_column(const std::vector<std::string>& columns, const Aliases& aliases) {
  for (std::string_view alias : aliases) {
    const auto it = std::find(columns.begin(), columns.end(), alias);
    if (it != columns.end()) return static_cast<int>(it - columns.begin());
  }
  return -1;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out.empty() ? "none" : out;
}

struct Layout {
  SalesShape shape = SalesShape::kTransactions;
  int timestamp = -1;  // transactions: one column with date and time
  int date = -1;       // with `time` (transactions) or as the day / the date of clock starts (intervals)
  int time = -1;
  int start = -1;
  int end = -1;
  int count = -1;
  int amount = -1;
};

Result<Layout> layout_of(const std::vector<std::string>& columns) {
  Layout l;
  l.date = find_column(columns, kDate);
  l.count = find_column(columns, kCount);
  l.amount = find_column(columns, kAmount);
  l.start = find_column(columns, kStart);
  const int time = find_column(columns, kTime);
  const int timestamp = find_column(columns, kTimestamp);
  if (l.start >= 0) {
    l.shape = SalesShape::kIntervals;
    l.end = find_column(columns, kEnd);
    if (l.count < 0) {
      return make_error("interval column '" + columns[static_cast<std::size_t>(l.start)] +
                        "' needs a count column (transactions, count, receipts or tickets); found columns " +
                        quoted_list(columns));
    }
  } else if (l.date >= 0 && time >= 0) {
    l.time = time;
  } else if (timestamp >= 0) {
    l.timestamp = timestamp;
    l.date = -1;
  } else if (l.date >= 0 && l.count >= 0) {
    l.shape = SalesShape::kIntervals;
    l.start = l.date;
    l.date = -1;
  } else {
    return make_error("no recognisable header: found columns " + quoted_list(columns) + "; " + kExpectedColumns);
  }
  return l;
}

const std::string& field(const Record& r, int index) {
  static const std::string kEmpty;
  return index >= 0 && static_cast<std::size_t>(index) < r.fields.size() ? r.fields[static_cast<std::size_t>(index)]
                                                                         : kEmpty;
}

bool looks_like_clock(std::string_view s) {
  s = sales_detail::trim(s);
  const std::size_t colon = s.find(':');
  return colon >= 1 && colon <= 2 && std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon),
                                                 [](char c) { return c >= '0' && c <= '9'; });
}

// A row being parsed: the date of the row (date column) lets interval starts and ends be times of day.
struct RowParser {
  const Layout& layout;
  const std::vector<std::string>& columns;
  const TimeZone& tz;
  bool decimal_comma = false;

  const std::string& name(int column) const { return columns[static_cast<std::size_t>(column)]; }

  Result<DateTime> required_time(const Record& r, int column, bool allow_epoch) const {
    const std::string& text = field(r, column);
    if (sales_detail::trim(text).empty()) return make_error("empty " + name(column));
    return sales_detail::parse_date_time(text, name(column), allow_epoch);
  }

  // An interval bound: a date and time, or a clock on the row's date when the file has a date column.
  Result<DateTime> bound(const Record& r, int column) const {
    if (layout.date >= 0 && looks_like_clock(field(r, column))) {
      auto day = required_time(r, layout.date, false);
      if (!day) return day.error();
      DateTime value = *day;
      if (Status s = sales_detail::parse_clock(field(r, column), name(column), value); !s) return s.error();
      return value;
    }
    return required_time(r, column, true);
  }

  Result<std::int64_t> count(const Record& r) const {
    if (layout.count < 0) return std::int64_t{1};
    const std::string& text = field(r, layout.count);
    if (sales_detail::trim(text).empty()) return std::int64_t{0};
    auto v = sales_detail::parse_number(text, decimal_comma, "count");
    if (!v) return v.error();
    if (*v < 0) {
      return make_error("negative count " + std::string(sales_detail::trim(text)) + " in column '" +
                        name(layout.count) + "'");
    }
    if (std::fabs(*v - std::round(*v)) > 1e-9 || *v > 1e15) {
      return make_error("count '" + std::string(sales_detail::trim(text)) + "' in column '" + name(layout.count) +
                        "' is not a whole number");
    }
    return static_cast<std::int64_t>(std::llround(*v));
  }

  Result<std::optional<double>> amount(const Record& r) const {
    if (layout.amount < 0) return std::optional<double>{};
    const std::string& text = field(r, layout.amount);
    if (sales_detail::trim(text).empty()) return std::optional<double>{};
    auto v = sales_detail::parse_number(text, decimal_comma, "amount");
    if (!v) return v.error();
    return std::optional<double>{*v};
  }

  TimestampMs next_midnight(const DateTime& d) const {
    return tz.utc_of_local(local_epoch_ms(d.year, d.month, d.day) + kDayMs);
  }
};

// The most common positive gap between consecutive distinct starts (ties: the shorter), or 0.
std::int64_t usual_gap(std::vector<TimestampMs> starts) {
  std::sort(starts.begin(), starts.end());
  std::map<std::int64_t, int> gaps;
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] > starts[i - 1]) ++gaps[starts[i] - starts[i - 1]];
  }
  std::int64_t best = 0;
  int best_n = 0;
  for (const auto& [gap, n] : gaps) {
    if (n > best_n) best = gap, best_n = n;
  }
  return best;
}

}  // namespace

Result<SalesImport> parse_sales_csv(std::string_view text, const std::string& source_name, const TimeZone& tz) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto at_line = [&](int line, const std::string& reason) {
    return make_error(source_name + " line " + std::to_string(line) + ": " + reason);
  };
  if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; })) {
    return make_error(source_name + ": empty file");
  }
  SalesImport out;
  out.delimiter = sales_detail::sniff_delimiter(text);
  auto records = sales_detail::read_records(text, out.delimiter);
  if (!records) return make_error(source_name + " " + records.error().message);
  if (records->empty()) return make_error(source_name + ": empty file");

  const Record& header = records->front();
  for (const std::string& name : header.fields) out.columns.push_back(normalise_column(name));
  auto layout = layout_of(out.columns);
  if (!layout) return at_line(header.line, layout.error().message);
  out.shape = layout->shape;
  if (records->size() == 1) return make_error(source_name + ": no rows after the header");

  const RowParser parser{*layout, out.columns, tz, out.delimiter == ';'};
  std::vector<std::size_t> open_ended;  // intervals whose length comes from the usual gap
  std::vector<TimestampMs> timed_starts;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const Record& r = (*records)[i];
    SaleRow row;
    auto count = parser.count(r);
    if (!count) return at_line(r.line, count.error().message);
    row.transactions = *count;
    auto amount = parser.amount(r);
    if (!amount) return at_line(r.line, amount.error().message);
    row.amount = *amount;

    if (layout->shape == SalesShape::kTransactions) {
      Result<DateTime> when = layout->timestamp >= 0 ? parser.required_time(r, layout->timestamp, true)
                                                     : parser.bound(r, layout->time);
      if (!when) return at_line(r.line, when.error().message);
      if (!when->has_time) {
        const int column = layout->timestamp >= 0 ? layout->timestamp : layout->time;
        return at_line(r.line, parser.name(column) + " '" + std::string(sales_detail::trim(field(r, column))) +
                                    "' has no time of day");
      }
      row.start_ms = row.end_ms = sales_detail::to_utc(*when, tz);
    } else {
      auto start = parser.bound(r, layout->start);
      if (!start) return at_line(r.line, start.error().message);
      row.start_ms = sales_detail::to_utc(*start, tz);
      if (layout->end >= 0 && !sales_detail::trim(field(r, layout->end)).empty()) {
        auto end = parser.bound(r, layout->end);
        if (!end) return at_line(r.line, end.error().message);
        row.end_ms = end->has_time ? sales_detail::to_utc(*end, tz) : parser.next_midnight(*end);
        if (row.end_ms <= row.start_ms) {
          return at_line(r.line, parser.name(layout->end) + " '" +
                                     std::string(sales_detail::trim(field(r, layout->end))) + "' is not after " +
                                     parser.name(layout->start) + " '" +
                                     std::string(sales_detail::trim(field(r, layout->start))) + "'");
        }
      } else if (!start->has_time) {
        row.end_ms = parser.next_midnight(*start);
      } else {
        open_ended.push_back(out.rows.size());
        timed_starts.push_back(row.start_ms);
      }
    }
    out.transactions += row.transactions;
    out.has_amounts = out.has_amounts || row.amount.has_value();
    out.rows.push_back(row);
  }

  if (!open_ended.empty()) {
    const std::int64_t gap = usual_gap(timed_starts);
    if (gap <= 0) {
      const Record& r = (*records)[open_ended.front() + 1];
      return at_line(r.line, "cannot tell the interval length from a single start '" +
                                 std::string(sales_detail::trim(field(r, layout->start))) + "'; add an end column");
    }
    for (std::size_t i : open_ended) out.rows[i].end_ms = out.rows[i].start_ms + gap;
  }
  return out;
}

}  // namespace footfall

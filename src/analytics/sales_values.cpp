#include "sales_values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace footfall::sales_detail {

namespace {

const char* const kExpectedDate =
    "(expected YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY, optionally with a time HH:MM[:SS] and Z or +HH:MM)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads a run of digits at pos (up to max_len) and advances; -1 when there is none.
int read_int(std::string_view s, std::size_t& pos, std::size_t max_len, std::size_t* len = nullptr) {
  const std::size_t begin = pos;
  int value = 0;
  while (pos < s.size() && is_digit(s[pos]) && pos - begin < max_len) value = value * 10 + (s[pos++] - '0');
  if (len) *len = pos - begin;
  return pos == begin ? -1 : value;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

Error not_a_date(std::string_view text, const std::string& column) {
  return make_error("'" + std::string(text) + "' in column '" + column + "' is not a date " + kExpectedDate);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Currency symbols (UTF-8) that may stand before or after an amount.
constexpr std::array<std::string_view, 7> kCurrencySymbols{"€", "£", "¥", "₹", "$", "₽", "₩"};
// Spaces and apostrophes used as thousands separators (no-break, narrow no-break and thin spaces, ’).
constexpr std::array<std::string_view, 6> kGroupingMarks{" ", "'", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89",
                                                         "\xE2\x80\x99"};

// Strips currency symbols and codes of up to 3 letters (EUR, CHF, kr) from both ends.
void strip_currency(std::string& s) {
  auto letters_at_front = [&] {
    std::size_t n = 0;
    while (n < s.size() && is_alpha(s[n])) ++n;
    return n;
  };
  auto letters_at_back = [&] {
    std::size_t n = 0;
    while (n < s.size() && is_alpha(s[s.size() - 1 - n])) ++n;
    return n;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view sym : kCurrencySymbols) {
      if (s.size() >= sym.size() && s.compare(0, sym.size(), sym) == 0) {
        s.erase(0, sym.size());
        changed = true;
      }
      if (s.size() >= sym.size() && s.compare(s.size() - sym.size(), sym.size(), sym) == 0) {
        s.erase(s.size() - sym.size());
        changed = true;
      }
    }
    if (const std::size_t n = letters_at_front(); n > 0 && n <= 3 && n < s.size()) {
      s.erase(0, n);
      changed = true;
    }
    if (const std::size_t n = letters_at_back(); n > 0 && n <= 3 && n < s.size()) {
      s.erase(s.size() - n);
      changed = true;
    }
  }
}

// digits [sep ddd]*: a first group of 1-3 digits, then groups of exactly 3.
bool grouped_by_thousands(std::string_view s, char sep) {
  std::size_t group = 0;
  bool first = true;
  for (char c : s) {
    if (c == sep) {
      if (group == 0 || group > 3 || (!first && group != 3)) return false;
      first = false;
      group = 0;
    } else if (is_digit(c)) {
      ++group;
    } else {
      return false;
    }
  }
  return !first && group == 3;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (is_space(text.front()) || text.front() == '\r' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (is_space(text.back()) || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

Result<DateTime> parse_date_time(std::string_view text, const std::string& column, bool allow_epoch) {
  const std::string_view s = trim(text);
  DateTime out;
  if (allow_epoch && (s.size() == 10 || s.size() == 13) &&
      std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); })) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    out.epoch_ms = s.size() == 10 ? v * 1000 : v;
    out.has_time = true;
    return out;
  }
  std::size_t pos = 0;
  std::size_t len_a = 0, len_b = 0, len_c = 0;
  const int a = read_int(s, pos, 4, &len_a);
  if (a < 0 || pos >= s.size()) return not_a_date(s, column);
  const char sep = s[pos++];
  const int b = read_int(s, pos, 2, &len_b);
  if (b < 0 || pos >= s.size() || s[pos] != sep) return not_a_date(s, column);
  ++pos;
  const int c = read_int(s, pos, 4, &len_c);
  if (c < 0) return not_a_date(s, column);
  if ((sep == '-' || sep == '/') && len_a == 4 && len_c <= 2) {
    out.year = a, out.month = b, out.day = c;
  } else if (sep == '.' && len_a <= 2 && len_c == 4) {
    out.year = c, out.month = b, out.day = a;
  } else if (sep == '/' && len_a <= 2 && len_c == 4) {
    return make_error("date '" + std::string(s.substr(0, pos)) + "' in column '" + column +
                      "' is ambiguous (MM/DD/YYYY or DD/MM/YYYY): write YYYY-MM-DD, YYYY/MM/DD or DD.MM.YYYY");
  } else {
    return not_a_date(s, column);
  }
  const std::string_view date_text = s.substr(0, pos);
  if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > days_in_month(out.year, out.month)) {
    return make_error("date '" + std::string(date_text) + "' is not a valid date");
  }
  if (pos == s.size()) return out;
  if (s[pos] == 'T' || s[pos] == 't') {
    ++pos;
  } else if (is_space(s[pos])) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
  } else {
    return not_a_date(s, column);
  }
  if (Status clock = parse_clock(s.substr(pos), column, out); !clock) return clock.error();
  return out;
}

Status parse_clock(std::string_view text, const std::string& column, DateTime& into) {
  const std::string_view s = trim(text);
  const auto bad_clock = [&] {
    return make_error("'" + std::string(s) + "' in column '" + column +
                      "' is not a time of day (expected HH:MM or HH:MM:SS, optionally with Z or +HH:MM)");
  };
  std::size_t pos = 0;
  std::size_t len = 0;
  const int hour = read_int(s, pos, 2);
  if (hour < 0 || pos >= s.size() || s[pos] != ':') return bad_clock();
  ++pos;
  const int minute = read_int(s, pos, 2, &len);
  if (minute < 0 || len != 2) return bad_clock();
  int second = 0;
  int millisecond = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    second = read_int(s, pos, 2, &len);
    if (second < 0 || len != 2) return bad_clock();
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const std::size_t begin = pos;
      while (pos < s.size() && is_digit(s[pos])) {
        if (pos - begin < 3) millisecond = millisecond * 10 + (s[pos] - '0');
        ++pos;
      }
      if (pos == begin) return bad_clock();
      for (std::size_t n = pos - begin; n < 3; ++n) millisecond *= 10;
    }
  }
  const std::string_view clock_text = s.substr(0, pos);
  const bool end_of_day = hour == 24 && minute == 0 && second == 0 && millisecond == 0;
  if ((hour > 23 && !end_of_day) || minute > 59 || second > 59) {
    return make_error("time '" + std::string(clock_text) + "' is not a valid time");
  }
  while (pos < s.size() && is_space(s[pos])) ++pos;
  const std::string_view zone = s.substr(pos);
  std::optional<std::int64_t> offset;
  if (zone.empty()) {
    // store-local
  } else if (zone == "Z" || zone == "z" || starts_with_ci(zone, "utc") || starts_with_ci(zone, "gmt")) {
    if (zone.size() != 1 && zone.size() != 3) return bad_clock();
    offset = 0;
  } else if (zone[0] == '+' || zone[0] == '-') {
    std::size_t p = 1;
    std::size_t hours_len = 0;
    const int oh = read_int(zone, p, 2, &hours_len);
    int om = 0;
    if (p < zone.size() && zone[p] == ':') ++p;
    if (p < zone.size()) {
      std::size_t minutes_len = 0;
      om = read_int(zone, p, 2, &minutes_len);
      if (minutes_len != 2) return bad_clock();
    }
    if (oh < 0 || hours_len != 2 || p != zone.size() || oh > 14 || om > 59) {
      return make_error("'" + std::string(s) + "' in column '" + column + "' has an invalid UTC offset '" +
                        std::string(zone) + "' (expected Z, +HH:MM or -HH:MM)");
    }
    offset = (zone[0] == '-' ? -1 : 1) * (std::int64_t{oh} * 60 + om) * 60'000;
  } else {
    return bad_clock();
  }
  into.has_time = true;
  into.hour = hour;
  into.minute = minute;
  into.second = second;
  into.millisecond = millisecond;
  into.offset_ms = offset;
  return Status::success();
}

TimestampMs to_utc(const DateTime& value, const TimeZone& tz) {
  if (value.epoch_ms) return *value.epoch_ms;
  // local_epoch_ms is linear in the hour, so 24:00 is the next midnight.
  const std::int64_t local_ms =
      local_epoch_ms(value.year, value.month, value.day, value.hour, value.minute, value.second, value.millisecond);
  if (value.offset_ms) return local_ms - *value.offset_ms;
  return tz.utc_of_local(local_ms);
}

Result<double> parse_number(std::string_view text, bool decimal_comma, const std::string& what) {
  const std::string original(trim(text));
  auto bad = [&] { return make_error(what + " '" + original + "' is not a number"); };
  std::string s;
  for (std::size_t i = 0; i < original.size();) {
    bool mark = false;
    for (std::string_view m : kGroupingMarks) {
      if (original.compare(i, m.size(), m) == 0) {
        i += m.size();
        mark = true;
        break;
      }
    }
    if (!mark && original[i] == '\t') {
      ++i;
      mark = true;
    }
    if (!mark) s.push_back(original[i++]);
  }
  strip_currency(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.erase(0, 1);
    strip_currency(s);
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; })) {
    return bad();
  }
  if (!std::any_of(s.begin(), s.end(), is_digit)) return bad();

  const std::size_t dots = static_cast<std::size_t>(std::count(s.begin(), s.end(), '.'));
  const std::size_t commas = static_cast<std::size_t>(std::count(s.begin(), s.end(), ','));
  char decimal = 0;    // the decimal separator in s, if any
  char thousands = 0;  // the thousands separator in s, if any
  if (dots > 0 && commas > 0) {
    decimal = s.find_last_of(".,") == s.rfind('.') ? '.' : ',';
    thousands = decimal == '.' ? ',' : '.';
  } else if (dots + commas > 0) {
    const char sep = dots > 0 ? '.' : ',';
    const std::size_t n = dots + commas;
    const char file_decimal = decimal_comma ? ',' : '.';
    if (sep == file_decimal && n == 1) {
      decimal = sep;
    } else if (grouped_by_thousands(s, sep)) {
      thousands = sep;
    } else if (n == 1) {
      decimal = sep;
    } else {
      return bad();
    }
  }
  std::string integer = s;
  std::string fraction;
  if (decimal != 0) {
    const std::size_t at = s.rfind(decimal);
    integer = s.substr(0, at);
    fraction = s.substr(at + 1);
    if (fraction.find_first_of(".,") != std::string::npos) return bad();
  }
  if (thousands != 0) {
    if (!grouped_by_thousands(integer, thousands)) return bad();
    std::erase(integer, thousands);
  }
  if (integer.find_first_of(".,") != std::string::npos) return bad();
  const std::string plain = (integer.empty() ? "0" : integer) + (fraction.empty() ? "" : "." + fraction);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size() || !std::isfinite(value)) return bad();
  return negative ? -value : value;
}

char sniff_delimiter(std::string_view text) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  bool seen = false;  // a non-blank character on the current line
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (seen) break;
      continue;
    }
    if (!is_space(c)) seen = true;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

Result<std::vector<Record>> read_records(std::string_view text, char delimiter) {
  std::vector<Record> records;
  Record current;
  std::string field;
  bool field_quoted = false;  // the current field began with a quote
  bool in_quotes = false;
  int line = 1;
  int quote_line = 0;
  current.line = 1;

  auto end_field = [&] {
    current.fields.push_back(field_quoted ? field : std::string(trim(field)));
    field.clear();
    field_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    // Blank lines, and lines of empty fields only (";;;" from spreadsheets), are no records.
    const bool blank = std::all_of(current.fields.begin(), current.fields.end(),
                                   [](const std::string& f) { return trim(f).empty(); });
    if (!blank) records.push_back(std::move(current));
    current = Record{};
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && trim(field).empty() && !field_quoted) {
      field.clear();
      field_quoted = true;
      in_quotes = true;
      quote_line = line;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      current.line = ++line;
    } else if (!(field_quoted && is_space(c))) {
      field.push_back(c);  // text after a closing quote is kept, spaces dropped
    }
  }
  if (in_quotes) {
    return make_error("line " + std::to_string(quote_line) +
                      ": a quoted field is not closed (a '\"' without its pair)");
  }
  end_record();
  return records;
}

}  // namespace footfall::sales_detail

#include "footfall/ingest/snapshot_name.h"

#include <cstdio>
#include <string>

namespace footfall {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits starting at i.
std::size_t digit_run(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

int number(std::string_view s, std::size_t i, std::size_t n) {
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s[i + k] - '0');
  return v;
}

// The parts of a date-time found in a name, normalised and then validated by parse_iso8601.
struct Parts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int millis = 0;
  std::string zone = "Z";
};

std::optional<TimestampMs> validate(const Parts& p) {
  if (p.year < 1970 || p.year > 2999) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", p.year, p.month, p.day, p.hour, p.minute,
                p.second, p.millis);
  return parse_iso8601(std::string(buf) + p.zone);
}

// Optional fraction of a second at i: '.' or ',' then digits; keeps milliseconds. Advances i.
void read_fraction(std::string_view s, std::size_t& i, Parts& p) {
  if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
    const std::size_t n = digit_run(s, i + 1);
    int ms = 0;
    for (std::size_t k = 0; k < 3; ++k) ms = ms * 10 + (k < n ? s[i + 1 + k] - '0' : 0);
    p.millis = ms;
    i += 1 + n;
  }
}

// Optional zone at i: 'Z'/'z', or +hh:mm, +hhmm, -hh:mm, -hhmm not followed by a digit. Advances i.
void read_zone(std::string_view s, std::size_t& i, Parts& p) {
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
    return;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return;
  std::size_t j = i + 1;
  if (digit_run(s, j) == 4) {
    p.zone = std::string(s.substr(i, 3)) + ":" + std::string(s.substr(i + 3, 2));
    i = j + 4;
  } else if (digit_run(s, j) == 2 && j + 2 < s.size() && s[j + 2] == ':' && digit_run(s, j + 3) == 2) {
    p.zone = std::string(s.substr(i, 6));
    i = j + 5;
  }
}

// Form 1: 2026-11-24T09:30:00.250Z, 2026-11-24_09-30-00, 2026-11-24T09:30.
std::optional<TimestampMs> extended_at(std::string_view s, std::size_t i) {
  if (digit_run(s, i) != 4 || i + 10 > s.size() || s[i + 4] != '-' || digit_run(s, i + 5) != 2 || s[i + 7] != '-' ||
      digit_run(s, i + 8) != 2) {
    return std::nullopt;
  }
  Parts p;
  p.year = number(s, i, 4);
  p.month = number(s, i + 5, 2);
  p.day = number(s, i + 8, 2);
  std::size_t j = i + 10;
  if (j >= s.size() || (s[j] != 'T' && s[j] != 't' && s[j] != '_' && s[j] != ' ')) return std::nullopt;
  ++j;
  if (digit_run(s, j) != 2 || j + 2 >= s.size() || (s[j + 2] != ':' && s[j + 2] != '-') ||
      digit_run(s, j + 3) != 2) {
    return std::nullopt;
  }
  const char sep = s[j + 2];
  p.hour = number(s, j, 2);
  p.minute = number(s, j + 3, 2);
  j += 5;
  if (j + 2 < s.size() && s[j] == sep && digit_run(s, j + 1) == 2) {
    p.second = number(s, j + 1, 2);
    j += 3;
    read_fraction(s, j, p);
  }
  read_zone(s, j, p);
  if (j < s.size() && is_digit(s[j])) return std::nullopt;
  return validate(p);
}

// Form 2: 20261124T093000Z, 20261124_093000, 20261124093000, 20261124093000123.
std::optional<TimestampMs> basic_at(std::string_view s, std::size_t i) {
  const std::size_t run = digit_run(s, i);
  Parts p;
  std::size_t time_at = 0;  // where HHMMSS starts
  std::size_t j = 0;        // just past the digits of the time
  bool ms_digits = false;
  if (run == 14 || run == 17) {
    time_at = i + 8;
    j = i + run;
    ms_digits = run == 17;
  } else if (run == 8 && i + 9 < s.size() &&
             (s[i + 8] == 'T' || s[i + 8] == 't' || s[i + 8] == '_' || s[i + 8] == '-')) {
    const std::size_t time_run = digit_run(s, i + 9);
    if (time_run != 6 && time_run != 9) return std::nullopt;
    time_at = i + 9;
    j = time_at + time_run;
    ms_digits = time_run == 9;
  } else {
    return std::nullopt;
  }
  p.year = number(s, i, 4);
  p.month = number(s, i + 4, 2);
  p.day = number(s, i + 6, 2);
  p.hour = number(s, time_at, 2);
  p.minute = number(s, time_at + 2, 2);
  p.second = number(s, time_at + 4, 2);
  if (ms_digits) {
    p.millis = number(s, time_at + 6, 3);
  } else {
    read_fraction(s, j, p);
  }
  read_zone(s, j, p);
  if (j < s.size() && is_digit(s[j])) return std::nullopt;
  return validate(p);
}

// Form 3: exactly 10 (seconds) or 13 (milliseconds) digits.
std::optional<TimestampMs> epoch_at(std::string_view s, std::size_t i) {
  const std::size_t run = digit_run(s, i);
  if (run != 10 && run != 13) return std::nullopt;
  TimestampMs v = 0;
  for (std::size_t k = 0; k < run; ++k) v = v * 10 + (s[i + k] - '0');
  return run == 10 ? v * 1000 : v;
}

}  // namespace

std::optional<TimestampMs> timestamp_from_file_name(std::string_view name) {
  auto starts_run = [&](std::size_t i) { return is_digit(name[i]) && (i == 0 || !is_digit(name[i - 1])); };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!starts_run(i)) continue;
    if (auto t = extended_at(name, i)) return t;
    if (auto t = basic_at(name, i)) return t;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!starts_run(i)) continue;
    if (auto t = epoch_at(name, i)) return t;
  }
  return std::nullopt;
}

}  // namespace footfall

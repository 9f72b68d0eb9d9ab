#include "footfall/analytics/roster.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace footfall {
namespace {

constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 86'400'000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ---- CSV fields -------------------------------------------------------------------------------------------------

char detect_delimiter(std::string_view header) {
  int counts[3] = {0, 0, 0};
  const char candidates[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    for (int i = 0; i < 3; ++i) counts[i] += !quoted && c == candidates[i];
  }
  const int best = static_cast<int>(std::max_element(counts, counts + 3) - counts);
  return candidates[best];
}

// Splits one line into trimmed fields; double quotes enclose a field ("" is a quote inside one).
Result<std::vector<std::string>> split_fields(std::string_view line, char delimiter) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && line[i] != delimiter && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) return make_error("a quoted field is not closed");
      while (i < line.size() && line[i] != delimiter) {
        if (!std::isspace(static_cast<unsigned char>(line[i]))) {
          return make_error("unexpected text after the closing quote of field " + std::to_string(fields.size() + 1));
        }
        ++i;
      }
    } else {
      const std::size_t end = std::min(line.find(delimiter, i), line.size());
      field = std::string(trim(line.substr(i, end - i)));
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the delimiter
  }
  return fields;
}

std::string normalize_header(std::string_view name) {
  std::string out;
  for (char c : trim(name)) {
    out += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// ---- values -----------------------------------------------------------------------------------------------------

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  if (s.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2))) return std::nullopt;
  const Date d{*parse_int(s.substr(0, 4)), *parse_int(s.substr(5, 2)), *parse_int(s.substr(8, 2))};
  static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.day > days_in_month[d.month - 1] + (d.month == 2 && leap)) return std::nullopt;
  return d;
}

// "H:MM", "HH:MM" or "HH:MM:SS" -> seconds since midnight; "24:00" only when allow_24.
std::optional<int> parse_clock(std::string_view s, bool allow_24) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  const std::string_view hh = s.substr(0, colon);
  const std::string_view rest = s.substr(colon + 1);
  std::string_view mm = rest;
  std::string_view ss = "00";
  if (rest.size() == 5 && rest[2] == ':') {
    mm = rest.substr(0, 2);
    ss = rest.substr(3, 2);
  }
  if (!digits(hh) || mm.size() != 2 || !digits(mm) || !digits(ss)) return std::nullopt;
  const int h = *parse_int(hh);
  const int m = *parse_int(mm);
  const int sec = *parse_int(ss);
  if (m > 59 || sec > 59) return std::nullopt;
  if (h == 24 && allow_24 && m == 0 && sec == 0) return 24 * 3600;
  if (h > 23) return std::nullopt;
  return (h * 60 + m) * 60 + sec;
}

// Staff count: a number >= 0; a decimal comma is accepted ("1,5") when the delimiter is not a comma.
std::optional<double> parse_staff(std::string s) {
  std::replace(s.begin(), s.end(), ',', '.');
  double value = 0.0;
  if (s.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value) || value < 0.0) return std::nullopt;
  return value;
}

std::int64_t local_day_ms(const Date& d) { return local_epoch_ms(d.year, d.month, d.day); }

// The UTC instant at which the local hour containing utc_ms starts.
TimestampMs local_hour_start(const TimeZone& tz, TimestampMs utc_ms) {
  const std::int64_t local = utc_ms + tz.offset_ms(utc_ms);
  const std::int64_t into_hour = ((local % hour_ms) + hour_ms) % hour_ms;
  return utc_ms - into_hour;
}

// ---- rows -------------------------------------------------------------------------------------------------------

enum class Shape { shifts, date_hour, datetime };

struct Columns {
  Shape shape = Shape::shifts;
  int date = -1, start = -1, end = -1, hour = -1, staff = -1, datetime = -1;
  int needed = 0;  // fields a row must have: 1 + the largest index used
};

std::optional<Columns> map_columns(const std::vector<std::string>& header) {
  static const std::unordered_map<std::string, int Columns::*> aliases = {
      {"date", &Columns::date},           {"day", &Columns::date},          {"start", &Columns::start},
      {"start_time", &Columns::start},    {"from", &Columns::start},        {"end", &Columns::end},
      {"end_time", &Columns::end},        {"to", &Columns::end},            {"until", &Columns::end},
      {"hour", &Columns::hour},           {"staff", &Columns::staff},       {"staff_count", &Columns::staff},
      {"headcount", &Columns::staff},     {"datetime", &Columns::datetime}, {"date_time", &Columns::datetime},
      {"timestamp", &Columns::datetime},  {"time", &Columns::datetime},     {"hour_start", &Columns::datetime}};
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto it = aliases.find(normalize_header(header[i]));
    if (it != aliases.end() && c.*(it->second) < 0) c.*(it->second) = static_cast<int>(i);
  }
  if (c.date >= 0 && c.start >= 0 && c.end >= 0) {
    c.shape = Shape::shifts;
    c.needed = 1 + std::max({c.date, c.start, c.end});
  } else if (c.date >= 0 && c.hour >= 0 && c.staff >= 0) {
    c.shape = Shape::date_hour;
    c.needed = 1 + std::max({c.date, c.hour, c.staff});
  } else if (c.datetime >= 0 && c.staff >= 0) {
    c.shape = Shape::datetime;
    c.needed = 1 + std::max(c.datetime, c.staff);
  } else {
    return std::nullopt;
  }
  return c;
}

using HourMap = std::map<TimestampMs, double>;

std::string date_error(const std::string& text) {
  return "date '" + text + "' is not a date (expected YYYY-MM-DD)";
}

std::string staff_error(const std::string& text) {
  return "staff '" + text + "' is not a number >= 0";
}

// A shift: spread over the real hours between its start and end instants.
std::optional<std::string> add_shift(const std::vector<std::string>& f, const Columns& c, const TimeZone& tz,
                                     HourMap& hours) {
  const auto date = parse_date(f[c.date]);
  if (!date) return date_error(f[c.date]);
  const auto start = parse_clock(f[c.start], false);
  if (!start) return "start time '" + f[c.start] + "' is not a time (expected HH:MM)";
  const auto end = parse_clock(f[c.end], true);
  if (!end) return "end time '" + f[c.end] + "' is not a time (expected HH:MM)";
  if (*start == *end) return "shift starts and ends at " + f[c.start] + " (zero length)";

  const std::int64_t day = local_day_ms(*date);
  const std::int64_t local_start = day + std::int64_t{*start} * 1000;
  const std::int64_t local_end = day + std::int64_t{*end} * 1000 + (*end < *start ? day_ms : 0);
  const TimestampMs from = tz.utc_of_local(local_start);
  const TimestampMs to = tz.utc_of_local(local_end);
  if (to <= from) {
    return "shift " + f[c.start] + "-" + f[c.end] + " on " + f[c.date] + " falls in the daylight-saving gap of " +
           tz.name() + " (no real time)";
  }
  for (TimestampMs t = from; t < to;) {
    const TimestampMs bucket = local_hour_start(tz, t);
    const TimestampMs next = std::min(to, bucket + hour_ms);
    hours[bucket] += static_cast<double>(next - t) / static_cast<double>(hour_ms);
    t = next;
  }
  return std::nullopt;
}

std::optional<std::string> add_date_hour(const std::vector<std::string>& f, const Columns& c, const TimeZone& tz,
                                         HourMap& hours) {
  const auto date = parse_date(f[c.date]);
  if (!date) return date_error(f[c.date]);
  std::optional<int> hour;
  if (const auto clock = parse_clock(f[c.hour], false); clock && *clock % 3600 == 0) {
    hour = *clock / 3600;
  } else if (const auto plain = parse_int(f[c.hour]); plain && digits(f[c.hour]) && *plain <= 23) {
    hour = *plain;
  }
  if (!hour) return "hour '" + f[c.hour] + "' is not an hour of the day (expected 0..23 or HH:00)";
  const auto staff = parse_staff(f[c.staff]);
  if (!staff) return staff_error(f[c.staff]);

  const TimestampMs utc = tz.utc_of_local(local_day_ms(*date) + *hour * hour_ms);
  const LocalTime back = tz.local_time_of(utc);
  if (back.hour != *hour || back.day != date->day) {
    if (*staff == 0.0) return std::nullopt;  // a listed but empty hour that does not exist: nothing to schedule
    return "hour " + f[c.hour] + " does not exist on " + f[c.date] + " in " + tz.name() +
           " (the clocks skip it)";
  }
  hours[utc] += *staff;
  return std::nullopt;
}

std::optional<std::string> add_datetime(const std::vector<std::string>& f, const Columns& c, const TimeZone& tz,
                                        HourMap& hours) {
  const std::string& text = f[c.datetime];
  const std::string why = "datetime '" + text + "' is not a date and time (expected YYYY-MM-DD HH:MM)";
  if (text.size() < 16 || (text[10] != ' ' && text[10] != 'T')) return why;
  const auto date = parse_date(std::string_view(text).substr(0, 10));
  if (!date) return why;
  const std::string_view time_and_zone = std::string_view(text).substr(11);
  const std::size_t zone_at = time_and_zone.find_first_of("Z+-");
  const std::string_view clock_text = trim(time_and_zone.substr(0, zone_at));
  const auto clock = parse_clock(clock_text, false);
  if (!clock) return why;
  const auto staff = parse_staff(f[c.staff]);
  if (!staff) return staff_error(f[c.staff]);

  TimestampMs utc = 0;
  if (zone_at != std::string_view::npos) {
    const auto instant = parse_iso8601(text);
    if (!instant) return why;
    utc = *instant;
  } else {
    utc = tz.utc_of_local(local_day_ms(*date) + std::int64_t{*clock} * 1000);
    const LocalTime back = tz.local_time_of(utc);
    if ((back.hour * 60 + back.minute) * 60 + back.second != *clock) {
      if (*staff == 0.0) return std::nullopt;
      return "datetime '" + text + "' does not exist in " + tz.name() + " (the clocks skip it)";
    }
  }
  if (local_hour_start(tz, utc) != utc) return "datetime '" + text + "' is not the start of an hour";
  hours[utc] += *staff;
  return std::nullopt;
}

}  // namespace

Result<std::vector<RosterHour>> parse_roster_csv(std::string_view text, const std::string& source_name,
                                                 const TimeZone& tz) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto line_error = [&](int line, const std::string& why) {
    return make_error(source_name + " line " + std::to_string(line) + ": " + why);
  };

  std::optional<Columns> columns;
  char delimiter = ',';
  std::size_t header_fields = 0;
  int rows = 0;
  HourMap hours;
  int line_number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;

    if (!columns) {
      delimiter = detect_delimiter(line);
      auto header = split_fields(line, delimiter);
      if (!header) return line_error(line_number, header.error().message);
      columns = map_columns(*header);
      if (!columns) {
        return line_error(line_number, "header '" + std::string(line) +
                                           "' is not a roster header (expected date,start,end[,name][,role] or "
                                           "date,hour,staff or datetime,staff)");
      }
      header_fields = header->size();
      continue;
    }

    auto fields = split_fields(line, delimiter);
    if (!fields) return line_error(line_number, fields.error().message);
    while (fields->size() > header_fields && fields->back().empty()) fields->pop_back();
    if (fields->size() > header_fields) {
      return line_error(line_number, "has " + std::to_string(fields->size()) + " fields but the header has " +
                                         std::to_string(header_fields));
    }
    if (fields->size() < static_cast<std::size_t>(columns->needed)) {
      return line_error(line_number, "has " + std::to_string(fields->size()) + " fields, expected " +
                                         std::to_string(header_fields));
    }
    std::optional<std::string> why;
    switch (columns->shape) {
      case Shape::shifts: why = add_shift(*fields, *columns, tz, hours); break;
      case Shape::date_hour: why = add_date_hour(*fields, *columns, tz, hours); break;
      case Shape::datetime: why = add_datetime(*fields, *columns, tz, hours); break;
    }
    if (why) return line_error(line_number, *why);
    ++rows;
  }
  if (!columns) return make_error(source_name + ": empty roster (no header line)");
  if (rows == 0) return make_error(source_name + ": no roster rows after the header");

  std::vector<RosterHour> out;
  out.reserve(hours.size());
  for (const auto& [hour, staff] : hours) out.push_back({hour, staff});
  return out;
}

RosterComparison compare_roster(const std::vector<StaffingHour>& recommended, const std::vector<RosterHour>& roster) {
  std::map<TimestampMs, double> scheduled;
  for (const RosterHour& h : roster) scheduled[h.hour_start_ms] += h.staff;

  RosterComparison out;
  out.hours.reserve(recommended.size());
  for (const StaffingHour& hour : recommended) {
    RosterGap gap;
    gap.hour_start_ms = hour.hour_start_ms;
    gap.recommended = hour.total;
    if (const auto it = scheduled.find(hour.hour_start_ms); it != scheduled.end()) gap.scheduled = it->second;
    gap.difference = gap.scheduled - static_cast<double>(gap.recommended);
    if (gap.difference >= roster_tolerance_staff) {
      ++out.over_count;
      out.overstaffed_hours += gap.difference;
    } else if (gap.difference <= -roster_tolerance_staff) {
      ++out.under_count;
      out.understaffed_hours -= gap.difference;
    }
    out.hours.push_back(gap);
  }
  return out;
}

}  // namespace footfall

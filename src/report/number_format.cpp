#include "number_format.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace footfall::report_detail {

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string text = buf;
  // "-0", "-0.0": a rounded-away negative sign says nothing.
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string compact(double value, int max_decimals) {
  std::string text = fixed(value, max_decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string shortest(double value) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return fixed(value, 6);
  return std::string(buf, end);
}

std::string percent(double fraction, int decimals) { return fixed(fraction * 100.0, decimals) + "%"; }

std::string fixed_or(const std::optional<double>& value, int decimals, const std::string& missing) {
  return value ? fixed(*value, decimals) : missing;
}

std::string percent_or(const std::optional<double>& value, const std::string& missing) {
  return value ? percent(*value) : missing;
}

std::string_view weekday_short(int weekday) {
  static constexpr std::array<std::string_view, 7> kNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return weekday >= 0 && weekday < 7 ? kNames[static_cast<std::size_t>(weekday)] : std::string_view("?");
}

}  // namespace footfall::report_detail

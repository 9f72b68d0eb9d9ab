// Number and name text shared by the report renderings. Internal to the report module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace footfall::report_detail {

// Fixed decimals, "-0" printed as "0".
std::string fixed(double value, int decimals);
// At most max_decimals decimals, trailing zeros dropped: 12, 12.5, 0.25.
std::string compact(double value, int max_decimals = 2);
// The shortest text that reads back as exactly value (std::to_chars): 0.1, 1234, 1e+21.
std::string shortest(double value);
// A fraction as a percentage: 0.2345 -> "23.5%".
std::string percent(double fraction, int decimals = 1);

// The same for an optional value: "-" (or the given text) when empty.
std::string fixed_or(const std::optional<double>& value, int decimals, const std::string& missing = "-");
std::string percent_or(const std::optional<double>& value, const std::string& missing = "-");

// "Mon".."Sun" for 0..6, "?" otherwise.
std::string_view weekday_short(int weekday);

}  // namespace footfall::report_detail

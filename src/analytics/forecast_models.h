// The forecast models on a prepared series (internal to the analytics module): `y` is the history with missing
// hours imputed (no NaN), `how` the season index (local hour of the week, 0..167) of each of its hours, and
// `future_how` that of each hour to forecast. Forecasts are not yet clamped or zeroed at closed hours.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "footfall/analytics/forecast.h"

namespace footfall::forecast_detail {

// Week number of each hour: starts at 0 and grows by one wherever the hour of the week wraps (a local Monday 00:00).
std::vector<int> week_numbers(std::span<const int> how);

std::vector<double> seasonal_average_forecast(std::span<const double> y, std::span<const int> how,
                                              std::span<const int> future_how, const SeasonalAverageParams& params);
SeasonalAverageParams fit_seasonal_average(std::span<const double> y, std::span<const int> how);
std::string describe(const SeasonalAverageParams& params);

// y must hold at least two weeks (336 hours).
std::vector<double> holt_winters_forecast(std::span<const double> y, std::span<const int> how,
                                          std::span<const int> future_how, const HoltWintersParams& params);
HoltWintersParams fit_holt_winters(std::span<const double> y, std::span<const int> how);
std::string describe(const HoltWintersParams& params);

}  // namespace footfall::forecast_detail

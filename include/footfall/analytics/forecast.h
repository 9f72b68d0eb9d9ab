// Visitor forecasts per hour (issue 4, item 5): a seasonal weighted average of the same hour of the week and additive
// Holt-Winters with a weekly (168-hour) season, chosen by which backtests better on the last complete weeks.
//
// Contract (pure, deterministic, thread-safe: values in, values out; no clock, no I/O):
// - The series is consecutive UTC hours from start_ms (visitors entering in each hour). Closed hours must be 0, not
//   missing. A missing hour is NaN: it is imputed with the same hour of the week of the most recent earlier week that
//   has it (else of the next later week, else the mean of all observed hours), and it is never scored in a backtest.
//   Negative or infinite values are refused.
// - The season is the hour of the week in STORE-LOCAL time (see local_hours_of_week): 0 = Monday 00:00-01:00 local
//   ... 167 = Sunday 23:00-24:00. The series stays in UTC hours; each UTC hour takes the index of the local hour it
//   starts in. On a 25-hour day (autumn change) the repeated local hour gives two consecutive UTC hours the same
//   index: both keep their own values and share one seasonal estimate (and both get that estimate as forecast). On a
//   23-hour day (spring change) the skipped local hour's index does not occur that week. So opening hours stay at
//   their local clock time across a change. Without a time zone the index is the UTC hour of the week.
// - Weeks (for the average, the backtest and "complete week") are local weeks: Monday 00:00 to Monday 00:00.
// - Forecasts are >= 0. An hour of the week that was 0 at every occurrence in the last 4 weeks of the history (a
//   closed hour) is forecast as 0 by every model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall {

inline constexpr int kHoursPerWeek = 168;

struct HourlySeries {
  TimestampMs start_ms = 0;    // UTC start of the first hour
  std::vector<double> values;  // one per consecutive UTC hour; NaN = missing
};

// The store-local hour of the week (0..167) of each of `count` consecutive UTC hours from start_ms (see above).
std::vector<int> local_hours_of_week(TimestampMs start_ms, std::size_t count, const TimeZone& zone);
// The same in UTC.
std::vector<int> utc_hours_of_week(TimestampMs start_ms, std::size_t count);

enum class ForecastModel {
  kAutomatic,        // Holt-Winters when its backtest WAPE is at least 2 % lower, else the seasonal average
  kSeasonalAverage,  // weighted average of the same hour of the week over the last K weeks
  kHoltWinters,      // additive Holt-Winters, season 168, optionally damped trend
};

// "auto", "seasonal_average", "holt_winters"; parse_forecast_model accepts these names.
std::string_view forecast_model_name(ForecastModel model);
Result<ForecastModel> parse_forecast_model(std::string_view name);

// forecast(h) = sum_k w_k * value(h, week -k) / sum_k w_k over the last `weeks` weeks that have hour h, with
// w_k = decay^(k-1) (k = 1 is the most recent week). decay 1 = a plain mean.
struct SeasonalAverageParams {
  int weeks = 4;       // K >= 1
  double decay = 0.8;  // in (0, 1]
};

// Additive Holt-Winters (level l, trend b, seasonal s[hour of week]), per hour t with season index h:
//   l' = alpha (y - s[h]) + (1 - alpha)(l + phi b);  b' = beta (l' - l) + (1 - beta) phi b;
//   s[h] = gamma (y - l') + (1 - gamma) s[h];  forecast k hours ahead = l + (phi + ... + phi^k) b + s[h_k].
// Initialised from the first two weeks: l = mean of week 1, b = (mean of week 2 - mean of week 1) / 168 with a trend
// (beta > 0) else 0, s[h] = mean of (value - its week's mean) at index h.
struct HoltWintersParams {
  double alpha = 0.1;  // level, in [0, 1]
  double beta = 0.0;   // trend, in [0, 1]; 0 = no trend
  double gamma = 0.2;  // season, in [0, 1]
  double phi = 1.0;    // trend damping, in (0, 1]
};

struct ForecastOptions {
  ForecastModel model = ForecastModel::kAutomatic;
  // Complete weeks at the end of the history on which kAutomatic compares the models (and backtest_wape is measured).
  int backtest_weeks = 4;
  // Fixed parameters, or nullopt: fitted on the training data by a small grid search.
  // - Seasonal average: K in {1, 2, 3, 4, 6, 8, 12, 26, 52} x decay in {1, 0.9, 0.75, 0.5}, scored by the absolute
  //   error of week-ahead forecasts of every training week from the weeks before it; of the pairs within 1 % of the
  //   least error, the one averaging the most weeks (differences that small are noise; more weeks are steadier).
  // - Holt-Winters: alpha in {0.003, 0.01, 0.03, 0.1} x gamma in {0.05, 0.1, 0.2, 0.4} x trend in {none,
  //   beta 0.003 phi 0.999, beta 0.01 phi 0.995}, scored by the absolute error of the 168-hour-ahead forecasts from
  //   the third week on; the defaults when the training data has no third week.
  std::optional<SeasonalAverageParams> seasonal_average;
  std::optional<HoltWintersParams> holt_winters;
  // The store's zone for the hour of the week; nullopt = UTC.
  std::optional<TimeZone> time_zone;
};

struct BacktestWeek {
  TimestampMs start_ms = 0;  // UTC instant of the local Monday 00:00 that starts the week
  int hours = 0;             // 167, 168 or 169 UTC hours
  double wape = 0.0;         // this week alone
  std::string model;         // the model that forecast it (kAutomatic chooses per week)
  std::string parameters;    // its parameters, fitted on everything before the week
};

struct BacktestResult {
  ForecastModel model = ForecastModel::kAutomatic;
  // WAPE = sum |actual - forecast| / sum actual over every scored (non-missing) hour of the test weeks; 0 when both
  // sums are 0, infinity when only the actual sum is.
  double wape = std::numeric_limits<double>::quiet_NaN();
  double sum_abs_error = 0.0;
  double sum_actual = 0.0;
  TimestampMs test_start_ms = 0;    // the first test week's start ...
  TimestampMs test_end_ms = 0;      // ... and the last one's end (exclusive)
  std::vector<BacktestWeek> weeks;  // oldest first
};

// For each of the last `test_weeks` complete local weeks of the series that have at least two weeks (336 hours) of
// history before them: fit `model` on everything before the week, forecast the week, and accumulate the absolute
// errors. Fewer weeks are tested when fewer qualify. Error when none does (naming the series length and what is
// needed), when test_weeks < 1, or on a negative or infinite value.
Result<BacktestResult> backtest(const HourlySeries& series, ForecastModel model, int test_weeks,
                                const ForecastOptions& options = {});

struct Forecast {
  TimestampMs start_ms = 0;    // the hour after the history
  std::vector<double> values;  // horizon_hours values, >= 0
  std::string model;           // "seasonal_average" or "holt_winters"
  std::string parameters;      // e.g. "weeks=8 decay=1" or "alpha=0.03 beta=0 gamma=0.1 phi=1"
  double backtest_wape = std::numeric_limits<double>::quiet_NaN();  // of `model`; NaN when untestable
  std::vector<BacktestResult> backtests;  // every model backtested (kAutomatic: both, seasonal average first)
};

// Forecasts the `horizon_hours` UTC hours after the history. Error when the history is shorter than two weeks (336
// hours), when horizon_hours < 1, or on a negative or infinite value; each names what it got and what it needs.
Result<Forecast> forecast_visitors(const HourlySeries& history, int horizon_hours, const ForecastOptions& options = {});

}  // namespace footfall

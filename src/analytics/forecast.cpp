// Forecast front end: hour-of-week indexing, validation and imputation, the backtest, and model choice.
#include "footfall/analytics/forecast.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <utility>

#include "forecast_models.h"

namespace footfall {
namespace {

using forecast_detail::describe;

constexpr std::int64_t kHour = 3'600'000;  // ms
constexpr std::size_t kWeek = kHoursPerWeek;
constexpr std::size_t kMinimumHistory = 2 * kWeek;
// 1970-01-01 was a Thursday: the Monday 00:00 before it is 72 hours earlier.
constexpr std::int64_t kHoursFromMondayToEpoch = 72;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int hour_of_week(TimestampMs local_ms) {
  const std::int64_t hours = floor_div(local_ms, kHour) + kHoursFromMondayToEpoch;
  return static_cast<int>(hours - floor_div(hours, kHoursPerWeek) * kHoursPerWeek);
}

std::vector<int> hours_of_week(const ForecastOptions& options, TimestampMs start_ms, std::size_t count) {
  return options.time_zone ? local_hours_of_week(start_ms, count, *options.time_zone)
                           : utc_hours_of_week(start_ms, count);
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

Status check_values(const HourlySeries& series, const char* what) {
  bool any = false;
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    const double v = series.values[i];
    if (std::isnan(v)) continue;
    any = true;
    if (!std::isfinite(v) || v < 0.0) {
      return make_error(std::string(what) + ": hour " + std::to_string(i) + " (" +
                        format_iso8601(series.start_ms + static_cast<std::int64_t>(i) * kHour) + ") is " +
                        format_number(v) + "; visitor counts must be finite and >= 0 (NaN marks a missing hour)");
    }
  }
  if (!any && !series.values.empty()) {
    return make_error(std::string(what) + ": every one of the " + std::to_string(series.values.size()) +
                      " hours is missing (NaN)");
  }
  return Status::success();
}

Status check_options(const ForecastOptions& options, const char* what) {
  const std::string prefix = std::string(what) + ": ";
  if (options.backtest_weeks < 1) {
    return make_error(prefix + "backtest_weeks must be >= 1, got " + std::to_string(options.backtest_weeks));
  }
  const auto outside = [&prefix](const char* key, double value, const char* range) {
    return make_error(prefix + key + " must be in " + range + ", got " + format_number(value));
  };
  if (const auto& p = options.seasonal_average) {
    if (p->weeks < 1) {
      return make_error(prefix + "seasonal_average.weeks must be >= 1, got " + std::to_string(p->weeks));
    }
    if (!(p->decay > 0.0 && p->decay <= 1.0)) return outside("seasonal_average.decay", p->decay, "(0, 1]");
  }
  if (const auto& p = options.holt_winters) {
    const auto in_unit = [](double v) { return v >= 0.0 && v <= 1.0; };
    if (!in_unit(p->alpha)) return outside("holt_winters.alpha", p->alpha, "[0, 1]");
    if (!in_unit(p->beta)) return outside("holt_winters.beta", p->beta, "[0, 1]");
    if (!in_unit(p->gamma)) return outside("holt_winters.gamma", p->gamma, "[0, 1]");
    if (!(p->phi > 0.0 && p->phi <= 1.0)) return outside("holt_winters.phi", p->phi, "(0, 1]");
  }
  return Status::success();
}

// Missing hours (NaN) from the same hour of the week: the most recent earlier occurrence, else the next later one,
// else the mean of all observed hours.
std::vector<double> impute(std::span<const double> raw, std::span<const int> how) {
  std::vector<double> y(raw.begin(), raw.end());
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::array<double, kWeek> seen;
  seen.fill(kNaN);
  for (std::size_t i = 0; i < y.size(); ++i) {
    auto& last = seen[static_cast<std::size_t>(how[i])];
    if (std::isnan(y[i])) {
      y[i] = last;
    } else {
      last = y[i];
    }
  }
  seen.fill(kNaN);
  for (std::size_t i = y.size(); i-- > 0;) {
    auto& next = seen[static_cast<std::size_t>(how[i])];
    if (std::isnan(y[i])) {
      y[i] = next;
    } else if (!std::isnan(raw[i])) {
      next = raw[i];
    }
  }
  double sum = 0.0;
  std::size_t observed = 0;
  for (double v : raw) {
    if (std::isnan(v)) continue;
    sum += v;
    ++observed;
  }
  const double mean = observed > 0 ? sum / static_cast<double>(observed) : 0.0;
  for (double& v : y) {
    if (std::isnan(v)) v = mean;
  }
  return y;
}

// Clamps at 0 and zeroes hours of the week that were 0 at every occurrence in the last 4 weeks of y.
void finish(std::vector<double>& values, std::span<const double> y, std::span<const int> how,
            std::span<const int> future_how) {
  std::array<bool, kWeek> seen{};
  std::array<bool, kWeek> open{};
  const std::size_t from = y.size() > 4 * kWeek ? y.size() - 4 * kWeek : 0;
  for (std::size_t i = from; i < y.size(); ++i) {
    const auto h = static_cast<std::size_t>(how[i]);
    seen[h] = true;
    open[h] = open[h] || y[i] != 0.0;
  }
  for (std::size_t j = 0; j < values.size(); ++j) {
    const auto h = static_cast<std::size_t>(future_how[j]);
    values[j] = (seen[h] && !open[h]) ? 0.0 : std::max(0.0, values[j]);
  }
}

struct ModelRun {
  std::vector<double> values;
  ForecastModel model = ForecastModel::kSeasonalAverage;
  std::string parameters;
};

struct Choice {
  ForecastModel model = ForecastModel::kSeasonalAverage;
  std::vector<BacktestResult> backtests;
};

BacktestResult run_backtest(std::span<const double> raw, std::span<const double> y, std::span<const int> how,
                            ForecastModel model, int test_weeks, const ForecastOptions& options, TimestampMs start_ms);

// Holt-Winters when its backtest WAPE is at least 2 % below the seasonal average's (the simpler and steadier model,
// which also wins ties and untestable histories): smaller differences are mostly the noise of a few test weeks.
// how holds y.size() + 1 indices (the last one says whether the history ends at a week boundary).
Choice choose_model(std::span<const double> raw, std::span<const double> y, std::span<const int> how,
                    const ForecastOptions& options, TimestampMs start_ms) {
  Choice choice;
  for (ForecastModel m : {ForecastModel::kSeasonalAverage, ForecastModel::kHoltWinters}) {
    choice.backtests.push_back(run_backtest(raw, y, how, m, options.backtest_weeks, options, start_ms));
  }
  const double average = choice.backtests[0].wape;
  const double holt = choice.backtests[1].wape;
  if (!std::isnan(holt) && (std::isnan(average) || holt < average * 0.98)) choice.model = ForecastModel::kHoltWinters;
  return choice;
}

// Fits `model` on y (season indices how) and forecasts the hours future_how; clamped and closed hours zeroed.
ModelRun run_model(ForecastModel model, std::span<const double> y, std::span<const int> how,
                   std::span<const int> future_how, const ForecastOptions& options) {
  ModelRun run;
  if (model == ForecastModel::kAutomatic) {
    std::vector<int> with_next(how.begin(), how.end());
    with_next.push_back(future_how.empty() ? 0 : future_how.front());
    model = choose_model(y, y, with_next, options, 0).model;
  }
  run.model = model;
  if (model == ForecastModel::kHoltWinters) {
    const HoltWintersParams params =
        options.holt_winters ? *options.holt_winters : forecast_detail::fit_holt_winters(y, how);
    run.values = forecast_detail::holt_winters_forecast(y, how, future_how, params);
    run.parameters = describe(params);
  } else {
    const SeasonalAverageParams params =
        options.seasonal_average ? *options.seasonal_average : forecast_detail::fit_seasonal_average(y, how);
    run.values = forecast_detail::seasonal_average_forecast(y, how, future_how, params);
    run.parameters = describe(params);
  }
  finish(run.values, y, how, future_how);
  return run;
}

BacktestResult run_backtest(std::span<const double> raw, std::span<const double> y, std::span<const int> how,
                            ForecastModel model, int test_weeks, const ForecastOptions& options, TimestampMs start_ms) {
  BacktestResult result;
  result.model = model;
  const std::size_t n = raw.size();
  // Local Monday 00:00 boundaries in [0, n]; a complete week runs between two consecutive ones.
  std::vector<std::size_t> boundaries;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i == 0 ? how[0] == 0 : how[i] < how[i - 1]) boundaries.push_back(i);
  }
  std::vector<std::pair<std::size_t, std::size_t>> weeks;
  for (std::size_t k = 0; k + 1 < boundaries.size(); ++k) {
    if (boundaries[k] >= kMinimumHistory) weeks.emplace_back(boundaries[k], boundaries[k + 1]);
  }
  if (weeks.size() > static_cast<std::size_t>(test_weeks)) {
    weeks.erase(weeks.begin(), weeks.end() - test_weeks);
  }
  const auto wape = [](double error, double actual) {
    if (actual > 0.0) return error / actual;
    return error == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  };
  for (const auto& [begin, end] : weeks) {
    const ModelRun run =
        run_model(model, y.subspan(0, begin), how.subspan(0, begin), how.subspan(begin, end - begin), options);
    double error = 0.0;
    double actual = 0.0;
    for (std::size_t i = begin; i < end; ++i) {
      if (std::isnan(raw[i])) continue;
      error += std::abs(raw[i] - run.values[i - begin]);
      actual += raw[i];
    }
    result.sum_abs_error += error;
    result.sum_actual += actual;
    result.weeks.push_back({start_ms + static_cast<std::int64_t>(begin) * kHour, static_cast<int>(end - begin),
                            wape(error, actual), std::string(forecast_model_name(run.model)), run.parameters});
  }
  if (!weeks.empty()) {
    result.wape = wape(result.sum_abs_error, result.sum_actual);
    result.test_start_ms = start_ms + static_cast<std::int64_t>(weeks.front().first) * kHour;
    result.test_end_ms = start_ms + static_cast<std::int64_t>(weeks.back().second) * kHour;
  }
  return result;
}

std::string describe_length(std::size_t hours) {
  char text[96];
  std::snprintf(text, sizeof text, "%zu hours (%.1f days)", hours, static_cast<double>(hours) / 24.0);
  return text;
}

}  // namespace

std::vector<int> local_hours_of_week(TimestampMs start_ms, std::size_t count, const TimeZone& zone) {
  std::vector<int> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    const TimestampMs t = start_ms + static_cast<std::int64_t>(i) * kHour;
    out[i] = hour_of_week(t + zone.offset_ms(t));
  }
  return out;
}

std::vector<int> utc_hours_of_week(TimestampMs start_ms, std::size_t count) {
  std::vector<int> out(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = hour_of_week(start_ms + static_cast<std::int64_t>(i) * kHour);
  return out;
}

std::string_view forecast_model_name(ForecastModel model) {
  switch (model) {
    case ForecastModel::kAutomatic:
      return "auto";
    case ForecastModel::kSeasonalAverage:
      return "seasonal_average";
    case ForecastModel::kHoltWinters:
      return "holt_winters";
  }
  return "auto";
}

Result<ForecastModel> parse_forecast_model(std::string_view name) {
  for (ForecastModel m : {ForecastModel::kAutomatic, ForecastModel::kSeasonalAverage, ForecastModel::kHoltWinters}) {
    if (name == forecast_model_name(m)) return m;
  }
  return make_error("unknown forecast model '" + std::string(name) +
                    "' (expected auto, seasonal_average or holt_winters)");
}

namespace forecast_detail {

std::vector<int> week_numbers(std::span<const int> how) {
  std::vector<int> weeks(how.size());
  int week = 0;
  for (std::size_t i = 0; i < how.size(); ++i) {
    if (i > 0 && how[i] < how[i - 1]) ++week;
    weeks[i] = week;
  }
  return weeks;
}

}  // namespace forecast_detail

Result<BacktestResult> backtest(const HourlySeries& series, ForecastModel model, int test_weeks,
                                const ForecastOptions& options) {
  if (test_weeks < 1) return make_error("backtest: test_weeks must be >= 1, got " + std::to_string(test_weeks));
  if (Status s = check_values(series, "backtest"); !s) return s.error();
  if (Status s = check_options(options, "backtest"); !s) return s.error();
  const std::size_t n = series.values.size();
  const std::vector<int> how = hours_of_week(options, series.start_ms, n + 1);
  const std::vector<double> y = impute(series.values, std::span<const int>(how).first(n));
  BacktestResult result = run_backtest(series.values, y, how, model, test_weeks, options, series.start_ms);
  if (result.weeks.empty()) {
    return make_error("backtest: the series has " + describe_length(n) +
                      " and no complete local week (Monday 00:00 to Monday 00:00) after its first 336 hours; each "
                      "tested week needs two weeks of history before it");
  }
  return result;
}

Result<Forecast> forecast_visitors(const HourlySeries& history, int horizon_hours, const ForecastOptions& options) {
  if (horizon_hours < 1) {
    return make_error("forecast: horizon_hours must be >= 1, got " + std::to_string(horizon_hours));
  }
  const std::size_t n = history.values.size();
  if (n < kMinimumHistory) {
    return make_error("forecast: the history has " + describe_length(n) + "; at least 336 hours (2 weeks) are needed");
  }
  if (Status s = check_values(history, "forecast"); !s) return s.error();
  if (Status s = check_options(options, "forecast"); !s) return s.error();

  const auto horizon = static_cast<std::size_t>(horizon_hours);
  const std::vector<int> how = hours_of_week(options, history.start_ms, n + horizon);
  const std::span<const int> past(how.data(), n);
  const std::vector<double> y = impute(history.values, past);

  Forecast forecast;
  forecast.start_ms = history.start_ms + static_cast<std::int64_t>(n) * kHour;
  ForecastModel model = options.model;
  if (model == ForecastModel::kAutomatic) {
    Choice choice = choose_model(history.values, y, std::span<const int>(how.data(), n + 1), options, history.start_ms);
    model = choice.model;
    forecast.backtests = std::move(choice.backtests);
  } else {
    forecast.backtests.push_back(run_backtest(history.values, y, std::span<const int>(how.data(), n + 1), model,
                                              options.backtest_weeks, options, history.start_ms));
  }
  for (const BacktestResult& b : forecast.backtests) {
    if (b.model == model) forecast.backtest_wape = b.wape;
  }
  ModelRun run = run_model(model, y, past, std::span<const int>(how.data() + n, horizon), options);
  forecast.values = std::move(run.values);
  forecast.model = std::string(forecast_model_name(run.model));
  forecast.parameters = std::move(run.parameters);
  return forecast;
}

}  // namespace footfall

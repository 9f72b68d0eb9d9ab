// Visitor forecasts: the local hour of the week across DST changes, flat series, the backtest WAPE on simulated
// traffic against the noise floor, missing hours, model choice, and errors that name the input.
#include "footfall/analytics/forecast.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include "footfall/analytics/simulate.h"

namespace footfall {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::array kAllModels{ForecastModel::kAutomatic, ForecastModel::kSeasonalAverage,
                                ForecastModel::kHoltWinters};

TimestampMs at(const char* iso) { return parse_iso8601(iso).value_or(0); }

TimeZone berlin() {
  auto zone = TimeZone::locate("Europe/Berlin");
  EXPECT_TRUE(zone) << zone.error().message;
  return *zone;
}

SimulatedTraffic simulate(const SimulationOptions& options, const TimeZone& zone) {
  auto traffic = simulate_traffic(options, zone);
  EXPECT_TRUE(traffic) << traffic.error().message;
  return traffic ? *traffic : SimulatedTraffic{};
}

// WAPE of the true expected intensity against the realised counts over [from_ms, to_ms): the error of a perfect
// model, left by Poisson arrivals and the daily random factor.
double noise_floor(const SimulatedTraffic& t, const std::vector<double>& counts, TimestampMs from_ms,
                   TimestampMs to_ms) {
  double error = 0.0;
  double actual = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const TimestampMs slot = t.start_ms + static_cast<std::int64_t>(i) * kHour;
    if (slot < from_ms || slot >= to_ms) continue;
    error += std::abs(counts[i] - t.expected_hourly_visitors[i]);
    actual += counts[i];
  }
  return error / actual;
}

TEST(ForecastHourOfWeek, UtcMondayIsZero) {
  const auto how = utc_hours_of_week(at("2026-11-23T00:00:00Z"), 170);  // a Monday
  EXPECT_EQ(how[0], 0);
  EXPECT_EQ(how[167], 167);
  EXPECT_EQ(how[168], 0);
  EXPECT_EQ(utc_hours_of_week(at("1970-01-01T00:00:00Z"), 1)[0], 72) << "a Thursday";
  EXPECT_EQ(utc_hours_of_week(at("1969-12-28T23:00:00Z"), 1)[0], 167) << "before the epoch";
}

TEST(ForecastHourOfWeek, BerlinAutumnDayRepeatsAnIndexSpringDaySkipsOne) {
  const TimeZone zone = berlin();
  // Sunday 2026-10-25 local 00:00 CEST = 2026-10-24T22:00Z; 25 UTC hours until Monday 00:00 CET.
  auto how = local_hours_of_week(at("2026-10-24T22:00:00Z"), 26, zone);
  EXPECT_EQ(how[0], 144);
  EXPECT_EQ(how[1], 145);
  EXPECT_EQ(how[2], 146) << "02:00 CEST";
  EXPECT_EQ(how[3], 146) << "02:00 CET again: same index";
  EXPECT_EQ(how[4], 147);
  EXPECT_EQ(how[24], 167);
  EXPECT_EQ(how[25], 0) << "Monday 00:00 after 25 hours";
  // Sunday 2026-03-29 local 00:00 CET = 2026-03-28T23:00Z; 23 UTC hours.
  how = local_hours_of_week(at("2026-03-28T23:00:00Z"), 24, zone);
  EXPECT_EQ(how[1], 145);
  EXPECT_EQ(how[2], 147) << "02:00 does not exist";
  EXPECT_EQ(how[22], 167);
  EXPECT_EQ(how[23], 0) << "Monday 00:00 after 23 hours";
}

TEST(ForecastVisitors, ConstantSeriesGivesAFlatForecast) {
  HourlySeries series{at("2026-09-07T00:00:00Z"), std::vector<double>(8 * 168, 10.0)};
  for (ForecastModel model : kAllModels) {
    ForecastOptions options;
    options.model = model;
    auto f = forecast_visitors(series, 2 * 168, options);
    ASSERT_TRUE(f) << f.error().message;
    ASSERT_EQ(f->values.size(), 2u * 168);
    EXPECT_EQ(f->start_ms, series.start_ms + 8 * 168 * kHour);
    for (double v : f->values) ASSERT_NEAR(v, 10.0, 1e-6) << f->model;
    EXPECT_NEAR(f->backtest_wape, 0.0, 1e-9) << f->model;
  }
}

TEST(ForecastVisitors, ConstantPlusTinyNoiseStaysFlat) {
  std::mt19937_64 engine(7);
  HourlySeries series{at("2026-09-07T00:00:00Z"), {}};
  for (int i = 0; i < 8 * 168; ++i) {
    series.values.push_back(10.0 + 0.02 * (static_cast<double>(engine() >> 11) * 0x1.0p-53 - 0.5));  // +-0.01
  }
  for (ForecastModel model : kAllModels) {
    ForecastOptions options;
    options.model = model;
    options.time_zone = berlin();
    auto f = forecast_visitors(series, 3 * 168, options);
    ASSERT_TRUE(f) << f.error().message;
    double lo = 1e9;
    double hi = -1e9;
    for (double v : f->values) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    std::printf("[forecast] flat+noise model=%s range=[%.4f, %.4f] wape=%.5f\n", f->model.c_str(), lo, hi,
                f->backtest_wape);
    EXPECT_NEAR(lo, 10.0, 0.02) << f->model;
    EXPECT_NEAR(hi, 10.0, 0.02) << f->model;
    EXPECT_LT(f->backtest_wape, 0.002) << f->model;
  }
}

struct Backtested {
  double wape = 0.0;
  double floor = 0.0;
  double error = 0.0;        // model's sum of absolute errors
  double floor_error = 0.0;  // the true expectation's
};

// Backtests `model` on simulated traffic and measures the noise floor over the same test weeks.
Backtested backtest_simulated(const SimulationOptions& sim, ForecastModel model, int test_weeks, const char* label) {
  const TimeZone zone = berlin();
  const SimulatedTraffic traffic = simulate(sim, zone);
  const std::vector<double> counts = hourly_entries(traffic);
  ForecastOptions options;
  options.time_zone = zone;
  auto result = backtest(HourlySeries{traffic.start_ms, counts}, model, test_weeks, options);
  EXPECT_TRUE(result) << result.error().message;
  if (!result) return {};
  EXPECT_EQ(result->weeks.size(), static_cast<std::size_t>(test_weeks));
  Backtested b;
  b.wape = result->wape;
  b.error = result->sum_abs_error;
  b.floor = noise_floor(traffic, counts, result->test_start_ms, result->test_end_ms);
  b.floor_error = b.floor * result->sum_actual;
  std::printf("[forecast] %s seed=%llu model=%s wape=%.3f noise_floor=%.3f ratio=%.3f (last week: %s %s)\n", label,
              static_cast<unsigned long long>(sim.seed), std::string(forecast_model_name(model)).c_str(), b.wape,
              b.floor, b.wape / b.floor, result->weeks.back().model.c_str(), result->weeks.back().parameters.c_str());
  return b;
}

// The bar: on simulated traffic with known seasonality and noise, the backtest WAPE is within 10 % of the
// noise floor, the WAPE of the true expected visitors (expected_hourly_visitors) against the realised counts over the
// same test weeks. The floor is what no model can beat: Poisson arrivals and a daily factor with 15 % sd. 16 weeks of
// history (Europe/Berlin, 2026-08-10 .. 2026-11-30, so the autumn change is in the training data), the last 4 tested.
// One seed's ratio swings with the few test days (a +76 % Saturday in seed 3's training weeks costs it 1.15), so the
// bar is asserted on seed 1 and on the pooled errors of seeds 1..10 (sum of model errors / sum of floor errors).
TEST(ForecastBacktest, WithinTenPercentOfTheNoiseFloor) {
  double error = 0.0;
  double floor_error = 0.0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SimulationOptions sim;
    sim.seed = seed;
    sim.weeks = 16;
    if (seed == 1) {
      backtest_simulated(sim, ForecastModel::kSeasonalAverage, 4, "16 weeks");
      backtest_simulated(sim, ForecastModel::kHoltWinters, 4, "16 weeks");
    }
    const Backtested b = backtest_simulated(sim, ForecastModel::kAutomatic, 4, "16 weeks");
    if (seed == 1) {
      EXPECT_LE(b.wape, 1.10 * b.floor);
    }
    EXPECT_LE(b.wape, 1.25 * b.floor) << "seed " << seed;
    error += b.error;
    floor_error += b.floor_error;
  }
  std::printf("[forecast] 16 weeks seeds 1..10 model=auto pooled wape/noise_floor=%.3f\n", error / floor_error);
  EXPECT_LE(error, 1.10 * floor_error);
}

// The demo's default of 8 weeks, the last 2 tested: each test week is forecast from 6 or 7 weeks, so the estimation
// error of each weekday's level alone (about 15 % / sqrt(6.5)) puts any per-weekday model ~7 % above the floor on
// average, and the choice of parameters on so little data adds more. Measured, with a looser bound.
TEST(ForecastBacktest, EightWeeksOfDemoData) {
  double error = 0.0;
  double floor_error = 0.0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SimulationOptions sim;
    sim.seed = seed;
    const Backtested b = backtest_simulated(sim, ForecastModel::kAutomatic, 2, "8 weeks");
    error += b.error;
    floor_error += b.floor_error;
  }
  std::printf("[forecast] 8 weeks seeds 1..10 model=auto pooled wape/noise_floor=%.3f\n", error / floor_error);
  EXPECT_LE(error, 1.20 * floor_error);
}

TEST(ForecastVisitors, OpeningHoursStayAtLocalTimeAcrossTheAutumnChange) {
  const TimeZone zone = berlin();
  SimulationOptions sim;
  sim.weeks = 6;
  sim.end_ms = at("2026-10-19T00:00:00Z");  // all of the history in summer time (CEST)
  const SimulatedTraffic traffic = simulate(sim, zone);
  const HourlySeries history{traffic.start_ms, hourly_entries(traffic)};
  ForecastOptions options;
  options.time_zone = zone;
  auto local = forecast_visitors(history, 2 * 168, options);
  ASSERT_TRUE(local) << local.error().message;
  options.time_zone.reset();
  auto utc = forecast_visitors(history, 2 * 168, options);
  ASSERT_TRUE(utc) << utc.error().message;
  const auto value = [](const Forecast& f, const char* iso) {
    return f.values[static_cast<std::size_t>((at(iso) - f.start_ms) / kHour)];
  };
  // Monday 2026-10-19 (CEST): 09:00-20:00 local = 07:00Z-18:00Z; both agree.
  EXPECT_GT(value(*local, "2026-10-19T07:00:00Z"), 0.0);
  EXPECT_EQ(value(*local, "2026-10-19T18:00:00Z"), 0.0);
  EXPECT_GT(value(*utc, "2026-10-19T07:00:00Z"), 0.0);
  // Monday 2026-10-26 (CET): 09:00-20:00 local = 08:00Z-19:00Z. The local index moves with the clock ...
  EXPECT_EQ(value(*local, "2026-10-26T07:00:00Z"), 0.0);
  EXPECT_GT(value(*local, "2026-10-26T08:00:00Z"), 0.0);
  EXPECT_GT(value(*local, "2026-10-26T18:00:00Z"), 0.0);
  EXPECT_EQ(value(*local, "2026-10-26T19:00:00Z"), 0.0);
  // ... a UTC index would open and close an hour early.
  EXPECT_GT(value(*utc, "2026-10-26T07:00:00Z"), 0.0);
  EXPECT_EQ(value(*utc, "2026-10-26T18:00:00Z"), 0.0);
  // And the local forecast follows the true expectation of the simulated week after the change.
  sim.weeks = 1;
  sim.end_ms = at("2026-11-02T00:00:00Z");
  const SimulatedTraffic truth = simulate(sim, zone);
  double error = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < truth.expected_hourly_visitors.size(); ++i) {
    const TimestampMs t = truth.start_ms + static_cast<std::int64_t>(i) * kHour;
    const double forecast = local->values[static_cast<std::size_t>((t - local->start_ms) / kHour)];
    error += std::abs(forecast - truth.expected_hourly_visitors[i]);
    total += truth.expected_hourly_visitors[i];
  }
  std::printf("[forecast] week after the autumn change: forecast vs true expectation WAPE=%.3f\n", error / total);
  EXPECT_LT(error / total, 0.10);
}

// A weekly pattern plus a steady additive rise (open around the clock, so additive throughout): the seasonal average
// lags a week behind, Holt-Winters' trend follows.
TEST(ForecastVisitors, ChoosesHoltWintersOnATrend) {
  HourlySeries series{at("2026-09-07T00:00:00Z"), {}};
  for (int i = 0; i < 10 * 168; ++i) {
    const int how = i % 168;
    series.values.push_back(20.0 + 10.0 * std::sin(how * 0.3) + 0.02 * i);
  }
  auto f = forecast_visitors(series, 168);
  ASSERT_TRUE(f) << f.error().message;
  ASSERT_EQ(f->backtests.size(), 2u);
  std::printf("[forecast] trend: seasonal_average wape=%.4f holt_winters wape=%.4f chosen=%s %s\n",
              f->backtests[0].wape, f->backtests[1].wape, f->model.c_str(), f->parameters.c_str());
  EXPECT_EQ(f->model, "holt_winters");
  EXPECT_LT(f->backtests[1].wape, 0.7 * f->backtests[0].wape);
  EXPECT_EQ(f->backtest_wape, f->backtests[1].wape);
}

TEST(ForecastVisitors, MissingHoursAreImputedFromTheSameHourOfThePreviousWeek) {
  // Every week the same: a missing hour imputed from the previous week is exact, so the forecast is the pattern.
  HourlySeries series{at("2026-09-07T00:00:00Z"), {}};
  const auto pattern = [](int how) { return (how % 24 >= 9 && how % 24 < 20) ? 5.0 + how % 7 : 0.0; };
  for (int i = 0; i < 6 * 168; ++i) series.values.push_back(pattern(i % 168));
  for (int i : {10, 11, 200, 500, 501, 502, 900, 1000, 6 * 168 - 1}) series.values[static_cast<std::size_t>(i)] = kNaN;
  for (ForecastModel model : {ForecastModel::kSeasonalAverage, ForecastModel::kHoltWinters}) {
    ForecastOptions options;
    options.model = model;
    auto f = forecast_visitors(series, 168, options);
    ASSERT_TRUE(f) << f.error().message;
    for (int i = 0; i < 168; ++i) {
      ASSERT_NEAR(f->values[static_cast<std::size_t>(i)], pattern(i), 1e-6) << f->model << " " << i;
    }
  }
  // Missing hours are not scored: the backtest's actual total leaves them out.
  auto b = backtest(series, ForecastModel::kSeasonalAverage, 1);
  ASSERT_TRUE(b) << b.error().message;
  double expected = 0.0;
  for (int i = 5 * 168; i < 6 * 168; ++i) {
    expected += std::isnan(series.values[static_cast<std::size_t>(i)]) ? 0.0 : pattern(i % 168);
  }
  EXPECT_EQ(b->sum_actual, expected);
  EXPECT_EQ(b->test_start_ms, at("2026-10-12T00:00:00Z"));
  EXPECT_EQ(b->test_end_ms, at("2026-10-19T00:00:00Z"));
  EXPECT_NEAR(b->wape, 0.0, 1e-9);
}

TEST(ForecastVisitors, ErrorsNameTheInput) {
  HourlySeries series{at("2026-09-07T00:00:00Z"), std::vector<double>(335, 1.0)};
  auto f = forecast_visitors(series, 24);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("335 hours (14.0 days)"), std::string::npos) << f.error().message;
  EXPECT_NE(f.error().message.find("at least 336 hours (2 weeks)"), std::string::npos) << f.error().message;

  series.values.assign(400, 1.0);
  series.values[30] = -2.0;
  f = forecast_visitors(series, 24);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("hour 30 (2026-09-08T06:00:00.000Z) is -2"), std::string::npos) << f.error().message;

  series.values[30] = 1.0;
  f = forecast_visitors(series, 0);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("horizon_hours must be >= 1, got 0"), std::string::npos) << f.error().message;

  ForecastOptions options;
  options.holt_winters = HoltWintersParams{1.5, 0.0, 0.2, 1.0};
  f = forecast_visitors(series, 24, options);
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("holt_winters.alpha must be in [0, 1], got 1.5"), std::string::npos)
      << f.error().message;

  // 400 hours: no complete week after the first 336.
  auto b = backtest(series, ForecastModel::kHoltWinters, 2);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("400 hours"), std::string::npos) << b.error().message;

  auto m = parse_forecast_model("holt-winters");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("expected auto, seasonal_average or holt_winters"), std::string::npos);
  for (ForecastModel model : kAllModels) {
    auto parsed = parse_forecast_model(forecast_model_name(model));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, model);
  }
}

}  // namespace
}  // namespace footfall

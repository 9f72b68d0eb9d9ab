// Forecast cost: forecast_visitors (automatic model choice: both models backtested on the last 4 weeks, each fitted by
// grid search per test week, then the winner fitted on everything) for the next 2 weeks from 8 and 52 weeks of
// simulated hourly visitors in Europe/Berlin (Google Benchmark).
//   ninja -C build/release forecast_bench && build/release/bench/forecast_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "footfall/analytics/forecast.h"
#include "footfall/analytics/simulate.h"

namespace {

footfall::TimeZone berlin() {
  auto zone = footfall::TimeZone::locate("Europe/Berlin");
  if (!zone) {
    std::fprintf(stderr, "%s\n", zone.error().message.c_str());
    std::exit(1);
  }
  return *zone;
}

void BM_ForecastVisitors(benchmark::State& state, footfall::ForecastModel model) {
  const footfall::TimeZone zone = berlin();
  footfall::SimulationOptions sim;
  sim.weeks = static_cast<int>(state.range(0));
  auto traffic = footfall::simulate_traffic(sim, zone);
  if (!traffic) {
    state.SkipWithError(traffic.error().message.c_str());
    return;
  }
  const footfall::HourlySeries history{traffic->start_ms, footfall::hourly_entries(*traffic)};
  footfall::ForecastOptions options;
  options.model = model;
  options.time_zone = zone;
  for (auto _ : state) {
    auto forecast = footfall::forecast_visitors(history, 2 * footfall::kHoursPerWeek, options);
    if (!forecast) {
      state.SkipWithError(forecast.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(forecast->values.data());
  }
  state.counters["history_hours"] = static_cast<double>(history.values.size());
}

}  // namespace

BENCHMARK_CAPTURE(BM_ForecastVisitors, automatic, footfall::ForecastModel::kAutomatic)
    ->Arg(8)
    ->Arg(52)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ForecastVisitors, seasonal_average, footfall::ForecastModel::kSeasonalAverage)
    ->Arg(8)
    ->Arg(52)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ForecastVisitors, holt_winters, footfall::ForecastModel::kHoltWinters)
    ->Arg(8)
    ->Arg(52)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();

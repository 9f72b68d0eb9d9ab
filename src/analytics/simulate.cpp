// Simulated store traffic: a seeded non-homogeneous Poisson process of entries in store-local time, stays, exits
// and transactions (see simulate.h for the model).
#include "footfall/analytics/simulate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>

namespace footfall {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr int kMinutesPerDay = 1440;
constexpr std::int64_t kMinutesPerWeek = 7 * kMinutesPerDay;
constexpr std::int64_t kExitGraceMs = 5 * kMinuteMs;  // the last visitors leave within this after closing

constexpr std::array<const char*, 7> kWeekdayNames{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                                   "Sunday"};
constexpr std::array<double, 7> kWeekdayFactors{0.80, 0.90, 0.95, 1.00, 1.15, 1.45, 1.10};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Distributions drawn from the engine's raw 64-bit output by this code alone, so that results are the same with every
// standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Exponential with mean 1, by inversion.
  double exponential() { return -std::log1p(-uniform()); }
  // Standard normal by Box-Muller (one of the pair).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  // Lognormal with the given mean and relative standard deviation.
  double lognormal(double mean, double relative_sd) {
    const double sigma2 = std::log1p(relative_sd * relative_sd);
    return mean * std::exp(std::sqrt(sigma2) * normal() - 0.5 * sigma2);
  }

 private:
  std::mt19937_64 engine_;
};

double bump(double minute, double centre, double width) {
  const double z = (minute - centre) / width;
  return std::exp(-0.5 * z * z);
}

// Unnormalised intensity of a weekday's local minute.
double profile(int weekday, int minute) {
  const double m = minute + 0.5;
  if (weekday >= 5) return 0.30 + 1.0 * bump(m, 14 * 60, 150);
  return 0.35 + 1.0 * bump(m, 12 * 60 + 30, 60) + 1.3 * bump(m, 17 * 60 + 30, 75);
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

Status validate(const SimulationOptions& o) {
  const auto fail = [](const std::string& what) { return Status(make_error("simulate: " + what)); };
  if (o.weeks < 1 || o.weeks > 520) return fail("weeks must be 1..520, got " + std::to_string(o.weeks));
  for (std::size_t d = 0; d < o.hours.days.size(); ++d) {
    int previous_close = 0;
    for (const SimDayHours& range : o.hours.days[d]) {
      if (!(range.open_minute >= previous_close && range.open_minute < range.close_minute &&
            range.close_minute <= kMinutesPerDay)) {
        return fail(std::string("hours.") + kWeekdayNames[d] +
                    ": need sorted, non-overlapping ranges with 0 <= open_minute < close_minute <= 1440, got " +
                    std::to_string(range.open_minute) + ".." + std::to_string(range.close_minute));
      }
      previous_close = range.close_minute;
    }
  }
  if (!(o.mean_daily_visitors >= 0.0 && std::isfinite(o.mean_daily_visitors))) {
    return fail("mean_daily_visitors must be >= 0, got " + format_number(o.mean_daily_visitors));
  }
  if (!(o.conversion >= 0.0 && o.conversion <= 1.0)) {
    return fail("conversion must be in [0, 1], got " + format_number(o.conversion));
  }
  if (!(o.mean_basket > 0.0 && std::isfinite(o.mean_basket))) {
    return fail("mean_basket must be > 0, got " + format_number(o.mean_basket));
  }
  if (!(o.noise >= 0.0 && o.noise <= 1.0)) return fail("noise must be in [0, 1], got " + format_number(o.noise));
  if (!(o.mean_stay_minutes > 0.0 && std::isfinite(o.mean_stay_minutes))) {
    return fail("mean_stay_minutes must be > 0, got " + format_number(o.mean_stay_minutes));
  }
  if (!(std::isfinite(o.trend_per_week) && 1.0 + o.trend_per_week * o.weeks > 0.0)) {
    return fail("trend_per_week must keep traffic positive over the weeks (> " + format_number(-1.0 / o.weeks) +
                "), got " + format_number(o.trend_per_week));
  }
  return Status::success();
}

struct Entry {
  TimestampMs t = 0;
  TimestampMs close_ms = 0;  // UTC closing time of the local day it entered on
};

}  // namespace

Result<SimulatedTraffic> simulate_traffic(const SimulationOptions& options, const TimeZone& zone) {
  if (Status s = validate(options); !s) return s.error();
  SimulatedTraffic out;
  const TimestampMs end_ms = floor_div(options.end_ms, kHourMs) * kHourMs;
  const std::int64_t minutes = options.weeks * kMinutesPerWeek;
  out.start_ms = end_ms - minutes * kMinuteMs;
  out.expected_hourly_visitors.assign(static_cast<std::size_t>(minutes / 60), 0.0);

  // Per weekday: expected share of the day's visitors in each local minute, times the weekday's factor.
  double factor_sum = 0.0;
  int open_days = 0;
  for (std::size_t d = 0; d < 7; ++d) {
    if (options.hours.days[d].empty()) continue;
    factor_sum += kWeekdayFactors[d];
    ++open_days;
  }
  // Per weekday and local minute: the expected entries, and the closing minute of the opening range it lies in
  // (visitors leave by then).
  std::array<std::vector<double>, 7> per_minute;
  std::array<std::vector<int>, 7> closing_minute;
  for (std::size_t d = 0; d < 7; ++d) {
    per_minute[d].assign(kMinutesPerDay, 0.0);
    closing_minute[d].assign(kMinutesPerDay, 0);
    const auto& ranges = options.hours.days[d];
    if (ranges.empty()) continue;
    double total = 0.0;
    for (const SimDayHours& r : ranges) {
      for (int m = r.open_minute; m < r.close_minute; ++m) total += profile(static_cast<int>(d), m);
    }
    const double day_mean = options.mean_daily_visitors * kWeekdayFactors[d] * open_days / factor_sum;
    for (const SimDayHours& r : ranges) {
      for (int m = r.open_minute; m < r.close_minute; ++m) {
        per_minute[d][static_cast<std::size_t>(m)] = day_mean * profile(static_cast<int>(d), m) / total;
        closing_minute[d][static_cast<std::size_t>(m)] = r.close_minute;
      }
    }
  }

  Random random(options.seed);
  std::vector<Entry> entries;
  entries.reserve(static_cast<std::size_t>(options.mean_daily_visitors * 7 * options.weeks * 1.2) + 16);
  double needed = random.exponential();  // integrated intensity left until the next entry
  std::int64_t current_day = std::numeric_limits<std::int64_t>::min();
  double day_factor = 1.0;
  for (std::int64_t k = 0; k < minutes; ++k) {
    const TimestampMs t0 = out.start_ms + k * kMinuteMs;
    const TimestampMs local = t0 + zone.offset_ms(t0);
    const std::int64_t local_day = floor_div(local, kDayMs);
    const auto minute = static_cast<std::size_t>((local - local_day * kDayMs) / kMinuteMs);
    const auto weekday = static_cast<std::size_t>(local_day + 3 - floor_div(local_day + 3, 7) * 7);  // 0 = Monday
    const double expected = per_minute[weekday][minute];
    if (expected <= 0.0) continue;
    if (local_day != current_day) {
      current_day = local_day;
      day_factor = options.noise > 0.0 ? random.lognormal(1.0, options.noise) : 1.0;
    }
    const TimestampMs close_ms =
        zone.utc_of_local(local_day * kDayMs + std::int64_t{closing_minute[weekday][minute]} * kMinuteMs);
    const double trend = 1.0 + options.trend_per_week * static_cast<double>(k) / static_cast<double>(kMinutesPerWeek);
    out.expected_hourly_visitors[static_cast<std::size_t>(k / 60)] += expected * trend;
    const double intensity = expected * trend * day_factor;  // entries expected in this minute
    double left = intensity;
    while (needed <= left) {
      left -= needed;
      const double fraction = (intensity - left) / intensity;  // of the minute, in [0, 1]
      const auto offset = std::min<std::int64_t>(kMinuteMs - 1, static_cast<std::int64_t>(fraction * kMinuteMs));
      entries.push_back({t0 + offset, close_ms});
      needed = random.exponential();
    }
    needed -= left;
  }

  const double mean_stay_ms = options.mean_stay_minutes * static_cast<double>(kMinuteMs);
  out.crossings.reserve(2 * entries.size());
  for (const Entry& e : entries) {
    const auto stay = std::max<std::int64_t>(30'000, std::llround(random.lognormal(mean_stay_ms, 0.6)));
    TimestampMs exit_ms = e.t + stay;
    if (exit_ms > e.close_ms) {
      exit_ms = e.close_ms + static_cast<std::int64_t>(random.uniform() * static_cast<double>(kExitGraceMs));
    }
    exit_ms = std::max(exit_ms, e.t + 1000);
    out.crossings.push_back({e.t, true});
    out.crossings.push_back({exit_ms, false});
    if (random.uniform() < options.conversion) {
      const double amount = std::round(random.lognormal(options.mean_basket, 0.5) * 100.0) / 100.0;
      out.transactions.push_back({exit_ms, std::max(0.5, amount)});
    }
  }
  std::stable_sort(out.crossings.begin(), out.crossings.end(), [](const SimCrossing& a, const SimCrossing& b) {
    return a.t != b.t ? a.t < b.t : (a.entry && !b.entry);
  });
  std::stable_sort(out.transactions.begin(), out.transactions.end(),
                   [](const SimTransaction& a, const SimTransaction& b) { return a.t < b.t; });
  return out;
}

std::vector<double> hourly_entries(const SimulatedTraffic& traffic) {
  std::vector<double> counts(traffic.expected_hourly_visitors.size(), 0.0);
  for (const SimCrossing& c : traffic.crossings) {
    if (!c.entry || c.t < traffic.start_ms) continue;
    const auto slot = static_cast<std::size_t>((c.t - traffic.start_ms) / kHourMs);
    if (slot < counts.size()) counts[slot] += 1.0;
  }
  return counts;
}

}  // namespace footfall

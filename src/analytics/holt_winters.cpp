// Additive Holt-Winters with a weekly season indexed by the local hour of the week, and its grid-search fit.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "forecast_models.h"

namespace footfall::forecast_detail {
namespace {

constexpr std::size_t kSeason = kHoursPerWeek;

struct State {
  double level = 0.0;
  double trend = 0.0;
  std::array<double, kSeason> season{};
};

double mean_of(std::span<const double> values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

// From the first two weeks (see HoltWintersParams).
State initial_state(std::span<const double> y, std::span<const int> how, bool with_trend) {
  const double week1 = mean_of(y.subspan(0, kSeason));
  const double week2 = mean_of(y.subspan(kSeason, kSeason));
  State state;
  state.level = week1;
  state.trend = with_trend ? (week2 - week1) / static_cast<double>(kSeason) : 0.0;
  std::array<int, kSeason> counts{};
  for (std::size_t i = 0; i < 2 * kSeason; ++i) {
    const auto h = static_cast<std::size_t>(how[i]);
    state.season[h] += y[i] - (i < kSeason ? week1 : week2);
    ++counts[h];
  }
  for (std::size_t h = 0; h < kSeason; ++h) {
    if (counts[h] > 0) state.season[h] /= counts[h];
  }
  return state;
}

// Runs the smoothing over y and returns the final state. With `error` set, adds to it the absolute error of every
// 168-hour-ahead forecast (clamped at 0) from the third week on: the forecast of hour t made after hour t - 168 uses
// that hour's level and trend and the seasonal value last updated at t's index (normally at t - 168).
State smooth(std::span<const double> y, std::span<const int> how, const HoltWintersParams& p, double* error) {
  State s = initial_state(y, how, p.beta > 0.0);
  double trend_steps = 0.0;  // phi + phi^2 + ... + phi^168
  double phi_power = 1.0;
  for (std::size_t k = 1; k <= kSeason; ++k) {
    phi_power *= p.phi;
    trend_steps += phi_power;
  }
  std::array<double, kSeason> past_level{};
  std::array<double, kSeason> past_trend{};
  for (std::size_t t = 0; t < y.size(); ++t) {
    const auto h = static_cast<std::size_t>(how[t]);
    const std::size_t slot = t % kSeason;
    if (error != nullptr && t >= 2 * kSeason) {
      const double forecast = past_level[slot] + trend_steps * past_trend[slot] + s.season[h];
      *error += std::abs(y[t] - std::max(0.0, forecast));
    }
    const double level = p.alpha * (y[t] - s.season[h]) + (1.0 - p.alpha) * (s.level + p.phi * s.trend);
    s.trend = p.beta * (level - s.level) + (1.0 - p.beta) * p.phi * s.trend;
    s.level = level;
    s.season[h] = p.gamma * (y[t] - level) + (1.0 - p.gamma) * s.season[h];
    past_level[slot] = s.level;
    past_trend[slot] = s.trend;
  }
  return s;
}

}  // namespace

std::vector<double> holt_winters_forecast(std::span<const double> y, std::span<const int> how,
                                          std::span<const int> future_how, const HoltWintersParams& params) {
  const State s = smooth(y, how, params, nullptr);
  std::vector<double> out;
  out.reserve(future_how.size());
  double trend_steps = 0.0;
  double phi_power = 1.0;
  for (int h : future_how) {
    phi_power *= params.phi;
    trend_steps += phi_power;
    out.push_back(s.level + trend_steps * s.trend + s.season[static_cast<std::size_t>(h)]);
  }
  return out;
}

HoltWintersParams fit_holt_winters(std::span<const double> y, std::span<const int> how) {
  if (y.size() <= 2 * kSeason) return {};  // nothing to score: the defaults
  constexpr std::array<double, 4> kAlphas{0.003, 0.01, 0.03, 0.1};
  constexpr std::array<double, 4> kGammas{0.05, 0.1, 0.2, 0.4};
  struct Trend {
    double beta;
    double phi;
  };
  constexpr std::array<Trend, 3> kTrends{Trend{0.0, 1.0}, Trend{0.003, 0.999}, Trend{0.01, 0.995}};
  HoltWintersParams best;
  double best_error = std::numeric_limits<double>::infinity();
  for (const Trend& trend : kTrends) {
    for (double alpha : kAlphas) {
      for (double gamma : kGammas) {
        const HoltWintersParams params{alpha, trend.beta, gamma, trend.phi};
        double error = 0.0;
        smooth(y, how, params, &error);
        if (error < best_error) {
          best_error = error;
          best = params;
        }
      }
    }
  }
  return best;
}

std::string describe(const HoltWintersParams& params) {
  char text[96];
  std::snprintf(text, sizeof text, "alpha=%g beta=%g gamma=%g phi=%g", params.alpha, params.beta, params.gamma,
                params.phi);
  return text;
}

}  // namespace footfall::forecast_detail

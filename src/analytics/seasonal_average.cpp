// Seasonal weighted average: the same local hour of the week over the last K weeks, recent weeks weighted more.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "forecast_models.h"

namespace footfall::forecast_detail {
namespace {

// One hour of the week in one week: the mean of its hours (two on an autumn-change day) and how many there were.
struct Cell {
  int week = 0;
  double mean = 0.0;
  int hours = 0;
};

// Cells per hour of the week, oldest week first.
std::array<std::vector<Cell>, kHoursPerWeek> cells_by_hour(std::span<const double> y, std::span<const int> how) {
  std::array<std::vector<Cell>, kHoursPerWeek> cells;
  const std::vector<int> weeks = week_numbers(how);
  for (std::size_t i = 0; i < y.size(); ++i) {
    auto& list = cells[static_cast<std::size_t>(how[i])];
    if (list.empty() || list.back().week != weeks[i]) list.push_back({weeks[i], 0.0, 0});
    Cell& cell = list.back();
    cell.mean += (y[i] - cell.mean) / (cell.hours + 1);
    ++cell.hours;
  }
  return cells;
}

// The weighted mean of cells[0, end) over the last params.weeks of them; nullopt when end == 0.
std::optional<double> weighted_mean(const std::vector<Cell>& cells, std::size_t end,
                                    const SeasonalAverageParams& params) {
  double sum = 0.0;
  double weights = 0.0;
  double w = 1.0;
  for (std::size_t k = 0; k < static_cast<std::size_t>(params.weeks) && k < end; ++k) {
    sum += w * cells[end - 1 - k].mean;
    weights += w;
    w *= params.decay;
  }
  if (weights <= 0.0) return std::nullopt;
  return sum / weights;
}

constexpr std::array<int, 9> kFitWeeks{1, 2, 3, 4, 6, 8, 12, 26, 52};
constexpr std::array<double, 4> kFitDecays{1.0, 0.9, 0.75, 0.5};
constexpr double kFitTolerance = 0.01;

}  // namespace

std::vector<double> seasonal_average_forecast(std::span<const double> y, std::span<const int> how,
                                              std::span<const int> future_how, const SeasonalAverageParams& params) {
  const auto cells = cells_by_hour(y, how);
  std::array<double, kHoursPerWeek> per_hour{};
  std::array<bool, kHoursPerWeek> known{};
  for (std::size_t h = 0; h < per_hour.size(); ++h) {
    if (auto mean = weighted_mean(cells[h], cells[h].size(), params)) {
      per_hour[h] = *mean;
      known[h] = true;
    }
  }
  // An hour of the week never seen (the history is short and covers a spring change there): the nearest earlier one.
  for (std::size_t h = 0; h < per_hour.size(); ++h) {
    if (known[h]) continue;
    for (std::size_t back = 1; back < per_hour.size(); ++back) {
      const std::size_t other = (h + per_hour.size() - back) % per_hour.size();
      if (known[other]) {
        per_hour[h] = per_hour[other];
        break;
      }
    }
  }
  std::vector<double> out;
  out.reserve(future_how.size());
  for (int h : future_how) out.push_back(per_hour[static_cast<std::size_t>(h)]);
  return out;
}

SeasonalAverageParams fit_seasonal_average(std::span<const double> y, std::span<const int> how) {
  const auto cells = cells_by_hour(y, how);
  const std::vector<int> weeks = week_numbers(how);
  const int total_weeks = weeks.empty() ? 0 : weeks.back() + 1;
  if (total_weeks < 2) return {};

  struct Candidate {
    SeasonalAverageParams params;
    double error = 0.0;
    double effective_weeks = 0.0;  // (sum w)^2 / sum w^2: how many weeks the average is worth
  };
  std::vector<Candidate> candidates;
  for (int k : kFitWeeks) {
    // The final forecast averages at most total_weeks weeks: larger K change nothing.
    if (k > total_weeks && candidates.size() > 0 && candidates.back().params.weeks >= total_weeks) break;
    for (double decay : kFitDecays) {
      if (k == 1 && decay != kFitDecays[0]) continue;  // one week: the decay does not matter
      Candidate c{{k, decay}, 0.0, 0.0};
      double sum = 0.0;
      double sum_squares = 0.0;
      double w = 1.0;
      for (int i = 0; i < std::min(k, total_weeks); ++i, w *= decay) {
        sum += w;
        sum_squares += w * w;
      }
      c.effective_weeks = sum * sum / sum_squares;
      // Week-ahead forecasts of every training week from the weeks before it.
      for (const auto& list : cells) {
        for (std::size_t j = 1; j < list.size(); ++j) {
          if (const auto forecast = weighted_mean(list, j, c.params)) {
            c.error += std::abs(list[j].mean - *forecast) * list[j].hours;
          }
        }
      }
      candidates.push_back(c);
    }
  }
  // Of the candidates within kFitTolerance of the least error, the one that averages the most weeks: differences
  // that small are noise, and more weeks make the steadier forecast.
  double least = std::numeric_limits<double>::infinity();
  for (const Candidate& c : candidates) least = std::min(least, c.error);
  const Candidate* best = nullptr;
  for (const Candidate& c : candidates) {
    if (c.error > least * (1.0 + kFitTolerance)) continue;
    if (best == nullptr || c.effective_weeks > best->effective_weeks) best = &c;
  }
  return best != nullptr ? best->params : SeasonalAverageParams{};
}

std::string describe(const SeasonalAverageParams& params) {
  char text[64];
  std::snprintf(text, sizeof text, "weeks=%d decay=%g", params.weeks, params.decay);
  return text;
}

}  // namespace footfall::forecast_detail

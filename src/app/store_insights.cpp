#include "footfall/app/store_insights.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace footfall {

namespace {

constexpr TimestampMs kDayMs = 86'400'000;

// The mean people in view of one rollup row: the tracked count where the camera tracks, else the raw count.
std::optional<double> people_in_view(const CountRollupRow& row) {
  if (row.tracked_frames > 0) return static_cast<double>(row.tracked_sum) / static_cast<double>(row.tracked_frames);
  if (row.frames > 0) return static_cast<double>(row.count_sum) / static_cast<double>(row.frames);
  return std::nullopt;
}

}  // namespace

StoreInsights::StoreInsights(Store& store, StoreConfig config, TimeZone tz)
    : store_(store), config_(std::move(config)), tz_(std::move(tz)) {}

OpeningHours StoreInsights::opening_hours() const {
  OpeningHours hours;
  for (std::size_t d = 0; d < 7; ++d) {
    for (const OpeningInterval& i : config_.hours[d]) hours.days[d].push_back({i.open_minute, i.close_minute});
  }
  return hours;
}

bool StoreInsights::whole_hour_offsets(TimestampMs from_ms, TimestampMs to_ms) const {
  // Offsets change rarely: checking every day start and the range ends finds any non-whole-hour offset in use.
  for (TimestampMs t = from_ms;; t += kDayMs) {
    const TimestampMs at = std::min(t, to_ms);
    if (tz_.offset_ms(at) % kHourMs != 0) return false;
    if (at >= to_ms) return true;
  }
}

Result<RollupInput> StoreInsights::read_input(TimestampMs from_ms, TimestampMs to_ms, RollupGrain grain) {
  RollupInput input;
  // Visitors and exits from the entry lines.
  for (const EntryLine& entry : config_.entry_lines) {
    CountQuery q{.from_ms = from_ms, .to_ms = to_ms, .camera = entry.camera, .name = entry.line};
    auto rows = store_.read_crossing_rollups(q, grain);
    if (!rows) return rows.error();
    for (const CrossingRollupRow& r : *rows) {
      if (r.ins > 0) input.crossings.push_back({r.start_ms, true, r.ins});
      if (r.outs > 0) input.crossings.push_back({r.start_ms, false, r.outs});
    }
  }
  // Occupancy: the store's running occupancy with door lines, else the people its cameras see.
  if (!config_.entry_lines.empty()) {
    if (grain == RollupGrain::kHour) {
      auto hours = store_.read_store_occupancy_rollups({.from_ms = from_ms, .to_ms = to_ms, .name = config_.name});
      if (!hours) return hours.error();
      for (const StoreOccupancyRollupRow& h : *hours) {
        input.occupancy.push_back({h.start_ms, h.mean, 1.0, static_cast<double>(h.min), static_cast<double>(h.max)});
      }
    } else {
      // Per minute from the events: the state at each minute start and every change within.
      auto events = store_.read_store_occupancy({.from_ms = from_ms - kDayMs, .to_ms = to_ms, .name = config_.name});
      if (!events) return events.error();
      double state = 0.0;
      std::size_t next = 0;
      const TimestampMs first = from_ms - (((from_ms % kMinuteMs) + kMinuteMs) % kMinuteMs);
      for (TimestampMs minute = first; minute < to_ms; minute += kMinuteMs) {
        for (; next < events->size() && (*events)[next].timestamp_ms < minute; ++next) {
          state = (*events)[next].occupancy;
        }
        if (minute < from_ms) continue;
        double low = state;
        double high = state;
        double weighted = 0.0;
        TimestampMs at = minute;
        double s = state;
        for (std::size_t k = next; k < events->size() && (*events)[k].timestamp_ms < minute + kMinuteMs; ++k) {
          weighted += s * static_cast<double>((*events)[k].timestamp_ms - at);
          at = (*events)[k].timestamp_ms;
          s = (*events)[k].occupancy;
          low = std::min(low, s);
          high = std::max(high, s);
        }
        weighted += s * static_cast<double>(minute + kMinuteMs - at);
        input.occupancy.push_back({minute, weighted / static_cast<double>(kMinuteMs), 1.0, low, high});
      }
    }
  } else {
    std::map<TimestampMs, OccupancySample> by_time;
    for (const std::string& camera : config_.cameras) {
      auto rows = store_.read_count_rollups({.from_ms = from_ms, .to_ms = to_ms, .camera = camera}, grain);
      if (!rows) return rows.error();
      for (const CountRollupRow& r : *rows) {
        const auto mean = people_in_view(r);
        if (!mean) continue;
        const bool tracked = r.tracked_frames > 0;
        const double low = tracked && r.tracked_min ? *r.tracked_min : r.count_min;
        const double high = tracked && r.tracked_max ? *r.tracked_max : r.count_max;
        auto [it, inserted] = by_time.try_emplace(r.start_ms, OccupancySample{r.start_ms, 0.0, 1.0, 0.0, 0.0});
        it->second.occupancy += *mean;
        *it->second.min += low;
        *it->second.max += high;
      }
    }
    for (auto& [t, sample] : by_time) input.occupancy.push_back(sample);
  }
  // Zone visits and queues of the store's cameras.
  for (const std::string& camera : config_.cameras) {
    if (grain == RollupGrain::kHour) {
      // Hour buckets and longer: the hourly visit rollups (a year is ~9,000 rows per zone, not ~500,000 visits).
      auto hours = store_.read_visit_rollups({.from_ms = from_ms, .to_ms = to_ms, .camera = camera});
      if (!hours) return hours.error();
      for (const VisitRollupRow& v : *hours) {
        input.visit_summaries.push_back({v.zone, v.start_ms, v.visits, static_cast<double>(v.dwell_sum_ms) / 1000.0,
                                         v.dwell_median_ms / 1000.0});
      }
    } else {
      auto visits = store_.read_zone_visits({.from_ms = from_ms - kDayMs, .to_ms = to_ms, .camera = camera});
      if (!visits) return visits.error();
      for (const ZoneVisitRow& v : *visits) {
        if (v.exit_ms >= from_ms && v.exit_ms < to_ms) input.visits.push_back({v.zone, v.enter_ms, v.exit_ms});
      }
    }
    auto zones = store_.read_zone_rollups({.from_ms = from_ms, .to_ms = to_ms, .camera = camera}, grain);
    if (!zones) return zones.error();
    for (const ZoneRollupRow& z : *zones) {
      if (z.queue_frames == 0) continue;
      QueueSample q;
      q.zone = z.zone;
      q.t = z.start_ms;
      q.length = static_cast<double>(z.queue_length_sum) / static_cast<double>(z.queue_frames);
      q.max_length = z.queue_length_max;
      if (z.wait_samples > 0) q.wait_s = z.wait_sum_s / static_cast<double>(z.wait_samples);
      input.queue.push_back(std::move(q));
    }
  }
  return input;
}

Result<std::vector<RollupRow>> StoreInsights::rollup(TimestampMs from_ms, TimestampMs to_ms, Bucket bucket) {
  const std::vector<TimeSlot> slots = local_buckets(from_ms, to_ms, bucket, tz_);
  if (slots.empty()) return std::vector<RollupRow>{};
  const TimestampMs first = slots.front().start_ms;
  const TimestampMs last = slots.back().end_ms;
  const bool coarse = bucket == Bucket::kHour || bucket == Bucket::kDay || bucket == Bucket::kWeek;
  const RollupGrain grain =
      coarse && whole_hour_offsets(first, last) ? RollupGrain::kHour : RollupGrain::kMinute;
  auto input = read_input(first, last, grain);
  if (!input) return input.error();
  return footfall::rollup(*input, slots);
}

Result<std::vector<SaleRow>> StoreInsights::sales(TimestampMs from_ms, TimestampMs to_ms) {
  auto rows = store_.read_sales(config_.name, from_ms, to_ms);
  if (!rows) return rows.error();
  std::vector<SaleRow> out;
  out.reserve(rows->size());
  for (const SalesRow& r : *rows) out.push_back({r.start_ms, r.end_ms, r.transactions, r.amount});
  return out;
}

Result<HourlySeries> StoreInsights::visitor_history(TimestampMs to_ms) {
  HourlySeries series;
  const TimestampMs end = to_ms - (((to_ms % kHourMs) + kHourMs) % kHourMs);
  std::map<TimestampMs, double> visitors;
  for (const EntryLine& entry : config_.entry_lines) {
    auto rows = store_.read_crossing_rollups({.from_ms = INT64_MIN / 2, .to_ms = end, .camera = entry.camera,
                                              .name = entry.line},
                                             RollupGrain::kHour);
    if (!rows) return rows.error();
    for (const CrossingRollupRow& r : *rows) visitors[r.start_ms] += static_cast<double>(r.ins);
  }
  if (visitors.empty()) return series;
  series.start_ms = visitors.begin()->first;
  for (TimestampMs h = series.start_ms; h < end; h += kHourMs) {
    const auto it = visitors.find(h);
    series.values.push_back(it == visitors.end() ? 0.0 : it->second);
  }
  return series;
}

Result<StaffingPlan> StoreInsights::staffing(TimestampMs from_ms, TimestampMs to_ms, TimestampMs now_ms) {
  StaffingPlan plan;
  auto hourly = rollup(from_ms, to_ms, Bucket::kHour);
  if (!hourly) return hourly.error();
  if (hourly->empty()) return plan;
  const TimestampMs first = hourly->front().slot.start_ms;
  const TimestampMs last = hourly->back().slot.end_ms;
  auto sold = sales(first, last);
  if (!sold) return sold.error();
  const std::vector<ConversionRow> converted = conversion(*hourly, *sold);
  const OpeningHours hours = opening_hours();

  // History before the plan (or before now) for hours that have not happened: the forecast of visitors, and two
  // ratios learned from the same history: people present per visitor per hour (Little's law: L = lambda W), and
  // transactions per visitor where sales exist.
  // Hours from the end of the stored visitors (or from now) on have not been observed. A store without any stored
  // visitors (or without entry lines) has only observed hours: nothing to forecast from.
  auto observed = visitor_history(now_ms);
  if (!observed) return observed.error();
  TimestampMs cutoff = now_ms;
  for (std::size_t i = observed->values.size(); i > 0; --i) {
    if (observed->values[i - 1] > 0.0) {
      cutoff = std::min(now_ms, observed->start_ms + static_cast<TimestampMs>(i) * kHourMs);
      break;
    }
  }
  const TimestampMs history_end = std::min(first, cutoff);
  std::optional<Forecast> forecast;
  double presence_per_visitor = 0.0;
  std::optional<double> learned_conversion;
  const bool needs_forecast =
      std::any_of(hourly->begin(), hourly->end(), [&](const RollupRow& r) { return r.slot.start_ms >= cutoff; });
  if (needs_forecast) {
    auto history = visitor_history(history_end);
    if (!history) return history.error();
    const TimestampMs horizon_end = last;
    const int horizon = static_cast<int>((horizon_end - (history->start_ms + static_cast<TimestampMs>(
                                                                                  history->values.size()) *
                                                                                  kHourMs)) /
                                         kHourMs);
    ForecastOptions options;
    options.time_zone = tz_;
    if (history->values.empty()) {
      return make_error("store " + config_.name + ": no visitors stored on its entry lines before " +
                        format_iso8601(history_end) +
                        " to forecast the hours after it from (a forecast needs at least two weeks of entry-line "
                        "crossings)");
    }
    auto made = forecast_visitors(*history, std::max(horizon, 1), options);
    if (!made) return make_error("store " + config_.name + ": forecast: " + made.error().message);
    forecast = std::move(*made);
    // Ratios over the last four weeks of history.
    const TimestampMs learn_from = std::max(history->start_ms, history_end - 28 * kDayMs);
    auto past = rollup(learn_from, history_end, Bucket::kHour);
    if (!past) return past.error();
    double people = 0.0;
    double visitors = 0.0;
    for (const RollupRow& r : *past) {
      if (r.occupancy_mean && r.visitors > 0) {
        people += *r.occupancy_mean;
        visitors += static_cast<double>(r.visitors);
      }
    }
    if (visitors > 0.0) presence_per_visitor = people / visitors;
    auto past_sales = sales(learn_from, history_end);
    if (!past_sales) return past_sales.error();
    std::int64_t transactions = 0;
    for (const SaleRow& s : *past_sales) transactions += s.transactions;
    double all_visitors = 0.0;
    for (const RollupRow& r : *past) all_visitors += static_cast<double>(r.visitors);
    if (transactions > 0 && all_visitors > 0.0) learned_conversion = static_cast<double>(transactions) / all_visitors;
  }

  std::vector<HourDemand> demands;
  for (std::size_t i = 0; i < hourly->size(); ++i) {
    const RollupRow& r = (*hourly)[i];
    StaffingPlanHour h;
    h.slot = r.slot;
    h.open = is_open(r.slot, hours);
    h.demand.hour_start_ms = r.slot.start_ms;
    h.demand.open = h.open;
    if (r.slot.start_ms < cutoff || !forecast) {
      h.demand.visitors = static_cast<double>(r.visitors);
      h.demand.mean_occupancy = r.occupancy_mean.value_or(0.0);
      if (converted[i].transactions > 0 || !sold->empty()) {
        h.demand.transactions = static_cast<double>(converted[i].transactions);
      }
    } else {
      h.forecast = true;
      const std::size_t index = static_cast<std::size_t>((r.slot.start_ms - forecast->start_ms) / kHourMs);
      const double visitors = index < forecast->values.size() ? forecast->values[index] : 0.0;
      h.demand.visitors = visitors;
      h.demand.mean_occupancy = visitors * presence_per_visitor;
      if (learned_conversion) h.demand.transactions = visitors * *learned_conversion;
    }
    demands.push_back(h.demand);
    plan.hours.push_back(h);
  }
  auto staff = recommend_staffing(demands, config_.staffing);
  if (!staff) return make_error("store " + config_.name + ": " + staff.error().message);
  for (std::size_t i = 0; i < plan.hours.size(); ++i) plan.hours[i].staff = (*staff)[i];
  plan.forecast = std::move(forecast);

  // The roster: hours inside an imported roster's range are compared (an hour the file left out had nobody
  // scheduled); hours no roster import covers are not.
  auto roster = store_.read_roster(config_.name, first, last);
  if (!roster) return roster.error();
  auto imports = store_.read_imports(config_.name);
  if (!imports) return imports.error();
  std::vector<std::pair<TimestampMs, TimestampMs>> covered;
  for (const ImportRecord& r : *imports) {
    if (r.kind == "roster" && r.from_ms < last && r.to_ms > first) covered.emplace_back(r.from_ms, r.to_ms);
  }
  if (!covered.empty()) {
    plan.has_roster = true;
    std::vector<RosterHour> scheduled;
    for (const RosterRow& r : *roster) scheduled.push_back({r.hour_ms, r.staff});
    std::vector<StaffingHour> recommended;
    for (StaffingPlanHour& h : plan.hours) {
      const TimestampMs t = h.slot.start_ms;
      const bool in_roster = std::any_of(covered.begin(), covered.end(),
                                         [t](const auto& range) { return t >= range.first && t < range.second; });
      if (!in_roster) continue;
      recommended.push_back(h.staff);
      const auto it = std::find_if(roster->begin(), roster->end(), [t](const RosterRow& r) { return r.hour_ms == t; });
      h.scheduled = it == roster->end() ? 0.0 : it->staff;
    }
    plan.roster = compare_roster(recommended, scheduled);
  }
  return plan;
}

}  // namespace footfall

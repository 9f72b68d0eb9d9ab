#include "staffing_week.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "footfall/app/store_insights.h"
#include "footfall/analytics/local_buckets.h"
#include "store_context.h"

namespace footfall::cli {

namespace {

constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string local_label(const LocalTime& l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", l.year, l.month, l.day, l.hour, l.minute);
  return buf;
}

std::string offset_text(std::int64_t offset_ms) {
  const std::int64_t minutes = offset_ms / 60'000;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', static_cast<int>(std::llabs(minutes) / 60 % 100),
                static_cast<int>(std::llabs(minutes) % 60));
  return buf;
}

}  // namespace

int run_staffing_week(const StaffingWeekOptions& o) {
  int failure = kExitUsage;
  auto context = load_store_context(o.config, o.store, o.database, &failure);
  if (!context) {
    print_error(context.error().message);
    return failure;
  }
  auto week_start = parse_iso_week("--week", o.week, context->tz);
  if (!week_start) {
    print_error(week_start.error().message);
    return kExitUsage;
  }
  // The next Monday's local midnight: 7 local days later (167, 168 or 169 hours).
  const LocalTime monday = context->tz.local_time_of(*week_start);
  const TimestampMs week_end =
      context->tz.utc_of_local(local_epoch_ms(monday.year, monday.month, monday.day) + 7 * 86'400'000);
  auto store = open_context_store(*context, StoreAccess::kRead);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  StoreInsights insights(**store, context->store, context->tz);
  auto plan = insights.staffing(*week_start, week_end, SystemClock().now_ms());
  if (!plan) {
    print_error(plan.error().message);
    return kExitError;
  }

  if (o.format == "json") {
    nlohmann::json hours = nlohmann::json::array();
    for (const StaffingPlanHour& h : plan->hours) {
      nlohmann::json row{{"start", format_iso8601(h.slot.start_ms)},
                         {"local", local_label(h.slot.local_start)},
                         {"utc_offset", offset_text(h.slot.local_start.offset_ms)},
                         {"weekday", kDays[h.slot.local_start.weekday]},
                         {"open", h.open},
                         {"source", h.forecast ? "forecast" : "observed"},
                         {"visitors", h.demand.visitors},
                         {"mean_occupancy", h.demand.mean_occupancy},
                         {"transactions", h.demand.transactions ? nlohmann::json(*h.demand.transactions) : nullptr},
                         {"floor_staff", h.staff.floor_staff},
                         {"tills", h.staff.tills},
                         {"total", h.staff.total},
                         {"till_arrivals_per_hour", h.staff.till_arrivals_per_hour},
                         {"service_level", h.staff.service_level},
                         {"probability_of_waiting", h.staff.probability_of_waiting},
                         {"average_wait_seconds", h.staff.average_wait_seconds},
                         {"scheduled", h.scheduled ? nlohmann::json(*h.scheduled) : nullptr}};
      hours.push_back(std::move(row));
    }
    nlohmann::json out{{"store", o.store}, {"week", o.week}, {"timezone", context->tz.name()}, {"hours", hours}};
    if (plan->forecast) {
      out["forecast"] = {{"model", plan->forecast->model},
                         {"parameters", plan->forecast->parameters},
                         {"backtest_wape", std::isfinite(plan->forecast->backtest_wape)
                                               ? nlohmann::json(plan->forecast->backtest_wape)
                                               : nlohmann::json(nullptr)}};
    }
    if (plan->has_roster) {
      out["roster"] = {{"overstaffed_hours", plan->roster.overstaffed_hours},
                       {"understaffed_hours", plan->roster.understaffed_hours},
                       {"over_count", plan->roster.over_count},
                       {"under_count", plan->roster.under_count}};
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  if (o.format == "csv") {
    std::printf("start,local,weekday,open,source,visitors,mean_occupancy,transactions,floor_staff,tills,total,"
                "service_level,average_wait_seconds,scheduled\n");
    for (const StaffingPlanHour& h : plan->hours) {
      std::printf("%s,%s,%s,%d,%s,%.2f,%.2f,%s,%d,%d,%d,%.4f,%.1f,%s\n", format_iso8601(h.slot.start_ms).c_str(),
                  local_label(h.slot.local_start).c_str(), kDays[h.slot.local_start.weekday], h.open ? 1 : 0,
                  h.forecast ? "forecast" : "observed", h.demand.visitors, h.demand.mean_occupancy,
                  h.demand.transactions ? std::to_string(*h.demand.transactions).c_str() : "", h.staff.floor_staff,
                  h.staff.tills, h.staff.total, h.staff.service_level,
                  std::isfinite(h.staff.average_wait_seconds) ? h.staff.average_wait_seconds : -1.0,
                  h.scheduled ? std::to_string(*h.scheduled).c_str() : "");
    }
    return kExitOk;
  }
  // Weekday x hour: total staff; on the autumn change's repeated hour the larger need is shown.
  std::array<std::array<std::optional<int>, 24>, 7> cells{};
  std::array<std::array<bool, 24>, 7> forecast{};
  for (const StaffingPlanHour& h : plan->hours) {
    auto& cell = cells[h.slot.local_start.weekday][h.slot.local_start.hour];
    cell = std::max(cell.value_or(0), h.staff.total);
    forecast[h.slot.local_start.weekday][h.slot.local_start.hour] = h.forecast;
  }
  std::printf("Staff needed per hour, store %s, week %s (%s, local time): floor associates + tills\n", o.store.c_str(),
              o.week.c_str(), context->tz.name().c_str());
  std::printf("hour ");
  for (const char* d : kDays) std::printf("%5s ", d);
  std::printf("\n");
  bool any_forecast = false;
  for (int hour = 0; hour < 24; ++hour) {
    std::printf("%02d   ", hour);
    for (int d = 0; d < 7; ++d) {
      if (!cells[d][hour]) {
        std::printf("%6s", "");
      } else if (*cells[d][hour] == 0) {
        std::printf("%5s ", ".");
      } else {
        std::printf("%5d%c", *cells[d][hour], forecast[d][hour] ? '*' : ' ');
        any_forecast = any_forecast || forecast[d][hour];
      }
    }
    std::printf("\n");
  }
  int total_hours = 0;
  for (const StaffingPlanHour& h : plan->hours) total_hours += h.staff.total;
  std::printf("labour hours needed: %d\n", total_hours);
  if (any_forecast && plan->forecast) {
    std::printf("* from the forecast (%s, backtest WAPE %.1f%%)\n", plan->forecast->model.c_str(),
                100.0 * plan->forecast->backtest_wape);
  }
  if (plan->has_roster) {
    std::printf("vs roster: %d hours over-staffed (%.1f labour hours to save), %d under-staffed (%.1f to add)\n",
                plan->roster.over_count, plan->roster.overstaffed_hours, plan->roster.under_count,
                plan->roster.understaffed_hours);
  }
  return kExitOk;
}

}  // namespace footfall::cli

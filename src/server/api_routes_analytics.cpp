// What a store manager reads: the store report (the JSON of `footfall report --format json`), today so far against
// the same weekday last week, the staffing plan of an ISO week (as `footfall staffing --format json`, with each
// hour's state against the roster), and the visitor forecast.
#include <array>
#include <cmath>

#include "api_params.h"
#include "api_route_groups.h"
#include "footfall/analytics/roster.h"
#include "footfall/app/store_insights.h"
#include "footfall/app/store_report.h"
#include "footfall/report/report_render.h"

namespace footfall::api {

namespace {

constexpr int kMaxReportDays = 366;
constexpr int kMaxForecastHours = 24 * 7 * 8;
constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// The store of the path, its zone and a StoreInsights, or the response that says why not.
struct StoreRequest {
  std::shared_ptr<const AppConfig> config;  // holds `store`
  const StoreConfig* store = nullptr;
  std::optional<TimeZone> tz;
  std::optional<ApiResponse> error;
};

StoreRequest store_of(const ApiContext& context, const ApiRequest& request) {
  StoreRequest out;
  const std::string& name = request.path_params.at("store");
  out.config = served_config(context);
  out.store = find_store(*out.config, name);
  if (out.store == nullptr) {
    out.error = unknown_store(*out.config, name);
    return out;
  }
  auto tz = store_time_zone(*out.store);
  if (!tz) {
    out.error = internal_error(tz.error().message);
    return out;
  }
  out.tz = *tz;
  return out;
}

// 422 when there is not enough stored history to forecast from; else a read error (500).
ApiResponse analytics_error(const StoreConfig& store, const Error& error) {
  const std::string prefix = "store " + store.name + ": ";
  const std::string& m = error.message;
  if (m.rfind(prefix + "no visitors stored", 0) == 0 || m.rfind(prefix + "forecast:", 0) == 0) {
    return json_error(422, "insufficient_data", m);
  }
  return internal_error(m);
}

nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

// ---- Report ----

ApiResponse report(const ApiContext& context, const ApiRequest& request) {
  StoreRequest s = store_of(context, request);
  if (s.error) return *s.error;
  const TimeZone& tz = *s.tz;
  const TimestampMs now = now_ms(context, request);
  TimestampMs to_day = local_midnight(tz, now);
  if (const auto to = request.param("to")) {
    auto parsed = parse_local_date("to", *to, tz);
    if (!parsed) return bad_parameter(parsed.error());
    to_day = *parsed;
  }
  TimestampMs from_ms = local_midnight(tz, to_day, -6);
  if (const auto from = request.param("from")) {
    auto parsed = parse_local_date("from", *from, tz);
    if (!parsed) return bad_parameter(parsed.error());
    from_ms = *parsed;
  }
  const TimestampMs to_ms = local_midnight(tz, to_day, 1);
  if (to_day < from_ms) {
    return bad_parameter(make_error("to: " + local_date_text(tz.local_time_of(to_day)) + " is before from " +
                                    local_date_text(tz.local_time_of(from_ms))));
  }
  if (to_ms - from_ms > (kMaxReportDays + 1) * kDayMs) {
    return bad_parameter(make_error("to: a report covers at most " + std::to_string(kMaxReportDays) + " days"));
  }
  std::optional<TimestampMs> day;
  if (const auto d = request.param("day")) {
    auto parsed = parse_local_date("day", *d, tz);
    if (!parsed) return bad_parameter(parsed.error());
    if (*parsed < from_ms || *parsed >= to_ms)
      return bad_parameter(make_error("day: " + *d + " is not within from..to"));
    day = *parsed;
  }
  StoreInsights insights(*context.store, *s.store, tz);
  ReportRequest report_request{
      local_date_text(tz.local_time_of(from_ms)), local_date_text(tz.local_time_of(to_day)), from_ms, to_ms, day, now};
  auto data = build_store_report(insights, *context.store, report_request);
  if (!data) return analytics_error(*s.store, data.error());
  return json_ok(render_json(*data));
}

// ---- Today ----

struct HourCounts {
  std::int64_t entries = 0;
  std::int64_t exits = 0;
};

// Crossings of the store's entry lines in [from_ms, to_ms), per local hour of the day and in total until until_ms.
Status count_entries(Store& store, const StoreConfig& config, const TimeZone& tz, TimestampMs from_ms,
                     TimestampMs to_ms, TimestampMs until_ms, std::array<HourCounts, 24>& hours, HourCounts& total) {
  for (const EntryLine& e : config.entry_lines) {
    auto rows = store.read_crossings({.from_ms = from_ms, .to_ms = to_ms, .camera = e.camera, .name = e.line});
    if (!rows) return rows.error();
    for (const CrossingRow& c : *rows) {
      const bool entry = c.direction == "in";
      HourCounts& h = hours[static_cast<std::size_t>(tz.local_time_of(c.timestamp_ms).hour)];
      (entry ? h.entries : h.exits) += 1;
      if (c.timestamp_ms < until_ms) (entry ? total.entries : total.exits) += 1;
    }
  }
  return Status::success();
}

ApiResponse today(const ApiContext& context, const ApiRequest& request) {
  StoreRequest s = store_of(context, request);
  if (s.error) return *s.error;
  const TimeZone& tz = *s.tz;
  const TimestampMs now = now_ms(context, request);
  const LocalTime local_now = tz.local_time_of(now);
  const TimestampMs today_start = local_midnight(tz, now);
  // The same local time of day a week earlier (on a daylight-saving change, the nearest instant that exists).
  const TimestampMs week_ago =
      tz.utc_of_local(local_epoch_ms(local_now.year, local_now.month, local_now.day, local_now.hour, local_now.minute,
                                     local_now.second, local_now.millisecond) -
                      kWeekMs);
  const TimestampMs last_week_start = local_midnight(tz, now, -7);
  const TimestampMs last_week_end = local_midnight(tz, now, -6);

  std::array<HourCounts, 24> today_hours{};
  std::array<HourCounts, 24> last_week_hours{};
  HourCounts today_total;
  HourCounts last_week_total;
  if (Status st = count_entries(*context.store, *s.store, tz, today_start, now + 1, now + 1, today_hours, today_total);
      !st) {
    return internal_error("store " + s.store->name + ": " + st.error().message);
  }
  if (Status st = count_entries(*context.store, *s.store, tz, last_week_start, last_week_end, week_ago + 1,
                                last_week_hours, last_week_total);
      !st) {
    return internal_error("store " + s.store->name + ": " + st.error().message);
  }
  HourCounts last_week_day;
  for (const HourCounts& h : last_week_hours) {
    last_week_day.entries += h.entries;
    last_week_day.exits += h.exits;
  }
  auto occupancy =
      context.store->read_store_occupancy({.from_ms = today_start, .to_ms = now + 1, .name = s.store->name});
  if (!occupancy) return internal_error("store " + s.store->name + ": " + occupancy.error().message);

  nlohmann::json hours = nlohmann::json::array();
  for (int h = 0; h < 24; ++h) {
    const HourCounts& t = today_hours[static_cast<std::size_t>(h)];
    const HourCounts& w = last_week_hours[static_cast<std::size_t>(h)];
    const bool happened = h <= local_now.hour;
    hours.push_back({{"hour", h},
                     {"entries", happened ? nlohmann::json(t.entries) : nlohmann::json(nullptr)},
                     {"exits", happened ? nlohmann::json(t.exits) : nlohmann::json(nullptr)},
                     {"last_week_entries", w.entries},
                     {"last_week_exits", w.exits}});
  }
  const StoreOccupancyRow* last = occupancy->empty() ? nullptr : &occupancy->back();
  return json_response(
      {{"store", s.store->name},
       {"timezone", tz.name()},
       {"date", local_date_text(local_now)},
       {"now", format_iso8601(now)},
       {"local_now", local_iso(local_now)},
       {"occupancy_now", last != nullptr ? nlohmann::json(last->occupancy) : nlohmann::json(nullptr)},
       {"occupancy_at", last != nullptr ? nlohmann::json(format_iso8601(last->timestamp_ms)) : nlohmann::json(nullptr)},
       {"entries", today_total.entries},
       {"exits", today_total.exits},
       {"same_weekday_last_week",
        {{"date", local_date_text(tz.local_time_of(last_week_start))},
         {"until", format_iso8601(week_ago)},
         {"entries", last_week_total.entries},
         {"exits", last_week_total.exits},
         {"day_entries", last_week_day.entries},
         {"day_exits", last_week_day.exits}}},
       {"hours", std::move(hours)}});
}

// ---- Staffing ----

const char* roster_state(const StaffingPlanHour& h) {
  if (!h.scheduled) return "none";
  const double difference = *h.scheduled - h.staff.total;
  if (difference >= roster_tolerance_staff) return "over";
  if (difference <= -roster_tolerance_staff) return "under";
  return "ok";
}

ApiResponse staffing(const ApiContext& context, const ApiRequest& request) {
  StoreRequest s = store_of(context, request);
  if (s.error) return *s.error;
  const TimeZone& tz = *s.tz;
  const TimestampMs now = now_ms(context, request);
  const std::string week = request.param("week").value_or(iso_week_of(tz.local_time_of(now)));
  auto week_start = parse_iso_week("week", week, tz);
  if (!week_start) return bad_parameter(week_start.error());
  const TimestampMs week_end = local_midnight(tz, *week_start, 7);
  StoreInsights insights(*context.store, *s.store, tz);
  auto plan = insights.staffing(*week_start, week_end, now);
  if (!plan) return analytics_error(*s.store, plan.error());

  nlohmann::json hours = nlohmann::json::array();
  int labour_hours = 0;
  for (const StaffingPlanHour& h : plan->hours) {
    labour_hours += h.staff.total;
    hours.push_back(
        {{"start", format_iso8601(h.slot.start_ms)},
         {"end", format_iso8601(h.slot.end_ms)},
         {"local", local_iso(h.slot.local_start)},
         {"weekday", kWeekdays[h.slot.local_start.weekday]},
         {"hour", h.slot.local_start.hour},
         {"open", h.open},
         {"source", h.forecast ? "forecast" : "observed"},
         {"visitors", h.demand.visitors},
         {"occupancy", h.demand.mean_occupancy},
         {"transactions", h.demand.transactions ? nlohmann::json(*h.demand.transactions) : nlohmann::json(nullptr)},
         {"floor_staff", h.staff.floor_staff},
         {"tills", h.staff.tills},
         {"total", h.staff.total},
         {"till_arrivals_per_hour", h.staff.till_arrivals_per_hour},
         {"service_level", h.staff.service_level},
         {"probability_of_waiting", h.staff.probability_of_waiting},
         {"average_wait_seconds", finite_or_null(h.staff.average_wait_seconds)},
         {"scheduled", h.scheduled ? nlohmann::json(*h.scheduled) : nlohmann::json(nullptr)},
         {"state", roster_state(h)}});
  }
  nlohmann::json out{{"store", s.store->name},
                     {"timezone", tz.name()},
                     {"week", week},
                     {"from", format_iso8601(*week_start)},
                     {"to", format_iso8601(week_end)},
                     {"labour_hours", labour_hours},
                     {"hours", std::move(hours)},
                     {"forecast", nullptr},
                     {"roster", nullptr}};
  if (plan->forecast) {
    out["forecast"] = {{"model", plan->forecast->model},
                       {"parameters", plan->forecast->parameters},
                       {"backtest_wape", finite_or_null(plan->forecast->backtest_wape)}};
  }
  if (plan->has_roster) {
    double scheduled = 0.0;
    for (const StaffingPlanHour& h : plan->hours) scheduled += h.scheduled.value_or(0.0);
    out["roster"] = {{"scheduled_hours", scheduled},
                     {"overstaffed_hours", plan->roster.overstaffed_hours},
                     {"understaffed_hours", plan->roster.understaffed_hours},
                     {"over_count", plan->roster.over_count},
                     {"under_count", plan->roster.under_count}};
  }
  return json_response(out);
}

// ---- Forecast ----

ApiResponse forecast(const ApiContext& context, const ApiRequest& request) {
  StoreRequest s = store_of(context, request);
  if (s.error) return *s.error;
  const TimeZone& tz = *s.tz;
  auto from = time_param(request, "from");
  if (!from) return bad_parameter(from.error());
  auto hours = int_param(request, "hours", 168, 1, kMaxForecastHours);
  if (!hours) return bad_parameter(hours.error());
  const TimestampMs now = now_ms(context, request);
  const TimestampMs from_ms = from->value_or(now);
  // The hours between now and a later `from` have not been observed: they are not zero visitors.
  if (from_ms > now) {
    return bad_parameter(make_error("from: " + format_iso8601(from_ms) +
                                    " is in the future; the forecast starts where the observed history ends (use "
                                    "hours to look further ahead)"));
  }
  StoreInsights insights(*context.store, *s.store, tz);
  auto history = insights.visitor_history(from_ms);
  if (!history) return internal_error("store " + s.store->name + ": " + history.error().message);
  if (history->values.empty()) {
    return json_error(422, "insufficient_data",
                      "store " + s.store->name + ": no visitors stored on its entry lines before " +
                          format_iso8601(from_ms) + " to forecast from (at least two weeks are needed)");
  }
  ForecastOptions options;
  options.time_zone = tz;
  auto made = forecast_visitors(*history, *hours, options);
  if (!made)
    return json_error(422, "insufficient_data", "store " + s.store->name + ": forecast: " + made.error().message);
  nlohmann::json points = nlohmann::json::array();
  for (std::size_t i = 0; i < made->values.size(); ++i) {
    const TimestampMs start = made->start_ms + static_cast<TimestampMs>(i) * kHourMs;
    points.push_back({{"start", format_iso8601(start)},
                      {"local", local_iso(tz.local_time_of(start))},
                      {"visitors", made->values[i]}});
  }
  return json_response({{"store", s.store->name},
                        {"timezone", tz.name()},
                        {"from", format_iso8601(made->start_ms)},
                        {"history_from", format_iso8601(history->start_ms)},
                        {"model", made->model},
                        {"parameters", made->parameters},
                        {"backtest_wape", finite_or_null(made->backtest_wape)},
                        {"points", std::move(points)}});
}

}  // namespace

void add_analytics_routes(Router& router, const ApiContext& context) {
  router.add({"GET",
              "/api/v1/stores/{store}/report",
              Role::kViewer,
              {"from", "to", "day"},
              guarded(context, [context](const ApiRequest& r) { return report(context, r); }),
              "The store report over whole local days (as footfall report --format json)"});
  router.add({"GET",
              "/api/v1/stores/{store}/today",
              Role::kViewer,
              {},
              guarded(context, [context](const ApiRequest& r) { return today(context, r); }),
              "Today so far: occupancy now, entries and exits, against the same weekday last week"});
  router.add({"GET",
              "/api/v1/stores/{store}/staffing",
              Role::kViewer,
              {"week"},
              guarded(context, [context](const ApiRequest& r) { return staffing(context, r); }),
              "Staff needed per hour of an ISO week, against the roster"});
  router.add({"GET",
              "/api/v1/stores/{store}/forecast",
              Role::kViewer,
              {"from", "hours"},
              guarded(context, [context](const ApiRequest& r) { return forecast(context, r); }),
              "Visitors forecast per hour from the stored history"});
}

}  // namespace footfall::api

// The report as JSON (keys documented in report_render.h).
#include <nlohmann/json.hpp>

#include "footfall/report/report_render.h"

namespace footfall {

namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json peak_list(const std::vector<PeakEntry>& entries) {
  json list = json::array();
  for (const PeakEntry& e : entries) list.push_back({{"local_time", e.label}, {"visitors", e.visitors}});
  return list;
}

}  // namespace

std::string render_json(const ReportData& d) {
  json j;
  j["store"] = d.store;
  j["time_zone"] = d.time_zone;
  j["simulated"] = d.simulated;
  j["notice"] = d.simulated ? json("SIMULATED DATA") : json(nullptr);
  j["note"] = d.note;
  j["range"] = {{"from_date", d.range.from_date},
                {"to_date", d.range.to_date},
                {"from_utc_ms", d.range.from_ms},
                {"to_utc_ms", d.range.to_ms}};
  const ReportTotals& t = d.totals;
  j["totals"] = {{"visitors", t.visitors},
                 {"transactions", or_null(t.transactions)},
                 {"conversion", or_null(t.conversion)},
                 {"amount", or_null(t.amount)},
                 {"average_basket", or_null(t.average_basket)},
                 {"labour_hours_over", or_null(t.labour_hours_over)},
                 {"labour_hours_under", or_null(t.labour_hours_under)}};

  json daily = json::array();
  for (const DailyRow& r : d.daily) {
    daily.push_back({{"date", r.date},
                     {"weekday", r.weekday},
                     {"visitors", r.visitors},
                     {"transactions", or_null(r.transactions)},
                     {"conversion", or_null(r.conversion)},
                     {"amount", or_null(r.amount)},
                     {"average_basket", or_null(r.average_basket)}});
  }
  j["daily"] = std::move(daily);

  json hourly = json::array();
  for (const HourlyRow& r : d.hourly) {
    hourly.push_back({{"start_utc_ms", r.start_ms},
                      {"local_time", r.local_label},
                      {"local_hour", r.local_hour},
                      {"weekday", r.weekday},
                      {"visitors", r.visitors},
                      {"exits", or_null(r.exits)},
                      {"transactions", or_null(r.transactions)},
                      {"conversion", or_null(r.conversion)},
                      {"amount", or_null(r.amount)},
                      {"occupancy_mean", or_null(r.occupancy_mean)},
                      {"occupancy_max", or_null(r.occupancy_max)},
                      {"staff_recommended", or_null(r.staff_recommended)},
                      {"staff_scheduled", or_null(r.staff_scheduled)}});
  }
  j["hourly"] = std::move(hourly);

  j["peaks"] = {{"busiest", peak_list(d.peaks.busiest)}, {"quietest", peak_list(d.peaks.quietest)}};

  json matrix = json::array();
  for (const auto& row : d.weekday_hour) {
    json cells = json::array();
    for (const auto& cell : row) cells.push_back(or_null(cell));
    matrix.push_back(std::move(cells));
  }
  j["weekday_hour"] = std::move(matrix);

  json points = json::array();
  for (const OccupancyPoint& p : d.occupancy_day.points) points.push_back({{"time", p.label}, {"value", p.value}});
  j["occupancy_day"] = {{"date", d.occupancy_day.date}, {"points", std::move(points)}};
  json compared = json::array();
  for (const ComparisonHour& h : d.comparison.hours) {
    compared.push_back({{"hour", h.hour},
                        {"visitors", h.visitors},
                        {"previous_mean", or_null(h.previous_mean)},
                        {"percent_change", or_null(h.percent_change)}});
  }
  j["comparison"] = {{"date", d.comparison.date},
                     {"weeks", d.comparison.weeks},
                     {"visitors", d.comparison.visitors},
                     {"previous_mean", or_null(d.comparison.previous_mean)},
                     {"hours", std::move(compared)}};
  // Invalid UTF-8 in a name (a config typed in Latin-1) becomes U+FFFD rather than an exception.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace footfall

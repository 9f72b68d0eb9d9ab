// Time series: a store's rollup (visitors, exits, occupancy, dwell, queue) per store-local minute, 15 minutes,
// hour, day or week (StoreInsights::rollup), and a camera's counts, line crossings and zone figures per UTC minute or
// hour from the stored rollups. Both as JSON or as CSV (the CSV export of a series).
#include <algorithm>
#include <map>
#include <set>

#include "api_params.h"
#include "api_route_groups.h"
#include "footfall/app/store_insights.h"
#include "footfall/app/store_report.h"

namespace footfall::api {

namespace {

// More rows than this are refused (a minute series over a month is 44,640 rows).
constexpr TimestampMs kMaxBuckets = 50'000;

TimestampMs bucket_length(Bucket bucket) {
  switch (bucket) {
    case Bucket::kMinute:
      return kMinuteMs;
    case Bucket::k15Minutes:
      return 15 * kMinuteMs;
    case Bucket::kHour:
      return kHourMs;
    case Bucket::kDay:
      return kDayMs;
    case Bucket::kWeek:
      return kWeekMs;
  }
  return kHourMs;
}

Result<TimeRange> checked_range(const TimeRange& range, TimestampMs step, const std::string& bucket) {
  const TimestampMs buckets = (range.to_ms - range.from_ms) / step;
  if (buckets > kMaxBuckets) {
    return make_error("bucket: " + bucket + " buckets from " + format_iso8601(range.from_ms) + " to " +
                      format_iso8601(range.to_ms) + " make " + std::to_string(buckets) + " rows, more than " +
                      std::to_string(kMaxBuckets) + "; use a larger bucket or a shorter range");
  }
  return range;
}

// Whether simulated sales were imported for the store over the range: the series then says SIMULATED DATA.
Result<bool> simulated(Store& store, const std::string& name, TimestampMs from_ms, TimestampMs to_ms) {
  auto imports = store.read_imports(name);
  if (!imports) return imports.error();
  for (const ImportRecord& r : *imports) {
    if (r.source.rfind(kSimulatedSourcePrefix, 0) == 0 && r.from_ms < to_ms && r.to_ms > from_ms) return true;
  }
  return false;
}

const char* const kStoreColumns[] = {"start",
                                     "end",
                                     "local",
                                     "visitors",
                                     "exits",
                                     "occupancy_mean",
                                     "occupancy_max",
                                     "occupancy_min",
                                     "visits",
                                     "dwell_mean_s",
                                     "dwell_median_s",
                                     "queue_length_mean",
                                     "queue_length_max",
                                     "queue_wait_mean_s"};

nlohmann::json store_row_json(const RollupRow& r) {
  return {{"start", format_iso8601(r.slot.start_ms)},
          {"end", format_iso8601(r.slot.end_ms)},
          {"local", local_iso(r.slot.local_start)},
          {"visitors", r.visitors},
          {"exits", r.exits},
          {"occupancy_mean", number_or_null(r.occupancy_mean)},
          {"occupancy_max", number_or_null(r.occupancy_max)},
          {"occupancy_min", number_or_null(r.occupancy_min)},
          {"visits", r.visits},
          {"dwell_mean_s", number_or_null(r.dwell_mean_s)},
          {"dwell_median_s", number_or_null(r.dwell_median_s)},
          {"queue_length_mean", number_or_null(r.queue_length_mean)},
          {"queue_length_max", number_or_null(r.queue_length_max)},
          {"queue_wait_mean_s", number_or_null(r.queue_wait_mean_s)}};
}

ApiResponse store_series(const ApiContext& context, const ApiRequest& request) {
  const std::string& name = request.path_params.at("store");
  const std::shared_ptr<const AppConfig> config = served_config(context);
  const StoreConfig* store = find_store(*config, name);
  if (store == nullptr) return unknown_store(*config, name);
  auto store_tz = store_time_zone(*store);
  if (!store_tz) return internal_error(store_tz.error().message);
  auto range = range_params(request, now_ms(context, request), kWeekMs);
  if (!range) return bad_parameter(range.error());
  auto bucket_text = choice_param(request, "bucket", "hour", {"minute", "15m", "hour", "day", "week"});
  if (!bucket_text) return bad_parameter(bucket_text.error());
  const Bucket bucket = *parse_bucket(*bucket_text);
  auto tz = tz_param(request, "tz", *store_tz);
  if (!tz) return bad_parameter(tz.error());
  auto format = choice_param(request, "format", "json", {"json", "csv"});
  if (!format) return bad_parameter(format.error());
  if (auto checked = checked_range(*range, bucket_length(bucket), *bucket_text); !checked) {
    return bad_parameter(checked.error());
  }

  StoreInsights insights(*context.store, *store, *tz);
  auto rows = insights.rollup(range->from_ms, range->to_ms, bucket);
  if (!rows) return internal_error("store " + name + ": " + rows.error().message);
  auto is_simulated = simulated(*context.store, name, range->from_ms, range->to_ms);
  if (!is_simulated) return internal_error("store " + name + ": " + is_simulated.error().message);

  if (*format == "csv") {
    std::string csv;
    if (*is_simulated) csv += "# SIMULATED DATA: demo traffic written by footfall simulate\n";
    for (const char* column : kStoreColumns) csv += std::string(csv.empty() || csv.back() == '\n' ? "" : ",") + column;
    csv += '\n';
    for (const RollupRow& r : *rows) {
      const nlohmann::json row = store_row_json(r);
      bool first = true;
      for (const char* column : kStoreColumns) {
        if (!first) csv += ',';
        first = false;
        csv += csv_field(row[column]);
      }
      csv += '\n';
    }
    return csv_response(std::move(csv), name + "-" + *bucket_text + ".csv");
  }
  nlohmann::json out_rows = nlohmann::json::array();
  for (const RollupRow& r : *rows) out_rows.push_back(store_row_json(r));
  return json_response({{"store", name},
                        {"timezone", tz->name()},
                        {"bucket", *bucket_text},
                        {"from", format_iso8601(range->from_ms)},
                        {"to", format_iso8601(range->to_ms)},
                        {"simulated", *is_simulated},
                        {"rows", std::move(out_rows)}});
}

// ---- Camera series ----

TimestampMs floor_to(TimestampMs t, TimestampMs step) { return t - (((t % step) + step) % step); }

struct CameraBucket {
  const CountRollupRow* counts = nullptr;
  std::map<std::string, const CrossingRollupRow*> lines;
  std::map<std::string, const ZoneRollupRow*> zones;
};

std::optional<double> mean(double sum, std::int64_t n) {
  if (n <= 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

nlohmann::json camera_row_json(TimestampMs start, TimestampMs step, const CameraBucket& b,
                               const std::vector<std::string>& lines, const std::vector<std::string>& zones) {
  const CountRollupRow* c = b.counts;
  nlohmann::json row{
      {"start", format_iso8601(start)},
      {"end", format_iso8601(start + step)},
      {"frames", c != nullptr ? c->frames : 0},
      {"count_mean", number_or_null(c ? mean(static_cast<double>(c->count_sum), c->frames) : std::nullopt)},
      {"count_max", c != nullptr && c->frames > 0 ? nlohmann::json(c->count_max) : nlohmann::json(nullptr)},
      {"tracked_mean", number_or_null(c ? mean(static_cast<double>(c->tracked_sum), c->tracked_frames) : std::nullopt)},
      {"tracked_max", c != nullptr && c->tracked_max ? nlohmann::json(*c->tracked_max) : nlohmann::json(nullptr)}};
  nlohmann::json line_values = nlohmann::json::object();
  for (const std::string& name : lines) {
    const auto it = b.lines.find(name);
    const CrossingRollupRow* l = it == b.lines.end() ? nullptr : it->second;
    line_values[name] = {{"in", l != nullptr ? l->ins : 0}, {"out", l != nullptr ? l->outs : 0}};
  }
  nlohmann::json zone_values = nlohmann::json::object();
  for (const std::string& name : zones) {
    const auto it = b.zones.find(name);
    const ZoneRollupRow* z = it == b.zones.end() ? nullptr : it->second;
    zone_values[name] = {
        {"occupancy_mean", number_or_null(z ? mean(static_cast<double>(z->occupancy_sum), z->frames) : std::nullopt)},
        {"occupancy_max", z != nullptr && z->frames > 0 ? nlohmann::json(z->occupancy_max) : nlohmann::json(nullptr)},
        {"queue_length_mean",
         number_or_null(z ? mean(static_cast<double>(z->queue_length_sum), z->queue_frames) : std::nullopt)},
        {"queue_length_max",
         z != nullptr && z->queue_frames > 0 ? nlohmann::json(z->queue_length_max) : nlohmann::json(nullptr)},
        {"queue_wait_mean_s", number_or_null(z ? mean(z->wait_sum_s, z->wait_samples) : std::nullopt)}};
  }
  row["lines"] = std::move(line_values);
  row["zones"] = std::move(zone_values);
  return row;
}

std::string camera_csv(const nlohmann::json& rows, const std::vector<std::string>& lines,
                       const std::vector<std::string>& zones) {
  static const char* const kCounts[] = {"start",     "end",          "frames",     "count_mean",
                                        "count_max", "tracked_mean", "tracked_max"};
  static const char* const kZone[] = {"occupancy_mean", "occupancy_max", "queue_length_mean", "queue_length_max",
                                      "queue_wait_mean_s"};
  std::string csv;
  std::string header;
  for (const char* c : kCounts) header += (header.empty() ? "" : ",") + std::string(c);
  for (const std::string& l : lines)
    header += "," + csv_text("line." + l + ".in") + "," + csv_text("line." + l + ".out");
  for (const std::string& z : zones) {
    for (const char* f : kZone) header += "," + csv_text("zone." + z + "." + f);
  }
  csv += header + "\n";
  for (const nlohmann::json& row : rows) {
    std::string line;
    for (const char* c : kCounts) line += (line.empty() ? "" : ",") + csv_field(row[c]);
    for (const std::string& l : lines) {
      line += "," + csv_field(row["lines"][l]["in"]) + "," + csv_field(row["lines"][l]["out"]);
    }
    for (const std::string& z : zones) {
      for (const char* f : kZone) line += "," + csv_field(row["zones"][z][f]);
    }
    csv += line + "\n";
  }
  return csv;
}

ApiResponse camera_series(const ApiContext& context, const ApiRequest& request) {
  const std::string& name = request.path_params.at("camera");
  const std::shared_ptr<const AppConfig> config = served_config(context);
  const CameraConfig* camera = find_camera(*config, name);
  if (camera == nullptr) return unknown_camera(*config, name);
  auto range = range_params(request, now_ms(context, request), kWeekMs);
  if (!range) return bad_parameter(range.error());
  auto bucket_text = choice_param(request, "bucket", "hour", {"minute", "hour"});
  if (!bucket_text) return bad_parameter(bucket_text.error());
  auto format = choice_param(request, "format", "json", {"json", "csv"});
  if (!format) return bad_parameter(format.error());
  const bool minutes = *bucket_text == "minute";
  const TimestampMs step = minutes ? kMinuteMs : kHourMs;
  const RollupGrain grain = minutes ? RollupGrain::kMinute : RollupGrain::kHour;
  if (auto checked = checked_range(*range, step, *bucket_text); !checked) return bad_parameter(checked.error());

  // Whole UTC buckets that intersect [from, to).
  const TimestampMs first = floor_to(range->from_ms, step);
  const TimestampMs end = floor_to(range->to_ms - 1, step) + step;
  const CountQuery query{.from_ms = first, .to_ms = end, .camera = name};
  auto counts = context.store->read_count_rollups(query, grain);
  if (!counts) return internal_error("camera " + name + ": " + counts.error().message);
  auto crossings = context.store->read_crossing_rollups(query, grain);
  if (!crossings) return internal_error("camera " + name + ": " + crossings.error().message);
  auto zone_rows = context.store->read_zone_rollups(query, grain);
  if (!zone_rows) return internal_error("camera " + name + ": " + zone_rows.error().message);

  // The configured lines and zones, then any other name that has stored rows (renamed since).
  std::vector<std::string> lines;
  std::vector<std::string> zones;
  for (const LineConfig& l : camera->lines) lines.push_back(l.name);
  for (const ZoneConfig& z : camera->zones) zones.push_back(z.name);
  std::set<std::string> extra_lines;
  std::set<std::string> extra_zones;
  std::vector<CameraBucket> buckets(static_cast<std::size_t>((end - first) / step));
  const auto slot = [&](TimestampMs start) -> CameraBucket* {
    if (start < first || start >= end) return nullptr;
    return &buckets[static_cast<std::size_t>((start - first) / step)];
  };
  for (const CountRollupRow& r : *counts) {
    if (CameraBucket* b = slot(r.start_ms)) b->counts = &r;
  }
  for (const CrossingRollupRow& r : *crossings) {
    if (CameraBucket* b = slot(r.start_ms)) b->lines[r.line] = &r;
    if (std::find(lines.begin(), lines.end(), r.line) == lines.end()) extra_lines.insert(r.line);
  }
  for (const ZoneRollupRow& r : *zone_rows) {
    if (CameraBucket* b = slot(r.start_ms)) b->zones[r.zone] = &r;
    if (std::find(zones.begin(), zones.end(), r.zone) == zones.end()) extra_zones.insert(r.zone);
  }
  lines.insert(lines.end(), extra_lines.begin(), extra_lines.end());
  zones.insert(zones.end(), extra_zones.begin(), extra_zones.end());

  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    rows.push_back(camera_row_json(first + static_cast<TimestampMs>(i) * step, step, buckets[i], lines, zones));
  }
  if (*format == "csv") return csv_response(camera_csv(rows, lines, zones), name + "-" + *bucket_text + ".csv");
  return json_response({{"camera", name},
                        {"bucket", *bucket_text},
                        {"from", format_iso8601(range->from_ms)},
                        {"to", format_iso8601(range->to_ms)},
                        {"lines", lines},
                        {"zones", zones},
                        {"rows", std::move(rows)}});
}

}  // namespace

void add_series_routes(Router& router, const ApiContext& context) {
  router.add({"GET",
              "/api/v1/stores/{store}/series",
              Role::kViewer,
              {"from", "to", "bucket", "tz", "format"},
              guarded(context, [context](const ApiRequest& r) { return store_series(context, r); }),
              "A store's visitors, exits, occupancy, dwell and queue per local bucket (JSON or CSV)"});
  router.add({"GET",
              "/api/v1/cameras/{camera}/series",
              Role::kViewer,
              {"from", "to", "bucket", "format"},
              guarded(context, [context](const ApiRequest& r) { return camera_series(context, r); }),
              "A camera's counts, line crossings and zone figures per UTC minute or hour (JSON or CSV)"});
}

}  // namespace footfall::api

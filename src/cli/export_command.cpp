// footfall export : prints stored rows for a time range as CSV or JSON: counts (and gaps), line crossings, zone
// visits or per-frame zone counts (--what).
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "footfall/config/config.h"
#include "store_options.h"
#include "footfall/store/store.h"

namespace footfall::cli {

namespace {

struct ExportOptions {
  std::string from;
  std::string to;
  std::string camera;
  std::string format = "csv";
  std::string what = "counts";
  std::string database;
  std::string config;
  bool gaps = false;
};

// "" for an empty value (CSV), null in JSON.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string csv_int(const std::optional<int>& value) { return value ? std::to_string(*value) : std::string(); }

std::string csv_seconds(const std::optional<double>& value) {
  if (!value) return {};
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *value);
  return text;
}

int print_counts(CountReader& store, const CountQuery& query, const ExportOptions& o) {
  auto rows = store.read_counts(query);
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  auto gaps = store.read_gaps(query);
  if (!gaps) {
    print_error(gaps.error().message);
    return kExitError;
  }

  if (o.format == "json") {
    nlohmann::json counts = nlohmann::json::array();
    for (const CountRow& r : *rows) {
      counts.push_back({{"camera", r.camera},
                        {"timestamp", format_iso8601(r.timestamp_ms)},
                        {"timestamp_ms", r.timestamp_ms},
                        {"count", r.count},
                        {"tracked", or_null(r.tracked)},
                        {"mean_confidence", r.mean_confidence},
                        {"model", r.model},
                        {"frame_width", r.frame_width},
                        {"frame_height", r.frame_height}});
    }
    nlohmann::json gap_list = nlohmann::json::array();
    for (const SourceGap& g : *gaps) {
      gap_list.push_back({{"camera", g.camera},
                          {"start", format_iso8601(g.start_ms)},
                          {"end", format_iso8601(g.end_ms)},
                          {"start_ms", g.start_ms},
                          {"end_ms", g.end_ms},
                          {"reason", g.reason}});
    }
    std::printf("%s\n", nlohmann::json{{"counts", counts}, {"gaps", gap_list}}.dump(2).c_str());
    return kExitOk;
  }
  if (o.gaps) {
    std::printf("camera,start,end,start_ms,end_ms,reason\n");
    for (const SourceGap& g : *gaps) {
      std::string reason = g.reason;
      for (char& ch : reason) ch = ch == ',' || ch == '\n' ? ' ' : ch;
      std::printf("%s,%s,%s,%lld,%lld,%s\n", g.camera.c_str(), format_iso8601(g.start_ms).c_str(),
                  format_iso8601(g.end_ms).c_str(), static_cast<long long>(g.start_ms),
                  static_cast<long long>(g.end_ms), reason.c_str());
    }
    return kExitOk;
  }
  std::printf("camera,timestamp,timestamp_ms,count,mean_confidence,model,frame_width,frame_height,tracked\n");
  for (const CountRow& r : *rows) {
    std::printf("%s,%s,%lld,%d,%.4f,%s,%d,%d,%s\n", r.camera.c_str(), format_iso8601(r.timestamp_ms).c_str(),
                static_cast<long long>(r.timestamp_ms), r.count, static_cast<double>(r.mean_confidence),
                r.model.c_str(), r.frame_width, r.frame_height, csv_int(r.tracked).c_str());
  }
  return kExitOk;
}

int print_crossings(CountReader& store, const CountQuery& query, const std::string& format) {
  auto rows = store.read_crossings(query);
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const CrossingRow& r : *rows) {
      list.push_back({{"camera", r.camera},
                      {"line", r.line},
                      {"timestamp", format_iso8601(r.timestamp_ms)},
                      {"timestamp_ms", r.timestamp_ms},
                      {"track_id", r.track_id},
                      {"direction", r.direction}});
    }
    std::printf("%s\n", nlohmann::json{{"crossings", list}}.dump(2).c_str());
    return kExitOk;
  }
  std::printf("camera,line,timestamp,timestamp_ms,track_id,direction\n");
  for (const CrossingRow& r : *rows) {
    std::printf("%s,%s,%s,%lld,%lld,%s\n", r.camera.c_str(), r.line.c_str(), format_iso8601(r.timestamp_ms).c_str(),
                static_cast<long long>(r.timestamp_ms), static_cast<long long>(r.track_id), r.direction.c_str());
  }
  return kExitOk;
}

int print_visits(CountReader& store, const CountQuery& query, const std::string& format) {
  auto rows = store.read_zone_visits(query);
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const ZoneVisitRow& r : *rows) {
      list.push_back({{"camera", r.camera},
                      {"zone", r.zone},
                      {"track_id", r.track_id},
                      {"enter", format_iso8601(r.enter_ms)},
                      {"exit", format_iso8601(r.exit_ms)},
                      {"enter_ms", r.enter_ms},
                      {"exit_ms", r.exit_ms},
                      {"dwell_ms", r.dwell_ms}});
    }
    std::printf("%s\n", nlohmann::json{{"visits", list}}.dump(2).c_str());
    return kExitOk;
  }
  std::printf("camera,zone,track_id,enter,exit,enter_ms,exit_ms,dwell_ms\n");
  for (const ZoneVisitRow& r : *rows) {
    std::printf("%s,%s,%lld,%s,%s,%lld,%lld,%lld\n", r.camera.c_str(), r.zone.c_str(),
                static_cast<long long>(r.track_id), format_iso8601(r.enter_ms).c_str(),
                format_iso8601(r.exit_ms).c_str(), static_cast<long long>(r.enter_ms),
                static_cast<long long>(r.exit_ms), static_cast<long long>(r.dwell_ms));
  }
  return kExitOk;
}

int print_zone_counts(CountReader& store, const CountQuery& query, const std::string& format) {
  auto rows = store.read_zone_counts(query);
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const ZoneCountRow& r : *rows) {
      list.push_back({{"camera", r.camera},
                      {"zone", r.zone},
                      {"timestamp", format_iso8601(r.timestamp_ms)},
                      {"timestamp_ms", r.timestamp_ms},
                      {"occupancy", r.occupancy},
                      {"queue_length", or_null(r.queue_length)},
                      {"queue_wait_s", or_null(r.queue_wait_s)}});
    }
    std::printf("%s\n", nlohmann::json{{"zones", list}}.dump(2).c_str());
    return kExitOk;
  }
  std::printf("camera,zone,timestamp,timestamp_ms,occupancy,queue_length,queue_wait_s\n");
  for (const ZoneCountRow& r : *rows) {
    std::printf("%s,%s,%s,%lld,%d,%s,%s\n", r.camera.c_str(), r.zone.c_str(), format_iso8601(r.timestamp_ms).c_str(),
                static_cast<long long>(r.timestamp_ms), r.occupancy, csv_int(r.queue_length).c_str(),
                csv_seconds(r.queue_wait_s).c_str());
  }
  return kExitOk;
}

int run_export(const ExportOptions& o) {
  CountQuery query;
  if (!o.from.empty()) {
    auto t = parse_time(o.from);
    if (!t) {
      print_error("--from: '" + o.from + "' is not an ISO-8601 time or epoch seconds/milliseconds");
      return kExitUsage;
    }
    query.from_ms = *t;
  }
  if (!o.to.empty()) {
    auto t = parse_time(o.to);
    if (!t) {
      print_error("--to: '" + o.to + "' is not an ISO-8601 time or epoch seconds/milliseconds");
      return kExitUsage;
    }
    query.to_ms = *t;
  }
  if (o.gaps && o.what != "counts") {
    print_error("--gaps lists stream outages and goes with --what counts only");
    return kExitUsage;
  }
  if (query.to_ms <= query.from_ms) {
    print_error("--to must be after --from");
    return kExitUsage;
  }
  auto store = open_existing_store(o.database, o.config);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  if (!o.camera.empty()) {
    // "door" means "north.door" when that is the only door (cameras of a store are stored as <store>.<camera>).
    query.camera = o.camera;
    auto cameras = (*store)->cameras();
    if (!cameras) {
      print_error(cameras.error().message);
      return kExitError;
    }
    if (const std::string* stored = match_camera_name(*cameras, o.camera)) query.camera = *stored;
  }
  if (o.what == "crossings") return print_crossings(**store, query, o.format);
  if (o.what == "visits") return print_visits(**store, query, o.format);
  if (o.what == "zones") return print_zone_counts(**store, query, o.format);
  return print_counts(**store, query, o);
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd =
      app.add_subcommand("export", "Print stored counts, crossings or zone data for a time range as CSV or JSON");
  cmd->add_option("--from", o->from, "Start (inclusive), ISO-8601 or epoch; default: the beginning");
  cmd->add_option("--to", o->to, "End (exclusive), ISO-8601 or epoch; default: no end");
  cmd->add_option("--camera", o->camera, "Only this camera");
  cmd->add_option("--what", o->what,
                  "counts (per frame, with gaps in JSON), crossings (line crossings), visits (closed zone visits, by "
                  "enter time) or zones (per-frame zone occupancy and queues)")
      ->check(CLI::IsMember({"counts", "crossings", "visits", "zones"}))
      ->capture_default_str();
  cmd->add_option("--format", o->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  cmd->add_option("--database", o->database, "Database (default: the config's, else footfall.db)");
  cmd->add_option("-c,--config", o->config, "Take the database from this configuration file");
  cmd->add_flag("--gaps", o->gaps, "CSV: list stream outages (gaps) instead of counts (JSON always has both)");
  cmd->callback([o, &exit_code] { exit_code = run_export(*o); });
}

}  // namespace footfall::cli

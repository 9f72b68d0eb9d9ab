// footfall export : prints stored counts (and gaps) for a time range as CSV or JSON.
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "footfall/config/config.h"
#include "footfall/store/store.h"

namespace footfall::cli {

namespace {

struct ExportOptions {
  std::string from;
  std::string to;
  std::string camera;
  std::string format = "csv";
  std::string database;
  std::string config;
  bool gaps = false;
};

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
  if (query.to_ms <= query.from_ms) {
    print_error("--to must be after --from");
    return kExitUsage;
  }
  if (!o.camera.empty()) query.camera = o.camera;

  std::string database = o.database;
  if (database.empty() && !o.config.empty()) {
    auto config = load_config(o.config);
    if (!config) {
      print_error(config.error().message);
      return kExitError;
    }
    database = config->storage.database;
  }
  if (database.empty()) database = "footfall.db";
  // Reading never creates a database file: a typo in the path is an error, not an empty export. URLs of server
  // databases go straight to open_store.
  std::string file = database;
  for (const char* prefix : {"sqlite://", "sqlite:"}) {
    if (file.rfind(prefix, 0) == 0) file = file.substr(std::string(prefix).size());
  }
  const bool server_url = file.find("://") != std::string::npos;
  if (!server_url && !std::filesystem::exists(file)) {
    print_error(database + ": no such database (run `footfall run` first, or pass --database)");
    return kExitError;
  }
  auto store = open_store(database);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  auto rows = (*store)->read_counts(query);
  if (!rows) {
    print_error(rows.error().message);
    return kExitError;
  }
  auto gaps = (*store)->read_gaps(query);
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
  std::printf("camera,timestamp,timestamp_ms,count,mean_confidence,model,frame_width,frame_height\n");
  for (const CountRow& r : *rows) {
    std::printf("%s,%s,%lld,%d,%.4f,%s,%d,%d\n", r.camera.c_str(), format_iso8601(r.timestamp_ms).c_str(),
                static_cast<long long>(r.timestamp_ms), r.count, static_cast<double>(r.mean_confidence),
                r.model.c_str(), r.frame_width, r.frame_height);
  }
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Print stored counts for a time range as CSV or JSON");
  cmd->add_option("--from", o->from, "Start (inclusive), ISO-8601 or epoch; default: the beginning");
  cmd->add_option("--to", o->to, "End (exclusive), ISO-8601 or epoch; default: no end");
  cmd->add_option("--camera", o->camera, "Only this camera");
  cmd->add_option("--format", o->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  cmd->add_option("--database", o->database, "Database (default: the config's, else footfall.db)");
  cmd->add_option("-c,--config", o->config, "Take the database from this configuration file");
  cmd->add_flag("--gaps", o->gaps, "CSV: list stream outages (gaps) instead of counts (JSON always has both)");
  cmd->callback([o, &exit_code] { exit_code = run_export(*o); });
}

}  // namespace footfall::cli

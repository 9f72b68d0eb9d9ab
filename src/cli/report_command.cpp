// footfall report --config F --store S --from D --to D --format table|csv|json|html [--out DIR] : a store's
// visitors, conversion, peaks, occupancy and staffing against the roster over whole local days, as text, CSV or
// JSON on stdout, or as an HTML page with PNG charts in DIR (--out writes the files for any format).
#include <cstdio>

#include "commands.h"
#include "footfall/app/store_report.h"
#include "footfall/report/charts.h"
#include "footfall/report/report_render.h"
#include "footfall/analytics/local_buckets.h"
#include "store_context.h"

namespace footfall::cli {

namespace {

struct ReportOptions {
  std::string store;
  std::string config;
  std::string database;
  std::string from;
  std::string to;
  std::string day;  // the day of the occupancy chart; default the busiest day
  std::string format = "table";
  std::string out;
};

int run_report(const ReportOptions& o) {
  int failure = kExitUsage;
  auto context = load_store_context(o.config, o.store, o.database, &failure);
  if (!context) {
    print_error(context.error().message);
    return failure;
  }
  auto from = parse_local_date("--from", o.from, context->tz);
  auto to = parse_local_date("--to", o.to, context->tz);
  for (const auto* t : {&from, &to}) {
    if (!*t) {
      print_error(t->error().message);
      return kExitUsage;
    }
  }
  if (!o.day.empty()) {
    if (auto day = parse_local_date("--day", o.day, context->tz); !day) {
      print_error(day.error().message);
      return kExitUsage;
    }
  }
  const LocalTime last = context->tz.local_time_of(*to);
  const TimestampMs to_ms = context->tz.utc_of_local(local_epoch_ms(last.year, last.month, last.day) + 86'400'000);
  if (to_ms <= *from) {
    print_error("--to " + o.to + " is before --from " + o.from);
    return kExitUsage;
  }
  if (o.format == "html" && o.out.empty()) {
    print_error("--format html writes report.html and its charts into a folder: give --out DIR");
    return kExitUsage;
  }
  auto store = open_context_store(*context, StoreAccess::kRead);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  StoreInsights insights(**store, context->store, context->tz);
  ReportRequest request{o.from, o.to, *from, to_ms, std::nullopt, SystemClock().now_ms()};
  if (!o.day.empty()) request.day = *parse_local_date("--day", o.day, context->tz);
  auto data = build_store_report(insights, **store, request);
  if (!data) {
    print_error(data.error().message);
    return kExitError;
  }
  if (!o.out.empty()) {
    if (Status s = write_report_files(*data, o.out); !s) {
      print_error(s.error().message);
      return kExitError;
    }
  }
  if (o.format == "table") {
    std::fputs(render_table(*data).c_str(), stdout);
  } else if (o.format == "csv") {
    std::fputs(render_csv(*data).c_str(), stdout);
  } else if (o.format == "json") {
    std::printf("%s\n", render_json(*data).c_str());
  }
  if (!o.out.empty()) {
    std::fprintf(o.format == "html" ? stdout : stderr, "report written to %s/report.html%s\n", o.out.c_str(),
                 data->simulated ? " (SIMULATED DATA)" : "");
  }
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Visitors, conversion, peaks, occupancy and staffing vs roster of a store over whole local days");
  cmd->add_option("--store", o->store, "store name (from the config's stores section)")->required();
  cmd->add_option("--config", o->config, "configuration file that defines the store")->required();
  cmd->add_option("--database", o->database, "database path or URL (default: the config's)");
  cmd->add_option("--from", o->from, "first local date, YYYY-MM-DD")->required();
  cmd->add_option("--to", o->to, "last local date (included), YYYY-MM-DD")->required();
  cmd->add_option("--day", o->day, "the day of the occupancy chart (default: the busiest day)");
  cmd->add_option("--format", o->format, "table, csv, json or html")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  cmd->add_option("--out", o->out, "folder for report.html and the PNG charts (required for html)");
  cmd->callback([o, &exit_code] { exit_code = run_report(*o); });
}

}  // namespace footfall::cli

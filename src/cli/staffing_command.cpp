// footfall staffing erlang ... : one Erlang C question (how many tills for this traffic and service target).
// footfall staffing --store S --week YYYY-Www : staff needed per hour of a week as a weekday x hour table (see
// staffing_week.cpp).
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "footfall/analytics/erlang_c.h"
#include "staffing_week.h"

namespace footfall::cli {

namespace {

struct ErlangOptions {
  double arrivals_per_hour = -1.0;
  double service_seconds = -1.0;
  double target = 0.8;
  double within = 20.0;
  std::string format = "table";
};

int run_erlang(const ErlangOptions& o) {
  auto result = erlang_c_min_servers(o.arrivals_per_hour, o.service_seconds, o.target, o.within);
  if (!result) {
    // The analytics error names the parameter; map it to the flag.
    std::string message = result.error().message;
    const std::pair<const char*, const char*> flags[] = {{"arrivals_per_hour", "--arrivals-per-hour"},
                                                         {"service_seconds", "--service-seconds"},
                                                         {"target_fraction", "--target"},
                                                         {"within_seconds", "--within"}};
    for (const auto& [name, flag] : flags) {
      if (message.rfind(name, 0) == 0) message = std::string(flag) + message.substr(std::string(name).size());
    }
    if (message.find("max_servers") != std::string::npos) {
      message = "--arrivals-per-hour " + std::to_string(o.arrivals_per_hour) +
                ": no number of servers up to 100000 meets the target (" + message + ")";
    }
    print_error(message);
    return kExitUsage;
  }
  const ErlangC& r = *result;
  if (o.format == "json") {
    const nlohmann::json out{{"servers", r.servers},
                             {"service_level", r.service_level},
                             {"probability_of_waiting", r.probability_of_waiting},
                             {"average_wait_seconds", r.average_wait_seconds},
                             {"offered_load_erlangs", r.offered_load_erlangs},
                             {"utilization", r.utilization}};
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  std::printf("arrivals          %.1f per hour, %.0f s mean service (offered load %.2f erlangs)\n",
              o.arrivals_per_hour, o.service_seconds, r.offered_load_erlangs);
  std::printf("target            %.1f%% served within %.0f s\n", 100.0 * o.target, o.within);
  std::printf("servers needed    %d\n", r.servers);
  std::printf("service level     %.2f%%\n", 100.0 * r.service_level);
  std::printf("P(wait)           %.2f%%\n", 100.0 * r.probability_of_waiting);
  std::printf("average wait      %.1f s\n", r.average_wait_seconds);
  std::printf("utilization       %.1f%%\n", 100.0 * r.utilization);
  if (r.servers > 0) {
    auto fewer = erlang_c(o.arrivals_per_hour, o.service_seconds, r.servers - 1, o.within);
    if (fewer) {
      std::printf("with %d servers   %.2f%% within %.0f s (below target)\n", r.servers - 1,
                  100.0 * fewer->service_level, o.within);
    }
  }
  return kExitOk;
}

}  // namespace

void add_staffing_command(CLI::App& app, int& exit_code) {
  auto week = std::make_shared<StaffingWeekOptions>();
  CLI::App* cmd = app.add_subcommand(
      "staffing", "Staff needed per hour of a week (floor ratio + Erlang C tills), or one Erlang C question");
  cmd->add_option("--store", week->store, "store name (from the config's stores section)");
  cmd->add_option("--week", week->week, "ISO week, e.g. 2026-W48 (a future week uses the forecast)");
  cmd->add_option("--config", week->config, "configuration file that defines the store");
  cmd->add_option("--database", week->database, "database path or URL (default: the config's)");
  cmd->add_option("--format", week->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));

  auto erlang = std::make_shared<ErlangOptions>();
  CLI::App* sub = cmd->add_subcommand("erlang", "Smallest number of servers (tills) that meets a service target");
  sub->add_option("--arrivals-per-hour", erlang->arrivals_per_hour, "customers arriving per hour")->required();
  sub->add_option("--service-seconds", erlang->service_seconds, "mean service time per customer, seconds")
      ->required();
  sub->add_option("--target", erlang->target, "share to serve within --within, as a fraction (default 0.8)");
  sub->add_option("--within", erlang->within, "the wait of the target, seconds (default 20)");
  sub->add_option("--format", erlang->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  sub->callback([erlang, &exit_code] { exit_code = run_erlang(*erlang); });

  cmd->callback([cmd, sub, week, &exit_code] {
    if (sub->parsed()) return;
    if (week->store.empty() || week->week.empty()) {
      print_error("staffing: give --store and --week (or use `footfall staffing erlang`)");
      exit_code = kExitUsage;
      return;
    }
    exit_code = run_staffing_week(*week);
  });
}

}  // namespace footfall::cli

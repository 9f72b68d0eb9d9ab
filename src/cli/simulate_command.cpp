// footfall simulate --config F --store S --weeks 8 : writes clearly labelled SIMULATED traffic for a store (entries
// and exits on its first entry line, the running store occupancy they give, and sales with a realistic conversion),
// so that reports and the dashboard have weeks of data before a camera has run that long. The sales import is logged
// with the source "footfall simulate (SIMULATED DATA, seed N)", which every report shows. Refuses to write over real
// data: the simulated range must hold no crossings on that line.
#include <cstdio>

#include "commands.h"
#include "footfall/analytics/simulate.h"
#include "footfall/app/store_report.h"
#include "footfall/app/store_occupancy.h"
#include "footfall/analytics/local_buckets.h"
#include "store_context.h"

namespace footfall::cli {

namespace {

struct SimulateOptions {
  std::string store;
  std::string config;
  std::string database;
  std::string until;  // local date, exclusive; default: today
  int weeks = 8;
  std::uint64_t seed = 1;
  double daily_visitors = 800.0;
  double conversion = 0.25;
  double basket = 32.0;
};

constexpr std::size_t kChunk = 20'000;  // rows per transaction

int run_simulate(const SimulateOptions& o) {
  int failure = kExitUsage;
  auto context = load_store_context(o.config, o.store, o.database, &failure);
  if (!context) {
    print_error(context.error().message);
    return failure;
  }
  const StoreConfig& store = context->store;
  if (store.entry_lines.empty()) {
    print_error("--store " + o.store + ": has no entry_lines; simulated visitors need a door line (stores." + o.store +
                ".entry_lines in " + o.config + ")");
    return kExitUsage;
  }
  const TimeZone& tz = context->tz;
  TimestampMs end_ms = 0;
  if (o.until.empty()) {
    const LocalTime today = tz.local_time_of(SystemClock().now_ms());
    end_ms = tz.utc_of_local(local_epoch_ms(today.year, today.month, today.day));
  } else {
    auto until = parse_local_date("--until", o.until, tz);
    if (!until) {
      print_error(until.error().message);
      return kExitUsage;
    }
    end_ms = *until;
  }
  SimulationOptions sim;
  sim.seed = o.seed;
  sim.weeks = o.weeks;
  sim.end_ms = end_ms;
  sim.mean_daily_visitors = o.daily_visitors;
  sim.conversion = o.conversion;
  sim.mean_basket = o.basket;
  for (std::size_t d = 0; d < 7; ++d) {
    sim.hours.days[d].clear();
    for (const OpeningInterval& i : store.hours[d]) sim.hours.days[d].push_back({i.open_minute, i.close_minute});
  }
  auto traffic = simulate_traffic(sim, tz);
  if (!traffic) {
    print_error(traffic.error().message);
    return kExitUsage;
  }
  const EntryLine& door = store.entry_lines.front();
  auto db = open_context_store(*context, StoreAccess::kWrite);
  if (!db) {
    print_error(db.error().message);
    return kExitError;
  }
  Store& out = **db;
  auto existing = out.read_crossing_rollups(
      {.from_ms = traffic->start_ms, .to_ms = end_ms, .camera = door.camera, .name = door.line}, RollupGrain::kHour);
  if (!existing) {
    print_error(existing.error().message);
    return kExitError;
  }
  if (!existing->empty()) {
    print_error("camera " + door.camera + ", line " + door.line + " already has crossings between " +
                format_iso8601(traffic->start_ms) + " and " + format_iso8601(end_ms) + " in " + out.describe() +
                "; simulate into another database (--database) or another range (--until)");
    return kExitError;
  }

  // Crossings and the store occupancy they give (opening and closing resets included).
  OccupancyCounter counter = store_occupancy_counter(store, tz);
  counter.advance(traffic->start_ms);
  std::vector<CrossingRow> crossings;
  std::vector<StoreOccupancyRow> occupancy;
  std::int64_t track = 0;
  auto flush = [&](bool force) -> Status {
    if (!force && crossings.size() < kChunk) return Status::success();
    WriteBatch batch;
    batch.crossings = crossings;
    batch.store_occupancy = occupancy;
    Status s = out.write(batch);
    crossings.clear();
    occupancy.clear();
    return s;
  };
  auto add_updates = [&](const std::vector<OccupancyUpdate>& updates) {
    for (const OccupancyUpdate& u : updates) {
      occupancy.push_back({store.name, u.timestamp_ms, u.occupancy, u.entries, u.exits, u.drift, to_string(u.kind)});
    }
  };
  for (const SimCrossing& c : traffic->crossings) {
    crossings.push_back({door.camera, door.line, c.t, ++track, c.entry ? "in" : "out"});
    add_updates(c.entry ? counter.entry(c.t) : counter.exit(c.t));
    if (Status s = flush(false); !s) {
      print_error(s.error().message);
      return kExitError;
    }
  }
  add_updates(counter.advance(end_ms));
  if (Status s = flush(true); !s) {
    print_error(s.error().message);
    return kExitError;
  }

  // Sales, logged as simulated: reports say SIMULATED DATA for ranges that hold them.
  std::vector<SalesRow> sales;
  double takings = 0.0;
  for (const SimTransaction& t : traffic->transactions) {
    sales.push_back({store.name, t.t, t.t, 1, t.amount});
    takings += t.amount;
  }
  ImportRecord record{store.name, "sales",      simulated_source(o.seed), SystemClock().now_ms(),
                      traffic->start_ms, end_ms, static_cast<std::int64_t>(sales.size())};
  if (Status s = out.replace_sales(record, sales); !s) {
    print_error(s.error().message);
    return kExitError;
  }
  std::int64_t entries = 0;
  for (const SimCrossing& c : traffic->crossings) entries += c.entry ? 1 : 0;
  std::printf("SIMULATED DATA written to %s for store %s (%s), %d weeks from %s to %s:\n", out.describe().c_str(),
              store.name.c_str(), tz.name().c_str(), o.weeks, format_iso8601(traffic->start_ms).c_str(),
              format_iso8601(end_ms).c_str());
  std::printf("  %lld visitors on camera %s line %s, %zu transactions (conversion %.1f%%), takings %.2f\n",
              static_cast<long long>(entries), door.camera.c_str(), door.line.c_str(), sales.size(),
              entries > 0 ? 100.0 * static_cast<double>(sales.size()) / static_cast<double>(entries) : 0.0, takings);
  return kExitOk;
}

}  // namespace

std::string simulated_source(std::uint64_t seed) {
  return std::string(kSimulatedSourcePrefix) + ", seed " + std::to_string(seed) + ")";
}

void add_simulate_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Write clearly labelled simulated traffic and sales for a store (demo data for reports)");
  cmd->add_option("--store", o->store, "store name (from the config's stores section)")->required();
  cmd->add_option("--config", o->config, "configuration file that defines the store")->required();
  cmd->add_option("--database", o->database, "database path or URL (default: the config's)");
  cmd->add_option("--weeks", o->weeks, "weeks of traffic (default 8)")->check(CLI::Range(1, 520));
  cmd->add_option("--until", o->until, "local date the simulation ends before (default: today)");
  cmd->add_option("--seed", o->seed, "random seed (default 1): the same seed writes the same data");
  cmd->add_option("--daily-visitors", o->daily_visitors, "mean visitors per open day (default 800)");
  cmd->add_option("--conversion", o->conversion, "share of visitors who buy (default 0.25)");
  cmd->add_option("--basket", o->basket, "mean transaction amount (default 32)");
  cmd->callback([o, &exit_code] { exit_code = run_simulate(*o); });
}

}  // namespace footfall::cli

// Store size and report speed after one year of one store (issue 4, bar "Speed and size"): 4 cameras analysed at
// 5 fps for 52 weeks in a SQLite store under the default retention policy (raw per-frame rows 7 days, minute rollups
// 400 days, hour rollups, crossings, zone visits and store occupancy events forever). A plain program, not Google
// Benchmark: it builds the database once (minutes) and then times the reports.
//
//   ninja -C build/release store_year_bench && build/release/bench/store_year_bench [--db PATH] [--keep]
//   build/release/bench/store_year_bench --db PATH --reuse     (time an existing database again; same --weeks,
//                                                               --full-days, --old-frame-s as when it was built)
// About 20-30 minutes on 2 cores (most of it writing the full-rate days); the database takes about 1.8 GB.
//
// The store (Europe/Berlin, open Monday-Saturday 09:00-20:00):
// - camera `door`: counting line `entrance`; the store's entry line. Entries and exits come from
//   footfall::simulate_traffic (52 weeks, 800 visitors per open day by default, the simulator's daily and weekly
//   patterns and noise), and the store occupancy events they imply come from footfall::OccupancyCounter, as
//   `footfall simulate` writes them. Its count = people within 1 s of the line.
// - camera `tills`: queue zone `queue` (queue_length, and queue_wait_s from footfall::QueueStats as the pipeline
//   computes it); camera `floor-a`: zone `aisles-a`; camera `floor-b`: zone `aisles-b`.
// - Zone visits: every visitor visits one floor zone, a second one with probability 0.75 and the queue with
//   probability 0.25 (2.0 visits per visitor); lognormal dwells (floor mean 5 min, queue mean 2.5 min). Zone
//   occupancy per frame is the number of visits open at that instant; each camera's count is its zone's occupancy
//   plus the staff in view when open (door: people at the line). Tracked = count (the cameras track).
// - Heatmaps: one 64 x 36 grid per camera and UTC hour with people in view (as the pipeline writes them), cells
//   proportional to the people-frames of the hour. Sales: the simulated transactions, one import.
//
// How a year is written in minutes (630 million raw rows cannot be, and need not be, since retention keeps 7 days):
// - The last --full-days (default 8 = raw_days + 1) days: every frame at 5 fps of all 4 cameras (counts with tracked,
//   zone counts per frame per zone), through Store::write in batches of --batch-s (default 10) seconds of all
//   cameras: one transaction per batch, which also rebuilds the touched minute and hour rollups as in the service.
//   (The service commits per camera about once a second: more, smaller transactions; the same rows.) Retention runs
//   every simulated hour in this period, as the service runs it, so the day beyond raw_days exercises the steady
//   state where new raw rows reuse the pages that retention freed.
// - The days before: 1 frame every --old-frame-s (default 12) seconds per camera, in one batch per hour. This writes
//   exactly one minute rollup per camera-minute and zone-minute (and one hour rollup per camera-hour), so the minute
//   and hour rollup tables hold the row count of a real year; their `frames`/sums are 60x smaller than real ones
//   (up to a few bytes less per rollup row: the bench computes what 5 fps values would add and adds it to size_mb).
//   Retention runs once per simulated day.
// - --retention end runs it only once at the end (to compare the file size without periodic retention);
//   --retention hourly runs it every simulated hour throughout (slow: the minute rollup purge scans its tables).
// - Crossings, zone visits and store occupancy events are written in full, in the batch of their time (visits at
//   their exit), so every one of the year is kept.
//
// - Planner statistics: the store never runs ANALYZE. A store whose rollup refresh binds only the camera and time
//   (not the zone or line) makes every Store::write scan all stored rows of its camera without statistics, and the
//   full-rate days then take hours to write: --stats build runs ANALYZE after the first day and before the full-rate
//   days (SQLite then uses the time indexes or a skip-scan; the rows written are the same) and the statistics are
//   dropped again before anything is timed. The default, --stats none, writes as shipped.
//
// Then: the WAL is checkpointed (TRUNCATE); the file size, free pages, row counts and bytes per table (dbstat) are
// printed. Each report runs once to warm up and --runs (default 20) times (wall time: median, min, p90, max; and
// the median process CPU time, which is what the report takes on an idle machine when the box is shared); first as
// shipped (no sqlite_stat1), and with --with-stats also with ANALYZE's statistics. Each report's time is broken
// down into the store reads StoreInsights makes, and a what-if line times the report without the zone cameras and
// lean primary-key reads with the zone bound. Then the steady-state write cost: one busy minute replayed as the
// service commits it, one transaction per camera per second (--no-write-cost skips it). The as-shipped medians are
// compared with the bars: size < 2048 MB, year-long hourly report < 200 ms, one-day per-minute chart < 50 ms.
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "footfall/analytics/simulate.h"
#include "footfall/app/store_insights.h"
#include "footfall/app/store_occupancy.h"
#include "footfall/count/occupancy_counter.h"
#include "footfall/count/queue_stats.h"
#include "footfall/store/store.h"

namespace {

using footfall::TimestampMs;
using Clock = std::chrono::steady_clock;

constexpr TimestampMs kSecondMs = 1000;
constexpr TimestampMs kMinuteMs = 60 * kSecondMs;
constexpr TimestampMs kHourMs = 60 * kMinuteMs;
constexpr TimestampMs kDayMs = 24 * kHourMs;

constexpr double kSizeBarMb = 2048.0;
constexpr double kHourlyYearBarMs = 200.0;
constexpr double kMinuteDayBarMs = 50.0;

const char* const kStore = "store-1";
const char* const kModel = "yolox-nano-coco@416x416";  // what the DNN detector names itself (name@WxH)
constexpr int kFrameWidth = 1280;
constexpr int kFrameHeight = 720;
constexpr int kGridCols = 64;  // HeatmapParams defaults
constexpr int kGridRows = 36;

struct Options {
  std::string db;  // empty: a temporary directory
  bool keep = false;
  bool reuse = false;
  int runs = 20;
  int weeks = 52;
  int full_days = 8;
  int batch_s = 10;
  int old_frame_s = 12;
  double daily_visitors = 800.0;
  std::string retention = "daily";  // daily (hourly in the full-rate days), hourly, end
  std::string stats = "none";       // none: write as shipped; build: ANALYZE during the build (see the header)
  bool write_cost = true;           // time the service's steady-state writes at the end
  bool with_stats = false;          // also time everything with ANALYZE's statistics
};

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "store_year_bench: %s\n", message.c_str());
  std::exit(1);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(arg + ": missing value");
      return argv[++i];
    };
    if (arg == "--db") {
      o.db = value();
    } else if (arg == "--keep") {
      o.keep = true;
    } else if (arg == "--reuse") {
      o.reuse = true;
    } else if (arg == "--runs") {
      o.runs = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--weeks") {
      o.weeks = std::atoi(value().c_str());
    } else if (arg == "--full-days") {
      o.full_days = std::atoi(value().c_str());
    } else if (arg == "--batch-s") {
      o.batch_s = std::atoi(value().c_str());
    } else if (arg == "--old-frame-s") {
      o.old_frame_s = std::atoi(value().c_str());
    } else if (arg == "--daily-visitors") {
      o.daily_visitors = std::atof(value().c_str());
    } else if (arg == "--retention") {
      o.retention = value();
    } else if (arg == "--stats") {
      o.stats = value();
    } else if (arg == "--no-write-cost") {
      o.write_cost = false;
    } else if (arg == "--with-stats") {
      o.with_stats = true;
    } else {
      fail("unknown argument " + arg +
           " (expected --db PATH, --keep, --reuse, --runs N, --weeks N, --full-days N, --batch-s S, --old-frame-s S, "
           "--daily-visitors N, --retention daily|hourly|end, --stats none|build, --no-write-cost, --with-stats)");
    }
  }
  if (o.weeks < 2 || o.weeks > 520) fail("--weeks: 2..520");
  if (o.full_days < 1 || o.full_days > o.weeks * 7) fail("--full-days: 1..weeks x 7");
  if (o.batch_s < 1 || 3600 % o.batch_s != 0) fail("--batch-s: a divisor of 3600");
  if (o.old_frame_s < 1 || o.old_frame_s > 60 || 60 % o.old_frame_s != 0) fail("--old-frame-s: a divisor of 60");
  if (o.retention != "daily" && o.retention != "hourly" && o.retention != "end") fail("--retention: daily|hourly|end");
  if (o.stats != "build" && o.stats != "none") fail("--stats: none|build");
  return o;
}

// ---- The store's configuration ----

footfall::StoreConfig store_config() {
  footfall::StoreConfig config;
  config.name = kStore;
  config.timezone = "Europe/Berlin";
  for (int d = 0; d < 6; ++d) config.hours[static_cast<std::size_t>(d)] = {{9 * 60, 20 * 60}};
  config.cameras = {"door", "tills", "floor-a", "floor-b"};
  config.entry_lines = {{"door", "entrance"}};
  return config;
}

footfall::TimeZone berlin() {
  auto zone = footfall::TimeZone::locate("Europe/Berlin");
  if (!zone) fail(zone.error().message);
  return *zone;
}

// ---- Simulated year ----

struct Visit {
  int zone = 0;  // index into kZones
  TimestampMs enter_ms = 0;
  TimestampMs exit_ms = 0;
  std::int64_t track_id = 0;
};

struct ZoneDef {
  const char* camera;
  const char* zone;
  bool queue;
};
constexpr ZoneDef kZones[] = {{"tills", "queue", true}, {"floor-a", "aisles-a", false}, {"floor-b", "aisles-b", false}};
constexpr int kQueue = 0;

struct Year {
  footfall::SimulatedTraffic traffic;
  TimestampMs start_ms = 0;
  TimestampMs end_ms = 0;
  std::vector<footfall::CrossingRow> crossings;        // by time
  std::vector<footfall::StoreOccupancyRow> occupancy;  // by time
  std::vector<Visit> visits;                           // by exit time
  std::int64_t entries = 0;
};

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  double normal() {
    const double u1 = std::max(uniform(), 1e-300);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * uniform());
  }
  // Lognormal with this mean and coefficient of variation.
  double lognormal(double mean, double cv) {
    const double s2 = std::log(1.0 + cv * cv);
    return std::exp(std::log(mean) - s2 / 2.0 + std::sqrt(s2) * normal());
  }

 private:
  std::mt19937_64 engine_;
};

Year simulate_year(const Options& o, const footfall::StoreConfig& config, const footfall::TimeZone& tz) {
  Year year;
  footfall::SimulationOptions sim;
  sim.weeks = o.weeks;
  sim.mean_daily_visitors = o.daily_visitors;
  auto traffic = footfall::simulate_traffic(sim, tz);
  if (!traffic) fail(traffic.error().message);
  year.traffic = std::move(*traffic);
  year.start_ms = year.traffic.start_ms;
  year.end_ms = sim.end_ms;

  footfall::OccupancyCounter counter = footfall::store_occupancy_counter(config, tz);
  counter.advance(year.start_ms);
  auto add_updates = [&](const std::vector<footfall::OccupancyUpdate>& updates) {
    for (const footfall::OccupancyUpdate& u : updates) {
      year.occupancy.push_back(
          {kStore, u.timestamp_ms, u.occupancy, u.entries, u.exits, u.drift, footfall::to_string(u.kind)});
    }
  };
  std::int64_t track = 0;
  Random random(7);
  for (const footfall::SimCrossing& c : year.traffic.crossings) {
    year.crossings.push_back({"door", "entrance", c.t, ++track, c.entry ? "in" : "out"});
    add_updates(c.entry ? counter.entry(c.t) : counter.exit(c.t));
    if (!c.entry) continue;
    ++year.entries;
    // The visitor's zone visits: a floor zone, maybe the other, maybe the queue.
    const int first = random.uniform() < 0.5 ? 1 : 2;
    TimestampMs at = c.t + static_cast<TimestampMs>(random.uniform(10'000, 90'000));
    auto visit = [&](int zone, double mean_s) {
      const auto dwell = static_cast<TimestampMs>(std::max(5.0, random.lognormal(mean_s, 0.8)) * 1000.0);
      year.visits.push_back({zone, at, at + dwell, 0});
      at += dwell + static_cast<TimestampMs>(random.uniform(5'000, 60'000));
    };
    visit(first, 300.0);
    if (random.uniform() < 0.75) visit(3 - first, 300.0);
    if (random.uniform() < 0.25) visit(kQueue, 150.0);
  }
  add_updates(counter.advance(year.end_ms));
  std::stable_sort(year.occupancy.begin(), year.occupancy.end(),
                   [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });
  // Track ids per camera in order of entering; then by exit, the order the pipeline closes them.
  std::sort(year.visits.begin(), year.visits.end(), [](const Visit& a, const Visit& b) { return a.enter_ms < b.enter_ms; });
  std::int64_t ids[std::size(kZones)] = {};
  for (Visit& v : year.visits) v.track_id = ++ids[v.zone];
  std::sort(year.visits.begin(), year.visits.end(), [](const Visit& a, const Visit& b) { return a.exit_ms < b.exit_ms; });
  return year;
}

// ---- Per-frame state, swept forward in time ----

// The number of visits of one zone open at t (t non-decreasing between calls); feeds the queue statistics.
class ZoneSweep {
 public:
  ZoneSweep(const std::vector<Visit>& visits, int zone) : queue_(kZones[zone].queue) {
    for (const Visit& v : visits) {
      if (v.zone != zone) continue;
      enters_.push_back(v.enter_ms);
      exits_.push_back({v.exit_ms, v.exit_ms - v.enter_ms});
    }
    std::sort(enters_.begin(), enters_.end());
    std::sort(exits_.begin(), exits_.end());
  }

  int at(TimestampMs t) {
    while (true) {
      const bool enter = next_enter_ < enters_.size() && enters_[next_enter_] <= t;
      const bool exit = next_exit_ < exits_.size() && exits_[next_exit_].first <= t;
      if (!enter && !exit) break;
      if (enter && (!exit || enters_[next_enter_] <= exits_[next_exit_].first)) {
        if (queue_) stats_.record_arrival(enters_[next_enter_]);
        ++next_enter_;
      } else {
        if (queue_) stats_.record_departure(exits_[next_exit_].first, exits_[next_exit_].second);
        ++next_exit_;
      }
    }
    const int open = static_cast<int>(next_enter_) - static_cast<int>(next_exit_);
    return std::max(open, 0);
  }

  footfall::QueueSnapshot queue(TimestampMs t, int length) {
    stats_.observe(t, length);
    return stats_.snapshot(t);
  }

 private:
  bool queue_;
  std::vector<TimestampMs> enters_;
  std::vector<std::pair<TimestampMs, TimestampMs>> exits_;  // exit, dwell
  std::size_t next_enter_ = 0;
  std::size_t next_exit_ = 0;
  footfall::QueueStats stats_;
};

// People within 1 s of the door line at t (t non-decreasing).
class DoorSweep {
 public:
  explicit DoorSweep(const std::vector<footfall::CrossingRow>& crossings) : crossings_(crossings) {}
  int at(TimestampMs t) {
    while (lo_ < crossings_.size() && crossings_[lo_].timestamp_ms < t - kSecondMs) ++lo_;
    hi_ = std::max(hi_, lo_);
    while (hi_ < crossings_.size() && crossings_[hi_].timestamp_ms <= t + kSecondMs) ++hi_;
    return static_cast<int>(hi_ - lo_);
  }

 private:
  const std::vector<footfall::CrossingRow>& crossings_;
  std::size_t lo_ = 0;
  std::size_t hi_ = 0;
};

// One camera's heatmap of the current UTC hour.
struct HeatmapState {
  TimestampMs hour_ms = -1;
  double people_frames = 0.0;  // people x frames at 5 fps
  bool dirty = false;
};

// ---- Writing ----

struct WriteStats {
  std::int64_t batches = 0;
  std::int64_t rows = 0;
  double write_ms = 0.0;
  double retention_ms = 0.0;
  double retention_max_ms = 0.0;
  int retention_runs = 0;
  std::int64_t retention_removed = 0;
};

class YearWriter {
 public:
  YearWriter(footfall::Store& store, const Year& year, const footfall::TimeZone& tz)
      : store_(&store), year_(year), tz_(tz), door_(year.crossings) {
    for (int z = 0; z < static_cast<int>(std::size(kZones)); ++z) zones_.emplace_back(year.visits, z);
    // A fixed pattern of where people walk: about a third of the cells, denser along a band.
    Random random(11);
    weights_.resize(static_cast<std::size_t>(kGridCols) * kGridRows);
    double total = 0.0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      const int row = static_cast<int>(i) / kGridCols;
      const double band = std::exp(-std::pow((row - 24) / 6.0, 2.0));
      weights_[i] = random.uniform() < 0.15 + 0.6 * band ? random.uniform(0.2, 1.0) * (0.2 + band) : 0.0;
      total += weights_[i];
    }
    for (double& w : weights_) w /= total;
  }

  // Writes [from_ms, to_ms) in windows of window_ms, frames every step_ms per camera, retention every
  // retention_every_ms (0 = never).
  void write_period(TimestampMs from_ms, TimestampMs to_ms, TimestampMs window_ms, TimestampMs step_ms,
                    TimestampMs retention_every_ms, WriteStats& stats) {
    for (TimestampMs w0 = from_ms; w0 < to_ms; w0 += window_ms) {
      const TimestampMs w1 = std::min(w0 + window_ms, to_ms);
      build_batch(w0, w1, step_ms);
      footfall::WriteBatch batch;
      batch.counts = counts_;
      batch.zone_counts = zone_counts_;
      batch.crossings = crossings_;
      batch.visits = visits_;
      batch.store_occupancy = occupancy_;
      batch.heatmaps = heatmaps_;
      const auto start = Clock::now();
      if (footfall::Status s = store_->write(batch); !s) fail(s.error().message);
      stats.write_ms += ms_since(start);
      stats.batches += 1;
      stats.rows += static_cast<std::int64_t>(batch.size());
      if (retention_every_ms > 0 && w1 % retention_every_ms == 0) retain(w1, stats);
    }
  }

  // As the service commits: one transaction per camera per window (each camera pipeline has its BatchWriter, default
  // batch_ms 1000), each timed. The camera's rows only: counts, its zones' counts and visits, its heatmap; the door's
  // crossings, and with them the store occupancy they give (the service commits those through a writer of their own).
  void write_per_camera(TimestampMs from_ms, TimestampMs to_ms, TimestampMs window_ms, std::vector<double>& ms) {
    static const char* const cameras[] = {"door", "tills", "floor-a", "floor-b"};
    for (TimestampMs w0 = from_ms; w0 < to_ms; w0 += window_ms) {
      build_batch(w0, std::min(w0 + window_ms, to_ms), 200);
      for (const char* camera : cameras) {
        const bool door = std::strcmp(camera, "door") == 0;
        auto mine = [camera](const auto& rows) {
          std::remove_cvref_t<decltype(rows)> out;
          for (const auto& r : rows) {
            if (r.camera == camera) out.push_back(r);
          }
          return out;
        };
        const auto counts = mine(counts_);
        const auto zone_counts = mine(zone_counts_);
        const auto visits = mine(visits_);
        const auto heatmaps = mine(heatmaps_);
        footfall::WriteBatch batch;
        batch.counts = counts;
        batch.zone_counts = zone_counts;
        batch.visits = visits;
        batch.heatmaps = heatmaps;
        if (door) {
          batch.crossings = crossings_;
          batch.store_occupancy = occupancy_;
        }
        const auto start = Clock::now();
        if (footfall::Status s = store_->write(batch); !s) fail(s.error().message);
        ms.push_back(ms_since(start));
      }
    }
  }

  void set_store(footfall::Store& store) { store_ = &store; }

  // Moves the event cursors to t (a fresh writer that starts writing at t, e.g. to replay a stored minute).
  void seek(TimestampMs t) {
    while (next_crossing_ < year_.crossings.size() && year_.crossings[next_crossing_].timestamp_ms < t) ++next_crossing_;
    while (next_occupancy_ < year_.occupancy.size() && year_.occupancy[next_occupancy_].timestamp_ms < t) {
      ++next_occupancy_;
    }
    while (next_visit_ < year_.visits.size() && year_.visits[next_visit_].exit_ms < t) ++next_visit_;
  }

  void retain(TimestampMs now_ms, WriteStats& stats) {
    const auto start = Clock::now();
    auto report = store_->apply_retention(footfall::RetentionPolicy{}, now_ms);
    if (!report) fail(report.error().message);
    const double ms = ms_since(start);
    stats.retention_ms += ms;
    stats.retention_max_ms = std::max(stats.retention_max_ms, ms);
    stats.retention_runs += 1;
    stats.retention_removed += report->raw_rows + report->minute_rows + report->hour_rows;
  }

 private:
  bool open_at(TimestampMs t) const {
    const footfall::LocalTime local = tz_.local_time_of(t);
    const int minute = local.hour * 60 + local.minute;
    return local.weekday < 6 && minute >= 9 * 60 && minute < 20 * 60;
  }

  void build_batch(TimestampMs w0, TimestampMs w1, TimestampMs step_ms) {
    counts_.clear();
    zone_counts_.clear();
    crossings_.clear();
    visits_.clear();
    occupancy_.clear();
    heatmaps_.clear();
    const bool open = open_at(w0);  // windows never straddle an opening (they divide the hour)
    const int staff = open ? 1 : 0;
    const double frames_per_row = static_cast<double>(step_ms) / 200.0;  // 5 fps frames each stored frame stands for
    // Frame slots of the window, cameras phase-shifted by 50 ms within each slot (time order across cameras).
    static const char* const cameras[] = {"door", "tills", "floor-a", "floor-b"};
    for (TimestampMs slot = w0; slot < w1; slot += step_ms) {
      for (int c = 0; c < 4; ++c) {
        const TimestampMs t = slot + 50 * c;
        int people = 0;
        if (c == 0) {
          people = door_.at(t);
        } else {
          const int zone = c - 1;
          const int occupancy = zones_[static_cast<std::size_t>(zone)].at(t);
          footfall::ZoneCountRow z{kZones[zone].camera, kZones[zone].zone, t, occupancy, std::nullopt, std::nullopt};
          if (kZones[zone].queue) {
            const footfall::QueueSnapshot q = zones_[static_cast<std::size_t>(zone)].queue(t, occupancy);
            z.queue_length = q.length;
            z.queue_wait_s = q.estimated_wait_s;
          }
          zone_counts_.push_back(std::move(z));
          people = occupancy + staff;
        }
        const float confidence =
            people > 0 ? static_cast<float>(0.55 + 0.35 * std::fmod(static_cast<double>(t) * 0.618034, 1.0)) : 0.0f;
        counts_.push_back({cameras[c], t, people, confidence, kModel, kFrameWidth, kFrameHeight, people});
        HeatmapState& h = heat_[c];
        const TimestampMs hour = footfall::hour_start(t);
        if (hour != h.hour_ms) {
          h = HeatmapState{hour, 0.0, false};
        }
        if (people > 0) {
          h.people_frames += people * frames_per_row;
          h.dirty = true;
        }
      }
    }
    // The grids that changed: the latest state of each camera's hour (the pipeline rewrites it at every commit).
    for (int c = 0; c < 4; ++c) {
      if (!heat_[c].dirty) continue;
      footfall::HeatmapRow row{cameras[c], heat_[c].hour_ms, kFrameWidth, kFrameHeight, kGridCols, kGridRows, {}, w1 - 1};
      row.cells.resize(weights_.size());
      for (std::size_t i = 0; i < weights_.size(); ++i) {
        row.cells[i] = static_cast<std::uint64_t>(std::llround(weights_[i] * heat_[c].people_frames));
      }
      heatmaps_.push_back(std::move(row));
      heat_[c].dirty = false;
    }
    for (; next_crossing_ < year_.crossings.size() && year_.crossings[next_crossing_].timestamp_ms < w1; ++next_crossing_) {
      crossings_.push_back(year_.crossings[next_crossing_]);
    }
    for (; next_occupancy_ < year_.occupancy.size() && year_.occupancy[next_occupancy_].timestamp_ms < w1;
         ++next_occupancy_) {
      occupancy_.push_back(year_.occupancy[next_occupancy_]);
    }
    for (; next_visit_ < year_.visits.size() && year_.visits[next_visit_].exit_ms < w1; ++next_visit_) {
      const Visit& v = year_.visits[next_visit_];
      visits_.push_back({kZones[v.zone].camera, kZones[v.zone].zone, v.track_id, v.enter_ms, v.exit_ms,
                         v.exit_ms - v.enter_ms});
    }
  }

  footfall::Store* store_;
  const Year& year_;
  const footfall::TimeZone& tz_;
  DoorSweep door_;
  std::vector<ZoneSweep> zones_;
  std::vector<double> weights_;
  HeatmapState heat_[4];
  std::size_t next_crossing_ = 0;
  std::size_t next_occupancy_ = 0;
  std::size_t next_visit_ = 0;
  std::vector<footfall::CountRow> counts_;
  std::vector<footfall::ZoneCountRow> zone_counts_;
  std::vector<footfall::CrossingRow> crossings_;
  std::vector<footfall::ZoneVisitRow> visits_;
  std::vector<footfall::StoreOccupancyRow> occupancy_;
  std::vector<footfall::HeatmapRow> heatmaps_;
};

// ---- Inspecting the file (plain SQLite, read-only apart from the checkpoint) ----

class Sqlite {
 public:
  explicit Sqlite(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      fail("cannot open " + path + ": " + sqlite3_errmsg(db_));
    }
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  // Every row of a query, each column as text.
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      fail(sql + ": " + sqlite3_errmsg(db_));
    }
    std::vector<std::vector<std::string>> out;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail(sql + ": " + sqlite3_errmsg(db_));
    sqlite3_finalize(stmt);
    return out;
  }
  std::int64_t integer(const std::string& sql) { return std::atoll(rows(sql).at(0).at(0).c_str()); }

 private:
  sqlite3* db_ = nullptr;
};

double file_mb(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0.0 : static_cast<double>(size) / (1024.0 * 1024.0);
}

struct Size {
  double measured_mb = 0.0;  // .db + -wal after the checkpoint
  double estimated_extra_mb = 0.0;  // what 5 fps values in the reduced-rate rollups would add
  double total_mb() const { return measured_mb + estimated_extra_mb; }
};

Size inspect_size(const std::string& path, int scale, TimestampMs reduced_to_ms) {
  std::printf("[store-year] before checkpoint: db_mb=%.1f wal_mb=%.1f\n", file_mb(path), file_mb(path + "-wal"));
  Sqlite db(path);
  const auto checkpoint = db.rows("PRAGMA wal_checkpoint(TRUNCATE)");
  const double db_mb = file_mb(path);
  const double wal_mb = file_mb(path + "-wal");
  const std::int64_t page_size = db.integer("PRAGMA page_size");
  const std::int64_t pages = db.integer("PRAGMA page_count");
  const std::int64_t free_pages = db.integer("PRAGMA freelist_count");
  std::printf("[store-year] after wal_checkpoint(TRUNCATE) (busy=%s): db_mb=%.1f wal_mb=%.1f page_size=%lld pages=%lld "
              "free_pages=%lld (%.1f MB free inside the file)\n",
              checkpoint.at(0).at(0).c_str(), db_mb, wal_mb, static_cast<long long>(page_size),
              static_cast<long long>(pages), static_cast<long long>(free_pages),
              static_cast<double>(free_pages * page_size) / (1024.0 * 1024.0));
  // Bytes and rows per table and index.
  std::map<std::string, double> mb;
  for (const auto& row : db.rows("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")) {
    mb[row[0]] = std::atof(row[1].c_str()) / (1024.0 * 1024.0);
  }
  std::printf("[store-year] %-22s %12s %9s %8s\n", "table/index", "rows", "MB", "B/row");
  for (const auto& row : db.rows("SELECT name, type, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index') "
                                 "ORDER BY tbl_name, type DESC, name")) {
    const std::string& name = row[0];
    const std::int64_t n = db.integer("SELECT count(*) FROM \"" + row[2] + "\"");
    const double size = mb.count(name) != 0 ? mb[name] : 0.0;
    if (row[1] == "index" && name.rfind("sqlite_autoindex", 0) == 0 && size == 0.0) continue;
    std::printf("[store-year] %-22s %12lld %9.1f %8.1f%s\n", name.c_str(), static_cast<long long>(n), size,
                n > 0 ? size * 1024.0 * 1024.0 / static_cast<double>(n) : 0.0, row[1] == "index" ? "  (index)" : "");
  }
  // Rollup rows of the reduced-rate days carry frame counts and sums `scale` times smaller than 5 fps would give:
  // the bytes their integers would take more at 5 fps (SQLite stores an integer in 0, 1, 2, 3, 4, 6 or 8 bytes).
  if (scale > 1) {
    const std::string s = std::to_string(scale);
    auto bytes = [](const std::string& v) {
      return "(CASE WHEN " + v + " IN (0, 1) THEN 0 WHEN " + v + " < 128 THEN 1 WHEN " + v + " < 32768 THEN 2 WHEN " +
             v + " < 8388608 THEN 3 WHEN " + v + " < 2147483648 THEN 4 ELSE 6 END)";
    };
    auto extra = [&](const char* table, std::initializer_list<const char*> columns) {
      std::string sum;
      for (const char* c : columns) {
        if (!sum.empty()) sum += " + ";
        sum += bytes(std::string(c) + " * " + s) + " - " + bytes(c);
      }
      return db.integer(std::string("SELECT coalesce(sum(") + sum + "), 0) FROM " + table +
                        " WHERE start_ms < " + std::to_string(reduced_to_ms));
    };
    const std::int64_t more = extra("count_minutes", {"frames", "count_sum", "tracked_frames", "tracked_sum"}) +
                              extra("count_hours", {"frames", "count_sum", "tracked_frames", "tracked_sum"}) +
                              extra("zone_minutes", {"frames", "occupancy_sum", "queue_frames", "queue_length_sum",
                                                     "wait_samples"}) +
                              extra("zone_hours", {"frames", "occupancy_sum", "queue_frames", "queue_length_sum",
                                                   "wait_samples"});
    std::printf("[store-year] reduced-rate rollups: at 5 fps their integers would take %.1f MB more (before page "
                "overhead); added to size_mb below\n",
                static_cast<double>(more) / (1024.0 * 1024.0));
    return {db_mb + wal_mb, static_cast<double>(more) / (1024.0 * 1024.0)};
  }
  return {db_mb + wal_mb, 0.0};
}

// ---- Timing the reports ----

// Wall time, and the process's CPU time (user + system): on a shared machine the CPU time is what the report
// would take on an idle one (the database is in the page cache after the warm-up).
struct Timing {
  double median = 0, min = 0, p90 = 0, max = 0;
  double cpu_median = 0;
};

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 == 1 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

Timing time_runs(int runs, const std::function<void()>& run) {
  run();  // warm-up
  std::vector<double> ms;
  std::vector<double> cpu;
  for (int i = 0; i < runs; ++i) {
    const double cpu_start = cpu_ms();
    const auto start = Clock::now();
    run();
    ms.push_back(ms_since(start));
    cpu.push_back(cpu_ms() - cpu_start);
  }
  Timing t;
  t.median = median_of(ms);
  t.cpu_median = median_of(cpu);
  std::sort(ms.begin(), ms.end());
  t.min = ms.front();
  t.max = ms.back();
  t.p90 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(ms.size()))) - 1)];
  return t;
}

TimestampMs local_midnight(const footfall::TimeZone& tz, int y, int m, int d) {
  return tz.utc_of_local(footfall::local_epoch_ms(y, m, d));
}

// The local midnight `days` local days after the local date of t (negative: before).
TimestampMs local_day_start(const footfall::TimeZone& tz, TimestampMs t, int days) {
  const footfall::LocalTime l = tz.local_time_of(t);
  return tz.utc_of_local(footfall::local_epoch_ms(l.year, l.month, l.day) + std::int64_t{days} * kDayMs);
}

std::string local_text(const footfall::TimeZone& tz, TimestampMs t) {
  const footfall::LocalTime l = tz.local_time_of(t);
  char text[48];
  static const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %s", l.year, l.month, l.day, names[l.weekday]);
  return text;
}

struct ReportResult {
  Timing timing;
  std::size_t rows = 0;
  std::int64_t visitors = 0;
  std::int64_t visits = 0;
};

ReportResult time_report(footfall::StoreInsights& insights, int runs, TimestampMs from_ms, TimestampMs to_ms,
                         footfall::Bucket bucket) {
  ReportResult result;
  result.timing = time_runs(runs, [&] {
    auto rows = insights.rollup(from_ms, to_ms, bucket);
    if (!rows) fail(rows.error().message);
    result.rows = rows->size();
    result.visitors = 0;
    result.visits = 0;
    for (const footfall::RollupRow& r : *rows) {
      result.visitors += r.visitors;
      result.visits += r.visits;
    }
  });
  return result;
}

// Where the time of one report goes: the store reads StoreInsights::read_input makes, each timed alone (at hour
// grain it reads the visit rollups; the raw zone visits of the range are timed too, for comparison).
void breakdown(footfall::Store& store, const footfall::StoreConfig& config, int runs, TimestampMs from_ms,
               TimestampMs to_ms, footfall::RollupGrain grain, const char* condition, const char* label) {
  std::printf("[store-year] %s breakdown %s (median of %d, each store read alone, ms/rows):", condition, label, runs);
  auto part = [&](const char* name, const std::function<std::size_t()>& read) {
    std::size_t n = 0;
    const Timing t = time_runs(runs, [&] { n = read(); });
    std::printf(" %s=%.2fms(cpu %.2f)/%zu", name, t.median, t.cpu_median, n);
  };
  footfall::CountQuery door{.from_ms = from_ms, .to_ms = to_ms, .camera = "door", .name = "entrance"};
  part("crossing_rollups", [&] { return store.read_crossing_rollups(door, grain)->size(); });
  if (grain == footfall::RollupGrain::kHour) {
    part("occupancy_hours", [&] {
      return store.read_store_occupancy_rollups({.from_ms = from_ms, .to_ms = to_ms, .name = config.name})->size();
    });
  } else {
    part("occupancy_events", [&] {
      return store.read_store_occupancy({.from_ms = from_ms - kDayMs, .to_ms = to_ms, .name = config.name})->size();
    });
  }
  if (grain == footfall::RollupGrain::kHour) {
    part("visit_rollups", [&] {
      std::size_t n = 0;
      for (const std::string& camera : config.cameras) {
        n += store.read_visit_rollups({.from_ms = from_ms, .to_ms = to_ms, .camera = camera})->size();
      }
      return n;
    });
  }
  part("zone_visits", [&] {
    std::size_t n = 0;
    for (const std::string& camera : config.cameras) {
      n += store.read_zone_visits({.from_ms = from_ms - kDayMs, .to_ms = to_ms, .camera = camera})->size();
    }
    return n;
  });
  part("zone_rollups", [&] {
    std::size_t n = 0;
    for (const std::string& camera : config.cameras) {
      n += store.read_zone_rollups({.from_ms = from_ms, .to_ms = to_ms, .camera = camera}, grain)->size();
    }
    return n;
  });
  std::printf("\n");
}

// What fixes could reach, measured on the same file:
// - the report without the zone cameras (StoreInsights on the door only: no visits, no queue rollups), the floor
//   left when visits and zone rollups cost nothing;
// - lean reads through SQLite directly, on the primary key with the zone bound (camera, zone, time range), integers
//   only: the year's visits (exit, dwell) and one day's zone minute rollups.
void what_if(const std::string& path, footfall::Store& store, const footfall::StoreConfig& config,
             const footfall::TimeZone& tz, int runs, TimestampMs year_from, TimestampMs year_to, TimestampMs day,
             const char* condition) {
  footfall::StoreConfig door_only = config;
  door_only.cameras = {"door"};
  footfall::StoreInsights insights(store, door_only, tz);
  const TimestampMs day_end = local_day_start(tz, day, 1);
  const Timing hourly = time_runs(runs, [&] {
    if (!insights.rollup(year_from, year_to, footfall::Bucket::kHour)) fail("door-only hourly report failed");
  });
  const Timing minute = time_runs(runs, [&] {
    if (!insights.rollup(day, day_end, footfall::Bucket::kMinute)) fail("door-only minute chart failed");
  });

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) fail("cannot open " + path);
  auto lean = [&](const char* sql, TimestampMs from, TimestampMs to, std::int64_t& rows) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) fail(std::string(sql) + ": " + sqlite3_errmsg(db));
    rows = 0;
    std::int64_t sum = 0;
    for (const ZoneDef& z : kZones) {
      sqlite3_bind_text(stmt, 1, z.camera, -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 2, z.zone, -1, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 3, from);
      sqlite3_bind_int64(stmt, 4, to);
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        sum += sqlite3_column_int64(stmt, 0) + sqlite3_column_int64(stmt, 1);
        ++rows;
      }
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    return sum;
  };
  std::int64_t visit_rows = 0;
  std::int64_t minute_rows = 0;
  const Timing visits = time_runs(runs, [&] {
    lean("SELECT exit_ms, dwell_ms FROM zone_visits WHERE camera = ?1 AND zone = ?2 AND enter_ms >= ?3 AND "
         "enter_ms < ?4",
         year_from - kDayMs, year_to, visit_rows);
  });
  const Timing minutes = time_runs(runs, [&] {
    lean("SELECT start_ms, occupancy_sum FROM zone_minutes WHERE camera = ?1 AND zone = ?2 AND start_ms >= ?3 AND "
         "start_ms < ?4",
         day, day_end, minute_rows);
  });
  sqlite3_close(db);
  std::printf("[store-year] %s what-if (median of %d): door-only report (no visits, no zone rollups): hourly year "
              "%.2f ms, minute day %.2f ms; lean PK reads with the zone bound: year of visits %.2f ms/%lld rows, one "
              "day of zone minutes %.2f ms/%lld rows\n",
              condition, runs, hourly.median, minute.median, visits.median, static_cast<long long>(visit_rows),
              minutes.median, static_cast<long long>(minute_rows));
}

// SQLite's planner statistics (sqlite_stat1, written by ANALYZE). The store never runs ANALYZE, so a database as
// shipped has none: `false` drops them, `true` (re)computes them. The store must be closed (it is reopened after).
double set_statistics(const std::string& path, bool on) {
  const auto start = Clock::now();
  Sqlite db(path);
  if (on) {
    db.rows("ANALYZE");
  } else if (db.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") > 0) {
    db.rows("DROP TABLE sqlite_stat1");
  }
  return ms_since(start);
}

std::unique_ptr<footfall::Store> open_or_fail(const std::string& path) {
  auto store = footfall::open_store(path);
  if (!store) fail(store.error().message);
  return std::move(*store);
}

void build(const Options& o, const std::string& path, const Year& year, const footfall::TimeZone& tz,
           TimestampMs full_from) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  std::printf("[store-year] method: raw per-frame rows at the full 5 fps for the last %d days (%s .. %s, %d s batches "
              "of all 4 cameras, retention %s); before that 1 frame per %d s per camera (one batch per hour) so that "
              "every camera-minute and zone-minute has its minute rollup, retention %s; crossings, zone visits and "
              "store occupancy events written in full, each in the batch of its time\n",
              o.full_days, footfall::format_iso8601(full_from).c_str(), footfall::format_iso8601(year.end_ms).c_str(),
              o.batch_s, o.retention == "end" ? "only once at the end" : "every simulated hour", o.old_frame_s,
              o.retention == "end" ? "only once at the end"
                                   : (o.retention == "hourly" ? "every simulated hour" : "once per simulated day"));
  const bool stats = o.stats == "build";
  if (stats) {
    std::printf("[store-year] planner statistics (--stats build): ANALYZE after the first day and before the "
                "full-rate days (the store never runs it), dropped again before anything is timed\n");
  }
  auto store = open_or_fail(path);
  YearWriter writer(*store, year, tz);
  auto analyze = [&](const char* when) {
    if (!stats) return;
    store.reset();
    const double ms = set_statistics(path, true);
    store = open_or_fail(path);
    writer.set_store(*store);
    std::printf("[store-year] ANALYZE %s: %.0f ms\n", when, ms);
  };

  WriteStats old_stats;
  const TimestampMs old_retention = o.retention == "end" ? 0 : (o.retention == "hourly" ? kHourMs : kDayMs);
  const TimestampMs old_step = std::int64_t{o.old_frame_s} * kSecondMs;
  auto start = Clock::now();
  const TimestampMs first_day_end = std::min(year.start_ms + kDayMs, full_from);
  writer.write_period(year.start_ms, first_day_end, kHourMs, old_step, old_retention, old_stats);
  analyze("after the first day");
  writer.write_period(first_day_end, full_from, kHourMs, old_step, old_retention, old_stats);
  const double old_s = ms_since(start) / 1000.0;
  std::printf("[store-year] phase reduced-rate (%lld days): %.1f s, %lld batches, %lld rows, write %.1f s (%.2f ms per "
              "1 h batch), retention %d runs %.1f s (max %.0f ms), %lld rows removed\n",
              static_cast<long long>((full_from - year.start_ms) / kDayMs), old_s,
              static_cast<long long>(old_stats.batches), static_cast<long long>(old_stats.rows),
              old_stats.write_ms / 1000.0,
              old_stats.write_ms / static_cast<double>(std::max<std::int64_t>(old_stats.batches, 1)),
              old_stats.retention_runs, old_stats.retention_ms / 1000.0, old_stats.retention_max_ms,
              static_cast<long long>(old_stats.retention_removed));
  analyze("before the full-rate days");

  WriteStats full_stats;
  start = Clock::now();
  writer.write_period(full_from, year.end_ms, std::int64_t{o.batch_s} * kSecondMs, 200,
                      o.retention == "end" ? 0 : kHourMs, full_stats);
  const double full_s = ms_since(start) / 1000.0;
  std::printf("[store-year] phase full-rate (%d days at 5 fps): %.1f s, %lld batches, %lld rows (%.0f rows/s), write "
              "%.1f s (%.2f ms per %d s batch of 4 cameras), retention %d runs %.1f s (mean %.0f ms, max %.0f ms), "
              "%lld rows removed\n",
              o.full_days, full_s, static_cast<long long>(full_stats.batches), static_cast<long long>(full_stats.rows),
              static_cast<double>(full_stats.rows) / std::max(full_stats.write_ms / 1000.0, 1e-9),
              full_stats.write_ms / 1000.0,
              full_stats.write_ms / static_cast<double>(std::max<std::int64_t>(full_stats.batches, 1)), o.batch_s,
              full_stats.retention_runs, full_stats.retention_ms / 1000.0,
              full_stats.retention_ms / std::max(full_stats.retention_runs, 1), full_stats.retention_max_ms,
              static_cast<long long>(full_stats.retention_removed));

  start = Clock::now();
  std::vector<footfall::SalesRow> sales;
  for (const footfall::SimTransaction& t : year.traffic.transactions) sales.push_back({kStore, t.t, t.t, 1, t.amount});
  const footfall::ImportRecord record{kStore,        "sales",     "store_year_bench (SIMULATED DATA)",
                                      year.end_ms,   year.start_ms, year.end_ms + kDayMs,
                                      static_cast<std::int64_t>(sales.size())};
  if (footfall::Status s = store->replace_sales(record, sales); !s) fail(s.error().message);
  std::printf("[store-year] phase sales: %zu rows, %.1f s\n", sales.size(), ms_since(start) / 1000.0);

  WriteStats final_stats;
  writer.retain(year.end_ms, final_stats);
  std::printf("[store-year] phase final retention at %s: %.0f ms, %lld rows removed\n",
              footfall::format_iso8601(year.end_ms).c_str(), final_stats.retention_ms,
              static_cast<long long>(final_stats.retention_removed));
}

struct Reports {
  double hourly_year_ms = 0.0;
  double minute_day_ms = 0.0;  // the slowest of the per-minute days
  double hourly_year_cpu_ms = 0.0;
  double minute_day_cpu_ms = 0.0;
};

Reports time_reports(const Options& o, const std::string& path, const Year& year, const footfall::TimeZone& tz,
                     const footfall::StoreConfig& config, const char* condition) {
  auto store = open_or_fail(path);
  footfall::StoreInsights insights(*store, config, tz);
  // Report ranges in store-local days: the 52 weeks of local days before the local date of the end.
  const TimestampMs year_to = local_day_start(tz, year.end_ms - 1, 0);
  const TimestampMs year_from = local_day_start(tz, year_to, -7 * o.weeks + 7);
  // The last Saturday before the end (in the raw window), and the Saturday 5 weeks earlier (minute rollups only).
  TimestampMs recent_day = local_day_start(tz, year_to, -1);
  while (tz.local_time_of(recent_day).weekday != 5) recent_day = local_day_start(tz, recent_day, -1);
  const TimestampMs old_day = local_day_start(tz, recent_day, -35);
  const TimestampMs dst_day = local_midnight(tz, 2026, 10, 25);
  // The last whole ISO week before the end.
  TimestampMs week_from = local_day_start(tz, year_to, -1);
  while (tz.local_time_of(week_from).weekday != 0) week_from = local_day_start(tz, week_from, -1);
  week_from = local_day_start(tz, week_from, -7);

  std::printf("[store-year] %s: reports through StoreInsights::rollup, 1 warm-up run then the median of %d runs "
              "(min, p90, max)\n",
              condition, o.runs);
  auto report = [&](const char* key, const char* what, TimestampMs from, footfall::Bucket bucket, int days) {
    const TimestampMs to = local_day_start(tz, from, days);
    const ReportResult r = time_report(insights, o.runs, from, to, bucket);
    std::printf("[store-year] %s %s=%.2f (min %.2f p90 %.2f max %.2f ms; cpu %.2f ms) %s %s .. %s: %zu rows, %lld "
                "visitors, %lld visits\n",
                condition, key, r.timing.median, r.timing.min, r.timing.p90, r.timing.max, r.timing.cpu_median, what,
                local_text(tz, from).c_str(), local_text(tz, to).c_str(), r.rows, static_cast<long long>(r.visitors),
                static_cast<long long>(r.visits));
    return r;
  };
  const int year_days = 7 * o.weeks - 7;
  Reports out;
  const ReportResult hourly = report("hourly_year_ms", "year-long hourly report", year_from, footfall::Bucket::kHour,
                                     year_days);
  out.hourly_year_ms = hourly.timing.median;
  out.hourly_year_cpu_ms = hourly.timing.cpu_median;
  const ReportResult daily =
      report("daily_year_ms", "year-long daily report", year_from, footfall::Bucket::kDay, year_days);
  report("week_15min_ms", "one-week 15-minute report", week_from, footfall::Bucket::k15Minutes, 7);
  auto minute_day = [&](const char* key, const char* what, TimestampMs day) {
    const ReportResult r = report(key, what, day, footfall::Bucket::kMinute, 1);
    out.minute_day_ms = std::max(out.minute_day_ms, r.timing.median);
    out.minute_day_cpu_ms = std::max(out.minute_day_cpu_ms, r.timing.cpu_median);
  };
  minute_day("minute_day_raw_window_ms", "one-day per-minute chart (a day within the 7 raw days)", recent_day);
  minute_day("minute_day_old_ms", "one-day per-minute chart (a day older than 7 days)", old_day);
  if (dst_day > year_from && dst_day < year_to) {
    minute_day("minute_day_dst_ms", "one-day per-minute chart (the 25-hour day)", dst_day);
  }
  const int parts_runs = std::min(o.runs, 5);
  breakdown(*store, config, parts_runs, year_from, year_to, footfall::RollupGrain::kHour, condition, "hourly_year");
  breakdown(*store, config, parts_runs, recent_day, local_day_start(tz, recent_day, 1), footfall::RollupGrain::kMinute,
            condition, "minute_day_raw_window");
  what_if(path, *store, config, tz, parts_runs, year_from, year_to, recent_day, condition);

  std::int64_t expected = 0;
  for (const footfall::CrossingRow& c : year.crossings) {
    if (c.direction == "in" && c.timestamp_ms >= year_from && c.timestamp_ms < year_to) ++expected;
  }
  std::printf("[store-year] %s check: visitors in the hourly report %lld, in the daily report %lld, simulated entries "
              "in the range %lld: %s\n",
              condition, static_cast<long long>(hourly.visitors), static_cast<long long>(daily.visitors),
              static_cast<long long>(expected),
              hourly.visitors == expected && daily.visitors == expected ? "equal" : "DIFFERENT");
  return out;
}

// The service's write cost in the steady state: one busy minute (the last Saturday 15:00 local, inside the raw
// window) replayed as the service commits it, one transaction per camera per second (upserts of the same rows; the
// hour's heatmaps are left holding only the replayed minute).
void time_steady_writes(const std::string& path, const Year& year, const footfall::TimeZone& tz,
                        const char* condition) {
  TimestampMs day = local_day_start(tz, year.end_ms - 1, -1);
  while (tz.local_time_of(day).weekday != 5) day = local_day_start(tz, day, -1);
  const TimestampMs from = day + 15 * kHourMs;  // 15:00 local (no DST change on a late-November Saturday)
  auto store = open_or_fail(path);
  YearWriter writer(*store, year, tz);
  writer.seek(from);
  std::vector<double> ms;
  const auto start = Clock::now();
  const double cpu_start = cpu_ms();
  writer.write_per_camera(from, from + kMinuteMs, kSecondMs, ms);
  const double total = ms_since(start);
  const double cpu = cpu_ms() - cpu_start;
  double sum = 0.0;
  for (double m : ms) sum += m;
  std::sort(ms.begin(), ms.end());
  std::printf("[store-year] %s write cost: 60 s of 4 cameras at 5 fps (%s), one transaction per camera per second: "
              "%zu transactions, median %.2f ms, max %.2f ms, %.1f%% of real time in Store::write (%.1f s wall, %.1f s "
              "CPU including building the rows)\n",
              condition, local_text(tz, from).c_str(), ms.size(), ms[ms.size() / 2], ms.back(),
              100.0 * sum / static_cast<double>(kMinuteMs), total / 1000.0, cpu / 1000.0);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const footfall::TimeZone tz = berlin();
  const footfall::StoreConfig config = store_config();

  std::filesystem::path temp_dir;
  std::string path = o.db;
  if (path.empty()) {
    if (o.reuse) fail("--reuse needs --db PATH");
    temp_dir = std::filesystem::temp_directory_path() / ("footfall-store-year-" + std::to_string(::getpid()));
    std::filesystem::create_directories(temp_dir);
    path = (temp_dir / "year.db").string();
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when stdout is a file

  std::printf("[store-year] store %s (Europe/Berlin, Mon-Sat 09:00-20:00), cameras door (line entrance), tills (queue "
              "zone), floor-a, floor-b (one zone each), analysed at 5 fps; retention raw 7 days, minute rollups 400 "
              "days, hour rollups and events forever; database %s\n",
              kStore, path.c_str());
  const auto simulate_start = Clock::now();
  const Year year = simulate_year(o, config, tz);
  const TimestampMs full_from = year.end_ms - std::int64_t{o.full_days} * kDayMs;
  std::printf("[store-year] simulated %d weeks %s .. %s: %lld visitors, %zu crossings, %zu store occupancy events, "
              "%zu zone visits (%.2f per visitor), %zu sales (%.1f s)\n",
              o.weeks, footfall::format_iso8601(year.start_ms).c_str(), footfall::format_iso8601(year.end_ms).c_str(),
              static_cast<long long>(year.entries), year.crossings.size(), year.occupancy.size(), year.visits.size(),
              static_cast<double>(year.visits.size()) / static_cast<double>(std::max<std::int64_t>(year.entries, 1)),
              year.traffic.transactions.size(), ms_since(simulate_start) / 1000.0);

  const auto build_start = Clock::now();
  if (!o.reuse) {
    build(o, path, year, tz, full_from);
    std::printf("[store-year] built in %.1f s\n", ms_since(build_start) / 1000.0);
  }
  set_statistics(path, false);
  const Size size = inspect_size(path, 5 * o.old_frame_s, full_from);

  // As shipped (no planner statistics), then with ANALYZE's statistics (what a fix through statistics would give).
  set_statistics(path, false);
  const Reports shipped = time_reports(o, path, year, tz, config, "as-shipped");
  Reports analyzed;
  if (o.with_stats) {
    set_statistics(path, true);
    analyzed = time_reports(o, path, year, tz, config, "with-stats");
  }
  if (o.write_cost) {
    set_statistics(path, false);
    time_steady_writes(path, year, tz, "as-shipped");
    if (o.with_stats) {
      set_statistics(path, true);
      time_steady_writes(path, year, tz, "with-stats");
    }
  }
  set_statistics(path, false);  // leave the file as the store would have it

  const double size_mb = size.total_mb();
  std::printf("[store-year] size_mb=%.1f hourly_year_ms=%.2f minute_day_ms=%.2f (as shipped, wall time; size: %.1f MB "
              "measured + %.1f MB estimated for 5 fps values in the reduced-rate rollups; minute day: the slowest "
              "per-minute day)\n",
              size_mb, shipped.hourly_year_ms, shipped.minute_day_ms, size.measured_mb, size.estimated_extra_mb);
  std::printf("[store-year] cpu: hourly_year_cpu_ms=%.2f minute_day_cpu_ms=%.2f (as shipped, process CPU time)\n",
              shipped.hourly_year_cpu_ms, shipped.minute_day_cpu_ms);
  if (o.with_stats) {
    std::printf("[store-year] with-stats hourly_year_ms=%.2f minute_day_ms=%.2f (after ANALYZE)\n",
                analyzed.hourly_year_ms, analyzed.minute_day_ms);
  }
  const bool size_ok = size_mb < kSizeBarMb;
  const bool hourly_ok = shipped.hourly_year_ms < kHourlyYearBarMs;
  const bool minute_ok = shipped.minute_day_ms < kMinuteDayBarMs;
  std::printf("[store-year] %s size %.1f MB < %.0f MB\n", size_ok ? "PASS" : "FAIL", size_mb, kSizeBarMb);
  std::printf("[store-year] %s year-long hourly report %.2f ms < %.0f ms\n", hourly_ok ? "PASS" : "FAIL",
              shipped.hourly_year_ms, kHourlyYearBarMs);
  std::printf("[store-year] %s one-day per-minute chart %.2f ms < %.0f ms\n", minute_ok ? "PASS" : "FAIL",
              shipped.minute_day_ms, kMinuteDayBarMs);

  if (!temp_dir.empty() && !o.keep) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir, ec);
  } else {
    std::printf("[store-year] database kept: %s\n", path.c_str());
  }
  return size_ok && hourly_ok && minute_ok ? 0 : 1;
}

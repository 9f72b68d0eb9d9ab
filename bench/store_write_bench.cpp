// Write throughput of the store backends (issue 6): milliseconds per Store::write of one realistic batch, on SQLite
// (a file in a temporary directory, WAL, as shipped) and on PostgreSQL (a real server started by the benchmark from
// the Debian binaries, tests/pg_test_server.h, with PostgreSQL's durable defaults: fsync on, every commit flushed).
//
// The batch is one camera-second of a tracking pipeline at 5 analysed fps at a busy door, as BatchWriter commits it:
// 5 counts with a tracked count, 10 zone counts (a queue zone and a plain zone) and the camera's 64 x 36 heatmap grid
// of the hour, plus a line crossing and its store occupancy event every 2 s (1800 an hour) and a closed zone visit
// every 5 s. Each iteration writes the next second, so the rollups of the current minute and hour are rebuilt each
// time (the steady state of a live camera). Arg: cameras per batch (1, or 4 written together).
//
//   ninja -C build/release store_write_bench && build/release/bench/store_write_bench
//   ... --benchmark_filter=Postgres     (only PostgreSQL)
//
// Postgres/Async is the same server with synchronous_commit=off for the session (a commit returns before its WAL
// is flushed: a server crash may lose the last few hundred milliseconds, never corrupt anything).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "footfall/store/store.h"
#include "pg_test_server.h"

namespace footfall {
namespace {

constexpr TimestampMs kStart = 1'795'514'400'000;  // 2026-11-24T10:00:00Z

// One second of rows of `cameras` cameras.
using CameraSecond = OwnedBatch;

CameraSecond camera_seconds(int cameras, std::int64_t second) {
  CameraSecond s;
  const TimestampMs t0 = kStart + second * 1000;
  for (int c = 0; c < cameras; ++c) {
    const std::string camera = "cam" + std::to_string(c);
    for (int f = 0; f < 5; ++f) {
      const TimestampMs t = t0 + f * 200;
      CountRow row{camera, t, 2 + f % 3, 0.71f, "yolov8n", 768, 432, 2 + f % 3};
      s.counts.push_back(row);
      s.zone_counts.push_back({camera, "queue", t, 1 + f % 2, 1 + f % 2, 42.5});
      s.zone_counts.push_back({camera, "aisles", t, 1, std::nullopt, std::nullopt});
    }
    if (second % 2 == 0) s.crossings.push_back({camera, "entrance", t0 + 400, second, second % 4 == 0 ? "in" : "out"});
    if (second % 5 == 0) s.visits.push_back({camera, "queue", second, t0 - 95'000, t0 + 500, 95'500});
    HeatmapRow grid{camera, hour_start(t0), 768, 432, 64, 36, std::vector<std::uint64_t>(64 * 36, 0), t0 + 800};
    for (std::size_t i = 0; i < grid.cells.size(); i += 7) grid.cells[i] = static_cast<std::uint64_t>(second + i);
    s.heatmaps.push_back(std::move(grid));
  }
  if (second % 2 == 0) {
    s.store_occupancy.push_back({"shop", t0 + 400, static_cast<int>(second % 20), second, second - second % 20,
                           std::nullopt, "entry"});
  }
  return s;
}

void run_writes(benchmark::State& state, Store& store) {
  const int cameras = static_cast<int>(state.range(0));
  // Batches made ahead, so that the timing is the store's alone.
  std::vector<CameraSecond> batches;
  for (std::int64_t s = 0; s < 600; ++s) batches.push_back(camera_seconds(cameras, s));
  std::size_t next = 0;
  std::size_t rows = 0;
  for (auto _ : state) {
    const CameraSecond& batch = batches[next++ % batches.size()];
    if (Status s = store.write(batch.view()); !s) {
      state.SkipWithError(s.error().message.c_str());
      return;
    }
    rows += batch.view().size();
  }
  std::size_t all_rows = 0;
  for (const CameraSecond& batch : batches) all_rows += batch.view().size();
  state.counters["rows_per_batch"] = static_cast<double>(all_rows) / static_cast<double>(batches.size());
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

void BM_Sqlite(benchmark::State& state) {
  std::string dir = (std::filesystem::temp_directory_path() / "footfall-bench-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  {
    auto store = open_store(dir + "/bench.db");
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
    } else {
      run_writes(state, **store);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

test::PgTestServer& durable_server() {
  static test::PgTestServer server(test::PgTestServer::Options{.durable = true});
  return server;
}

void run_postgres(benchmark::State& state, const std::string& url_suffix) {
  test::PgTestServer& server = durable_server();
  if (!server.ensure_started()) {
    state.SkipWithError(server.error().c_str());
    return;
  }
  const std::string database = server.create_database();
  if (database.empty()) {
    state.SkipWithError(server.error().c_str());
    return;
  }
  auto store = open_store(server.url(database) + url_suffix);
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  run_writes(state, **store);
}

void BM_Postgres(benchmark::State& state) { run_postgres(state, ""); }
void BM_PostgresAsync(benchmark::State& state) {
  run_postgres(state, "?options=-c%20synchronous_commit%3Doff");
}

BENCHMARK(BM_Sqlite)->Name("Sqlite")->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
BENCHMARK(BM_Postgres)->Name("Postgres")->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
BENCHMARK(BM_PostgresAsync)->Name("Postgres/Async")->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

}  // namespace
}  // namespace footfall

BENCHMARK_MAIN();

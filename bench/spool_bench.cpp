// The edge spool's throughput with a realistic item: one second of rows of a 4-camera box at 5 analysed fps (20
// counts, 40 zone counts with queue estimates, 2 crossings, a zone visit, a store occupancy event and the 4 cameras'
// 64x36 heatmap grids of the hour), as SpoolingCountWriter spools it (encode_batch). Google Benchmark.
//   ninja -C build/release spool_bench && build/release/bench/spool_bench
// The spool folders are created under $TMPDIR (default /tmp): the append figures are the fsync rate of that disk.
//
//   append          Spool::append (write + fdatasync) of the item; its bytes_per_second is the disk rate.
//   peek_ack_each   replay at the spool level: peek 32 at a time, ack after each item (what the writer did).
//   peek_ack_batch  the same, one ack per 32 items (what the writer does): the cost of the ack file (fsync +
//                   rename + fsync folder).
//   encode / decode the item's CBOR encoding alone.
//   replay_sqlite   SpoolingCountWriter draining a backlog of 200 items into a real SQLite file (a database outage
//                   ending): items written to the store per second.
//   sqlite_write    the same 200 batches written straight to SQLite: the database's own share of replay_sqlite.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "footfall/spool/spool.h"
#include "footfall/store/spooling_writer.h"
#include "footfall/store/store.h"

namespace {

using namespace footfall;

constexpr TimestampMs kStart = 1'764'000'000'000;

// A fresh folder under the temp dir, removed by the destructor.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "footfall-spool-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One second (starting at `t`) of rows of a 4-camera box.
OwnedBatch one_second(TimestampMs t) {
  std::mt19937 random(static_cast<unsigned>(t));
  OwnedBatch b;
  const char* cameras[] = {"entrance", "shop-floor", "tills", "back-door"};
  for (const char* camera : cameras) {
    for (int f = 0; f < 5; ++f) {
      const TimestampMs ts = t + f * 200;
      const int count = static_cast<int>(random() % 6);
      b.counts.push_back({camera, ts, count, 0.61f + 0.01f * static_cast<float>(random() % 30), "yolo-fastest-1.1-body",
                          768, 432, count});
      for (const char* zone : {"queue", "promo"}) {
        ZoneCountRow row{camera, zone, ts, static_cast<int>(random() % 4), std::nullopt, std::nullopt};
        if (zone[0] == 'q') {
          row.queue_length = row.occupancy;
          row.queue_wait_s = 12.5 + static_cast<double>(random() % 1000) / 10.0;
        }
        b.zone_counts.push_back(row);
      }
    }
    HeatmapRow grid{camera, hour_start(t), 768, 432, 64, 36, std::vector<std::uint64_t>(64 * 36), t + 800};
    for (auto& cell : grid.cells) cell = random() % 3 == 0 ? random() % 400 : 0;  // a third of the cells visited
    b.heatmaps.push_back(std::move(grid));
  }
  b.crossings.push_back({"entrance", "door", t + 120, 4711, "in"});
  b.crossings.push_back({"back-door", "door", t + 640, 4712, "out"});
  b.visits.push_back({"tills", "queue", 4690, t - 95'000, t + 400, 95'400});
  b.store_occupancy.push_back({"main-street", t + 120, 17, 230, 213, std::nullopt, "entry"});
  return b;
}

const std::string& item() {
  static const std::string payload = encode_batch(one_second(kStart).view());
  return payload;
}

std::unique_ptr<Spool> open_spool(const std::filesystem::path& dir) {
  auto spool = Spool::open({.dir = dir, .max_bytes = 64ull << 30});
  if (!spool) throw std::runtime_error(spool.error().message);
  return std::move(*spool);
}

void fill(Spool& spool, int items) {
  for (int i = 0; i < items; ++i) {
    if (!spool.append("batch", item(), kStart + i)) throw std::runtime_error("append failed");
  }
}

void append(benchmark::State& state) {
  ScratchDir dir;
  auto spool = open_spool(dir.path() / "spool");
  TimestampMs t = kStart;
  std::int64_t since_ack = 0;
  for (auto _ : state) {
    if (Status s = spool->append("batch", item(), t++); !s) state.SkipWithError(s.error().message.c_str());
    if (++since_ack == 2000) {  // keep the folder small; not timed
      state.PauseTiming();
      (void)spool->ack(spool->stats().last_sequence);
      since_ack = 0;
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(item().size()));
  state.counters["item_bytes"] = static_cast<double>(item().size());
}

// Replays `items` spooled items per iteration: peek 32 at a time, ack each (or each 32).
void peek_ack(benchmark::State& state, bool ack_each) {
  constexpr int kItems = 256;
  ScratchDir dir;
  auto spool = open_spool(dir.path() / "spool");
  for (auto _ : state) {
    state.PauseTiming();
    fill(*spool, kItems);
    state.ResumeTiming();
    for (;;) {
      auto items = spool->peek(32);
      if (!items || items->empty()) break;
      for (const SpoolItem& i : *items) {
        benchmark::DoNotOptimize(i.payload.data());
        if (ack_each) (void)spool->ack(i.sequence);
      }
      if (!ack_each) (void)spool->ack(items->back().sequence);
    }
  }
  state.SetItemsProcessed(state.iterations() * kItems);
  state.SetBytesProcessed(state.iterations() * kItems * static_cast<std::int64_t>(item().size()));
}

void peek_ack_each(benchmark::State& state) { peek_ack(state, true); }
void peek_ack_batch(benchmark::State& state) { peek_ack(state, false); }

void encode(benchmark::State& state) {
  const OwnedBatch batch = one_second(kStart);
  for (auto _ : state) benchmark::DoNotOptimize(encode_batch(batch.view()));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(item().size()));
}

void decode(benchmark::State& state) {
  for (auto _ : state) {
    auto batch = decode_batch(item());
    if (!batch) state.SkipWithError(batch.error().message.c_str());
    benchmark::DoNotOptimize(batch);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(item().size()));
}

// A backlog of kItems seconds (distinct rows, so every write inserts) drained into SQLite by the writer.
void replay_sqlite(benchmark::State& state) {
  constexpr int kItems = 200;
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    auto store = open_store((dir.path() / "footfall.db").string());
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
      break;
    }
    auto spool = open_spool(dir.path() / "spool");
    for (int i = 0; i < kItems; ++i) {
      const std::string payload = encode_batch(one_second(kStart + (round * kItems + i) * 1000).view());
      (void)spool->append("batch", payload, kStart + i);
    }
    ++round;
    state.ResumeTiming();
    {
      SpoolingCountWriter writer(**store, *spool);  // starts replaying at once
      if (Status s = writer.flush(std::chrono::minutes(5)); !s) state.SkipWithError(s.error().message.c_str());
    }
    state.PauseTiming();
    spool.reset();
    store->reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kItems);
  state.SetBytesProcessed(state.iterations() * kItems * static_cast<std::int64_t>(item().size()));
}

// The same backlog written straight to SQLite (no spool): what replay_sqlite costs beyond the database itself.
void sqlite_write(benchmark::State& state) {
  constexpr int kItems = 200;
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDir dir;
    auto store = open_store((dir.path() / "footfall.db").string());
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
      break;
    }
    std::vector<OwnedBatch> batches;
    for (int i = 0; i < kItems; ++i) batches.push_back(one_second(kStart + (round * kItems + i) * 1000));
    ++round;
    state.ResumeTiming();
    for (const OwnedBatch& batch : batches) {
      if (Status s = (*store)->write(batch.view()); !s) state.SkipWithError(s.error().message.c_str());
    }
    state.PauseTiming();
    store->reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}

}  // namespace

// Disk-bound: rates by wall-clock time (Google Benchmark's default is CPU time). The codec is CPU-bound.
BENCHMARK(append)->Unit(benchmark::kMicrosecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(peek_ack_each)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(peek_ack_batch)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(encode)->Unit(benchmark::kMicrosecond);
BENCHMARK(decode)->Unit(benchmark::kMicrosecond);
BENCHMARK(replay_sqlite)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(sqlite_write)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK_MAIN();

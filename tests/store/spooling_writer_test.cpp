// SpoolingCountWriter with the real SQLite store and a real spool folder. The one stand-in is OutageWriter, a wrapper
// around the real store that answers "unavailable" while its flag is set (a database server that is down, which
// SQLite cannot be). Each outage test writes the same workload as a run without outage into a second database and
// asserts that both files end up holding exactly the same rows and rollups, written in the same order, none twice.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <iomanip>
#include <limits>
#include <mutex>
#include <sstream>

#include "footfall/spool/spool.h"
#include "footfall/store/spooling_writer.h"
#include "footfall/store/store.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using namespace std::chrono_literals;

constexpr TimestampMs kBase = 1'764'000'000'000;  // 2025-11-24T16:00:00Z, an hour start

// One write of the workload: a batch of every kind of row, or a gap.
struct Step {
  std::string label;
  std::optional<SourceGap> gap;
  OwnedBatch batch;
};

std::vector<Step> workload(int steps) {
  std::vector<Step> out;
  for (int i = 0; i < steps; ++i) {
    Step step;
    const TimestampMs t = kBase + TimestampMs{i} * 1000;
    step.label = "step " + std::to_string(i);
    if (i % 10 == 7) {
      step.gap = SourceGap{"door", t - 500, t, "stream dropped " + std::to_string(i)};
      out.push_back(std::move(step));
      continue;
    }
    OwnedBatch& b = step.batch;
    for (const std::string camera : {"door", "till"}) {
      for (int f = 0; f < 5; ++f) {
        CountRow row{camera, t + f * 200, (i + f) % 4, 0.25f + 0.1f * static_cast<float>(f), "yolo-test", 768, 432,
                     std::nullopt};
        if (camera == "door") row.tracked = i % 3;
        b.counts.push_back(row);
      }
    }
    if (i % 3 == 0) b.crossings.push_back({"door", "entrance", t + 100, i, i % 2 == 0 ? "in" : "out"});
    if (i % 4 == 1) b.visits.push_back({"till", "queue", i, t - 3000, t, 3000});
    for (int f = 0; f < 5; ++f) {
      ZoneCountRow zone{"till", "queue", t + f * 200, f % 3, std::nullopt, std::nullopt};
      if (f % 2 == 1) zone.queue_length = f;
      if (f > 0) zone.queue_wait_s = 1.5 * f + 0.1;
      b.zone_counts.push_back(zone);
    }
    // The grid of the hour grows with every step: a step replayed out of order would leave an older grid behind.
    HeatmapRow grid{"door", hour_start(t), 768, 432, 8, 4, std::vector<std::uint64_t>(32), t + 800};
    for (std::size_t k = 0; k < grid.cells.size(); ++k) grid.cells[k] = static_cast<std::uint64_t>(i) * (k % 5);
    b.heatmaps.push_back(grid);
    if (i % 3 == 0) {
      b.store_occupancy.push_back({"main-street", t + 100, i / 3, i / 3, 0, std::nullopt, "entry"});
    }
    out.push_back(std::move(step));
  }
  return out;
}

Status apply(CountWriter& writer, const Step& step) {
  return step.gap ? writer.write_gap(*step.gap) : writer.write(step.batch.view());
}

// The real store, made unreachable on demand; records the steps it delivered, in order.
class OutageWriter final : public CountWriter {
 public:
  explicit OutageWriter(CountWriter& store) : store_(store) {}
  std::atomic<bool> down{false};

  Status write(const WriteBatch& batch) override {
    if (down) return make_unavailable_error("test: the database server is down");
    Status s = store_.write(batch);
    if (s) record(batch.counts.empty() ? "?" : "step " + std::to_string((batch.counts[0].timestamp_ms - kBase) / 1000));
    return s;
  }
  Status write_gap(const SourceGap& gap) override {
    if (down) return make_unavailable_error("test: the database server is down");
    Status s = store_.write_gap(gap);
    if (s) record("step " + std::to_string((gap.end_ms - kBase) / 1000));
    return s;
  }
  std::vector<std::string> delivered() const {
    std::lock_guard lock(mutex_);
    return delivered_;
  }

 private:
  void record(std::string label) {
    std::lock_guard lock(mutex_);
    delivered_.push_back(std::move(label));
  }
  CountWriter& store_;
  mutable std::mutex mutex_;
  std::vector<std::string> delivered_;
};

template <typename T>
std::string opt(const std::optional<T>& value) {
  if (!value) return "-";
  std::ostringstream out;
  out << std::hexfloat << *value;
  return out.str();
}

template <typename T>
T take(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? std::move(result).value() : T{};
}

// Every row and rollup in the database as text, in the readers' order (floats exactly, as hex).
std::string dump(Store& store) {
  std::ostringstream out;
  out << std::hexfloat;
  const CountQuery all;
  for (const auto& r : take(store.read_counts(all))) {
    out << "count " << r.camera << ' ' << r.timestamp_ms << ' ' << r.count << ' ' << r.mean_confidence << ' '
        << r.model << ' ' << r.frame_width << 'x' << r.frame_height << ' ' << opt(r.tracked) << '\n';
  }
  for (const auto& r : take(store.read_gaps(all))) {
    out << "gap " << r.camera << ' ' << r.start_ms << ' ' << r.end_ms << ' ' << r.reason << '\n';
  }
  for (const auto& r : take(store.read_crossings(all))) {
    out << "crossing " << r.camera << ' ' << r.line << ' ' << r.timestamp_ms << ' ' << r.track_id << ' '
        << r.direction << '\n';
  }
  for (const auto& r : take(store.read_zone_visits(all))) {
    out << "visit " << r.camera << ' ' << r.zone << ' ' << r.track_id << ' ' << r.enter_ms << ' ' << r.exit_ms << ' '
        << r.dwell_ms << '\n';
  }
  for (const auto& r : take(store.read_zone_counts(all))) {
    out << "zone " << r.camera << ' ' << r.zone << ' ' << r.timestamp_ms << ' ' << r.occupancy << ' '
        << opt(r.queue_length) << ' ' << opt(r.queue_wait_s) << '\n';
  }
  for (const std::string camera : {"door", "till"}) {
    for (const auto& r : take(store.read_heatmaps(camera, 0, INT64_MAX))) {
      out << "heatmap " << r.camera << ' ' << r.hour_ms << ' ' << r.cols << 'x' << r.rows << ' ' << r.through_ms;
      for (auto cell : r.cells) out << ' ' << cell;
      out << '\n';
    }
  }
  for (const auto& r : take(store.read_store_occupancy(all))) {
    out << "occupancy " << r.store << ' ' << r.timestamp_ms << ' ' << r.occupancy << ' ' << r.entries << ' '
        << r.exits << ' ' << opt(r.drift) << ' ' << r.event << '\n';
  }
  for (RollupGrain grain : {RollupGrain::kMinute, RollupGrain::kHour}) {
    for (const auto& r : take(store.read_count_rollups(all, grain))) {
      out << "count rollup " << r.camera << ' ' << r.start_ms << ' ' << r.frames << ' ' << r.count_sum << ' '
          << r.count_min << ' ' << r.count_max << ' ' << r.tracked_frames << ' ' << r.tracked_sum << '\n';
    }
    for (const auto& r : take(store.read_zone_rollups(all, grain))) {
      out << "zone rollup " << r.camera << ' ' << r.zone << ' ' << r.start_ms << ' ' << r.frames << ' '
          << r.occupancy_sum << ' ' << r.queue_frames << ' ' << r.queue_length_sum << ' ' << r.wait_samples << ' '
          << r.wait_sum_s << '\n';
    }
    for (const auto& r : take(store.read_crossing_rollups(all, grain))) {
      out << "crossing rollup " << r.camera << ' ' << r.line << ' ' << r.start_ms << ' ' << r.ins << ' ' << r.outs
          << '\n';
    }
  }
  for (const auto& r : take(store.read_visit_rollups(all))) {
    out << "visit rollup " << r.camera << ' ' << r.zone << ' ' << r.start_ms << ' ' << r.visits << ' '
        << r.dwell_sum_ms << ' ' << r.dwell_median_ms << '\n';
  }
  for (const auto& r : take(store.read_store_occupancy_rollups(all))) {
    out << "occupancy rollup " << r.store << ' ' << r.start_ms << ' ' << r.mean << ' ' << r.min << ' ' << r.max
        << ' ' << r.end << '\n';
  }
  return out.str();
}

std::unique_ptr<Store> open_db(const std::filesystem::path& path) {
  auto store = open_store(path.string());
  if (!store) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<Spool> open_spool(const std::filesystem::path& dir) {
  auto spool = Spool::open({.dir = dir});
  if (!spool) {
    ADD_FAILURE() << spool.error().message;
    return nullptr;
  }
  return std::move(*spool);
}

// The database of a run without outage.
std::string reference_dump(const std::filesystem::path& path, const std::vector<Step>& steps) {
  auto store = open_db(path);
  if (!store) return {};
  for (const Step& step : steps) EXPECT_TRUE(apply(*store, step)) << step.label;
  return dump(*store);
}

std::vector<std::string> labels(const std::vector<Step>& steps, std::size_t from = 0) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < steps.size(); ++i) out.push_back(steps[i].label);
  return out;
}

constexpr SpoolingWriterOptions kFastRetry{.initial_backoff = 10ms, .max_backoff = 50ms};

TEST(SpoolingWriter, AnOutageEndsWithExactlyTheRowsOfARunWithoutOne) {
  TempDir dir;
  const auto steps = workload(40);
  const std::string expected = reference_dump(dir / "reference.db", steps);
  ASSERT_NE(expected.find("heatmap"), std::string::npos);

  auto store = open_db(dir / "edge.db");
  auto spool = open_spool(dir / "spool");
  ASSERT_TRUE(store && spool);
  OutageWriter server(*store);
  SpoolingCountWriter writer(server, *spool, kFastRetry);

  for (int i = 0; i < 10; ++i) ASSERT_TRUE(apply(writer, steps[i])) << i;
  EXPECT_EQ(spool->stats().items, 0u) << "written directly while the server is up";

  server.down = true;
  for (int i = 10; i < 30; ++i) ASSERT_TRUE(apply(writer, steps[i])) << "spooled, so a success: " << i;
  SpoolingWriterStats stats = writer.stats();
  EXPECT_FALSE(stats.backend_available);
  EXPECT_EQ(stats.spool.items, 20u);
  EXPECT_EQ(stats.spooled, 20u);
  EXPECT_GT(stats.spool.bytes, 20u * 500);
  ASSERT_TRUE(stats.spool.oldest_ms);
  EXPECT_GE(*stats.spool.oldest_age_ms(SystemClock().now_ms()), 0);
  std::this_thread::sleep_for(100ms);  // the replay thread retries and fails a few times
  EXPECT_EQ(spool->stats().items, 20u);

  server.down = false;
  // Written behind the spooled ones (the spool is not empty yet), whatever the replay thread is doing.
  for (int i = 30; i < 40; ++i) ASSERT_TRUE(apply(writer, steps[i])) << i;
  ASSERT_TRUE(writer.flush(10s));
  stats = writer.stats();
  EXPECT_TRUE(stats.backend_available);
  EXPECT_EQ(stats.spool.items, 0u);
  EXPECT_EQ(stats.spool.bytes, 0u);
  EXPECT_FALSE(stats.spool.oldest_ms);
  EXPECT_EQ(stats.replayed, stats.spooled);
  EXPECT_EQ(stats.rejected, 0u);

  EXPECT_EQ(server.delivered(), labels(steps)) << "every step once, in order";
  EXPECT_EQ(dump(*store), expected);
}

TEST(SpoolingWriter, ARowTheStoreRefusesIsReturnedAndNotSpooled) {
  TempDir dir;
  auto store = open_db(dir / "edge.db");
  auto spool = open_spool(dir / "spool");
  ASSERT_TRUE(store && spool);
  OutageWriter server(*store);
  SpoolingCountWriter writer(server, *spool, kFastRetry);
  const std::vector<CrossingRow> bad{{"door", "entrance", kBase, 1, "sideways"}};
  Status refused = writer.write_crossings(bad);
  ASSERT_FALSE(refused);
  EXPECT_FALSE(refused.error().unavailable);
  EXPECT_NE(refused.error().message.find("sideways"), std::string::npos) << refused.error().message;
  EXPECT_EQ(spool->stats().items, 0u);
  EXPECT_EQ(writer.stats().spooled, 0u);
  EXPECT_TRUE(writer.stats().backend_available);
}

TEST(SpoolingWriter, ABadRowSpooledDuringAnOutageIsSkippedAndTheRestWritten) {
  TempDir dir;
  const auto steps = workload(6);
  const std::string expected = reference_dump(dir / "reference.db", steps);
  auto store = open_db(dir / "edge.db");
  auto spool = open_spool(dir / "spool");
  ASSERT_TRUE(store && spool);
  OutageWriter server(*store);
  SpoolingCountWriter writer(server, *spool, kFastRetry);
  server.down = true;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(apply(writer, steps[i]));
  // Untested while the server is down: it goes to the spool, and the store refuses it on replay.
  const std::vector<CrossingRow> bad{{"door", "entrance", kBase, 1, "sideways"}};
  ASSERT_TRUE(writer.write_crossings(bad));
  for (int i = 3; i < 6; ++i) ASSERT_TRUE(apply(writer, steps[i]));
  server.down = false;
  ASSERT_TRUE(writer.flush(10s));
  EXPECT_EQ(writer.stats().rejected, 1u);
  EXPECT_EQ(writer.stats().replayed, 6u);
  EXPECT_EQ(server.delivered(), labels(steps));
  EXPECT_EQ(dump(*store), expected);
}

TEST(SpoolingWriter, SpooledRowsSurviveARestartAndAreWrittenByTheNextProcess) {
  TempDir dir;
  const auto steps = workload(20);
  const std::string expected = reference_dump(dir / "reference.db", steps);
  auto store = open_db(dir / "edge.db");
  ASSERT_TRUE(store);
  OutageWriter server(*store);
  {
    auto spool = open_spool(dir / "spool");
    ASSERT_TRUE(spool);
    SpoolingCountWriter writer(server, *spool, kFastRetry);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(apply(writer, steps[i]));
    server.down = true;
    for (int i = 5; i < 12; ++i) ASSERT_TRUE(apply(writer, steps[i]));
    Status flushed = writer.flush(100ms);  // shutdown while the server is still down
    ASSERT_FALSE(flushed);
    EXPECT_TRUE(flushed.error().unavailable);
    EXPECT_NE(flushed.error().message.find("7 items remain in spool " + (dir / "spool").string()), std::string::npos)
        << flushed.error().message;
  }
  server.down = false;
  auto spool = open_spool(dir / "spool");
  ASSERT_TRUE(spool);
  EXPECT_EQ(spool->stats().items, 7u);
  SpoolingCountWriter writer(server, *spool, kFastRetry);
  for (int i = 12; i < 20; ++i) ASSERT_TRUE(apply(writer, steps[i]));
  ASSERT_TRUE(writer.flush(10s));
  EXPECT_EQ(server.delivered(), labels(steps));
  EXPECT_EQ(dump(*store), expected);
}

TEST(SpoolingWriter, ACrashBetweenWriteAndAckRewritesTheSameRowsOnly) {
  TempDir dir;
  const auto steps = workload(12);
  const std::string expected = reference_dump(dir / "reference.db", steps);
  auto store = open_db(dir / "edge.db");
  ASSERT_TRUE(store);
  OutageWriter server(*store);
  server.down = true;
  {
    auto spool = open_spool(dir / "spool");
    ASSERT_TRUE(spool);
    SpoolingCountWriter writer(server, *spool, {.initial_backoff = 1h, .max_backoff = 1h});
    for (const Step& step : steps) ASSERT_TRUE(apply(writer, step));
  }
  {
    // The replay wrote the first four items, then the process died before acknowledging them.
    auto spool = open_spool(dir / "spool");
    ASSERT_TRUE(spool);
    auto items = spool->peek(4);
    ASSERT_TRUE(items);
    for (const SpoolItem& item : *items) {
      auto batch = decode_batch(item.payload);
      ASSERT_TRUE(batch) << batch.error().message;
      ASSERT_TRUE(store->write(batch->view()));
    }
  }
  server.down = false;
  auto spool = open_spool(dir / "spool");
  ASSERT_TRUE(spool);
  EXPECT_EQ(spool->stats().items, 12u);
  SpoolingCountWriter writer(server, *spool, kFastRetry);
  ASSERT_TRUE(writer.flush(10s));
  EXPECT_EQ(server.delivered(), labels(steps)) << "the four are written again, through the upserts";
  EXPECT_EQ(dump(*store), expected) << "nothing doubled, rollups included";
}

TEST(SpoolingWriter, AFullSpoolRefusesWithBothReasons) {
  TempDir dir;
  auto store = open_db(dir / "edge.db");
  auto spool = Spool::open({.dir = dir / "spool", .max_bytes = 4000});
  ASSERT_TRUE(store && spool) << spool.error().message;
  OutageWriter server(*store);
  server.down = true;
  SpoolingCountWriter writer(server, **spool, {.initial_backoff = 1h, .max_backoff = 1h});
  const auto steps = workload(10);
  Status status;
  int accepted = 0;
  for (const Step& step : steps) {
    status = apply(writer, step);
    if (!status) break;
    ++accepted;
  }
  ASSERT_FALSE(status);
  EXPECT_GT(accepted, 0);
  EXPECT_TRUE(status.error().unavailable) << "the caller keeps the rows and retries";
  EXPECT_NE(status.error().message.find("is full"), std::string::npos) << status.error().message;
  EXPECT_EQ((*spool)->stats().refused, 1u);
}

TEST(SpoolingWriter, BatchesAndGapsRoundTripEveryField) {
  OwnedBatch batch;
  batch.counts = {{"caméra-1", std::numeric_limits<TimestampMs>::min(), 7, 0.1f, "yolo", 1920, 1080, 3},
                  {"c", std::numeric_limits<TimestampMs>::max(), 0, std::nanf(""), "", 0, 0, std::nullopt}};
  batch.crossings = {{"door", "line", -5, std::numeric_limits<std::int64_t>::max(), "out"}};
  batch.visits = {{"door", "zone", -1, 100, 250, 150}};
  batch.zone_counts = {{"door", "zone", 42, 3, 2, 0.1 + 0.2}, {"door", "zone", 43, 0, std::nullopt, std::nullopt},
                       {"door", "q", 44, 1, 0, std::numeric_limits<double>::infinity()}};
  batch.heatmaps = {{"door", 3'600'000, 768, 432, 3, 1, {0, 1, std::numeric_limits<std::uint64_t>::max()}, 3'600'500}};
  batch.store_occupancy = {{"main", 9, -2, 5, 7, -2, "closing"}, {"main", 10, 0, 0, 0, std::nullopt, "opening"}};
  auto decoded = decode_batch(encode_batch(batch.view()));
  ASSERT_TRUE(decoded) << decoded.error().message;
  const OwnedBatch& d = *decoded;
  ASSERT_EQ(d.counts.size(), 2u);
  EXPECT_EQ(d.counts[0].camera, "caméra-1");
  EXPECT_EQ(d.counts[0].timestamp_ms, std::numeric_limits<TimestampMs>::min());
  EXPECT_EQ(d.counts[0].count, 7);
  EXPECT_EQ(d.counts[0].mean_confidence, 0.1f);
  EXPECT_EQ(d.counts[0].model, "yolo");
  EXPECT_EQ(d.counts[0].frame_width, 1920);
  EXPECT_EQ(d.counts[0].frame_height, 1080);
  EXPECT_EQ(d.counts[0].tracked, 3);
  EXPECT_EQ(d.counts[1].timestamp_ms, std::numeric_limits<TimestampMs>::max());
  EXPECT_TRUE(std::isnan(d.counts[1].mean_confidence));
  EXPECT_EQ(d.counts[1].tracked, std::nullopt);
  ASSERT_EQ(d.crossings.size(), 1u);
  EXPECT_EQ(d.crossings[0].timestamp_ms, -5);
  EXPECT_EQ(d.crossings[0].track_id, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(d.crossings[0].direction, "out");
  ASSERT_EQ(d.visits.size(), 1u);
  EXPECT_EQ(d.visits[0].track_id, -1);
  EXPECT_EQ(d.visits[0].enter_ms, 100);
  EXPECT_EQ(d.visits[0].exit_ms, 250);
  EXPECT_EQ(d.visits[0].dwell_ms, 150);
  ASSERT_EQ(d.zone_counts.size(), 3u);
  EXPECT_EQ(d.zone_counts[0].queue_length, 2);
  EXPECT_EQ(d.zone_counts[0].queue_wait_s, 0.1 + 0.2);
  EXPECT_EQ(d.zone_counts[1].queue_length, std::nullopt);
  EXPECT_EQ(d.zone_counts[1].queue_wait_s, std::nullopt);
  EXPECT_EQ(d.zone_counts[2].queue_length, 0);
  EXPECT_EQ(d.zone_counts[2].queue_wait_s, std::numeric_limits<double>::infinity());
  ASSERT_EQ(d.heatmaps.size(), 1u);
  EXPECT_EQ(d.heatmaps[0].hour_ms, 3'600'000);
  EXPECT_EQ(d.heatmaps[0].frame_width, 768);
  EXPECT_EQ(d.heatmaps[0].frame_height, 432);
  EXPECT_EQ(d.heatmaps[0].cols, 3);
  EXPECT_EQ(d.heatmaps[0].rows, 1);
  EXPECT_EQ(d.heatmaps[0].cells, batch.heatmaps[0].cells);
  EXPECT_EQ(d.heatmaps[0].through_ms, 3'600'500);
  ASSERT_EQ(d.store_occupancy.size(), 2u);
  EXPECT_EQ(d.store_occupancy[0].occupancy, -2);
  EXPECT_EQ(d.store_occupancy[0].entries, 5);
  EXPECT_EQ(d.store_occupancy[0].exits, 7);
  EXPECT_EQ(d.store_occupancy[0].drift, -2);
  EXPECT_EQ(d.store_occupancy[0].event, "closing");
  EXPECT_EQ(d.store_occupancy[1].drift, std::nullopt);

  const OwnedBatch empty;
  auto none = decode_batch(encode_batch(empty.view()));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->view().empty());

  const SourceGap gap{"door", -10, 20, "stream dropped: EOF"};
  auto g = decode_gap(encode_gap(gap));
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->camera, gap.camera);
  EXPECT_EQ(g->start_ms, gap.start_ms);
  EXPECT_EQ(g->end_ms, gap.end_ms);
  EXPECT_EQ(g->reason, gap.reason);

  auto bad = decode_batch("not cbor at all");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not a spooled batch of rows"), std::string::npos);
  EXPECT_FALSE(decode_gap(encode_batch(empty.view())));
}

}  // namespace
}  // namespace footfall::test

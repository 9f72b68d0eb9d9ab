// SqliteStore rollups (schema v3): minute and hour rollups rebuilt from the raw rows of every minute a write touched,
// in the write's transaction; their readers; retention. See include/footfall/store/rollup_rows.h.
#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

namespace {

// floor(t / unit) * unit in SQL, also for times before 1970.
#define FLOOR_TO(column, unit) column " - ((" column " % " unit ") + " unit ") % " unit

constexpr std::string_view kRollupCountMinutes =
    "INSERT INTO count_minutes SELECT camera, " FLOOR_TO("ts_ms", "60000") " AS m, count(*), sum(count), "
    "min(count), max(count), count(tracked), coalesce(sum(tracked), 0), min(tracked), max(tracked) "
    "FROM counts WHERE camera = ?1 AND ts_ms >= ?2 AND ts_ms < ?3 GROUP BY m "
    "ON CONFLICT (camera, start_ms) DO UPDATE SET frames = excluded.frames, count_sum = excluded.count_sum, "
    "count_min = excluded.count_min, count_max = excluded.count_max, tracked_frames = excluded.tracked_frames, "
    "tracked_sum = excluded.tracked_sum, tracked_min = excluded.tracked_min, tracked_max = excluded.tracked_max";

constexpr std::string_view kRollupCountHours =
    "INSERT INTO count_hours SELECT camera, " FLOOR_TO("start_ms", "3600000") " AS h, sum(frames), sum(count_sum), "
    "min(count_min), max(count_max), sum(tracked_frames), sum(tracked_sum), min(tracked_min), max(tracked_max) "
    "FROM count_minutes WHERE camera = ?1 AND start_ms >= ?2 AND start_ms < ?3 GROUP BY h "
    "ON CONFLICT (camera, start_ms) DO UPDATE SET frames = excluded.frames, count_sum = excluded.count_sum, "
    "count_min = excluded.count_min, count_max = excluded.count_max, tracked_frames = excluded.tracked_frames, "
    "tracked_sum = excluded.tracked_sum, tracked_min = excluded.tracked_min, tracked_max = excluded.tracked_max";

constexpr std::string_view kRollupZoneMinutes =
    "INSERT INTO zone_minutes SELECT camera, zone, " FLOOR_TO("ts_ms", "60000") " AS m, count(*), sum(occupancy), "
    "max(occupancy), count(queue_length), coalesce(sum(queue_length), 0), coalesce(max(queue_length), 0), "
    "count(queue_wait_s), coalesce(sum(queue_wait_s), 0.0) "
    "FROM zone_counts WHERE camera = ?1 AND zone = ?4 AND ts_ms >= ?2 AND ts_ms < ?3 GROUP BY zone, m "
    "ON CONFLICT (camera, zone, start_ms) DO UPDATE SET frames = excluded.frames, "
    "occupancy_sum = excluded.occupancy_sum, occupancy_max = excluded.occupancy_max, "
    "queue_frames = excluded.queue_frames, queue_length_sum = excluded.queue_length_sum, "
    "queue_length_max = excluded.queue_length_max, wait_samples = excluded.wait_samples, "
    "wait_sum_s = excluded.wait_sum_s";

constexpr std::string_view kRollupZoneHours =
    "INSERT INTO zone_hours SELECT camera, zone, " FLOOR_TO("start_ms", "3600000") " AS h, sum(frames), "
    "sum(occupancy_sum), max(occupancy_max), sum(queue_frames), sum(queue_length_sum), max(queue_length_max), "
    "sum(wait_samples), sum(wait_sum_s) "
    "FROM zone_minutes WHERE camera = ?1 AND zone = ?4 AND start_ms >= ?2 AND start_ms < ?3 GROUP BY zone, h "
    "ON CONFLICT (camera, zone, start_ms) DO UPDATE SET frames = excluded.frames, "
    "occupancy_sum = excluded.occupancy_sum, occupancy_max = excluded.occupancy_max, "
    "queue_frames = excluded.queue_frames, queue_length_sum = excluded.queue_length_sum, "
    "queue_length_max = excluded.queue_length_max, wait_samples = excluded.wait_samples, "
    "wait_sum_s = excluded.wait_sum_s";

constexpr std::string_view kRollupCrossingMinutes =
    "INSERT INTO crossing_minutes SELECT camera, line, " FLOOR_TO("ts_ms", "60000") " AS m, "
    "sum(direction = 'in'), sum(direction = 'out') "
    "FROM crossings WHERE camera = ?1 AND line = ?4 AND ts_ms >= ?2 AND ts_ms < ?3 GROUP BY line, m "
    "ON CONFLICT (camera, line, start_ms) DO UPDATE SET ins = excluded.ins, outs = excluded.outs";

constexpr std::string_view kRollupCrossingHours =
    "INSERT INTO crossing_hours SELECT camera, line, " FLOOR_TO("start_ms", "3600000") " AS h, sum(ins), sum(outs) "
    "FROM crossing_minutes WHERE camera = ?1 AND line = ?4 AND start_ms >= ?2 AND start_ms < ?3 GROUP BY line, h "
    "ON CONFLICT (camera, line, start_ms) DO UPDATE SET ins = excluded.ins, outs = excluded.outs";

// Visits by the hour of their exit: count, dwell sum and the exact median of the hour. A visit exiting in the hour
// entered at most a day before it (longer visits are not rolled up: nobody stays in a zone of a store for a day).
constexpr std::string_view kReadVisitDwells =
    "SELECT dwell_ms FROM zone_visits WHERE camera = ?1 AND zone = ?4 AND enter_ms >= ?2 - 86400000 AND "
    "enter_ms < ?3 AND exit_ms >= ?2 AND exit_ms < ?3 ORDER BY dwell_ms";
constexpr std::string_view kUpsertVisitHour =
    "INSERT INTO visit_hours (camera, zone, start_ms, visits, dwell_sum_ms, dwell_median_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (camera, zone, start_ms) DO UPDATE SET visits = excluded.visits, "
    "dwell_sum_ms = excluded.dwell_sum_ms, dwell_median_ms = excluded.dwell_median_ms";

#undef FLOOR_TO

constexpr std::string_view kUpsertStoreOccupancyHour =
    "INSERT INTO store_occupancy_hours (store, start_ms, mean, min, max, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (store, start_ms) DO UPDATE SET mean = excluded.mean, min = excluded.min, max = excluded.max, "
    "end = excluded.end";

TimestampMs floor_to(TimestampMs t, TimestampMs unit) { return (t >= 0 ? t : t - (unit - 1)) / unit * unit; }

// The [first, last] timestamps of a batch's rows, per key: (camera, zone or line), or (store, "").
using Spans = std::map<std::pair<std::string, std::string>, std::pair<TimestampMs, TimestampMs>>;

void widen(Spans& spans, const std::pair<std::string, std::string>& key, TimestampMs t) {
  auto [it, inserted] = spans.try_emplace(key, t, t);
  if (!inserted) {
    it->second.first = std::min(it->second.first, t);
    it->second.second = std::max(it->second.second, t);
  }
}

}  // namespace

Status SqliteStore::prepare_rollup_statements() {
  const std::pair<Statement*, std::string_view> statements[] = {
      {&rollup_count_minutes_, kRollupCountMinutes},       {&rollup_count_hours_, kRollupCountHours},
      {&rollup_zone_minutes_, kRollupZoneMinutes},         {&rollup_zone_hours_, kRollupZoneHours},
      {&rollup_crossing_minutes_, kRollupCrossingMinutes}, {&rollup_crossing_hours_, kRollupCrossingHours},
      {&upsert_store_occupancy_hour_, kUpsertStoreOccupancyHour},
      {&read_visit_dwells_, kReadVisitDwells},
      {&upsert_visit_hour_, kUpsertVisitHour},
  };
  for (const auto& [statement, sql] : statements) {
    auto prepared = connection_.prepare(sql);
    if (!prepared) return prepared.error();
    *statement = std::move(*prepared);
  }
  return Status::success();
}

Status SqliteStore::run_rollup(Statement& stmt, const RollupKey& key, TimestampMs from_ms, TimestampMs to_ms,
                               const char* what) {
  stmt.bind(1, key.first);
  stmt.bind(2, std::int64_t{from_ms});
  stmt.bind(3, std::int64_t{to_ms});
  if (!key.second.empty()) stmt.bind(4, key.second);
  return run(stmt, std::string("rollups of ") + what + " (" + key.first + (key.second.empty() ? "" : "/") +
                       key.second + " from " + format_iso8601(from_ms) + " to " + format_iso8601(to_ms) + ")");
}

Status SqliteStore::refresh_visit_hours(const RollupKey& key, TimestampMs first_exit_ms, TimestampMs last_exit_ms) {
  for (TimestampMs hour = floor_to(first_exit_ms, kHourMs); hour <= last_exit_ms; hour += kHourMs) {
    Statement& read = read_visit_dwells_;
    read.bind(1, key.first);
    read.bind(2, std::int64_t{hour});
    read.bind(3, std::int64_t{hour + kHourMs});
    read.bind(4, key.second);
    std::vector<std::int64_t> dwells;
    int rc = SQLITE_ROW;
    while ((rc = read.step()) == SQLITE_ROW) dwells.push_back(read.column_int64(0));
    read.reset();
    if (rc != SQLITE_DONE) return connection_.error("rolling up zone visits of " + key.first + "/" + key.second);
    if (dwells.empty()) continue;
    std::int64_t sum = 0;
    for (std::int64_t d : dwells) sum += d;
    const std::size_t n = dwells.size();
    const double median = n % 2 == 1 ? static_cast<double>(dwells[n / 2])
                                     : (static_cast<double>(dwells[n / 2 - 1]) + static_cast<double>(dwells[n / 2])) / 2.0;
    Statement& st = upsert_visit_hour_;
    st.bind(1, key.first);
    st.bind(2, key.second);
    st.bind(3, std::int64_t{hour});
    st.bind(4, static_cast<std::int64_t>(n));
    st.bind(5, sum);
    st.bind(6, median);
    if (Status s = run(st, "visit hours of " + key.first + "/" + key.second); !s) return s;
  }
  return Status::success();
}

Status SqliteStore::refresh_rollups(const WriteBatch& batch) {
  // Keyed by the leading columns of each table's primary key, so that every rebuild reads a key range.
  Spans counts;
  Spans zones;
  Spans crossings;
  Spans visits;
  Spans stores;
  for (const CountRow& row : batch.counts) widen(counts, {row.camera, ""}, row.timestamp_ms);
  for (const ZoneCountRow& row : batch.zone_counts) widen(zones, {row.camera, row.zone}, row.timestamp_ms);
  for (const CrossingRow& row : batch.crossings) widen(crossings, {row.camera, row.line}, row.timestamp_ms);
  for (const ZoneVisitRow& row : batch.visits) widen(visits, {row.camera, row.zone}, row.exit_ms);
  for (const StoreOccupancyRow& row : batch.store_occupancy) widen(stores, {row.store, ""}, row.timestamp_ms);

  // Minutes from the raw rows, then the hours holding those minutes from all their minutes.
  auto refresh = [this](const Spans& spans, Statement& minutes, Statement& hours, const char* what) -> Status {
    for (const auto& [key, span] : spans) {
      const TimestampMs first_minute = floor_to(span.first, kMinuteMs);
      const TimestampMs last_minute = floor_to(span.second, kMinuteMs);
      if (Status s = run_rollup(minutes, key, first_minute, last_minute + kMinuteMs, what); !s) return s;
      const TimestampMs first_hour = floor_to(span.first, kHourMs);
      const TimestampMs last_hour = floor_to(span.second, kHourMs);
      if (Status s = run_rollup(hours, key, first_hour, last_hour + kHourMs, what); !s) return s;
    }
    return Status::success();
  };
  if (Status s = refresh(counts, rollup_count_minutes_, rollup_count_hours_, "counts"); !s) return s;
  if (Status s = refresh(zones, rollup_zone_minutes_, rollup_zone_hours_, "zone counts"); !s) return s;
  if (Status s = refresh(crossings, rollup_crossing_minutes_, rollup_crossing_hours_, "crossings"); !s) return s;
  for (const auto& [key, span] : visits) {
    if (Status s = refresh_visit_hours(key, span.first, span.second); !s) return s;
  }
  for (const auto& [key, span] : stores) {
    if (Status s = refresh_store_occupancy_hours(key.first, span.first, span.second); !s) return s;
  }
  return Status::success();
}

Status SqliteStore::refresh_store_occupancy_hours(const std::string& store, TimestampMs first_ms,
                                                  TimestampMs last_ms) {
  const TimestampMs from_hour = floor_to(first_ms, kHourMs);
  const TimestampMs to_hour = floor_to(last_ms, kHourMs) + kHourMs;
  const std::string what = "store occupancy hours of " + store;
  // The state entering the first hour: the last event before it.
  auto before = connection_.prepare(
      "SELECT occupancy FROM store_occupancy WHERE store = ?1 AND ts_ms < ?2 "
      "ORDER BY ts_ms DESC, CASE event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END DESC LIMIT 1");
  if (!before) return before.error();
  before->bind(1, store);
  before->bind(2, std::int64_t{from_hour});
  int state = 0;
  int rc = before->step();
  if (rc == SQLITE_ROW) {
    state = static_cast<int>(before->column_int64(0));
  } else if (rc != SQLITE_DONE) {
    return connection_.error(what);
  }
  auto events = connection_.prepare(
      "SELECT ts_ms, occupancy FROM store_occupancy WHERE store = ?1 AND ts_ms >= ?2 AND ts_ms < ?3 "
      "ORDER BY ts_ms, CASE event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END");
  if (!events) return events.error();
  events->bind(1, store);
  events->bind(2, std::int64_t{from_hour});
  events->bind(3, std::int64_t{to_hour});
  std::vector<std::pair<TimestampMs, int>> changes;
  while ((rc = events->step()) == SQLITE_ROW) {
    changes.emplace_back(events->column_int64(0), static_cast<int>(events->column_int64(1)));
  }
  if (rc != SQLITE_DONE) return connection_.error(what);

  std::size_t next = 0;
  for (TimestampMs hour = from_hour; hour < to_hour; hour += kHourMs) {
    const TimestampMs end = hour + kHourMs;
    double weighted = 0.0;
    int low = state;
    int high = state;
    TimestampMs at = hour;
    for (; next < changes.size() && changes[next].first < end; ++next) {
      weighted += static_cast<double>(state) * static_cast<double>(changes[next].first - at);
      at = changes[next].first;
      state = changes[next].second;
      low = std::min(low, state);
      high = std::max(high, state);
    }
    weighted += static_cast<double>(state) * static_cast<double>(end - at);
    Statement& st = upsert_store_occupancy_hour_;
    st.bind(1, store);
    st.bind(2, std::int64_t{hour});
    st.bind(3, weighted / static_cast<double>(kHourMs));
    st.bind(4, std::int64_t{low});
    st.bind(5, std::int64_t{high});
    st.bind(6, std::int64_t{state});
    if (Status s = run(st, what + " at " + format_iso8601(hour)); !s) return s;
  }
  return Status::success();
}

Status SqliteStore::rebuild_all_store_occupancy_hours() {
  auto stores = connection_.prepare("SELECT store, min(ts_ms), max(ts_ms) FROM store_occupancy GROUP BY store");
  if (!stores) return stores.error();
  std::vector<std::tuple<std::string, TimestampMs, TimestampMs>> spans;
  int rc = SQLITE_ROW;
  while ((rc = stores->step()) == SQLITE_ROW) {
    spans.emplace_back(stores->column_text(0), stores->column_int64(1), stores->column_int64(2));
  }
  if (rc != SQLITE_DONE) return connection_.error("listing store occupancy");
  for (const auto& [store, first, last] : spans) {
    if (Status s = refresh_store_occupancy_hours(store, first, last); !s) return s;
  }
  return Status::success();
}

Status SqliteStore::rebuild_all_visit_hours() {
  auto keys = connection_.prepare("SELECT camera, zone, min(exit_ms), max(exit_ms) FROM zone_visits GROUP BY camera, zone");
  if (!keys) return keys.error();
  std::vector<std::tuple<RollupKey, TimestampMs, TimestampMs>> spans;
  int rc = SQLITE_ROW;
  while ((rc = keys->step()) == SQLITE_ROW) {
    spans.emplace_back(RollupKey{keys->column_text(0), keys->column_text(1)}, keys->column_int64(2),
                       keys->column_int64(3));
  }
  if (rc != SQLITE_DONE) return connection_.error("listing zone visits");
  for (const auto& [key, first, last] : spans) {
    if (Status s = refresh_visit_hours(key, first, last); !s) return s;
  }
  return Status::success();
}

Result<std::vector<VisitRollupRow>> SqliteStore::read_visit_rollups(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, zone, start_ms, visits, dwell_sum_ms, dwell_median_ms FROM visit_hours "
      "WHERE start_ms >= ?1 AND start_ms < ?2",
      "camera, start_ms, zone", query, "camera", "zone");
  if (!stmt) return stmt.error();
  std::vector<VisitRollupRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_int64(2), stmt->column_int64(3),
                    stmt->column_int64(4), stmt->column_double(5)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading visit rollups");
  return rows;
}

namespace {

const char* grain_table(RollupGrain grain, const char* minutes, const char* hours) {
  return grain == RollupGrain::kMinute ? minutes : hours;
}

}  // namespace

Result<std::vector<CountRollupRow>> SqliteStore::read_count_rollups(const CountQuery& query, RollupGrain grain) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      std::string("SELECT camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, tracked_sum, "
                  "tracked_min, tracked_max FROM ") +
          grain_table(grain, "count_minutes", "count_hours") + " WHERE start_ms >= ?1 AND start_ms < ?2",
      "camera, start_ms", query);
  if (!stmt) return stmt.error();
  std::vector<CountRollupRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    CountRollupRow row;
    row.camera = stmt->column_text(0);
    row.start_ms = stmt->column_int64(1);
    row.frames = stmt->column_int64(2);
    row.count_sum = stmt->column_int64(3);
    row.count_min = static_cast<int>(stmt->column_int64(4));
    row.count_max = static_cast<int>(stmt->column_int64(5));
    row.tracked_frames = stmt->column_int64(6);
    row.tracked_sum = stmt->column_int64(7);
    if (!stmt->column_is_null(8)) row.tracked_min = static_cast<int>(stmt->column_int64(8));
    if (!stmt->column_is_null(9)) row.tracked_max = static_cast<int>(stmt->column_int64(9));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading count rollups");
  return rows;
}

Result<std::vector<ZoneRollupRow>> SqliteStore::read_zone_rollups(const CountQuery& query, RollupGrain grain) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      std::string("SELECT camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames, "
                  "queue_length_sum, queue_length_max, wait_samples, wait_sum_s FROM ") +
          grain_table(grain, "zone_minutes", "zone_hours") + " WHERE start_ms >= ?1 AND start_ms < ?2",
      "camera, start_ms, zone", query, "camera", "zone");
  if (!stmt) return stmt.error();
  std::vector<ZoneRollupRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    ZoneRollupRow row;
    row.camera = stmt->column_text(0);
    row.zone = stmt->column_text(1);
    row.start_ms = stmt->column_int64(2);
    row.frames = stmt->column_int64(3);
    row.occupancy_sum = stmt->column_int64(4);
    row.occupancy_max = static_cast<int>(stmt->column_int64(5));
    row.queue_frames = stmt->column_int64(6);
    row.queue_length_sum = stmt->column_int64(7);
    row.queue_length_max = static_cast<int>(stmt->column_int64(8));
    row.wait_samples = stmt->column_int64(9);
    row.wait_sum_s = stmt->column_double(10);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading zone rollups");
  return rows;
}

Result<std::vector<CrossingRollupRow>> SqliteStore::read_crossing_rollups(const CountQuery& query,
                                                                          RollupGrain grain) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      std::string("SELECT camera, line, start_ms, ins, outs FROM ") +
          grain_table(grain, "crossing_minutes", "crossing_hours") + " WHERE start_ms >= ?1 AND start_ms < ?2",
      "camera, start_ms, line", query, "camera", "line");
  if (!stmt) return stmt.error();
  std::vector<CrossingRollupRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_int64(2), stmt->column_int64(3),
                    stmt->column_int64(4)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading crossing rollups");
  return rows;
}

Result<std::vector<StoreOccupancyRollupRow>> SqliteStore::read_store_occupancy_rollups(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  CountQuery by_store = query;
  by_store.camera.reset();
  auto stmt = prepare_range_query(
      "SELECT store, start_ms, mean, min, max, end FROM store_occupancy_hours WHERE start_ms >= ?1 AND start_ms < ?2",
      "store, start_ms", by_store, "store", "store");
  if (!stmt) return stmt.error();
  std::vector<StoreOccupancyRollupRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_int64(1), stmt->column_double(2),
                    static_cast<int>(stmt->column_int64(3)), static_cast<int>(stmt->column_int64(4)),
                    static_cast<int>(stmt->column_int64(5))});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading store occupancy rollups");
  return rows;
}

Result<RetentionReport> SqliteStore::apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) {
  if (policy.raw_days < 0 || policy.minute_days < 0 || policy.hour_days < 0) {
    return make_error("retention: days must be >= 0 (0 keeps rows forever)");
  }
  std::lock_guard lock(mutex_);
  const std::string what = "applying retention";
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s.error();
  RetentionReport report;
  auto purge = [this, now_ms](int days, std::initializer_list<std::pair<const char*, const char*>> tables,
                              std::int64_t& removed) -> Status {
    if (days == 0) return Status::success();
    const TimestampMs cutoff = now_ms - std::int64_t{days} * 86'400'000;
    for (const auto& [table, column] : tables) {
      auto stmt = connection_.prepare(std::string("DELETE FROM ") + table + " WHERE " + column + " < ?1");
      if (!stmt) return stmt.error();
      stmt->bind(1, std::int64_t{cutoff});
      if (stmt->step() != SQLITE_DONE) return connection_.error(std::string("deleting old rows of ") + table);
      removed += connection_.changes();
    }
    return Status::success();
  };
  if (Status s = purge(policy.raw_days, {{"counts", "ts_ms"}, {"zone_counts", "ts_ms"}}, report.raw_rows); !s) {
    return s.error();
  }
  if (Status s = purge(policy.minute_days,
                       {{"count_minutes", "start_ms"}, {"zone_minutes", "start_ms"}, {"crossing_minutes", "start_ms"}},
                       report.minute_rows);
      !s) {
    return s.error();
  }
  if (Status s = purge(policy.hour_days,
                       {{"count_hours", "start_ms"},
                        {"zone_hours", "start_ms"},
                        {"crossing_hours", "start_ms"},
                        {"visit_hours", "start_ms"},
                        {"store_occupancy_hours", "start_ms"}},
                       report.hour_rows);
      !s) {
    return s.error();
  }
  if (Status s = tx.commit(what); !s) return s.error();
  return report;
}

}  // namespace footfall::sqlite

// PostgresStore rollups (schema v3): minute and hour rollups rebuilt from the raw rows of every minute a write
// touched, in the write's transaction; their readers; retention. See include/footfall/store/rollup_rows.h. Each
// rebuild is one prepared statement for every key of the batch (the keys and their time spans go in as arrays),
// added to the write's script.
#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "postgres/postgres_store.h"

namespace footfall::postgres {

namespace {

// floor(t / unit) * unit in SQL, also for times before 1970.
#define FLOOR_TO(column, unit) column " - ((" column " % " unit ") + " unit ") % " unit

// Each rebuild reads the raw rows of one key's span through a LATERAL subquery, which the planner runs as a range
// scan of the table's primary key (key columns, then time) for each key: the cost of a write does not grow with the
// table.

// $1: cameras, $2: from_ms, $3: to_ms (one span per camera).
constexpr const char* kRollupCountMinutes = "footfall_rollup_count_minutes";
constexpr std::string_view kRollupCountMinutesSql =
    "INSERT INTO count_minutes (camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, "
    "tracked_sum, tracked_min, tracked_max) "
    "SELECT k.camera, x.* FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k(camera, from_ms, to_ms) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("c.ts_ms", "60000") " AS m, count(*), sum(c.count), min(c.count), "
    "max(c.count), count(c.tracked), coalesce(sum(c.tracked), 0), min(c.tracked), max(c.tracked) "
    "FROM counts c WHERE c.camera = k.camera AND c.ts_ms >= k.from_ms AND c.ts_ms < k.to_ms GROUP BY m) x "
    "ON CONFLICT (camera, start_ms) DO UPDATE SET frames = excluded.frames, count_sum = excluded.count_sum, "
    "count_min = excluded.count_min, count_max = excluded.count_max, tracked_frames = excluded.tracked_frames, "
    "tracked_sum = excluded.tracked_sum, tracked_min = excluded.tracked_min, tracked_max = excluded.tracked_max";

constexpr const char* kRollupCountHours = "footfall_rollup_count_hours";
constexpr std::string_view kRollupCountHoursSql =
    "INSERT INTO count_hours (camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, "
    "tracked_sum, tracked_min, tracked_max) "
    "SELECT k.camera, x.* FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k(camera, from_ms, to_ms) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("c.start_ms", "3600000") " AS h, sum(c.frames), sum(c.count_sum), "
    "min(c.count_min), max(c.count_max), sum(c.tracked_frames), sum(c.tracked_sum), min(c.tracked_min), "
    "max(c.tracked_max) "
    "FROM count_minutes c WHERE c.camera = k.camera AND c.start_ms >= k.from_ms AND c.start_ms < k.to_ms "
    "GROUP BY h) x "
    "ON CONFLICT (camera, start_ms) DO UPDATE SET frames = excluded.frames, count_sum = excluded.count_sum, "
    "count_min = excluded.count_min, count_max = excluded.count_max, tracked_frames = excluded.tracked_frames, "
    "tracked_sum = excluded.tracked_sum, tracked_min = excluded.tracked_min, tracked_max = excluded.tracked_max";

// $1: cameras, $2: from_ms, $3: to_ms, $4: zones (one span per camera and zone).
constexpr const char* kRollupZoneMinutes = "footfall_rollup_zone_minutes";
constexpr std::string_view kRollupZoneMinutesSql =
    "INSERT INTO zone_minutes (camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames, "
    "queue_length_sum, queue_length_max, wait_samples, wait_sum_s) "
    "SELECT k.camera, k.zone, x.* "
    "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS k(camera, from_ms, to_ms, zone) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("z.ts_ms", "60000") " AS m, count(*), sum(z.occupancy), "
    "max(z.occupancy), count(z.queue_length), coalesce(sum(z.queue_length), 0), coalesce(max(z.queue_length), 0), "
    "count(z.queue_wait_s), coalesce(sum(z.queue_wait_s), 0.0) "
    "FROM zone_counts z WHERE z.camera = k.camera AND z.zone = k.zone AND z.ts_ms >= k.from_ms "
    "AND z.ts_ms < k.to_ms GROUP BY m) x "
    "ON CONFLICT (camera, zone, start_ms) DO UPDATE SET frames = excluded.frames, "
    "occupancy_sum = excluded.occupancy_sum, occupancy_max = excluded.occupancy_max, "
    "queue_frames = excluded.queue_frames, queue_length_sum = excluded.queue_length_sum, "
    "queue_length_max = excluded.queue_length_max, wait_samples = excluded.wait_samples, "
    "wait_sum_s = excluded.wait_sum_s";

constexpr const char* kRollupZoneHours = "footfall_rollup_zone_hours";
constexpr std::string_view kRollupZoneHoursSql =
    "INSERT INTO zone_hours (camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames, "
    "queue_length_sum, queue_length_max, wait_samples, wait_sum_s) "
    "SELECT k.camera, k.zone, x.* "
    "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS k(camera, from_ms, to_ms, zone) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("z.start_ms", "3600000") " AS h, sum(z.frames), sum(z.occupancy_sum), "
    "max(z.occupancy_max), sum(z.queue_frames), sum(z.queue_length_sum), max(z.queue_length_max), "
    "sum(z.wait_samples), sum(z.wait_sum_s) "
    "FROM zone_minutes z WHERE z.camera = k.camera AND z.zone = k.zone AND z.start_ms >= k.from_ms "
    "AND z.start_ms < k.to_ms GROUP BY h) x "
    "ON CONFLICT (camera, zone, start_ms) DO UPDATE SET frames = excluded.frames, "
    "occupancy_sum = excluded.occupancy_sum, occupancy_max = excluded.occupancy_max, "
    "queue_frames = excluded.queue_frames, queue_length_sum = excluded.queue_length_sum, "
    "queue_length_max = excluded.queue_length_max, wait_samples = excluded.wait_samples, "
    "wait_sum_s = excluded.wait_sum_s";

// $1: cameras, $2: from_ms, $3: to_ms, $4: lines.
constexpr const char* kRollupCrossingMinutes = "footfall_rollup_crossing_minutes";
constexpr std::string_view kRollupCrossingMinutesSql =
    "INSERT INTO crossing_minutes (camera, line, start_ms, ins, outs) "
    "SELECT k.camera, k.line, x.* "
    "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS k(camera, from_ms, to_ms, line) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("c.ts_ms", "60000") " AS m, count(*) FILTER (WHERE c.direction = 'in'), "
    "count(*) FILTER (WHERE c.direction = 'out') "
    "FROM crossings c WHERE c.camera = k.camera AND c.line = k.line AND c.ts_ms >= k.from_ms AND c.ts_ms < k.to_ms "
    "GROUP BY m) x "
    "ON CONFLICT (camera, line, start_ms) DO UPDATE SET ins = excluded.ins, outs = excluded.outs";

constexpr const char* kRollupCrossingHours = "footfall_rollup_crossing_hours";
constexpr std::string_view kRollupCrossingHoursSql =
    "INSERT INTO crossing_hours (camera, line, start_ms, ins, outs) "
    "SELECT k.camera, k.line, x.* "
    "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS k(camera, from_ms, to_ms, line) "
    "CROSS JOIN LATERAL (SELECT " FLOOR_TO("c.start_ms", "3600000") " AS h, sum(c.ins), sum(c.outs) "
    "FROM crossing_minutes c WHERE c.camera = k.camera AND c.line = k.line AND c.start_ms >= k.from_ms "
    "AND c.start_ms < k.to_ms GROUP BY h) x "
    "ON CONFLICT (camera, line, start_ms) DO UPDATE SET ins = excluded.ins, outs = excluded.outs";

#undef FLOOR_TO

// Visits by the hour of their exit: count, dwell sum and the exact median of the hour (percentile_cont(0.5) is the
// middle dwell, or the mean of the two middle ones). A visit exiting in the hour entered at most a day before it
// (longer visits are not rolled up: nobody stays in a zone of a store for a day). Hours without a visit get no row.
// $1: cameras, $2: first hour, $3: last hour, $4: zones.
constexpr const char* kRollupVisitHours = "footfall_rollup_visit_hours";
constexpr std::string_view kRollupVisitHoursSql =
    "INSERT INTO visit_hours (camera, zone, start_ms, visits, dwell_sum_ms, dwell_median_ms) "
    "SELECT k.camera, k.zone, h.start_ms, x.* "
    "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS k(camera, first_hour, last_hour, zone) "
    "CROSS JOIN LATERAL generate_series(k.first_hour, k.last_hour, 3600000::bigint) AS h(start_ms) "
    "CROSS JOIN LATERAL (SELECT count(*) AS visits, sum(v.dwell_ms), "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY v.dwell_ms) "
    "FROM zone_visits v WHERE v.camera = k.camera AND v.zone = k.zone AND v.enter_ms >= h.start_ms - 86400000 "
    "AND v.enter_ms < h.start_ms + 3600000 AND v.exit_ms >= h.start_ms AND v.exit_ms < h.start_ms + 3600000) x "
    "WHERE x.visits > 0 "
    "ON CONFLICT (camera, zone, start_ms) DO UPDATE SET visits = excluded.visits, "
    "dwell_sum_ms = excluded.dwell_sum_ms, dwell_median_ms = excluded.dwell_median_ms";

// Store occupancy (entries - exits since opening) of every UTC hour of [$2, $3) of each store $1, time-weighted
// from its events: the state entering the range is the last event before it (0 when there is none); events are
// ordered by time and, at one instant, closing, opening, then the rest. Each state holds from its event to the next
// (a segment); an hour's mean weights each segment's state by its overlap with the hour (an exact integer sum, then
// one division, as the SQLite backend computes it), its min and max take the state entering the hour and every state
// of an event in it, its end the last of those.
constexpr const char* kRollupStoreOccupancyHours = "footfall_rollup_store_occupancy_hours";
constexpr std::string_view kRollupStoreOccupancyHoursSql = R"sql(
WITH k AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k(store, from_ms, to_ms)
), events AS (
  SELECT k.store, k.from_ms AS ts, 0 AS phase, 0 AS rank, ''::text AS event,
         coalesce((SELECT o.occupancy FROM store_occupancy o WHERE o.store = k.store AND o.ts_ms < k.from_ms
                   ORDER BY o.ts_ms DESC, CASE o.event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END DESC,
                            o.event DESC
                   LIMIT 1), 0) AS occupancy
  FROM k
  UNION ALL
  SELECT k.store, o.ts_ms, 1, CASE o.event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END, o.event,
         o.occupancy
  FROM k CROSS JOIN LATERAL (SELECT * FROM store_occupancy o WHERE o.store = k.store AND o.ts_ms >= k.from_ms
                             AND o.ts_ms < k.to_ms) o
), segments AS (
  SELECT e.store, e.ts AS starts, coalesce(lead(e.ts) OVER w, k.to_ms) AS ends, e.occupancy, row_number() OVER w AS n
  FROM events e JOIN k ON k.store = e.store
  WINDOW w AS (PARTITION BY e.store ORDER BY e.ts, e.phase, e.rank, e.event)
), hours AS (
  SELECT k.store, h.start_ms FROM k CROSS JOIN LATERAL generate_series(k.from_ms, k.to_ms - 3600000, 3600000::bigint) AS h(start_ms)
)
INSERT INTO store_occupancy_hours (store, start_ms, mean, min, max, "end")
SELECT h.store, h.start_ms,
       sum(s.occupancy::bigint * greatest(0, least(s.ends, h.start_ms + 3600000) - greatest(s.starts, h.start_ms)))
         ::double precision / 3600000,
       min(s.occupancy), max(s.occupancy), (array_agg(s.occupancy ORDER BY s.n DESC))[1]
FROM hours h JOIN segments s ON s.store = h.store AND
  ((s.starts >= h.start_ms AND s.starts < h.start_ms + 3600000) OR (s.starts < h.start_ms AND s.ends >= h.start_ms))
GROUP BY h.store, h.start_ms
ON CONFLICT (store, start_ms) DO UPDATE SET mean = excluded.mean, min = excluded.min, max = excluded.max,
  "end" = excluded."end"
)sql";

TimestampMs floor_to(TimestampMs t, TimestampMs unit) { return (t >= 0 ? t : t - (unit - 1)) / unit * unit; }

// The [first, last] timestamps of a batch's rows, per key: (camera, zone or line), or (store, "").
using RollupKey = std::pair<std::string, std::string>;
using Spans = std::map<RollupKey, std::pair<TimestampMs, TimestampMs>>;

void widen(Spans& spans, const RollupKey& key, TimestampMs t) {
  auto [it, inserted] = spans.try_emplace(key, t, t);
  if (!inserted) {
    it->second.first = std::min(it->second.first, t);
    it->second.second = std::max(it->second.second, t);
  }
}

// Adds a rollup statement for every span, the span widened to whole `unit`s: [floor(first), floor(last) + unit)
// (or, with `inclusive_last`, [floor(first), floor(last)] as first and last hour).
void run_rollup(Script& script, const char* statement, const Spans& spans, TimestampMs unit, bool with_name,
                bool inclusive_last = false) {
  if (spans.empty()) return;
  ArrayLiteral keys;
  ArrayLiteral from;
  ArrayLiteral to;
  ArrayLiteral names;
  for (const auto& [key, span] : spans) {
    keys.add(key.first);
    names.add(key.second);
    from.add(floor_to(span.first, unit));
    to.add(floor_to(span.second, unit) + (inclusive_last ? 0 : unit));
  }
  std::vector<std::string> arguments{keys.str(), from.str(), to.str()};
  if (with_name) arguments.push_back(names.str());
  script.execute(statement, arguments);
}

const char* grain_table(RollupGrain grain, const char* minutes, const char* hours) {
  return grain == RollupGrain::kMinute ? minutes : hours;
}

}  // namespace

std::string PostgresStore::prepare_rollup_statements() {
  const std::pair<const char*, std::string_view> statements[] = {
      {kRollupCountMinutes, kRollupCountMinutesSql},
      {kRollupCountHours, kRollupCountHoursSql},
      {kRollupZoneMinutes, kRollupZoneMinutesSql},
      {kRollupZoneHours, kRollupZoneHoursSql},
      {kRollupCrossingMinutes, kRollupCrossingMinutesSql},
      {kRollupCrossingHours, kRollupCrossingHoursSql},
      {kRollupVisitHours, kRollupVisitHoursSql},
      {kRollupStoreOccupancyHours, kRollupStoreOccupancyHoursSql},
  };
  std::string sql;
  for (const auto& [name, text] : statements) sql.append("PREPARE ").append(name).append(" AS ").append(text).append(";\n");
  return sql;
}

void PostgresStore::refresh_rollups(Script& script, const WriteBatch& batch) {
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
  run_rollup(script, kRollupCountMinutes, counts, kMinuteMs, false);
  run_rollup(script, kRollupCountHours, counts, kHourMs, false);
  run_rollup(script, kRollupZoneMinutes, zones, kMinuteMs, true);
  run_rollup(script, kRollupZoneHours, zones, kHourMs, true);
  run_rollup(script, kRollupCrossingMinutes, crossings, kMinuteMs, true);
  run_rollup(script, kRollupCrossingHours, crossings, kHourMs, true);
  run_rollup(script, kRollupVisitHours, visits, kHourMs, true, true);
  run_rollup(script, kRollupStoreOccupancyHours, stores, kHourMs, false);
}

void PostgresStore::rebuild_event_hours(pqxx::connection& connection) {
  Spans stores;
  Spans visits;
  {
    pqxx::read_transaction tx(connection);
    for (const pqxx::row& r : tx.exec("SELECT store, min(ts_ms), max(ts_ms) FROM store_occupancy GROUP BY store")) {
      stores[{as_text(r[0]), ""}] = {as_int64(r[1]), as_int64(r[2])};
    }
    for (const pqxx::row& r :
         tx.exec("SELECT camera, zone, min(exit_ms), max(exit_ms) FROM zone_visits GROUP BY camera, zone")) {
      visits[{as_text(r[0]), as_text(r[1])}] = {as_int64(r[2]), as_int64(r[3])};
    }
  }
  Script script(connection);
  script.add("BEGIN");
  run_rollup(script, kRollupStoreOccupancyHours, stores, kHourMs, false);
  run_rollup(script, kRollupVisitHours, visits, kHourMs, true, true);
  script.add("COMMIT");
  run_script(connection, script.text());
}

Result<std::vector<VisitRollupRow>> PostgresStore::read_visit_rollups(const CountQuery& query) {
  return read_rows<VisitRollupRow>(
      "reading visit rollups",
      range_query("SELECT camera, zone, start_ms, visits, dwell_sum_ms, dwell_median_ms FROM visit_hours "
                  "WHERE start_ms >= $1 AND start_ms < $2",
                  "camera, start_ms, zone", query, "camera", "zone"),
      [](const pqxx::row& r) {
        return VisitRollupRow{as_text(r[0]),  as_text(r[1]),  as_int64(r[2]),
                              as_int64(r[3]), as_int64(r[4]), as_double(r[5])};
      });
}

Result<std::vector<CountRollupRow>> PostgresStore::read_count_rollups(const CountQuery& query, RollupGrain grain) {
  return read_rows<CountRollupRow>(
      "reading count rollups",
      range_query(std::string("SELECT camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, "
                              "tracked_sum, tracked_min, tracked_max FROM ") +
                      grain_table(grain, "count_minutes", "count_hours") + " WHERE start_ms >= $1 AND start_ms < $2",
                  "camera, start_ms", query),
      [](const pqxx::row& r) {
        CountRollupRow row;
        row.camera = as_text(r[0]);
        row.start_ms = as_int64(r[1]);
        row.frames = as_int64(r[2]);
        row.count_sum = as_int64(r[3]);
        row.count_min = as_int(r[4]);
        row.count_max = as_int(r[5]);
        row.tracked_frames = as_int64(r[6]);
        row.tracked_sum = as_int64(r[7]);
        row.tracked_min = as_optional_int(r[8]);
        row.tracked_max = as_optional_int(r[9]);
        return row;
      });
}

Result<std::vector<ZoneRollupRow>> PostgresStore::read_zone_rollups(const CountQuery& query, RollupGrain grain) {
  return read_rows<ZoneRollupRow>(
      "reading zone rollups",
      range_query(std::string("SELECT camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames, "
                              "queue_length_sum, queue_length_max, wait_samples, wait_sum_s FROM ") +
                      grain_table(grain, "zone_minutes", "zone_hours") + " WHERE start_ms >= $1 AND start_ms < $2",
                  "camera, start_ms, zone", query, "camera", "zone"),
      [](const pqxx::row& r) {
        ZoneRollupRow row;
        row.camera = as_text(r[0]);
        row.zone = as_text(r[1]);
        row.start_ms = as_int64(r[2]);
        row.frames = as_int64(r[3]);
        row.occupancy_sum = as_int64(r[4]);
        row.occupancy_max = as_int(r[5]);
        row.queue_frames = as_int64(r[6]);
        row.queue_length_sum = as_int64(r[7]);
        row.queue_length_max = as_int(r[8]);
        row.wait_samples = as_int64(r[9]);
        row.wait_sum_s = as_double(r[10]);
        return row;
      });
}

Result<std::vector<CrossingRollupRow>> PostgresStore::read_crossing_rollups(const CountQuery& query,
                                                                            RollupGrain grain) {
  return read_rows<CrossingRollupRow>(
      "reading crossing rollups",
      range_query(std::string("SELECT camera, line, start_ms, ins, outs FROM ") +
                      grain_table(grain, "crossing_minutes", "crossing_hours") +
                      " WHERE start_ms >= $1 AND start_ms < $2",
                  "camera, start_ms, line", query, "camera", "line"),
      [](const pqxx::row& r) {
        return CrossingRollupRow{as_text(r[0]), as_text(r[1]), as_int64(r[2]), as_int64(r[3]), as_int64(r[4])};
      });
}

Result<std::vector<StoreOccupancyRollupRow>> PostgresStore::read_store_occupancy_rollups(const CountQuery& query) {
  CountQuery by_store = query;
  by_store.camera.reset();
  return read_rows<StoreOccupancyRollupRow>(
      "reading store occupancy rollups",
      range_query("SELECT store, start_ms, mean, min, max, \"end\" FROM store_occupancy_hours "
                  "WHERE start_ms >= $1 AND start_ms < $2",
                  "store, start_ms", by_store, "store", "store"),
      [](const pqxx::row& r) {
        return StoreOccupancyRollupRow{as_text(r[0]), as_int64(r[1]), as_double(r[2]),
                                       as_int(r[3]),  as_int(r[4]),   as_int(r[5])};
      });
}

Result<RetentionReport> PostgresStore::apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) {
  if (policy.raw_days < 0 || policy.minute_days < 0 || policy.hour_days < 0) {
    return make_error("retention: days must be >= 0 (0 keeps rows forever)");
  }
  return pool_.run<Result<RetentionReport>>("applying retention", [&](pqxx::connection& c) -> Result<RetentionReport> {
    pqxx::work tx(c);
    RetentionReport report;
    auto purge = [&tx, now_ms](int days, std::initializer_list<std::pair<const char*, const char*>> tables,
                               std::int64_t& removed) {
      if (days == 0) return;
      const TimestampMs cutoff = now_ms - std::int64_t{days} * 86'400'000;
      for (const auto& [table, column] : tables) {
        const pqxx::result r =
            tx.exec_params(std::string("DELETE FROM ") + table + " WHERE " + column + " < $1", std::int64_t{cutoff});
        removed += r.affected_rows();
      }
    };
    purge(policy.raw_days, {{"counts", "ts_ms"}, {"zone_counts", "ts_ms"}}, report.raw_rows);
    purge(policy.minute_days,
          {{"count_minutes", "start_ms"}, {"zone_minutes", "start_ms"}, {"crossing_minutes", "start_ms"}},
          report.minute_rows);
    purge(policy.hour_days,
          {{"count_hours", "start_ms"},
           {"zone_hours", "start_ms"},
           {"crossing_hours", "start_ms"},
           {"visit_hours", "start_ms"},
           {"store_occupancy_hours", "start_ms"}},
          report.hour_rows);
    tx.commit();
    return report;
  });
}

}  // namespace footfall::postgres

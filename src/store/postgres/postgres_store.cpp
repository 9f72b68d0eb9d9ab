#include "postgres/postgres_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "footfall/store/heatmap_cells.h"
#include "postgres/migrations.h"
#include "postgres/url.h"

namespace footfall::postgres {

namespace {

// The bulk upserts: one statement per kind of row, the rows as one array per column.
constexpr const char* kUpsertCounts = "footfall_upsert_counts";
constexpr std::string_view kUpsertCountsSql = R"sql(
INSERT INTO counts (camera, ts_ms, count, mean_confidence, model, frame_width, frame_height, tracked)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::double precision[], $5::text[], $6::integer[],
                     $7::integer[], $8::integer[])
ON CONFLICT (camera, ts_ms) DO UPDATE SET
  count = excluded.count, mean_confidence = excluded.mean_confidence, model = excluded.model,
  frame_width = excluded.frame_width, frame_height = excluded.frame_height, tracked = excluded.tracked
)sql";

constexpr const char* kUpsertCrossings = "footfall_upsert_crossings";
constexpr std::string_view kUpsertCrossingsSql = R"sql(
INSERT INTO crossings (camera, line, ts_ms, track_id, direction)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[])
ON CONFLICT (camera, line, ts_ms, track_id) DO UPDATE SET direction = excluded.direction
)sql";

constexpr const char* kUpsertVisits = "footfall_upsert_visits";
constexpr std::string_view kUpsertVisitsSql = R"sql(
INSERT INTO zone_visits (camera, zone, track_id, enter_ms, exit_ms, dwell_ms)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
ON CONFLICT (camera, zone, enter_ms, track_id) DO UPDATE SET exit_ms = excluded.exit_ms, dwell_ms = excluded.dwell_ms
)sql";

constexpr const char* kUpsertZoneCounts = "footfall_upsert_zone_counts";
constexpr std::string_view kUpsertZoneCountsSql = R"sql(
INSERT INTO zone_counts (camera, zone, ts_ms, occupancy, queue_length, queue_wait_s)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::integer[], $5::integer[], $6::double precision[])
ON CONFLICT (camera, zone, ts_ms) DO UPDATE SET
  occupancy = excluded.occupancy, queue_length = excluded.queue_length, queue_wait_s = excluded.queue_wait_s
)sql";

constexpr const char* kUpsertHeatmaps = "footfall_upsert_heatmaps";
constexpr std::string_view kUpsertHeatmapsSql = R"sql(
INSERT INTO heatmaps (camera, hour_ms, frame_width, frame_height, cols, rows, cells, through_ms)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::integer[], $5::integer[], $6::integer[],
                     $7::bytea[], $8::bigint[])
ON CONFLICT (camera, hour_ms) DO UPDATE SET
  frame_width = excluded.frame_width, frame_height = excluded.frame_height, cols = excluded.cols,
  rows = excluded.rows, cells = excluded.cells, through_ms = excluded.through_ms
)sql";

constexpr const char* kUpsertStoreOccupancy = "footfall_upsert_store_occupancy";
constexpr std::string_view kUpsertStoreOccupancySql = R"sql(
INSERT INTO store_occupancy (store, ts_ms, occupancy, entries, exits, drift, event)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[])
ON CONFLICT (store, ts_ms, event) DO UPDATE SET
  occupancy = excluded.occupancy, entries = excluded.entries, exits = excluded.exits, drift = excluded.drift
)sql";

constexpr std::string_view kUpsertGapSql = R"sql(
INSERT INTO gaps (camera, start_ms, end_ms, reason) VALUES ($1, $2, $3, $4)
ON CONFLICT (camera, start_ms) DO UPDATE SET end_ms = excluded.end_ms, reason = excluded.reason
)sql";

// Transaction-scoped advisory locks, taken in ascending order (so that two writers never deadlock on them).
constexpr const char* kLockKeys = "footfall_lock_keys";
constexpr std::string_view kLockKeysSql =
    "SELECT pg_advisory_xact_lock(1182025324, k) FROM unnest($1::integer[]) AS k";
static_assert(kLockSpace == 1182025324);

// "12 counts, 3 crossings" for messages.
std::string describe_batch(const WriteBatch& batch) {
  std::string text;
  auto add = [&text](std::size_t n, const char* what) {
    if (n == 0) return;
    if (!text.empty()) text += ", ";
    text += std::to_string(n) + " " + what;
  };
  add(batch.counts.size(), "counts");
  add(batch.crossings.size(), "crossings");
  add(batch.visits.size(), "zone visits");
  add(batch.zone_counts.size(), "zone counts");
  add(batch.heatmaps.size(), "heatmaps");
  add(batch.store_occupancy.size(), "store occupancy rows");
  return text;
}

// Each row as error messages name it (the same words as the SQLite backend).
std::string describe_row(const CountRow& row) {
  return "count (camera " + row.camera + " at " + format_iso8601(row.timestamp_ms) + ", count " +
         std::to_string(row.count) + ")";
}
std::string describe_row(const CrossingRow& row) {
  return "crossing (camera " + row.camera + ", line " + row.line + " at " + format_iso8601(row.timestamp_ms) +
         ", track " + std::to_string(row.track_id) + ", direction '" + row.direction + "')";
}
std::string describe_row(const ZoneVisitRow& row) {
  return "zone visit (camera " + row.camera + ", zone " + row.zone + ", track " + std::to_string(row.track_id) +
         " from " + format_iso8601(row.enter_ms) + " to " + format_iso8601(row.exit_ms) + ")";
}
std::string describe_row(const ZoneCountRow& row) {
  return "zone count (camera " + row.camera + ", zone " + row.zone + " at " + format_iso8601(row.timestamp_ms) +
         ", occupancy " + std::to_string(row.occupancy) + ")";
}
std::string describe_row(const HeatmapRow& row) {
  return "heatmap (camera " + row.camera + ", hour " + format_iso8601(row.hour_ms) + ", " + std::to_string(row.cols) +
         "x" + std::to_string(row.rows) + ")";
}
std::string describe_row(const StoreOccupancyRow& row) {
  return "store occupancy (store " + row.store + " at " + format_iso8601(row.timestamp_ms) + ", " + row.event +
         ", occupancy " + std::to_string(row.occupancy) + ")";
}

// An unambiguous text of a row's key (each part prefixed by its length).
class KeyText {
 public:
  KeyText& add(std::string_view part) {
    text_ += std::to_string(part.size());
    text_ += ':';
    text_ += part;
    return *this;
  }
  KeyText& add(std::int64_t part) { return add(std::to_string(part)); }
  std::string str() { return std::move(text_); }

 private:
  std::string text_;
};

std::string key_of(const CountRow& r) { return KeyText().add(r.camera).add(r.timestamp_ms).str(); }
std::string key_of(const CrossingRow& r) {
  return KeyText().add(r.camera).add(r.line).add(r.timestamp_ms).add(r.track_id).str();
}
std::string key_of(const ZoneVisitRow& r) {
  return KeyText().add(r.camera).add(r.zone).add(r.enter_ms).add(r.track_id).str();
}
std::string key_of(const ZoneCountRow& r) { return KeyText().add(r.camera).add(r.zone).add(r.timestamp_ms).str(); }
std::string key_of(const HeatmapRow& r) { return KeyText().add(r.camera).add(r.hour_ms).str(); }
std::string key_of(const StoreOccupancyRow& r) {
  return KeyText().add(r.store).add(r.timestamp_ms).add(r.event).str();
}

// The last row of each key, in batch order: one INSERT ... ON CONFLICT DO UPDATE may not touch a row twice, and a
// later row of a batch replaces an earlier one with the same key (as row-by-row upserts would).
template <typename Row>
std::vector<const Row*> last_per_key(std::span<const Row> rows) {
  std::vector<const Row*> kept;
  kept.reserve(rows.size());
  if (rows.size() == 1) {
    kept.push_back(&rows.front());
    return kept;
  }
  std::unordered_set<std::string> seen;
  seen.reserve(rows.size());
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (seen.insert(key_of(*it)).second) kept.push_back(&*it);
  }
  std::reverse(kept.begin(), kept.end());
  return kept;
}

// Adds `statement` with one array per column, filled by `fill(arrays, row)` for each row kept.
template <std::size_t N, typename Row, typename Fill>
void bulk_upsert(Script& script, const char* statement, std::span<const Row> rows, Fill fill) {
  if (rows.empty()) return;
  std::array<ArrayLiteral, N> arrays;
  for (const Row* row : last_per_key(rows)) fill(arrays, *row);
  std::array<std::string, N> arguments;
  for (std::size_t i = 0; i < N; ++i) arguments[i] = arrays[i].str();
  script.execute(statement, arguments);
}

std::int64_t wide(int value) { return value; }

void upsert(Script& script, std::span<const CountRow> rows) {
  bulk_upsert<8>(script, kUpsertCounts, rows, [](auto& a, const CountRow& r) {
    a[0].add(r.camera);
    a[1].add(r.timestamp_ms);
    a[2].add(wide(r.count));
    a[3].add(double{r.mean_confidence});
    a[4].add(r.model);
    a[5].add(wide(r.frame_width));
    a[6].add(wide(r.frame_height));
    if (r.tracked) {
      a[7].add(wide(*r.tracked));
    } else {
      a[7].add_null();
    }
  });
}

void upsert(Script& script, std::span<const CrossingRow> rows) {
  bulk_upsert<5>(script, kUpsertCrossings, rows, [](auto& a, const CrossingRow& r) {
    a[0].add(r.camera);
    a[1].add(r.line);
    a[2].add(r.timestamp_ms);
    a[3].add(r.track_id);
    a[4].add(r.direction);
  });
}

void upsert(Script& script, std::span<const ZoneVisitRow> rows) {
  bulk_upsert<6>(script, kUpsertVisits, rows, [](auto& a, const ZoneVisitRow& r) {
    a[0].add(r.camera);
    a[1].add(r.zone);
    a[2].add(r.track_id);
    a[3].add(r.enter_ms);
    a[4].add(r.exit_ms);
    a[5].add(r.dwell_ms);
  });
}

void upsert(Script& script, std::span<const ZoneCountRow> rows) {
  bulk_upsert<6>(script, kUpsertZoneCounts, rows, [](auto& a, const ZoneCountRow& r) {
    a[0].add(r.camera);
    a[1].add(r.zone);
    a[2].add(r.timestamp_ms);
    a[3].add(wide(r.occupancy));
    if (r.queue_length) {
      a[4].add(wide(*r.queue_length));
    } else {
      a[4].add_null();
    }
    a[5].add(r.queue_wait_s);
  });
}

void upsert(Script& script, std::span<const HeatmapRow> rows) {
  bulk_upsert<8>(script, kUpsertHeatmaps, rows, [](auto& a, const HeatmapRow& r) {
    a[0].add(r.camera);
    a[1].add(r.hour_ms);
    a[2].add(wide(r.frame_width));
    a[3].add(wide(r.frame_height));
    a[4].add(wide(r.cols));
    a[5].add(wide(r.rows));
    a[6].add(to_bytea_hex(encode_heatmap_cells(r.cells)));
    a[7].add(r.through_ms);
  });
}

void upsert(Script& script, std::span<const StoreOccupancyRow> rows) {
  bulk_upsert<7>(script, kUpsertStoreOccupancy, rows, [](auto& a, const StoreOccupancyRow& r) {
    a[0].add(r.store);
    a[1].add(r.timestamp_ms);
    a[2].add(wide(r.occupancy));
    a[3].add(r.entries);
    a[4].add(r.exits);
    a[5].add(r.drift);
    a[6].add(r.event);
  });
}

// FNV-1a of "kind\0name": the advisory lock key of a camera or a store. A collision only makes two writers take
// turns.
std::int32_t lock_key(std::string_view kind, std::string_view name) {
  std::uint32_t hash = 2166136261u;
  auto mix = [&hash](std::string_view text) {
    for (const char c : text) {
      hash ^= static_cast<std::uint8_t>(c);
      hash *= 16777619u;
    }
  };
  mix(kind);
  mix(std::string_view("\0", 1));
  mix(name);
  return static_cast<std::int32_t>(hash);
}

void lock_keys(Script& script, const WriteBatch& batch) {
  std::vector<std::int32_t> keys;
  auto camera = [&keys](const std::string& name) { keys.push_back(lock_key("camera", name)); };
  for (const auto& r : batch.counts) camera(r.camera);
  for (const auto& r : batch.crossings) camera(r.camera);
  for (const auto& r : batch.visits) camera(r.camera);
  for (const auto& r : batch.zone_counts) camera(r.camera);
  for (const auto& r : batch.heatmaps) camera(r.camera);
  for (const auto& r : batch.store_occupancy) keys.push_back(lock_key("store", r.store));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  ArrayLiteral array;
  for (const std::int32_t key : keys) array.add(std::int64_t{key});
  const std::string argument = array.str();
  script.execute(kLockKeys, {&argument, 1});
}

// Errors a row's values cause (bad data, a constraint, a trigger's RAISE): the batch is refused, not the server.
bool is_row_error(const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  return state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 || state.rfind("P0", 0) == 0;
}

struct RefusedRow {
  std::string row;
  std::string message;
};

// After a batch failed on a row's values: writes its rows one at a time, in batch order, in a transaction that is
// rolled back, and returns the first that fails on its own.
std::optional<RefusedRow> first_refused_row(pqxx::connection& connection, const WriteBatch& batch) {
  pqxx::nontransaction tx(connection);
  tx.exec("BEGIN");
  std::optional<RefusedRow> refused;
  auto probe = [&](auto rows) {
    if (refused) return;
    for (const auto& row : rows) {
      Script script(connection);
      upsert(script, std::span(&row, 1));
      try {
        tx.exec(script.text());
      } catch (const pqxx::sql_error& e) {
        if (!is_row_error(e)) throw;
        refused = RefusedRow{describe_row(row), one_line(e.what())};
        return;
      }
    }
  };
  try {
    probe(batch.counts);
    probe(batch.crossings);
    probe(batch.visits);
    probe(batch.zone_counts);
    probe(batch.heatmaps);
    probe(batch.store_occupancy);
  } catch (...) {
    run_script(connection, "ROLLBACK");
    throw;
  }
  tx.exec("ROLLBACK");
  return refused;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url, std::size_t max_connections)
    : pool_(
          connection_url(url), mask_password(url), max_connections,
          [this](pqxx::connection& connection) { return first_contact(connection); }, "migrating the schema",
          [](pqxx::connection& connection) {
            // Every statement of the write path, prepared once per connection (one round trip).
            pqxx::nontransaction tx(connection);
            tx.exec(prepare_statements() + prepare_rollup_statements());
          }) {}

Status PostgresStore::first_contact(pqxx::connection& connection) {
  auto migrated = migrate(connection, pool_.masked_url());
  if (!migrated) return migrated.error();
  // Migrating from before version 3 created the rollup tables; SQL alone cannot roll up the events already stored.
  if (migrated->before >= 1 && migrated->before < 3) rebuild_event_hours(connection);
  version_.store(migrated->after);
  if (deferred_.load()) {
    spdlog::info("database {}: reached the server, schema v{}", pool_.masked_url(), migrated->after);
  }
  return Status::success();
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url, const StoreOpenOptions& options,
                                                           std::size_t max_connections) {
  auto store = std::unique_ptr<PostgresStore>(new PostgresStore(url, max_connections));
  Status contact = store->pool_.ensure_contact();
  if (contact) return store;
  if (!options.defer_connection || !contact.error().unavailable) return contact.error();
  store->deferred_.store(true);
  store->pool_.set_deferred();
  spdlog::warn("{}; opening anyway: the schema is checked on the first call that reaches the server, and calls "
               "fail as unavailable until then",
               contact.error().message);
  return store;
}

std::string PostgresStore::prepare_statements() {
  const std::pair<const char*, std::string_view> statements[] = {
      {kUpsertCounts, kUpsertCountsSql},       {kUpsertCrossings, kUpsertCrossingsSql},
      {kUpsertVisits, kUpsertVisitsSql},       {kUpsertZoneCounts, kUpsertZoneCountsSql},
      {kUpsertHeatmaps, kUpsertHeatmapsSql},   {kUpsertStoreOccupancy, kUpsertStoreOccupancySql},
      {kLockKeys, kLockKeysSql},
  };
  std::string sql;
  for (const auto& [name, text] : statements) sql.append("PREPARE ").append(name).append(" AS ").append(text).append(";\n");
  return sql;
}

Status PostgresStore::write(const WriteBatch& batch) {
  if (batch.empty()) return Status::success();
  for (const HeatmapRow& row : batch.heatmaps) {
    if (row.cols <= 0 || row.rows <= 0 ||
        row.cells.size() != static_cast<std::size_t>(row.cols) * static_cast<std::size_t>(row.rows)) {
      return make_error("database " + pool_.masked_url() + ": writing " + describe_row(row) + ": " +
                        std::to_string(row.cells.size()) +
                        " cells do not fill the grid; nothing of this batch was written");
    }
  }
  const std::string what = "writing " + describe_batch(batch);
  return pool_.run<Status>(what, [&](pqxx::connection& connection) -> Status {
    // The whole write in one round trip: the rows, then the rollups they touch, in one transaction.
    Script script(connection);
    script.add("BEGIN");
    // The statements' generic plans (made once per connection, they read each key's span through its primary key):
    // planning each execution for its arrays' sizes would cost more than running it.
    script.add("SET LOCAL plan_cache_mode = force_generic_plan");
    lock_keys(script, batch);
    upsert(script, batch.counts);
    upsert(script, batch.crossings);
    upsert(script, batch.visits);
    upsert(script, batch.zone_counts);
    upsert(script, batch.heatmaps);
    upsert(script, batch.store_occupancy);
    refresh_rollups(script, batch);
    script.add("COMMIT");
    std::string failure;
    try {
      run_script(connection, script.text());
      return Status::success();
    } catch (const pqxx::sql_error& e) {
      if (!is_row_error(e)) throw;
      failure = one_line(e.what());
    }
    const std::string prefix = "database " + pool_.masked_url() + ": writing ";
    if (auto refused = first_refused_row(connection, batch)) {
      return make_error(prefix + refused->row + "; nothing of this batch was written: " + refused->message);
    }
    return make_error(prefix + describe_batch(batch) + "; nothing of this batch was written: " + failure);
  });
}

Status PostgresStore::write_gap(const SourceGap& gap) {
  const std::string what = "writing gap (camera " + gap.camera + " from " + format_iso8601(gap.start_ms) + " to " +
                           format_iso8601(gap.end_ms) + ")";
  return pool_.run<Status>(what, [&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    Params params;
    params.add(gap.camera).add(std::int64_t{gap.start_ms}).add(std::int64_t{gap.end_ms}).add(gap.reason);
    tx.exec_params(std::string(kUpsertGapSql), params.dynamic());
    return Status::success();
  });
}

PostgresStore::Query PostgresStore::range_query(std::string select_where, const char* order_by,
                                                const CountQuery& query, const char* camera_column,
                                                const char* name_column) {
  Query q;
  q.params.add(std::int64_t{query.from_ms}).add(std::int64_t{query.to_ms});
  int next = 3;
  if (query.camera) {
    select_where += std::string(" AND ") + camera_column + " = $" + std::to_string(next++);
    q.params.add(*query.camera);
  }
  if (query.name && name_column != nullptr) {
    select_where += std::string(" AND ") + name_column + " = $" + std::to_string(next++);
    q.params.add(*query.name);
  }
  q.sql = std::move(select_where) + " ORDER BY " + order_by;
  return q;
}

Result<std::vector<CountRow>> PostgresStore::read_counts(const CountQuery& query) {
  return read_rows<CountRow>(
      "reading counts",
      range_query("SELECT camera, ts_ms, count, mean_confidence, model, frame_width, frame_height, tracked FROM counts "
                  "WHERE ts_ms >= $1 AND ts_ms < $2",
                  "camera, ts_ms", query),
      [](const pqxx::row& r) {
        CountRow row;
        row.camera = as_text(r[0]);
        row.timestamp_ms = as_int64(r[1]);
        row.count = as_int(r[2]);
        row.mean_confidence = static_cast<float>(as_double(r[3]));
        row.model = as_text(r[4]);
        row.frame_width = as_int(r[5]);
        row.frame_height = as_int(r[6]);
        row.tracked = as_optional_int(r[7]);
        return row;
      });
}

Result<std::vector<SourceGap>> PostgresStore::read_gaps(const CountQuery& query) {
  return read_rows<SourceGap>(
      "reading gaps",
      range_query("SELECT camera, start_ms, end_ms, reason FROM gaps WHERE start_ms < $2 AND end_ms >= $1",
                  "camera, start_ms", query),
      [](const pqxx::row& r) { return SourceGap{as_text(r[0]), as_int64(r[1]), as_int64(r[2]), as_text(r[3])}; });
}

Result<std::vector<std::string>> PostgresStore::cameras() {
  // The distinct cameras of the two big tables by skipping along their primary keys (one index probe per camera,
  // not a scan of every row), and those of gaps.
  static constexpr const char* kSql = R"sql(
WITH RECURSIVE counted(camera) AS (
  (SELECT camera FROM counts ORDER BY camera LIMIT 1)
  UNION ALL
  SELECT (SELECT c.camera FROM counts c WHERE c.camera > counted.camera ORDER BY c.camera LIMIT 1)
  FROM counted WHERE counted.camera IS NOT NULL
), rolled(camera) AS (
  (SELECT camera FROM count_hours ORDER BY camera LIMIT 1)
  UNION ALL
  SELECT (SELECT h.camera FROM count_hours h WHERE h.camera > rolled.camera ORDER BY h.camera LIMIT 1)
  FROM rolled WHERE rolled.camera IS NOT NULL
)
SELECT camera FROM counted WHERE camera IS NOT NULL
UNION SELECT camera FROM rolled WHERE camera IS NOT NULL
UNION SELECT camera FROM gaps
ORDER BY camera
)sql";
  return read_rows<std::string>("listing cameras", Query{kSql, {}}, [](const pqxx::row& r) { return as_text(r[0]); });
}

std::string PostgresStore::describe() const {
  const std::string connections = "up to " + std::to_string(pool_.max_connections()) + " connections";
  if (!pool_.contacted()) return pool_.masked_url() + " (not connected yet, " + connections + ")";
  return pool_.masked_url() + " (schema v" + std::to_string(version_.load()) + ", " + connections + ")";
}

}  // namespace footfall::postgres

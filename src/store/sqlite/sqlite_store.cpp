#include "sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>
#include <utility>

#include "footfall/store/heatmap_cells.h"
#include "sqlite/migrations.h"

namespace footfall::sqlite {

namespace {

constexpr std::string_view kUpsertCount = R"sql(
INSERT INTO counts (camera, ts_ms, count, mean_confidence, model, frame_width, frame_height, tracked)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (camera, ts_ms) DO UPDATE SET
  count = excluded.count, mean_confidence = excluded.mean_confidence, model = excluded.model,
  frame_width = excluded.frame_width, frame_height = excluded.frame_height, tracked = excluded.tracked
)sql";

constexpr std::string_view kUpsertGap = R"sql(
INSERT INTO gaps (camera, start_ms, end_ms, reason) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (camera, start_ms) DO UPDATE SET end_ms = excluded.end_ms, reason = excluded.reason
)sql";

constexpr std::string_view kUpsertCrossing = R"sql(
INSERT INTO crossings (camera, line, ts_ms, track_id, direction) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (camera, line, ts_ms, track_id) DO UPDATE SET direction = excluded.direction
)sql";

constexpr std::string_view kUpsertVisit = R"sql(
INSERT INTO zone_visits (camera, zone, track_id, enter_ms, exit_ms, dwell_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (camera, zone, enter_ms, track_id) DO UPDATE SET exit_ms = excluded.exit_ms, dwell_ms = excluded.dwell_ms
)sql";

constexpr std::string_view kUpsertZoneCount = R"sql(
INSERT INTO zone_counts (camera, zone, ts_ms, occupancy, queue_length, queue_wait_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (camera, zone, ts_ms) DO UPDATE SET
  occupancy = excluded.occupancy, queue_length = excluded.queue_length, queue_wait_s = excluded.queue_wait_s
)sql";

constexpr std::string_view kUpsertHeatmap = R"sql(
INSERT INTO heatmaps (camera, hour_ms, frame_width, frame_height, cols, rows, cells, through_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (camera, hour_ms) DO UPDATE SET
  frame_width = excluded.frame_width, frame_height = excluded.frame_height, cols = excluded.cols,
  rows = excluded.rows, cells = excluded.cells, through_ms = excluded.through_ms
)sql";

constexpr std::string_view kUpsertStoreOccupancy = R"sql(
INSERT INTO store_occupancy (store, ts_ms, occupancy, entries, exits, drift, event)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (store, ts_ms, event) DO UPDATE SET
  occupancy = excluded.occupancy, entries = excluded.entries, exits = excluded.exits, drift = excluded.drift
)sql";

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

// How long a writer waits for another connection's lock (another footfall process on the same file, a reader
// running a long export) before giving up with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

bool is_special_path(const std::string& path) { return path == ":memory:" || path.rfind("file:", 0) == 0; }

Status prepare_location(const std::string& path) {
  if (path.empty()) return make_error("database: empty path");
  if (is_special_path(path)) return Status::success();
  const std::filesystem::path file(path);
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return make_error("database " + path + ": is a directory");
  const std::filesystem::path parent = file.parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return make_error("database " + path + ": cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  return Status::success();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  if (Status s = prepare_location(path); !s) return s.error();
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  Connection& db = *connection;

  if (Status s = db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), "setting busy_timeout"); !s) {
    return s.error();
  }
  // The first statement that touches the file: a path in a read-only place or a file that is not a database
  // fails here, with SQLite's message.
  auto journal = db.query_text("PRAGMA journal_mode = WAL", "enabling WAL journal");
  if (!journal) return journal.error();
  const bool wal = *journal == "wal";
  if (!wal && !is_special_path(path)) {
    spdlog::warn("database {}: WAL journal not available (journal_mode is {}); writes are slower", path, *journal);
  }
  // In WAL mode NORMAL syncs only at checkpoints: a killed process loses nothing it committed.
  if (Status s = db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", "setting pragmas"); !s) {
    return s.error();
  }

  auto before = db.query_int("PRAGMA user_version", "reading the schema version");
  if (!before) return before.error();
  auto version = migrate(db);
  if (!version) return version.error();

  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*connection), *version, wal));
  if (Status s = store->prepare_statements(); !s) return s.error();
  if (*before >= 1 && *before < 3) {
    // Schema v3 added hourly store occupancy (time-weighted) and visit hours (exact medians), which SQL alone
    // cannot derive.
    std::lock_guard lock(store->mutex_);
    Transaction tx(store->connection_);
    if (Status s = tx.begin("rolling up store occupancy"); !s) return s.error();
    if (Status s = store->rebuild_all_store_occupancy_hours(); !s) return s.error();
    if (Status s = store->rebuild_all_visit_hours(); !s) return s.error();
    if (Status s = tx.commit("rolling up store occupancy"); !s) return s.error();
  }
  return store;
}

Status SqliteStore::prepare_statements() {
  const std::pair<Statement*, std::string_view> statements[] = {
      {&upsert_count_, kUpsertCount},       {&upsert_gap_, kUpsertGap},
      {&upsert_crossing_, kUpsertCrossing}, {&upsert_visit_, kUpsertVisit},
      {&upsert_zone_count_, kUpsertZoneCount}, {&upsert_heatmap_, kUpsertHeatmap},
      {&upsert_store_occupancy_, kUpsertStoreOccupancy},
  };
  for (const auto& [statement, sql] : statements) {
    auto prepared = connection_.prepare(sql);
    if (!prepared) return prepared.error();
    *statement = std::move(*prepared);
  }
  return prepare_rollup_statements();
}

SqliteStore::SqliteStore(Connection connection, int version, bool wal)
    : connection_(std::move(connection)), version_(version), wal_(wal) {}

Status SqliteStore::write(const WriteBatch& batch) {
  if (batch.empty()) return Status::success();
  std::lock_guard lock(mutex_);
  const std::string what = "writing " + describe_batch(batch);
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s;
  // A failed row returns at once; the transaction guard rolls back everything of this batch.
  for (const CountRow& row : batch.counts) {
    if (Status s = upsert(row); !s) return s;
  }
  for (const CrossingRow& row : batch.crossings) {
    if (Status s = upsert(row); !s) return s;
  }
  for (const ZoneVisitRow& row : batch.visits) {
    if (Status s = upsert(row); !s) return s;
  }
  for (const ZoneCountRow& row : batch.zone_counts) {
    if (Status s = upsert(row); !s) return s;
  }
  for (const HeatmapRow& row : batch.heatmaps) {
    if (Status s = upsert(row); !s) return s;
  }
  for (const StoreOccupancyRow& row : batch.store_occupancy) {
    if (Status s = upsert(row); !s) return s;
  }
  if (Status s = refresh_rollups(batch); !s) return s;
  return tx.commit(what);
}

Status SqliteStore::run(Statement& stmt, const std::string& what) {
  Status status;
  if (stmt.step() != SQLITE_DONE) {
    status = connection_.error("writing " + what + "; nothing of this batch was written");
  }
  stmt.reset();
  return status;
}

Status SqliteStore::upsert(const CountRow& row) {
  Statement& st = upsert_count_;
  st.bind(1, row.camera);
  st.bind(2, std::int64_t{row.timestamp_ms});
  st.bind(3, std::int64_t{row.count});
  st.bind(4, double{row.mean_confidence});
  st.bind(5, row.model);
  st.bind(6, std::int64_t{row.frame_width});
  st.bind(7, std::int64_t{row.frame_height});
  if (row.tracked) {
    st.bind(8, std::int64_t{*row.tracked});
  } else {
    st.bind_null(8);
  }
  return run(st, "count (camera " + row.camera + " at " + format_iso8601(row.timestamp_ms) + ", count " +
                     std::to_string(row.count) + ")");
}

Status SqliteStore::upsert(const CrossingRow& row) {
  Statement& st = upsert_crossing_;
  st.bind(1, row.camera);
  st.bind(2, row.line);
  st.bind(3, std::int64_t{row.timestamp_ms});
  st.bind(4, std::int64_t{row.track_id});
  st.bind(5, row.direction);
  return run(st, "crossing (camera " + row.camera + ", line " + row.line + " at " + format_iso8601(row.timestamp_ms) +
                     ", track " + std::to_string(row.track_id) + ", direction '" + row.direction + "')");
}

Status SqliteStore::upsert(const ZoneVisitRow& row) {
  Statement& st = upsert_visit_;
  st.bind(1, row.camera);
  st.bind(2, row.zone);
  st.bind(3, std::int64_t{row.track_id});
  st.bind(4, std::int64_t{row.enter_ms});
  st.bind(5, std::int64_t{row.exit_ms});
  st.bind(6, std::int64_t{row.dwell_ms});
  return run(st, "zone visit (camera " + row.camera + ", zone " + row.zone + ", track " +
                     std::to_string(row.track_id) + " from " + format_iso8601(row.enter_ms) + " to " +
                     format_iso8601(row.exit_ms) + ")");
}

Status SqliteStore::upsert(const ZoneCountRow& row) {
  Statement& st = upsert_zone_count_;
  st.bind(1, row.camera);
  st.bind(2, row.zone);
  st.bind(3, std::int64_t{row.timestamp_ms});
  st.bind(4, std::int64_t{row.occupancy});
  if (row.queue_length) {
    st.bind(5, std::int64_t{*row.queue_length});
  } else {
    st.bind_null(5);
  }
  if (row.queue_wait_s) {
    st.bind(6, *row.queue_wait_s);
  } else {
    st.bind_null(6);
  }
  return run(st, "zone count (camera " + row.camera + ", zone " + row.zone + " at " +
                     format_iso8601(row.timestamp_ms) + ", occupancy " + std::to_string(row.occupancy) + ")");
}

Status SqliteStore::upsert(const HeatmapRow& row) {
  const std::string what = "heatmap (camera " + row.camera + ", hour " + format_iso8601(row.hour_ms) + ", " +
                            std::to_string(row.cols) + "x" + std::to_string(row.rows) + ")";
  if (row.cols <= 0 || row.rows <= 0 ||
      row.cells.size() != static_cast<std::size_t>(row.cols) * static_cast<std::size_t>(row.rows)) {
    return make_error("database " + connection_.path() + ": writing " + what + ": " + std::to_string(row.cells.size()) +
                      " cells do not fill the grid; nothing of this batch was written");
  }
  Statement& st = upsert_heatmap_;
  st.bind(1, row.camera);
  st.bind(2, std::int64_t{row.hour_ms});
  st.bind(3, std::int64_t{row.frame_width});
  st.bind(4, std::int64_t{row.frame_height});
  st.bind(5, std::int64_t{row.cols});
  st.bind(6, std::int64_t{row.rows});
  st.bind_blob(7, encode_heatmap_cells(row.cells));
  st.bind(8, std::int64_t{row.through_ms});
  return run(st, what);
}

Status SqliteStore::upsert(const StoreOccupancyRow& row) {
  Statement& st = upsert_store_occupancy_;
  st.bind(1, row.store);
  st.bind(2, std::int64_t{row.timestamp_ms});
  st.bind(3, std::int64_t{row.occupancy});
  st.bind(4, std::int64_t{row.entries});
  st.bind(5, std::int64_t{row.exits});
  if (row.drift) {
    st.bind(6, std::int64_t{*row.drift});
  } else {
    st.bind_null(6);
  }
  st.bind(7, row.event);
  return run(st, "store occupancy (store " + row.store + " at " + format_iso8601(row.timestamp_ms) + ", " +
                     row.event + ", occupancy " + std::to_string(row.occupancy) + ")");
}

Status SqliteStore::write_gap(const SourceGap& gap) {
  std::lock_guard lock(mutex_);
  upsert_gap_.bind(1, gap.camera);
  upsert_gap_.bind(2, std::int64_t{gap.start_ms});
  upsert_gap_.bind(3, std::int64_t{gap.end_ms});
  upsert_gap_.bind(4, gap.reason);
  const int rc = upsert_gap_.step();
  Status status;
  if (rc != SQLITE_DONE) {
    status = connection_.error("writing gap (camera " + gap.camera + " from " + format_iso8601(gap.start_ms) + " to " +
                               format_iso8601(gap.end_ms) + ")");
  }
  upsert_gap_.reset();
  return status;
}

Result<Statement> SqliteStore::prepare_range_query(std::string select_where, const char* order_by,
                                                   const CountQuery& query, const char* camera_column,
                                                   const char* name_column) {
  if (query.camera) select_where += std::string(" AND ") + camera_column + " = ?3";
  if (query.name && name_column != nullptr) select_where += std::string(" AND ") + name_column + " = ?4";
  select_where += std::string(" ORDER BY ") + order_by;
  auto stmt = connection_.prepare(select_where);
  if (!stmt) return stmt.error();
  stmt->bind(1, std::int64_t{query.from_ms});
  stmt->bind(2, std::int64_t{query.to_ms});
  if (query.camera) stmt->bind(3, *query.camera);
  if (query.name && name_column != nullptr) stmt->bind(4, *query.name);
  return stmt;
}

Result<std::vector<CountRow>> SqliteStore::read_counts(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, ts_ms, count, mean_confidence, model, frame_width, frame_height, tracked FROM counts "
      "WHERE ts_ms >= ?1 AND ts_ms < ?2",
      "camera, ts_ms", query);
  if (!stmt) return stmt.error();
  std::vector<CountRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    CountRow row;
    row.camera = stmt->column_text(0);
    row.timestamp_ms = stmt->column_int64(1);
    row.count = static_cast<int>(stmt->column_int64(2));
    row.mean_confidence = static_cast<float>(stmt->column_double(3));
    row.model = stmt->column_text(4);
    row.frame_width = static_cast<int>(stmt->column_int64(5));
    row.frame_height = static_cast<int>(stmt->column_int64(6));
    if (!stmt->column_is_null(7)) row.tracked = static_cast<int>(stmt->column_int64(7));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading counts");
  return rows;
}

Result<std::vector<SourceGap>> SqliteStore::read_gaps(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query("SELECT camera, start_ms, end_ms, reason FROM gaps WHERE start_ms < ?2 AND end_ms >= ?1",
                                  "camera, start_ms", query);
  if (!stmt) return stmt.error();
  std::vector<SourceGap> gaps;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    gaps.push_back({stmt->column_text(0), stmt->column_int64(1), stmt->column_int64(2), stmt->column_text(3)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading gaps");
  return gaps;
}

Result<std::vector<std::string>> SqliteStore::cameras() {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("SELECT camera FROM count_hours UNION SELECT camera FROM counts UNION SELECT camera FROM gaps ORDER BY camera");
  if (!stmt) return stmt.error();
  std::vector<std::string> names;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) names.push_back(stmt->column_text(0));
  if (rc != SQLITE_DONE) return connection_.error("listing cameras");
  return names;
}

int SqliteStore::schema_version() { return version_; }

std::string SqliteStore::describe() const {
  return "sqlite:" + connection_.path() + " (schema v" + std::to_string(version_) + (wal_ ? ", WAL" : "") + ")";
}

}  // namespace footfall::sqlite

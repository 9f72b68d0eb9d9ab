#include "postgres/migrations.h"

#include <array>

#include "postgres/connection_pool.h"

namespace footfall::postgres {

namespace {

// Version 1: counts and gaps, and the schema_version table itself. Rows are keyed by (camera, timestamp) so that
// re-processing the same frames replaces rather than duplicates. CHECK constraints reject values no pipeline can
// produce, so a broken row fails its whole batch loudly.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE schema_version (
  version     INTEGER     NOT NULL PRIMARY KEY,
  description TEXT        NOT NULL,
  applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE counts (
  camera          TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  ts_ms           BIGINT           NOT NULL,
  count           INTEGER          NOT NULL CHECK (count >= 0),
  mean_confidence DOUBLE PRECISION NOT NULL CHECK (mean_confidence >= 0.0 AND mean_confidence <= 1.0),
  model           TEXT             NOT NULL,
  frame_width     INTEGER          NOT NULL CHECK (frame_width >= 0),
  frame_height    INTEGER          NOT NULL CHECK (frame_height >= 0),
  PRIMARY KEY (camera, ts_ms)
);
-- Range queries over every camera (export, dashboards) read by time.
CREATE INDEX counts_by_time ON counts (ts_ms);

CREATE TABLE gaps (
  camera   TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  start_ms BIGINT           NOT NULL,
  end_ms   BIGINT           NOT NULL CHECK (end_ms >= start_ms),
  reason   TEXT             NOT NULL,
  PRIMARY KEY (camera, start_ms)
);
)sql";

// Version 2 (issue 3, tracking): the tracked count beside each count, line crossings, zone visits, per-frame zone
// occupancy and queues, hourly heatmap grids, the people-free background image, ignore regions, store occupancy.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE counts ADD COLUMN tracked INTEGER CHECK (tracked IS NULL OR tracked >= 0);

CREATE TABLE crossings (
  camera    TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  line      TEXT COLLATE "C" NOT NULL CHECK (length(line) > 0),
  ts_ms     BIGINT           NOT NULL,
  track_id  BIGINT           NOT NULL,
  direction TEXT             NOT NULL CHECK (direction IN ('in', 'out')),
  PRIMARY KEY (camera, line, ts_ms, track_id)
);
CREATE INDEX crossings_by_time ON crossings (ts_ms);

CREATE TABLE zone_visits (
  camera   TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  zone     TEXT COLLATE "C" NOT NULL CHECK (length(zone) > 0),
  track_id BIGINT           NOT NULL,
  enter_ms BIGINT           NOT NULL,
  exit_ms  BIGINT           NOT NULL CHECK (exit_ms >= enter_ms),
  dwell_ms BIGINT           NOT NULL CHECK (dwell_ms >= 0),
  PRIMARY KEY (camera, zone, enter_ms, track_id)
);
CREATE INDEX zone_visits_by_time ON zone_visits (enter_ms);

CREATE TABLE zone_counts (
  camera       TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  zone         TEXT COLLATE "C" NOT NULL CHECK (length(zone) > 0),
  ts_ms        BIGINT           NOT NULL,
  occupancy    INTEGER          NOT NULL CHECK (occupancy >= 0),
  queue_length INTEGER          CHECK (queue_length IS NULL OR queue_length >= 0),
  queue_wait_s DOUBLE PRECISION CHECK (queue_wait_s IS NULL OR queue_wait_s >= 0.0),
  PRIMARY KEY (camera, zone, ts_ms)
);
CREATE INDEX zone_counts_by_time ON zone_counts (ts_ms);

-- cells: rows * cols unsigned LEB128 varints, row-major (include/footfall/store/heatmap_cells.h).
CREATE TABLE heatmaps (
  camera       TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  hour_ms      BIGINT           NOT NULL CHECK (hour_ms % 3600000 = 0),
  frame_width  INTEGER          NOT NULL CHECK (frame_width > 0),
  frame_height INTEGER          NOT NULL CHECK (frame_height > 0),
  cols         INTEGER          NOT NULL CHECK (cols > 0),
  rows         INTEGER          NOT NULL CHECK (rows > 0),
  cells        BYTEA            NOT NULL,
  through_ms   BIGINT           NOT NULL,
  PRIMARY KEY (camera, hour_ms)
);

CREATE TABLE backgrounds (
  camera     TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(camera) > 0),
  updated_ms BIGINT           NOT NULL,
  width      INTEGER          NOT NULL CHECK (width > 0),
  height     INTEGER          NOT NULL CHECK (height > 0),
  png        BYTEA            NOT NULL
);

CREATE TABLE ignore_regions (
  camera     TEXT COLLATE "C" NOT NULL CHECK (length(camera) > 0),
  id         BIGINT           NOT NULL CHECK (id > 0),
  x          DOUBLE PRECISION NOT NULL,
  y          DOUBLE PRECISION NOT NULL,
  width      DOUBLE PRECISION NOT NULL CHECK (width > 0.0),
  height     DOUBLE PRECISION NOT NULL CHECK (height > 0.0),
  origin     TEXT             NOT NULL CHECK (origin IN ('learned', 'operator')),
  created_ms BIGINT           NOT NULL,
  enabled    BOOLEAN          NOT NULL,
  PRIMARY KEY (camera, id)
);

CREATE TABLE store_occupancy (
  store     TEXT COLLATE "C" NOT NULL CHECK (length(store) > 0),
  ts_ms     BIGINT           NOT NULL,
  occupancy INTEGER          NOT NULL CHECK (occupancy >= 0),
  entries   BIGINT           NOT NULL CHECK (entries >= 0),
  exits     BIGINT           NOT NULL CHECK (exits >= 0),
  drift     BIGINT,
  event     TEXT             NOT NULL CHECK (event IN ('opening', 'entry', 'exit', 'closing')),
  PRIMARY KEY (store, ts_ms, event)
);
)sql";

// Version 3 (issue 4, analytics): minute and hour rollups, hourly store occupancy and visit hours, sales, roster and
// the import log. Rollups are derived data, rebuilt from the raw rows of every minute a write touches (in the same
// transaction); existing raw rows are rolled up here once (store occupancy and visit hours by the store on opening).
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE count_minutes (
  camera         TEXT COLLATE "C" NOT NULL,
  start_ms       BIGINT  NOT NULL,
  frames         BIGINT  NOT NULL,
  count_sum      BIGINT  NOT NULL,
  count_min      INTEGER NOT NULL,
  count_max      INTEGER NOT NULL,
  tracked_frames BIGINT  NOT NULL,
  tracked_sum    BIGINT  NOT NULL,
  tracked_min    INTEGER,
  tracked_max    INTEGER,
  PRIMARY KEY (camera, start_ms)
);
CREATE TABLE count_hours (LIKE count_minutes INCLUDING ALL);

CREATE TABLE zone_minutes (
  camera           TEXT COLLATE "C" NOT NULL,
  zone             TEXT COLLATE "C" NOT NULL,
  start_ms         BIGINT           NOT NULL,
  frames           BIGINT           NOT NULL,
  occupancy_sum    BIGINT           NOT NULL,
  occupancy_max    INTEGER          NOT NULL,
  queue_frames     BIGINT           NOT NULL,
  queue_length_sum BIGINT           NOT NULL,
  queue_length_max INTEGER          NOT NULL,
  wait_samples     BIGINT           NOT NULL,
  wait_sum_s       DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (camera, zone, start_ms)
);
CREATE TABLE zone_hours (LIKE zone_minutes INCLUDING ALL);

CREATE TABLE crossing_minutes (
  camera   TEXT COLLATE "C" NOT NULL,
  line     TEXT COLLATE "C" NOT NULL,
  start_ms BIGINT NOT NULL,
  ins      BIGINT NOT NULL,
  outs     BIGINT NOT NULL,
  PRIMARY KEY (camera, line, start_ms)
);
CREATE TABLE crossing_hours (LIKE crossing_minutes INCLUDING ALL);

-- Readers ask for one camera over a time range; the keys lead with (camera, zone|line), so these serve them.
CREATE INDEX zone_minutes_by_camera_time ON zone_minutes (camera, start_ms);
CREATE INDEX zone_hours_by_camera_time ON zone_hours (camera, start_ms);
CREATE INDEX crossing_minutes_by_camera_time ON crossing_minutes (camera, start_ms);
CREATE INDEX crossing_hours_by_camera_time ON crossing_hours (camera, start_ms);
CREATE INDEX zone_visits_by_camera_time ON zone_visits (camera, enter_ms);

-- Zone visits by the UTC hour of their exit: count, dwell sum and the hour's exact median dwell.
CREATE TABLE visit_hours (
  camera          TEXT COLLATE "C" NOT NULL,
  zone            TEXT COLLATE "C" NOT NULL,
  start_ms        BIGINT           NOT NULL,
  visits          BIGINT           NOT NULL,
  dwell_sum_ms    BIGINT           NOT NULL,
  dwell_median_ms DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (camera, zone, start_ms)
);
CREATE INDEX visit_hours_by_camera_time ON visit_hours (camera, start_ms);

CREATE TABLE store_occupancy_hours (
  store    TEXT COLLATE "C" NOT NULL,
  start_ms BIGINT           NOT NULL,
  mean     DOUBLE PRECISION NOT NULL,
  min      INTEGER          NOT NULL,
  max      INTEGER          NOT NULL,
  "end"    INTEGER          NOT NULL,
  PRIMARY KEY (store, start_ms)
);

CREATE TABLE sales (
  store        TEXT COLLATE "C" NOT NULL CHECK (length(store) > 0),
  start_ms     BIGINT           NOT NULL,
  end_ms       BIGINT           NOT NULL CHECK (end_ms >= start_ms),
  transactions BIGINT           NOT NULL CHECK (transactions >= 0),
  amount       DOUBLE PRECISION
);
CREATE INDEX sales_by_store_time ON sales (store, start_ms);

CREATE TABLE roster (
  store   TEXT COLLATE "C" NOT NULL CHECK (length(store) > 0),
  hour_ms BIGINT           NOT NULL CHECK (hour_ms % 3600000 = 0),
  staff   DOUBLE PRECISION NOT NULL CHECK (staff >= 0.0),
  PRIMARY KEY (store, hour_ms)
);

CREATE TABLE imports (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  store       TEXT COLLATE "C" NOT NULL,
  kind        TEXT   NOT NULL CHECK (kind IN ('sales', 'roster')),
  source      TEXT   NOT NULL,
  imported_ms BIGINT NOT NULL,
  from_ms     BIGINT NOT NULL,
  to_ms       BIGINT NOT NULL,
  rows        BIGINT NOT NULL
);

INSERT INTO count_minutes (camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, tracked_sum,
                           tracked_min, tracked_max)
SELECT camera, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, count(*), sum(count), min(count), max(count),
       count(tracked), coalesce(sum(tracked), 0), min(tracked), max(tracked)
FROM counts GROUP BY camera, m;
INSERT INTO count_hours (camera, start_ms, frames, count_sum, count_min, count_max, tracked_frames, tracked_sum,
                         tracked_min, tracked_max)
SELECT camera, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(frames), sum(count_sum),
       min(count_min), max(count_max), sum(tracked_frames), sum(tracked_sum), min(tracked_min), max(tracked_max)
FROM count_minutes GROUP BY camera, h;
INSERT INTO zone_minutes (camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames,
                          queue_length_sum, queue_length_max, wait_samples, wait_sum_s)
SELECT camera, zone, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, count(*), sum(occupancy), max(occupancy),
       count(queue_length), coalesce(sum(queue_length), 0), coalesce(max(queue_length), 0), count(queue_wait_s),
       coalesce(sum(queue_wait_s), 0.0)
FROM zone_counts GROUP BY camera, zone, m;
INSERT INTO zone_hours (camera, zone, start_ms, frames, occupancy_sum, occupancy_max, queue_frames,
                        queue_length_sum, queue_length_max, wait_samples, wait_sum_s)
SELECT camera, zone, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(frames), sum(occupancy_sum),
       max(occupancy_max), sum(queue_frames), sum(queue_length_sum), max(queue_length_max), sum(wait_samples),
       sum(wait_sum_s)
FROM zone_minutes GROUP BY camera, zone, h;
INSERT INTO crossing_minutes (camera, line, start_ms, ins, outs)
SELECT camera, line, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, count(*) FILTER (WHERE direction = 'in'),
       count(*) FILTER (WHERE direction = 'out')
FROM crossings GROUP BY camera, line, m;
INSERT INTO crossing_hours (camera, line, start_ms, ins, outs)
SELECT camera, line, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(ins), sum(outs)
FROM crossing_minutes GROUP BY camera, line, h;
)sql";

// Version 4 (issue 5, server): API tokens. Only the SHA-256 of a token is stored (hex), never the token.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE api_tokens (
  name         TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (length(name) > 0),
  role         TEXT   NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  hash         TEXT   NOT NULL UNIQUE CHECK (length(hash) = 64),
  created_ms   BIGINT NOT NULL,
  last_used_ms BIGINT
);
)sql";

// Version 5 (issue 6, many boxes in one database): the chain's directory, what each box declares about the stores
// and cameras it runs (registry_store.h). `settings` is a JSON document.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE registry (
  kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('store', 'camera')),
  name       TEXT COLLATE "C" NOT NULL CHECK (length(name) > 0),
  settings   TEXT    NOT NULL,
  box        TEXT    NOT NULL,
  updated_ms BIGINT  NOT NULL,
  PRIMARY KEY (kind, name)
);
)sql";

constexpr std::array kMigrations{
    Migration{1, "create counts and gaps", kSchemaV1},
    Migration{2, "tracking: crossings, zones, heatmaps, backgrounds, ignore regions, store occupancy", kSchemaV2},
    Migration{3, "analytics: minute and hour rollups, sales, roster, imports", kSchemaV3},
    Migration{4, "server: API tokens", kSchemaV4},
    Migration{5, "chain: registry of stores and cameras", kSchemaV5},
};

// The version of the database as `tx` sees it: 0 without a schema_version table.
int current_version(pqxx::transaction_base& tx) {
  const pqxx::row exists = tx.exec1("SELECT to_regclass('schema_version') IS NOT NULL");
  if (exists[0].as<std::string>() != "t") return 0;
  return tx.exec1("SELECT coalesce(max(version), 0) FROM schema_version")[0].as<int>();
}

std::string newer_message(const std::string& masked_url, int version) {
  return "database " + masked_url + ": schema version " + std::to_string(version) +
         " is newer than this footfall supports (" + std::to_string(latest_schema_version()) +
         "); use a newer footfall or another database";
}

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

// Holds the session-level advisory lock of schema migrations on `connection` while it lives. A session lock, taken
// before the step's transaction begins, so that the transaction sees the catalog as the previous holder left it.
class MigrationLock {
 public:
  explicit MigrationLock(pqxx::connection& connection) : connection_(connection) {
    pqxx::nontransaction tx(connection_);
    tx.exec_params("SELECT pg_advisory_lock($1, 0)", kLockSpace);
  }
  ~MigrationLock() {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec_params("SELECT pg_advisory_unlock($1, 0)", kLockSpace);
    } catch (...) {
      // The connection broke: the server released the lock with the session.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  pqxx::connection& connection_;
};

Result<MigrationOutcome> migrate(pqxx::connection& connection, const std::string& masked_url) {
  MigrationOutcome outcome;
  {
    pqxx::read_transaction tx(connection);
    outcome.before = current_version(tx);
  }
  if (outcome.before > latest_schema_version()) return make_error(newer_message(masked_url, outcome.before));
  if (outcome.before == latest_schema_version()) {
    outcome.after = outcome.before;
    return outcome;
  }
  // Another box may be migrating the same database: one at a time, and look again once we hold the lock.
  MigrationLock lock(connection);
  {
    pqxx::read_transaction tx(connection);
    outcome.after = current_version(tx);
  }
  if (outcome.after > latest_schema_version()) return make_error(newer_message(masked_url, outcome.after));
  for (const Migration& step : kMigrations) {
    if (step.version <= outcome.after) continue;
    const std::string what = "migration " + std::to_string(step.version) + " (" + std::string(step.description) + ")";
    try {
      pqxx::work tx(connection);
      tx.exec(std::string(step.sql));
      tx.exec_params("INSERT INTO schema_version (version, description) VALUES ($1, $2)", step.version,
                     std::string(step.description));
      tx.commit();
      outcome.after = step.version;
    } catch (const pqxx::sql_error& e) {
      const std::string& state = e.sqlstate();
      // Connection trouble is the caller's to report (unavailable); anything else is this step's failure.
      if (state.rfind("08", 0) == 0 || state.rfind("57P0", 0) == 0 || state.rfind("53", 0) == 0) throw;
      return make_error("database " + masked_url + ": " + what + ": " + one_line(e.what()));
    }
  }
  return outcome;
}

}  // namespace footfall::postgres

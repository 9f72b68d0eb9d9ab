#include "sqlite/migrations.h"

#include <array>
#include <string>

namespace footfall::sqlite {

namespace {

// Rows are keyed by (camera, timestamp) so that re-processing the same frames replaces rather than duplicates;
// WITHOUT ROWID stores each row once, in key order, which is also the order every range query reads.
// CHECK constraints reject values no pipeline can produce, so a broken row fails its whole batch loudly.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE counts (
  camera          TEXT    NOT NULL CHECK (length(camera) > 0),
  ts_ms           INTEGER NOT NULL,
  count           INTEGER NOT NULL CHECK (count >= 0),
  mean_confidence REAL    NOT NULL CHECK (mean_confidence >= 0.0 AND mean_confidence <= 1.0),
  model           TEXT    NOT NULL,
  frame_width     INTEGER NOT NULL CHECK (frame_width >= 0),
  frame_height    INTEGER NOT NULL CHECK (frame_height >= 0),
  PRIMARY KEY (camera, ts_ms)
) WITHOUT ROWID;

-- Range queries over every camera (export, dashboards) read by time.
CREATE INDEX counts_by_time ON counts (ts_ms);

CREATE TABLE gaps (
  camera   TEXT    NOT NULL CHECK (length(camera) > 0),
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL CHECK (end_ms >= start_ms),
  reason   TEXT    NOT NULL,
  PRIMARY KEY (camera, start_ms)
) WITHOUT ROWID;
)sql";

// Version 2 (issue 3, tracking): the tracked count beside each count, line crossings, zone visits, per-frame zone
// occupancy and queues, hourly heatmap grids, the people-free background image, ignore regions, store occupancy.
// Keys make every write an upsert, so replaying the same events is harmless. Tables holding blobs keep a rowid
// (WITHOUT ROWID suits small rows only).
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE counts ADD COLUMN tracked INTEGER CHECK (tracked IS NULL OR tracked >= 0);

CREATE TABLE crossings (
  camera    TEXT    NOT NULL CHECK (length(camera) > 0),
  line      TEXT    NOT NULL CHECK (length(line) > 0),
  ts_ms     INTEGER NOT NULL,
  track_id  INTEGER NOT NULL,
  direction TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
  PRIMARY KEY (camera, line, ts_ms, track_id)
) WITHOUT ROWID;
CREATE INDEX crossings_by_time ON crossings (ts_ms);

CREATE TABLE zone_visits (
  camera   TEXT    NOT NULL CHECK (length(camera) > 0),
  zone     TEXT    NOT NULL CHECK (length(zone) > 0),
  track_id INTEGER NOT NULL,
  enter_ms INTEGER NOT NULL,
  exit_ms  INTEGER NOT NULL CHECK (exit_ms >= enter_ms),
  dwell_ms INTEGER NOT NULL CHECK (dwell_ms >= 0),
  PRIMARY KEY (camera, zone, enter_ms, track_id)
) WITHOUT ROWID;
CREATE INDEX zone_visits_by_time ON zone_visits (enter_ms);

CREATE TABLE zone_counts (
  camera       TEXT    NOT NULL CHECK (length(camera) > 0),
  zone         TEXT    NOT NULL CHECK (length(zone) > 0),
  ts_ms        INTEGER NOT NULL,
  occupancy    INTEGER NOT NULL CHECK (occupancy >= 0),
  queue_length INTEGER CHECK (queue_length IS NULL OR queue_length >= 0),
  queue_wait_s REAL    CHECK (queue_wait_s IS NULL OR queue_wait_s >= 0.0),
  PRIMARY KEY (camera, zone, ts_ms)
) WITHOUT ROWID;
CREATE INDEX zone_counts_by_time ON zone_counts (ts_ms);

-- cells: rows * cols unsigned LEB128 varints, row-major (include/footfall/store/heatmap_cells.h).
CREATE TABLE heatmaps (
  camera       TEXT    NOT NULL CHECK (length(camera) > 0),
  hour_ms      INTEGER NOT NULL CHECK (hour_ms % 3600000 = 0),
  frame_width  INTEGER NOT NULL CHECK (frame_width > 0),
  frame_height INTEGER NOT NULL CHECK (frame_height > 0),
  cols         INTEGER NOT NULL CHECK (cols > 0),
  rows         INTEGER NOT NULL CHECK (rows > 0),
  cells        BLOB    NOT NULL,
  through_ms   INTEGER NOT NULL,
  PRIMARY KEY (camera, hour_ms)
);

CREATE TABLE backgrounds (
  camera     TEXT    NOT NULL PRIMARY KEY CHECK (length(camera) > 0),
  updated_ms INTEGER NOT NULL,
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  png        BLOB    NOT NULL
);

CREATE TABLE ignore_regions (
  camera     TEXT    NOT NULL CHECK (length(camera) > 0),
  id         INTEGER NOT NULL CHECK (id > 0),
  x          REAL    NOT NULL,
  y          REAL    NOT NULL,
  width      REAL    NOT NULL CHECK (width > 0.0),
  height     REAL    NOT NULL CHECK (height > 0.0),
  origin     TEXT    NOT NULL CHECK (origin IN ('learned', 'operator')),
  created_ms INTEGER NOT NULL,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (camera, id)
) WITHOUT ROWID;

CREATE TABLE store_occupancy (
  store     TEXT    NOT NULL CHECK (length(store) > 0),
  ts_ms     INTEGER NOT NULL,
  occupancy INTEGER NOT NULL CHECK (occupancy >= 0),
  entries   INTEGER NOT NULL CHECK (entries >= 0),
  exits     INTEGER NOT NULL CHECK (exits >= 0),
  drift     INTEGER,
  event     TEXT    NOT NULL CHECK (event IN ('opening', 'entry', 'exit', 'closing')),
  PRIMARY KEY (store, ts_ms, event)
) WITHOUT ROWID;
)sql";

// Version 3 (issue 4, analytics): minute and hour rollups of the per-frame tables and of crossings, hourly store
// occupancy, and the sales, roster and import log of each store. Rollups are derived data, rebuilt from the raw rows
// of every minute a write touches (in the same transaction); existing raw rows are rolled up here once.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE count_minutes (
  camera         TEXT    NOT NULL,
  start_ms       INTEGER NOT NULL,
  frames         INTEGER NOT NULL,
  count_sum      INTEGER NOT NULL,
  count_min      INTEGER NOT NULL,
  count_max      INTEGER NOT NULL,
  tracked_frames INTEGER NOT NULL,
  tracked_sum    INTEGER NOT NULL,
  tracked_min    INTEGER,
  tracked_max    INTEGER,
  PRIMARY KEY (camera, start_ms)
) WITHOUT ROWID;
CREATE TABLE count_hours (
  camera         TEXT    NOT NULL,
  start_ms       INTEGER NOT NULL,
  frames         INTEGER NOT NULL,
  count_sum      INTEGER NOT NULL,
  count_min      INTEGER NOT NULL,
  count_max      INTEGER NOT NULL,
  tracked_frames INTEGER NOT NULL,
  tracked_sum    INTEGER NOT NULL,
  tracked_min    INTEGER,
  tracked_max    INTEGER,
  PRIMARY KEY (camera, start_ms)
) WITHOUT ROWID;

CREATE TABLE zone_minutes (
  camera           TEXT    NOT NULL,
  zone             TEXT    NOT NULL,
  start_ms         INTEGER NOT NULL,
  frames           INTEGER NOT NULL,
  occupancy_sum    INTEGER NOT NULL,
  occupancy_max    INTEGER NOT NULL,
  queue_frames     INTEGER NOT NULL,
  queue_length_sum INTEGER NOT NULL,
  queue_length_max INTEGER NOT NULL,
  wait_samples     INTEGER NOT NULL,
  wait_sum_s       REAL    NOT NULL,
  PRIMARY KEY (camera, zone, start_ms)
) WITHOUT ROWID;
CREATE TABLE zone_hours (
  camera           TEXT    NOT NULL,
  zone             TEXT    NOT NULL,
  start_ms         INTEGER NOT NULL,
  frames           INTEGER NOT NULL,
  occupancy_sum    INTEGER NOT NULL,
  occupancy_max    INTEGER NOT NULL,
  queue_frames     INTEGER NOT NULL,
  queue_length_sum INTEGER NOT NULL,
  queue_length_max INTEGER NOT NULL,
  wait_samples     INTEGER NOT NULL,
  wait_sum_s       REAL    NOT NULL,
  PRIMARY KEY (camera, zone, start_ms)
) WITHOUT ROWID;

CREATE TABLE crossing_minutes (
  camera   TEXT    NOT NULL,
  line     TEXT    NOT NULL,
  start_ms INTEGER NOT NULL,
  ins      INTEGER NOT NULL,
  outs     INTEGER NOT NULL,
  PRIMARY KEY (camera, line, start_ms)
) WITHOUT ROWID;
CREATE TABLE crossing_hours (
  camera   TEXT    NOT NULL,
  line     TEXT    NOT NULL,
  start_ms INTEGER NOT NULL,
  ins      INTEGER NOT NULL,
  outs     INTEGER NOT NULL,
  PRIMARY KEY (camera, line, start_ms)
) WITHOUT ROWID;

-- Readers ask for one camera over a time range; the keys lead with (camera, zone|line), so these serve them.
CREATE INDEX zone_minutes_by_camera_time ON zone_minutes (camera, start_ms);
CREATE INDEX zone_hours_by_camera_time ON zone_hours (camera, start_ms);
CREATE INDEX crossing_minutes_by_camera_time ON crossing_minutes (camera, start_ms);
CREATE INDEX crossing_hours_by_camera_time ON crossing_hours (camera, start_ms);
CREATE INDEX zone_visits_by_camera_time ON zone_visits (camera, enter_ms);

-- Zone visits by the UTC hour of their exit: count, dwell sum and the hour's exact median dwell.
CREATE TABLE visit_hours (
  camera          TEXT    NOT NULL,
  zone            TEXT    NOT NULL,
  start_ms        INTEGER NOT NULL,
  visits          INTEGER NOT NULL,
  dwell_sum_ms    INTEGER NOT NULL,
  dwell_median_ms REAL    NOT NULL,
  PRIMARY KEY (camera, zone, start_ms)
) WITHOUT ROWID;
CREATE INDEX visit_hours_by_camera_time ON visit_hours (camera, start_ms);

CREATE TABLE store_occupancy_hours (
  store    TEXT    NOT NULL,
  start_ms INTEGER NOT NULL,
  mean     REAL    NOT NULL,
  min      INTEGER NOT NULL,
  max      INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  PRIMARY KEY (store, start_ms)
) WITHOUT ROWID;

CREATE TABLE sales (
  store        TEXT    NOT NULL CHECK (length(store) > 0),
  start_ms     INTEGER NOT NULL,
  end_ms       INTEGER NOT NULL CHECK (end_ms >= start_ms),
  transactions INTEGER NOT NULL CHECK (transactions >= 0),
  amount       REAL
);
CREATE INDEX sales_by_store_time ON sales (store, start_ms);

CREATE TABLE roster (
  store   TEXT    NOT NULL CHECK (length(store) > 0),
  hour_ms INTEGER NOT NULL CHECK (hour_ms % 3600000 = 0),
  staff   REAL    NOT NULL CHECK (staff >= 0.0),
  PRIMARY KEY (store, hour_ms)
) WITHOUT ROWID;

CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  store       TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('sales', 'roster')),
  source      TEXT    NOT NULL,
  imported_ms INTEGER NOT NULL,
  from_ms     INTEGER NOT NULL,
  to_ms       INTEGER NOT NULL,
  rows        INTEGER NOT NULL
);

INSERT INTO count_minutes
SELECT camera, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, count(*), sum(count), min(count), max(count),
       count(tracked), coalesce(sum(tracked), 0), min(tracked), max(tracked)
FROM counts WHERE 1 GROUP BY camera, m;
INSERT INTO count_hours
SELECT camera, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(frames), sum(count_sum),
       min(count_min), max(count_max), sum(tracked_frames), sum(tracked_sum), min(tracked_min), max(tracked_max)
FROM count_minutes WHERE 1 GROUP BY camera, h;
INSERT INTO zone_minutes
SELECT camera, zone, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, count(*), sum(occupancy), max(occupancy),
       count(queue_length), coalesce(sum(queue_length), 0), coalesce(max(queue_length), 0), count(queue_wait_s),
       coalesce(sum(queue_wait_s), 0.0)
FROM zone_counts WHERE 1 GROUP BY camera, zone, m;
INSERT INTO zone_hours
SELECT camera, zone, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(frames), sum(occupancy_sum),
       max(occupancy_max), sum(queue_frames), sum(queue_length_sum), max(queue_length_max), sum(wait_samples),
       sum(wait_sum_s)
FROM zone_minutes WHERE 1 GROUP BY camera, zone, h;
INSERT INTO crossing_minutes
SELECT camera, line, ts_ms - ((ts_ms % 60000) + 60000) % 60000 AS m, sum(direction = 'in'), sum(direction = 'out')
FROM crossings WHERE 1 GROUP BY camera, line, m;
INSERT INTO crossing_hours
SELECT camera, line, start_ms - ((start_ms % 3600000) + 3600000) % 3600000 AS h, sum(ins), sum(outs)
FROM crossing_minutes WHERE 1 GROUP BY camera, line, h;
)sql";

// Version 4 (issue 5, server): API tokens. Only the SHA-256 of a token is stored (hex), never the token.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE api_tokens (
  name         TEXT    NOT NULL PRIMARY KEY CHECK (length(name) > 0),
  role         TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  hash         TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64),
  created_ms   INTEGER NOT NULL,
  last_used_ms INTEGER
);
)sql";

// Version 5 (issue 6, many boxes in one database): the chain's directory, what each box declares about the stores
// and cameras it runs (registry_store.h). `settings` is a JSON document.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE registry (
  kind       TEXT    NOT NULL CHECK (kind IN ('store', 'camera')),
  name       TEXT    NOT NULL CHECK (length(name) > 0),
  settings   TEXT    NOT NULL,
  box        TEXT    NOT NULL,
  updated_ms INTEGER NOT NULL,
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

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Result<int> migrate(Connection& db) {
  auto application_id = db.query_int("PRAGMA application_id", "reading the application id");
  if (!application_id) return application_id.error();
  if (*application_id != 0 && *application_id != kApplicationId) {
    return make_error("database " + db.path() + ": not a footfall database (application_id " +
                      std::to_string(*application_id) + "); choose another file");
  }

  auto version = db.query_int("PRAGMA user_version", "reading the schema version");
  if (!version) return version.error();
  const int latest = latest_schema_version();
  if (*version > latest) {
    return make_error("database " + db.path() + ": schema version " + std::to_string(*version) +
                      " is newer than this footfall supports (" + std::to_string(latest) +
                      "); use a newer footfall or another database file");
  }

  int current = static_cast<int>(*version);
  for (const Migration& step : kMigrations) {
    if (step.version <= current) continue;
    const std::string what = "migration " + std::to_string(step.version) + " (" + std::string(step.description) + ")";
    Transaction tx(db);
    if (Status s = tx.begin(what); !s) return s.error();
    // Another process may have migrated while we waited for the write lock: look again inside the transaction.
    auto now = db.query_int("PRAGMA user_version", what);
    if (!now) return now.error();
    if (*now >= step.version) {
      current = static_cast<int>(*now);
      continue;
    }
    if (Status s = db.exec(step.sql, what); !s) return s.error();
    // PRAGMA values cannot be bound; both are integers built here, never user input.
    std::string bump = "PRAGMA user_version = " + std::to_string(step.version);
    if (step.version == 1) bump += "; PRAGMA application_id = " + std::to_string(kApplicationId);
    if (Status s = db.exec(bump, what); !s) return s.error();
    if (Status s = tx.commit(what); !s) return s.error();
    current = step.version;
  }
  return current;
}

}  // namespace footfall::sqlite

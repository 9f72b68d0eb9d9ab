// Store: where counts and tracking results go. Interfaces here; backends in src/store/<backend>/, created by
// open_store() from a URL. Implementations are safe to call from several threads (each call is serialised
// internally). Rows are described in rows.h.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/store/registry_store.h"
#include "footfall/store/rollup_rows.h"
#include "footfall/store/rows.h"
#include "footfall/store/token_store.h"

namespace footfall {

// Rows committed together. The spans are views: the caller keeps the rows alive during write().
struct WriteBatch {
  std::span<const CountRow> counts;
  std::span<const CrossingRow> crossings;
  std::span<const ZoneVisitRow> visits;
  std::span<const ZoneCountRow> zone_counts;
  std::span<const HeatmapRow> heatmaps;
  std::span<const StoreOccupancyRow> store_occupancy;

  std::size_t size() const {
    return counts.size() + crossings.size() + visits.size() + zone_counts.size() + heatmaps.size() +
           store_occupancy.size();
  }
  bool empty() const { return size() == 0; }
};

// The rows of a WriteBatch, owned (a WriteBatch only views rows).
struct OwnedBatch {
  std::vector<CountRow> counts;
  std::vector<CrossingRow> crossings;
  std::vector<ZoneVisitRow> visits;
  std::vector<ZoneCountRow> zone_counts;
  std::vector<HeatmapRow> heatmaps;
  std::vector<StoreOccupancyRow> store_occupancy;

  WriteBatch view() const;
};

class CountWriter {
 public:
  virtual ~CountWriter() = default;
  // Writes every row of the batch in one transaction: all or nothing. A row whose key is already stored replaces
  // it (see rows.h for each key); a heatmap row replaces the whole grid of its hour. The error names the first row
  // that was refused and says nothing of the batch was written.
  virtual Status write(const WriteBatch& batch) = 0;
  virtual Status write_gap(const SourceGap& gap) = 0;

  // One kind of row in one transaction (all or nothing).
  Status write_counts(std::span<const CountRow> rows);
  Status write_crossings(std::span<const CrossingRow> rows);
  Status write_zone_visits(std::span<const ZoneVisitRow> rows);
  Status write_zone_counts(std::span<const ZoneCountRow> rows);
  Status write_heatmap(const HeatmapRow& row);
  Status write_store_occupancy(std::span<const StoreOccupancyRow> rows);
};

class CountReader {
 public:
  virtual ~CountReader() = default;
  // Each filters on the named time in [from_ms, to_ms), and on query.camera / query.name when set.
  virtual Result<std::vector<CountRow>> read_counts(const CountQuery& query) = 0;  // by ts; ordered camera, time
  virtual Result<std::vector<SourceGap>> read_gaps(const CountQuery& query) = 0;  // overlapping the range
  virtual Result<std::vector<std::string>> cameras() = 0;
  // By ts; ordered by camera, time, line, track.
  virtual Result<std::vector<CrossingRow>> read_crossings(const CountQuery& query) = 0;
  // By enter_ms; ordered by camera, enter time, zone, track.
  virtual Result<std::vector<ZoneVisitRow>> read_zone_visits(const CountQuery& query) = 0;
  // By ts; ordered by camera, time, zone.
  virtual Result<std::vector<ZoneCountRow>> read_zone_counts(const CountQuery& query) = 0;
  // The hours of `camera` that overlap [from_ms, to_ms), ordered by hour.
  virtual Result<std::vector<HeatmapRow>> read_heatmaps(const std::string& camera, TimestampMs from_ms,
                                                        TimestampMs to_ms) = 0;
  // By ts, query.name = the store; ordered by store, time (at one instant: closing, opening, then the rest).
  virtual Result<std::vector<StoreOccupancyRow>> read_store_occupancy(const CountQuery& query) = 0;
};

// The scene of a camera: its people-free background and its ignore regions (edited by the operator).
class SceneStore {
 public:
  virtual ~SceneStore() = default;
  virtual Status write_background(const BackgroundRow& row) = 0;  // replaces the camera's background
  virtual Result<std::optional<BackgroundRow>> read_background(const std::string& camera) = 0;

  virtual Result<std::vector<IgnoreRegionRow>> read_ignore_regions(const std::string& camera) = 0;  // by id
  // Stores `row` under a new id (1 + the camera's highest id; row.id is ignored) and returns the id.
  virtual Result<std::int64_t> add_ignore_region(const IgnoreRegionRow& row) = 0;
  // Replaces the region (row.camera, row.id); an error when there is no such region.
  virtual Status update_ignore_region(const IgnoreRegionRow& row) = 0;
  // An error when there is no such region.
  virtual Status delete_ignore_region(const std::string& camera, std::int64_t id) = 0;
};

// Minute and hour rollups (rollup_rows.h), kept current by every write. Each filters on start_ms in [from_ms,
// to_ms) (rows whose bucket starts in the range) and on query.camera / query.name when set.
class RollupReader {
 public:
  virtual ~RollupReader() = default;
  virtual Result<std::vector<CountRollupRow>> read_count_rollups(const CountQuery& query, RollupGrain grain) = 0;
  // query.name: the zone.
  virtual Result<std::vector<ZoneRollupRow>> read_zone_rollups(const CountQuery& query, RollupGrain grain) = 0;
  // query.name: the line.
  virtual Result<std::vector<CrossingRollupRow>> read_crossing_rollups(const CountQuery& query, RollupGrain grain) = 0;
  // Hours only (by the hour of exit); query.name: the zone.
  virtual Result<std::vector<VisitRollupRow>> read_visit_rollups(const CountQuery& query) = 0;
  // Hours only; query.name: the store (query.camera is ignored).
  virtual Result<std::vector<StoreOccupancyRollupRow>> read_store_occupancy_rollups(const CountQuery& query) = 0;
};

// Sales and roster of each store, imported from files.
class PlanningStore {
 public:
  virtual ~PlanningStore() = default;
  // In one transaction: deletes the store's sales whose start_ms lies in [record.from_ms, record.to_ms), inserts
  // `rows` (each must lie in that range and belong to record.store) and logs the import. All or nothing.
  virtual Status replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) = 0;
  // Ordered by start time.
  virtual Result<std::vector<SalesRow>> read_sales(const std::string& store, TimestampMs from_ms,
                                                   TimestampMs to_ms) = 0;
  // As replace_sales, for the roster hours in [record.from_ms, record.to_ms).
  virtual Status replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) = 0;
  virtual Result<std::vector<RosterRow>> read_roster(const std::string& store, TimestampMs from_ms,
                                                     TimestampMs to_ms) = 0;
  // The store's imports, oldest first; every store's when `store` is empty.
  virtual Result<std::vector<ImportRecord>> read_imports(const std::string& store) = 0;
};

class Store : public CountWriter,
              public CountReader,
              public SceneStore,
              public RollupReader,
              public PlanningStore,
              public TokenStore,
              public RegistryStore {
 public:
  // Deletes rows older than the policy allows at `now_ms` (raw per-frame rows, then minute and hour rollups; events
  // such as crossings, visits and store occupancy are kept in full). Rollups of the deleted raw rows stay.
  virtual Result<RetentionReport> apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) = 0;
  virtual int schema_version() = 0;
  virtual std::string describe() const = 0;
};

// "sqlite:PATH", "sqlite://PATH" or a plain path (any name) -> SQLite, created with its parent folders if missing,
// migrated to the current schema. Each SQLite Store owns one connection; two Stores on the same file (or two
// processes) are safe, and a writer waits up to 5 s for the other's lock before failing with "database is locked".
// "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAM=VALUE...]" (or "postgres://...") -> PostgreSQL (libpq's
// URL, parameters such as sslmode included), migrated to the current schema, with a pool of up to 4 connections
// made as calls need them (docs/postgresql.md). Without a password in the URL libpq reads PGPASSWORD (or
// ~/.pgpass); config values may also take it from the environment as ${NAME}. Many processes and boxes may write
// into one PostgreSQL database. Another "scheme://" is an error.
// Errors name the path or URL (password masked) and the problem (the database's message, a schema newer than this
// binary, a folder that cannot be created). A PostgreSQL server that cannot be reached, or a connection that drops
// during a call, gives an Error with `unavailable` set (the same call may succeed later).
//
// options.defer_connection (PostgreSQL; SQLite ignores it): for a box that must start while its database server is
// down (its rows go to the spool, spooling_writer.h). When the server cannot be reached at open (only then: a bad
// URL, a wrong password, a missing database or a newer schema still fail the open when the server answers), the
// Store is returned anyway and connects, checks and migrates the schema on the first call that reaches the server
// (once, thread-safe). Until then every call returns an unavailable error naming the URL (password masked); the
// first call that reaches the server returns what the open would have refused as an unavailable error too (rows
// spooled meanwhile must wait for the operator's fix, not be dropped as refused), with the server's reason, and so
// does every call after it until that is fixed. describe() and schema_version() never block:
// before that first contact, describe() says "not connected yet" and schema_version() returns 0.
struct StoreOpenOptions {
  bool defer_connection = false;
};
// True when `url` names a database server (PostgreSQL), false for SQLite (a local file). Names no error: an unknown
// scheme is left to open_store.
bool is_database_server_url(const std::string& url);

Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOpenOptions& options = {});

}  // namespace footfall

// SqliteStore: the Store on one SQLite file. WAL journal with synchronous=NORMAL: a committed transaction survives
// the process being killed at any point (not a power cut mid-checkpoint, which costs at most the last commits).
// One connection guarded by a mutex: every call is serialised, so the store may be shared by camera threads.
// Writes and counts/gaps in sqlite_store.cpp, the other readers in sqlite_readers.cpp, the scene (background,
// ignore regions) in sqlite_scene.cpp, rollups and retention in sqlite_rollups.cpp, sales, roster and imports in
// sqlite_planning.cpp, API tokens in sqlite_tokens.cpp, the registry of stores and cameras in sqlite_registry.cpp.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "footfall/store/store.h"
#include "sqlite/connection.h"

namespace footfall::sqlite {

class SqliteStore final : public Store {
 public:
  // Creates the parent directories and the file if missing, sets the pragmas and migrates the schema.
  // Errors name the path and the problem (a directory that cannot be created, SQLite's message, a schema
  // version newer than this binary).
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Status write(const WriteBatch& batch) override;
  Status write_gap(const SourceGap& gap) override;

  Result<std::vector<CountRow>> read_counts(const CountQuery& query) override;
  Result<std::vector<SourceGap>> read_gaps(const CountQuery& query) override;
  Result<std::vector<std::string>> cameras() override;
  Result<std::vector<CrossingRow>> read_crossings(const CountQuery& query) override;
  Result<std::vector<ZoneVisitRow>> read_zone_visits(const CountQuery& query) override;
  Result<std::vector<ZoneCountRow>> read_zone_counts(const CountQuery& query) override;
  Result<std::vector<HeatmapRow>> read_heatmaps(const std::string& camera, TimestampMs from_ms,
                                                TimestampMs to_ms) override;
  Result<std::vector<StoreOccupancyRow>> read_store_occupancy(const CountQuery& query) override;

  Result<std::vector<CountRollupRow>> read_count_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<ZoneRollupRow>> read_zone_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<CrossingRollupRow>> read_crossing_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<StoreOccupancyRollupRow>> read_store_occupancy_rollups(const CountQuery& query) override;
  Result<std::vector<VisitRollupRow>> read_visit_rollups(const CountQuery& query) override;

  Status replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) override;
  Result<std::vector<SalesRow>> read_sales(const std::string& store, TimestampMs from_ms, TimestampMs to_ms) override;
  Status replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) override;
  Result<std::vector<RosterRow>> read_roster(const std::string& store, TimestampMs from_ms,
                                             TimestampMs to_ms) override;
  Result<std::vector<ImportRecord>> read_imports(const std::string& store) override;

  Result<RetentionReport> apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) override;

  Status write_background(const BackgroundRow& row) override;
  Result<std::optional<BackgroundRow>> read_background(const std::string& camera) override;
  Result<std::vector<IgnoreRegionRow>> read_ignore_regions(const std::string& camera) override;
  Result<std::int64_t> add_ignore_region(const IgnoreRegionRow& row) override;
  Status update_ignore_region(const IgnoreRegionRow& row) override;
  Status delete_ignore_region(const std::string& camera, std::int64_t id) override;

  Status add_token(const ApiTokenRow& row) override;  // sqlite_tokens.cpp
  Result<std::vector<ApiTokenRow>> read_tokens() override;
  Result<std::optional<ApiTokenRow>> find_token_by_hash(const std::string& hash) override;
  Result<std::int64_t> count_tokens() override;
  Status touch_token(const std::string& name, TimestampMs used_ms) override;
  Result<bool> delete_token(const std::string& name) override;

  Status put_registry(std::span<const RegistryEntry> entries) override;  // sqlite_registry.cpp
  Result<std::vector<RegistryEntry>> read_registry() override;

  int schema_version() override;
  std::string describe() const override;

 private:
  SqliteStore(Connection connection, int version, bool wal);
  Status prepare_statements();

  // Caller holds mutex_. `select_where` uses ?1 (from_ms) and ?2 (to_ms); the camera filter (?3), the name filter
  // on `name_column` (?4) and ORDER BY are appended here.
  Result<Statement> prepare_range_query(std::string select_where, const char* order_by, const CountQuery& query,
                                        const char* camera_column = "camera", const char* name_column = nullptr);
  // Caller holds mutex_ and an open transaction. Each binds and runs one upsert; the error names the row.
  Status upsert(const CountRow& row);
  Status upsert(const CrossingRow& row);
  Status upsert(const ZoneVisitRow& row);
  Status upsert(const ZoneCountRow& row);
  Status upsert(const HeatmapRow& row);
  Status upsert(const StoreOccupancyRow& row);
  // Caller holds mutex_ and an open transaction (sqlite_rollups.cpp). Rebuilds the minute and hour rollups of every
  // minute the batch touched, from the raw rows.
  Status prepare_rollup_statements();
  Status refresh_rollups(const WriteBatch& batch);
  // (camera, zone or line; "" for tables keyed by camera alone).
  using RollupKey = std::pair<std::string, std::string>;
  Status run_rollup(Statement& stmt, const RollupKey& key, TimestampMs from_ms, TimestampMs to_ms, const char* what);
  Status refresh_visit_hours(const RollupKey& key, TimestampMs first_exit_ms, TimestampMs last_exit_ms);
  Status refresh_store_occupancy_hours(const std::string& store, TimestampMs first_ms, TimestampMs last_ms);
  Status rebuild_all_store_occupancy_hours();
  Status rebuild_all_visit_hours();
  Status log_import(const ImportRecord& record, const std::string& what);  // sqlite_planning.cpp
  // Runs `stmt` (bound), resets it; on failure the error says `what` and that the batch was not written.
  Status run(Statement& stmt, const std::string& what);

  std::mutex mutex_;
  Connection connection_;
  Statement upsert_count_;
  Statement upsert_gap_;
  Statement upsert_crossing_;
  Statement upsert_visit_;
  Statement upsert_zone_count_;
  Statement upsert_heatmap_;
  Statement upsert_store_occupancy_;
  Statement rollup_count_minutes_;
  Statement rollup_count_hours_;
  Statement rollup_zone_minutes_;
  Statement rollup_zone_hours_;
  Statement rollup_crossing_minutes_;
  Statement rollup_crossing_hours_;
  Statement upsert_store_occupancy_hour_;
  Statement read_visit_dwells_;
  Statement upsert_visit_hour_;
  int version_;
  bool wal_;
};

}  // namespace footfall::sqlite

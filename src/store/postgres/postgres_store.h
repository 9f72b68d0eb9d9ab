// PostgresStore: the Store on a PostgreSQL database (plain SQL: PostgreSQL 12 or later, TimescaleDB too), through a
// small pool of connections (connection_pool.h): up to 4 calls run at once, each on its own connection and in its
// own transaction. Same schema versions, row keys, orderings and rollups as the SQLite backend, so the two pass the
// same tests. Writes and counts/gaps in postgres_store.cpp, the other readers in postgres_readers.cpp, rollups and
// retention in postgres_rollups.cpp, the scene in postgres_scene.cpp, planning data in postgres_planning.cpp, API
// tokens in postgres_tokens.cpp, the registry of stores and cameras in postgres_registry.cpp.
//
// A write is one transaction sent in one round trip (BEGIN; EXECUTE ...; COMMIT as one string of prepared
// statements): it takes an advisory lock per camera (and per store) it touches, upserts each kind of row with one
// statement (INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE; a key repeated within the batch keeps its
// last row), then rebuilds the minute and hour rollups of every minute it touched from the raw rows. The locks make two writers of the same camera (two boxes, two threads) take turns, so each rebuild sees
// the other's committed rows; writers of different cameras never wait for each other.
#pragma once

#include <pqxx/pqxx>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/store/store.h"
#include "postgres/connection_pool.h"
#include "postgres/values.h"

namespace footfall::postgres {

class PostgresStore final : public Store {
 public:
  // Connects (one connection, kept in the pool), checks and migrates the schema and returns the store. `url` as
  // libpq takes it ("postgresql://user:secret@host:5432/db?sslmode=require"; without a password libpq reads
  // PGPASSWORD or ~/.pgpass). Errors name the URL with the password masked; Error.unavailable when the server cannot
  // be reached.
  // With options.defer_connection, a server that cannot be reached (an unavailable error) does not fail the open:
  // the store is returned, and the connection, schema check and migration happen on the first call that reaches the
  // server (once; concurrent callers share one attempt). Until then every call returns the unavailable error, and
  // the first call that reaches the server returns what the open would have (a wrong password, a missing database, a
  // newer schema) as an ordinary error, as does every later call until that is fixed. Other errors (a bad URL, a
  // server that answers and refuses) fail the open as without the option.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& url, const StoreOpenOptions& options = {},
                                                      std::size_t max_connections = 4);

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

  Status add_token(const ApiTokenRow& row) override;
  Result<std::vector<ApiTokenRow>> read_tokens() override;
  Result<std::optional<ApiTokenRow>> find_token_by_hash(const std::string& hash) override;
  Result<std::int64_t> count_tokens() override;
  Status touch_token(const std::string& name, TimestampMs used_ms) override;
  Result<bool> delete_token(const std::string& name) override;

  Status put_registry(std::span<const RegistryEntry> entries) override;  // postgres_registry.cpp
  Result<std::vector<RegistryEntry>> read_registry() override;

  // 0 until the first call that reached the server checked the schema (only after a deferred open), then the
  // version this binary migrated to. Never blocks.
  int schema_version() override { return version_.load(); }
  // "URL (schema v4, up to 4 connections)", or "URL (not connected yet, up to 4 connections)" before the first
  // contact of a deferred open. Never blocks.
  std::string describe() const override;

 private:
  PostgresStore(const std::string& url, std::size_t max_connections);

  // A statement and its parameters.
  struct Query {
    std::string sql;
    Params params;
  };
  // `select_where` uses $1 (from_ms) and $2 (to_ms); the camera filter, the name filter on `name_column` and
  // ORDER BY are appended here.
  static Query range_query(std::string select_where, const char* order_by, const CountQuery& query,
                           const char* camera_column = "camera", const char* name_column = nullptr);

  // Runs one read statement outside a transaction and converts each row.
  template <typename Row, typename Convert>
  Result<std::vector<Row>> read_rows(std::string_view what, const Query& query, Convert convert) {
    return pool_.run<Result<std::vector<Row>>>(what, [&](pqxx::connection& c) -> Result<std::vector<Row>> {
      pqxx::nontransaction tx(c);
      const pqxx::result result = tx.exec_params(query.sql, query.params.dynamic());
      std::vector<Row> rows;
      rows.reserve(result.size());
      for (const pqxx::row& row : result) rows.push_back(convert(row));
      return rows;
    });
  }

  // Adds to a write's script (postgres_rollups.cpp) the statements that rebuild the rollups of every minute and
  // hour the batch touched, from the raw rows.
  static void refresh_rollups(Script& script, const WriteBatch& batch);
  // Rebuilds the hours of every store occupancy event and every zone visit (after migrating a schema from before
  // version 3, which SQL alone cannot roll up).
  static void rebuild_event_hours(pqxx::connection& connection);
  // PREPARE statements of the write path, run on every new connection (the rollups' in postgres_rollups.cpp).
  static std::string prepare_statements();
  static std::string prepare_rollup_statements();

  // The pool's first-contact step: migrates the schema (and rolls up event hours after migrating from before v3).
  Status first_contact(pqxx::connection& connection);

  ConnectionPool pool_;
  std::atomic<int> version_{0};       // set by first_contact()
  std::atomic<bool> deferred_{false};  // opened while the server could not be reached
};

}  // namespace footfall::postgres

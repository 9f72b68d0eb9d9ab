// A Store whose writes go through the edge spool: rows the database cannot take now (it is unreachable) wait on
// local disk and are replayed in order when it is back (spooling_writer.h); every read, and everything that is not a
// row of counts (scene, planning, tokens, retention), goes to the database directly. What the service and the
// server hold, so that a database outage never loses a count.
#pragma once

#include <chrono>
#include <memory>

#include "footfall/spool/spool.h"
#include "footfall/store/spooling_writer.h"
#include "footfall/store/store.h"

namespace footfall {

class SpooledStore final : public Store {
 public:
  // Opens the spool (options.dir) and starts replaying what an earlier run left in it. Errors name the folder.
  static Result<std::unique_ptr<SpooledStore>> create(std::unique_ptr<Store> inner, const SpoolOptions& options);
  ~SpooledStore() override;

  // Replays the spool and waits until it is empty or `timeout` passed (then the rows stay on disk for the next run).
  Status flush(std::chrono::milliseconds timeout);
  SpoolingWriterStats spool_stats() const;

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

  Status write_background(const BackgroundRow& row) override;
  Result<std::optional<BackgroundRow>> read_background(const std::string& camera) override;
  Result<std::vector<IgnoreRegionRow>> read_ignore_regions(const std::string& camera) override;
  Result<std::int64_t> add_ignore_region(const IgnoreRegionRow& row) override;
  Status update_ignore_region(const IgnoreRegionRow& row) override;
  Status delete_ignore_region(const std::string& camera, std::int64_t id) override;

  Result<std::vector<CountRollupRow>> read_count_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<ZoneRollupRow>> read_zone_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<CrossingRollupRow>> read_crossing_rollups(const CountQuery& query, RollupGrain grain) override;
  Result<std::vector<VisitRollupRow>> read_visit_rollups(const CountQuery& query) override;
  Result<std::vector<StoreOccupancyRollupRow>> read_store_occupancy_rollups(const CountQuery& query) override;

  Status replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) override;
  Result<std::vector<SalesRow>> read_sales(const std::string& store, TimestampMs from_ms, TimestampMs to_ms) override;
  Status replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) override;
  Result<std::vector<RosterRow>> read_roster(const std::string& store, TimestampMs from_ms,
                                             TimestampMs to_ms) override;
  Result<std::vector<ImportRecord>> read_imports(const std::string& store) override;

  Status add_token(const ApiTokenRow& row) override;
  Result<std::vector<ApiTokenRow>> read_tokens() override;
  Result<std::optional<ApiTokenRow>> find_token_by_hash(const std::string& hash) override;
  Result<std::int64_t> count_tokens() override;
  Status touch_token(const std::string& name, TimestampMs used_ms) override;
  Result<bool> delete_token(const std::string& name) override;

  Status put_registry(std::span<const RegistryEntry> entries) override;
  Result<std::vector<RegistryEntry>> read_registry() override;

  Result<RetentionReport> apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) override;
  int schema_version() override;
  std::string describe() const override;

 private:
  SpooledStore(std::unique_ptr<Store> inner, std::unique_ptr<Spool> spool);

  std::unique_ptr<Store> inner_;
  std::unique_ptr<Spool> spool_;
  std::unique_ptr<SpoolingCountWriter> writer_;  // declared last: its replay thread stops before the rest goes
};

}  // namespace footfall

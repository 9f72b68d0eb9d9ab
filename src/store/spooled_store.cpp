#include "footfall/store/spooled_store.h"

#include <utility>

namespace footfall {

Result<std::unique_ptr<SpooledStore>> SpooledStore::create(std::unique_ptr<Store> inner, const SpoolOptions& options) {
  auto spool = Spool::open(options);
  if (!spool) return spool.error();
  return std::unique_ptr<SpooledStore>(new SpooledStore(std::move(inner), std::move(*spool)));
}

SpooledStore::SpooledStore(std::unique_ptr<Store> inner, std::unique_ptr<Spool> spool)
    : inner_(std::move(inner)),
      spool_(std::move(spool)),
      writer_(std::make_unique<SpoolingCountWriter>(*inner_, *spool_)) {}

SpooledStore::~SpooledStore() { writer_.reset(); }

Status SpooledStore::flush(std::chrono::milliseconds timeout) { return writer_->flush(timeout); }
SpoolingWriterStats SpooledStore::spool_stats() const { return writer_->stats(); }

// Rows of counts: through the spool.
Status SpooledStore::write(const WriteBatch& batch) { return writer_->write(batch); }
Status SpooledStore::write_gap(const SourceGap& gap) { return writer_->write_gap(gap); }

// Everything else: the database itself.
Result<std::vector<CountRow>> SpooledStore::read_counts(const CountQuery& q) { return inner_->read_counts(q); }
Result<std::vector<SourceGap>> SpooledStore::read_gaps(const CountQuery& q) { return inner_->read_gaps(q); }
Result<std::vector<std::string>> SpooledStore::cameras() { return inner_->cameras(); }
Result<std::vector<CrossingRow>> SpooledStore::read_crossings(const CountQuery& q) { return inner_->read_crossings(q); }
Result<std::vector<ZoneVisitRow>> SpooledStore::read_zone_visits(const CountQuery& q) {
  return inner_->read_zone_visits(q);
}
Result<std::vector<ZoneCountRow>> SpooledStore::read_zone_counts(const CountQuery& q) {
  return inner_->read_zone_counts(q);
}
Result<std::vector<HeatmapRow>> SpooledStore::read_heatmaps(const std::string& camera, TimestampMs from_ms,
                                                            TimestampMs to_ms) {
  return inner_->read_heatmaps(camera, from_ms, to_ms);
}
Result<std::vector<StoreOccupancyRow>> SpooledStore::read_store_occupancy(const CountQuery& q) {
  return inner_->read_store_occupancy(q);
}

Status SpooledStore::write_background(const BackgroundRow& row) { return inner_->write_background(row); }
Result<std::optional<BackgroundRow>> SpooledStore::read_background(const std::string& camera) {
  return inner_->read_background(camera);
}
Result<std::vector<IgnoreRegionRow>> SpooledStore::read_ignore_regions(const std::string& camera) {
  return inner_->read_ignore_regions(camera);
}
Result<std::int64_t> SpooledStore::add_ignore_region(const IgnoreRegionRow& row) {
  return inner_->add_ignore_region(row);
}
Status SpooledStore::update_ignore_region(const IgnoreRegionRow& row) { return inner_->update_ignore_region(row); }
Status SpooledStore::delete_ignore_region(const std::string& camera, std::int64_t id) {
  return inner_->delete_ignore_region(camera, id);
}

Result<std::vector<CountRollupRow>> SpooledStore::read_count_rollups(const CountQuery& q, RollupGrain grain) {
  return inner_->read_count_rollups(q, grain);
}
Result<std::vector<ZoneRollupRow>> SpooledStore::read_zone_rollups(const CountQuery& q, RollupGrain grain) {
  return inner_->read_zone_rollups(q, grain);
}
Result<std::vector<CrossingRollupRow>> SpooledStore::read_crossing_rollups(const CountQuery& q, RollupGrain grain) {
  return inner_->read_crossing_rollups(q, grain);
}
Result<std::vector<VisitRollupRow>> SpooledStore::read_visit_rollups(const CountQuery& q) {
  return inner_->read_visit_rollups(q);
}
Result<std::vector<StoreOccupancyRollupRow>> SpooledStore::read_store_occupancy_rollups(const CountQuery& q) {
  return inner_->read_store_occupancy_rollups(q);
}

Status SpooledStore::replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) {
  return inner_->replace_sales(record, rows);
}
Result<std::vector<SalesRow>> SpooledStore::read_sales(const std::string& store, TimestampMs from_ms,
                                                       TimestampMs to_ms) {
  return inner_->read_sales(store, from_ms, to_ms);
}
Status SpooledStore::replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) {
  return inner_->replace_roster(record, rows);
}
Result<std::vector<RosterRow>> SpooledStore::read_roster(const std::string& store, TimestampMs from_ms,
                                                         TimestampMs to_ms) {
  return inner_->read_roster(store, from_ms, to_ms);
}
Result<std::vector<ImportRecord>> SpooledStore::read_imports(const std::string& store) {
  return inner_->read_imports(store);
}

Status SpooledStore::add_token(const ApiTokenRow& row) { return inner_->add_token(row); }
Result<std::vector<ApiTokenRow>> SpooledStore::read_tokens() { return inner_->read_tokens(); }
Result<std::optional<ApiTokenRow>> SpooledStore::find_token_by_hash(const std::string& hash) {
  return inner_->find_token_by_hash(hash);
}
Result<std::int64_t> SpooledStore::count_tokens() { return inner_->count_tokens(); }
Status SpooledStore::touch_token(const std::string& name, TimestampMs used_ms) {
  return inner_->touch_token(name, used_ms);
}
Result<bool> SpooledStore::delete_token(const std::string& name) { return inner_->delete_token(name); }

Result<RetentionReport> SpooledStore::apply_retention(const RetentionPolicy& policy, TimestampMs now_ms) {
  return inner_->apply_retention(policy, now_ms);
}

Status SpooledStore::put_registry(std::span<const RegistryEntry> entries) { return inner_->put_registry(entries); }
Result<std::vector<RegistryEntry>> SpooledStore::read_registry() { return inner_->read_registry(); }
int SpooledStore::schema_version() { return inner_->schema_version(); }
std::string SpooledStore::describe() const { return inner_->describe() + ", spool " + spool_->dir().string(); }

}  // namespace footfall

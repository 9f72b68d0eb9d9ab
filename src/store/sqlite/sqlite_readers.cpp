// SqliteStore readers of the tracking tables (schema v2): crossings, zone visits, zone counts, heatmaps, store
// occupancy. Counts and gaps are read in sqlite_store.cpp.
#include "footfall/store/heatmap_cells.h"
#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

Result<std::vector<CrossingRow>> SqliteStore::read_crossings(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, line, ts_ms, track_id, direction FROM crossings WHERE ts_ms >= ?1 AND ts_ms < ?2",
      "camera, ts_ms, line, track_id", query, "camera", "line");
  if (!stmt) return stmt.error();
  std::vector<CrossingRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_int64(2), stmt->column_int64(3),
                    stmt->column_text(4)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading crossings");
  return rows;
}

Result<std::vector<ZoneVisitRow>> SqliteStore::read_zone_visits(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, zone, track_id, enter_ms, exit_ms, dwell_ms FROM zone_visits "
      "WHERE enter_ms >= ?1 AND enter_ms < ?2",
      "camera, enter_ms, zone, track_id", query, "camera", "zone");
  if (!stmt) return stmt.error();
  std::vector<ZoneVisitRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_int64(2), stmt->column_int64(3),
                    stmt->column_int64(4), stmt->column_int64(5)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading zone visits");
  return rows;
}

Result<std::vector<ZoneCountRow>> SqliteStore::read_zone_counts(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, zone, ts_ms, occupancy, queue_length, queue_wait_s FROM zone_counts "
      "WHERE ts_ms >= ?1 AND ts_ms < ?2",
      "camera, ts_ms, zone", query, "camera", "zone");
  if (!stmt) return stmt.error();
  std::vector<ZoneCountRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    ZoneCountRow row;
    row.camera = stmt->column_text(0);
    row.zone = stmt->column_text(1);
    row.timestamp_ms = stmt->column_int64(2);
    row.occupancy = static_cast<int>(stmt->column_int64(3));
    if (!stmt->column_is_null(4)) row.queue_length = static_cast<int>(stmt->column_int64(4));
    if (!stmt->column_is_null(5)) row.queue_wait_s = stmt->column_double(5);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading zone counts");
  return rows;
}

Result<std::vector<HeatmapRow>> SqliteStore::read_heatmaps(const std::string& camera, TimestampMs from_ms,
                                                           TimestampMs to_ms) {
  std::lock_guard lock(mutex_);
  // An hour overlaps [from, to) when it starts before `to` and ends after `from`.
  auto stmt = connection_.prepare(
      "SELECT camera, hour_ms, frame_width, frame_height, cols, rows, cells, through_ms FROM heatmaps "
      "WHERE camera = ?1 AND hour_ms < ?3 AND hour_ms > ?2 - 3600000 ORDER BY hour_ms");
  if (!stmt) return stmt.error();
  stmt->bind(1, camera);
  stmt->bind(2, std::int64_t{from_ms});
  stmt->bind(3, std::int64_t{to_ms});
  std::vector<HeatmapRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    HeatmapRow row;
    row.camera = stmt->column_text(0);
    row.hour_ms = stmt->column_int64(1);
    row.frame_width = static_cast<int>(stmt->column_int64(2));
    row.frame_height = static_cast<int>(stmt->column_int64(3));
    row.cols = static_cast<int>(stmt->column_int64(4));
    row.rows = static_cast<int>(stmt->column_int64(5));
    const std::vector<std::uint8_t> blob = stmt->column_blob(6);
    auto cells = decode_heatmap_cells(blob, static_cast<std::size_t>(row.cols) * static_cast<std::size_t>(row.rows));
    if (!cells) {
      return make_error("database " + connection_.path() + ": heatmap of camera " + camera + " for hour " +
                        format_iso8601(row.hour_ms) + ": " + cells.error().message);
    }
    row.cells = std::move(*cells);
    row.through_ms = stmt->column_int64(7);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading heatmaps of camera " + camera);
  return rows;
}

Result<std::vector<StoreOccupancyRow>> SqliteStore::read_store_occupancy(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  CountQuery by_store = query;
  by_store.camera.reset();  // the table has no camera; query.name is the store
  auto stmt = prepare_range_query(
      "SELECT store, ts_ms, occupancy, entries, exits, drift, event FROM store_occupancy "
      "WHERE ts_ms >= ?1 AND ts_ms < ?2",
      "store, ts_ms, CASE event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END", by_store, "store", "store");
  if (!stmt) return stmt.error();
  std::vector<StoreOccupancyRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    StoreOccupancyRow row;
    row.store = stmt->column_text(0);
    row.timestamp_ms = stmt->column_int64(1);
    row.occupancy = static_cast<int>(stmt->column_int64(2));
    row.entries = stmt->column_int64(3);
    row.exits = stmt->column_int64(4);
    if (!stmt->column_is_null(5)) row.drift = stmt->column_int64(5);
    row.event = stmt->column_text(6);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading store occupancy");
  return rows;
}

}  // namespace footfall::sqlite

// PostgresStore readers of the tracking tables (schema v2): crossings, zone visits, zone counts, heatmaps, store
// occupancy. Counts and gaps are read in postgres_store.cpp.
#include "footfall/store/heatmap_cells.h"
#include "postgres/postgres_store.h"

namespace footfall::postgres {

Result<std::vector<CrossingRow>> PostgresStore::read_crossings(const CountQuery& query) {
  return read_rows<CrossingRow>(
      "reading crossings",
      range_query("SELECT camera, line, ts_ms, track_id, direction FROM crossings WHERE ts_ms >= $1 AND ts_ms < $2",
                  "camera, ts_ms, line, track_id", query, "camera", "line"),
      [](const pqxx::row& r) {
        return CrossingRow{as_text(r[0]), as_text(r[1]), as_int64(r[2]), as_int64(r[3]), as_text(r[4])};
      });
}

Result<std::vector<ZoneVisitRow>> PostgresStore::read_zone_visits(const CountQuery& query) {
  return read_rows<ZoneVisitRow>(
      "reading zone visits",
      range_query("SELECT camera, zone, track_id, enter_ms, exit_ms, dwell_ms FROM zone_visits "
                  "WHERE enter_ms >= $1 AND enter_ms < $2",
                  "camera, enter_ms, zone, track_id", query, "camera", "zone"),
      [](const pqxx::row& r) {
        return ZoneVisitRow{as_text(r[0]),  as_text(r[1]),  as_int64(r[2]),
                            as_int64(r[3]), as_int64(r[4]), as_int64(r[5])};
      });
}

Result<std::vector<ZoneCountRow>> PostgresStore::read_zone_counts(const CountQuery& query) {
  return read_rows<ZoneCountRow>(
      "reading zone counts",
      range_query("SELECT camera, zone, ts_ms, occupancy, queue_length, queue_wait_s FROM zone_counts "
                  "WHERE ts_ms >= $1 AND ts_ms < $2",
                  "camera, ts_ms, zone", query, "camera", "zone"),
      [](const pqxx::row& r) {
        return ZoneCountRow{as_text(r[0]), as_text(r[1]),          as_int64(r[2]),
                            as_int(r[3]),  as_optional_int(r[4]), as_optional_double(r[5])};
      });
}

Result<std::vector<HeatmapRow>> PostgresStore::read_heatmaps(const std::string& camera, TimestampMs from_ms,
                                                             TimestampMs to_ms) {
  const std::string what = "reading heatmaps of camera " + camera;
  // An hour overlaps [from, to) when it starts before `to` and ends after `from`.
  Query query{"SELECT camera, hour_ms, frame_width, frame_height, cols, rows, cells, through_ms FROM heatmaps "
              "WHERE camera = $1 AND hour_ms < $3 AND hour_ms > $2::bigint - 3600000 ORDER BY hour_ms",
              {}};
  query.params.add(camera).add(std::int64_t{from_ms}).add(std::int64_t{to_ms});
  auto rows = read_rows<Result<HeatmapRow>>(what, query, [&](const pqxx::row& r) -> Result<HeatmapRow> {
    HeatmapRow row;
    row.camera = as_text(r[0]);
    row.hour_ms = as_int64(r[1]);
    row.frame_width = as_int(r[2]);
    row.frame_height = as_int(r[3]);
    row.cols = as_int(r[4]);
    row.rows = as_int(r[5]);
    const auto blob = from_bytea_hex(std::string_view(r[6].c_str(), r[6].size()));
    if (!blob) return make_error("not a bytea in hex");
    auto cells = decode_heatmap_cells(*blob, static_cast<std::size_t>(row.cols) * static_cast<std::size_t>(row.rows));
    if (!cells) return cells.error();
    row.cells = std::move(*cells);
    row.through_ms = as_int64(r[7]);
    return row;
  });
  if (!rows) return rows.error();
  std::vector<HeatmapRow> heatmaps;
  heatmaps.reserve(rows->size());
  for (auto& row : *rows) {
    if (!row) {
      return make_error("database " + pool_.masked_url() + ": heatmap of camera " + camera + ": " +
                        row.error().message);
    }
    heatmaps.push_back(std::move(*row));
  }
  return heatmaps;
}

Result<std::vector<StoreOccupancyRow>> PostgresStore::read_store_occupancy(const CountQuery& query) {
  CountQuery by_store = query;
  by_store.camera.reset();  // the table has no camera; query.name is the store
  return read_rows<StoreOccupancyRow>(
      "reading store occupancy",
      range_query("SELECT store, ts_ms, occupancy, entries, exits, drift, event FROM store_occupancy "
                  "WHERE ts_ms >= $1 AND ts_ms < $2",
                  "store, ts_ms, CASE event WHEN 'closing' THEN 0 WHEN 'opening' THEN 1 ELSE 2 END", by_store,
                  "store", "store"),
      [](const pqxx::row& r) {
        StoreOccupancyRow row;
        row.store = as_text(r[0]);
        row.timestamp_ms = as_int64(r[1]);
        row.occupancy = as_int(r[2]);
        row.entries = as_int64(r[3]);
        row.exits = as_int64(r[4]);
        row.drift = as_optional_int64(r[5]);
        row.event = as_text(r[6]);
        return row;
      });
}

}  // namespace footfall::postgres

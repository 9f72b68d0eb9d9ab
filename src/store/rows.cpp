#include <numeric>

#include "footfall/store/store.h"

namespace footfall {

CountRow to_row(const FrameCount& count) {
  CountRow row;
  row.camera = count.camera;
  row.timestamp_ms = count.timestamp_ms;
  row.count = count.count;
  row.mean_confidence = count.mean_confidence;
  row.model = count.model;
  row.frame_width = count.frame_width;
  row.frame_height = count.frame_height;
  return row;
}

std::uint64_t HeatmapRow::total() const { return std::accumulate(cells.begin(), cells.end(), std::uint64_t{0}); }

WriteBatch OwnedBatch::view() const {
  WriteBatch batch;
  batch.counts = counts;
  batch.crossings = crossings;
  batch.visits = visits;
  batch.zone_counts = zone_counts;
  batch.heatmaps = heatmaps;
  batch.store_occupancy = store_occupancy;
  return batch;
}

Status CountWriter::write_counts(std::span<const CountRow> rows) {
  WriteBatch batch;
  batch.counts = rows;
  return write(batch);
}

Status CountWriter::write_crossings(std::span<const CrossingRow> rows) {
  WriteBatch batch;
  batch.crossings = rows;
  return write(batch);
}

Status CountWriter::write_zone_visits(std::span<const ZoneVisitRow> rows) {
  WriteBatch batch;
  batch.visits = rows;
  return write(batch);
}

Status CountWriter::write_zone_counts(std::span<const ZoneCountRow> rows) {
  WriteBatch batch;
  batch.zone_counts = rows;
  return write(batch);
}

Status CountWriter::write_heatmap(const HeatmapRow& row) {
  WriteBatch batch;
  batch.heatmaps = {&row, 1};
  return write(batch);
}

Status CountWriter::write_store_occupancy(std::span<const StoreOccupancyRow> rows) {
  WriteBatch batch;
  batch.store_occupancy = rows;
  return write(batch);
}

}  // namespace footfall

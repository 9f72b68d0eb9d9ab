#include "footfall/count/heatmap_grid.h"

#include <algorithm>
#include <string>

namespace footfall {

HeatmapGrid::HeatmapGrid(int frame_width, int frame_height, HeatmapParams params)
    : frame_width_(std::max(frame_width, 1)),
      frame_height_(std::max(frame_height, 1)),
      cols_(std::max(params.cols, 1)),
      rows_(std::max(params.rows, 1)),
      cells_(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_), 0) {}

std::optional<std::pair<int, int>> HeatmapGrid::cell_of(Point p) const {
  if (!(p.x >= 0.0f && p.y >= 0.0f && p.x <= static_cast<float>(frame_width_) &&
        p.y <= static_cast<float>(frame_height_))) {
    return std::nullopt;  // also rejects NaN
  }
  const int col = std::min(cols_ - 1, static_cast<int>(double{p.x} * cols_ / frame_width_));
  const int row = std::min(rows_ - 1, static_cast<int>(double{p.y} * rows_ / frame_height_));
  return std::pair{col, row};
}

bool HeatmapGrid::add(Point p, std::uint64_t weight) {
  const auto cell = cell_of(p);
  if (!cell) return false;
  cells_[static_cast<std::size_t>(cell->second) * cols_ + cell->first] += weight;
  total_ += weight;
  return true;
}

void HeatmapGrid::add(const Tracks& tracks) {
  for (const Track& track : tracks) {
    if (track.confirmed()) add(track.box.bottom_centre());
  }
}

Status HeatmapGrid::merge(const HeatmapGrid& other) {
  if (other.cols_ != cols_ || other.rows_ != rows_) {
    return make_error("heatmap merge: grid " + std::to_string(other.cols_) + "x" + std::to_string(other.rows_) +
                      " does not match " + std::to_string(cols_) + "x" + std::to_string(rows_));
  }
  for (std::size_t i = 0; i < cells_.size(); ++i) cells_[i] += other.cells_[i];
  total_ += other.total_;
  return Status::success();
}

Status HeatmapGrid::add_cells(std::span<const std::uint64_t> cells) {
  if (cells.size() != cells_.size()) {
    return make_error("heatmap: " + std::to_string(cells.size()) + " cell counts for a " + std::to_string(cols_) +
                      "x" + std::to_string(rows_) + " grid");
  }
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    cells_[i] += cells[i];
    total_ += cells[i];
  }
  return Status::success();
}

void HeatmapGrid::clear() {
  std::fill(cells_.begin(), cells_.end(), 0);
  total_ = 0;
}

std::uint64_t HeatmapGrid::max() const {
  return cells_.empty() ? 0 : *std::max_element(cells_.begin(), cells_.end());
}

}  // namespace footfall

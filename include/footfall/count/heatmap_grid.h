// Heatmap grid: counts of confirmed tracks' bottom-centres per cell of a cols x rows grid laid over the frame.
// Accumulation only; rendering and storage live elsewhere.
//
// Contract (pure; not thread-safe): cell (col, row) covers x in [col * W / cols, (col + 1) * W / cols) and likewise
// for y; points on the frame's right or bottom edge fall in the last cell; points outside the frame are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/result.h"
#include "footfall/core/track.h"

namespace footfall {

struct HeatmapParams {
  int cols = 64;
  int rows = 36;
};

class HeatmapGrid {
 public:
  // frame_width, frame_height, cols and rows must be > 0 (values below 1 are raised to 1).
  HeatmapGrid(int frame_width, int frame_height, HeatmapParams params = {});

  // Add `weight` at point p (frame pixels). Returns false when p is outside the frame (nothing added).
  bool add(Point p, std::uint64_t weight = 1);
  // Add the bottom-centre of every confirmed track.
  void add(const Tracks& tracks);
  // Add another grid's counts cell by cell (e.g. hours into a day). Refused when the grid shapes differ.
  Status merge(const HeatmapGrid& other);
  // Add stored counts (row-major, rows() * cols() values, e.g. a stored hour). Refused when the size differs.
  Status add_cells(std::span<const std::uint64_t> cells);
  void clear();

  // (col, row) of the cell holding p; nullopt when p is outside the frame.
  std::optional<std::pair<int, int>> cell_of(Point p) const;
  std::uint64_t at(int col, int row) const { return cells_[static_cast<std::size_t>(row) * cols_ + col]; }
  // Row-major counts, rows() * cols() values.
  const std::vector<std::uint64_t>& cells() const { return cells_; }
  std::uint64_t total() const { return total_; }
  std::uint64_t max() const;

  int cols() const { return cols_; }
  int rows() const { return rows_; }
  int frame_width() const { return frame_width_; }
  int frame_height() const { return frame_height_; }

 private:
  int frame_width_;
  int frame_height_;
  int cols_;
  int rows_;
  std::vector<std::uint64_t> cells_;
  std::uint64_t total_ = 0;
};

}  // namespace footfall

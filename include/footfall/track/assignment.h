// Minimum-cost bipartite assignment (Hungarian method with potentials, O(n^2 m)), used by the tracker to associate
// tracks with detections and by the IDF1 metric to match ground-truth ids with predicted ids. Pure and deterministic.
#pragma once

#include <cassert>
#include <vector>

namespace footfall {

// A dense rows x cols cost matrix, row-major. Costs must be finite.
class CostMatrix {
 public:
  CostMatrix() = default;
  CostMatrix(int rows, int cols, double fill = 0.0)
      : rows_(rows), cols_(cols), values_(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), fill) {
    assert(rows >= 0 && cols >= 0);
  }

  int rows() const { return rows_; }
  int cols() const { return cols_; }
  double& at(int row, int col) { return values_[index(row, col)]; }
  double at(int row, int col) const { return values_[index(row, col)]; }

 private:
  std::size_t index(int row, int col) const {
    assert(row >= 0 && row < rows_ && col >= 0 && col < cols_);
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(col);
  }

  int rows_ = 0;
  int cols_ = 0;
  std::vector<double> values_;
};

struct Assignment {
  std::vector<int> row_to_col;  // per row: assigned column, or -1
  std::vector<int> col_to_row;  // per column: assigned row, or -1
  double cost = 0.0;            // sum of the costs of the assigned pairs
};

// Minimum total cost with min(rows, cols) pairs: every row is assigned when rows <= cols, else every column.
// Ties are broken deterministically (same matrix, same answer).
Assignment solve_assignment(const CostMatrix& cost);

// As above, but a pair is only allowed when its cost is < cost_limit; rows and columns may stay unassigned. This
// minimises (sum of assigned costs) + cost_limit / 2 per unassigned row or column, the cost_limit semantics of
// lapjv as ByteTrack uses it.
Assignment solve_assignment(const CostMatrix& cost, double cost_limit);

}  // namespace footfall

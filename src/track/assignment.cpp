// Hungarian method with row potentials u and column potentials v (shortest augmenting paths, Dijkstra-like),
// O(n^2 m) for n <= m. Indices are 1-based inside solve_rows_le_cols, index 0 being the virtual start column.
#include "footfall/track/assignment.h"

#include <algorithm>
#include <limits>

namespace footfall {
namespace {

// Requires cost.rows() <= cost.cols(). Returns the column assigned to each row.
std::vector<int> solve_rows_le_cols(const CostMatrix& cost) {
  const int n = cost.rows();
  const int m = cost.cols();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(static_cast<std::size_t>(n) + 1, 0.0);
  std::vector<double> v(static_cast<std::size_t>(m) + 1, 0.0);
  std::vector<int> row_of_col(static_cast<std::size_t>(m) + 1, 0);  // p: row matched to column j (0 = none)
  std::vector<int> way(static_cast<std::size_t>(m) + 1, 0);
  std::vector<double> min_slack(static_cast<std::size_t>(m) + 1);
  std::vector<char> used(static_cast<std::size_t>(m) + 1);

  for (int i = 1; i <= n; ++i) {
    row_of_col[0] = i;
    int j0 = 0;
    std::fill(min_slack.begin(), min_slack.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[static_cast<std::size_t>(j0)] = 1;
      const int i0 = row_of_col[static_cast<std::size_t>(j0)];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        const auto ju = static_cast<std::size_t>(j);
        if (used[ju]) continue;
        const double slack = cost.at(i0 - 1, j - 1) - u[static_cast<std::size_t>(i0)] - v[ju];
        if (slack < min_slack[ju]) {
          min_slack[ju] = slack;
          way[ju] = j0;
        }
        if (min_slack[ju] < delta) {
          delta = min_slack[ju];
          j1 = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        const auto ju = static_cast<std::size_t>(j);
        if (used[ju]) {
          u[static_cast<std::size_t>(row_of_col[ju])] += delta;
          v[ju] -= delta;
        } else {
          min_slack[ju] -= delta;
        }
      }
      j0 = j1;
    } while (row_of_col[static_cast<std::size_t>(j0)] != 0);
    do {  // augment along the alternating path
      const int j1 = way[static_cast<std::size_t>(j0)];
      row_of_col[static_cast<std::size_t>(j0)] = row_of_col[static_cast<std::size_t>(j1)];
      j0 = j1;
    } while (j0 != 0);
  }

  std::vector<int> row_to_col(static_cast<std::size_t>(n), -1);
  for (int j = 1; j <= m; ++j) {
    const int row = row_of_col[static_cast<std::size_t>(j)];
    if (row != 0) row_to_col[static_cast<std::size_t>(row - 1)] = j - 1;
  }
  return row_to_col;
}

Assignment from_row_to_col(const CostMatrix& cost, const std::vector<int>& row_to_col) {
  Assignment result;
  result.row_to_col = row_to_col;
  result.col_to_row.assign(static_cast<std::size_t>(cost.cols()), -1);
  for (int r = 0; r < cost.rows(); ++r) {
    const int c = row_to_col[static_cast<std::size_t>(r)];
    if (c < 0) continue;
    result.col_to_row[static_cast<std::size_t>(c)] = r;
    result.cost += cost.at(r, c);
  }
  return result;
}

}  // namespace

Assignment solve_assignment(const CostMatrix& cost) {
  if (cost.rows() == 0 || cost.cols() == 0) {
    return from_row_to_col(cost, std::vector<int>(static_cast<std::size_t>(cost.rows()), -1));
  }
  if (cost.rows() <= cost.cols()) return from_row_to_col(cost, solve_rows_le_cols(cost));

  CostMatrix transposed(cost.cols(), cost.rows());
  for (int r = 0; r < cost.rows(); ++r) {
    for (int c = 0; c < cost.cols(); ++c) transposed.at(c, r) = cost.at(r, c);
  }
  const std::vector<int> col_to_row = solve_rows_le_cols(transposed);
  std::vector<int> row_to_col(static_cast<std::size_t>(cost.rows()), -1);
  for (int c = 0; c < cost.cols(); ++c) {
    const int r = col_to_row[static_cast<std::size_t>(c)];
    if (r >= 0) row_to_col[static_cast<std::size_t>(r)] = c;
  }
  return from_row_to_col(cost, row_to_col);
}

// Clipping every cost at the limit and solving the rectangular problem is equivalent to lapjv's extended square
// problem: with k real pairs, the unassigned rows and columns cost cost_limit * (min(n, m) - k) plus a constant,
// which is exactly what the clipped pairs contribute. Pairs at the limit are then dropped.
Assignment solve_assignment(const CostMatrix& cost, double cost_limit) {
  CostMatrix clipped = cost;
  for (int r = 0; r < cost.rows(); ++r) {
    for (int c = 0; c < cost.cols(); ++c) clipped.at(r, c) = std::min(cost.at(r, c), cost_limit);
  }
  Assignment solved = solve_assignment(clipped);
  std::vector<int> row_to_col = solved.row_to_col;
  for (int r = 0; r < cost.rows(); ++r) {
    const int c = row_to_col[static_cast<std::size_t>(r)];
    if (c >= 0 && !(cost.at(r, c) < cost_limit)) row_to_col[static_cast<std::size_t>(r)] = -1;
  }
  return from_row_to_col(cost, row_to_col);
}

}  // namespace footfall

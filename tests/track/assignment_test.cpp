#include "footfall/track/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

namespace footfall {
namespace {

// Brute force over every injective map from the smaller side to the larger one, with pairs at or above the limit
// replaced by leaving both sides unassigned at limit / 2 each (the documented objective).
double brute_force(const CostMatrix& cost, double limit) {
  const bool transpose = cost.rows() > cost.cols();
  const int n = transpose ? cost.cols() : cost.rows();
  const int m = transpose ? cost.rows() : cost.cols();
  auto at = [&](int small, int large) { return transpose ? cost.at(large, small) : cost.at(small, large); };
  std::vector<int> perm(static_cast<std::size_t>(m));
  std::iota(perm.begin(), perm.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double total = 0.0;
    int pairs = 0;
    for (int i = 0; i < n; ++i) {
      const double c = at(i, perm[static_cast<std::size_t>(i)]);
      if (c < limit) {
        total += c;
        ++pairs;
      }
    }
    total += limit / 2.0 * (n + m - 2 * pairs);
    best = std::min(best, total);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

double objective(const CostMatrix& cost, const Assignment& a, double limit) {
  int pairs = 0;
  for (int c : a.row_to_col) pairs += c >= 0 ? 1 : 0;
  return a.cost + limit / 2.0 * (cost.rows() + cost.cols() - 2 * pairs);
}

void expect_consistent(const CostMatrix& cost, const Assignment& a) {
  ASSERT_EQ(a.row_to_col.size(), static_cast<std::size_t>(cost.rows()));
  ASSERT_EQ(a.col_to_row.size(), static_cast<std::size_t>(cost.cols()));
  double sum = 0.0;
  for (int r = 0; r < cost.rows(); ++r) {
    const int c = a.row_to_col[static_cast<std::size_t>(r)];
    if (c < 0) continue;
    EXPECT_EQ(a.col_to_row[static_cast<std::size_t>(c)], r);
    sum += cost.at(r, c);
  }
  EXPECT_NEAR(a.cost, sum, 1e-9);
}

TEST(AssignmentTest, KnownSquareCase) {
  CostMatrix cost(3, 3);
  const double values[3][3] = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) cost.at(r, c) = values[r][c];
  }
  const Assignment a = solve_assignment(cost);
  EXPECT_DOUBLE_EQ(a.cost, 5.0);  // (0,1) + (1,0) + (2,2)
  EXPECT_EQ(a.row_to_col, (std::vector<int>{1, 0, 2}));
}

TEST(AssignmentTest, EmptyMatrices) {
  EXPECT_TRUE(solve_assignment(CostMatrix(0, 0)).row_to_col.empty());
  const Assignment a = solve_assignment(CostMatrix(2, 0));
  EXPECT_EQ(a.row_to_col, (std::vector<int>{-1, -1}));
  const Assignment b = solve_assignment(CostMatrix(0, 3), 1.0);
  EXPECT_EQ(b.col_to_row, (std::vector<int>{-1, -1, -1}));
}

TEST(AssignmentTest, LimitLeavesExpensivePairsUnassigned) {
  CostMatrix cost(2, 2);
  cost.at(0, 0) = 0.1;
  cost.at(0, 1) = 0.9;
  cost.at(1, 0) = 0.9;
  cost.at(1, 1) = 0.95;
  const Assignment a = solve_assignment(cost, 0.5);
  EXPECT_EQ(a.row_to_col, (std::vector<int>{0, -1}));
  EXPECT_EQ(a.col_to_row, (std::vector<int>{0, -1}));
  EXPECT_DOUBLE_EQ(a.cost, 0.1);
}

TEST(AssignmentTest, MatchesBruteForceOnRandomMatrices) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> size(1, 6);
  std::uniform_real_distribution<double> value(0.0, 1.0);
  for (int trial = 0; trial < 400; ++trial) {
    CostMatrix cost(size(rng), size(rng));
    for (int r = 0; r < cost.rows(); ++r) {
      for (int c = 0; c < cost.cols(); ++c) {
        // Some integer costs create ties; the optimum must still be found.
        cost.at(r, c) = trial % 2 == 0 ? value(rng) : static_cast<double>(static_cast<int>(value(rng) * 4.0));
      }
    }
    const Assignment unlimited = solve_assignment(cost);
    expect_consistent(cost, unlimited);
    const int assigned = static_cast<int>(
        std::count_if(unlimited.row_to_col.begin(), unlimited.row_to_col.end(), [](int c) { return c >= 0; }));
    EXPECT_EQ(assigned, std::min(cost.rows(), cost.cols()));
    EXPECT_NEAR(objective(cost, unlimited, 1e9), brute_force(cost, 1e9), 1e-6) << "trial " << trial;

    const double limit = trial % 2 == 0 ? 0.6 : 2.0;
    const Assignment limited = solve_assignment(cost, limit);
    expect_consistent(cost, limited);
    for (int r = 0; r < cost.rows(); ++r) {
      const int c = limited.row_to_col[static_cast<std::size_t>(r)];
      if (c >= 0) {
        EXPECT_LT(cost.at(r, c), limit);
      }
    }
    EXPECT_NEAR(objective(cost, limited, limit), brute_force(cost, limit), 1e-6) << "trial " << trial;
  }
}

TEST(AssignmentTest, DeterministicOnTies) {
  CostMatrix cost(4, 4, 1.0);
  const Assignment a = solve_assignment(cost);
  const Assignment b = solve_assignment(cost);
  EXPECT_EQ(a.row_to_col, b.row_to_col);
  EXPECT_DOUBLE_EQ(a.cost, 4.0);
}

}  // namespace
}  // namespace footfall

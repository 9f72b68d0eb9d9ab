// The transition F = [[I, dt I], [0, I]] and the measurement H = [I 0] are applied structurally rather than by
// generic matrix products: the tracker runs this for every track on every frame.
#include "footfall/track/kalman_box_filter.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace footfall {
namespace {

constexpr int kN = KalmanBoxFilter::kStateSize;
constexpr int kM = 4;  // measurement size: cx, cy, a, h

std::array<double, kM> to_measurement(const Box& box) {
  assert(box.height > 0.0f);
  const double h = box.height;
  return {box.x + box.width * 0.5, box.y + box.height * 0.5, box.width / h, h};
}

// Inverse of a symmetric positive definite 4x4 matrix by Cholesky decomposition.
std::array<double, kM * kM> invert_spd(const std::array<double, kM * kM>& s) {
  std::array<double, kM * kM> l{};
  for (int i = 0; i < kM; ++i) {
    for (int j = 0; j <= i; ++j) {
      double sum = s[static_cast<std::size_t>(i * kM + j)];
      for (int k = 0; k < j; ++k)
        sum -= l[static_cast<std::size_t>(i * kM + k)] * l[static_cast<std::size_t>(j * kM + k)];
      if (i == j) {
        l[static_cast<std::size_t>(i * kM + i)] = std::sqrt(std::max(sum, 1e-12));
      } else {
        l[static_cast<std::size_t>(i * kM + j)] = sum / l[static_cast<std::size_t>(j * kM + j)];
      }
    }
  }
  // inverse(L) by forward substitution, then inverse(S) = inverse(L)^T inverse(L).
  std::array<double, kM * kM> li{};
  for (int c = 0; c < kM; ++c) {
    for (int i = 0; i < kM; ++i) {
      double sum = i == c ? 1.0 : 0.0;
      for (int k = 0; k < i; ++k)
        sum -= l[static_cast<std::size_t>(i * kM + k)] * li[static_cast<std::size_t>(k * kM + c)];
      li[static_cast<std::size_t>(i * kM + c)] = sum / l[static_cast<std::size_t>(i * kM + i)];
    }
  }
  std::array<double, kM * kM> inv{};
  for (int i = 0; i < kM; ++i) {
    for (int j = 0; j < kM; ++j) {
      double sum = 0.0;
      for (int k = 0; k < kM; ++k)
        sum += li[static_cast<std::size_t>(k * kM + i)] * li[static_cast<std::size_t>(k * kM + j)];
      inv[static_cast<std::size_t>(i * kM + j)] = sum;
    }
  }
  return inv;
}

}  // namespace

KalmanBoxFilter::KalmanBoxFilter(const Box& measurement, const KalmanBoxNoise& noise) : noise_(noise) {
  const auto z = to_measurement(measurement);
  for (int i = 0; i < kM; ++i) mean_[static_cast<std::size_t>(i)] = z[static_cast<std::size_t>(i)];
  const double h = z[3];
  const std::array<double, kN> stddev = {noise_.initial_position * h,    noise_.initial_position * h,
                                         noise_.initial_aspect,          noise_.initial_position * h,
                                         noise_.initial_velocity * h,    noise_.initial_velocity * h,
                                         noise_.initial_aspect_velocity, noise_.initial_velocity * h};
  for (int i = 0; i < kN; ++i) cov(i, i) = stddev[static_cast<std::size_t>(i)] * stddev[static_cast<std::size_t>(i)];
}

void KalmanBoxFilter::predict(double dt_seconds) {
  assert(dt_seconds >= 0.0);
  if (dt_seconds <= 0.0) return;
  const double dt = dt_seconds;
  for (int i = 0; i < kM; ++i) mean_[static_cast<std::size_t>(i)] += dt * mean_[static_cast<std::size_t>(i + kM)];

  // P' = F P F^T: with blocks P = [[A, B], [B^T, C]], P' = [[A + dt (B + B^T) + dt^2 C, B + dt C], [B^T + dt C, C]].
  Covariance next = covariance_;
  for (int i = 0; i < kN; ++i) {
    for (int j = 0; j < kN; ++j) {
      double value = cov(i, j);
      if (i < kM) value += dt * cov(i + kM, j);
      if (j < kM) value += dt * cov(i, j + kM);
      if (i < kM && j < kM) value += dt * dt * cov(i + kM, j + kM);
      next[static_cast<std::size_t>(i * kN + j)] = value;
    }
  }
  covariance_ = next;

  const double h = std::max(mean_[3], 1.0);
  const std::array<double, kN> stddev = {noise_.process_position * h,    noise_.process_position * h,
                                         noise_.process_aspect,          noise_.process_position * h,
                                         noise_.process_velocity * h,    noise_.process_velocity * h,
                                         noise_.process_aspect_velocity, noise_.process_velocity * h};
  for (int i = 0; i < kN; ++i)
    cov(i, i) += stddev[static_cast<std::size_t>(i)] * stddev[static_cast<std::size_t>(i)] * dt;
}

void KalmanBoxFilter::hold_size() {
  mean_[6] = 0.0;
  mean_[7] = 0.0;
}

void KalmanBoxFilter::update(const Box& measurement) {
  const auto z = to_measurement(measurement);
  const double h = std::max(mean_[3], 1.0);
  const std::array<double, kM> r = {noise_.measurement_position * h, noise_.measurement_position * h,
                                    noise_.measurement_aspect, noise_.measurement_position * h};

  // Innovation covariance S = H P H^T + R = P[0:4, 0:4] + R.
  std::array<double, kM * kM> s{};
  for (int i = 0; i < kM; ++i) {
    for (int j = 0; j < kM; ++j) s[static_cast<std::size_t>(i * kM + j)] = cov(i, j);
    s[static_cast<std::size_t>(i * kM + i)] += r[static_cast<std::size_t>(i)] * r[static_cast<std::size_t>(i)];
  }
  const auto s_inv = invert_spd(s);

  // Gain K = P H^T S^-1 = P[:, 0:4] S^-1 (8 x 4).
  std::array<double, kN * kM> gain{};
  for (int i = 0; i < kN; ++i) {
    for (int j = 0; j < kM; ++j) {
      double sum = 0.0;
      for (int k = 0; k < kM; ++k) sum += cov(i, k) * s_inv[static_cast<std::size_t>(k * kM + j)];
      gain[static_cast<std::size_t>(i * kM + j)] = sum;
    }
  }

  std::array<double, kM> innovation{};
  for (int k = 0; k < kM; ++k)
    innovation[static_cast<std::size_t>(k)] = z[static_cast<std::size_t>(k)] - mean_[static_cast<std::size_t>(k)];
  for (int i = 0; i < kN; ++i) {
    double sum = 0.0;
    for (int k = 0; k < kM; ++k)
      sum += gain[static_cast<std::size_t>(i * kM + k)] * innovation[static_cast<std::size_t>(k)];
    mean_[static_cast<std::size_t>(i)] += sum;
  }

  // P' = P - K H P = P - K P[0:4, :].
  Covariance next = covariance_;
  for (int i = 0; i < kN; ++i) {
    for (int j = 0; j < kN; ++j) {
      double sum = 0.0;
      for (int k = 0; k < kM; ++k) sum += gain[static_cast<std::size_t>(i * kM + k)] * cov(k, j);
      next[static_cast<std::size_t>(i * kN + j)] -= sum;
    }
  }
  covariance_ = next;
}

Box KalmanBoxFilter::box() const {
  const double h = std::max(mean_[3], 1.0);
  const double w = std::max(mean_[2], 1e-3) * h;
  return {static_cast<float>(mean_[0] - w * 0.5), static_cast<float>(mean_[1] - h * 0.5), static_cast<float>(w),
          static_cast<float>(h)};
}

}  // namespace footfall

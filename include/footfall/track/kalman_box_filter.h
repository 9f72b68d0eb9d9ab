// Constant-velocity Kalman filter on one person's box, as in ByteTrack (and SORT/DeepSORT before it): state
// (cx, cy, a, h, vcx, vcy, va, vh) with centre cx, cy in pixels, aspect a = width / height, height h in pixels, and
// their velocities per SECOND (not per frame), so that prediction works at any sampling rate. Noise scales with the
// box height, so the filter behaves the same for near and far people. Pure and deterministic.
#pragma once

#include <array>

#include "footfall/core/geometry.h"

namespace footfall {

// Noise standard deviations. Weights multiply the box height h. Process noise is white noise per second:
// its variance grows linearly with dt. The defaults equal ByteTrack's per-frame values at 25 frames per second.
struct KalmanBoxNoise {
  double measurement_position = 1.0 / 20.0;  // x h, for cx, cy and h
  double measurement_aspect = 0.1;
  double process_position = 0.25;  // x h per sqrt(s), for cx, cy and h
  double process_velocity = 0.78;  // x h per s per sqrt(s), for vcx, vcy and vh
  double process_aspect = 0.05;    // per sqrt(s)
  double process_aspect_velocity = 1.25e-3;
  double initial_position = 0.1;  // x h
  double initial_aspect = 1e-2;
  double initial_velocity = 1.56;  // x h per s
  double initial_aspect_velocity = 2.5e-4;
};

class KalmanBoxFilter {
 public:
  static constexpr int kStateSize = 8;
  using State = std::array<double, kStateSize>;
  using Covariance = std::array<double, kStateSize * kStateSize>;  // row-major

  // Starts at the measured box with zero velocity. The box must have a positive height.
  explicit KalmanBoxFilter(const Box& measurement, const KalmanBoxNoise& noise = {});

  // Moves the state dt_seconds ahead (dt_seconds >= 0; 0 leaves the filter unchanged).
  void predict(double dt_seconds);
  // Sets the aspect and height velocities to zero: a track that is not being observed keeps its size (ByteTrack
  // does the same for lost tracks), so that its box does not shrink or grow without evidence.
  void hold_size();
  // Corrects the state with a measured box (positive height).
  void update(const Box& measurement);

  // The current estimate as a box; width and height are kept positive.
  Box box() const;
  const State& mean() const { return mean_; }
  const Covariance& covariance() const { return covariance_; }

 private:
  double& cov(int row, int col) { return covariance_[static_cast<std::size_t>(row * kStateSize + col)]; }
  double cov(int row, int col) const { return covariance_[static_cast<std::size_t>(row * kStateSize + col)]; }

  KalmanBoxNoise noise_;
  State mean_{};
  Covariance covariance_{};
};

}  // namespace footfall

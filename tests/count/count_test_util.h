// Helpers for the count tests: tracks placed by their bottom-centre.
#pragma once

#include <cstdint>

#include "footfall/core/track.h"
#include "footfall/track/mot_metrics.h"

namespace footfall::testing {

constexpr float kBoxWidth = 40.0f;
constexpr float kBoxHeight = 100.0f;  // default band: max(4 px, 0.1 * 100) = 10 px

inline Track track_at(std::int64_t id, Point foot, TrackState state = TrackState::confirmed,
                      float height = kBoxHeight) {
  Track t;
  t.id = id;
  t.box = Box{foot.x - kBoxWidth / 2.0f, foot.y - height, kBoxWidth, height};
  t.state = state;
  t.confidence = 0.9f;
  t.hits = state == TrackState::tentative ? 1 : 5;
  return t;
}

// A MOTChallenge row whose box (kBoxWidth x kBoxHeight) has its bottom-centre at (x, y).
inline MotRow row_at(int frame, std::int64_t id, float x, float y) {
  MotRow r;
  r.frame = frame;
  r.id = id;
  r.box = Box{x - kBoxWidth / 2.0f, y - kBoxHeight, kBoxWidth, kBoxHeight};
  return r;
}

}  // namespace footfall::testing

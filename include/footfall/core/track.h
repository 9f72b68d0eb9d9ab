// A tracked person: an anonymous, ephemeral id plus the current box. Produced by the tracker (module track) and
// consumed by counting (lines, zones, heatmap). Ids are never linked to identity and never stored with images.
#pragma once

#include <cstdint>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/time.h"

namespace footfall {

enum class TrackState { tentative, confirmed, lost };

struct Track {
  std::int64_t id = 0;           // unique per tracker instance, increasing from 1
  Box box;                       // current estimate, frame pixels
  float confidence = 0.0f;       // confidence of the last matched detection
  TrackState state = TrackState::tentative;
  int hits = 0;                  // frames in which a detection was matched
  TimestampMs first_seen_ms = 0;
  TimestampMs last_seen_ms = 0;  // last matched detection

  bool confirmed() const { return state == TrackState::confirmed; }
};

using Tracks = std::vector<Track>;

}  // namespace footfall

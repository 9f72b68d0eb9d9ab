// Counting lines: directed segments that confirmed tracks cross in or out.
//
// Contract (pure: no I/O, no clock, no threads; deterministic for a given sequence of update() calls):
// - A track is tested at the bottom-centre of its box (where the feet meet the floor).
// - Sides: walking from `a` to `b` on the image (x right, y down), `right` is the right-hand side and `left` the
//   left-hand one. For a segment drawn left to right, `right` is below it. `in` is a crossing from left to right.
// - A point is settled on a side when its distance to the segment's infinite line exceeds the hysteresis band
//   (max(hysteresis_px, hysteresis_fraction * box height)); otherwise it is in the band.
// - A crossing is counted when a track goes from one settled side to the other AND its path (the polyline of its
//   bottom-centres since the last settled position) crossed the segment itself, on balance, in that direction.
//   Crossing the infinite extension beside the segment therefore never counts, jitter in the band never counts
//   twice, and a track that stops on the line and leaves where it came from counts nothing.
// - Only confirmed tracks count. A track that is present but not confirmed (tentative or lost) keeps its state
//   unchanged; a track absent from the input is forgotten.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/time.h"
#include "footfall/core/track.h"

namespace footfall {

struct LineParams {
  std::string name;
  Point a;                           // first point, frame pixels
  Point b;                           // second point, frame pixels; must differ from a
  float hysteresis_px = 6.0f;        // minimum half-width of the band around the line, pixels (>= 0)
  float hysteresis_fraction = 0.1f;  // half-width as a fraction of the track's box height (>= 0)
};

enum class CrossingDirection { in, out };

const char* to_string(CrossingDirection direction);

struct LineCrossing {
  std::string line;  // LineParams::name
  std::int64_t track_id = 0;
  TimestampMs timestamp_ms = 0;  // the update in which the track settled on the far side
  CrossingDirection direction = CrossingDirection::in;
  Point point;  // bottom-centre of the track at that update
};

struct LineTotals {
  std::int64_t in = 0;
  std::int64_t out = 0;
};

class LineCounter {
 public:
  // Lines are assumed valid (see validate_line); a line with a == b never settles and never counts.
  explicit LineCounter(std::vector<LineParams> lines);

  // Feed the tracker's output for one analysed frame, in time order. Returns the crossings of this update, in
  // the order of `tracks`, then of the lines.
  std::vector<LineCrossing> update(const Tracks& tracks, TimestampMs t);

  const std::vector<LineParams>& lines() const { return lines_; }
  // Totals since construction or reset_totals(), indexed like lines().
  const std::vector<LineTotals>& totals() const { return totals_; }
  // Totals of the line named `name`; zeros when there is no such line.
  LineTotals totals(const std::string& name) const;
  void reset_totals();
  // Number of tracks with crossing state (for tests and metrics).
  std::size_t tracked_count() const { return states_.size(); }

 private:
  enum class Side : std::int8_t { none = 0, left = -1, right = 1 };
  struct State {
    Point last;                  // last bottom-centre seen while confirmed
    Side last_raw = Side::none;  // side of the infinite line of `last` (never none once set)
    Side settled = Side::none;   // last side reached beyond the band
    int net_segment_crossings = 0;  // +1 per left-to-right crossing of the segment since settling, -1 the other way
  };

  std::vector<LineParams> lines_;
  std::vector<LineTotals> totals_;
  std::unordered_map<std::int64_t, std::vector<State>> states_;  // per track id, one State per line
};

}  // namespace footfall

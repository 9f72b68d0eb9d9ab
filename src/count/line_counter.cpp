#include "footfall/count/line_counter.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <utility>

namespace footfall {

const char* to_string(CrossingDirection direction) {
  return direction == CrossingDirection::in ? "in" : "out";
}

namespace {

// Cross product (b - a) x (p - a): positive on the right-hand side of a->b in image coordinates (y down).
double side_value(const LineParams& line, Point p) {
  const double dx = double{line.b.x} - line.a.x;
  const double dy = double{line.b.y} - line.a.y;
  return dx * (double{p.y} - line.a.y) - dy * (double{p.x} - line.a.x);
}

double length(const LineParams& line) {
  return std::hypot(double{line.b.x} - line.a.x, double{line.b.y} - line.a.y);
}

// True when the step p->q, whose ends lie on opposite sides of the line's infinite extension (side values sp, sq),
// meets the line within the segment [a, b].
bool step_meets_segment(const LineParams& line, Point p, Point q, double sp, double sq) {
  const double denom = sp - sq;
  if (denom == 0.0) return false;
  const double f = sp / denom;  // where along p->q the infinite line is met, 0..1
  const double x = p.x + f * (double{q.x} - p.x);
  const double y = p.y + f * (double{q.y} - p.y);
  const double dx = double{line.b.x} - line.a.x;
  const double dy = double{line.b.y} - line.a.y;
  const double len2 = dx * dx + dy * dy;
  if (len2 == 0.0) return false;
  const double u = ((x - line.a.x) * dx + (y - line.a.y) * dy) / len2;
  return u >= 0.0 && u <= 1.0;
}

}  // namespace

LineCounter::LineCounter(std::vector<LineParams> lines) : lines_(std::move(lines)), totals_(lines_.size()) {}

LineTotals LineCounter::totals(const std::string& name) const {
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].name == name) return totals_[i];
  }
  return {};
}

void LineCounter::reset_totals() { std::fill(totals_.begin(), totals_.end(), LineTotals{}); }

std::vector<LineCrossing> LineCounter::update(const Tracks& tracks, TimestampMs t) {
  std::vector<LineCrossing> crossings;
  std::unordered_set<std::int64_t> present;
  present.reserve(tracks.size());

  for (const Track& track : tracks) {
    present.insert(track.id);
    if (!track.confirmed()) continue;  // unconfirmed tracks never count; their state (if any) waits unchanged

    const Point p = track.box.bottom_centre();
    auto [it, fresh] = states_.try_emplace(track.id);
    std::vector<State>& states = it->second;
    if (fresh) states.resize(lines_.size());

    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const LineParams& line = lines_[i];
      State& state = states[i];
      const double len = length(line);
      if (len == 0.0) continue;

      const double value = side_value(line, p);
      const Side raw = value >= 0.0 ? Side::right : Side::left;
      if (state.last_raw != Side::none && raw != state.last_raw) {
        if (step_meets_segment(line, state.last, p, side_value(line, state.last), value)) {
          state.net_segment_crossings += raw == Side::right ? 1 : -1;
        }
      }
      state.last = p;
      state.last_raw = raw;

      const double band = std::max(double{line.hysteresis_px}, double{line.hysteresis_fraction} * track.box.height);
      if (std::abs(value) / len <= band) continue;  // in the band: not settled

      if (state.settled != Side::none && raw != state.settled) {
        // Settled on the other side: count when the path went through the segment in this direction.
        const bool through_segment =
            raw == Side::right ? state.net_segment_crossings > 0 : state.net_segment_crossings < 0;
        if (through_segment) {
          const CrossingDirection direction = raw == Side::right ? CrossingDirection::in : CrossingDirection::out;
          if (direction == CrossingDirection::in) {
            ++totals_[i].in;
          } else {
            ++totals_[i].out;
          }
          crossings.push_back(LineCrossing{line.name, track.id, t, direction, p});
        }
      }
      state.settled = raw;
      state.net_segment_crossings = 0;
    }
  }

  std::erase_if(states_, [&](const auto& entry) { return !present.contains(entry.first); });
  return crossings;
}

}  // namespace footfall

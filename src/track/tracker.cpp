#include "footfall/track/tracker.h"

#include <algorithm>
#include <cassert>

#include "footfall/track/appearance.h"
#include "footfall/track/assignment.h"

namespace footfall {

Tracker::Tracker(TrackerParams params) : params_(params) {
  [[maybe_unused]] const Status valid = validate_tracker_params(params_);
  assert(valid.ok());
}

void Tracker::apply_match(Entry& entry, const Detection& detection, TimestampMs t) {
  entry.filter.update(detection.box);
  entry.last_observed = detection.box;
  blend_appearance(entry.appearance, detection.appearance, params_.appearance_momentum);
  Track& track = entry.track;
  track.box = entry.filter.box();
  track.confidence = detection.confidence;
  track.hits += 1;
  track.last_seen_ms = t;
  if (track.state == TrackState::lost || track.hits >= params_.min_hits) track.state = TrackState::confirmed;
}

std::vector<int> Tracker::match(const std::vector<int>& tracks, std::vector<int>& detections_left,
                                const Detections& detections, float min_iou, TimestampMs t) {
  if (tracks.empty() || detections_left.empty()) return tracks;
  // Cost 1 - IoU; a pair is allowed only when IoU >= min_iou, i.e. cost <= 1 - min_iou (strict limit just above).
  // With descriptors on both sides, the cost of an allowed pair blends in the appearance distance scaled to the same
  // range, and a contested pair (its track or its detection has another allowed partner) beyond the appearance gate
  // gets the limit (refused). An uncontested pair is matched whatever its looks: a person half hidden, or lit
  // differently, keeps the track when nobody else is near.
  const double span = 1.0 - static_cast<double>(min_iou);
  const double limit = span + 1e-9;
  const auto weight = static_cast<double>(params_.appearance_weight);
  const int rows = static_cast<int>(tracks.size());
  const int cols = static_cast<int>(detections_left.size());
  CostMatrix cost(rows, cols);
  std::vector<int> row_candidates(tracks.size(), 0);
  std::vector<int> col_candidates(detections_left.size(), 0);
  for (int r = 0; r < rows; ++r) {
    const Entry& entry = entries_[static_cast<std::size_t>(tracks[static_cast<std::size_t>(r)])];
    for (int c = 0; c < cols; ++c) {
      const Box& measured = detections[static_cast<std::size_t>(detections_left[static_cast<std::size_t>(c)])].box;
      const float overlap = std::max(iou(entry.track.box, measured), iou(entry.last_observed, measured));
      cost.at(r, c) = 1.0 - static_cast<double>(overlap);
      if (cost.at(r, c) < limit) {
        ++row_candidates[static_cast<std::size_t>(r)];
        ++col_candidates[static_cast<std::size_t>(c)];
      }
    }
  }
  for (int r = 0; r < rows; ++r) {
    const Entry& entry = entries_[static_cast<std::size_t>(tracks[static_cast<std::size_t>(r)])];
    if (entry.appearance.empty()) continue;
    for (int c = 0; c < cols; ++c) {
      const Detection& detection = detections[static_cast<std::size_t>(detections_left[static_cast<std::size_t>(c)])];
      // An uncontested pair is matched whatever its cost (below the limit): its looks need not be compared.
      const bool contested =
          row_candidates[static_cast<std::size_t>(r)] > 1 || col_candidates[static_cast<std::size_t>(c)] > 1;
      if (!contested || !(cost.at(r, c) < limit) || entry.appearance.size() != detection.appearance.size()) continue;
      const float distance = appearance_distance(entry.appearance, detection.appearance);
      if (distance > params_.appearance_gate) {
        cost.at(r, c) = limit;
      } else {
        const double scaled = std::min(static_cast<double>(distance / params_.appearance_gate), 1.0) * span;
        cost.at(r, c) = (1.0 - weight) * cost.at(r, c) + weight * scaled;
      }
    }
  }
  const Assignment assignment = solve_assignment(cost, limit);

  std::vector<int> unmatched;
  for (std::size_t r = 0; r < tracks.size(); ++r) {
    const int c = assignment.row_to_col[r];
    if (c < 0) {
      unmatched.push_back(tracks[r]);
      continue;
    }
    const auto detection_index = static_cast<std::size_t>(detections_left[static_cast<std::size_t>(c)]);
    apply_match(entries_[static_cast<std::size_t>(tracks[r])], detections[detection_index], t);
  }
  std::vector<int> remaining;
  for (std::size_t c = 0; c < detections_left.size(); ++c) {
    if (assignment.col_to_row[c] < 0) remaining.push_back(detections_left[c]);
  }
  detections_left = std::move(remaining);
  return unmatched;
}

Tracks Tracker::update(const Detections& detections, TimestampMs t) {
  if (last_t_ && t < *last_t_) t = *last_t_;
  const double dt_seconds = last_t_ ? static_cast<double>(t - *last_t_) / 1000.0 : 0.0;
  last_t_ = t;

  for (Entry& entry : entries_) {
    if (entry.track.state == TrackState::lost) entry.filter.hold_size();
    entry.filter.predict(dt_seconds);
    entry.track.box = entry.filter.box();
  }

  std::vector<int> high;
  std::vector<int> low;
  for (std::size_t i = 0; i < detections.size(); ++i) {
    const Detection& d = detections[i];
    if (!(d.box.height > 0.0f) || !(d.box.width > 0.0f)) continue;  // degenerate boxes carry no position
    if (d.confidence >= params_.high_threshold) {
      high.push_back(static_cast<int>(i));
    } else if (d.confidence >= params_.low_threshold) {
      low.push_back(static_cast<int>(i));
    }
  }

  std::vector<int> active;  // confirmed and lost
  std::vector<int> tentative;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    (entries_[i].track.state == TrackState::tentative ? tentative : active).push_back(static_cast<int>(i));
  }

  // Stage 1: confirmed and lost tracks with high detections.
  const std::vector<int> unmatched_active = match(active, high, detections, params_.match_iou, t);
  // Stage 2: confirmed (not lost) tracks with low detections; the lost stay lost.
  std::vector<int> unmatched_confirmed;
  for (int i : unmatched_active) {
    if (entries_[static_cast<std::size_t>(i)].track.state == TrackState::confirmed) unmatched_confirmed.push_back(i);
  }
  for (int i : match(unmatched_confirmed, low, detections, params_.low_match_iou, t)) {
    entries_[static_cast<std::size_t>(i)].track.state = TrackState::lost;
  }
  // Stage 3: tentative tracks with the remaining high detections; unmatched ones are dropped.
  std::vector<char> remove(entries_.size(), 0);
  for (int i : match(tentative, high, detections, params_.tentative_match_iou, t))
    remove[static_cast<std::size_t>(i)] = 1;
  // Lost tracks past their time are dropped.
  const auto lost_limit_ms = static_cast<TimestampMs>(params_.lost_track_seconds * 1000.0);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Track& track = entries_[i].track;
    if (track.state == TrackState::lost && t - track.last_seen_ms > lost_limit_ms) remove[i] = 1;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!remove[i]) {
      if (kept != i) entries_[kept] = std::move(entries_[i]);
      ++kept;
    }
  }
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(kept), entries_.end());

  // Stage 4: new tentative tracks from the confident leftovers, in detection order (deterministic ids).
  for (int d : high) {
    const Detection& detection = detections[static_cast<std::size_t>(d)];
    if (detection.confidence < params_.new_track_threshold) continue;
    Entry entry{Track{}, KalmanBoxFilter(detection.box, params_.kalman), detection.box, detection.appearance};
    entry.track.id = next_id_++;
    entry.track.box = entry.filter.box();
    entry.track.confidence = detection.confidence;
    entry.track.state = params_.min_hits <= 1 ? TrackState::confirmed : TrackState::tentative;
    entry.track.hits = 1;
    entry.track.first_seen_ms = t;
    entry.track.last_seen_ms = t;
    entries_.push_back(std::move(entry));
  }

  Tracks out;
  out.reserve(entries_.size());
  for (const Entry& entry : entries_) {
    if (entry.track.state != TrackState::lost && entry.track.last_seen_ms == t) out.push_back(entry.track);
  }
  return out;
}

Tracks Tracker::lost_tracks() const {
  Tracks out;
  for (const Entry& entry : entries_) {
    if (entry.track.state == TrackState::lost) out.push_back(entry.track);
  }
  return out;
}

}  // namespace footfall

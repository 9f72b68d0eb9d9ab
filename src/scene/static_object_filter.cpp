#include "footfall/scene/static_object_filter.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace footfall {

namespace {

Error bad_param(const char* key, const char* rule, double value) {
  std::ostringstream text;
  text << "static_filter." << key << ": " << rule << ", got " << value;
  return make_error(text.str());
}

// Any region, enabled or not, at this place: a region the operator disabled is not learned again.
bool region_at(const std::vector<IgnoreRegion>& regions, const Box& box, float min_iou) {
  return std::any_of(regions.begin(), regions.end(), [&](const IgnoreRegion& r) { return iou(r.box, box) >= min_iou; });
}

}  // namespace

Status validate_static_filter_params(const StaticFilterParams& p) {
  if (!(p.learn_seconds >= 0.0)) return bad_param("learn_seconds", "must be >= 0", p.learn_seconds);
  if (!(p.still_iou > 0.0f && p.still_iou <= 1.0f)) return bad_param("still_iou", "must be in (0, 1]", p.still_iou);
  if (!(p.max_drift_px >= 0.0f)) return bad_param("max_drift_px", "must be >= 0", p.max_drift_px);
  if (!(p.check_seconds > 0.0)) return bad_param("check_seconds", "must be > 0", p.check_seconds);
  if (p.learn_seconds > 0.0 && p.check_seconds * 2.0 > p.learn_seconds) {
    return bad_param("check_seconds", "must be at most half of learn_seconds", p.check_seconds);
  }
  if (!(p.noise_factor >= 0.0f)) return bad_param("noise_factor", "must be >= 0", p.noise_factor);
  if (!(p.noise_margin >= 0.0f)) return bad_param("noise_margin", "must be >= 0", p.noise_margin);
  if (!(p.min_seen_fraction >= 0.0f && p.min_seen_fraction <= 1.0f)) {
    return bad_param("min_seen_fraction", "must be in [0, 1]", p.min_seen_fraction);
  }
  if (!(p.forget_seconds > 0.0)) return bad_param("forget_seconds", "must be > 0", p.forget_seconds);
  if (!(p.match_iou > 0.0f && p.match_iou <= 1.0f)) return bad_param("match_iou", "must be in (0, 1]", p.match_iou);
  if (p.max_width < 16) return bad_param("max_width", "must be >= 16", p.max_width);
  return {};
}

StaticObjectFilter::StaticObjectFilter(StaticFilterParams params)
    : params_(params), meter_(params.check_seconds, params.max_width) {}

void StaticObjectFilter::set_regions(std::vector<IgnoreRegion> regions) {
  regions_ = std::move(regions);
  next_id_ = 1;
  for (const IgnoreRegion& r : regions_) next_id_ = std::max(next_id_, r.id + 1);
}

void StaticObjectFilter::add_region(IgnoreRegion region) {
  if (region.id <= 0) region.id = next_id_;
  next_id_ = std::max(next_id_, region.id + 1);
  regions_.push_back(region);
}

int StaticObjectFilter::filter(Detections& detections) const {
  return drop_ignored(detections, regions_, params_.match_iou);
}

bool StaticObjectFilter::same_place(const Box& a, const Box& b) const {
  if (iou(a, b) >= params_.still_iou) return true;
  const float d = params_.max_drift_px;
  return std::abs(a.x - b.x) <= d && std::abs(a.y - b.y) <= d && std::abs(a.right() - b.right()) <= d &&
         std::abs(a.bottom() - b.bottom()) <= d;
}

std::vector<IgnoreRegion> StaticObjectFilter::observe(const Detections& detections, const cv::Mat& frame,
                                                      TimestampMs t) {
  if (std::any_of(candidates_.begin(), candidates_.end(), [&](const Candidate& c) { return c.last_seen_ms > t; })) {
    candidates_.clear();  // time went backwards: a new recording
  }
  const bool checkpoint = meter_.update(frame, t);
  for (const Detection& d : detections) {
    bool known = false;
    for (Candidate& c : candidates_) {
      if (!same_place(c.box, d.box)) continue;
      c.last_seen_ms = t;
      c.seen_since_check = true;
      known = true;
    }
    if (!known) {
      Candidate c;
      c.box = d.box;
      c.since_ms = c.last_seen_ms = t;
      c.seen_since_check = true;
      candidates_.push_back(c);
    }
  }
  // At a checkpoint every place is checked, detected in this frame or not. A change restarts the clock of a place
  // with a person in it now (alive, moving in place) and forgets a place without one (whoever was there left).
  if (checkpoint) {
    const float limit = meter_.noise() * params_.noise_factor + params_.noise_margin;
    std::vector<Candidate> kept;
    kept.reserve(candidates_.size());
    for (Candidate& c : candidates_) {
      c.last_change = meter_.change(c.box);
      c.last_noise = meter_.noise();
      const bool seen = c.seen_since_check;
      c.seen_since_check = false;
      if (c.last_change > limit) {
        if (c.last_seen_ms != t) continue;
        c.since_ms = t;
        c.still_checks = 0;
        c.seen_checks = 0;
      } else {
        ++c.still_checks;
        if (seen) ++c.seen_checks;
      }
      kept.push_back(c);
    }
    candidates_ = std::move(kept);
  }
  std::vector<IgnoreRegion> learned;
  const auto learn_ms = static_cast<TimestampMs>(params_.learn_seconds * 1000.0);
  const double checks_per_period = params_.learn_seconds / params_.check_seconds;
  // Still at (at least) half of the checkpoints a period should have: a place seen on too few frames (sparse
  // sampling) has too little pixel evidence.
  const int min_still = std::max(1, static_cast<int>(0.5 * checks_per_period));
  const int min_seen = std::max(1, static_cast<int>(params_.min_seen_fraction * checks_per_period));
  for (const Candidate& c : candidates_) {
    if (learn_ms > 0 && c.last_seen_ms == t && t - c.since_ms >= learn_ms && c.still_checks >= min_still &&
        c.seen_checks >= min_seen && !region_at(regions_, c.box, params_.match_iou)) {
      IgnoreRegion region;
      region.box = c.box;
      region.origin = IgnoreOrigin::learned;
      region.created_ms = t;
      add_region(region);
      learned.push_back(regions_.back());
    }
  }
  const auto forget_ms = static_cast<TimestampMs>(params_.forget_seconds * 1000.0);
  std::erase_if(candidates_, [&](const Candidate& c) {
    return t - c.last_seen_ms > forget_ms || region_at(regions_, c.box, params_.match_iou);
  });
  return learned;
}

}  // namespace footfall

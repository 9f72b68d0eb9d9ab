#include "footfall/track/tracker_params.h"

#include <cmath>
#include <sstream>
#include <string>

namespace footfall {
namespace {

template <typename T>
Status field_error(const std::string& field, const std::string& rule, T value) {
  std::ostringstream out;
  out << field << ": " << rule << ", got " << value;
  return make_error(out.str());
}

bool is_fraction(float value) { return std::isfinite(value) && value >= 0.0f && value <= 1.0f; }

}  // namespace

Status validate_tracker_params(const TrackerParams& params, const TrackerFieldNamer& namer) {
  auto name = [&](std::string_view field) { return namer ? namer(field) : "tracker." + std::string(field); };
  if (!is_fraction(params.high_threshold)) {
    return field_error(name("high_threshold"), "must be in [0, 1]", params.high_threshold);
  }
  if (!is_fraction(params.low_threshold) || params.low_threshold > params.high_threshold) {
    return field_error(name("low_threshold"), "must be in [0, " + name("high_threshold") + "]", params.low_threshold);
  }
  if (!is_fraction(params.new_track_threshold) || params.new_track_threshold < params.high_threshold) {
    return field_error(name("new_track_threshold"), "must be in [" + name("high_threshold") + ", 1]",
                       params.new_track_threshold);
  }
  if (!is_fraction(params.match_iou)) return field_error(name("match_iou"), "must be in [0, 1]", params.match_iou);
  if (!is_fraction(params.low_match_iou)) {
    return field_error(name("low_match_iou"), "must be in [0, 1]", params.low_match_iou);
  }
  if (!is_fraction(params.tentative_match_iou)) {
    return field_error(name("tentative_match_iou"), "must be in [0, 1]", params.tentative_match_iou);
  }
  if (params.min_hits < 1) return field_error(name("min_hits"), "must be >= 1", params.min_hits);
  if (!std::isfinite(params.lost_track_seconds) || params.lost_track_seconds < 0.0) {
    return field_error(name("lost_track_seconds"), "must be >= 0", params.lost_track_seconds);
  }
  if (!is_fraction(params.appearance_weight)) {
    return field_error(name("appearance_weight"), "must be in [0, 1]", params.appearance_weight);
  }
  if (!is_fraction(params.appearance_gate) || params.appearance_gate == 0.0f) {
    return field_error(name("appearance_gate"), "must be in (0, 1]", params.appearance_gate);
  }
  if (!is_fraction(params.appearance_momentum) || params.appearance_momentum == 1.0f) {
    return field_error(name("appearance_momentum"), "must be in [0, 1)", params.appearance_momentum);
  }
  return Status::success();
}

}  // namespace footfall

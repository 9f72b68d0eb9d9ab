// The `tracking` section, global and per camera: the tracker's settings (track/tracker_params.h) under the names an
// operator reads in docs/configuration.md. Each key is checked on its own (type, range), then the settings together
// (low <= high <= new_track) by validate_tracker_params, whose message names the keys by their path.
#include <array>
#include <string_view>

#include "sections.h"

namespace footfall::config {
namespace {

struct TrackingKey {
  std::string_view key;    // in the YAML section
  std::string_view field;  // in TrackerParams
};

constexpr std::array<TrackingKey, 8> kTrackingKeys{{
    {"high_threshold", "high_threshold"},
    {"low_threshold", "low_threshold"},
    {"new_track_threshold", "new_track_threshold"},
    {"min_hits", "min_hits"},
    {"lost_seconds", "lost_track_seconds"},
    {"appearance_weight", "appearance_weight"},
    {"appearance_gate", "appearance_gate"},
    {"appearance_momentum", "appearance_momentum"},
}};

std::string_view key_of(std::string_view field) {
  for (const TrackingKey& k : kTrackingKeys) {
    if (k.field == field) return k.key;
  }
  return field;
}

void read_fraction(YamlReader& reader, const YAML::Node& node, const std::string& path, std::string_view key,
                   float& value, bool lo_open = false) {
  if (auto v = reader.number_in(node[std::string(key)], key_path(path, key), 0.0, 1.0, lo_open)) {
    value = static_cast<float>(*v);
  }
}

}  // namespace

void read_tracking(YamlReader& reader, const YAML::Node& node, const std::string& path, TrackerParams& params) {
  if (node.IsNull()) return;  // "tracking:" with every key commented out
  if (!reader.expect_map(node, path, "a map of tracker settings")) return;
  reader.check_keys(node, path,
                    {"high_threshold", "low_threshold", "new_track_threshold", "min_hits", "lost_seconds",
                     "appearance_weight", "appearance_gate", "appearance_momentum"});

  const std::size_t problems_before = reader.problem_count();
  read_fraction(reader, node, path, "high_threshold", params.high_threshold);
  read_fraction(reader, node, path, "low_threshold", params.low_threshold);
  read_fraction(reader, node, path, "new_track_threshold", params.new_track_threshold);
  if (auto v = reader.integer_in(node["min_hits"], key_path(path, "min_hits"), 1, 1000)) {
    params.min_hits = static_cast<int>(*v);
  }
  if (auto v = reader.number_in(node["lost_seconds"], key_path(path, "lost_seconds"), 0.0, 3600.0)) {
    params.lost_track_seconds = *v;
  }
  read_fraction(reader, node, path, "appearance_weight", params.appearance_weight);
  read_fraction(reader, node, path, "appearance_gate", params.appearance_gate, true);
  read_fraction(reader, node, path, "appearance_momentum", params.appearance_momentum);
  if (reader.problem_count() != problems_before) return;  // a key was wrong on its own: said above

  // The settings together: the message is "<key path>: <rule>, got <value>".
  const auto valid = validate_tracker_params(
      params, [&](std::string_view field) { return key_path(path, key_of(field)); });
  if (!valid) {
    const std::string& message = valid.error().message;
    const std::size_t colon = message.find(": ");
    reader.problem(message.substr(0, colon), message.substr(colon + 2));
  }
}

}  // namespace footfall::config

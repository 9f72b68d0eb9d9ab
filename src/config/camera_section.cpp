// The `cameras` section: one entry per camera name with its source, sampling, region of interest and detector
// overrides.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "sections.h"

namespace footfall::config {

namespace {

// Exactly one of {every_frame: true}, {fps: N}, {interval: SECONDS}.
std::optional<SamplingParams> read_sampling(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  if (!reader.expect_map(node, path, "a map with one of every_frame, fps or interval")) return std::nullopt;
  if (!reader.check_keys(node, path, {"every_frame", "fps", "interval"})) return std::nullopt;
  std::vector<std::string> modes;
  for (const char* mode : {"every_frame", "fps", "interval"}) {
    if (node[mode].IsDefined()) modes.emplace_back(mode);
  }
  if (modes.empty()) {
    reader.problem(path, "set one of every_frame: true, fps: N or interval: SECONDS");
    return std::nullopt;
  }
  if (modes.size() > 1) {
    std::string list = modes[0];
    for (std::size_t i = 1; i < modes.size(); ++i) list += (i + 1 == modes.size() ? " and " : ", ") + modes[i];
    reader.problem(path, "set exactly one of every_frame, fps or interval, got " + list);
    return std::nullopt;
  }
  if (modes[0] == "every_frame") {
    auto every = reader.boolean(node["every_frame"], key_path(path, "every_frame"));
    if (!every) return std::nullopt;
    if (!*every) {
      reader.problem(key_path(path, "every_frame"), "must be true; to analyse fewer frames set fps or interval");
      return std::nullopt;
    }
    return SamplingParams::every_frame();
  }
  if (modes[0] == "fps") {
    auto fps = reader.number_in(node["fps"], key_path(path, "fps"), 0.0, 1000.0, /*lo_open=*/true);
    if (!fps) return std::nullopt;
    return SamplingParams::fps(*fps);
  }
  auto seconds = reader.number_in(node["interval"], key_path(path, "interval"), 0.05, 3600.0);
  if (!seconds) return std::nullopt;
  return SamplingParams::interval(*seconds);
}

// What a source without `type` evidently is from its text alone: "stream" for a URL, "device" for /dev/... or a
// device number, else "file" (a folder or an image is told apart when the camera is opened).
std::string evident_kind(const std::string& source) {
  if (source.find("://") != std::string::npos) return "stream";
  const bool number = !source.empty() && source.size() <= 3 &&
                      std::all_of(source.begin(), source.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (number || source.rfind("/dev/", 0) == 0) return "device";
  return "file";
}

// At least three [x, y] points enclosing an area.
void read_roi(YamlReader& reader, const YAML::Node& node, const std::string& path, CameraConfig& camera) {
  bool normalized = false;
  auto polygon = read_points(reader, node, path, 3, normalized);
  if (!polygon) return;
  if (!encloses_area(*polygon)) {
    reader.problem(path, "the points enclose no area (all on one line?)");
    return;
  }
  camera.roi = std::move(*polygon);
  camera.roi_normalized = normalized;
}

CameraConfig read_camera(YamlReader& reader, const YAML::Node& node, const std::string& path, std::string name,
                         const DetectParams& global_detect, const TrackerParams& global_tracking) {
  CameraConfig camera;
  camera.local_name = name;
  camera.name = std::move(name);
  camera.detect = global_detect;
  camera.tracking = global_tracking;
  if (!reader.expect_map(node, path, "a map with at least a source")) return camera;
  reader.check_keys(node, path,
                    {"source", "type", "enabled", "sampling", "start_time", "playback_speed", "roi", "detect", "keep",
                     "lines", "zones", "static_ignore", "tracking"});

  camera.kind =
      reader.choice(node["type"], key_path(path, "type"), {"file", "stream", "device", "inbox", "image", "push"});
  // A push camera has no source: it sends snapshots to `footfall serve` (POST /api/v1/cameras/NAME/snapshot).
  const bool push = camera.kind == "push";
  if (push && node["source"].IsDefined()) {
    reader.problem(key_path(path, "source"), "does not apply to push cameras (they send snapshots to the server)");
  } else if (!push && !node["source"].IsDefined()) {
    reader.problem(key_path(path, "source"),
                   "missing; every camera needs a source (file, URL, device or folder), or type: push");
  } else if (auto source = reader.string(node["source"], key_path(path, "source"))) {
    if (source->empty()) reader.problem(key_path(path, "source"), "must not be empty");
    camera.source = std::move(*source);
  }
  if (auto enabled = reader.boolean(node["enabled"], key_path(path, "enabled"))) camera.enabled = *enabled;

  if (node["sampling"].IsDefined() && (camera.kind == "inbox" || push)) {
    reader.problem(key_path(path, "sampling"),
                   "does not apply to " + *camera.kind + " sources (every snapshot is counted)");
  } else if (node["sampling"].IsDefined()) {
    if (auto sampling = read_sampling(reader, node["sampling"], key_path(path, "sampling"))) {
      camera.sampling = *sampling;
      camera.sampling_set = true;
    }
  }

  if (auto text = reader.string(node["start_time"], key_path(path, "start_time"))) {
    const auto t = parse_time(*text);
    if (!t) {
      reader.problem(key_path(path, "start_time"),
                     "must be an ISO-8601 time such as 2026-11-24T10:00:00Z, got '" + *text + "'");
    } else if (camera.kind && *camera.kind != "file" && *camera.kind != "image") {
      reader.problem(key_path(path, "start_time"),
                     "only applies to file and image sources (this camera's type is " + *camera.kind + ")");
    } else {
      camera.start_time = *t;
    }
  }

  if (node["playback_speed"].IsDefined()) {
    const std::string key = key_path(path, "playback_speed");
    if (auto speed = reader.number_in(node["playback_speed"], key, 0.0, 100.0)) {
      const std::string kind = camera.kind ? *camera.kind : evident_kind(camera.source);
      if (*speed > 0.0 && kind != "file") {
        reader.problem(key, "only applies to video files (this camera's " +
                                (camera.kind ? "type is " + kind : "source is a " + kind) + ")");
      } else {
        camera.playback_speed = *speed;
      }
    }
  }

  if (node["roi"].IsDefined()) read_roi(reader, node["roi"], key_path(path, "roi"), camera);
  if (node["detect"].IsDefined()) read_detect(reader, node["detect"], key_path(path, "detect"), camera.detect);
  if (node["tracking"].IsDefined()) {
    read_tracking(reader, node["tracking"], key_path(path, "tracking"), camera.tracking);
  }
  if (node["lines"].IsDefined()) camera.lines = read_lines(reader, node["lines"], key_path(path, "lines"));
  if (node["zones"].IsDefined()) camera.zones = read_zones(reader, node["zones"], key_path(path, "zones"));

  if (node["static_ignore"].IsDefined()) {
    const std::string key = key_path(path, "static_ignore");
    if (auto seconds = reader.number_in(node["static_ignore"], key, 0.0, 86400.0)) {
      if (*seconds > 0.0 && *seconds < 2.0) {
        reader.problem(key, "must be 0 (off) or at least 2 seconds (people pausing would be learned), got " +
                                std::to_string(*seconds));
      } else {
        camera.static_ignore_seconds = *seconds;
      }
    }
  }

  if (auto keep = reader.boolean(node["keep"], key_path(path, "keep"))) {
    if (camera.kind && *camera.kind != "inbox") {
      reader.problem(key_path(path, "keep"),
                     "only applies to inbox sources (this camera's type is " + *camera.kind + ")");
    } else {
      camera.keep = *keep;
    }
  }
  return camera;
}

}  // namespace

std::vector<CameraConfig> read_cameras(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                       const DetectParams& global_detect, const TrackerParams& global_tracking) {
  std::vector<CameraConfig> cameras;
  if (node.IsNull()) return cameras;  // "cameras:" with nothing under it
  if (!reader.expect_map(node, path, "a map of camera name to camera settings")) return cameras;
  std::set<std::string> names;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      reader.problem(path, "camera names must be plain names, got " + describe(it->first));
      continue;
    }
    const std::string& name = it->first.Scalar();
    const std::string camera_path = key_path(path, name);
    if (!valid_name(name)) {
      reader.problem(camera_path, "invalid camera name; use letters, digits, '_' and '-' only");
      continue;
    }
    if (!names.insert(name).second) {
      reader.problem(camera_path, "duplicate camera name");
      continue;
    }
    cameras.push_back(read_camera(reader, it->second, camera_path, name, global_detect, global_tracking));
  }
  return cameras;
}

}  // namespace footfall::config

// Readers for the sections of the configuration file, shared by config_loader.cpp. Each records problems on the
// YamlReader and returns what it could read, with defaults where a value was missing or wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "yaml_reader.h"

namespace footfall::config {

// Applies the keys present in the detect map `node` to `params`. For a camera, `params` starts as a copy of the
// global detect section, so only the keys the camera sets are overridden.
void read_detect(YamlReader& reader, const YAML::Node& node, const std::string& path, DetectParams& params);

// Applies the keys present in the tracking map `node` to `params` (tracking_section.cpp); like read_detect, a
// camera's starts as a copy of the global section.
void read_tracking(YamlReader& reader, const YAML::Node& node, const std::string& path, TrackerParams& params);

// Letters, digits, '_' and '-' (camera, line and zone names).
bool valid_name(const std::string& name);

// A list of at least `min_points` [x, y] points, none negative; `normalized` is set when every coordinate is within
// 0..1 (fractions of the frame), else they are pixels. nullopt after recording a problem.
std::optional<Polygon> read_points(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                   std::size_t min_points, bool& normalized);

// True when the polygon's points are not all on one line.
bool encloses_area(const Polygon& polygon);

// The `lines` and `zones` maps of a camera.
std::vector<LineConfig> read_lines(YamlReader& reader, const YAML::Node& node, const std::string& path);
std::vector<ZoneConfig> read_zones(YamlReader& reader, const YAML::Node& node, const std::string& path);

// The `cameras` map; `global_detect` and `global_tracking` are the already-read global sections.
std::vector<CameraConfig> read_cameras(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                       const DetectParams& global_detect, const TrackerParams& global_tracking);

// The `stores` map; `cameras` are the already-read cameras (entry lines and store cameras must name them).
std::vector<StoreConfig> read_stores(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                     const std::vector<CameraConfig>& cameras);

// Qualifies the name of every camera of a store as "<store>.<camera>" (camera_names.cpp), in the cameras, the
// stores' camera lists and their entry lines. A camera listed by two stores is a problem at the second.
void qualify_store_cameras(YamlReader& reader, const std::string& stores_path, AppConfig& app);

// The `server` map (server_section.cpp).
void read_server(YamlReader& reader, const YAML::Node& node, const std::string& path, ServerConfig& server);

}  // namespace footfall::config

// Readers for the sections of the configuration file, shared by config_loader.cpp. Each records problems on the
// YamlReader and returns what it could read, with defaults where a value was missing or wrong.
#pragma once

#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "yaml_reader.h"

namespace footfall::config {

// Applies the keys present in the detect map `node` to `params`. For a camera, `params` starts as a copy of the
// global detect section, so only the keys the camera sets are overridden.
void read_detect(YamlReader& reader, const YAML::Node& node, const std::string& path, DetectParams& params);

// The `cameras` map; `global_detect` is the already-read global detect section.
std::vector<CameraConfig> read_cameras(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                       const DetectParams& global_detect);

}  // namespace footfall::config

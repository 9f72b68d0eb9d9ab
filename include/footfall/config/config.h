// The footfall YAML configuration (Frigate-style): load, validate, and defaults. Every key is documented in
// docs/configuration.md and configs/footfall.example.yaml. Errors name the file, the key path and the problem.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

struct CameraConfig {
  std::string name;
  std::string source;                   // after ${ENV} substitution
  std::optional<std::string> kind;      // "file", "stream", "device", "inbox", "image"; empty = detect from source
  bool enabled = true;
  SamplingParams sampling = SamplingParams::fps(5.0);
  std::optional<TimestampMs> start_time;  // files only: timestamp of the first frame
  Polygon roi;                          // pixels, or normalised 0..1 when roi_normalized
  bool roi_normalized = false;
  DetectParams detect;                  // camera overrides merged over the global detect section
  bool keep = false;                    // inbox: keep snapshots after counting
};

struct StorageConfig {
  std::string database = "footfall.db";  // sqlite path or URL
  int batch_rows = 64;
  int batch_ms = 1000;
};

struct AppConfig {
  StorageConfig storage;
  ModelParams model;
  DetectParams detect;
  std::vector<CameraConfig> cameras;
  std::string log_level = "info";
};

// Parses YAML text; `origin` (usually the file name) prefixes every error.
Result<AppConfig> parse_config(const std::string& yaml_text, const std::string& origin);
Result<AppConfig> load_config(const std::filesystem::path& path);

// Replaces ${NAME} and ${NAME:-default} with environment values; error names the unset variable.
Result<std::string> substitute_env(const std::string& text);

}  // namespace footfall

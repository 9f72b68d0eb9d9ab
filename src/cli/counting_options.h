// Tracking and counting flags shared by count and track: --line, --zone, --queue and the tracker settings.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/track/tracker_params.h"

namespace footfall::cli {

struct CountingOptions {
  std::vector<std::string> lines;   // NAME=x1,y1,x2,y2
  std::vector<std::string> zones;   // NAME=x1,y1,x2,y2,x3,y3,...
  std::vector<std::string> queues;  // like zones, marked as queues
  TrackerParams tracker;
};

struct CountingSetup {
  std::vector<LineConfig> lines;
  std::vector<ZoneConfig> zones;
  TrackerParams tracker;
};

void add_counting_options(CLI::App& cmd, CountingOptions& options);

// Parses and validates every flag; the error names the flag value and the problem (for a tracker setting: the flag
// and its allowed range, "--appearance-gate: must be in (0, 1], got 0"). Names must be unique among lines and among
// zones (queues are zones).
Result<CountingSetup> to_counting_setup(const CountingOptions& options);

}  // namespace footfall::cli

// The `footfall run` service: the composition root. Reads as the list of start-up steps: open the store, build a
// detector and a source per camera, start the pipelines, wait for them (or for SIGINT/SIGTERM), flush, report.
#pragma once

#include <atomic>

#include "footfall/config/config.h"

namespace footfall {

// Returns the process exit code: 0 on a clean finish or shutdown, 1 when start-up failed (nothing written).
int run_service(const AppConfig& config, const std::atomic<bool>& stop);

}  // namespace footfall

// Process-wide shutdown flag set by SIGINT/SIGTERM, so long loops stop cleanly and flush.
#pragma once

#include <atomic>

namespace footfall {

// Installs handlers for SIGINT and SIGTERM (idempotent). A second signal exits immediately with code 130.
void install_shutdown_handlers();
const std::atomic<bool>& shutdown_requested();
void request_shutdown();

}  // namespace footfall

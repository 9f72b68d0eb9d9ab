// What `footfall serve` reports about its cameras: health for /api/v1/cameras (CameraHealthSource) and counters for
// /metrics, from the running pipelines (app/service.h), the snapshots pushed to the server, and each camera's last
// logged warning or error.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/app/service.h"
#include "footfall/config/config.h"
#include "footfall/server/api_context.h"
#include "footfall/server/metrics.h"
#include "footfall/server/snapshot_service.h"

namespace footfall {

// Each camera's last warning or error, taken from the log: the pipelines log "camera NAME: ..." once per state
// change (error policy), so the last such line says what is wrong now. Thread-safe.
class CameraErrorLog {
 public:
  // Adds a sink to the default logger that feeds a new CameraErrorLog. Call before other threads log.
  static std::shared_ptr<CameraErrorLog> install();
  // Removes the sink again.
  static void uninstall(const std::shared_ptr<CameraErrorLog>& log);

  // A warning or error message; "camera NAME: text" is recorded as NAME's last error.
  void record(std::string_view message);
  std::string last_error(const std::string& camera) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> errors_;
};

class ServiceHealth final : public CameraHealthSource {
 public:
  // Any pointer may be null. All referenced objects must outlive this one.
  ServiceHealth(const AppConfig& config, const Service* service, const SnapshotService* snapshots,
                const CameraErrorLog* errors);

  // Every configured camera, in configuration order: pipeline cameras with their state; push cameras "idle"; disabled
  // ones "disabled". Snapshots count as analysed frames.
  std::vector<CameraHealth> camera_health() const override;
  // For Metrics::set_camera_source.
  std::vector<CameraCounters> camera_counters() const;

 private:
  const AppConfig& config_;
  const Service* service_;
  const SnapshotService* snapshots_;
  const CameraErrorLog* errors_;
};

}  // namespace footfall

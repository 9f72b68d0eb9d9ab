#include "footfall/server/service_health.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace footfall {

namespace {

class ErrorSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ErrorSink(std::shared_ptr<CameraErrorLog> log) : log_(std::move(log)) {}
  const CameraErrorLog* log() const { return log_.get(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (msg.level < spdlog::level::warn) return;
    log_->record(std::string_view(msg.payload.data(), msg.payload.size()));
  }
  void flush_() override {}

 private:
  std::shared_ptr<CameraErrorLog> log_;
};

}  // namespace

std::shared_ptr<CameraErrorLog> CameraErrorLog::install() {
  auto log = std::make_shared<CameraErrorLog>();
  auto sink = std::make_shared<ErrorSink>(log);
  sink->set_level(spdlog::level::warn);
  spdlog::default_logger()->sinks().push_back(std::move(sink));
  return log;
}

void CameraErrorLog::uninstall(const std::shared_ptr<CameraErrorLog>& log) {
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove_if(sinks.begin(), sinks.end(),
                             [&log](const spdlog::sink_ptr& s) {
                               const auto* e = dynamic_cast<const ErrorSink*>(s.get());
                               return e != nullptr && e->log() == log.get();
                             }),
              sinks.end());
}

void CameraErrorLog::record(std::string_view message) {
  constexpr std::string_view kPrefix = "camera ";
  if (message.substr(0, kPrefix.size()) != kPrefix) return;
  const auto colon = message.find(": ", kPrefix.size());
  if (colon == std::string_view::npos) return;
  const std::string camera(message.substr(kPrefix.size(), colon - kPrefix.size()));
  if (camera.empty() || camera.find(' ') != std::string::npos) return;
  std::lock_guard lock(mutex_);
  errors_[camera] = std::string(message.substr(colon + 2));
}

std::string CameraErrorLog::last_error(const std::string& camera) const {
  std::lock_guard lock(mutex_);
  const auto it = errors_.find(camera);
  return it == errors_.end() ? std::string() : it->second;
}

ServiceHealth::ServiceHealth(const AppConfig& config, const Service* service, const SnapshotService* snapshots,
                             const CameraErrorLog* errors)
    : config_(config), service_(service), snapshots_(snapshots), errors_(errors) {}

std::vector<CameraHealth> ServiceHealth::camera_health() const {
  std::map<std::string, CameraRuntime> running;
  if (service_ != nullptr) {
    for (CameraRuntime& r : service_->cameras()) running[r.name] = std::move(r);
  }
  const auto pushed = snapshots_ != nullptr ? snapshots_->stats() : std::map<std::string, SnapshotService::CameraStats>{};
  std::vector<CameraHealth> out;
  for (const CameraConfig& c : config_.cameras) {
    CameraHealth h;
    h.name = c.name;
    const auto r = running.find(c.name);
    const auto p = pushed.find(c.name);
    if (!c.enabled) {
      h.state = "disabled";
    } else if (r != running.end()) {
      h.state = r->second.state;
      h.fps_in = r->second.fps_in;
      h.fps_analysed = r->second.fps_analysed;
      h.frames_analysed = static_cast<std::int64_t>(r->second.frames_analyzed);
      h.frames_dropped = static_cast<std::int64_t>(r->second.frames_dropped);
      h.last_frame_ms = r->second.last_frame_ms;
    } else {
      h.state = "idle";  // a push camera (or, outside serve, a camera nobody runs)
    }
    if (p != pushed.end()) {
      h.frames_analysed += static_cast<std::int64_t>(p->second.snapshots);
      if (p->second.last_ms && (!h.last_frame_ms || *p->second.last_ms > *h.last_frame_ms)) {
        h.last_frame_ms = p->second.last_ms;
      }
    }
    if (errors_ != nullptr) h.last_error = errors_->last_error(c.name);
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<CameraCounters> ServiceHealth::camera_counters() const {
  std::map<std::string, CameraCounters> counters;
  if (service_ != nullptr) {
    for (const CameraRuntime& r : service_->cameras()) {
      CameraCounters& c = counters[r.name];
      c.camera = r.name;
      c.frames += r.frames_analyzed;
      c.frames_dropped += r.frames_dropped;
      c.detections += r.persons_counted;
      c.inference_seconds += r.inference_seconds;
    }
  }
  if (snapshots_ != nullptr) {
    for (const auto& [name, s] : snapshots_->stats()) {
      CameraCounters& c = counters[name];
      c.camera = name;
      c.frames += s.snapshots;
      c.detections += s.persons;
      c.inference_seconds += s.inference_seconds;
    }
  }
  std::vector<CameraCounters> out;
  for (auto& [name, c] : counters) out.push_back(std::move(c));
  return out;
}

}  // namespace footfall

// GET /api/v1/stores and GET /api/v1/cameras: the configuration as the dashboard needs it (opening hours, entry
// lines, lines and zones to draw over the scene) and each camera's health from the running service. Camera sources
// are left out: their URLs may hold passwords.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api_params.h"
#include "api_route_groups.h"
#include "footfall/app/chain_registry.h"
#include "footfall/ingest/source.h"

namespace footfall::api {

namespace {

constexpr const char* kWeekdayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string clock_text(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

nlohmann::json store_json(const StoreConfig& s) {
  nlohmann::json hours = nlohmann::json::object();
  for (std::size_t d = 0; d < 7; ++d) {
    nlohmann::json day = nlohmann::json::array();
    for (const OpeningInterval& i : s.hours[d])
      day.push_back(clock_text(i.open_minute) + "-" + clock_text(i.close_minute));
    hours[kWeekdayKeys[d]] = std::move(day);
  }
  nlohmann::json entry_lines = nlohmann::json::array();
  for (const EntryLine& e : s.entry_lines) entry_lines.push_back({{"camera", e.camera}, {"line", e.line}});
  return {{"name", s.name},
          {"timezone", s.timezone},
          {"hours", std::move(hours)},
          {"cameras", s.cameras},
          {"entry_lines", std::move(entry_lines)}};
}

// Coordinates are floats in the config: 0.1f printed as a double is 0.10000000149011612, so round to what was
// written (6 decimals is finer than any pixel or fraction a config uses).
double coordinate(float value) { return std::round(static_cast<double>(value) * 1e6) / 1e6; }

nlohmann::json points_json(const std::vector<Point>& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const Point& p : points) out.push_back(nlohmann::json::array({coordinate(p.x), coordinate(p.y)}));
  return out;
}

// `remote`: a camera another box on the same database runs (its health is that box's to report).
nlohmann::json health_json(const CameraHealth* h, bool remote) {
  if (h == nullptr) {
    return {{"state", remote ? "remote" : "unknown"},  {"fps_in", 0.0},         {"fps_analysed", 0.0}, {"frames_analysed", 0},
            {"frames_dropped", 0}, {"last_frame", nullptr}, {"last_error", ""}};
  }
  return {
      {"state", h->state},
      {"fps_in", h->fps_in},
      {"fps_analysed", h->fps_analysed},
      {"frames_analysed", h->frames_analysed},
      {"frames_dropped", h->frames_dropped},
      {"last_frame", h->last_frame_ms ? nlohmann::json(format_iso8601(*h->last_frame_ms)) : nlohmann::json(nullptr)},
      {"last_error", h->last_error}};
}

nlohmann::json camera_json(const CameraConfig& c, const CameraHealth* health) {
  nlohmann::json store = nullptr;
  if (!c.store.empty()) store = c.store;
  nlohmann::json lines = nlohmann::json::array();
  for (const LineConfig& l : c.lines) {
    lines.push_back({{"name", l.name}, {"points", points_json({l.a, l.b})}, {"normalized", l.normalized}});
  }
  nlohmann::json zones = nlohmann::json::array();
  for (const ZoneConfig& z : c.zones) {
    zones.push_back(
        {{"name", z.name}, {"points", points_json(z.polygon)}, {"normalized", z.normalized}, {"queue", z.queue}});
  }
  return {{"name", c.name},
          {"local_name", c.local_name.empty() ? c.name : c.local_name},
          {"store", std::move(store)},
          {"source_kind", c.kind ? *c.kind : std::string(to_string(detect_source_kind(c.source)))},
          {"enabled", c.enabled},
          {"lines", std::move(lines)},
          {"zones", std::move(zones)},
          {"health", health_json(health, c.kind == kRemoteCameraKind)}};
}

}  // namespace

void add_store_routes(Router& router, const ApiContext& context) {
  router.add({"GET",
              "/api/v1/stores",
              Role::kViewer,
              {},
              guarded(context,
                      [context](const ApiRequest&) {
                        nlohmann::json out = nlohmann::json::array();
                        const std::shared_ptr<const AppConfig> config = served_config(context);
                        for (const StoreConfig& s : config->stores) out.push_back(store_json(s));
                        return json_response(out);
                      }),
              "Stores of this box and of every box on the same database: time zone, opening hours, cameras, entry lines"});

  router.add({"GET",
              "/api/v1/cameras",
              Role::kViewer,
              {},
              guarded(context,
                      [context](const ApiRequest&) {
                        std::vector<CameraHealth> health;
                        if (context.health != nullptr) health = context.health->camera_health();
                        nlohmann::json out = nlohmann::json::array();
                        const std::shared_ptr<const AppConfig> config = served_config(context);
                        for (const CameraConfig& c : config->cameras) {
                          const CameraHealth* h = nullptr;
                          for (const CameraHealth& candidate : health) {
                            if (candidate.name == c.name) h = &candidate;
                          }
                          out.push_back(camera_json(c, h));
                        }
                        return json_response(out);
                      }),
              "Cameras with their lines, zones and health"});
}

}  // namespace footfall::api

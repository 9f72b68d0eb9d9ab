// footfall serve --config FILE : every camera pipeline and the HTTP server (REST API, live events, metrics, the
// dashboard) in one process, until SIGINT/SIGTERM; then the server stops, the pipelines flush, the summary prints.
#include <spdlog/spdlog.h>

#include <filesystem>

#include "commands.h"
#include "footfall/app/service.h"
#include "footfall/app/shutdown.h"
#include "footfall/config/config.h"
#include "footfall/mqtt/mqtt_publisher.h"
#include "footfall/server/api_routes.h"
#include "footfall/server/edge_health.h"
#include "footfall/server/http_server.h"
#include "footfall/server/live_hub.h"
#include "footfall/server/metrics.h"
#include "footfall/server/service_health.h"
#include "footfall/server/snapshot_service.h"
#include "footfall/server/static_files.h"

namespace footfall::cli {

namespace {

struct ServeOptions {
  std::string config;
  std::string database;
  std::optional<int> port;
  std::string bind;
};

int serve(const ServeOptions& o) {
  auto loaded = load_config(o.config);
  if (!loaded) {
    print_error(loaded.error().message);
    return kExitError;
  }
  AppConfig config = std::move(*loaded);
  if (!o.database.empty()) config.storage.database = o.database;
  if (o.port) config.server.port = *o.port;
  if (!o.bind.empty()) config.server.bind = o.bind;
  if (spdlog::get_level() == spdlog::level::info) spdlog::set_level(spdlog::level::from_str(config.log_level));
  install_shutdown_handlers();
  const std::atomic<bool>& stop = shutdown_requested();

  // 1. Each camera's last warning or error, for its health.
  const std::shared_ptr<CameraErrorLog> errors = CameraErrorLog::install();
  struct Uninstall {
    std::shared_ptr<CameraErrorLog> log;
    ~Uninstall() { CameraErrorLog::uninstall(log); }
  } uninstall{errors};

  // 2. The cameras and the store (nothing runs yet). A configuration without cameras serves the API only.
  ServiceOptions service_options;
  service_options.allow_no_cameras = true;
  service_options.pool_push_cameras = true;  // snapshots are detected on the pool, not by a network per camera
  auto created = Service::create(config, stop, service_options);
  if (!created) {
    print_error(created.error().message);
    return kExitError;
  }
  Service& service = **created;
  Store& store = service.store();
  // The API answers from a connection of its own on SQLite: a SQLite Store serialises its calls on one connection,
  // and a burst of report reads there would hold up the cameras' commits (the pipelines write synchronously). With
  // WAL, readers on another connection never block the writer. (PostgreSQL: the store's pool already runs calls on
  // separate connections.)
  std::unique_ptr<Store> api_connection;
  if (!is_database_server_url(config.storage.database)) {
    auto opened = open_store(config.storage.database);
    if (!opened) {
      print_error(opened.error().message);
      return kExitError;
    }
    api_connection = std::move(*opened);
  }
  Store& api_store = api_connection ? *api_connection : store;

  // 3. What the server adds on the event bus: live counts (seeded with today's crossings) and metrics.
  auto live = std::make_shared<LiveHub>(config);
  if (Status s = live->seed_today(store, service.clock().now_ms()); !s) spdlog::warn("live: {}", s.error().message);
  auto metrics = std::make_shared<Metrics>();
  service.events().subscribe(live);
  service.events().subscribe(metrics);
  auto mqtt = start_mqtt_publisher(config, service.events(), store, service.clock().now_ms());  // when configured
  if (!mqtt) {
    print_error(mqtt.error().message);
    return kExitError;
  }

  // 4. Snapshot push, camera health, the routes. Pushed counts go to the live counts only, not to the whole bus: a
  //    snapshot carries no crossings, and its timestamp (which the camera chooses) must not move a store's occupancy
  //    clock through closing and opening.
  SnapshotService snapshots(config, api_store, *live,
                            [&service](const std::string& camera) { return service.detector_client(camera); });
  ServiceHealth health(config, &service, &snapshots, errors.get());
  ServiceEdgeHealth edge(config, &service, mqtt->get(), service.clock());  // spools, database and broker
  metrics->set_camera_source([&health] { return health.camera_counters(); });
  // Every store and camera of the boxes sharing this database, not just this box's (issue 6).
  ChainDirectory directory(config, api_store, service.clock());
  Router router;
  ApiContext context;
  context.store = &api_store;
  context.config = &config;
  context.directory = &directory;
  context.health = &health;
  context.snapshots = &snapshots;
  context.clock = &service.clock();
  register_api_routes(router, context);

  // 5. The HTTP server first: a port in use refuses to start before any camera runs.
  HttpServerOptions options;
  options.edge = &edge;
  std::error_code ec;
  options.web_root = resolve_web_root(config.server.web_root, std::filesystem::read_symlink("/proc/self/exe", ec)).string();
  HttpServer server(config.server, router, api_store, live.get(), metrics.get(), options);
  if (Status s = server.start(); !s) {
    print_error(s.error().message);
    return kExitError;
  }
  if (!server.authenticator().loopback_bind()) {
    spdlog::info("server: every route but /healthz needs a token (footfall token create)");
  } else if (server.authenticator().open_access()) {
    spdlog::warn("server: no API token exists: access is open to this machine (footfall token create to close it)");
  }

  // 6. Run until SIGINT/SIGTERM, then stop the server (ends live streams, waits for requests in progress) and
  //    flush the cameras.
  service.start();
  service.run(/*until_done=*/false);
  spdlog::info("shutting down: stopping the server");
  server.stop();
  const bool ok = service.finish();
  stop_mqtt_publisher(*mqtt, service.events());
  return ok ? kExitOk : kExitError;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run every camera and the HTTP server: REST API, live counts, metrics and the dashboard");
  cmd->add_option("-c,--config", options->config, "Configuration file (YAML)")->required();
  cmd->add_option("--database", options->database, "Override the configured database");
  cmd->add_option("--port", options->port, "Override server.port (0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", options->bind, "Override server.bind");
  cmd->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace footfall::cli

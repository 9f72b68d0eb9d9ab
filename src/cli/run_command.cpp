// footfall run --config FILE : runs every configured camera into the database until done or SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include "commands.h"
#include "footfall/app/service.h"
#include "footfall/app/shutdown.h"
#include "footfall/config/config.h"
#include "footfall/mqtt/mqtt_publisher.h"

namespace footfall::cli {

void add_run_command(CLI::App& app, int& exit_code) {
  auto config_path = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("run", "Run every configured camera continuously into the database");
  cmd->add_option("-c,--config", *config_path, "Configuration file (YAML)")->required();
  cmd->add_option("--database", *database, "Override the configured database");
  cmd->callback([config_path, database, &exit_code] {
    auto config = load_config(*config_path);
    if (!config) {
      print_error(config.error().message);
      exit_code = kExitError;
      return;
    }
    if (!database->empty()) config->storage.database = *database;
    if (spdlog::get_level() == spdlog::level::info) spdlog::set_level(spdlog::level::from_str(config->log_level));
    install_shutdown_handlers();
    // run_service()'s steps, with the MQTT publisher (when configured) on the event bus before the cameras start.
    auto service = Service::create(*config, shutdown_requested());
    if (!service) {
      print_error(service.error().message);
      exit_code = kExitError;
      return;
    }
    auto mqtt = start_mqtt_publisher(*config, (*service)->events(), (*service)->store(), (*service)->clock().now_ms());
    if (!mqtt) {
      print_error(mqtt.error().message);
      exit_code = kExitError;
      return;
    }
    (*service)->start();
    (*service)->run(/*until_done=*/true);
    exit_code = (*service)->finish() ? kExitOk : kExitError;
    stop_mqtt_publisher(*mqtt, (*service)->events());
  });
}

}  // namespace footfall::cli

#include "footfall/cli/cli.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

#include "commands.h"

namespace footfall {

namespace cli {

void print_error(const std::string& message) { std::fprintf(stderr, "footfall: error: %s\n", message.c_str()); }

}  // namespace cli

int run_cli(int argc, char** argv) {
  // FFmpeg would print its own line on every reconnect attempt; footfall logs state changes itself.
  ::setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);
  // Logs go to stderr so that stdout stays clean for csv/json output.
  auto logger = spdlog::stderr_color_mt("footfall");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_default_logger(logger);

  CLI::App app{"footfall: people counting from the cameras a store already has"};
  app.set_version_flag("--version", "footfall 0.1.0");
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.parse_complete_callback([&log_level] { spdlog::set_level(spdlog::level::from_str(log_level)); });

  int exit_code = cli::kExitOk;
  cli::add_count_command(app, exit_code);
  cli::add_run_command(app, exit_code);
  cli::add_export_command(app, exit_code);
  cli::add_check_config_command(app, exit_code);
  cli::add_models_command(app, exit_code);
  cli::add_bench_command(app, exit_code);
  cli::add_eval_command(app, exit_code);
  cli::add_track_command(app, exit_code);
  cli::add_heatmap_command(app, exit_code);
  cli::add_ignore_regions_command(app, exit_code);
  cli::add_import_commands(app, exit_code);
  cli::add_staffing_command(app, exit_code);
  cli::add_simulate_command(app, exit_code);
  cli::add_report_command(app, exit_code);
  cli::add_serve_command(app, exit_code);
  cli::add_token_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace footfall

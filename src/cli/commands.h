// Subcommand registration. Each command lives in its own file and adds itself to the CLI11 app; the callback
// sets the process exit code through `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace footfall::cli {

// Exit codes shared by all commands (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;       // bad input, bad config, runtime failure
inline constexpr int kExitUsage = 2;       // bad arguments
inline constexpr int kExitPartial = 3;     // finished, but an input was damaged (e.g. truncated video)

void add_count_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_check_config_command(CLI::App& app, int& exit_code);
void add_models_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_eval_command(CLI::App& app, int& exit_code);
void add_track_command(CLI::App& app, int& exit_code);
void add_heatmap_command(CLI::App& app, int& exit_code);
void add_ignore_regions_command(CLI::App& app, int& exit_code);
void add_import_commands(CLI::App& app, int& exit_code);  // import-sales, import-roster
void add_staffing_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_simulate_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_token_command(CLI::App& app, int& exit_code);

// Prints "footfall: <message>" to stderr.
void print_error(const std::string& message);

}  // namespace footfall::cli

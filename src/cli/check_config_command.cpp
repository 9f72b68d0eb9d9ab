// footfall check-config FILE : validates a configuration and prints what it would run.
#include <cstdio>

#include "commands.h"
#include "footfall/config/config.h"
#include "footfall/ingest/source.h"

namespace footfall::cli {

namespace {

std::string describe_sampling(const SamplingParams& s) {
  char buf[64];
  switch (s.mode) {
    case SamplingParams::Mode::every_frame:
      return "every frame";
    case SamplingParams::Mode::fps:
      std::snprintf(buf, sizeof buf, "%g fps", s.value);
      return buf;
    case SamplingParams::Mode::interval:
      std::snprintf(buf, sizeof buf, "one frame every %g s", s.value);
      return buf;
  }
  return "?";
}

}  // namespace

void add_check_config_command(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("check-config", "Validate a configuration file and print what it would run");
  cmd->add_option("file", *path, "Configuration file (YAML)")->required();
  cmd->callback([path, &exit_code] {
    auto config = load_config(*path);
    if (!config) {
      print_error(config.error().message);
      exit_code = kExitError;
      return;
    }
    std::printf("%s: OK\n", path->c_str());
    std::printf("database: %s\n", config->storage.database.c_str());
    std::printf("model: %s\n", config->model.path.empty()
                                   ? (config->model.name.empty() ? "(default)" : config->model.name.c_str())
                                   : config->model.path.c_str());
    for (const CameraConfig& c : config->cameras) {
      const std::string kind = c.kind ? *c.kind : to_string(detect_source_kind(c.source));
      std::printf("camera %s: %s %s, %s%s\n", c.name.c_str(), kind.c_str(), mask_credentials(c.source).c_str(),
                  describe_sampling(effective_sampling(c, kind)).c_str(), c.enabled ? "" : " (disabled)");
    }
    exit_code = kExitOk;
  });
}

}  // namespace footfall::cli

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

std::string hhmm(int minute) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

// "mon 09:00-20:00, ..., sun closed".
std::string describe_hours(const StoreConfig& store) {
  static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string out;
  for (std::size_t d = 0; d < store.hours.size(); ++d) {
    out += (d == 0 ? "" : ", ") + std::string(kDays[d]) + " ";
    if (store.hours[d].empty()) out += "closed";
    for (std::size_t i = 0; i < store.hours[d].size(); ++i) {
      const OpeningInterval& h = store.hours[d][i];
      out += (i == 0 ? "" : "+") + hhmm(h.open_minute) + "-" + hhmm(h.close_minute);
    }
  }
  return out;
}

// The tracking keys that differ from the defaults ("defaults" when none), as written in the config.
std::string describe_tracking(const TrackerParams& p) {
  const TrackerParams d;
  std::string out;
  auto add = [&](const char* key, double value, double default_value) {
    if (value == default_value) return;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s %g", out.empty() ? "" : ", ", key, value);
    out += buf;
  };
  add("high_threshold", p.high_threshold, d.high_threshold);
  add("low_threshold", p.low_threshold, d.low_threshold);
  add("new_track_threshold", p.new_track_threshold, d.new_track_threshold);
  add("min_hits", p.min_hits, d.min_hits);
  add("lost_seconds", p.lost_track_seconds, d.lost_track_seconds);
  add("appearance_weight", p.appearance_weight, d.appearance_weight);
  add("appearance_gate", p.appearance_gate, d.appearance_gate);
  add("appearance_momentum", p.appearance_momentum, d.appearance_momentum);
  return out.empty() ? "defaults" : out;
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
      std::printf("camera %s: %s %s, %s, %zu line(s), %zu zone(s); tracking: %s%s\n", c.name.c_str(), kind.c_str(),
                  mask_credentials(c.source).c_str(), describe_sampling(effective_sampling(c, kind)).c_str(),
                  c.lines.size(), c.zones.size(), describe_tracking(c.tracking).c_str(),
                  c.enabled ? "" : " (disabled)");
    }
    for (const StoreConfig& s : config->stores) {
      std::string entries;
      for (const EntryLine& e : s.entry_lines) entries += (entries.empty() ? "" : ", ") + e.camera + "." + e.line;
      std::printf("store %s: %s; %s; entry lines: %s\n", s.name.c_str(), s.timezone.c_str(),
                  describe_hours(s).c_str(), entries.empty() ? "none" : entries.c_str());
    }
    exit_code = kExitOk;
  });
}

}  // namespace footfall::cli

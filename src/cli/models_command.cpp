// footfall models [list | locate NAME... | verify [NAME...] | download NAME...]
#include <cstdio>

#include "commands.h"
#include "footfall/detect/model_locator.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::cli {

namespace {

struct ModelsOptions {
  std::vector<std::string> names;
  std::string cache_dir;
};

std::vector<const ModelSpec*> selected(const std::vector<std::string>& names, int& exit_code) {
  std::vector<const ModelSpec*> out;
  if (names.empty()) {
    for (const ModelSpec& m : builtin_models()) out.push_back(&m);
    return out;
  }
  for (const std::string& n : names) {
    const ModelSpec* m = find_model(n);
    if (m == nullptr) {
      print_error(n + ": unknown model (run `footfall models` for the list)");
      exit_code = kExitError;
      continue;
    }
    out.push_back(m);
  }
  return out;
}

// Locates (and with `download`, fetches) every file of the selected models; verify checks checksums.
int locate_all(const ModelsOptions& o, bool verify, bool download, bool print_paths) {
  int exit_code = kExitOk;
  LocateOptions lo;
  lo.cache_dir = o.cache_dir;
  lo.allow_download = download;
  lo.verify = verify;
  for (const ModelSpec* m : selected(o.names, exit_code)) {
    for (const ModelFile& f : m->files) {
      auto located = locate_model_file(*m, f, lo);
      if (!located) {
        std::printf("%-26s %-36s %s\n", m->name.c_str(), f.name.c_str(), verify ? "FAILED" : "missing");
        print_error(located.error().message);
        exit_code = kExitError;
        continue;
      }
      std::printf("%-26s %-36s %s%s (%s)\n", m->name.c_str(), f.name.c_str(), verify ? "OK " : "",
                  print_paths ? located->path.c_str() : "", located->origin.c_str());
    }
  }
  return exit_code;
}

int list_models(const ModelsOptions& o) {
  LocateOptions lo;
  lo.cache_dir = o.cache_dir;
  lo.allow_download = false;
  lo.verify = false;
  std::printf("%-26s %-7s %-10s %-11s %-22s %s\n", "name", "format", "input", "decoder", "license", "available");
  for (const ModelSpec& m : builtin_models()) {
    bool found = true;
    for (const ModelFile& f : m.files) found = found && locate_model_file(m, f, lo).ok();
    char input[32];
    std::snprintf(input, sizeof input, "%dx%d", m.input_width, m.input_height);
    std::printf("%-26s %-7s %-10s %-11s %-22s %s%s\n", m.name.c_str(), m.format.c_str(), input, to_string(m.decoder),
                m.license.c_str(), found ? "yes" : "no (downloadable)",
                m.name == default_model_name() ? "  [default]" : "");
  }
  std::printf("%-26s %-7s %-10s %-11s %-22s %s\n", "hog", "opencv", "64x128", "-", "BSD (OpenCV)",
              "yes (fallback)");
  return kExitOk;
}

}  // namespace

void add_models_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ModelsOptions>();
  CLI::App* cmd = app.add_subcommand("models", "List, locate, verify or download detection models");
  cmd->add_option("--cache-dir", o->cache_dir, "Download cache (default ~/.cache/footfall/models)");
  cmd->callback([o, cmd, &exit_code] {
    if (cmd->get_subcommands().empty()) exit_code = list_models(*o);
  });
  CLI::App* list = cmd->add_subcommand("list", "List known models and whether their files are available");
  list->callback([o, &exit_code] { exit_code = list_models(*o); });
  CLI::App* locate = cmd->add_subcommand("locate", "Print where each file of the models is found");
  locate->add_option("names", o->names, "Model names (default: all)");
  locate->callback([o, &exit_code] { exit_code = locate_all(*o, false, false, true); });
  CLI::App* verify = cmd->add_subcommand("verify", "Check the SHA-256 of every located model file");
  verify->add_option("names", o->names, "Model names (default: all)");
  verify->callback([o, &exit_code] { exit_code = locate_all(*o, true, false, true); });
  CLI::App* download = cmd->add_subcommand("download", "Download models from upstream into the cache, verified");
  download->add_option("names", o->names, "Model names")->required();
  download->callback([o, &exit_code] { exit_code = locate_all(*o, true, true, true); });
}

}  // namespace footfall::cli

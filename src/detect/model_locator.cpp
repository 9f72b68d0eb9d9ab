// Model file lookup: $FOOTFALL_MODELS, shared/models above the working directory or the executable, the cache,
// then a verified download. Explicit paths are handled by the detector factory before this is called.
#include "footfall/detect/model_locator.h"

#include <cstdlib>
#include <system_error>
#include <utility>

namespace footfall {

namespace fs = std::filesystem;

namespace {

struct SearchDir {
  fs::path dir;
  std::string origin;
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

fs::path normalized(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? p.lexically_normal() : out;
}

// The nearest <ancestor>/shared/models directory, walking up from `start` (inclusive) to the root.
std::optional<fs::path> shared_models_above(const fs::path& start) {
  if (start.empty()) return std::nullopt;
  std::error_code ec;
  for (fs::path p = normalized(start);; p = p.parent_path()) {
    const fs::path candidate = p / "shared" / "models";
    if (fs::is_directory(candidate, ec)) return candidate;
    if (!p.has_parent_path() || p.parent_path() == p) break;
  }
  return std::nullopt;
}

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::vector<SearchDir> default_search_dirs() {
  std::vector<SearchDir> out;
  const std::string models = env("FOOTFALL_MODELS");
  std::size_t start = 0;
  while (start <= models.size()) {
    const std::size_t end = models.find(':', start);
    const std::string part = models.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!part.empty()) out.push_back({part, "FOOTFALL_MODELS"});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  for (const fs::path& from : {ec ? fs::path() : cwd, executable_dir()}) {
    if (auto shared = shared_models_above(from)) out.push_back({*shared, "shared"});
  }
  // Remove duplicates, keeping the first (highest-priority) occurrence.
  std::vector<SearchDir> unique;
  for (SearchDir& d : out) {
    bool seen = false;
    for (const SearchDir& u : unique) seen = seen || normalized(u.dir) == normalized(d.dir);
    if (!seen) unique.push_back(std::move(d));
  }
  return unique;
}

// Where `file` of `spec` may sit inside `dir`, in order of preference.
std::vector<fs::path> candidates(const fs::path& dir, const ModelSpec& spec, const ModelFile& file) {
  std::vector<fs::path> out;
  if (!spec.folder.empty()) out.push_back(dir / spec.folder / file.name);
  if (spec.name != spec.folder) out.push_back(dir / spec.name / file.name);
  out.push_back(dir / file.name);
  return out;
}

}  // namespace

std::vector<fs::path> model_search_dirs() {
  std::vector<fs::path> out;
  for (SearchDir& d : default_search_dirs()) out.push_back(std::move(d.dir));
  return out;
}

fs::path default_cache_dir() {
  const std::string xdg = env("XDG_CACHE_HOME");
  if (!xdg.empty() && fs::path(xdg).is_absolute()) return fs::path(xdg) / "footfall" / "models";
  const std::string home = env("HOME");
  if (!home.empty()) return fs::path(home) / ".cache" / "footfall" / "models";
  std::error_code ec;
  return fs::temp_directory_path(ec) / "footfall-cache" / "models";
}

Result<LocatedFile> locate_model_file(const ModelSpec& spec, const ModelFile& file, const LocateOptions& options) {
  return locate_model_file(spec, file, options, nullptr);
}

Result<LocatedFile> locate_model_file(const ModelSpec& spec, const ModelFile& file, const LocateOptions& options,
                                      LocateFailure* failure) {
  LocateFailure ignored{};
  LocateFailure& why = failure != nullptr ? *failure : ignored;
  std::vector<SearchDir> dirs;
  if (options.search_dirs) {
    for (const fs::path& d : *options.search_dirs) dirs.push_back({d, "dir"});
  } else {
    dirs = default_search_dirs();
  }
  const fs::path cache = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  dirs.push_back({cache, "cache"});

  const std::string what = spec.name + ": " + file.name;
  std::string searched;
  for (const SearchDir& d : dirs) {
    for (const fs::path& candidate : candidates(d.dir, spec, file)) {
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) continue;
      if (options.verify) {
        auto digest = sha256_file(candidate);
        if (!digest) {
          why = LocateFailure::unreadable;
          return make_error(what + ": " + digest.error().message);
        }
        if (*digest != file.sha256) {
          why = LocateFailure::checksum_mismatch;
          return make_error(candidate.string() + ": checksum mismatch for " + what + ": expected sha256 " +
                            file.sha256 + ", got " + *digest +
                            " (the file is damaged or a different version; replace or delete it)");
        }
      }
      return LocatedFile{candidate, d.origin};
    }
    searched += (searched.empty() ? "" : ", ") + d.dir.string() + " (" + d.origin + ")";
  }
  bool has_shared = false;
  for (const SearchDir& d : dirs) has_shared = has_shared || d.origin == "shared";
  if (!options.search_dirs && !has_shared) {
    searched += "; no shared/models directory above the working directory or the executable";
  }

  why = LocateFailure::not_found;
  if (file.url.empty()) {
    return make_error(what + ": not found in " + searched +
                      "; this file has no upstream download, so it must be provided locally (set FOOTFALL_MODELS "
                      "to a directory holding " + spec.folder + "/" + file.name + ")");
  }
  if (!options.allow_download) {
    return make_error(what + ": not found in " + searched + "; downloading is disabled (upstream: " + file.url + ")");
  }
  const fs::path dest = cache / spec.folder / file.name;
  Status downloaded = download_verified(file.url, file.sha256, dest);
  if (!downloaded) {
    why = LocateFailure::download_failed;
    return make_error(what + ": not found in " + searched + "; download failed: " + downloaded.error().message);
  }
  return LocatedFile{dest, "download"};
}

}  // namespace footfall

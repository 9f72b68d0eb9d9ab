// Finds model files: explicit path, then $FOOTFALL_MODELS, then ../shared/models (next to the checkout, for dev and
// CI), then the download cache, then a download from the upstream URL verified by SHA-256 into the cache.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/detect/model_manifest.h"

namespace footfall {

struct LocatedFile {
  std::filesystem::path path;
  std::string origin;  // "explicit", "FOOTFALL_MODELS", "shared", "dir" (LocateOptions::search_dirs), "cache", "download"
};

struct LocateOptions {
  std::filesystem::path cache_dir;  // empty: default_cache_dir()
  bool allow_download = true;
  bool verify = true;  // check SHA-256 of files found locally as well (downloads are always checked)
  // Replaces model_search_dirs() when set (tests, tools); the cache and the download still follow.
  std::optional<std::vector<std::filesystem::path>> search_dirs;
};

// Directories searched, in order, before the cache: every entry of $FOOTFALL_MODELS (':'-separated), then the
// nearest `shared/models` directory above the working directory, then the nearest one above the executable's
// directory (/proc/self/exe); e.g. /work/main/build/release finds /work/shared/models. Duplicates removed.
// A directory may hold <dir>/<spec.folder>/<file>, <dir>/<spec.name>/<file> or <dir>/<file>.
std::vector<std::filesystem::path> model_search_dirs();
// $XDG_CACHE_HOME/footfall/models, else $HOME/.cache/footfall/models. Downloads go to <cache>/<spec.folder>/.
std::filesystem::path default_cache_dir();

// Locates one file of a model: the search dirs, then the cache, then (if allowed and the file has a URL) a
// verified download into the cache. Errors: not found anywhere (listing every place it looked), checksum mismatch
// of a local file (naming the file, expected and actual digest; never skipped silently), download failure.
Result<LocatedFile> locate_model_file(const ModelSpec& spec, const ModelFile& file, const LocateOptions& options);

// Why locate_model_file failed, for callers that treat "missing" differently from "damaged".
enum class LocateFailure {
  not_found,          // not in any searched place, and no download was possible or allowed
  download_failed,    // not found locally; the download failed (network, HTTP status, checksum)
  checksum_mismatch,  // a local file has the wrong SHA-256
  unreadable,         // a local file could not be read
};
Result<LocatedFile> locate_model_file(const ModelSpec& spec, const ModelFile& file, const LocateOptions& options,
                                      LocateFailure* failure);

// Hex SHA-256 of a file; error names the file.
Result<std::string> sha256_file(const std::filesystem::path& path);

// Downloads url (http or https, redirects followed) to dest atomically: a temporary file in dest's directory
// (created if missing), fsync, SHA-256 check, rename. Nothing is left behind on any failure.
Status download_verified(const std::string& url, const std::string& sha256, const std::filesystem::path& dest);

}  // namespace footfall

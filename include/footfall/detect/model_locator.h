// Finds model files: explicit path, then $FOOTFALL_MODELS, then ../shared/models (next to the checkout, for dev and
// CI), then the download cache, then a download from the upstream URL verified by SHA-256 into the cache.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/detect/model_manifest.h"

namespace footfall {

struct LocatedFile {
  std::filesystem::path path;
  std::string origin;  // "explicit", "FOOTFALL_MODELS", "shared", "cache", "download"
};

struct LocateOptions {
  std::filesystem::path cache_dir;  // empty: default cache
  bool allow_download = true;
  bool verify = true;  // check SHA-256 of files found locally as well (downloads are always checked)
};

// Directories searched, in order, for `spec` (each may hold <dir>/<spec.name>/<file> or <dir>/<file>).
std::vector<std::filesystem::path> model_search_dirs();
std::filesystem::path default_cache_dir();

// Locates one file of a model. Errors: not found anywhere (listing where it looked), checksum mismatch (naming
// the file, expected and actual digest), download failure.
Result<LocatedFile> locate_model_file(const ModelSpec& spec, const ModelFile& file, const LocateOptions& options);

// Hex SHA-256 of a file; error names the file.
Result<std::string> sha256_file(const std::filesystem::path& path);

// Downloads url to dest atomically (temp file + rename) if its SHA-256 matches; nothing left behind otherwise.
Status download_verified(const std::string& url, const std::string& sha256, const std::filesystem::path& dest);

}  // namespace footfall

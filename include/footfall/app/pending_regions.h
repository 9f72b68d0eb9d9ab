// Ignore regions a camera learned while the store could not take them (a database outage), kept on local disk until
// the store has them, so that a kill or a restart during the outage does not lose them: without the file, the
// look-alike would be counted again after the restart until it is learned a second time.
//
// One JSON file per camera, replaced as a whole through a temporary file and a rename (the file is always the old or
// the new list, never a mix). Written only when the list changes; removed when it is empty.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/scene/ignore_region.h"

namespace footfall {

class PendingRegions {
 public:
  // `path` empty: the list is kept in memory only.
  PendingRegions() = default;
  explicit PendingRegions(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }

  // The regions an earlier run left in the file (none when it does not exist). An unreadable file is an error that
  // names it and says what is wrong; the caller logs it and goes on without the regions.
  Result<std::vector<IgnoreRegion>> load() const;
  // Replaces the file's list with `regions` (creating the folder); an empty list removes the file. The error names
  // the file.
  Status save(const std::vector<IgnoreRegion>& regions) const;

 private:
  std::filesystem::path path_;
};

// `<dir>/<camera>.json`: the file of one camera. Camera names are letters, digits, '_', '-' and '.'.
std::filesystem::path pending_regions_path(const std::filesystem::path& dir, const std::string& camera);

}  // namespace footfall

// The chain registry's documents (issue 6, many boxes in one database): what a box declares about its stores and
// cameras (store/registry_store.h), and the configuration a box serves: its own, plus every store and camera other
// boxes declared. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "footfall/core/time.h"
#include "footfall/store/registry_store.h"

namespace footfall {

// One entry per store and per camera of `config` (disabled cameras too: their rows may still be in the database).
// A store's settings: time zone, opening hours, cameras, entry lines and staffing policy; a camera's: its store, its
// local name, lines and zones (geometry as configured, pixels or normalised).
std::vector<RegistryEntry> registry_entries(const AppConfig& config, const std::string& box, TimestampMs now_ms);

// `local` with the stores and cameras of `entries` that it does not define itself (a box's own configuration wins
// over what the registry says about the same names). Cameras from the registry have kind "remote" and no source:
// they are run by another box. An entry whose settings cannot be read is skipped, and named in `problems`.
AppConfig merge_registry(const AppConfig& local, const std::vector<RegistryEntry>& entries,
                         std::vector<std::string>* problems = nullptr);

// The source kind name of a camera declared by another box.
inline constexpr const char* kRemoteCameraKind = "remote";

}  // namespace footfall

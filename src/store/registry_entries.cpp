// The registry entries a backend accepts (registry_store.h): kind store or camera, a name, a JSON document.
#include "footfall/store/registry_store.h"

namespace footfall {

Status check_registry_entries(std::span<const RegistryEntry> entries) {
  for (const RegistryEntry& e : entries) {
    const std::string which = "registry entry " + e.kind + " '" + e.name + "'";
    if (e.kind != "store" && e.kind != "camera") {
      return make_error(which + ": kind must be store or camera; nothing was written");
    }
    if (e.name.empty()) return make_error("registry entry of kind " + e.kind + ": empty name; nothing was written");
    if (e.settings.empty()) return make_error(which + ": empty settings; nothing was written");
  }
  return Status::success();
}

}  // namespace footfall

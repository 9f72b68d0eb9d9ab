// RegistryStore: the chain's directory in the database (issue 6, many boxes in one database). Each box declares the
// stores and cameras it runs, so that the API and dashboard of any box on the same database, or of a box that runs
// no camera at all, show every store. The store layer keeps each entry as an opaque JSON document; app/chain_registry.h
// defines the documents and merges them into a configuration. Implementations are thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

// Key: (kind, name).
struct RegistryEntry {
  std::string kind;      // "store" or "camera"
  std::string name;      // the store's name, or the camera's name as stored with its rows ("store.camera")
  std::string settings;  // a JSON document (time zone, hours and entry lines of a store; lines and zones of a camera)
  std::string box;       // the host that declared it last
  TimestampMs updated_ms = 0;
};

// The check both backends make before writing: an error naming the first entry refused and why.
Status check_registry_entries(std::span<const RegistryEntry> entries);

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;
  // Inserts or replaces every entry by (kind, name), all in one transaction. An error names the entry refused (an
  // empty name, a kind other than store or camera); nothing is written then.
  virtual Status put_registry(std::span<const RegistryEntry> entries) = 0;
  // Every entry, ordered by kind then name.
  virtual Result<std::vector<RegistryEntry>> read_registry() = 0;
};

}  // namespace footfall

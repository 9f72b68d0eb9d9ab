// ChainDirectory: the configuration a box serves when many boxes write into one database (issue 6): its own
// configuration merged with every store and camera the other boxes declared in the registry (chain_registry.h).
// The registry is read again when the last read is older than `refresh`, so that a store whose box starts later
// appears without a restart. Thread-safe; a read never waits for another one in progress (it gets the previous
// snapshot), and a registry that cannot be read (the database is down) keeps the last snapshot, with a warning.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "footfall/config/config.h"
#include "footfall/core/time.h"
#include "footfall/store/registry_store.h"

namespace footfall {

class ChainDirectory {
 public:
  // `local`, `registry` and `clock` must outlive the directory. The first config() reads the registry.
  ChainDirectory(const AppConfig& local, RegistryStore& registry, const Clock& clock,
                 std::chrono::milliseconds refresh = std::chrono::seconds(30));

  // The merged configuration (never null; the local one until the registry has been read once).
  std::shared_ptr<const AppConfig> config();

  // Reads the registry now (error from the store; the snapshot is then unchanged).
  Status refresh();

 private:
  const AppConfig& local_;
  RegistryStore& registry_;
  const Clock& clock_;
  std::chrono::milliseconds refresh_;
  std::mutex read_mutex_;  // one registry read at a time
  std::mutex mutex_;       // guards the fields below
  std::shared_ptr<const AppConfig> snapshot_;
  TimestampMs read_at_ms_ = 0;
  bool have_read_ = false;
  bool warned_ = false;
  std::set<std::string> skipped_;  // registry entries already reported as unreadable
};

// Declares `config`'s stores and cameras in the registry under this host's name (chain_registry.h).
Status register_in_chain(const AppConfig& config, RegistryStore& registry, const Clock& clock);

}  // namespace footfall

// A store of the configuration for the analytics commands (import-sales, import-roster, staffing, report,
// simulate): the loaded config, the store's settings and its time zone, and the database to use (--database, else
// the config's). The errors name the config file or the store (listing the stores there are).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time_zone.h"
#include "footfall/store/store.h"

namespace footfall::cli {

struct StoreContext {
  AppConfig config;
  StoreConfig store;
  TimeZone tz;
  std::string database;  // URL or path
};

// On failure *exit_code is set: kExitError (1) for a config that does not load, kExitUsage (2) for a missing
// --config or an unknown --store.
Result<StoreContext> load_store_context(const std::string& config_path, const std::string& store_name,
                                        const std::string& database_flag, int* exit_code);

// The import source under which `footfall simulate` logs its sales: reports say SIMULATED DATA when they see it.
std::string simulated_source(std::uint64_t seed);

// Opens the context's database: for writing (import, simulate) it is created if missing; for reading (report,
// staffing) a database that does not exist is an error naming it.
enum class StoreAccess { kWrite, kRead };
Result<std::unique_ptr<Store>> open_context_store(const StoreContext& context, StoreAccess access);


}  // namespace footfall::cli

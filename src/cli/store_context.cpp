#include "store_context.h"

#include "commands.h"
#include "store_options.h"

namespace footfall::cli {

Result<StoreContext> load_store_context(const std::string& config_path, const std::string& store_name,
                                        const std::string& database_flag, int* exit_code) {
  *exit_code = kExitUsage;
  if (config_path.empty()) return make_error("--config: required (the file that defines store " + store_name + ")");
  auto config = load_config(config_path);
  if (!config) {
    *exit_code = kExitError;
    return config.error();
  }
  const StoreConfig* found = nullptr;
  std::string names;
  for (const StoreConfig& s : config->stores) {
    names += (names.empty() ? "" : ", ") + s.name;
    if (s.name == store_name) found = &s;
  }
  if (found == nullptr) {
    return make_error("--store " + store_name + ": no such store in " + config_path +
                      (names.empty() ? " (it defines no stores; add a `stores:` section)" : " (stores: " + names + ")"));
  }
  auto tz = TimeZone::locate(found->timezone);
  *exit_code = kExitError;
  if (!tz) return make_error(config_path + ": stores." + store_name + ".timezone: " + tz.error().message);
  StoreContext context{*config, *found, *tz, database_flag.empty() ? config->storage.database : database_flag};
  return context;
}

Result<std::unique_ptr<Store>> open_context_store(const StoreContext& context, StoreAccess access) {
  if (access == StoreAccess::kRead) return open_existing_store(context.database, "");
  return open_store(context.database);
}

}  // namespace footfall::cli

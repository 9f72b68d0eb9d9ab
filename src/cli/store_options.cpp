#include "store_options.h"

#include <filesystem>

#include "footfall/config/config.h"

namespace footfall::cli {

Result<std::unique_ptr<Store>> open_existing_store(const std::string& database_flag, const std::string& config_path) {
  std::string database = database_flag;
  if (database.empty() && !config_path.empty()) {
    auto config = load_config(config_path);
    if (!config) return config.error();
    database = config->storage.database;
  }
  if (database.empty()) database = "footfall.db";
  // URLs of server databases go straight to open_store; files must exist.
  std::string file = database;
  for (const char* prefix : {"sqlite://", "sqlite:"}) {
    if (file.rfind(prefix, 0) == 0) file = file.substr(std::string(prefix).size());
  }
  const bool server_url = file.find("://") != std::string::npos;
  if (!server_url && !std::filesystem::exists(file)) {
    return make_error(database + ": no such database (run `footfall run` first, or pass --database)");
  }
  return open_store(database);
}

}  // namespace footfall::cli

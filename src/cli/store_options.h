// Opening the database of a reading command (export, heatmap): --database, else the --config file's, else
// footfall.db. Reading never creates a database: a path that does not exist is an error naming it.
#pragma once

#include <memory>
#include <string>

#include "footfall/core/result.h"
#include "footfall/store/store.h"

namespace footfall::cli {

Result<std::unique_ptr<Store>> open_existing_store(const std::string& database, const std::string& config_path);

}  // namespace footfall::cli

// The SQLite schema as numbered migration steps. The database's PRAGMA user_version is the number of steps
// applied; opening a database brings it to the newest version, one transaction per step, so a failed step leaves
// the file exactly as it was before that step. Steps are append-only: never edit one that has shipped.
#pragma once

#include <span>
#include <string_view>

#include "footfall/core/result.h"
#include "sqlite/connection.h"

namespace footfall::sqlite {

struct Migration {
  int version;                   // the user_version after this step; steps are numbered 1, 2, 3, ...
  std::string_view description;  // for error messages
  std::string_view sql;          // one or more statements
};

// PRAGMA application_id written by the first step: marks the file as a footfall database ("FtFl").
inline constexpr int kApplicationId = 0x4674466c;

std::span<const Migration> schema_migrations();
int latest_schema_version();

// Brings `db` to the newest schema version and returns it. Errors (each naming the database path): a file whose
// version is newer than this binary knows, a file that belongs to another application, a step that fails.
Result<int> migrate(Connection& db);

}  // namespace footfall::sqlite

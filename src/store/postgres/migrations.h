// The PostgreSQL schema as numbered migration steps, the same steps as the SQLite backend's (sqlite/migrations.h)
// in PostgreSQL's dialect. The table schema_version holds one row per step applied (version, description, when);
// the database's version is the highest. Opening a database brings it to the newest version, one transaction per
// step, all under a session advisory lock (boxes that start together against a new database migrate it once), so a
// failed step leaves the database exactly as it was before that step. Steps are append-only: never edit one that has shipped.
//
// Every table that grows with time has a primary key that includes its time column, so TimescaleDB can make it a
// hypertable (docs/postgresql.md). Text keys use the "C" collation: rows sort byte-wise, as in SQLite.
#pragma once

#include <pqxx/pqxx>

#include <span>
#include <string>
#include <string_view>

#include "footfall/core/result.h"

namespace footfall::postgres {

struct Migration {
  int version;                   // the schema version after this step; steps are numbered 1, 2, 3, ...
  std::string_view description;  // for error messages and the schema_version table
  std::string_view sql;          // one or more statements
};

std::span<const Migration> schema_migrations();
int latest_schema_version();

// The first key of the advisory locks footfall takes (pg_advisory_lock(kLockSpace, 0) for migrations, and
// pg_advisory_xact_lock(kLockSpace, camera or store) for writes): "FtFl", as SQLite's application_id.
inline constexpr int kLockSpace = 0x4674466c;

// What migrate() did.
struct MigrationOutcome {
  int before = 0;  // the version found
  int after = 0;   // the version now
};

// Brings the database of `connection` to the newest schema version. Errors (naming `masked_url`): a database whose
// version is newer than this binary knows, a step that fails (the step's number and description, and the server's
// message). Throws libpqxx's exceptions when the connection fails (the caller classifies them).
Result<MigrationOutcome> migrate(pqxx::connection& connection, const std::string& masked_url);

}  // namespace footfall::postgres

#include "sqlite/migrations.h"

#include <array>
#include <string>

namespace footfall::sqlite {

namespace {

// Rows are keyed by (camera, timestamp) so that re-processing the same frames replaces rather than duplicates;
// WITHOUT ROWID stores each row once, in key order, which is also the order every range query reads.
// CHECK constraints reject values no pipeline can produce, so a broken row fails its whole batch loudly.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE counts (
  camera          TEXT    NOT NULL CHECK (length(camera) > 0),
  ts_ms           INTEGER NOT NULL,
  count           INTEGER NOT NULL CHECK (count >= 0),
  mean_confidence REAL    NOT NULL CHECK (mean_confidence >= 0.0 AND mean_confidence <= 1.0),
  model           TEXT    NOT NULL,
  frame_width     INTEGER NOT NULL CHECK (frame_width >= 0),
  frame_height    INTEGER NOT NULL CHECK (frame_height >= 0),
  PRIMARY KEY (camera, ts_ms)
) WITHOUT ROWID;

-- Range queries over every camera (export, dashboards) read by time.
CREATE INDEX counts_by_time ON counts (ts_ms);

CREATE TABLE gaps (
  camera   TEXT    NOT NULL CHECK (length(camera) > 0),
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL CHECK (end_ms >= start_ms),
  reason   TEXT    NOT NULL,
  PRIMARY KEY (camera, start_ms)
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations{
    Migration{1, "create counts and gaps", kSchemaV1},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Result<int> migrate(Connection& db) {
  auto application_id = db.query_int("PRAGMA application_id", "reading the application id");
  if (!application_id) return application_id.error();
  if (*application_id != 0 && *application_id != kApplicationId) {
    return make_error("database " + db.path() + ": not a footfall database (application_id " +
                      std::to_string(*application_id) + "); choose another file");
  }

  auto version = db.query_int("PRAGMA user_version", "reading the schema version");
  if (!version) return version.error();
  const int latest = latest_schema_version();
  if (*version > latest) {
    return make_error("database " + db.path() + ": schema version " + std::to_string(*version) +
                      " is newer than this footfall supports (" + std::to_string(latest) +
                      "); use a newer footfall or another database file");
  }

  int current = static_cast<int>(*version);
  for (const Migration& step : kMigrations) {
    if (step.version <= current) continue;
    const std::string what = "migration " + std::to_string(step.version) + " (" + std::string(step.description) + ")";
    Transaction tx(db);
    if (Status s = tx.begin(what); !s) return s.error();
    // Another process may have migrated while we waited for the write lock: look again inside the transaction.
    auto now = db.query_int("PRAGMA user_version", what);
    if (!now) return now.error();
    if (*now >= step.version) {
      current = static_cast<int>(*now);
      continue;
    }
    if (Status s = db.exec(step.sql, what); !s) return s.error();
    // PRAGMA values cannot be bound; both are integers built here, never user input.
    std::string bump = "PRAGMA user_version = " + std::to_string(step.version);
    if (step.version == 1) bump += "; PRAGMA application_id = " + std::to_string(kApplicationId);
    if (Status s = db.exec(bump, what); !s) return s.error();
    if (Status s = tx.commit(what); !s) return s.error();
    current = step.version;
  }
  return current;
}

}  // namespace footfall::sqlite

// SqliteStore registry (schema v5): the stores and cameras each box declares (registry_store.h).
#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

Status SqliteStore::put_registry(std::span<const RegistryEntry> entries) {
  if (Status s = check_registry_entries(entries); !s) return s;
  std::lock_guard lock(mutex_);
  const std::string what = "registering " + std::to_string(entries.size()) + " stores and cameras";
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s;
  auto upsert = connection_.prepare(
      "INSERT INTO registry (kind, name, settings, box, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (kind, name) DO UPDATE SET settings = excluded.settings, box = excluded.box, "
      "updated_ms = excluded.updated_ms");
  if (!upsert) return upsert.error();
  for (const RegistryEntry& e : entries) {
    upsert->bind(1, e.kind);
    upsert->bind(2, e.name);
    upsert->bind(3, e.settings);
    upsert->bind(4, e.box);
    upsert->bind(5, std::int64_t{e.updated_ms});
    if (Status s = run(*upsert, what + ": " + e.kind + " " + e.name); !s) return s;
  }
  return tx.commit(what);
}

Result<std::vector<RegistryEntry>> SqliteStore::read_registry() {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("SELECT kind, name, settings, box, updated_ms FROM registry ORDER BY kind, name");
  if (!stmt) return stmt.error();
  std::vector<RegistryEntry> rows;
  int rc;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_text(2), stmt->column_text(3),
                    stmt->column_int64(4)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading the registry of stores and cameras");
  return rows;
}

}  // namespace footfall::sqlite

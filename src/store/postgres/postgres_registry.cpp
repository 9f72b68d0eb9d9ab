// PostgresStore registry (schema v5): the stores and cameras each box declares (registry_store.h).
#include "postgres/postgres_store.h"

namespace footfall::postgres {

Status PostgresStore::put_registry(std::span<const RegistryEntry> entries) {
  if (Status s = check_registry_entries(entries); !s) return s;
  const std::string what = "registering " + std::to_string(entries.size()) + " stores and cameras";
  return pool_.run<Status>(what, [&](pqxx::connection& c) {
    pqxx::work tx(c);
    for (const RegistryEntry& e : entries) {
      tx.exec_params(
          "INSERT INTO registry (kind, name, settings, box, updated_ms) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (kind, name) DO UPDATE SET settings = excluded.settings, box = excluded.box, "
          "updated_ms = excluded.updated_ms",
          e.kind, e.name, e.settings, e.box, std::int64_t{e.updated_ms});
    }
    tx.commit();
    return Status::success();
  });
}

Result<std::vector<RegistryEntry>> PostgresStore::read_registry() {
  return read_rows<RegistryEntry>(
      "reading the registry of stores and cameras",
      Query{"SELECT kind, name, settings, box, updated_ms FROM registry ORDER BY kind, name", {}},
      [](const pqxx::row& r) {
        return RegistryEntry{as_text(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_int64(r[4])};
      });
}

}  // namespace footfall::postgres

// PostgresStore API tokens (schema v4): name, role, SHA-256 hash, created and last used times. Never the token.
#include "postgres/postgres_store.h"

namespace footfall::postgres {

namespace {

constexpr const char* kTokenColumns = "SELECT name, role, hash, created_ms, last_used_ms FROM api_tokens";

ApiTokenRow token_row(const pqxx::row& r) {
  return ApiTokenRow{as_text(r[0]), as_text(r[1]), as_text(r[2]), as_int64(r[3]), as_optional_int64(r[4])};
}

}  // namespace

Status PostgresStore::add_token(const ApiTokenRow& row) {
  const std::string what = "adding API token '" + row.name + "'";
  return pool_.run<Status>(what, [&](pqxx::connection& c) -> Status {
    pqxx::work tx(c);
    const pqxx::result holder =
        tx.exec_params("SELECT name FROM api_tokens WHERE name = $1 OR hash = $2", row.name, row.hash);
    if (!holder.empty()) {
      const std::string name = as_text(holder[0][0]);
      if (name == row.name) {
        return make_error("an API token named '" + row.name + "' already exists; revoke it first or choose another name");
      }
      return make_error(what + ": the same token is already stored as '" + name + "'");
    }
    Params params;
    params.add(row.name).add(row.role).add(row.hash).add(std::int64_t{row.created_ms}).add(row.last_used_ms);
    tx.exec_params("INSERT INTO api_tokens (name, role, hash, created_ms, last_used_ms) VALUES ($1, $2, $3, $4, $5)",
                   params.dynamic());
    tx.commit();
    return Status::success();
  });
}

Result<std::vector<ApiTokenRow>> PostgresStore::read_tokens() {
  return read_rows<ApiTokenRow>("reading API tokens", Query{std::string(kTokenColumns) + " ORDER BY name", {}},
                                token_row);
}

Result<std::optional<ApiTokenRow>> PostgresStore::find_token_by_hash(const std::string& hash) {
  Query query{std::string(kTokenColumns) + " WHERE hash = $1", {}};
  query.params.add(hash);
  auto rows = read_rows<ApiTokenRow>("looking up an API token", query, token_row);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ApiTokenRow>();
  return std::optional<ApiTokenRow>(std::move(rows->front()));
}

Result<std::int64_t> PostgresStore::count_tokens() {
  auto rows = read_rows<std::int64_t>("counting API tokens", Query{"SELECT COUNT(*) FROM api_tokens", {}},
                                      [](const pqxx::row& r) { return as_int64(r[0]); });
  if (!rows) return rows.error();
  return rows->front();
}

Status PostgresStore::touch_token(const std::string& name, TimestampMs used_ms) {
  return pool_.run<Status>("recording the use of API token '" + name + "'", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    tx.exec_params("UPDATE api_tokens SET last_used_ms = $2 WHERE name = $1", name, std::int64_t{used_ms});
    return Status::success();
  });
}

Result<bool> PostgresStore::delete_token(const std::string& name) {
  return pool_.run<Result<bool>>("revoking API token '" + name + "'", [&](pqxx::connection& c) -> Result<bool> {
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec_params("DELETE FROM api_tokens WHERE name = $1", name);
    return r.affected_rows() > 0;
  });
}

}  // namespace footfall::postgres

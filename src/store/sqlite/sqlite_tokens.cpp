// SqliteStore API tokens (schema v4): name, role, SHA-256 hash, created and last used times. Never the token.
#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

namespace {

constexpr const char* kTokenColumns = "SELECT name, role, hash, created_ms, last_used_ms FROM api_tokens";

ApiTokenRow token_row(const Statement& stmt) {
  ApiTokenRow row;
  row.name = stmt.column_text(0);
  row.role = stmt.column_text(1);
  row.hash = stmt.column_text(2);
  row.created_ms = stmt.column_int64(3);
  if (!stmt.column_is_null(4)) row.last_used_ms = stmt.column_int64(4);
  return row;
}

}  // namespace

Status SqliteStore::add_token(const ApiTokenRow& row) {
  std::lock_guard lock(mutex_);
  const std::string what = "adding API token '" + row.name + "'";
  auto exists = connection_.prepare("SELECT name FROM api_tokens WHERE name = ?1 OR hash = ?2");
  if (!exists) return exists.error();
  exists->bind(1, row.name);
  exists->bind(2, row.hash);
  if (exists->step() == SQLITE_ROW) {
    const std::string holder = exists->column_text(0);
    if (holder == row.name) {
      return make_error("an API token named '" + row.name + "' already exists; revoke it first or choose another name");
    }
    return make_error(what + ": the same token is already stored as '" + holder + "'");
  }
  auto insert = connection_.prepare(
      "INSERT INTO api_tokens (name, role, hash, created_ms, last_used_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return insert.error();
  insert->bind(1, row.name);
  insert->bind(2, row.role);
  insert->bind(3, row.hash);
  insert->bind(4, std::int64_t{row.created_ms});
  if (row.last_used_ms) {
    insert->bind(5, std::int64_t{*row.last_used_ms});
  } else {
    insert->bind_null(5);
  }
  if (insert->step() != SQLITE_DONE) return connection_.error(what);
  return Status::success();
}

Result<std::vector<ApiTokenRow>> SqliteStore::read_tokens() {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(std::string(kTokenColumns) + " ORDER BY name");
  if (!stmt) return stmt.error();
  std::vector<ApiTokenRow> rows;
  int rc;
  while ((rc = stmt->step()) == SQLITE_ROW) rows.push_back(token_row(*stmt));
  if (rc != SQLITE_DONE) return connection_.error("reading API tokens");
  return rows;
}

Result<std::optional<ApiTokenRow>> SqliteStore::find_token_by_hash(const std::string& hash) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(std::string(kTokenColumns) + " WHERE hash = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, hash);
  const int rc = stmt->step();
  if (rc == SQLITE_ROW) return std::optional<ApiTokenRow>(token_row(*stmt));
  if (rc != SQLITE_DONE) return connection_.error("looking up an API token");
  return std::optional<ApiTokenRow>();
}

Result<std::int64_t> SqliteStore::count_tokens() {
  std::lock_guard lock(mutex_);
  return connection_.query_int("SELECT COUNT(*) FROM api_tokens", "counting API tokens");
}

Status SqliteStore::touch_token(const std::string& name, TimestampMs used_ms) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("UPDATE api_tokens SET last_used_ms = ?2 WHERE name = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, name);
  stmt->bind(2, std::int64_t{used_ms});
  if (stmt->step() != SQLITE_DONE) return connection_.error("recording the use of API token '" + name + "'");
  return Status::success();
}

Result<bool> SqliteStore::delete_token(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("DELETE FROM api_tokens WHERE name = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, name);
  if (stmt->step() != SQLITE_DONE) return connection_.error("revoking API token '" + name + "'");
  return connection_.changes() > 0;
}

}  // namespace footfall::sqlite

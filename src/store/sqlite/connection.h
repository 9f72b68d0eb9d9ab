// Thin RAII wrappers over the SQLite C API for the sqlite backend: a connection that names its file in every
// error, prepared statements, and a transaction guard that rolls back unless committed.
// Not thread-safe: SqliteStore serialises every use of one Connection with its own mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "footfall/core/result.h"

namespace footfall::sqlite {

class Connection;

// A prepared statement. Parameters are 1-based, columns 0-based (as in SQLite).
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return stmt_ != nullptr; }

  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, std::string_view value);  // copied by SQLite (SQLITE_TRANSIENT)
  void bind_blob(int index, std::span<const std::uint8_t> value);  // copied by SQLite (SQLITE_TRANSIENT)
  void bind_null(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code; the connection's errmsg explains an error.
  int step();
  // Clears bindings and makes the statement ready to run again.
  void reset();

  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;  // "" for NULL
  std::vector<std::uint8_t> column_blob(int column) const;  // empty for NULL
  bool column_is_null(int column) const;

 private:
  friend class Connection;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  // Opens (creating if missing) the database file at `path`. The error names the path and SQLite's message.
  static Result<Connection> open(const std::string& path);

  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows we need.
  Status exec(std::string_view sql, std::string_view what);
  Result<Statement> prepare(std::string_view sql);

  // Runs a single-value query ("PRAGMA user_version"); the error says `what` failed.
  Result<std::int64_t> query_int(std::string_view sql, std::string_view what);
  Result<std::string> query_text(std::string_view sql, std::string_view what);
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t changes() const;

  // "database PATH: WHAT: <sqlite message>", built from the connection's most recent error.
  Error error(std::string_view what) const;

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE on construction (see begin()); ROLLBACK in the destructor unless commit() succeeded.
// IMMEDIATE takes the write lock up front, so a busy database waits (busy_timeout) at BEGIN rather than
// failing half-way through a batch.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin(std::string_view what);
  Status commit(std::string_view what);

 private:
  Connection& connection_;
  bool open_ = false;
};

}  // namespace footfall::sqlite

#include "sqlite/connection.h"

#include <utility>

namespace footfall::sqlite {

// ---- Statement ------------------------------------------------------------------------------------------------

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

// Bind errors (an index out of range, SQLITE_MISUSE) are programming errors in this backend; the following
// step() reports them through the connection's error message, so they are not checked separately here.
void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bind_blob(int index, std::span<const std::uint8_t> value) {
  // A zero-length blob is bound as such, not as NULL (sqlite3_bind_blob64 with a null pointer binds NULL).
  static const std::uint8_t empty = 0;
  sqlite3_bind_blob64(stmt_, index, value.empty() ? &empty : value.data(), value.size(), SQLITE_TRANSIENT);
}

void Statement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }

int Statement::step() { return sqlite3_step(stmt_); }

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::vector<std::uint8_t> Statement::column_blob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  if (data == nullptr) return {};
  return {data, data + sqlite3_column_bytes(stmt_, column)};
}

bool Statement::column_is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// ---- Connection -----------------------------------------------------------------------------------------------

Result<Connection> Connection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return make_error("database " + path + ": cannot open: " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  return Connection(db, path);
}

Connection::~Connection() { sqlite3_close_v2(db_); }

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Status Connection::exec(std::string_view sql, std::string_view what) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return error(what);
  return Status::success();
}

Result<Statement> Connection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK) {
    return error("cannot prepare \"" + std::string(sql) + "\"");
  }
  return Statement(stmt);
}

Result<std::int64_t> Connection::query_int(std::string_view sql, std::string_view what) {
  auto stmt = prepare(sql);
  if (!stmt) return stmt.error();
  if (stmt->step() != SQLITE_ROW) return error(what);
  return stmt->column_int64(0);
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

Result<std::string> Connection::query_text(std::string_view sql, std::string_view what) {
  auto stmt = prepare(sql);
  if (!stmt) return stmt.error();
  if (stmt->step() != SQLITE_ROW) return error(what);
  return stmt->column_text(0);
}

Error Connection::error(std::string_view what) const {
  const char* message = db_ != nullptr ? sqlite3_errmsg(db_) : "no connection";
  return make_error("database " + path_ + ": " + std::string(what) + ": " + message);
}

// ---- Transaction ----------------------------------------------------------------------------------------------

Transaction::~Transaction() {
  if (open_) sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::begin(std::string_view what) {
  Status s = connection_.exec("BEGIN IMMEDIATE", what);
  open_ = s.ok();
  return s;
}

Status Transaction::commit(std::string_view what) {
  Status s = connection_.exec("COMMIT", what);
  // A failed COMMIT (SQLITE_BUSY aside, which busy_timeout already waited on) leaves the transaction open;
  // the destructor rolls it back so the connection is usable again.
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace footfall::sqlite

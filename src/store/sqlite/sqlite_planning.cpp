// SqliteStore planning data (schema v3): sales and roster imports, each replacing its range in one transaction.
#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

namespace {

Status check_record(const ImportRecord& record, const char* kind) {
  if (record.store.empty()) return make_error(std::string("importing ") + kind + ": empty store name");
  if (record.to_ms < record.from_ms) {
    return make_error(std::string("importing ") + kind + " for store " + record.store + ": the range ends (" +
                      format_iso8601(record.to_ms) + ") before it starts (" + format_iso8601(record.from_ms) + ")");
  }
  return Status::success();
}

}  // namespace

Status SqliteStore::log_import(const ImportRecord& record, const std::string& what) {
  auto stmt = connection_.prepare(
      "INSERT INTO imports (store, kind, source, imported_ms, from_ms, to_ms, rows) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return stmt.error();
  stmt->bind(1, record.store);
  stmt->bind(2, record.kind);
  stmt->bind(3, record.source);
  stmt->bind(4, std::int64_t{record.imported_ms});
  stmt->bind(5, std::int64_t{record.from_ms});
  stmt->bind(6, std::int64_t{record.to_ms});
  stmt->bind(7, std::int64_t{record.rows});
  return run(*stmt, what + " (import log)");
}

Status SqliteStore::replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) {
  if (Status s = check_record(record, "sales"); !s) return s;
  std::lock_guard lock(mutex_);
  const std::string what = "importing " + std::to_string(rows.size()) + " sales rows of store " + record.store +
                           " from " + record.source;
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s;
  auto erase = connection_.prepare("DELETE FROM sales WHERE store = ?1 AND start_ms >= ?2 AND start_ms < ?3");
  if (!erase) return erase.error();
  erase->bind(1, record.store);
  erase->bind(2, std::int64_t{record.from_ms});
  erase->bind(3, std::int64_t{record.to_ms});
  if (Status s = run(*erase, what); !s) return s;
  auto insert =
      connection_.prepare("INSERT INTO sales (store, start_ms, end_ms, transactions, amount) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return insert.error();
  for (const SalesRow& row : rows) {
    const std::string row_what = what + ": sale at " + format_iso8601(row.start_ms);
    if (row.store != record.store || row.start_ms < record.from_ms || row.start_ms >= record.to_ms) {
      return make_error("database " + connection_.path() + ": " + row_what +
                        " lies outside the import's store or range; nothing was imported");
    }
    insert->bind(1, row.store);
    insert->bind(2, std::int64_t{row.start_ms});
    insert->bind(3, std::int64_t{row.end_ms});
    insert->bind(4, std::int64_t{row.transactions});
    if (row.amount) {
      insert->bind(5, *row.amount);
    } else {
      insert->bind_null(5);
    }
    if (Status s = run(*insert, row_what); !s) return s;
  }
  if (Status s = log_import(record, what); !s) return s;
  return tx.commit(what);
}

Result<std::vector<SalesRow>> SqliteStore::read_sales(const std::string& store, TimestampMs from_ms,
                                                      TimestampMs to_ms) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "SELECT store, start_ms, end_ms, transactions, amount FROM sales WHERE store = ?1 AND start_ms >= ?2 AND "
      "start_ms < ?3 ORDER BY start_ms, end_ms");
  if (!stmt) return stmt.error();
  stmt->bind(1, store);
  stmt->bind(2, std::int64_t{from_ms});
  stmt->bind(3, std::int64_t{to_ms});
  std::vector<SalesRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    SalesRow row{stmt->column_text(0), stmt->column_int64(1), stmt->column_int64(2), stmt->column_int64(3),
                 std::nullopt};
    if (!stmt->column_is_null(4)) row.amount = stmt->column_double(4);
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading sales of store " + store);
  return rows;
}

Status SqliteStore::replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) {
  if (Status s = check_record(record, "roster"); !s) return s;
  std::lock_guard lock(mutex_);
  const std::string what = "importing " + std::to_string(rows.size()) + " roster hours of store " + record.store +
                           " from " + record.source;
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s;
  auto erase = connection_.prepare("DELETE FROM roster WHERE store = ?1 AND hour_ms >= ?2 AND hour_ms < ?3");
  if (!erase) return erase.error();
  erase->bind(1, record.store);
  erase->bind(2, std::int64_t{record.from_ms});
  erase->bind(3, std::int64_t{record.to_ms});
  if (Status s = run(*erase, what); !s) return s;
  auto insert = connection_.prepare(
      "INSERT INTO roster (store, hour_ms, staff) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (store, hour_ms) DO UPDATE SET staff = excluded.staff");
  if (!insert) return insert.error();
  for (const RosterRow& row : rows) {
    const std::string row_what = what + ": hour " + format_iso8601(row.hour_ms);
    if (row.store != record.store || row.hour_ms < record.from_ms || row.hour_ms >= record.to_ms) {
      return make_error("database " + connection_.path() + ": " + row_what +
                        " lies outside the import's store or range; nothing was imported");
    }
    insert->bind(1, row.store);
    insert->bind(2, std::int64_t{row.hour_ms});
    insert->bind(3, row.staff);
    if (Status s = run(*insert, row_what); !s) return s;
  }
  if (Status s = log_import(record, what); !s) return s;
  return tx.commit(what);
}

Result<std::vector<RosterRow>> SqliteStore::read_roster(const std::string& store, TimestampMs from_ms,
                                                        TimestampMs to_ms) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "SELECT store, hour_ms, staff FROM roster WHERE store = ?1 AND hour_ms >= ?2 AND hour_ms < ?3 ORDER BY hour_ms");
  if (!stmt) return stmt.error();
  stmt->bind(1, store);
  stmt->bind(2, std::int64_t{from_ms});
  stmt->bind(3, std::int64_t{to_ms});
  std::vector<RosterRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_int64(1), stmt->column_double(2)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading the roster of store " + store);
  return rows;
}

Result<std::vector<ImportRecord>> SqliteStore::read_imports(const std::string& store) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "SELECT store, kind, source, imported_ms, from_ms, to_ms, rows FROM imports WHERE ?1 = '' OR store = ?1 "
      "ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, store);
  std::vector<ImportRecord> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    rows.push_back({stmt->column_text(0), stmt->column_text(1), stmt->column_text(2), stmt->column_int64(3),
                    stmt->column_int64(4), stmt->column_int64(5), stmt->column_int64(6)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading imports");
  return rows;
}

}  // namespace footfall::sqlite

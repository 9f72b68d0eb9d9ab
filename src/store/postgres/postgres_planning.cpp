// PostgresStore planning data (schema v3): sales and roster imports, each replacing its range in one transaction.
#include <map>

#include "postgres/postgres_store.h"

namespace footfall::postgres {

namespace {

Status check_record(const ImportRecord& record, const char* kind) {
  if (record.store.empty()) return make_error(std::string("importing ") + kind + ": empty store name");
  if (record.to_ms < record.from_ms) {
    return make_error(std::string("importing ") + kind + " for store " + record.store + ": the range ends (" +
                      format_iso8601(record.to_ms) + ") before it starts (" + format_iso8601(record.from_ms) + ")");
  }
  return Status::success();
}

void log_import(pqxx::transaction_base& tx, const ImportRecord& record) {
  Params params;
  params.add(record.store).add(record.kind).add(record.source).add(std::int64_t{record.imported_ms});
  params.add(std::int64_t{record.from_ms}).add(std::int64_t{record.to_ms}).add(std::int64_t{record.rows});
  tx.exec_params(
      "INSERT INTO imports (store, kind, source, imported_ms, from_ms, to_ms, rows) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      params.dynamic());
}

}  // namespace

Status PostgresStore::replace_sales(const ImportRecord& record, std::span<const SalesRow> rows) {
  if (Status s = check_record(record, "sales"); !s) return s;
  const std::string what = "importing " + std::to_string(rows.size()) + " sales rows of store " + record.store +
                           " from " + record.source;
  ArrayLiteral starts;
  ArrayLiteral ends;
  ArrayLiteral transactions;
  ArrayLiteral amounts;
  for (const SalesRow& row : rows) {
    if (row.store != record.store || row.start_ms < record.from_ms || row.start_ms >= record.to_ms) {
      return make_error("database " + pool_.masked_url() + ": " + what + ": sale at " + format_iso8601(row.start_ms) +
                        " lies outside the import's store or range; nothing was imported");
    }
    starts.add(std::int64_t{row.start_ms});
    ends.add(std::int64_t{row.end_ms});
    transactions.add(std::int64_t{row.transactions});
    amounts.add(row.amount);
  }
  return pool_.run<Status>(what, [&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params("DELETE FROM sales WHERE store = $1 AND start_ms >= $2 AND start_ms < $3", record.store,
                   std::int64_t{record.from_ms}, std::int64_t{record.to_ms});
    if (!rows.empty()) {
      Params params;
      params.add(record.store).add(starts.str()).add(ends.str()).add(transactions.str()).add(amounts.str());
      tx.exec_params(
          "INSERT INTO sales (store, start_ms, end_ms, transactions, amount) SELECT $1, * FROM "
          "unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::double precision[])",
          params.dynamic());
    }
    log_import(tx, record);
    tx.commit();
    return Status::success();
  });
}

Result<std::vector<SalesRow>> PostgresStore::read_sales(const std::string& store, TimestampMs from_ms,
                                                        TimestampMs to_ms) {
  Query query{"SELECT store, start_ms, end_ms, transactions, amount FROM sales WHERE store = $1 AND start_ms >= $2 "
              "AND start_ms < $3 ORDER BY start_ms, end_ms",
              {}};
  query.params.add(store).add(std::int64_t{from_ms}).add(std::int64_t{to_ms});
  return read_rows<SalesRow>("reading sales of store " + store, query, [](const pqxx::row& r) {
    return SalesRow{as_text(r[0]), as_int64(r[1]), as_int64(r[2]), as_int64(r[3]), as_optional_double(r[4])};
  });
}

Status PostgresStore::replace_roster(const ImportRecord& record, std::span<const RosterRow> rows) {
  if (Status s = check_record(record, "roster"); !s) return s;
  const std::string what = "importing " + std::to_string(rows.size()) + " roster hours of store " + record.store +
                           " from " + record.source;
  // A key repeated in the file keeps its last row, as the SQLite backend's row-by-row upsert does.
  std::map<TimestampMs, double> staff;
  for (const RosterRow& row : rows) {
    if (row.store != record.store || row.hour_ms < record.from_ms || row.hour_ms >= record.to_ms) {
      return make_error("database " + pool_.masked_url() + ": " + what + ": hour " + format_iso8601(row.hour_ms) +
                        " lies outside the import's store or range; nothing was imported");
    }
    staff[row.hour_ms] = row.staff;
  }
  ArrayLiteral hours;
  ArrayLiteral values;
  for (const auto& [hour, value] : staff) {
    hours.add(std::int64_t{hour});
    values.add(value);
  }
  return pool_.run<Status>(what, [&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params("DELETE FROM roster WHERE store = $1 AND hour_ms >= $2 AND hour_ms < $3", record.store,
                   std::int64_t{record.from_ms}, std::int64_t{record.to_ms});
    if (!staff.empty()) {
      Params params;
      params.add(record.store).add(hours.str()).add(values.str());
      tx.exec_params(
          "INSERT INTO roster (store, hour_ms, staff) SELECT $1, * FROM unnest($2::bigint[], $3::double precision[])",
          params.dynamic());
    }
    log_import(tx, record);
    tx.commit();
    return Status::success();
  });
}

Result<std::vector<RosterRow>> PostgresStore::read_roster(const std::string& store, TimestampMs from_ms,
                                                          TimestampMs to_ms) {
  Query query{"SELECT store, hour_ms, staff FROM roster WHERE store = $1 AND hour_ms >= $2 AND hour_ms < $3 "
              "ORDER BY hour_ms",
              {}};
  query.params.add(store).add(std::int64_t{from_ms}).add(std::int64_t{to_ms});
  return read_rows<RosterRow>("reading the roster of store " + store, query, [](const pqxx::row& r) {
    return RosterRow{as_text(r[0]), as_int64(r[1]), as_double(r[2])};
  });
}

Result<std::vector<ImportRecord>> PostgresStore::read_imports(const std::string& store) {
  Query query{"SELECT store, kind, source, imported_ms, from_ms, to_ms, rows FROM imports "
              "WHERE $1 = '' OR store = $1 ORDER BY id",
              {}};
  query.params.add(store);
  return read_rows<ImportRecord>("reading imports", query, [](const pqxx::row& r) {
    return ImportRecord{as_text(r[0]),  as_text(r[1]),  as_text(r[2]), as_int64(r[3]),
                        as_int64(r[4]), as_int64(r[5]), as_int64(r[6])};
  });
}

}  // namespace footfall::postgres

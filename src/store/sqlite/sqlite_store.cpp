#include "sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>
#include <utility>

#include "sqlite/migrations.h"

namespace footfall::sqlite {

namespace {

constexpr std::string_view kUpsertCount = R"sql(
INSERT INTO counts (camera, ts_ms, count, mean_confidence, model, frame_width, frame_height)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (camera, ts_ms) DO UPDATE SET
  count = excluded.count, mean_confidence = excluded.mean_confidence, model = excluded.model,
  frame_width = excluded.frame_width, frame_height = excluded.frame_height
)sql";

constexpr std::string_view kUpsertGap = R"sql(
INSERT INTO gaps (camera, start_ms, end_ms, reason) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (camera, start_ms) DO UPDATE SET end_ms = excluded.end_ms, reason = excluded.reason
)sql";

// How long a writer waits for another connection's lock (another footfall process on the same file, a reader
// running a long export) before giving up with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

bool is_special_path(const std::string& path) { return path == ":memory:" || path.rfind("file:", 0) == 0; }

Status prepare_location(const std::string& path) {
  if (path.empty()) return make_error("database: empty path");
  if (is_special_path(path)) return Status::success();
  const std::filesystem::path file(path);
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return make_error("database " + path + ": is a directory");
  const std::filesystem::path parent = file.parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return make_error("database " + path + ": cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  return Status::success();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  if (Status s = prepare_location(path); !s) return s.error();
  auto connection = Connection::open(path);
  if (!connection) return connection.error();
  Connection& db = *connection;

  if (Status s = db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), "setting busy_timeout"); !s) {
    return s.error();
  }
  // The first statement that touches the file: a path in a read-only place or a file that is not a database
  // fails here, with SQLite's message.
  auto journal = db.query_text("PRAGMA journal_mode = WAL", "enabling WAL journal");
  if (!journal) return journal.error();
  const bool wal = *journal == "wal";
  if (!wal && !is_special_path(path)) {
    spdlog::warn("database {}: WAL journal not available (journal_mode is {}); writes are slower", path, *journal);
  }
  // In WAL mode NORMAL syncs only at checkpoints: a killed process loses nothing it committed.
  if (Status s = db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", "setting pragmas"); !s) {
    return s.error();
  }

  auto version = migrate(db);
  if (!version) return version.error();

  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*connection), *version, wal));
  auto upsert_count = store->connection_.prepare(kUpsertCount);
  if (!upsert_count) return upsert_count.error();
  auto upsert_gap = store->connection_.prepare(kUpsertGap);
  if (!upsert_gap) return upsert_gap.error();
  store->upsert_count_ = std::move(*upsert_count);
  store->upsert_gap_ = std::move(*upsert_gap);
  return store;
}

SqliteStore::SqliteStore(Connection connection, int version, bool wal)
    : connection_(std::move(connection)), version_(version), wal_(wal) {}

Status SqliteStore::write_counts(std::span<const CountRow> rows) {
  if (rows.empty()) return Status::success();
  std::lock_guard lock(mutex_);
  const std::string what = "writing " + std::to_string(rows.size()) + " counts";
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s;
  for (const CountRow& row : rows) {
    upsert_count_.bind(1, row.camera);
    upsert_count_.bind(2, std::int64_t{row.timestamp_ms});
    upsert_count_.bind(3, std::int64_t{row.count});
    upsert_count_.bind(4, double{row.mean_confidence});
    upsert_count_.bind(5, row.model);
    upsert_count_.bind(6, std::int64_t{row.frame_width});
    upsert_count_.bind(7, std::int64_t{row.frame_height});
    if (upsert_count_.step() != SQLITE_DONE) {
      Error e = connection_.error("writing " + std::to_string(rows.size()) + " counts (camera " + row.camera +
                                  " at " + format_iso8601(row.timestamp_ms) + ", count " + std::to_string(row.count) +
                                  "); nothing of this batch was written");
      upsert_count_.reset();
      return e;  // the transaction guard rolls back
    }
    upsert_count_.reset();
  }
  return tx.commit(what);
}

Status SqliteStore::write_gap(const SourceGap& gap) {
  std::lock_guard lock(mutex_);
  upsert_gap_.bind(1, gap.camera);
  upsert_gap_.bind(2, std::int64_t{gap.start_ms});
  upsert_gap_.bind(3, std::int64_t{gap.end_ms});
  upsert_gap_.bind(4, gap.reason);
  const int rc = upsert_gap_.step();
  Status status;
  if (rc != SQLITE_DONE) {
    status = connection_.error("writing gap (camera " + gap.camera + " from " + format_iso8601(gap.start_ms) + " to " +
                               format_iso8601(gap.end_ms) + ")");
  }
  upsert_gap_.reset();
  return status;
}

// `select_where` uses ?1 (from_ms) and ?2 (to_ms); the camera filter (?3) and ORDER BY are appended here.
Result<Statement> SqliteStore::prepare_range_query(std::string select_where, const char* order_by,
                                                   const CountQuery& query) {
  if (query.camera) select_where += " AND camera = ?3";
  select_where += std::string(" ORDER BY ") + order_by;
  auto stmt = connection_.prepare(select_where);
  if (!stmt) return stmt.error();
  stmt->bind(1, std::int64_t{query.from_ms});
  stmt->bind(2, std::int64_t{query.to_ms});
  if (query.camera) stmt->bind(3, *query.camera);
  return stmt;
}

Result<std::vector<CountRow>> SqliteStore::read_counts(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query(
      "SELECT camera, ts_ms, count, mean_confidence, model, frame_width, frame_height FROM counts "
      "WHERE ts_ms >= ?1 AND ts_ms < ?2",
      "camera, ts_ms", query);
  if (!stmt) return stmt.error();
  std::vector<CountRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    CountRow row;
    row.camera = stmt->column_text(0);
    row.timestamp_ms = stmt->column_int64(1);
    row.count = static_cast<int>(stmt->column_int64(2));
    row.mean_confidence = static_cast<float>(stmt->column_double(3));
    row.model = stmt->column_text(4);
    row.frame_width = static_cast<int>(stmt->column_int64(5));
    row.frame_height = static_cast<int>(stmt->column_int64(6));
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading counts");
  return rows;
}

Result<std::vector<SourceGap>> SqliteStore::read_gaps(const CountQuery& query) {
  std::lock_guard lock(mutex_);
  auto stmt = prepare_range_query("SELECT camera, start_ms, end_ms, reason FROM gaps WHERE start_ms < ?2 AND end_ms >= ?1",
                                  "camera, start_ms", query);
  if (!stmt) return stmt.error();
  std::vector<SourceGap> gaps;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    gaps.push_back({stmt->column_text(0), stmt->column_int64(1), stmt->column_int64(2), stmt->column_text(3)});
  }
  if (rc != SQLITE_DONE) return connection_.error("reading gaps");
  return gaps;
}

Result<std::vector<std::string>> SqliteStore::cameras() {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("SELECT camera FROM counts UNION SELECT camera FROM gaps ORDER BY camera");
  if (!stmt) return stmt.error();
  std::vector<std::string> names;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) names.push_back(stmt->column_text(0));
  if (rc != SQLITE_DONE) return connection_.error("listing cameras");
  return names;
}

int SqliteStore::schema_version() { return version_; }

std::string SqliteStore::describe() const {
  return "sqlite:" + connection_.path() + " (schema v" + std::to_string(version_) + (wal_ ? ", WAL" : "") + ")";
}

}  // namespace footfall::sqlite

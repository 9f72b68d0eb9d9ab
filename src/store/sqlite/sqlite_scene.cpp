// SqliteStore: the scene of a camera: its people-free background image and its ignore regions.
#include "sqlite/sqlite_store.h"

namespace footfall::sqlite {

namespace {

std::string region_name(const std::string& camera, std::int64_t id) {
  return "ignore region " + std::to_string(id) + " of camera " + camera;
}

void bind_region(Statement& st, const IgnoreRegionRow& row, std::int64_t id) {
  st.bind(1, row.camera);
  st.bind(2, id);
  st.bind(3, row.x);
  st.bind(4, row.y);
  st.bind(5, row.width);
  st.bind(6, row.height);
  st.bind(7, row.origin);
  st.bind(8, std::int64_t{row.created_ms});
  st.bind(9, std::int64_t{row.enabled ? 1 : 0});
}

}  // namespace

Status SqliteStore::write_background(const BackgroundRow& row) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "INSERT INTO backgrounds (camera, updated_ms, width, height, png) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (camera) DO UPDATE SET updated_ms = excluded.updated_ms, width = excluded.width, "
      "height = excluded.height, png = excluded.png");
  if (!stmt) return stmt.error();
  stmt->bind(1, row.camera);
  stmt->bind(2, std::int64_t{row.updated_ms});
  stmt->bind(3, std::int64_t{row.width});
  stmt->bind(4, std::int64_t{row.height});
  stmt->bind_blob(5, row.png);
  if (stmt->step() != SQLITE_DONE) {
    return connection_.error("writing the background of camera " + row.camera + " (" + std::to_string(row.width) +
                             "x" + std::to_string(row.height) + ", " + std::to_string(row.png.size()) + " bytes)");
  }
  return Status::success();
}

Result<std::optional<BackgroundRow>> SqliteStore::read_background(const std::string& camera) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("SELECT camera, updated_ms, width, height, png FROM backgrounds WHERE camera = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, camera);
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return std::optional<BackgroundRow>{};
  if (rc != SQLITE_ROW) return connection_.error("reading the background of camera " + camera);
  BackgroundRow row;
  row.camera = stmt->column_text(0);
  row.updated_ms = stmt->column_int64(1);
  row.width = static_cast<int>(stmt->column_int64(2));
  row.height = static_cast<int>(stmt->column_int64(3));
  row.png = stmt->column_blob(4);
  return std::optional<BackgroundRow>(std::move(row));
}

Result<std::vector<IgnoreRegionRow>> SqliteStore::read_ignore_regions(const std::string& camera) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "SELECT camera, id, x, y, width, height, origin, created_ms, enabled FROM ignore_regions WHERE camera = ?1 "
      "ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, camera);
  std::vector<IgnoreRegionRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    IgnoreRegionRow row;
    row.camera = stmt->column_text(0);
    row.id = stmt->column_int64(1);
    row.x = stmt->column_double(2);
    row.y = stmt->column_double(3);
    row.width = stmt->column_double(4);
    row.height = stmt->column_double(5);
    row.origin = stmt->column_text(6);
    row.created_ms = stmt->column_int64(7);
    row.enabled = stmt->column_int64(8) != 0;
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return connection_.error("reading the ignore regions of camera " + camera);
  return rows;
}

Result<std::int64_t> SqliteStore::add_ignore_region(const IgnoreRegionRow& row) {
  std::lock_guard lock(mutex_);
  const std::string what = "adding an ignore region to camera " + row.camera;
  // The next id and the insert in one transaction, so two writers never pick the same id.
  Transaction tx(connection_);
  if (Status s = tx.begin(what); !s) return s.error();
  auto next = connection_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM ignore_regions WHERE camera = ?1");
  if (!next) return next.error();
  next->bind(1, row.camera);
  if (next->step() != SQLITE_ROW) return connection_.error(what);
  const std::int64_t id = next->column_int64(0);
  auto insert = connection_.prepare(
      "INSERT INTO ignore_regions (camera, id, x, y, width, height, origin, created_ms, enabled) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!insert) return insert.error();
  bind_region(*insert, row, id);
  if (insert->step() != SQLITE_DONE) {
    return connection_.error(what + " (origin '" + row.origin + "', " + std::to_string(row.width) + "x" +
                             std::to_string(row.height) + ")");
  }
  if (Status s = tx.commit(what); !s) return s.error();
  return id;
}

Status SqliteStore::update_ignore_region(const IgnoreRegionRow& row) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare(
      "UPDATE ignore_regions SET x = ?3, y = ?4, width = ?5, height = ?6, origin = ?7, created_ms = ?8, "
      "enabled = ?9 WHERE camera = ?1 AND id = ?2");
  if (!stmt) return stmt.error();
  bind_region(*stmt, row, row.id);
  if (stmt->step() != SQLITE_DONE) return connection_.error("updating " + region_name(row.camera, row.id));
  if (sqlite3_changes(connection_.handle()) == 0) {
    return make_error("database " + connection_.path() + ": updating " + region_name(row.camera, row.id) +
                      ": no such region");
  }
  return Status::success();
}

Status SqliteStore::delete_ignore_region(const std::string& camera, std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto stmt = connection_.prepare("DELETE FROM ignore_regions WHERE camera = ?1 AND id = ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, camera);
  stmt->bind(2, id);
  if (stmt->step() != SQLITE_DONE) return connection_.error("deleting " + region_name(camera, id));
  if (sqlite3_changes(connection_.handle()) == 0) {
    return make_error("database " + connection_.path() + ": deleting " + region_name(camera, id) + ": no such region");
  }
  return Status::success();
}

}  // namespace footfall::sqlite

// PostgresStore: the scene of a camera: its people-free background image and its ignore regions.
#include "postgres/postgres_store.h"

namespace footfall::postgres {

namespace {

std::string region_name(const std::string& camera, std::int64_t id) {
  return "ignore region " + std::to_string(id) + " of camera " + camera;
}

// $1 camera, $2 id, then the region's fields as $3 .. $9.
Params region_params(const IgnoreRegionRow& row, std::int64_t id) {
  Params params;
  params.add(row.camera).add(id).add(row.x).add(row.y).add(row.width).add(row.height).add(row.origin);
  params.add(std::int64_t{row.created_ms}).add(std::string(row.enabled ? "true" : "false"));
  return params;
}

IgnoreRegionRow region_row(const pqxx::row& r) {
  IgnoreRegionRow row;
  row.camera = as_text(r[0]);
  row.id = as_int64(r[1]);
  row.x = as_double(r[2]);
  row.y = as_double(r[3]);
  row.width = as_double(r[4]);
  row.height = as_double(r[5]);
  row.origin = as_text(r[6]);
  row.created_ms = as_int64(r[7]);
  row.enabled = as_text(r[8]) == "t";
  return row;
}

}  // namespace

Status PostgresStore::write_background(const BackgroundRow& row) {
  const std::string what = "writing the background of camera " + row.camera + " (" + std::to_string(row.width) + "x" +
                           std::to_string(row.height) + ", " + std::to_string(row.png.size()) + " bytes)";
  return pool_.run<Status>(what, [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    Params params;
    params.add(row.camera).add(std::int64_t{row.updated_ms}).add(std::int64_t{row.width});
    params.add(std::int64_t{row.height}).add(to_bytea_hex(row.png));
    tx.exec_params(
        "INSERT INTO backgrounds (camera, updated_ms, width, height, png) VALUES ($1, $2, $3, $4, $5::bytea) "
        "ON CONFLICT (camera) DO UPDATE SET updated_ms = excluded.updated_ms, width = excluded.width, "
        "height = excluded.height, png = excluded.png",
        params.dynamic());
    return Status::success();
  });
}

Result<std::optional<BackgroundRow>> PostgresStore::read_background(const std::string& camera) {
  Query query{"SELECT camera, updated_ms, width, height, png FROM backgrounds WHERE camera = $1", {}};
  query.params.add(camera);
  auto rows = read_rows<std::optional<BackgroundRow>>(
      "reading the background of camera " + camera, query, [](const pqxx::row& r) -> std::optional<BackgroundRow> {
        auto png = from_bytea_hex(std::string_view(r[4].c_str(), r[4].size()));
        if (!png) return std::nullopt;
        return BackgroundRow{as_text(r[0]), as_int64(r[1]), as_int(r[2]), as_int(r[3]), std::move(*png)};
      });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<BackgroundRow>{};
  if (!rows->front()) {
    return make_error("database " + pool_.masked_url() + ": the background of camera " + camera +
                      " is not a bytea in hex");
  }
  return std::move(rows->front());
}

Result<std::vector<IgnoreRegionRow>> PostgresStore::read_ignore_regions(const std::string& camera) {
  Query query{"SELECT camera, id, x, y, width, height, origin, created_ms, enabled FROM ignore_regions "
              "WHERE camera = $1 ORDER BY id",
              {}};
  query.params.add(camera);
  return read_rows<IgnoreRegionRow>("reading the ignore regions of camera " + camera, query, region_row);
}

Result<std::int64_t> PostgresStore::add_ignore_region(const IgnoreRegionRow& row) {
  const std::string what = "adding an ignore region to camera " + row.camera + " (origin '" + row.origin + "', " +
                           std::to_string(row.width) + "x" + std::to_string(row.height) + ")";
  return pool_.run<Result<std::int64_t>>(what, [&](pqxx::connection& c) -> Result<std::int64_t> {
    pqxx::work tx(c);
    // The next id and the insert under the camera's scene lock, so two writers never pick the same id.
    tx.exec_params("SELECT pg_advisory_xact_lock(1182025324, hashtext('scene:' || $1))", row.camera);
    const pqxx::row next =
        tx.exec_params1("SELECT COALESCE(MAX(id), 0) + 1 FROM ignore_regions WHERE camera = $1", row.camera);
    const std::int64_t id = as_int64(next[0]);
    tx.exec_params(
        "INSERT INTO ignore_regions (camera, id, x, y, width, height, origin, created_ms, enabled) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        region_params(row, id).dynamic());
    tx.commit();
    return id;
  });
}

Status PostgresStore::update_ignore_region(const IgnoreRegionRow& row) {
  const std::string name = region_name(row.camera, row.id);
  return pool_.run<Status>("updating " + name, [&](pqxx::connection& c) -> Status {
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec_params(
        "UPDATE ignore_regions SET x = $3, y = $4, width = $5, height = $6, origin = $7, created_ms = $8, "
        "enabled = $9 WHERE camera = $1 AND id = $2",
        region_params(row, row.id).dynamic());
    if (r.affected_rows() == 0) return make_error("database " + pool_.masked_url() + ": updating " + name + ": no such region");
    return Status::success();
  });
}

Status PostgresStore::delete_ignore_region(const std::string& camera, std::int64_t id) {
  const std::string name = region_name(camera, id);
  return pool_.run<Status>("deleting " + name, [&](pqxx::connection& c) -> Status {
    pqxx::nontransaction tx(c);
    const pqxx::result r =
        tx.exec_params("DELETE FROM ignore_regions WHERE camera = $1 AND id = $2", camera, std::int64_t{id});
    if (r.affected_rows() == 0) return make_error("database " + pool_.masked_url() + ": deleting " + name + ": no such region");
    return Status::success();
  });
}

}  // namespace footfall::postgres

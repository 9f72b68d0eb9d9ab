// The spool payloads of SpoolingCountWriter: a WriteBatch or a SourceGap as a JSON document (one array of objects per
// kind of row, every field by name; absent optionals left out), stored as CBOR. CBOR keeps doubles exactly (also NaN
// and infinities, which JSON text cannot), integers to 64 bits, and small numbers in one byte, which matters for
// heatmap grids (2,304 cells, mostly small counts).
#include <nlohmann/json.hpp>

#include "footfall/store/spooling_writer.h"

namespace footfall {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

json to_json(const CountRow& r) {
  json j = {{"camera", r.camera},           {"ts", r.timestamp_ms},          {"count", r.count},
            {"confidence", r.mean_confidence}, {"model", r.model},         {"width", r.frame_width},
            {"height", r.frame_height}};
  if (r.tracked) j["tracked"] = *r.tracked;
  return j;
}

json to_json(const CrossingRow& r) {
  return {{"camera", r.camera}, {"line", r.line}, {"ts", r.timestamp_ms}, {"track", r.track_id},
          {"direction", r.direction}};
}

json to_json(const ZoneVisitRow& r) {
  return {{"camera", r.camera},  {"zone", r.zone},       {"track", r.track_id},
          {"enter", r.enter_ms}, {"exit", r.exit_ms},    {"dwell", r.dwell_ms}};
}

json to_json(const ZoneCountRow& r) {
  json j = {{"camera", r.camera}, {"zone", r.zone}, {"ts", r.timestamp_ms}, {"occupancy", r.occupancy}};
  if (r.queue_length) j["queue_length"] = *r.queue_length;
  if (r.queue_wait_s) j["queue_wait_s"] = *r.queue_wait_s;
  return j;
}

json to_json(const HeatmapRow& r) {
  return {{"camera", r.camera}, {"hour", r.hour_ms}, {"width", r.frame_width}, {"height", r.frame_height},
          {"cols", r.cols},     {"rows", r.rows},    {"cells", r.cells},       {"through", r.through_ms}};
}

json to_json(const StoreOccupancyRow& r) {
  json j = {{"store", r.store},     {"ts", r.timestamp_ms}, {"occupancy", r.occupancy},
            {"entries", r.entries}, {"exits", r.exits},     {"event", r.event}};
  if (r.drift) j["drift"] = *r.drift;
  return j;
}

template <typename Row>
void put_rows(json& document, const char* key, std::span<const Row> rows) {
  if (rows.empty()) return;
  json array = json::array();
  for (const Row& row : rows) array.push_back(to_json(row));
  document[key] = std::move(array);
}

template <typename T>
void get_to(const json& j, const char* key, T& field) {
  j.at(key).get_to(field);
}

template <typename T>
void get_optional(const json& j, const char* key, std::optional<T>& field) {
  if (auto it = j.find(key); it != j.end()) field = it->get<T>();
}

void from_json(const json& j, CountRow& r) {
  get_to(j, "camera", r.camera);
  get_to(j, "ts", r.timestamp_ms);
  get_to(j, "count", r.count);
  r.mean_confidence = static_cast<float>(j.at("confidence").get<double>());
  get_to(j, "model", r.model);
  get_to(j, "width", r.frame_width);
  get_to(j, "height", r.frame_height);
  get_optional(j, "tracked", r.tracked);
}

void from_json(const json& j, CrossingRow& r) {
  get_to(j, "camera", r.camera);
  get_to(j, "line", r.line);
  get_to(j, "ts", r.timestamp_ms);
  get_to(j, "track", r.track_id);
  get_to(j, "direction", r.direction);
}

void from_json(const json& j, ZoneVisitRow& r) {
  get_to(j, "camera", r.camera);
  get_to(j, "zone", r.zone);
  get_to(j, "track", r.track_id);
  get_to(j, "enter", r.enter_ms);
  get_to(j, "exit", r.exit_ms);
  get_to(j, "dwell", r.dwell_ms);
}

void from_json(const json& j, ZoneCountRow& r) {
  get_to(j, "camera", r.camera);
  get_to(j, "zone", r.zone);
  get_to(j, "ts", r.timestamp_ms);
  get_to(j, "occupancy", r.occupancy);
  get_optional(j, "queue_length", r.queue_length);
  get_optional(j, "queue_wait_s", r.queue_wait_s);
}

void from_json(const json& j, HeatmapRow& r) {
  get_to(j, "camera", r.camera);
  get_to(j, "hour", r.hour_ms);
  get_to(j, "width", r.frame_width);
  get_to(j, "height", r.frame_height);
  get_to(j, "cols", r.cols);
  get_to(j, "rows", r.rows);
  get_to(j, "cells", r.cells);
  get_to(j, "through", r.through_ms);
}

void from_json(const json& j, StoreOccupancyRow& r) {
  get_to(j, "store", r.store);
  get_to(j, "ts", r.timestamp_ms);
  get_to(j, "occupancy", r.occupancy);
  get_to(j, "entries", r.entries);
  get_to(j, "exits", r.exits);
  get_to(j, "event", r.event);
  get_optional(j, "drift", r.drift);
}

template <typename Row>
void get_rows(const json& document, const char* key, std::vector<Row>& rows) {
  auto it = document.find(key);
  if (it == document.end()) return;
  rows.reserve(it->size());
  for (const json& item : it->get_ref<const json::array_t&>()) {
    Row row;
    from_json(item, row);
    rows.push_back(std::move(row));
  }
}

std::string to_cbor(const json& document) {
  std::string bytes;
  json::to_cbor(document, bytes);
  return bytes;
}

// The document in `payload`, checked to be a map of this format's version. Throws json exceptions.
json parse_payload(std::string_view payload) {
  json document = json::from_cbor(payload.begin(), payload.end());
  if (!document.is_object()) throw std::runtime_error("not a map");
  const int version = document.at("v").get<int>();
  if (version != kFormatVersion) {
    throw std::runtime_error("format version " + std::to_string(version) + ", this build reads " +
                             std::to_string(kFormatVersion));
  }
  return document;
}

}  // namespace

std::string encode_batch(const WriteBatch& batch) {
  json document = {{"v", kFormatVersion}};
  put_rows(document, "counts", batch.counts);
  put_rows(document, "crossings", batch.crossings);
  put_rows(document, "visits", batch.visits);
  put_rows(document, "zone_counts", batch.zone_counts);
  put_rows(document, "heatmaps", batch.heatmaps);
  put_rows(document, "store_occupancy", batch.store_occupancy);
  return to_cbor(document);
}

Result<OwnedBatch> decode_batch(std::string_view payload) {
  try {
    const json document = parse_payload(payload);
    OwnedBatch batch;
    get_rows(document, "counts", batch.counts);
    get_rows(document, "crossings", batch.crossings);
    get_rows(document, "visits", batch.visits);
    get_rows(document, "zone_counts", batch.zone_counts);
    get_rows(document, "heatmaps", batch.heatmaps);
    get_rows(document, "store_occupancy", batch.store_occupancy);
    return batch;
  } catch (const std::exception& e) {
    return make_error(std::string("not a spooled batch of rows: ") + e.what());
  }
}

std::string encode_gap(const SourceGap& gap) {
  return to_cbor({{"v", kFormatVersion},
                  {"camera", gap.camera},
                  {"start", gap.start_ms},
                  {"end", gap.end_ms},
                  {"reason", gap.reason}});
}

Result<SourceGap> decode_gap(std::string_view payload) {
  try {
    const json document = parse_payload(payload);
    SourceGap gap;
    get_to(document, "camera", gap.camera);
    get_to(document, "start", gap.start_ms);
    get_to(document, "end", gap.end_ms);
    get_to(document, "reason", gap.reason);
    return gap;
  } catch (const std::exception& e) {
    return make_error(std::string("not a spooled source gap: ") + e.what());
  }
}

}  // namespace footfall

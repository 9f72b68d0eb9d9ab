// Uploads: sales and roster CSV (as `footfall import-sales` / `import-roster`: the body is parsed whole, a bad row
// refuses it naming its line and nothing is stored; a good file replaces the store's rows on the local days it
// covers) and the snapshot push of a camera (a JPEG or PNG counted by the running service, then discarded).
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "api_params.h"
#include "api_route_groups.h"
#include "footfall/analytics/roster.h"
#include "footfall/analytics/sales.h"

namespace footfall::api {

namespace {

// The name under which a parse error points into the upload: "request body line 7: ...".
constexpr const char* kBodyName = "request body";

std::string upload_source(const ApiRequest& request) {
  return "api upload by " + (request.token_name.empty() ? std::string("open access") : request.token_name);
}

// [local midnight of the first day, local midnight after the last day) of the times in [first_ms, last_ms].
TimeRange local_days(TimestampMs first_ms, TimestampMs last_ms, const TimeZone& tz) {
  return {local_midnight(tz, first_ms), local_midnight(tz, last_ms, 1)};
}

nlohmann::json import_json(const ImportRecord& record, const TimeZone& tz) {
  return {{"store", record.store},
          {"kind", record.kind},
          {"imported", record.rows},
          {"from", format_iso8601(record.from_ms)},
          {"to", format_iso8601(record.to_ms)},
          {"from_date", local_date_text(tz.local_time_of(record.from_ms))},
          {"to_date", local_date_text(tz.local_time_of(record.to_ms - 1))},
          {"source", record.source}};
}

ApiResponse upload(const ApiContext& context, const ApiRequest& request, const std::string& kind) {
  const std::string& name = request.path_params.at("store");
  const std::shared_ptr<const AppConfig> config = served_config(context);
  const StoreConfig* store = find_store(*config, name);
  if (store == nullptr) return unknown_store(*config, name);
  auto tz = store_time_zone(*store);
  if (!tz) return internal_error(tz.error().message);
  ImportRecord record;
  record.store = name;
  record.kind = kind;
  record.source = upload_source(request);
  record.imported_ms = now_ms(context, request);
  if (kind == "sales") {
    auto parsed = parse_sales_csv(request.body, kBodyName, *tz);
    if (!parsed) return json_error(400, "invalid_csv", parsed.error().message + "; nothing was imported");
    std::vector<SalesRow> rows;
    TimestampMs first = INT64_MAX;
    TimestampMs last = INT64_MIN;
    for (const SaleRow& r : parsed->rows) {
      rows.push_back({name, r.start_ms, r.end_ms, r.transactions, r.amount});
      first = std::min(first, r.start_ms);
      last = std::max(last, r.start_ms);
    }
    const TimeRange days = local_days(first, last, *tz);
    record.from_ms = days.from_ms;
    record.to_ms = days.to_ms;
    record.rows = static_cast<std::int64_t>(rows.size());
    if (Status s = context.store->replace_sales(record, rows); !s) {
      return internal_error("store " + name + ": " + s.error().message);
    }
    nlohmann::json out = import_json(record, *tz);
    out["transactions"] = parsed->transactions;
    out["has_amounts"] = parsed->has_amounts;
    return json_response(out, 201);
  }
  auto parsed = parse_roster_csv(request.body, kBodyName, *tz);
  if (!parsed) return json_error(400, "invalid_csv", parsed.error().message + "; nothing was imported");
  std::vector<RosterRow> rows;
  double staff_hours = 0.0;
  for (const RosterHour& r : *parsed) {
    rows.push_back({name, r.hour_start_ms, r.staff});
    staff_hours += r.staff;
  }
  const TimeRange days = local_days(parsed->front().hour_start_ms, parsed->back().hour_start_ms, *tz);
  record.from_ms = days.from_ms;
  record.to_ms = days.to_ms;
  record.rows = static_cast<std::int64_t>(rows.size());
  if (Status s = context.store->replace_roster(record, rows); !s) {
    return internal_error("store " + name + ": " + s.error().message);
  }
  nlohmann::json out = import_json(record, *tz);
  out["staff_hours"] = staff_hours;
  return json_response(out, 201);
}

// JPEG starts FF D8 FF; PNG with its 8-byte signature.
bool looks_like_image(std::string_view bytes) {
  constexpr std::string_view kJpeg("\xFF\xD8\xFF", 3);
  constexpr std::string_view kPng("\x89PNG\r\n\x1A\n", 8);
  return bytes.substr(0, kJpeg.size()) == kJpeg || bytes.substr(0, kPng.size()) == kPng;
}

ApiResponse snapshot(const ApiContext& context, const ApiRequest& request) {
  const std::string& name = request.path_params.at("camera");
  // Before anything else: a body that is not an image is refused without touching the camera or the store.
  if (!looks_like_image(request.body)) {
    return json_error(415, "unsupported_media_type",
                      "snapshot: the body (" + std::to_string(request.body.size()) +
                          " bytes) is not a JPEG or PNG image (expected it to start with FF D8 FF or the PNG "
                          "signature)");
  }
  auto timestamp = time_param(request, "timestamp");
  if (!timestamp) return bad_parameter(timestamp.error());
  // The camera's name, or its local name when no other camera of this box has it (a camera can be set up once with
  // ".../cameras/door/snapshot" whatever its store). Only this box's cameras: another box counts its own.
  const CameraConfig* camera = find_camera_by_name(*context.config, name);
  if (camera == nullptr) return unknown_camera(*context.config, name);
  if (context.snapshots == nullptr) {
    return json_error(503, "unavailable", "camera " + camera->name + ": snapshots are counted only by `footfall serve`");
  }
  const TimestampMs at = timestamp->value_or(request.received_ms > 0 ? request.received_ms : now_ms(context, request));
  SnapshotError error = SnapshotError::kFailed;
  auto counted = context.snapshots->count_snapshot(camera->name, request.body, at, &error);
  if (!counted) {
    switch (error) {
      case SnapshotError::kUnknownCamera:
        return not_found(counted.error().message);
      case SnapshotError::kNotAnImage:
        return json_error(415, "unsupported_media_type", counted.error().message);
      case SnapshotError::kFailed:
        break;
    }
    return internal_error(counted.error().message);
  }
  return json_response({{"camera", counted->camera},
                        {"timestamp", format_iso8601(counted->timestamp_ms)},
                        {"count", counted->count},
                        {"width", counted->width},
                        {"height", counted->height}},
                       201);
}

}  // namespace

void add_upload_routes(Router& router, const ApiContext& context) {
  router.add({"POST",
              "/api/v1/stores/{store}/sales",
              Role::kOperator,
              {},
              guarded(context, [context](const ApiRequest& r) { return upload(context, r, "sales"); }),
              "Import point-of-sale data (CSV body), replacing the store's sales on the local days it covers"});
  router.add({"POST",
              "/api/v1/stores/{store}/roster",
              Role::kOperator,
              {},
              guarded(context, [context](const ApiRequest& r) { return upload(context, r, "roster"); }),
              "Import scheduled staff (CSV body), replacing the store's roster on the local days it covers"});
  router.add({"POST",
              "/api/v1/cameras/{camera}/snapshot",
              Role::kOperator,
              {"timestamp"},
              guarded(context, [context](const ApiRequest& r) { return snapshot(context, r); }),
              "Count the people in a pushed JPEG or PNG snapshot; the image is discarded"});
}

}  // namespace footfall::api

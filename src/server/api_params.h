// What the API route handlers share: query parameter parsing (each error names the parameter), the store and camera
// of a path, time formatting, and the JSON and CSV response helpers. Internal to the server module.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "footfall/config/config.h"
#include "footfall/analytics/local_buckets.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"
#include "footfall/server/api_context.h"
#include "footfall/server/router.h"

namespace footfall::api {

inline constexpr TimestampMs kDayMs = 86'400'000;
inline constexpr TimestampMs kWeekMs = 7 * kDayMs;

// ---- Responses ----

// 400 "bad_parameter"; `message` starts with the parameter's name ("from: ...").
ApiResponse bad_parameter(const Error& error);
ApiResponse not_found(const std::string& message);
// 500 "internal": a store read that failed. Logged; the message names what failed.
ApiResponse internal_error(const std::string& message);
// A JSON value as a response body (compact; invalid UTF-8 replaced).
ApiResponse json_response(const nlohmann::json& value, int status = 200);
// text/csv with a download file name (reduced to letters, digits, '-', '_' and '.').
ApiResponse csv_response(std::string body, const std::string& file_name);
// The handler, answering 503 "unavailable" when the context has no store or config (a router built only to list
// its routes) and 500 "internal" instead of letting an exception reach the HTTP layer.
Handler guarded(const ApiContext& context, Handler handler);

// ---- The context ----

// The current time: the context's clock, else the request's receipt time, else the system clock.
TimestampMs now_ms(const ApiContext& context, const ApiRequest& request);

// The stores and cameras the API shows: context.directory's merged configuration, else context.config. Hold the
// pointer while using what find_store()/find_camera() return from it.
std::shared_ptr<const AppConfig> served_config(const ApiContext& context);

const StoreConfig* find_store(const AppConfig& config, const std::string& name);
const CameraConfig* find_camera(const AppConfig& config, const std::string& name);
// 404 "not_found": "store 'x': no such store (stores: a, b)", and the same for cameras.
ApiResponse unknown_store(const AppConfig& config, const std::string& name);
ApiResponse unknown_camera(const AppConfig& config, const std::string& name);
// The store's zone; an error names the store (the config validated it, so this does not happen in practice).
Result<TimeZone> store_time_zone(const StoreConfig& store);

// ---- Query parameters ----

// ISO-8601 (with an offset or Z; none = UTC) or epoch seconds (<= 10 digits) / milliseconds (13 digits).
Result<std::optional<TimestampMs>> time_param(const ApiRequest& request, const std::string& name);

struct TimeRange {
  TimestampMs from_ms = 0;
  TimestampMs to_ms = 0;
};
// `from` and `to` (exclusive); to defaults to now_ms and from to `to` - default_span_ms. Error when to <= from.
Result<TimeRange> range_params(const ApiRequest& request, TimestampMs now_ms, TimestampMs default_span_ms);

// An integer in [min, max]; `fallback` when absent.
Result<int> int_param(const ApiRequest& request, const std::string& name, int fallback, int min, int max);
// One of `choices`; `fallback` when absent.
Result<std::string> choice_param(const ApiRequest& request, const std::string& name, const std::string& fallback,
                                 std::initializer_list<const char*> choices);
// An IANA zone name; `fallback` when absent.
Result<TimeZone> tz_param(const ApiRequest& request, const std::string& name, const TimeZone& fallback);
// Local dates and ISO weeks: parse_local_date, parse_iso_week, iso_week_of (footfall/analytics/local_buckets.h).

// ---- Local time ----

// The UTC instant of local midnight `days` days after the local date of utc_ms (negative: before).
TimestampMs local_midnight(const TimeZone& tz, TimestampMs utc_ms, int days = 0);
// "2026-11-23T09:00:00+01:00"
std::string local_iso(const LocalTime& local);
// "2026-11-23"
std::string local_date_text(const LocalTime& local);
// "+01:00"
std::string offset_text(std::int64_t offset_ms);

// ---- Values ----

nlohmann::json number_or_null(const std::optional<double>& value);
// A JSON number or null as a CSV field: numbers in their shortest exact form, null as an empty field; strings
// quoted when they hold a delimiter, a quote or a line break.
std::string csv_field(const nlohmann::json& value);
std::string csv_text(const std::string& value);

}  // namespace footfall::api

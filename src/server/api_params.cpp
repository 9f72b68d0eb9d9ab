#include "api_params.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "footfall/analytics/local_buckets.h"

namespace footfall::api {

namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ApiResponse bad_parameter(const Error& error) { return json_error(400, "bad_parameter", error.message); }

ApiResponse not_found(const std::string& message) { return json_error(404, "not_found", message); }

ApiResponse internal_error(const std::string& message) {
  spdlog::error("api: {}", message);
  return json_error(500, "internal", message);
}

ApiResponse json_response(const nlohmann::json& value, int status) { return json_ok(dump(value), status); }

ApiResponse csv_response(std::string body, const std::string& file_name) {
  ApiResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(body);
  std::string safe;
  for (char c : file_name) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    safe += keep ? c : '_';
  }
  response.headers["Content-Disposition"] = "attachment; filename=\"" + safe + "\"";
  return response;
}

Handler guarded(const ApiContext& context, Handler handler) {
  const bool ready = context.store != nullptr && context.config != nullptr;
  return [ready, handler = std::move(handler)](const ApiRequest& request) {
    if (!ready) return json_error(503, "unavailable", request.path + ": no database is open");
    try {
      return handler(request);
    } catch (const std::exception& e) {
      return internal_error(request.method + " " + request.path + ": " + e.what());
    }
  };
}

TimestampMs now_ms(const ApiContext& context, const ApiRequest& request) {
  if (context.clock != nullptr) return context.clock->now_ms();
  if (request.received_ms > 0) return request.received_ms;
  return SystemClock().now_ms();
}

std::shared_ptr<const AppConfig> served_config(const ApiContext& context) {
  if (context.directory != nullptr) return context.directory->config();
  return std::shared_ptr<const AppConfig>(std::shared_ptr<const AppConfig>(), context.config);  // not owned
}

const StoreConfig* find_store(const AppConfig& config, const std::string& name) {
  for (const StoreConfig& s : config.stores) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const CameraConfig* find_camera(const AppConfig& config, const std::string& name) {
  for (const CameraConfig& c : config.cameras) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

ApiResponse unknown_store(const AppConfig& config, const std::string& name) {
  std::string names;
  for (const StoreConfig& s : config.stores) names += (names.empty() ? "" : ", ") + s.name;
  return not_found("store '" + name + "': no such store" +
                   (names.empty() ? " (none configured)" : " (stores: " + names + ")"));
}

ApiResponse unknown_camera(const AppConfig& config, const std::string& name) {
  std::string names;
  for (const CameraConfig& c : config.cameras) names += (names.empty() ? "" : ", ") + c.name;
  return not_found("camera '" + name + "': no such camera" +
                   (names.empty() ? " (none configured)" : " (cameras: " + names + ")"));
}

Result<TimeZone> store_time_zone(const StoreConfig& store) {
  auto tz = TimeZone::locate(store.timezone);
  if (!tz) return make_error("store " + store.name + ": " + tz.error().message);
  return tz;
}

Result<std::optional<TimestampMs>> time_param(const ApiRequest& request, const std::string& name) {
  const auto text = request.param(name);
  if (!text) return std::optional<TimestampMs>();
  const auto t = parse_time(*text);
  if (!t) {
    return make_error(name + ": '" + *text +
                      "' is not a time (expected ISO-8601 such as 2026-11-23T09:00:00+01:00 or 2026-11-23T08:00Z, "
                      "or epoch seconds or milliseconds)");
  }
  return std::optional<TimestampMs>(*t);
}

Result<TimeRange> range_params(const ApiRequest& request, TimestampMs now, TimestampMs default_span_ms) {
  auto from = time_param(request, "from");
  if (!from) return from.error();
  auto to = time_param(request, "to");
  if (!to) return to.error();
  TimeRange range;
  range.to_ms = to->value_or(now);
  range.from_ms = from->value_or(range.to_ms - default_span_ms);
  if (range.to_ms <= range.from_ms) {
    return make_error("to: " + format_iso8601(range.to_ms) + " is not after from " + format_iso8601(range.from_ms));
  }
  return range;
}

Result<int> int_param(const ApiRequest& request, const std::string& name, int fallback, int min, int max) {
  const auto text = request.param(name);
  if (!text) return fallback;
  int value = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text->empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    return make_error(name + ": '" + *text + "' is not a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max));
  }
  return value;
}

Result<std::string> choice_param(const ApiRequest& request, const std::string& name, const std::string& fallback,
                                 std::initializer_list<const char*> choices) {
  const auto text = request.param(name);
  if (!text) return fallback;
  std::string list;
  for (const char* c : choices) {
    if (*text == c) return *text;
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  return make_error(name + ": '" + *text + "' is not one of " + list);
}

Result<TimeZone> tz_param(const ApiRequest& request, const std::string& name, const TimeZone& fallback) {
  const auto text = request.param(name);
  if (!text) return fallback;
  auto tz = TimeZone::locate(*text);
  if (!tz) return make_error(name + ": " + tz.error().message);
  return tz;
}

TimestampMs local_midnight(const TimeZone& tz, TimestampMs utc_ms, int days) {
  const LocalTime l = tz.local_time_of(utc_ms);
  return tz.utc_of_local(local_epoch_ms(l.year, l.month, l.day) + std::int64_t{days} * kDayMs);
}

std::string offset_text(std::int64_t offset_ms) {
  const long long minutes = std::llabs(static_cast<long long>(offset_ms / 60'000));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", offset_ms < 0 ? '-' : '+', minutes / 60 % 100, minutes % 60);
  return buf;
}

std::string local_iso(const LocalTime& l) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", l.year, l.month, l.day, l.hour, l.minute, l.second);
  return buf + offset_text(l.offset_ms);
}

std::string local_date_text(const LocalTime& l) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
  return buf;
}

nlohmann::json number_or_null(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string csv_text(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

std::string csv_field(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return csv_text(value.get<std::string>());
  return dump(value);
}

}  // namespace footfall::api

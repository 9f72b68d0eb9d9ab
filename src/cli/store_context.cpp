#include "store_context.h"

#include <cstdio>

#include "commands.h"
#include "store_options.h"

namespace footfall::cli {

Result<StoreContext> load_store_context(const std::string& config_path, const std::string& store_name,
                                        const std::string& database_flag, int* exit_code) {
  *exit_code = kExitUsage;
  if (config_path.empty()) return make_error("--config: required (the file that defines store " + store_name + ")");
  auto config = load_config(config_path);
  if (!config) {
    *exit_code = kExitError;
    return config.error();
  }
  const StoreConfig* found = nullptr;
  std::string names;
  for (const StoreConfig& s : config->stores) {
    names += (names.empty() ? "" : ", ") + s.name;
    if (s.name == store_name) found = &s;
  }
  if (found == nullptr) {
    return make_error("--store " + store_name + ": no such store in " + config_path +
                      (names.empty() ? " (it defines no stores; add a `stores:` section)" : " (stores: " + names + ")"));
  }
  auto tz = TimeZone::locate(found->timezone);
  *exit_code = kExitError;
  if (!tz) return make_error(config_path + ": stores." + store_name + ".timezone: " + tz.error().message);
  StoreContext context{*config, *found, *tz, database_flag.empty() ? config->storage.database : database_flag};
  return context;
}

Result<std::unique_ptr<Store>> open_context_store(const StoreContext& context, StoreAccess access) {
  if (access == StoreAccess::kRead) return open_existing_store(context.database, "");
  return open_store(context.database);
}

Result<TimestampMs> local_date_flag(const std::string& flag, const std::string& value, const TimeZone& tz) {
  int year = 0;
  int month = 0;
  int day = 0;
  char tail = 0;
  if (std::sscanf(value.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 || value.size() != 10 ||
      month < 1 || month > 12 || day < 1 || day > 31) {
    return make_error(flag + ": '" + value + "' is not a date (expected YYYY-MM-DD)");
  }
  const std::int64_t local = local_epoch_ms(year, month, day);
  // 2026-02-30 would roll over into March: refuse it rather than guess.
  const LocalTime check = TimeZone::locate("UTC")->local_time_of(local);
  if (check.month != month || check.day != day) return make_error(flag + ": '" + value + "' is not a valid date");
  return tz.utc_of_local(local);
}

Result<TimestampMs> iso_week_flag(const std::string& flag, const std::string& value, const TimeZone& tz) {
  int year = 0;
  int week = 0;
  char tail = 0;
  if (std::sscanf(value.c_str(), "%4d-W%2d%c", &year, &week, &tail) != 2 || value.size() != 8 || week < 1 ||
      week > 53) {
    return make_error(flag + ": '" + value + "' is not an ISO week (expected YYYY-Www, e.g. 2026-W48)");
  }
  // ISO week 1 holds January 4th; its Monday starts the ISO year.
  const std::int64_t jan4 = local_epoch_ms(year, 1, 4) / 86'400'000;
  const int jan4_weekday = static_cast<int>(((jan4 % 7) + 7 + 3) % 7);  // 0 = Monday (1970-01-01 was a Thursday)
  const std::int64_t monday = jan4 - jan4_weekday + std::int64_t{week - 1} * 7;
  if (week == 53) {
    // Only years whose January 1st is a Thursday (or a Wednesday in a leap year) have 53 weeks.
    const std::int64_t next_jan4 = local_epoch_ms(year + 1, 1, 4) / 86'400'000;
    const int next_weekday = static_cast<int>(((next_jan4 % 7) + 7 + 3) % 7);
    if (monday >= next_jan4 - next_weekday) return make_error(flag + ": " + std::to_string(year) + " has no week 53");
  }
  return tz.utc_of_local(monday * 86'400'000);
}

}  // namespace footfall::cli

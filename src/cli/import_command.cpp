// footfall import-sales FILE --store S / footfall import-roster FILE --store S : point-of-sale data and scheduled
// staff into the database. The file is parsed whole first; any bad row refuses the file, naming its line, and
// nothing is imported. A good file replaces the store's rows of that kind on every local day it covers, so importing
// the same (or a corrected) export again is harmless.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "footfall/analytics/roster.h"
#include "footfall/analytics/sales.h"
#include "store_context.h"

namespace footfall::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string store;
  std::string config;
  std::string database;
};

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(path + ": read error");
  return text.str();
}

// [local midnight of the first day, local midnight after the last day) of the times in [first_ms, last_ms].
std::pair<TimestampMs, TimestampMs> local_days(TimestampMs first_ms, TimestampMs last_ms, const TimeZone& tz) {
  const LocalTime first = tz.local_time_of(first_ms);
  const LocalTime last = tz.local_time_of(last_ms);
  return {tz.utc_of_local(local_epoch_ms(first.year, first.month, first.day)),
          tz.utc_of_local(local_epoch_ms(last.year, last.month, last.day) + 86'400'000)};
}

std::string local_day_text(TimestampMs t, const TimeZone& tz) {
  const LocalTime l = tz.local_time_of(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
  return buf;
}

int run_import(const ImportOptions& o, const std::string& kind) {
  int failure = kExitUsage;
  auto context = load_store_context(o.config, o.store, o.database, &failure);
  if (!context) {
    print_error(context.error().message);
    return failure;
  }
  auto text = read_text(o.file);
  if (!text) {
    print_error(text.error().message);
    return kExitError;
  }
  const TimeZone& tz = context->tz;
  ImportRecord record;
  record.store = o.store;
  record.kind = kind;
  record.source = o.file;
  record.imported_ms = SystemClock().now_ms();
  std::vector<SalesRow> sales;
  std::vector<RosterRow> roster;
  std::string summary;
  if (kind == "sales") {
    auto parsed = parse_sales_csv(*text, o.file, tz);
    if (!parsed) {
      print_error(parsed.error().message + "; nothing was imported");
      return kExitError;
    }
    TimestampMs first = INT64_MAX;
    TimestampMs last = INT64_MIN;
    for (const SaleRow& r : parsed->rows) {
      sales.push_back({o.store, r.start_ms, r.end_ms, r.transactions, r.amount});
      first = std::min(first, r.start_ms);
      last = std::max(last, r.start_ms);
    }
    std::tie(record.from_ms, record.to_ms) = local_days(first, last, tz);
    record.rows = static_cast<std::int64_t>(sales.size());
    summary = std::to_string(parsed->transactions) + " transactions in " + std::to_string(sales.size()) + " rows" +
              (parsed->has_amounts ? " with amounts" : "");
  } else {
    auto parsed = parse_roster_csv(*text, o.file, tz);
    if (!parsed) {
      print_error(parsed.error().message + "; nothing was imported");
      return kExitError;
    }
    double staff_hours = 0.0;
    for (const RosterHour& r : *parsed) {
      roster.push_back({o.store, r.hour_start_ms, r.staff});
      staff_hours += r.staff;
    }
    std::tie(record.from_ms, record.to_ms) =
        local_days(parsed->front().hour_start_ms, parsed->back().hour_start_ms, tz);
    record.rows = static_cast<std::int64_t>(roster.size());
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.1f staff hours in %zu hours", staff_hours, roster.size());
    summary = buf;
  }
  auto store = open_context_store(*context, StoreAccess::kWrite);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  const Status written =
      kind == "sales" ? (*store)->replace_sales(record, sales) : (*store)->replace_roster(record, roster);
  if (!written) {
    print_error(written.error().message);
    return kExitError;
  }
  std::printf("imported %s of store %s from %s: %s, replacing %s on %s .. %s (store-local days, %s)\n", kind.c_str(),
              o.store.c_str(), o.file.c_str(), summary.c_str(), kind.c_str(),
              local_day_text(record.from_ms, tz).c_str(), local_day_text(record.to_ms - 1, tz).c_str(),
              tz.name().c_str());
  return kExitOk;
}

void add_import(CLI::App& app, int& exit_code, const std::string& kind, const std::string& description) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import-" + kind, description);
  cmd->add_option("file", options->file, "CSV file")->required();
  cmd->add_option("--store", options->store, "store name (from the config's stores section)")->required();
  cmd->add_option("--config", options->config, "configuration file that defines the store")->required();
  cmd->add_option("--database", options->database, "database path or URL (default: the config's)");
  cmd->callback([options, &exit_code, kind] { exit_code = run_import(*options, kind); });
}

}  // namespace

void add_import_commands(CLI::App& app, int& exit_code) {
  add_import(app, exit_code, "sales",
             "Import point-of-sale data (one row per transaction, or per interval with a count) for conversion");
  add_import(app, exit_code, "roster",
             "Import scheduled staff (shifts, or staff per hour) to compare with the staffing recommendation");
}

}  // namespace footfall::cli

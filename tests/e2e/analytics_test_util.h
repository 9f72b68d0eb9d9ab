// Helpers for the end-to-end tests of the store analytics commands (simulate, report, staffing, import-sales,
// import-roster): a temporary directory with a one-store config and its SQLite file, and JSON output parsing.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace footfall::test {

// A temp dir holding `config.yaml` and `footfall.db`: camera "door" (vtest.avi as its source; never run) with line
// "entry", and store "shop" in Europe/Berlin, open 09:00-20:00 Monday to Saturday, closed on Sunday, whose entry
// line is door.entry.
class AnalyticsStore {
 public:
  AnalyticsStore() { write_file(config(), config_text()); }

  std::string config() const { return (dir_ / "config.yaml").string(); }
  std::string db() const { return (dir_ / "footfall.db").string(); }
  std::filesystem::path path(const std::string& name) const { return dir_ / name; }

  // The config with another time zone, entry camera or Saturday hours (e.g. "09:00-13:00, 14:00-18:00").
  std::string config_text(const std::string& timezone = "Europe/Berlin", const std::string& entry_camera = "door",
                          const std::string& saturday = "") const {
    return "database: " + db() +
           "\n"
           "cameras:\n"
           "  door:\n"
           "    source: " + vtest_avi().string() +
           "\n"
           "    lines:\n"
           "      entry:\n"
           "        points: [[0.1, 0.5], [0.9, 0.5]]\n"
           "stores:\n"
           "  shop:\n"
           "    timezone: " + timezone +
           "\n"
           "    hours:\n"
           "      daily: \"09:00-20:00\"\n"
           "      sun: closed\n" +
           (saturday.empty() ? std::string() : "      sat: \"" + saturday + "\"\n") +
           "    entry_lines:\n"
           "      - {camera: " + entry_camera + ", line: entry}\n";
  }

  // `footfall simulate` of store shop: `weeks` weeks ending before local midnight of `until`, seed 1.
  ProcessResult simulate(const std::string& until, int weeks = 8) const {
    return run_footfall({"simulate", "--store", "shop", "--config", config(), "--weeks", std::to_string(weeks),
                         "--until", until, "--seed", "1"});
  }

  // `footfall report --format json` over local dates [from, to]; fails the test unless it exits 0 with JSON.
  nlohmann::json report_json(const std::string& from, const std::string& to) const {
    const auto r = run_footfall(
        {"report", "--store", "shop", "--config", config(), "--from", from, "--to", to, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return parse(r.out);
  }

  // `footfall staffing --week W --format json`.
  ProcessResult staffing_week(const std::string& week) const {
    return run_footfall({"staffing", "--store", "shop", "--week", week, "--config", config(), "--format", "json"});
  }

  static nlohmann::json parse(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << text.substr(0, 400);
    return j;
  }

 private:
  TempDir dir_;
};

}  // namespace footfall::test

// The configuration the MQTT tests publish: one store "shop" (Europe/Berlin) with a door camera (line "main", zone
// "till") and a second camera "yard" outside any store (line "gate"), plus an `mqtt` section for the test broker.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "footfall/config/config.h"
#include "test_paths.h"

namespace footfall::test {

inline std::string shop_yaml(const std::filesystem::path& dir, const std::string& mqtt_section) {
  return "database: " + (dir / "counts.db").string() + "\n" +
         "spool: {dir: " + (dir / "spool").string() + "}\n" +
         "cameras:\n"
         "  door:\n"
         "    source: " + vtest_avi().string() + "\n"
         "    lines:\n"
         "      main: {points: [[0.5, 0.0], [0.5, 1.0]]}\n"
         "    zones:\n"
         "      till: {points: [[0.0, 0.0], [0.5, 0.0], [0.5, 1.0], [0.0, 1.0]]}\n"
         "  yard:\n"
         "    source: " + vtest_avi().string() + "\n"
         "    lines:\n"
         "      gate: {points: [[0.0, 0.5], [1.0, 0.5]]}\n"
         "stores:\n"
         "  shop:\n"
         "    timezone: Europe/Berlin\n"
         "    cameras: [door]\n"
         "    entry_lines: [{camera: door, line: main}]\n" +
         mqtt_section;
}

// An `mqtt` section for a broker on 127.0.0.1:port; `extra` lines are appended (indented by two spaces).
inline std::string mqtt_yaml(int port, const std::string& client_id, const std::string& extra = "") {
  return "mqtt:\n"
         "  host: 127.0.0.1\n"
         "  port: " + std::to_string(port) + "\n" +
         "  prefix: test\n"
         "  client_id: " + client_id + "\n" +
         extra;
}

inline TimestampMs now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace footfall::test

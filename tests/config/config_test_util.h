// Helpers for configuration tests: parse YAML text as if it came from "footfall.yaml".
#pragma once

#include "scoped_env.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "footfall/config/config.h"

namespace footfall::test {

inline Result<AppConfig> parse(const std::string& yaml) { return parse_config(yaml, "footfall.yaml"); }

// Parses `yaml`, which must be valid; fails the test with the error otherwise.
inline AppConfig parse_ok(const std::string& yaml) {
  auto config = parse(yaml);
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().message);
  return config.ok() ? *config : AppConfig{};
}

// The error message of `yaml`, which must be invalid ("" and a test failure when it parses).
inline std::string parse_error(const std::string& yaml) {
  auto config = parse(yaml);
  EXPECT_FALSE(config.ok()) << "expected an error for:\n" << yaml;
  return config.ok() ? std::string() : config.error().message;
}


}  // namespace footfall::test

// Helpers for configuration tests: parse YAML text as if it came from "footfall.yaml".
#pragma once

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

// Sets an environment variable for the lifetime of the object, restoring the previous state afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace footfall::test

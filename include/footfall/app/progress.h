// ProgressBar on stderr for long file processing: frames, fps, ETA. Silent when stderr is not a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace footfall {

class ProgressBar {
 public:
  // total 0 = unknown (no percentage or ETA). enabled=false never prints.
  ProgressBar(std::string label, std::int64_t total, bool enabled);
  ~ProgressBar();

  void update(std::int64_t done);  // redraws at most 10 times a second
  void finish();                   // clears the line

  static bool stderr_is_terminal();

 private:
  void draw(std::int64_t done, bool force);

  std::string label_;
  std::int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace footfall

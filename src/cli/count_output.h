// Output of `footfall count`: one row per analysed frame as an aligned table, CSV or JSON, then a summary.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "footfall/core/frame_count.h"

namespace footfall::cli {

struct CountSummary {
  std::string input;
  std::int64_t frames = 0;
  double mean_count = 0.0;
  int max_count = 0;
  int min_count = 0;
  double seconds = 0.0;
  std::string warning;  // e.g. truncated input
};

class CountOutput {
 public:
  virtual ~CountOutput() = default;
  virtual void begin(bool multiple_inputs) = 0;
  // `tracked`: confirmed tracks in view (the smoothed count), next to the raw per-frame `count`.
  virtual void frame(const std::string& input, const FrameCount& count, int tracked) = 0;
  virtual void input_done(const CountSummary& summary) = 0;
  virtual void end() = 0;
};

// format: "table", "csv" or "json". Writes to `out`; the table's summary also goes to `out`, others to stderr.
std::unique_ptr<CountOutput> make_count_output(const std::string& format, std::FILE* out);

}  // namespace footfall::cli

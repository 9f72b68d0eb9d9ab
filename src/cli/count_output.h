// Output of `footfall count`: one row per analysed frame as an aligned table, CSV or JSON, then a summary.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include <optional>
#include <vector>

#include "footfall/app/track_counter.h"
#include "footfall/core/frame_count.h"
#include "footfall/count/dwell_stats.h"

namespace footfall::cli {

struct LineSummary {
  std::string name;
  std::int64_t in = 0;
  std::int64_t out = 0;
};

struct ZoneSummary {
  std::string name;
  bool queue = false;
  DwellStats dwell;               // closed visits
  double mean_occupancy = 0.0;    // per analysed frame
  int max_occupancy = 0;
  // Queue zones: Little's law over the whole input, mean length / arrival rate (arrivals = visits per second of
  // input); nullopt when nobody arrived.
  std::optional<double> littles_law_wait_s;
};

struct CountSummary {
  std::string input;
  std::int64_t frames = 0;
  double mean_count = 0.0;
  int max_count = 0;
  int min_count = 0;
  double seconds = 0.0;
  std::string warning;  // e.g. truncated input
  std::vector<LineSummary> lines;
  std::vector<ZoneSummary> zones;
};

class CountOutput {
 public:
  virtual ~CountOutput() = default;
  virtual void begin(bool multiple_inputs) = 0;
  // `tracked.tracked_count`: confirmed tracks in view (the smoothed count), next to the raw per-frame `count`.
  virtual void frame(const std::string& input, const FrameCount& count, const TrackedFrame& tracked,
                     const TrackCounter& counter) = 0;
  virtual void input_done(const CountSummary& summary) = 0;
  // `lines` and `zones`: totals over every input (each input is tracked on its own).
  virtual void end(const std::vector<LineSummary>& lines, const std::vector<ZoneSummary>& zones) = 0;
};

// format: "table", "csv" or "json". Writes to `out`; the table's summary also goes to `out`, others to stderr.
std::unique_ptr<CountOutput> make_count_output(const std::string& format, std::FILE* out);

}  // namespace footfall::cli

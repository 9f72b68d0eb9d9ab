// count_source: analyses every sampled frame of one source and hands each result to a callback. Used by
// `footfall count` and `footfall bench` (end-to-end), so the benchmark measures the code users run.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "footfall/app/frame_analyzer.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/ingest/source.h"

namespace footfall {

struct CountRunOptions {
  SamplingParams sampling = SamplingParams::every_frame();
  std::int64_t max_frames = 0;  // stop after this many analysed frames; 0 = no limit
  bool progress = false;        // progress bar on stderr (files only)
  std::string label;            // progress bar label
};

struct CountRunResult {
  std::int64_t frames = 0;     // analysed frames
  std::int64_t decoded = 0;    // decoded frames (finite sources)
  std::uint64_t dropped = 0;   // live sources: frames dropped because analysis fell behind
  double seconds = 0.0;
  std::string warning;         // e.g. "video ended early after frame 120 of 795"
};

using CountCallback = std::function<void(const Frame&, const FrameCount&)>;
// A callback that can fail: its first error ends the run and is returned.
using CheckedCountCallback = std::function<Status(const Frame&, const FrameCount&)>;

// Opens `source`, runs until its end, max_frames, or `stop`. Error when the source cannot be opened or breaks.
Result<CountRunResult> count_source(FrameSource& source, FrameAnalyzer& analyzer, const CountRunOptions& options,
                                    const CountCallback& on_count, const std::atomic<bool>& stop);
Result<CountRunResult> count_source_checked(FrameSource& source, FrameAnalyzer& analyzer,
                                            const CountRunOptions& options, const CheckedCountCallback& on_count,
                                            const std::atomic<bool>& stop);

}  // namespace footfall

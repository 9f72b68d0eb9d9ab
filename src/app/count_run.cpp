#include "footfall/app/count_run.h"

#include <chrono>

#include "footfall/app/ordered_reader.h"
#include "footfall/app/progress.h"
#include "footfall/ingest/live_reader.h"

namespace footfall {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<CountRunResult> count_source(FrameSource& source, FrameAnalyzer& analyzer, const CountRunOptions& options,
                                    const CountCallback& on_count, const std::atomic<bool>& stop) {
  return count_source_checked(
      source, analyzer, options,
      [&on_count](const Frame& frame, const FrameCount& count) -> Status {
        on_count(frame, count);
        return {};
      },
      stop);
}

Result<CountRunResult> count_source_checked(FrameSource& source, FrameAnalyzer& analyzer,
                                            const CountRunOptions& options, const CheckedCountCallback& on_count,
                                            const std::atomic<bool>& stop) {
  if (Status s = source.open(); !s) return s.error();
  CountRunResult result;
  const auto start = std::chrono::steady_clock::now();
  const bool limited = options.max_frames > 0;

  if (source.is_live()) {
    LiveReader reader(source, Sampler(options.sampling), 2);
    reader.start();
    while (!stop.load() && (!limited || result.frames < options.max_frames)) {
      std::optional<Frame> frame = reader.pop(200);
      if (!frame) {
        if (reader.finished()) break;  // the stream ended or broke; `count` does not reconnect
        continue;
      }
      const FrameCount count = analyzer.analyze(*frame);
      ++result.frames;
      if (Status s = on_count(*frame, count); !s) {
        reader.stop();
        source.close();
        return s.error();
      }
    }
    reader.stop();
    result.dropped = reader.frames_dropped();
    result.decoded = static_cast<std::int64_t>(reader.frames_read());
    if (reader.finished() && reader.finished_status() == ReadStatus::error) {
      source.close();
      return make_error(source.last_error());
    }
  } else {
    const bool every = options.sampling.mode == SamplingParams::Mode::every_frame;
    ProgressBar progress(options.label, every ? source.frame_count_hint() : 0, options.progress);
    OrderedReader reader(source, Sampler(options.sampling));
    while (!stop.load() && (!limited || result.frames < options.max_frames)) {
      std::optional<Frame> frame = reader.next();
      if (!frame) break;
      const FrameCount count = analyzer.analyze(*frame);
      ++result.frames;
      if (Status s = on_count(*frame, count); !s) {
        reader.stop();
        progress.finish();
        source.close();
        return s.error();
      }
      progress.update(every ? frame->index : result.frames);
    }
    reader.stop();
    progress.finish();
    result.decoded = reader.frames_decoded();
    if (reader.finished_status() == ReadStatus::error) {
      source.close();
      return make_error(source.last_error());
    }
    if (!source.last_error().empty()) result.warning = source.last_error();
  }
  source.close();
  result.seconds = seconds_since(start);
  return result;
}

}  // namespace footfall

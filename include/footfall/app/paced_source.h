// PacedFileSource: a video file played as a live camera, for `footfall bench --cameras`. Frames are decoded in real
// time at a fixed rate (25 fps by default, whatever the file's own rate), one every 1/fps s on a schedule anchored
// at open(), stamped with the wall clock like a stream; the file starts again at its end, forever. Decoding is real,
// by the decoder a live stream uses (FfmpegCapture, with the same thread count): a decoder that cannot keep up falls
// behind its schedule, and stats() shows it (lag, late frames).
// Not thread-safe, like every FrameSource; stats() from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "footfall/ingest/ffmpeg_capture.h"
#include "footfall/ingest/source.h"

namespace footfall {

struct PacedSourceStats {
  std::uint64_t frames = 0;     // frames of the stream received (packets read), decoded or not
  std::uint64_t decoded = 0;    // returned by read()/read_sampled(); frames - decoded were skipped undecoded (unused
                                // B-frames, see FrameSource::read_sampled), but the few frames the decoder holds (reordering, threads)
  std::uint64_t converted = 0;  // of which converted to BGR (read, or read_sampled and wanted)
  std::uint64_t late = 0;       // decoded more than 2 periods after their due time
  std::int64_t max_lag_ms = 0;  // the largest delay behind schedule so far
  std::uint64_t loops = 0;      // times the file started again
};

struct PacedFileOptions {
  int decode_threads = 0;      // as SourceSpec::decode_threads (0 = FFmpeg's choice)
  bool convert_all = false;    // read_sampled() converts every frame's pixels, as a source without the skip would
                               // (to measure what the skip saves); implies decode_all
  bool decode_all = false;     // decode every frame, even unreferenced ones while no frame is wanted (to measure)
  double phase_seconds = 0.0;  // the first frame is due this long after open() (independent cameras are not in step)
  double start_at = 0.0;       // 0..1: open() starts at this fraction of the file (at the key frame before it), so
                               // that copies of one file show different scenes and key frames at different times
};

class PacedFileSource final : public FrameSource {
 public:
  // `fps` > 0. `clock` must outlive the source.
  PacedFileSource(std::string path, double fps, const Clock& clock, PacedFileOptions options = {});

  Status open() override;  // error names the file
  // Sleeps until the next frame is due, then decodes it (error when the file cannot be decoded even from its start).
  ReadStatus read(Frame& frame) override;
  // Decodes the next frame and converts its pixels only when wanted(timestamp); while wanted.due() says no, frames no
  // other frame references are not decoded (see FrameSource). They still take their place in the schedule.
  ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) override;
  void close() override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return path_ + " (paced at " + std::to_string(fps_) + " fps)"; }
  bool is_live() const override { return true; }
  double nominal_fps() const override { return fps_; }

  PacedSourceStats stats() const;

 private:
  ReadStatus next(Frame& frame, const FrameFilter* wanted);

  std::string path_;
  double fps_;
  const Clock& clock_;
  PacedFileOptions options_;
  FfmpegCapture capture_;
  std::int64_t start_ns_ = 0;  // steady clock at open()
  std::int64_t index_ = 0;          // frames returned since open()
  std::int64_t stream_frames_ = 0;  // frames of the stream read since open(), over every loop (the schedule)
  std::string last_error_;
  std::atomic<std::uint64_t> frames_{0};
  std::atomic<std::uint64_t> decoded_{0};
  std::atomic<std::uint64_t> converted_{0};
  std::atomic<std::uint64_t> late_{0};
  std::atomic<std::int64_t> max_lag_ms_{0};
  std::atomic<std::uint64_t> loops_{0};
};

}  // namespace footfall

// PacedPlaybackSource: a video file played in real time (or at a multiple of it), for a file that must stand in for a
// live camera over minutes (outage tests, demos). It wraps the file's own source and only waits: frame k is handed
// out once (its timestamp - the first frame's timestamp) / speed has passed on the steady clock since the first
// frame was read. Timestamps stay the file's own (start_time + presentation time), so a paced run and an unpaced run
// of the same file give the same frames with the same timestamps, hence the same rows.
//
// A consumer slower than the schedule is never waited for twice: late frames are handed out at once until the
// schedule is met again (nothing is dropped; a file is processed completely, as without pacing).
// Not thread-safe, like every FrameSource.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "footfall/ingest/source.h"

namespace footfall {

class PacedPlaybackSource final : public FrameSource {
 public:
  // `speed` > 0: 1 = the file's own frame rate, 0.5 = half speed, 2 = twice as fast.
  PacedPlaybackSource(std::unique_ptr<FrameSource> file, double speed);

  Status open() override;
  ReadStatus read(Frame& frame) override;
  ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) override;
  void close() override;
  void committed(const Frame& frame) override { file_->committed(frame); }
  const std::string& last_error() const override { return file_->last_error(); }
  std::string describe() const override;
  bool is_live() const override { return false; }  // the timestamps are the file's, not the wall clock's
  double nominal_fps() const override { return file_->nominal_fps(); }
  std::int64_t frame_count_hint() const override { return file_->frame_count_hint(); }

 private:
  // Sleeps until the frame stamped `timestamp_ms` is due; the first frame read after open() sets the schedule.
  void wait_until_due(TimestampMs timestamp_ms);

  std::unique_ptr<FrameSource> file_;
  double speed_;
  std::optional<std::chrono::steady_clock::time_point> first_wall_;
  TimestampMs first_timestamp_ms_ = 0;
};

}  // namespace footfall

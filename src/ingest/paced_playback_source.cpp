#include "paced_playback_source.h"

#include <cstdio>
#include <thread>

namespace footfall {

PacedPlaybackSource::PacedPlaybackSource(std::unique_ptr<FrameSource> file, double speed)
    : file_(std::move(file)), speed_(speed > 0.0 ? speed : 1.0) {}

Status PacedPlaybackSource::open() {
  first_wall_.reset();
  return file_->open();
}

ReadStatus PacedPlaybackSource::read(Frame& frame) {
  const ReadStatus status = file_->read(frame);
  if (status == ReadStatus::frame) wait_until_due(frame.timestamp_ms);
  return status;
}

ReadStatus PacedPlaybackSource::read_sampled(Frame& frame, const FrameFilter& wanted) {
  const ReadStatus status = file_->read_sampled(frame, wanted);
  if (status == ReadStatus::frame) wait_until_due(frame.timestamp_ms);
  return status;
}

void PacedPlaybackSource::close() {
  file_->close();
  first_wall_.reset();
}

std::string PacedPlaybackSource::describe() const {
  char speed[32];
  std::snprintf(speed, sizeof speed, "%g", speed_);
  return file_->describe() + " (played at " + speed + "x real time)";
}

void PacedPlaybackSource::wait_until_due(TimestampMs timestamp_ms) {
  if (!first_wall_) {
    first_wall_ = std::chrono::steady_clock::now();
    first_timestamp_ms_ = timestamp_ms;
    return;
  }
  if (timestamp_ms <= first_timestamp_ms_) return;
  const double wall_ms = static_cast<double>(timestamp_ms - first_timestamp_ms_) / speed_;
  const auto due = *first_wall_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double, std::milli>(wall_ms));
  std::this_thread::sleep_until(due);
}

}  // namespace footfall

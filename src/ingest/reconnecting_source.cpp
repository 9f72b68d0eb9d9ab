#include "footfall/ingest/reconnecting_source.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

namespace footfall {

namespace {

constexpr std::int64_t kMaxWaitMs = 100;  // read() returns retry_later at least this often while disconnected
constexpr std::int64_t kWaitStepMs = 10;  // the stop flag is looked at this often while waiting

// Retry scheduling uses the monotonic clock: the injected Clock gives timestamps, and may be a test's fake.
std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

const char* to_string(SourceState state) {
  switch (state) {
    case SourceState::connecting:
      return "connecting";
    case SourceState::connected:
      return "connected";
    case SourceState::disconnected:
      return "disconnected";
  }
  return "unknown";
}

ReconnectingSource::ReconnectingSource(std::unique_ptr<FrameSource> inner, std::string camera, const Clock& clock,
                                       const std::atomic<bool>& stop, Backoff backoff)
    : inner_(std::move(inner)), camera_(std::move(camera)), clock_(clock), stop_(stop), backoff_(backoff) {}

Status ReconnectingSource::open() {
  state_ = SourceState::connecting;
  next_attempt_ms_ = steady_ms();
  try_open();
  return Status::success();
}

bool ReconnectingSource::try_open() {
  if (Status s = inner_->open(); s) {
    inner_open_ = true;
    return true;
  }
  inner_open_ = false;
  fail(inner_->last_error().empty() ? describe() + ": cannot open" : inner_->last_error());
  return false;
}

void ReconnectingSource::fail(const std::string& reason) {
  const std::string why = reason;  // copied: closing the inner source may clear its last_error()
  if (inner_open_) inner_->close();
  inner_open_ = false;
  outage_reason_ = why;
  if (outage_start_ms_ < 0) outage_start_ms_ = last_frame_ms_ >= 0 ? last_frame_ms_ : clock_.now_ms();
  const std::int64_t delay = backoff_.next_delay_ms();
  next_attempt_ms_ = steady_ms() + delay;
  if (state_ != SourceState::disconnected) {
    const char* what = state_ == SourceState::connected ? "stream lost" : "cannot connect";
    spdlog::warn("camera {}: {}: {}; retrying with backoff (next in {} ms, doubling up to {} ms)", camera_, what,
                 why, delay, backoff_.max_ms());
    set_state(SourceState::disconnected, why);
  }
}

void ReconnectingSource::set_state(SourceState s, const std::string& message) {
  if (s == state_) return;
  state_ = s;
  if (on_state_) on_state_(SourceStateChange{s, clock_.now_ms(), message});
}

bool ReconnectingSource::wait(std::int64_t ms) {
  const std::int64_t until = steady_ms() + ms;
  while (!stop_.load()) {
    const std::int64_t left = until - steady_ms();
    if (left <= 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(left, kWaitStepMs)));
  }
  return false;
}

ReadStatus ReconnectingSource::read(Frame& frame) { return read_inner(frame, nullptr); }

ReadStatus ReconnectingSource::read_sampled(Frame& frame, const FrameFilter& wanted) {
  return read_inner(frame, &wanted);
}

ReadStatus ReconnectingSource::read_inner(Frame& frame, const FrameFilter* wanted) {
  if (stop_.load()) return ReadStatus::retry_later;
  if (!inner_open_) {
    const std::int64_t left = next_attempt_ms_ - steady_ms();
    if (left > 0) {
      wait(std::min(left, kMaxWaitMs));
      return ReadStatus::retry_later;
    }
    if (!try_open()) return ReadStatus::retry_later;
  }
  switch (wanted != nullptr ? inner_->read_sampled(frame, *wanted) : inner_->read(frame)) {
    case ReadStatus::frame:
      break;
    case ReadStatus::retry_later:
      return ReadStatus::retry_later;
    case ReadStatus::end_of_stream:
      fail(describe() + ": stream ended");
      return ReadStatus::retry_later;
    case ReadStatus::error:
      fail(inner_->last_error().empty() ? describe() + ": read failed" : inner_->last_error());
      return ReadStatus::retry_later;
  }
  frame.index = next_index_++;
  if (state_ != SourceState::connected) {
    if (outage_start_ms_ >= 0) {
      spdlog::info("camera {}: {} {} after {:.1f} s without frames", camera_,
                   ever_connected_ ? "reconnected to" : "connected to", describe(),
                   static_cast<double>(frame.timestamp_ms - outage_start_ms_) / 1000.0);
    } else {
      spdlog::info("camera {}: connected to {}", camera_, describe());
    }
    backoff_.reset();
    ever_connected_ = true;
    set_state(SourceState::connected, "");
  }
  if (outage_start_ms_ >= 0) {
    const SourceGap gap{camera_, outage_start_ms_, frame.timestamp_ms, outage_reason_};
    outage_start_ms_ = -1;
    if (on_gap_) on_gap_(gap);
  }
  outage_reason_.clear();
  last_frame_ms_ = frame.timestamp_ms;
  return ReadStatus::frame;
}

void ReconnectingSource::close() {
  if (inner_open_) inner_->close();
  inner_open_ = false;
}

void ReconnectingSource::committed(const Frame& frame) { inner_->committed(frame); }

const std::string& ReconnectingSource::last_error() const {
  return outage_reason_.empty() ? inner_->last_error() : outage_reason_;
}

std::string ReconnectingSource::describe() const { return inner_->describe(); }

double ReconnectingSource::nominal_fps() const { return inner_->nominal_fps(); }

}  // namespace footfall

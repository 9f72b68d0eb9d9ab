// Test doubles for the ingest seams: a settable clock and a FrameSource that plays a script.
#pragma once

#include <atomic>
#include <deque>
#include <string>

#include <opencv2/core.hpp>

#include "footfall/ingest/source.h"

namespace footfall::test {

// A clock the test sets by hand. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimestampMs start = 1'700'000'000'000) : now_(start) {}
  TimestampMs now_ms() const override { return now_.load(); }
  void set(TimestampMs t) { now_ = t; }
  void advance(TimestampMs ms) { now_ += ms; }

 private:
  std::atomic<TimestampMs> now_;
};

// A clock that moves 1 ms forward on every call, so that each frame of a live source gets its own time.
class TickingClock final : public Clock {
 public:
  explicit TickingClock(TimestampMs start) : next_(start) {}
  TimestampMs now_ms() const override { return next_.fetch_add(1); }

 private:
  mutable std::atomic<TimestampMs> next_;
};

// Plays a script of read results. open() pops the next entry of `open_results` (true when the list is empty).
// When the script is used up, read() returns `when_done`.
class ScriptedSource final : public FrameSource {
 public:
  struct Step {
    ReadStatus status = ReadStatus::frame;
    TimestampMs t = 0;  // for frames
  };

  std::deque<bool> open_results;
  std::deque<Step> steps;
  ReadStatus when_done = ReadStatus::end_of_stream;
  std::string error_text = "scripted failure";
  int opens = 0;
  int closes = 0;
  int reads = 0;
  bool live = true;

  void add_frames(TimestampMs first, TimestampMs step_ms, int n) {
    for (int i = 0; i < n; ++i) steps.push_back({ReadStatus::frame, first + i * step_ms});
  }

  Status open() override {
    ++opens;
    bool ok = true;
    if (!open_results.empty()) {
      ok = open_results.front();
      open_results.pop_front();
    }
    if (!ok) {
      last_error_ = "fake://cam: " + error_text;
      return make_error(last_error_);
    }
    index_ = 0;
    return Status::success();
  }
  ReadStatus read(Frame& frame) override {
    ++reads;
    if (steps.empty()) return when_done;
    const Step step = steps.front();
    steps.pop_front();
    if (step.status == ReadStatus::frame) {
      frame.image = cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3));
      frame.timestamp_ms = step.t;
      frame.index = ++index_;
    } else if (step.status == ReadStatus::error) {
      last_error_ = "fake://cam: " + error_text;
    }
    return step.status;
  }
  void close() override {
    ++closes;
    last_error_.clear();
  }
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return "fake://cam"; }
  bool is_live() const override { return live; }

 private:
  std::string last_error_;
  std::int64_t index_ = 0;
};

}  // namespace footfall::test

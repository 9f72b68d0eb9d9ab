#include "footfall/app/paced_source.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace footfall {

namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

PacedFileSource::PacedFileSource(std::string path, double fps, const Clock& clock, PacedFileOptions options)
    : path_(std::move(path)), fps_(fps > 0.0 ? fps : 25.0), clock_(clock), options_(options) {
  options_.phase_seconds = std::max(0.0, options_.phase_seconds);
  options_.start_at = std::clamp(options_.start_at, 0.0, 0.99);
}

Status PacedFileSource::open() {
  close();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) {
    last_error_ = path_ + ": no such file";
    return make_error(last_error_);
  }
  if (Status s = capture_.open(path_, {options_.decode_threads, 0, 0}); !s) {
    last_error_ = path_ + ": cannot open as a video: " + s.error().message;
    return make_error(last_error_);
  }
  if (options_.start_at > 0.0 && capture_.duration_ms() > 0.0 &&
      !capture_.seek_ms(options_.start_at * capture_.duration_ms())) {
    last_error_ = path_ + ": " + capture_.error();
    capture_.close();
    return make_error(last_error_);
  }
  start_ns_ = steady_ns() + static_cast<std::int64_t>(options_.phase_seconds * 1e9);
  return Status::success();
}

ReadStatus PacedFileSource::read(Frame& frame) { return next(frame, nullptr); }

ReadStatus PacedFileSource::read_sampled(Frame& frame, const FrameFilter& wanted) { return next(frame, &wanted); }

ReadStatus PacedFileSource::next(Frame& frame, const FrameFilter* wanted) {
  if (!capture_.is_open()) {
    if (last_error_.empty()) last_error_ = path_ + ": not open";
    return ReadStatus::error;
  }
  // Frame k of the stream (0-based, counting frames the decoder skipped) is due k periods after open() (plus the
  // phase); an early decoder waits, a late one goes on at once.
  const double period_ns = 1e9 / fps_;
  const std::int64_t due = start_ns_ + static_cast<std::int64_t>(static_cast<double>(stream_frames_) * period_ns);
  const std::int64_t now = steady_ns();
  if (now < due) {
    std::this_thread::sleep_for(std::chrono::nanoseconds(due - now));
  } else {
    const std::int64_t lag_ms = (now - due) / 1'000'000;
    if (lag_ms > max_lag_ms_.load()) max_lag_ms_ = lag_ms;
    if (static_cast<double>(now - due) > 2.0 * period_ns) late_.fetch_add(1);
  }
  // As a live stream does (stream_source.cpp): unreferenced frames are not decoded while no frame is wanted.
  capture_.set_skip_unreferenced(wanted != nullptr && wanted->knows_due() && !options_.convert_all &&
                                 !options_.decode_all && !wanted->due(clock_.now_ms()));
  // Every packet read is a frame the camera sent, decoded or not. A grab() reads one packet per frame, more when it
  // skipped some, none when it returns a frame the decoder held.
  const auto count_packets_since = [&](std::uint64_t before) {
    const std::uint64_t read = capture_.packets() - before;
    stream_frames_ += static_cast<std::int64_t>(read);
    frames_.fetch_add(read);
  };
  std::uint64_t before = capture_.packets();
  if (!capture_.grab()) {
    // The end of the file: start it again (a real camera never ends).
    count_packets_since(before);
    before = 0;
    if (!capture_.open(path_, {options_.decode_threads, 0, 0}) || !capture_.grab()) {
      capture_.close();
      last_error_ = path_ + ": cannot decode from its start";
      return ReadStatus::error;
    }
    loops_.fetch_add(1);
  }
  count_packets_since(before);
  decoded_.fetch_add(1);
  ++index_;
  frame.timestamp_ms = clock_.now_ms();
  frame.index = index_;
  frame.origin.clear();
  frame.image.release();
  const bool want = wanted == nullptr || (*wanted)(frame.timestamp_ms);
  if (want || options_.convert_all) {
    cv::Mat image;  // a fresh buffer: the consumer may still hold the previous frame's pixels
    if (!capture_.retrieve(image) || image.empty()) {
      last_error_ = path_ + ": frame " + std::to_string(index_) + " does not decode";
      return ReadStatus::error;
    }
    converted_.fetch_add(1);
    if (want) frame.image = std::move(image);
  }
  return ReadStatus::frame;
}

void PacedFileSource::close() {
  capture_.close();
  index_ = 0;
  stream_frames_ = 0;
  last_error_.clear();
}

PacedSourceStats PacedFileSource::stats() const {
  return {frames_.load(), decoded_.load(), converted_.load(), late_.load(), max_lag_ms_.load(), loops_.load()};
}

}  // namespace footfall

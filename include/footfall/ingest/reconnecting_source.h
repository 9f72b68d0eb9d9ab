// ReconnectingSource: keeps a live source going forever. On open failure or a dropped stream it closes,
// waits with Backoff (1 s doubling to 30 s) and reopens; it logs once per state change and reports each
// outage as a gap. read() never returns end_of_stream or error for a live source; it returns retry_later
// while disconnected (after waiting at most `max_wait_ms`) so the caller can check for shutdown.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "footfall/core/frame_count.h"
#include "footfall/ingest/backoff.h"
#include "footfall/ingest/source.h"

namespace footfall {

enum class SourceState { connecting, connected, disconnected };
const char* to_string(SourceState state);

struct SourceStateChange {
  SourceState state;
  TimestampMs at_ms;
  std::string message;  // why (error text) for disconnected
};

class ReconnectingSource final : public FrameSource {
 public:
  using StateCallback = std::function<void(const SourceStateChange&)>;
  using GapCallback = std::function<void(const SourceGap&)>;

  // `camera` names gaps. `stop` interrupts waits promptly when set.
  ReconnectingSource(std::unique_ptr<FrameSource> inner, std::string camera, const Clock& clock,
                     const std::atomic<bool>& stop, Backoff backoff = Backoff());

  void on_state_change(StateCallback cb) { on_state_ = std::move(cb); }
  void on_gap(GapCallback cb) { on_gap_ = std::move(cb); }

  Status open() override;  // never fails: a failed first open is retried in read()
  ReadStatus read(Frame& frame) override;
  void close() override;
  void committed(const Frame& frame) override;
  const std::string& last_error() const override;
  std::string describe() const override;
  bool is_live() const override { return true; }
  double nominal_fps() const override;
  SourceState state() const { return state_; }

 private:
  // Sleeps up to ms in small steps; false when stop was set.
  bool wait(std::int64_t ms);
  void set_state(SourceState s, const std::string& message);

  std::unique_ptr<FrameSource> inner_;
  std::string camera_;
  const Clock& clock_;
  const std::atomic<bool>& stop_;
  Backoff backoff_;
  SourceState state_ = SourceState::connecting;
  std::int64_t next_attempt_ms_ = 0;
  TimestampMs last_frame_ms_ = -1;
  TimestampMs outage_start_ms_ = -1;
  std::string outage_reason_;
  std::int64_t next_index_ = 1;
  StateCallback on_state_;
  GapCallback on_gap_;
};

}  // namespace footfall

// ReconnectingSource: keeps a live source going forever. On open failure or a dropped stream it closes,
// waits with Backoff (1 s doubling to 30 s) and reopens; it logs once per state change and reports each
// outage as a gap. read() never returns end_of_stream or error for a live source; it returns retry_later
// while disconnected (after waiting at most 100 ms) so the caller can check for shutdown.
//
// States: connecting (before the first frame) -> connected (frames flowing) -> disconnected (open failed or the
// stream dropped; retrying) -> connected ... A source counts as connected from its first frame, not from a
// successful open, so a server that accepts and then fails at once keeps backing off. Each change is logged once
// (spdlog) and passed to the state callback; retries while disconnected are not. A gap runs from the last frame
// before the outage (or the first failed open, if no frame came yet) to the first frame after it.
// The stop flag ends waits within ~10 ms but cannot cut short the inner source's own open() or read(): a
// StreamSource blocks for at most its open_timeout_ms / read_timeout_ms (a server that accepts and then stalls).
// Callbacks run on the thread that calls read(). Apart from state(), not thread-safe, like every FrameSource.
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
  ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) override;  // the inner source's read_sampled
  void close() override;
  void committed(const Frame& frame) override;
  const std::string& last_error() const override;
  std::string describe() const override;
  bool is_live() const override { return true; }
  double nominal_fps() const override;
  SourceState state() const { return state_.load(); }  // safe from any thread (e.g. a stats reporter)

 private:
  // Sleeps up to ms in small steps; false when stop was set.
  bool wait(std::int64_t ms);
  void set_state(SourceState s, const std::string& message);
  // Opens the inner source; on failure starts (or continues) an outage. True when open.
  bool try_open();
  // Closes the inner source after a failure, starts (or continues) an outage and schedules the next attempt.
  void fail(const std::string& reason);
  // read() and read_sampled(): `wanted` null reads whole frames.
  ReadStatus read_inner(Frame& frame, const FrameFilter* wanted);

  std::unique_ptr<FrameSource> inner_;
  std::string camera_;
  const Clock& clock_;
  const std::atomic<bool>& stop_;
  Backoff backoff_;
  std::atomic<SourceState> state_{SourceState::connecting};
  bool inner_open_ = false;
  bool ever_connected_ = false;
  std::int64_t next_attempt_ms_ = 0;  // steady clock, ms
  TimestampMs last_frame_ms_ = -1;
  TimestampMs outage_start_ms_ = -1;
  std::string outage_reason_;
  std::int64_t next_index_ = 1;
  StateCallback on_state_;
  GapCallback on_gap_;
};

}  // namespace footfall

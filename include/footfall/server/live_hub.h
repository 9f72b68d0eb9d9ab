// LiveHub: the live state that GET /api/v1/live streams as Server-Sent Events. It subscribes to the service's
// EventBus and keeps, per camera, the latest count, tracked count, zone occupancy and the day's line totals (in the
// local day of the camera's store, UTC for a camera in no store), and per store the running occupancy. Every change
// becomes a numbered event ("count" per camera, "occupancy" per store) in a bounded history that streams read from.
//
// Thread-safety: the EventSink callbacks come from the camera threads (see events.h); readers (the HTTP threads)
// call snapshot() and wait_after(). All members are safe to call concurrently.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time_zone.h"
#include "footfall/store/store.h"

namespace footfall {

struct LiveEvent {
  std::uint64_t seq = 0;  // 1, 2, 3, ... in publication order
  std::string type;       // "count" or "occupancy"
  std::string data;       // one line of JSON
};

class LiveHub final : public EventSink {
 public:
  // `config` gives each camera's store (for its time zone); it must outlive the hub. `history`: events kept for
  // streams that fall behind (one that falls further behind gets a fresh snapshot).
  explicit LiveHub(const AppConfig& config, std::size_t history = 1024);

  // Loads the line totals of each camera's current local day (the day of `now_ms`) from the stored crossings, so a
  // restarted server keeps counting from where it was. Call before events flow.
  Status seed_today(CountReader& store, TimestampMs now_ms);

  void on_crossing(const CrossingEvent& event) override;
  void on_frame(const FrameSummary& summary) override;
  void on_store_occupancy(const StoreOccupancyEvent& event) override;

  // The current state as events (a "count" per camera that has reported, an "occupancy" per store that has), and in
  // *seq the sequence number they reflect: stream the events after it next.
  std::vector<LiveEvent> snapshot(std::uint64_t* seq) const;
  // The same state as one JSON object {"cameras": [...], "stores": [...]}.
  std::string snapshot_json() const;

  // The events after `after`, waiting up to `timeout` for the first one. Empty on timeout or once closed. Sets
  // *resync when events after `after` were already dropped from the history: send a new snapshot.
  std::vector<LiveEvent> wait_after(std::uint64_t after, std::chrono::milliseconds timeout, bool* resync);

  // Wakes every waiter; from now on wait_after returns at once (the server is stopping).
  void close();
  bool closed() const;

 private:
  struct LineTotals {
    std::int64_t in = 0;
    std::int64_t out = 0;
  };
  struct CameraState {
    std::string store;  // empty: in no store
    const TimeZone* zone = nullptr;
    bool reported = false;  // a frame or crossing was seen
    TimestampMs timestamp_ms = 0;
    int count = 0;
    int tracked = 0;
    std::vector<ZoneSummary> zones;
    TimestampMs day_start_ms = 0;  // the local day the line totals belong to: [day_start_ms, day_end_ms)
    TimestampMs day_end_ms = 0;
    std::map<std::string, LineTotals> lines;
  };
  struct StoreState {
    bool reported = false;
    TimestampMs timestamp_ms = 0;
    int occupancy = 0;
    std::int64_t entries = 0;
    std::int64_t exits = 0;
  };

  // Caller holds mutex_.
  CameraState& camera(const std::string& name);
  // Moves the camera's day to the one holding t, clearing its line totals; false when t is in the current day.
  bool roll_day(CameraState& state, TimestampMs t);
  std::string count_json(const std::string& name, const CameraState& state) const;
  std::string occupancy_json(const std::string& name, const StoreState& state) const;
  void publish(std::string type, std::string data);

  const AppConfig& config_;
  std::size_t history_limit_;
  std::map<std::string, TimeZone> zones_;  // by IANA name

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, CameraState> cameras_;
  std::map<std::string, StoreState> stores_;
  std::deque<LiveEvent> history_;
  std::uint64_t seq_ = 0;
  bool closed_ = false;
};

}  // namespace footfall

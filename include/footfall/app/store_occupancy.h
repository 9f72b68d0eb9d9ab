// StoreOccupancyTracker: the running occupancy of each configured store (entries - exits since opening, see
// footfall/count/occupancy_counter.h for the rules), as an EventSink on the service's bus. Crossings of a store's
// entry lines are its entries (`in`) and exits (`out`); frames of its cameras move its clock, so openings and
// closings are applied as frame time passes them. Every update is logged (openings and closings at info, with the
// drift), published back to the bus as a StoreOccupancyEvent and queued on the BatchWriter as a store_occupancy row.
//
// Thread-safe (called from every pipeline thread); updates are published and queued outside its lock.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/core/time_zone.h"
#include "footfall/count/occupancy_counter.h"
#include "footfall/store/batch_writer.h"

namespace footfall {

// The running-occupancy counter of one store: its opening hours in its time zone (shared by the tracker, `footfall
// simulate` and the storage benchmark).
OccupancyCounter store_occupancy_counter(const StoreConfig& store, const TimeZone& tz);

class StoreOccupancyTracker final : public EventSink {
 public:
  // `publish` (the bus) and `writer` (may be null: nothing stored) must outlive the tracker. Error: a store whose
  // time zone cannot be found (the config validates it, so only a tzdb missing on this machine).
  static Result<std::unique_ptr<StoreOccupancyTracker>> create(const std::vector<StoreConfig>& stores,
                                                               EventSink& publish, BatchWriter* writer);

  void on_crossing(const CrossingEvent& event) override;
  void on_frame(const FrameSummary& summary) override;

  // Current occupancy of `store`; 0 for an unknown name.
  int occupancy(const std::string& store) const;

 private:
  struct Tracked {
    StoreConfig config;
    OccupancyCounter counter;
  };
  struct Pending {
    std::string store;
    OccupancyUpdate update;
  };

  StoreOccupancyTracker(std::vector<Tracked> stores, EventSink& publish, BatchWriter* writer)
      : stores_(std::move(stores)), publish_(publish), writer_(writer) {}
  void emit(const std::vector<Pending>& updates);

  mutable std::mutex mutex_;
  std::vector<Tracked> stores_;
  EventSink& publish_;
  BatchWriter* writer_;
  std::atomic<bool> store_failing_{false};
};

}  // namespace footfall

// An inbox: a folder that cameras or scripts drop JPEG/PNG snapshots into (by FTP, scp, a cron job, ...). The
// contract (which files, when, in what order, rejected/ and done/) is in footfall/ingest/source.h.
//
// A file counts as complete when its modification time is settle_ms old or, if that time is in the future (camera
// clock ahead), when the same size and time have been seen over polls for settle_ms. Uploaders that write under a
// temporary name and rename are safest; the settle time covers the rest. Snapshots are kept in a sorted queue that
// is refilled by listing the folder at most every poll_ms, so a large backlog is not re-listed per frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "footfall/ingest/source.h"

namespace footfall {

class InboxSource final : public FrameSource {
 public:
  InboxSource(std::string folder, bool keep_files, int poll_ms, int settle_ms);

  Status open() override;  // the folder must exist and be writable
  ReadStatus read(Frame& frame) override;  // frame.origin is the snapshot's path
  void close() override;
  // Thread-safe with respect to read(): may be called from the thread that commits counts.
  void committed(const Frame& frame) override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return folder_.string(); }
  bool is_live() const override { return false; }

 private:
  struct Seen {
    std::uintmax_t size = 0;
    TimestampMs mtime_ms = 0;
    std::chrono::steady_clock::time_point since;  // when this size and time were first seen
  };

  void scan();
  // Moves `name` into <inbox>/<sub>/ under a free name; returns the new path or an error text.
  Result<std::filesystem::path> move_into(const std::string& name, const char* sub);

  std::filesystem::path folder_;
  bool keep_files_;
  int poll_ms_;
  int settle_ms_;
  std::set<std::pair<TimestampMs, std::string>> pending_;  // settled snapshots, in processing order
  std::set<std::string> queued_;                           // names in pending_
  std::map<std::string, Seen> watching_;                   // candidates not yet settled
  std::chrono::steady_clock::time_point last_scan_{};
  std::int64_t index_ = 0;
  bool listing_failed_ = false;
  std::string last_error_;

  std::mutex mutex_;                // guards the two sets below (committed() may run on another thread)
  std::set<std::string> in_flight_;  // delivered, not yet committed
  std::set<std::string> stuck_;      // could not be deleted or moved: skipped until restart
};

}  // namespace footfall

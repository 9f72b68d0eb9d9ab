#include "inbox_source.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include <spdlog/spdlog.h>

#include "footfall/ingest/snapshot_name.h"
#include "image_file.h"

namespace footfall {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A finished snapshot by its name: an image extension, not hidden, not an upload in progress.
bool is_snapshot_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return false;
  const std::string n = lower(name);
  for (const char* temp : {".part", ".tmp", ".partial", ".crdownload", ".filepart"}) {
    if (ends_with(n, temp)) return false;
  }
  for (const char* ext : {".jpg", ".jpeg", ".png", ".bmp", ".webp"}) {
    if (ends_with(n, ext)) return true;
  }
  return false;
}

TimestampMs wall_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

InboxSource::InboxSource(std::string folder, bool keep_files, int poll_ms, int settle_ms)
    : folder_(std::move(folder)),
      keep_files_(keep_files),
      poll_ms_(std::max(1, poll_ms)),
      settle_ms_(std::max(0, settle_ms)) {}

Status InboxSource::open() {
  close();
  const std::string name = folder_.string();
  std::error_code ec;
  if (!fs::exists(folder_, ec)) last_error_ = name + ": no such inbox folder";
  else if (!fs::is_directory(folder_, ec)) last_error_ = name + ": not a folder (an inbox must be a directory)";
  else if (::access(folder_.c_str(), R_OK | W_OK | X_OK) != 0)
    last_error_ = name + ": inbox folder is not readable and writable (snapshots must be deleted or moved)";
  if (!last_error_.empty()) return make_error(last_error_);
  std::lock_guard lock(mutex_);
  in_flight_.clear();
  return Status::success();
}

void InboxSource::scan() {
  last_scan_ = std::chrono::steady_clock::now();
  const TimestampMs now_ms = wall_now_ms();
  std::map<std::string, Seen> watching;
  std::error_code ec;
  std::lock_guard lock(mutex_);
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec)) continue;
    const std::string name = it->path().filename().string();
    if (!is_snapshot_name(name) || queued_.count(name) || in_flight_.count(name) || stuck_.count(name)) continue;
    const std::uintmax_t size = it->file_size(entry_ec);
    const std::optional<TimestampMs> mtime = file_mtime_ms(it->path());
    if (entry_ec || !mtime) continue;  // vanished meanwhile
    Seen seen{size, *mtime, last_scan_};
    if (auto before = watching_.find(name);
        before != watching_.end() && before->second.size == size && before->second.mtime_ms == *mtime) {
      seen.since = before->second.since;
    }
    const auto watched_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(last_scan_ - seen.since).count();
    const bool settled = now_ms - *mtime >= settle_ms_ || watched_ms >= settle_ms_;
    if (!settled) {
      watching.emplace(name, seen);
      continue;
    }
    const TimestampMs t = timestamp_from_file_name(name).value_or(*mtime);
    pending_.emplace(t, name);
    queued_.insert(name);
  }
  // Logged once per change: a vanished or unreadable folder is retried every poll without repeating itself.
  if (ec && !listing_failed_) spdlog::warn("{}: cannot list the inbox: {}; retrying", folder_.string(), ec.message());
  if (!ec && listing_failed_) spdlog::info("{}: inbox readable again", folder_.string());
  listing_failed_ = static_cast<bool>(ec);
  watching_ = std::move(watching);
}

ReadStatus InboxSource::read(Frame& frame) {
  const auto since_scan = std::chrono::steady_clock::now() - last_scan_;
  if (pending_.empty() || since_scan >= std::chrono::milliseconds(poll_ms_)) scan();
  while (!pending_.empty()) {
    const auto [t, name] = *pending_.begin();
    pending_.erase(pending_.begin());
    queued_.erase(name);
    const fs::path path = folder_ / name;
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;  // taken away by someone else
    auto image = read_image_file(path);
    if (!image) {
      if (!fs::exists(path, ec)) continue;
      auto moved = move_into(name, "rejected");
      if (moved) {
        last_error_ = image.error().message + "; moved to " + moved->string();
      } else {
        last_error_ = image.error().message + "; could not move it aside (" + moved.error().message +
                      "), skipped until restart";
        std::lock_guard lock(mutex_);
        stuck_.insert(name);
      }
      return ReadStatus::error;
    }
    {
      std::lock_guard lock(mutex_);
      in_flight_.insert(name);
    }
    frame.image = std::move(*image);
    frame.timestamp_ms = t;
    frame.index = ++index_;
    frame.origin = path.string();
    return ReadStatus::frame;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms_));
  return ReadStatus::retry_later;
}

void InboxSource::committed(const Frame& frame) {
  const std::string name = fs::path(frame.origin).filename().string();
  {
    std::lock_guard lock(mutex_);
    if (in_flight_.count(name) == 0) return;  // not ours, or already acknowledged
  }
  // The name stays in flight until the file is gone, so that a scan meanwhile cannot queue it again.
  std::string failure;
  if (keep_files_) {
    auto moved = move_into(name, "done");
    if (!moved) failure = "could not move it to done/: " + moved.error().message;
  } else {
    std::error_code ec;
    if (!fs::remove(folder_ / name, ec) && ec) failure = "could not delete it: " + ec.message();
  }
  if (!failure.empty()) spdlog::warn("{}: counted, but {}; it is skipped until restart", frame.origin, failure);
  std::lock_guard lock(mutex_);
  in_flight_.erase(name);
  if (!failure.empty()) stuck_.insert(name);
}

Result<fs::path> InboxSource::move_into(const std::string& name, const char* sub) {
  const fs::path dir = folder_ / sub;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error("cannot create " + dir.string() + ": " + ec.message());
  const fs::path from = folder_ / name;
  fs::path to = dir / name;
  const std::string stem = fs::path(name).stem().string();
  const std::string ext = fs::path(name).extension().string();
  for (int n = 1; fs::exists(to, ec); ++n) to = dir / (stem + "-" + std::to_string(n) + ext);
  fs::rename(from, to, ec);
  if (ec) return make_error(ec.message());
  return to;
}

void InboxSource::close() {
  pending_.clear();
  queued_.clear();
  watching_.clear();
  last_scan_ = {};
  last_error_.clear();
}

}  // namespace footfall

// FileSpool: the Spool on local disk (layout in include/footfall/spool/spool.h). One mutex serialises every call;
// an index of the unsent records (sequence, segment, offset, size, created_ms) is kept in memory, rebuilt by
// scanning the segments on open, so peek() reads records with one pread each and stats() never touches the disk.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>

#include "ack_file.h"
#include "dir_lock.h"
#include "footfall/spool/spool.h"
#include "posix_file.h"
#include "record_format.h"

namespace footfall {

namespace spool {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr auto kRefusalLogInterval = std::chrono::seconds(60);

struct Segment {
  std::uint64_t first_sequence = 0;  // from its name and header
  std::filesystem::path path;
  UniqueFd fd;                // read-write
  std::uint64_t size = 0;     // bytes in use: the header and whole records
  std::uint64_t last_sequence = 0;  // 0 while it holds no record
};

struct Entry {
  std::uint64_t sequence = 0;
  TimestampMs created_ms = 0;
  Segment* segment = nullptr;
  std::uint64_t offset = 0;
  std::uint64_t frame_bytes = 0;
};

// "00000000000000000042.seg" -> 42; nullopt for any other name.
std::optional<std::uint64_t> segment_sequence(const std::string& name) {
  if (name.size() != 24 || name.compare(20, 4, ".seg") != 0) return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(name[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string segment_name(std::uint64_t first_sequence) {
  std::string digits = std::to_string(first_sequence);
  return std::string(20 - digits.size(), '0') + digits + ".seg";
}

// "512 bytes", "7.9 KB", "820.0 MB".
std::string size_text(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / kMiB);
}

class FileSpool final : public Spool {
 public:
  FileSpool(SpoolOptions options, UniqueFd lock, UniqueFd dir_fd)
      : options_(std::move(options)), lock_(std::move(lock)), dir_fd_(std::move(dir_fd)) {}

  Status recover();

  Status append(std::string_view kind, std::string_view payload, TimestampMs created_ms) override;
  Result<std::vector<SpoolItem>> peek(std::size_t max_items) override;
  Status ack(std::uint64_t sequence) override;
  SpoolStats stats() const override;
  const std::filesystem::path& dir() const override { return options_.dir; }

 private:
  std::string name() const { return "spool " + options_.dir.string(); }
  Status scan_segment(Segment& segment, bool last);
  Status start_segment_locked();
  void reclaim_locked();
  void refuse_locked(std::size_t frame_bytes);
  void after_append_locked();
  void after_ack_locked();
  std::string oldest_text_locked() const;

  const SpoolOptions options_;
  UniqueFd lock_;
  UniqueFd dir_fd_;

  mutable std::mutex mutex_;
  std::deque<std::unique_ptr<Segment>> segments_;  // by first sequence
  Segment* active_ = nullptr;                      // the segment appends go to (the last one), if any
  std::deque<Entry> entries_;                      // unsent records, oldest first
  std::uint64_t bytes_ = 0;                        // sum of entries_' frame bytes
  std::uint64_t next_sequence_ = 1;
  std::uint64_t acked_ = 0;
  std::uint64_t refused_ = 0;
  std::string buffer_;                             // the record being appended
  std::uint64_t scanned_sequence_ = 0;             // recover(): the last sequence read so far

  bool warned_ = false;    // above warn_fraction since the last warning
  bool refusing_ = false;  // the last append was refused
  std::uint64_t refused_unlogged_ = 0;
  std::chrono::steady_clock::time_point last_refusal_log_{};
};

// Reads every record of `segment`; a record that does not read back whole and intact ends the segment: the file is
// truncated there with a warning naming the file and the offset.
Status FileSpool::scan_segment(Segment& segment, bool last) {
  struct stat info {};
  if (::fstat(segment.fd.get(), &info) != 0) {
    return make_error(name() + ": cannot read " + segment.path.string() + ": " + errno_text());
  }
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  if (Status s = pread_all(segment.fd.get(), bytes.data(), bytes.size(), 0, segment.path); !s) {
    return make_error(name() + ": " + s.error().message);
  }
  std::uint64_t offset = kSegmentHeaderBytes;
  std::string problem;
  while (offset < bytes.size()) {
    RecordView record;
    const RecordCheck check = parse_record(std::string_view(bytes).substr(offset), record);
    if (check != RecordCheck::ok) {
      problem = describe(check);
      break;
    }
    if (record.sequence <= scanned_sequence_) {
      problem = fmt::format("sequence {} does not follow {}", record.sequence, scanned_sequence_);
      break;
    }
    if (record.sequence > acked_) {
      entries_.push_back(Entry{record.sequence, record.created_ms, &segment, offset, record.frame_bytes});
      bytes_ += record.frame_bytes;
    }
    segment.last_sequence = record.sequence;
    scanned_sequence_ = record.sequence;
    offset += record.frame_bytes;
  }
  segment.size = offset;
  next_sequence_ = std::max(next_sequence_, scanned_sequence_ + 1);
  if (problem.empty()) return Status::success();

  const std::uint64_t dropped = bytes.size() - offset;
  if (last) {
    spdlog::warn("{}: {} at offset {}: {}; truncating the segment there ({} bytes dropped; a write torn by a crash "
                 "or a damaged disk)",
                 name(), segment.path.string(), offset, problem, dropped);
  } else {
    spdlog::error("{}: {} at offset {}: {}; truncating the segment there ({} bytes dropped): items after sequence {} "
                  "in this segment are lost (the disk was damaged)",
                  name(), segment.path.string(), offset, problem, dropped, segment.last_sequence);
  }
  if (::ftruncate(segment.fd.get(), static_cast<off_t>(offset)) != 0) {
    return make_error(name() + ": cannot truncate " + segment.path.string() + ": " + errno_text());
  }
  return sync_file(segment.fd.get(), segment.path);
}

Status FileSpool::recover() {
  std::error_code ec;
  std::filesystem::remove(options_.dir / kAckTempFileName, ec);  // a crash before its rename: the old ack stands

  if (auto acked = read_ack_file(options_.dir)) {
    acked_ = *acked;
  } else {
    // Redelivering is safe (consumers write idempotently), losing is not: start from the oldest item on disk.
    spdlog::warn("{}: {}; every item still on disk will be delivered again", name(), acked.error().message);
  }
  next_sequence_ = acked_ + 1;

  std::vector<std::pair<std::uint64_t, std::filesystem::path>> found;
  for (std::filesystem::directory_iterator it(options_.dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (auto sequence = segment_sequence(it->path().filename().string())) found.emplace_back(*sequence, it->path());
  }
  if (ec) return make_error(name() + ": cannot list the folder: " + ec.message());
  std::sort(found.begin(), found.end());

  bool removed = false;
  for (std::size_t i = 0; i < found.size(); ++i) {
    auto segment = std::make_unique<Segment>();
    segment->first_sequence = found[i].first;
    segment->path = found[i].second;
    auto fd = open_file(segment->path, O_RDWR);
    if (!fd) return make_error(name() + ": " + fd.error().message);
    segment->fd = std::move(*fd);

    char header[kSegmentHeaderBytes];
    std::uint64_t first = 0;
    const bool header_ok =
        pread_all(segment->fd.get(), header, sizeof header, 0, segment->path).ok() &&
        decode_segment_header(std::string_view(header, sizeof header), first) && first == segment->first_sequence;
    if (!header_ok) {
      // A crash between creating the file and syncing its header leaves it empty or short: it holds no item.
      spdlog::warn("{}: {} has no valid segment header (a segment torn while it was created); removing it", name(),
                   segment->path.string());
      segment->fd.reset();
      std::filesystem::remove(segment->path, ec);
      if (ec) return make_error(name() + ": cannot remove " + segment->path.string() + ": " + ec.message());
      removed = true;
      continue;
    }
    if (Status s = scan_segment(*segment, i + 1 == found.size()); !s) return s;
    segments_.push_back(std::move(segment));
  }
  if (removed) {
    if (Status s = sync_dir(dir_fd_.get(), options_.dir); !s) return s;
  }
  if (!segments_.empty()) active_ = segments_.back().get();
  reclaim_locked();  // segments acknowledged before a crash that came before their removal

  if (!entries_.empty()) {
    spdlog::info("{}: {} unsent items ({}) from {} on, sequence {} to {}", name(), entries_.size(), size_text(bytes_),
                 format_iso8601(entries_.front().created_ms), entries_.front().sequence, entries_.back().sequence);
  }
  after_append_locked();  // a spool reopened above the warning threshold warns again
  return Status::success();
}

// Starts segment `next_sequence_`: the file with its header, synced, and its folder entry, synced.
Status FileSpool::start_segment_locked() {
  auto segment = std::make_unique<Segment>();
  segment->first_sequence = next_sequence_;
  segment->path = options_.dir / segment_name(next_sequence_);
  auto fd = open_file(segment->path, O_RDWR | O_CREAT | O_EXCL);
  if (!fd) return make_error(name() + ": cannot start a segment: " + fd.error().message);
  segment->fd = std::move(*fd);
  const std::string header = encode_segment_header(segment->first_sequence);
  Status written = pwrite_all(segment->fd.get(), header.data(), header.size(), 0, segment->path);
  if (written) written = sync_file(segment->fd.get(), segment->path);
  if (written) written = sync_dir(dir_fd_.get(), options_.dir);
  if (!written) {
    segment->fd.reset();
    std::error_code ec;
    std::filesystem::remove(segment->path, ec);
    return make_error(name() + ": cannot start a segment: " + written.error().message);
  }
  segment->size = header.size();
  segments_.push_back(std::move(segment));
  active_ = segments_.back().get();
  return Status::success();
}

// Removes the oldest segments while every record in them is acknowledged (the active one too once it is, so that an
// idle spool holds no segment). Failures are logged: the acknowledgement itself is already durable.
void FileSpool::reclaim_locked() {
  bool removed = false;
  while (!segments_.empty()) {
    Segment& segment = *segments_.front();
    const bool empty = segment.last_sequence == 0;
    if (empty ? &segment == active_ : segment.last_sequence > acked_) break;
    segment.fd.reset();
    if (::unlink(segment.path.c_str()) != 0 && errno != ENOENT) {
      spdlog::warn("{}: cannot remove the delivered segment {}: {}", name(), segment.path.string(), errno_text());
    }
    if (&segment == active_) active_ = nullptr;
    segments_.pop_front();
    removed = true;
  }
  if (removed) {
    if (Status s = sync_dir(dir_fd_.get(), options_.dir); !s) spdlog::warn("{}: {}", name(), s.error().message);
  }
}

std::string FileSpool::oldest_text_locked() const {
  return entries_.empty() ? std::string("none") : format_iso8601(entries_.front().created_ms);
}

void FileSpool::refuse_locked(std::size_t frame_bytes) {
  ++refused_;
  ++refused_unlogged_;
  const auto now = std::chrono::steady_clock::now();
  if (refusing_ && now - last_refusal_log_ < kRefusalLogInterval) return;
  spdlog::error("{} is full: refused {} item(s) (the last of {} bytes) since the last message; {} of {} unsent in {} "
                "items, the oldest from {}; new items are refused until deliveries resume and the spool drains",
                name(), refused_unlogged_, frame_bytes, size_text(bytes_), size_text(options_.max_bytes),
                entries_.size(), oldest_text_locked());
  refusing_ = true;
  refused_unlogged_ = 0;
  last_refusal_log_ = now;
}

void FileSpool::after_append_locked() {
  if (refusing_) {
    if (refused_unlogged_ > 0) spdlog::error("{}: {} more item(s) refused while full", name(), refused_unlogged_);
    spdlog::info("{} accepts items again ({} refused since open)", name(), refused_);
    refusing_ = false;
    refused_unlogged_ = 0;
  }
  const double fill = static_cast<double>(bytes_) / static_cast<double>(options_.max_bytes);
  if (!warned_ && fill >= options_.warn_fraction) {
    warned_ = true;
    spdlog::warn("{} is {:.0f}% full: {} of {} unsent in {} items, the oldest from {}; appends are refused at 100% "
                 "(is the database or broker reachable?)",
                 name(), fill * 100.0, size_text(bytes_), size_text(options_.max_bytes), entries_.size(),
                 oldest_text_locked());
  }
}

void FileSpool::after_ack_locked() {
  const double fill = static_cast<double>(bytes_) / static_cast<double>(options_.max_bytes);
  if (warned_ && fill < options_.warn_fraction) {
    warned_ = false;
    spdlog::info("{} is below {:.0f}% full again ({} unsent in {} items)", name(), options_.warn_fraction * 100.0,
                 size_text(bytes_), entries_.size());
  }
}

Status FileSpool::append(std::string_view kind, std::string_view payload, TimestampMs created_ms) {
  if (kind.empty() || kind.size() > kMaxKindBytes) {
    return make_error(name() + ": an item's kind must be 1.." + std::to_string(kMaxKindBytes) + " bytes, got " +
                      std::to_string(kind.size()));
  }
  if (kind.size() + payload.size() > kMaxBodyBytes) {
    return make_error(name() + ": an item of " + std::to_string(payload.size()) + " bytes is too large");
  }
  const std::size_t frame = record_frame_bytes(kind.size(), payload.size());
  std::lock_guard lock(mutex_);
  if (bytes_ + frame > options_.max_bytes) {
    refuse_locked(frame);
    return make_error(name() + " is full: " + size_text(bytes_) + " unsent of its limit of " +
                      size_text(options_.max_bytes) + " (an item of " + std::to_string(frame) +
                      " bytes does not fit); the oldest unsent item is from " + oldest_text_locked());
  }
  if (active_ == nullptr || (active_->last_sequence != 0 && active_->size + frame > options_.segment_bytes)) {
    if (Status s = start_segment_locked(); !s) return s;
  }
  const std::uint64_t sequence = next_sequence_;
  buffer_.clear();
  encode_record(buffer_, sequence, kind, payload, created_ms);
  Status written = pwrite_all(active_->fd.get(), buffer_.data(), buffer_.size(), active_->size, active_->path);
  if (written) written = sync_file(active_->fd.get(), active_->path);
  if (!written) {
    // Undo a partial write so the next record starts at a known offset. When even that fails the segment is
    // closed to appends and the sequence is skipped: a record that did land is then delivered (harmlessly) once
    // more, and the next segment cannot collide with it.
    if (::ftruncate(active_->fd.get(), static_cast<off_t>(active_->size)) != 0 ||
        !sync_file(active_->fd.get(), active_->path)) {
      ++next_sequence_;
      active_ = nullptr;
    }
    if (buffer_.capacity() > (std::size_t{1} << 20)) std::string().swap(buffer_);
    return make_error(name() + ": cannot store an item: " + written.error().message);
  }
  entries_.push_back(Entry{sequence, created_ms, active_, active_->size, frame});
  bytes_ += frame;
  active_->size += frame;
  active_->last_sequence = sequence;
  ++next_sequence_;
  if (buffer_.capacity() > (std::size_t{1} << 20)) std::string().swap(buffer_);  // keep no large item's buffer
  after_append_locked();
  return Status::success();
}

Result<std::vector<SpoolItem>> FileSpool::peek(std::size_t max_items) {
  std::lock_guard lock(mutex_);
  std::vector<SpoolItem> items;
  const std::size_t count = std::min(max_items, entries_.size());
  items.reserve(count);
  std::string bytes;
  for (std::size_t i = 0; i < count; ++i) {
    const Entry& entry = entries_[i];
    bytes.resize(static_cast<std::size_t>(entry.frame_bytes));
    if (Status s = pread_all(entry.segment->fd.get(), bytes.data(), bytes.size(), entry.offset, entry.segment->path);
        !s) {
      return make_error(name() + ": " + s.error().message);
    }
    RecordView record;
    const RecordCheck check = parse_record(bytes, record);
    if (check != RecordCheck::ok || record.sequence != entry.sequence) {
      return make_error(fmt::format("{}: {} at offset {}: {} (the file changed on disk after the spool was opened)",
                                    name(), entry.segment->path.string(), entry.offset,
                                    check != RecordCheck::ok ? describe(check) : "unexpected sequence"));
    }
    items.push_back(SpoolItem{record.sequence, std::string(record.kind), std::string(record.payload),
                              record.created_ms});
  }
  return items;
}

Status FileSpool::ack(std::uint64_t sequence) {
  std::lock_guard lock(mutex_);
  if (sequence <= acked_) return Status::success();
  if (sequence >= next_sequence_) {
    return make_error(name() + ": cannot acknowledge sequence " + std::to_string(sequence) +
                      ": the newest item is " + std::to_string(next_sequence_ - 1));
  }
  if (Status s = write_ack_file(options_.dir, dir_fd_.get(), sequence); !s) {
    return make_error(name() + ": cannot record the acknowledgement: " + s.error().message);
  }
  acked_ = sequence;
  while (!entries_.empty() && entries_.front().sequence <= sequence) {
    bytes_ -= entries_.front().frame_bytes;
    entries_.pop_front();
  }
  reclaim_locked();
  after_ack_locked();
  return Status::success();
}

SpoolStats FileSpool::stats() const {
  std::lock_guard lock(mutex_);
  SpoolStats stats;
  stats.items = entries_.size();
  stats.bytes = bytes_;
  stats.max_bytes = options_.max_bytes;
  if (!entries_.empty()) stats.oldest_ms = entries_.front().created_ms;
  stats.refused = refused_;
  stats.last_sequence = next_sequence_ - 1;
  stats.acked_sequence = acked_;
  return stats;
}

}  // namespace
}  // namespace spool

Result<std::unique_ptr<Spool>> Spool::open(const SpoolOptions& options) {
  using namespace spool;
  if (options.dir.empty()) return make_error("spool: no folder given");
  const std::string name = "spool " + options.dir.string();
  if (options.max_bytes == 0) return make_error(name + ": max_bytes must be > 0");
  if (!(options.warn_fraction > 0.0 && options.warn_fraction <= 1.0)) {
    return make_error(name + ": warn_fraction must be in (0, 1], got " + std::to_string(options.warn_fraction));
  }
  if (options.segment_bytes < 64) {
    return make_error(name + ": segment_bytes must be >= 64, got " + std::to_string(options.segment_bytes));
  }
  std::error_code ec;
  const bool created = std::filesystem::create_directories(options.dir, ec);
  if (ec) return make_error(name + ": cannot create the folder: " + ec.message());
  if (!std::filesystem::is_directory(options.dir, ec)) return make_error(name + ": not a folder");
  if (created) {
    // The new folder's own entry must survive a crash too.
    const auto parent = std::filesystem::absolute(options.dir, ec).parent_path();
    if (Status s = sync_dir(parent); !s) return make_error(name + ": " + s.error().message);
  }
  auto lock = lock_spool_dir(options.dir);
  if (!lock) return lock.error();
  auto dir_fd = open_file(options.dir, O_RDONLY | O_DIRECTORY);
  if (!dir_fd) return make_error(name + ": " + dir_fd.error().message);

  auto spool = std::make_unique<FileSpool>(options, std::move(*lock), std::move(*dir_fd));
  if (Status s = spool->recover(); !s) return s.error();
  return std::unique_ptr<Spool>(std::move(spool));
}

}  // namespace footfall

#include "footfall/app/camera_pipeline.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "footfall/app/ordered_reader.h"
#include "footfall/ingest/live_reader.h"
#include "footfall/ingest/reconnecting_source.h"

namespace footfall {

namespace {

SourceKind kind_of(const CameraConfig& camera) {
  if (camera.kind) {
    if (auto k = parse_source_kind(*camera.kind)) return *k;
  }
  return detect_source_kind(camera.source);
}

bool is_live_kind(SourceKind kind) { return kind == SourceKind::stream || kind == SourceKind::device; }

}  // namespace

CameraPipeline::CameraPipeline(CameraConfig camera, std::unique_ptr<FrameSource> source,
                               std::unique_ptr<Detector> detector, Store& store, const StorageConfig& storage,
                               const Clock& clock, const std::atomic<bool>& stop, EventSink& events)
    : camera_(std::move(camera)),
      source_(std::move(source)),
      analyzer_(std::move(detector), camera_.name, camera_.roi, camera_.roi_normalized),
      store_(store),
      tracking_(camera_, store, events),
      storage_(storage),
      clock_(clock),
      stop_(stop),
      live_(is_live_kind(kind_of(camera_))),
      kind_(kind_of(camera_)) {}

CameraPipeline::~CameraPipeline() { join(); }

void CameraPipeline::keep_pending_regions_in(const std::filesystem::path& dir) {
  tracking_.keep_pending_regions(pending_regions_path(dir, camera_.name));
}

bool CameraPipeline::runs_forever() const { return live_ || kind_ == SourceKind::inbox; }

void CameraPipeline::start() {
  thread_ = std::thread([this] { run(); });
}

void CameraPipeline::join() {
  if (thread_.joinable()) thread_.join();
}

// Logs a store failure once when it starts and once when it ends, not on every row: pending rows stay in the
// BatchWriter and are retried with the next commit.
bool CameraPipeline::check_store(const Status& status) {
  if (!status && !store_failing_) {
    spdlog::error("camera {}: cannot write counts, keeping them and retrying: {}", camera_.name,
                  status.error().message);
  } else if (status && store_failing_) {
    spdlog::info("camera {}: writing counts again", camera_.name);
  }
  store_failing_ = !status.ok();
  return status.ok();
}

bool CameraPipeline::process(const FrameCount& count, const cv::Mat& image, BatchWriter& writer,
                             BatchWriter::Ack ack) {
  auto recorded = tracking_.record(count, image);
  stats_.frames_analyzed++;
  // The stats count what is stored: the count without the detections in ignore regions.
  const int kept = recorded ? recorded->rows.count.count : count.count;
  stats_.persons_counted += static_cast<std::uint64_t>(kept);
  if (kept > stats_.max_count.load()) stats_.max_count = kept;
  if (!recorded) {
    spdlog::error("{}; stopping this camera", recorded.error().message);
    stats_.failed = true;
    return false;
  }
  stats_.crossings_in += static_cast<std::uint64_t>(recorded->crossings_in);
  stats_.crossings_out += static_cast<std::uint64_t>(recorded->crossings_out);
  stats_.visits_closed += recorded->rows.visits.size();
  // The grid first, so that a commit triggered by this frame writes it too.
  for (HeatmapRow& grid : recorded->heatmaps) writer.set_heatmap(std::move(grid));
  check_store(writer.add(std::move(recorded->rows), clock_.now_ms(), std::move(ack)));
  return true;
}

void CameraPipeline::finish_tracking(BatchWriter& writer) {
  RecordedEnd end = tracking_.finish();
  stats_.visits_closed += end.visits.size();
  for (HeatmapRow& grid : end.heatmaps) writer.set_heatmap(std::move(grid));
  check_store(writer.add_visits(std::move(end.visits), clock_.now_ms()));
}

void CameraPipeline::run() {
  pthread_setname_np(pthread_self(), "ff-camera");  // for top -H and perf
  try {
    if (live_) {
      run_live();
    } else if (kind_ == SourceKind::inbox) {
      run_inbox();
    } else {
      run_file();
    }
  } catch (const std::exception& e) {
    spdlog::error("camera {}: pipeline stopped: {}", camera_.name, e.what());
    stats_.failed = true;
  }
  stats_.finished = true;
}

// Live: reconnect forever; a reader thread keeps the two newest sampled frames so the decoder never blocks. Two, not
// one: a stall of up to a sampling period (a burst of requests at the detector, a background image being encoded)
// delays a frame instead of dropping it; when this thread falls further behind, the oldest frame waiting is dropped
// (counted), so analysis stays within two frames of live.
void CameraPipeline::run_live() {
  ReconnectingSource source(std::move(source_), camera_.name, clock_, stop_);
  BatchWriter writer(store_, static_cast<std::size_t>(storage_.batch_rows), storage_.batch_ms);
  source.on_gap([&writer, this](const SourceGap& gap) {
    check_store(writer.add_gap(gap));
  });
  (void)source.open();
  LiveReader reader(source, Sampler(effective_sampling(camera_, to_string(kind_))), 2);
  reader.start();
  while (!stop_.load()) {
    std::optional<Frame> frame = reader.pop(200);
    stats_.frames_dropped = reader.frames_dropped();  // live, for health and metrics
    if (!frame) {
      check_store(writer.flush());
      continue;
    }
    if (!process(analyzer_.analyze(*frame), frame->image, writer)) break;
  }
  reader.stop();
  stats_.frames_dropped = reader.frames_dropped();
  finish_tracking(writer);
  check_store(writer.flush());
  stats_.rows_committed = writer.committed_rows();
  source.close();
}

// File: every sampled frame in order; decoding overlaps detection.
void CameraPipeline::run_file() {
  BatchWriter writer(store_, static_cast<std::size_t>(storage_.batch_rows), storage_.batch_ms);
  if (Status s = source_->open(); !s) {
    spdlog::error("camera {}: {}", camera_.name, s.error().message);
    stats_.failed = true;
    return;
  }
  {
    OrderedReader reader(*source_, Sampler(effective_sampling(camera_, to_string(kind_))));
    while (!stop_.load()) {
      std::optional<Frame> frame = reader.next();
      if (!frame) break;
      if (!process(analyzer_.analyze(*frame), frame->image, writer)) break;
    }
    reader.stop();
    if (reader.finished_status() == ReadStatus::error) {
      spdlog::error("camera {}: {}", camera_.name, source_->last_error());
      stats_.failed = true;
    } else if (!source_->last_error().empty()) {
      spdlog::warn("camera {}: {}", camera_.name, source_->last_error());
    }
  }
  finish_tracking(writer);
  if (Status s = writer.flush(); !s) {
    spdlog::error("camera {}: {}", camera_.name, s.error().message);
    stats_.failed = true;
  }
  stats_.rows_committed = writer.committed_rows();
  source_->close();
}

// Inbox: each snapshot is counted once and acknowledged (deleted or kept) only after its row is committed.
void CameraPipeline::run_inbox() {
  BatchWriter writer(store_, static_cast<std::size_t>(storage_.batch_rows), storage_.batch_ms);
  if (Status s = source_->open(); !s) {
    spdlog::error("camera {}: {}", camera_.name, s.error().message);
    stats_.failed = true;
    return;
  }
  while (!stop_.load()) {
    Frame frame;
    const ReadStatus status = source_->read(frame);
    if (status == ReadStatus::frame) {
      const FrameCount count = analyzer_.analyze(frame);
      FrameSource* source = source_.get();
      Frame receipt;  // the snapshot's identity only; the pixels are released now
      receipt.origin = frame.origin;
      receipt.timestamp_ms = frame.timestamp_ms;
      receipt.index = frame.index;
      auto ack = [source, receipt] { source->committed(receipt); };
      if (!process(count, frame.image, writer, ack)) break;
      continue;
    }
    if (status == ReadStatus::error) spdlog::warn("camera {}: {}", camera_.name, source_->last_error());
    // Idle (or a rejected file): commit what is pending so snapshots are acknowledged promptly.
    check_store(writer.flush());
    if (status == ReadStatus::end_of_stream) break;
  }
  finish_tracking(writer);
  check_store(writer.flush());
  stats_.rows_committed = writer.committed_rows();
  source_->close();
}

}  // namespace footfall

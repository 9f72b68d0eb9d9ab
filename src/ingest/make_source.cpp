// The factory: one SourceSpec in, the matching FrameSource out.
#include <memory>

#include "device_source.h"
#include "image_source.h"
#include "inbox_source.h"
#include "paced_playback_source.h"
#include "stream_source.h"
#include "video_file_source.h"

namespace footfall {

std::unique_ptr<FrameSource> make_source(const SourceSpec& spec, const Clock& clock) {
  switch (spec.kind.value_or(detect_source_kind(spec.uri))) {
    case SourceKind::stream:
      return std::make_unique<StreamSource>(spec.uri, clock, spec.open_timeout_ms, spec.read_timeout_ms,
                                            spec.decode_threads);
    case SourceKind::device:
      return std::make_unique<DeviceSource>(spec.uri, clock);
    case SourceKind::inbox:
      return std::make_unique<InboxSource>(spec.uri, spec.keep_inbox_files, spec.inbox_poll_ms, spec.inbox_settle_ms);
    case SourceKind::image:
      return std::make_unique<ImageSource>(spec.uri, spec.start_time);
    case SourceKind::file:
      break;
  }
  auto file = std::make_unique<VideoFileSource>(spec.uri, spec.start_time);
  if (spec.playback_speed > 0.0) return std::make_unique<PacedPlaybackSource>(std::move(file), spec.playback_speed);
  return file;
}

}  // namespace footfall

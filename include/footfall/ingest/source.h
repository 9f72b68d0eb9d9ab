// FrameSource: one camera or file that yields frames in order. Not thread-safe; one reader at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/ingest/frame.h"

namespace footfall {

enum class SourceKind { file, stream, device, inbox, image };

struct SourceSpec {
  std::string uri;                     // path, rtsp://, http(s)://, /dev/videoN, or an inbox folder
  std::optional<SourceKind> kind;      // nullopt: detect from uri (see detect_source_kind)
  std::optional<TimestampMs> start_time;  // files: timestamp of the first frame; default the file's mtime
  bool keep_inbox_files = false;       // inbox: keep snapshots after their count is committed
  int inbox_poll_ms = 500;             // inbox: how often an empty folder is looked at again
};

// rtsp/rtmp/http(s)/udp/tcp URL -> stream; /dev/video* or a bare integer -> device; existing directory -> inbox;
// .jpg/.jpeg/.png/.bmp/.webp -> image; anything else -> file.
SourceKind detect_source_kind(const std::string& uri);
const char* to_string(SourceKind kind);

enum class ReadStatus {
  frame,          // `frame` was filled
  end_of_stream,  // a file or image is finished; a live source never returns this
  retry_later,    // nothing now (empty inbox, stream hiccup): call again
  error,          // the source broke (stream dropped, decode failed); `error()` says what. A live source may be reopened.
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Opens the source. Error names the uri and what is wrong (missing file, cannot connect, ...).
  virtual Status open() = 0;
  virtual ReadStatus read(Frame& frame) = 0;
  virtual void close() = 0;

  // Called once the count of `frame` is committed to the store: an inbox deletes (or keeps) the snapshot.
  virtual void committed(const Frame& /*frame*/) {}

  // Message for the last ReadStatus::error or warning (e.g. "truncated after frame 120").
  virtual const std::string& last_error() const = 0;

  virtual std::string describe() const = 0;  // uri with any password masked
  virtual bool is_live() const = 0;          // wall-clock timestamps; may drop frames; reconnects
  // Frames per second reported by the container or stream; 0 when unknown.
  virtual double nominal_fps() const { return 0.0; }
  // Total frames when known (files), else 0. For progress bars.
  virtual std::int64_t frame_count_hint() const { return 0; }
};

// Builds the right source for the spec; `clock` gives wall-clock time to live sources.
std::unique_ptr<FrameSource> make_source(const SourceSpec& spec, const Clock& clock);

// "rtsp://user:secret@host/x" -> "rtsp://user:***@host/x".
std::string mask_credentials(const std::string& uri);

}  // namespace footfall

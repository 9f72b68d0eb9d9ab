// FrameSource: one camera or file that yields frames in order. Not thread-safe; one reader at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/ingest/frame.h"

namespace footfall {

enum class SourceKind { file, stream, device, inbox, image };

struct SourceSpec {
  std::string uri;                     // path, rtsp://, http(s)://, /dev/videoN, or an inbox folder
  std::optional<SourceKind> kind;      // nullopt: detect from uri (see detect_source_kind)
  std::optional<TimestampMs> start_time;  // files: timestamp of the first frame; default the file's mtime
  bool keep_inbox_files = false;       // inbox: keep snapshots (moved to <inbox>/done/) instead of deleting them
  int inbox_poll_ms = 500;             // inbox: how often an empty folder is looked at again
  int inbox_settle_ms = 1000;          // inbox: a snapshot is taken only once unmodified for this long (upload done)
  int open_timeout_ms = 10000;         // stream: give up connecting after this long
  int read_timeout_ms = 5000;          // stream: a stream that delivers nothing for this long has dropped
  int decode_threads = 0;              // stream: decoder threads; 0 = FFmpeg's choice (about one per core)
  // file: 0 = decode as fast as possible; > 0 = play in real time at this speed (1 = the file's own frame rate,
  // 0.5 = half speed), timestamps unchanged. Other kinds ignore it (the configuration refuses it for them).
  double playback_speed = 0.0;
};

// How each kind behaves:
// - file: FFmpeg (mp4, avi, mkv, gif, ...); frames in decode order, index 1, 2, ...; timestamp = start_time (default
//   the file's modification time) + the frame's presentation time. A file that ends well short of the frame count
//   its container announced ends normally with a warning in last_error() ("video ended early after frame N of M").
//   With playback_speed > 0 each frame is handed out no earlier than (its timestamp - the first frame's) / speed
//   after the first frame was read (a file standing in for a live camera); the frames and timestamps are the same.
// - image: one frame (timestamp start_time or the file's modification time), then end_of_stream.
// - stream, device: wall-clock timestamps from the Clock; a failed read is ReadStatus::error (wrap the source in a
//   ReconnectingSource to retry forever). Stream opens and reads give up after open_timeout_ms / read_timeout_ms.
// - inbox: never ends; read() returns the oldest complete snapshot, or waits inbox_poll_ms and returns
//   retry_later. Files: *.jpg, *.jpeg, *.png, *.bmp, *.webp directly in the folder, except names starting with '.'
//   or ending in .part, .tmp, .partial, .crdownload, .filepart or '~' (uploads in progress). A file is complete
//   once unchanged for inbox_settle_ms. Order and timestamp: the time in the file name (patterns in
//   snapshot_name.h), else the modification time. A snapshot that does not decode (or a JPEG cut short) is moved
//   to <inbox>/rejected/ and read() returns ReadStatus::error naming it; the next read() goes on. committed()
//   deletes the snapshot, or with keep_inbox_files moves it to <inbox>/done/ so that it is never counted twice,
//   even after a restart. A snapshot read but never committed (a crash) is read again after a restart.
//   Timestamps come from the files, so is_live() is false.

// rtsp(s)/rtmp(s)/http(s)/udp/tcp/rtp/srt URL -> stream; /dev/video* or an integer of at most 3 digits -> device;
// existing directory -> inbox; .jpg/.jpeg/.png/.bmp/.webp (any case) -> image; anything else -> file.
SourceKind detect_source_kind(const std::string& uri);
const char* to_string(SourceKind kind);
// "file", "stream", "device", "inbox" or "image" (as config's `type:`); nullopt for anything else.
std::optional<SourceKind> parse_source_kind(const std::string& name);

enum class ReadStatus {
  frame,          // `frame` was filled
  end_of_stream,  // a file or image is finished; a live source never returns this
  retry_later,    // nothing now (empty inbox, stream hiccup): call again
  error,          // the source broke (stream dropped, decode failed); `last_error()` says what. A live source may be
                  // reopened. An inbox returns it for one rejected snapshot and goes on with the rest on the next read.
};

// Says which frames read_sampled() wants (see FrameSource::read_sampled). Calling it, filter(t), is a Sampler's
// take(): asked exactly once per frame read, with the frame's timestamp, before its pixels are converted. due(t),
// optional (a Sampler's due()), may be asked at any time and changes nothing: whether a frame at t would be wanted.
// A live source asks it before decoding, so that a frame nobody wants and no other frame depends on is not decoded;
// without it every frame is decoded.
class FrameFilter {
 public:
  using Fn = std::function<bool(TimestampMs)>;
  template <typename Take>
    requires(!std::is_same_v<std::remove_cvref_t<Take>, FrameFilter> &&
             std::is_invocable_r_v<bool, Take&, TimestampMs>)
  FrameFilter(Take take) : take_(std::move(take)) {}  // NOLINT(google-explicit-constructor): a lambda is a filter
  FrameFilter(Fn take, Fn due) : take_(std::move(take)), due_(std::move(due)) {}

  bool operator()(TimestampMs t) const { return take_(t); }
  bool due(TimestampMs t) const { return !due_ || due_(t); }
  bool knows_due() const { return static_cast<bool>(due_); }

 private:
  Fn take_;
  Fn due_;
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Opens the source. Error names the uri and what is wrong (missing file, cannot connect, ...).
  virtual Status open() = 0;
  virtual ReadStatus read(Frame& frame) = 0;
  // Like read(), but asks `wanted` (exactly once per frame read) before the frame's pixels are converted: an unwanted
  // frame comes back as ReadStatus::frame with its timestamp and index and an empty image. The live sources (stream,
  // device) skip the colour conversion and copy of unwanted frames (grab() without retrieve()); a stream also skips
  // decoding a frame that no other frame references (an H.264 or MPEG-4 B-frame, say) while wanted.due() says no
  // frame is wanted yet, so such a frame never comes back at all. Other frames are decoded either way (later frames
  // depend on them). The default reads the whole frame, then asks.
  virtual ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) {
    const ReadStatus status = read(frame);
    if (status == ReadStatus::frame && !wanted(frame.timestamp_ms)) frame.image.release();
    return status;
  }
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

// Builds the right source for the spec; `clock` gives wall-clock time to live sources. Never null; problems with the
// uri (missing file, bad URL) are reported by open(). `clock` must outlive the source.
std::unique_ptr<FrameSource> make_source(const SourceSpec& spec, const Clock& clock);

// "rtsp://user:secret@host/x" -> "rtsp://user:***@host/x"; also the values of query keys that look secret
// (containing pass, pwd, token, secret, key, auth or sig): "...?token=abc" -> "...?token=***".
std::string mask_credentials(const std::string& uri);

}  // namespace footfall

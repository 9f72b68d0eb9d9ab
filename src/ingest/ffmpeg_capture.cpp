#include "footfall/ingest/ffmpeg_capture.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

namespace footfall {

namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string av_message(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// FFmpeg logs to stderr by default; footfall reports errors itself (as OpenCV's capture does, made quiet by the CLI).
void quiet_ffmpeg_log() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

}  // namespace

struct FfmpegCapture::Impl {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  int stream = -1;
  bool have_frame = false;
  std::uint64_t packets = 0;  // video packets read since open()
  bool draining = false;  // the end of input was sent to the decoder; frames it still holds come out
  double position_ms = -1.0;
  std::int64_t deadline_ms = 0;  // steady clock; 0 = no deadline. Polled by FFmpeg during blocking I/O.
  FfmpegCaptureOptions options;
  std::string error;

  static int interrupt(void* opaque) {
    const auto* self = static_cast<const Impl*>(opaque);
    return self->deadline_ms != 0 && steady_ms() > self->deadline_ms ? 1 : 0;
  }
  void arm(int timeout_ms) { deadline_ms = timeout_ms > 0 ? steady_ms() + timeout_ms : 0; }

  void release() {
    sws_freeContext(sws);
    sws = nullptr;
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (format != nullptr) avformat_close_input(&format);
    stream = -1;
    have_frame = false;
    draining = false;
    packets = 0;
    position_ms = -1.0;
    deadline_ms = 0;
  }
};

FfmpegCapture::FfmpegCapture() : impl_(std::make_unique<Impl>()) {}

FfmpegCapture::~FfmpegCapture() { close(); }

Status FfmpegCapture::open(const std::string& url, const FfmpegCaptureOptions& options) {
  quiet_ffmpeg_log();
  close();
  Impl& s = *impl_;
  s.options = options;
  s.error.clear();
  auto fail = [&s](const std::string& what) {
    s.error = what;
    s.release();
    return Status(make_error(what));
  };
  s.format = avformat_alloc_context();
  if (s.format == nullptr) return fail("out of memory");
  s.format->interrupt_callback.callback = &Impl::interrupt;
  s.format->interrupt_callback.opaque = &s;
  s.arm(options.open_timeout_ms);
  AVDictionary* dict = nullptr;
  av_dict_set(&dict, "rtsp_flags", "prefer_tcp", 0);  // as OpenCV does: TCP when the server offers it
  int rc = avformat_open_input(&s.format, url.c_str(), nullptr, &dict);
  av_dict_free(&dict);
  if (rc < 0) {
    s.format = nullptr;  // freed by avformat_open_input on failure
    return fail(rc == AVERROR_EXIT ? "no answer within " + std::to_string(options.open_timeout_ms) + " ms"
                                   : av_message(rc));
  }
  if ((rc = avformat_find_stream_info(s.format, nullptr)) < 0) return fail("no stream information: " + av_message(rc));
  const AVCodec* decoder = nullptr;
  s.stream = av_find_best_stream(s.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (s.stream < 0 || decoder == nullptr) return fail("no video stream FFmpeg can decode");
  s.codec = avcodec_alloc_context3(decoder);
  if (s.codec == nullptr) return fail("out of memory");
  if ((rc = avcodec_parameters_to_context(s.codec, s.format->streams[s.stream]->codecpar)) < 0) {
    return fail(av_message(rc));
  }
  s.codec->thread_count = options.threads > 0 ? options.threads : 0;
  if ((rc = avcodec_open2(s.codec, decoder, nullptr)) < 0) return fail("cannot open the decoder: " + av_message(rc));
  s.frame = av_frame_alloc();
  s.packet = av_packet_alloc();
  if (s.frame == nullptr || s.packet == nullptr) return fail("out of memory");
  s.deadline_ms = 0;
  return Status::success();
}

void FfmpegCapture::close() { impl_->release(); }

bool FfmpegCapture::is_open() const { return impl_->codec != nullptr; }

bool FfmpegCapture::grab() {
  Impl& s = *impl_;
  s.have_frame = false;
  if (s.codec == nullptr) return false;
  s.arm(s.options.read_timeout_ms);
  for (;;) {
    int rc = avcodec_receive_frame(s.codec, s.frame);
    if (rc == 0) break;
    if (rc == AVERROR_EOF) {
      s.deadline_ms = 0;
      return false;  // a clean end
    }
    if (rc != AVERROR(EAGAIN)) {
      s.error = "decode error: " + av_message(rc);
      s.deadline_ms = 0;
      return false;
    }
    if (s.draining) {
      s.deadline_ms = 0;
      return false;
    }
    rc = av_read_frame(s.format, s.packet);
    if (rc == AVERROR_EOF) {
      s.draining = true;
      avcodec_send_packet(s.codec, nullptr);  // flush: the frames the decoder still holds come out
      continue;
    }
    if (rc < 0) {
      s.error = rc == AVERROR_EXIT ? "no frame for " + std::to_string(s.options.read_timeout_ms) + " ms"
                                   : "read error: " + av_message(rc);
      s.deadline_ms = 0;
      return false;
    }
    if (s.packet->stream_index == s.stream) {
      ++s.packets;
      rc = avcodec_send_packet(s.codec, s.packet);
      av_packet_unref(s.packet);
      if (rc < 0 && rc != AVERROR(EAGAIN) && rc != AVERROR_INVALIDDATA) {
        s.error = "decode error: " + av_message(rc);
        s.deadline_ms = 0;
        return false;
      }
    } else {
      av_packet_unref(s.packet);
    }
  }
  s.deadline_ms = 0;
  s.have_frame = true;
  const AVStream* st = s.format->streams[s.stream];
  std::int64_t pts = s.frame->best_effort_timestamp;
  if (pts == AV_NOPTS_VALUE) pts = s.frame->pts;
  if (pts == AV_NOPTS_VALUE) {
    s.position_ms = -1.0;
  } else {
    const std::int64_t start = st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time;
    s.position_ms = static_cast<double>(pts - start) * av_q2d(st->time_base) * 1000.0;
  }
  return true;
}

bool FfmpegCapture::retrieve(cv::Mat& bgr) {
  Impl& s = *impl_;
  if (!s.have_frame || s.frame->width <= 0 || s.frame->height <= 0) return false;
  const int w = s.frame->width;
  const int h = s.frame->height;
  // Same conversion as OpenCV's capture (bicubic flags; no scaling happens at equal sizes).
  s.sws = sws_getCachedContext(s.sws, w, h, static_cast<AVPixelFormat>(s.frame->format), w, h, AV_PIX_FMT_BGR24,
                               SWS_BICUBIC, nullptr, nullptr, nullptr);
  if (s.sws == nullptr) {
    s.error = "no conversion from the stream's pixel format to BGR";
    return false;
  }
  cv::Mat out(h, w, CV_8UC3);
  uint8_t* dst[4] = {out.data, nullptr, nullptr, nullptr};
  int dst_stride[4] = {static_cast<int>(out.step), 0, 0, 0};
  sws_scale(s.sws, s.frame->data, s.frame->linesize, 0, h, dst, dst_stride);
  bgr = std::move(out);
  return true;
}

bool FfmpegCapture::seek_ms(double ms) {
  Impl& s = *impl_;
  if (s.codec == nullptr) return false;
  const AVStream* st = s.format->streams[s.stream];
  const std::int64_t start = st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time;
  const auto ts = start + static_cast<std::int64_t>(std::llround(std::max(0.0, ms) / 1000.0 / av_q2d(st->time_base)));
  if (const int rc = av_seek_frame(s.format, s.stream, ts, AVSEEK_FLAG_BACKWARD); rc < 0) {
    s.error = "cannot seek: " + av_message(rc);
    return false;
  }
  avcodec_flush_buffers(s.codec);
  s.have_frame = false;
  s.draining = false;
  return true;
}

double FfmpegCapture::duration_ms() const {
  const Impl& s = *impl_;
  if (s.format == nullptr || s.stream < 0) return 0.0;
  const AVStream* st = s.format->streams[s.stream];
  if (st->duration != AV_NOPTS_VALUE && st->duration > 0) {
    return static_cast<double>(st->duration) * av_q2d(st->time_base) * 1000.0;
  }
  return s.format->duration > 0 ? static_cast<double>(s.format->duration) / 1000.0 : 0.0;  // AV_TIME_BASE: us
}

void FfmpegCapture::set_skip_unreferenced(bool skip) {
  // Read by the decoder per frame (FFmpeg's -skip_frame noref); with frame threads it is passed on to the thread
  // that decodes the next packet.
  if (impl_->codec != nullptr) impl_->codec->skip_frame = skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
}

std::uint64_t FfmpegCapture::packets() const { return impl_->packets; }

double FfmpegCapture::position_ms() const { return impl_->position_ms; }

double FfmpegCapture::fps() const {
  const Impl& s = *impl_;
  if (s.format == nullptr || s.stream < 0) return 0.0;
  const AVStream* st = s.format->streams[s.stream];
  double fps = av_q2d(st->avg_frame_rate);
  if (!(std::isfinite(fps) && fps > 0.0)) fps = av_q2d(st->r_frame_rate);
  return std::isfinite(fps) && fps > 0.0 && fps <= 1000.0 ? fps : 0.0;
}

std::int64_t FfmpegCapture::frame_count() const {
  const Impl& s = *impl_;
  if (s.format == nullptr || s.stream < 0) return 0;
  return std::max<std::int64_t>(0, s.format->streams[s.stream]->nb_frames);
}

int FfmpegCapture::threads() const { return impl_->codec != nullptr ? impl_->codec->thread_count : 0; }

const std::string& FfmpegCapture::error() const { return impl_->error; }

}  // namespace footfall

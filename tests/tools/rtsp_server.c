/* rtsp_server: serves one video file as a Motion-JPEG RTSP stream on loopback, for the ingest tests.
 *
 *   rtsp_server PORT MOUNT FILE [FPS|copy]
 *
 * PORT 0 picks a free port. Once listening it prints "ready PORT" on stdout (flushed), so a test can wait for that
 * line and learn the port. Every client gets its own pipeline that decodes FILE from its start, resamples it to FPS
 * (default 10) and sends it in real time as RTP/JPEG (rtpjpegpay). The file is not looped: a clip of N frames
 * streams for N / FPS seconds. With `copy` instead of FPS, an MP4 file's H.264 is sent as it is (RTP/H.264, at the
 * file's own rate, B-frames and all), as an IP camera sends its stream. SIGTERM and SIGINT stop the server cleanly; SIGKILL is what a crash looks like.
 *
 * Needs libgstrtspserver-1.0 and the plugins behind decodebin, videoconvert, videorate, jpegenc and rtpjpegpay
 * (gstreamer1.0-plugins-base, -good, and -libav for H.264 and MPEG-4). Serve mp4/avi clips: GStreamer does not
 * decode the shared GIFs (a client then connects but never gets a stream). */
#include <glib-unix.h>
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gboolean on_signal(gpointer loop) {
  g_main_loop_quit((GMainLoop*)loop);
  return G_SOURCE_REMOVE;
}

static int usage(const char* self) {
  fprintf(stderr, "usage: %s PORT MOUNT FILE [FPS|copy]\n  e.g. %s 0 /cam clip.mp4 10\n", self, self);
  return 2;
}

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) return usage(argv[0]);
  const char* port = argv[1];
  const char* mount = argv[2];
  const char* file = argv[3];
  const int copy = argc == 5 && strcmp(argv[4], "copy") == 0;
  const int fps = copy ? 0 : argc == 5 ? atoi(argv[4]) : 10;
  if (mount[0] != '/' || (!copy && (fps <= 0 || fps > 120))) return usage(argv[0]);
  if (strchr(file, '"') != NULL) {
    fprintf(stderr, "rtsp_server: %s: a file name with a double quote is not supported\n", file);
    return 2;
  }
  if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
    fprintf(stderr, "rtsp_server: %s: no such file\n", file);
    return 1;
  }

  gst_init(&argc, &argv);
  GMainLoop* loop = g_main_loop_new(NULL, FALSE);
  GstRTSPServer* server = gst_rtsp_server_new();
  gst_rtsp_server_set_address(server, "127.0.0.1");
  gst_rtsp_server_set_service(server, port);

  gchar* launch =
      copy ? g_strdup_printf("( filesrc location=\"%s\" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 "
                             "config-interval=1 )",
                             file)
           : g_strdup_printf(
                 "( filesrc location=\"%s\" ! decodebin ! videoconvert ! videorate ! video/x-raw,framerate=%d/1 ! "
                 "jpegenc quality=85 ! rtpjpegpay name=pay0 pt=96 )",
                 file, fps);
  GstRTSPMediaFactory* factory = gst_rtsp_media_factory_new();
  gst_rtsp_media_factory_set_launch(factory, launch);
  gst_rtsp_media_factory_set_shared(factory, FALSE);
  GstRTSPMountPoints* mounts = gst_rtsp_server_get_mount_points(server);
  gst_rtsp_mount_points_add_factory(mounts, mount, factory);
  g_object_unref(mounts);

  if (gst_rtsp_server_attach(server, NULL) == 0) {
    fprintf(stderr, "rtsp_server: cannot listen on 127.0.0.1:%s\n", port);
    return 1;
  }
  g_unix_signal_add(SIGTERM, on_signal, loop);
  g_unix_signal_add(SIGINT, on_signal, loop);

  printf("ready %d\n", gst_rtsp_server_get_bound_port(server));
  fflush(stdout);
  g_main_loop_run(loop);

  printf("stopped\n");
  fflush(stdout);
  g_free(launch);
  g_object_unref(server);
  g_main_loop_unref(loop);
  return 0;
}

// SnapshotService without HTTP: image sizes read from headers, refusals by kind, and a real count of a real JPEG
// stored with the given time and published on the bus.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

#include <opencv2/imgcodecs.hpp>

#include "footfall/app/service.h"
#include "footfall/server/snapshot_service.h"
#include "http_test_util.h"
#include "test_process.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

class Frames final : public EventSink {
 public:
  void on_frame(const FrameSummary& summary) override { frames.push_back(summary); }
  std::vector<FrameSummary> frames;
};

TEST(SnapshotService, ImageSizesComeFromTheHeaders) {
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  const cv::Mat decoded = cv::imread((darknet_data() / "person.jpg").string());
  ASSERT_FALSE(decoded.empty());
  const auto size = image_dimensions(jpeg);
  ASSERT_TRUE(size);
  EXPECT_EQ(size->first, decoded.cols);
  EXPECT_EQ(size->second, decoded.rows);

  std::vector<unsigned char> png;
  ASSERT_TRUE(cv::imencode(".png", decoded, png));
  const auto png_size = image_dimensions(std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  ASSERT_TRUE(png_size);
  EXPECT_EQ(*png_size, *size);

  EXPECT_FALSE(image_dimensions("GIF89a...."));
  EXPECT_FALSE(image_dimensions(jpeg.substr(0, 20))) << "cut before the frame header";
  EXPECT_FALSE(image_dimensions(""));
}

TEST(SnapshotService, CountsARealJpegStoresItAndPublishesIt) {
  TempDir dir;
  std::string text = http_test_config(dir / "f.db");
  text.replace(text.find("stores:"), 7, "  off:\n    type: push\n    enabled: false\nstores:");
  // The till counts its zones too: the whole frame (a queue) and a corner where nobody stands.
  text.replace(text.find("    type: push\n"), 15,
               "    type: push\n    zones:\n      all:\n        points: [[0, 0], [1, 0], [1, 1], [0, 1]]\n"
               "        queue: true\n      corner:\n        points: [[0, 0], [0.05, 0], [0.05, 0.05], [0, 0.05]]\n");
  auto config = parse_config(text, "t.yaml");
  ASSERT_TRUE(config) << config.error().message;
  auto store = open_store((dir / "f.db").string());
  ASSERT_TRUE(store);
  Frames frames;
  SnapshotService service(*config, **store, frames);
  const std::string jpeg = read_text(darknet_data() / "person.jpg");

  SnapshotError error = SnapshotError::kFailed;
  auto unknown = service.count_snapshot("nope", jpeg, kHttpNowMs, &error);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(error, SnapshotError::kUnknownCamera);
  auto disabled = service.count_snapshot("off", jpeg, kHttpNowMs, &error);
  ASSERT_FALSE(disabled);
  EXPECT_EQ(error, SnapshotError::kUnknownCamera);
  auto broken = service.count_snapshot("main.till", "\xFF\xD8\xFF\xE0 not really", kHttpNowMs, &error);
  ASSERT_FALSE(broken);
  EXPECT_EQ(error, SnapshotError::kNotAnImage);
  EXPECT_THAT(broken.error().message, HasSubstr("camera main.till"));

  auto counted = service.count_snapshot("main.till", jpeg, kHttpNowMs, &error);
  ASSERT_TRUE(counted) << counted.error().message;
  EXPECT_GE(counted->count, 1);
  EXPECT_EQ(counted->timestamp_ms, kHttpNowMs);
  auto rows = (*store)->read_counts({});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().camera, "main.till");
  EXPECT_EQ(rows->front().count, counted->count);
  EXPECT_EQ(rows->front().frame_width, counted->width);
  EXPECT_FALSE(rows->front().tracked.has_value()) << "a snapshot is not tracked";
  ASSERT_EQ(frames.frames.size(), 1u);
  EXPECT_EQ(frames.frames[0].count, counted->count);
  ASSERT_EQ(frames.frames[0].zones.size(), 2u);
  EXPECT_EQ(frames.frames[0].zones[0].zone, "all");
  EXPECT_EQ(frames.frames[0].zones[0].occupancy, counted->count) << "everyone stands in the whole frame";
  EXPECT_EQ(frames.frames[0].zones[0].queue_length, counted->count);
  EXPECT_EQ(frames.frames[0].zones[1].occupancy, 0);
  auto zone_rows = (*store)->read_zone_counts({});
  ASSERT_TRUE(zone_rows);
  ASSERT_EQ(zone_rows->size(), 2u);
  EXPECT_EQ((*zone_rows)[0].camera, "main.till");
  EXPECT_EQ((*zone_rows)[0].zone, "all");
  EXPECT_EQ((*zone_rows)[0].occupancy, counted->count);
  EXPECT_EQ((*zone_rows)[0].timestamp_ms, kHttpNowMs);
  EXPECT_EQ((*zone_rows)[1].occupancy, 0);
  const auto stats = service.stats();
  EXPECT_EQ(stats.at("main.till").snapshots, 1u);
  EXPECT_GT(stats.at("main.till").inference_seconds, 0.0);
  EXPECT_EQ(stats.at("main.till").last_ms, kHttpNowMs);
}

TEST(SnapshotService, DetectsOnTheServicesDetectorPoolWhenServing) {
  // As `footfall serve` wires it: the push camera's detector is a client of the Service's pool (the same network as
  // the pipelines' cameras use), not a network of its own, and counts exactly what an own detector counts.
  TempDir dir;
  auto config = parse_config(http_test_config(dir / "f.db"), "t.yaml");
  ASSERT_TRUE(config) << config.error().message;
  std::atomic<bool> stop{false};
  ServiceOptions options;
  options.allow_no_cameras = true;
  options.pool_push_cameras = true;
  auto service = Service::create(*config, stop, options);
  ASSERT_TRUE(service) << service.error().message;
  ASSERT_GE((*service)->detector_workers(), 1);
  EXPECT_NE((*service)->detector_client("main.till"), nullptr);
  EXPECT_NE((*service)->detector_client("main.door"), nullptr) << "a pipeline's camera can be pushed to as well";
  EXPECT_EQ((*service)->detector_client("nope"), nullptr);
  const double busy_before = (*service)->detector_busy_seconds();

  auto store = open_store((dir / "f.db").string());
  ASSERT_TRUE(store);
  Frames frames;
  SnapshotService pooled(*config, **store, frames,
                         [&](const std::string& camera) { return (*service)->detector_client(camera); });
  SnapshotService own(*config, **store, frames);
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  SnapshotError error = SnapshotError::kFailed;
  auto on_pool = pooled.count_snapshot("main.till", jpeg, kHttpNowMs, &error);
  ASSERT_TRUE(on_pool) << on_pool.error().message;
  EXPECT_GT((*service)->detector_busy_seconds(), busy_before) << "a pool worker ran the detection";
  auto by_own = own.count_snapshot("main.till", jpeg, kHttpNowMs + 1000, &error);
  ASSERT_TRUE(by_own) << by_own.error().message;
  EXPECT_GE(on_pool->count, 1);
  EXPECT_EQ(on_pool->count, by_own->count);

  // Without pool_push_cameras (footfall run, which serves no snapshots) a push camera has no place on the pool.
  ServiceOptions run_options;
  run_options.allow_no_cameras = true;
  auto run = Service::create(*config, stop, run_options);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ((*run)->detector_client("main.till"), nullptr);
  EXPECT_NE((*run)->detector_client("main.door"), nullptr);
}

}  // namespace
}  // namespace footfall::test

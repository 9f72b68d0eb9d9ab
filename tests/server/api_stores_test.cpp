// Stores and cameras as configured, camera health from the service (or "unknown" without one), and the two camera
// images: the heatmap of the tracked clip over its learned background, and the background itself.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "api_test_util.h"

namespace footfall::test {
namespace {

// The running service's health, as `footfall serve` would report it for one camera.
class OneCameraHealth final : public CameraHealthSource {
 public:
  std::vector<CameraHealth> camera_health() const override {
    CameraHealth h;
    h.name = "demo.plaza";
    h.state = "running";
    h.fps_in = 25.0;
    h.fps_analysed = 5.0;
    h.frames_analysed = 1234;
    h.frames_dropped = 7;
    h.last_frame_ms = kApiNowMs - 200;
    h.last_error = "";
    return {h};
  }
};

TEST(ApiStores, ListsTheConfiguredStores) {
  const SeededApi& api = SeededApi::shared();
  const auto stores = api.get_json("/api/v1/stores");
  ASSERT_EQ(stores.size(), 1u);
  const auto& demo = stores[0];
  EXPECT_EQ(demo["name"], "demo");
  EXPECT_EQ(demo["timezone"], "Europe/Berlin");
  EXPECT_EQ(demo["hours"]["mon"], nlohmann::json::array({"09:00-20:00"}));
  EXPECT_EQ(demo["hours"]["sun"], nlohmann::json::array({"09:00-20:00"}));
  EXPECT_EQ(demo["cameras"], nlohmann::json::array({"demo.door", "demo.plaza"}));
  EXPECT_EQ(demo["entry_lines"], nlohmann::json::parse(R"([{"camera": "demo.door", "line": "entrance"}])"));
}

TEST(ApiCameras, ListsGeometryAndHealth) {
  SeededApi& api = SeededApi::shared();
  const auto cameras = api.get_json("/api/v1/cameras");
  ASSERT_EQ(cameras.size(), 3u);
  const auto& door = cameras[0];
  EXPECT_EQ(door["name"], "demo.door");  // cameras of a store are qualified by it
  EXPECT_EQ(door["local_name"], "door");
  EXPECT_EQ(door["store"], "demo");
  EXPECT_EQ(door["source_kind"], "file");
  EXPECT_FALSE(door.contains("source"));  // URLs may hold passwords
  EXPECT_EQ(door["lines"][0]["name"], "entrance");
  EXPECT_EQ(door["lines"][0]["points"], nlohmann::json::parse("[[0.1, 0.5], [0.9, 0.5]]"));
  EXPECT_EQ(door["lines"][0]["normalized"], true);
  EXPECT_EQ(door["health"]["state"], "unknown");
  EXPECT_TRUE(door["health"]["last_frame"].is_null());
  const auto& plaza = cameras[1];
  EXPECT_EQ(plaza["zones"][0]["name"], "square");
  EXPECT_EQ(plaza["zones"][0]["queue"], true);
  EXPECT_EQ(plaza["zones"][0]["points"].size(), 4u);
  EXPECT_EQ(plaza["store"], "demo");
  EXPECT_TRUE(cameras[2]["store"].is_null());  // hall belongs to no store
  EXPECT_TRUE(cameras[2]["lines"].empty());

  // Inside `footfall serve` the health comes from the service.
  const OneCameraHealth health;
  ApiContext context = api.context();
  context.health = &health;
  Router router;
  register_api_routes(router, context);
  const auto m = router.match("GET", "/api/v1/cameras");
  ASSERT_NE(m.route, nullptr);
  const auto with_health = nlohmann::json::parse(m.route->handler(ApiRequest{}).body);
  EXPECT_EQ(with_health[0]["health"]["state"], "unknown");
  const auto& h = with_health[1]["health"];
  EXPECT_EQ(h["state"], "running");
  EXPECT_EQ(h["fps_in"], 25.0);
  EXPECT_EQ(h["frames_analysed"], 1234);
  EXPECT_EQ(h["frames_dropped"], 7);
  EXPECT_EQ(h["last_frame"], "2026-11-20T14:29:59.800Z");
}

TEST(ApiImages, HeatmapOfTheTrackedClipIsAPngOfTheFrameSize) {
  const SeededApi& api = SeededApi::shared();
  const ApiResponse r = api.call("GET", "/api/v1/cameras/demo.plaza/heatmap.png",
                                 {{"from", "2026-11-20T12:00:00Z"}, {"to", "2026-11-20T14:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/png");
  const cv::Mat png = cv::imdecode(std::vector<std::uint8_t>(r.body.begin(), r.body.end()), cv::IMREAD_COLOR);
  ASSERT_FALSE(png.empty());
  EXPECT_EQ(png.cols, 640);
  EXPECT_EQ(png.rows, 480);
  // The colour map (saturated) covers part of the square where people walk.
  int heat = 0;
  for (int y = 180; y < 340; ++y) {
    for (int x = 0; x < 470; ++x) {
      const cv::Vec3b p = png.at<cv::Vec3b>(y, x);
      if (std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 50) ++heat;
    }
  }
  EXPECT_GT(heat, 2000);

  // The default range (the week before now) holds the clip too; a range without tracking is 404 JSON.
  EXPECT_EQ(api.call("GET", "/api/v1/cameras/demo.plaza/heatmap.png").status, 200);
  const ApiResponse none = api.call("GET", "/api/v1/cameras/demo.plaza/heatmap.png",
                                    {{"from", "2026-11-19T00:00:00Z"}, {"to", "2026-11-20T00:00:00Z"}});
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.content_type, "application/json");
  EXPECT_NE(body_json(none)["error"]["message"].get<std::string>().find("no heatmap"), std::string::npos);
  EXPECT_EQ(api.call("GET", "/api/v1/cameras/demo.door/heatmap.png").status, 404);
  EXPECT_EQ(api.call("GET", "/api/v1/cameras/roof/heatmap.png").status, 404);
  const ApiResponse bad = api.call("GET", "/api/v1/cameras/demo.plaza/heatmap.png", {{"to", "soon"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(body_json(bad)["error"]["message"].get<std::string>().rfind("to:", 0), 0u);
}

TEST(ApiImages, BackgroundIsTheStoredPng) {
  SeededApi& api = SeededApi::shared();
  const ApiResponse r = api.call("GET", "/api/v1/cameras/hall/background.png");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/png");
  auto stored = api.store().read_background("hall");
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ(r.body, std::string((*stored)->png.begin(), (*stored)->png.end()));
  const cv::Mat png = cv::imdecode(std::vector<std::uint8_t>(r.body.begin(), r.body.end()), cv::IMREAD_COLOR);
  EXPECT_EQ(png.cols, 768);
  EXPECT_EQ(png.rows, 576);

  // The plaza clip (7 s) is too short to learn a background; the door camera never ran.
  for (const char* camera : {"demo.plaza", "demo.door"}) {
    const ApiResponse none = api.call("GET", "/api/v1/cameras/" + std::string(camera) + "/background.png");
    EXPECT_EQ(none.status, 404) << camera;
    EXPECT_EQ(body_json(none)["error"]["code"], "not_found");
  }
  EXPECT_EQ(api.call("GET", "/api/v1/cameras/cellar/background.png").status, 404);
}

TEST(ApiImages, HeatmapIsDrawnOverTheLearnedBackground) {
  const SeededApi& api = SeededApi::shared();
  const ApiResponse r = api.call("GET", "/api/v1/cameras/hall/heatmap.png",
                                 {{"from", "2026-11-19T10:00:00Z"}, {"to", "2026-11-19T11:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const cv::Mat heat = cv::imdecode(std::vector<std::uint8_t>(r.body.begin(), r.body.end()), cv::IMREAD_COLOR);
  const ApiResponse b = api.call("GET", "/api/v1/cameras/hall/background.png");
  const cv::Mat background = cv::imdecode(std::vector<std::uint8_t>(b.body.begin(), b.body.end()), cv::IMREAD_COLOR);
  ASSERT_EQ(heat.size(), background.size());
  // Where nobody walked the heatmap shows the background unchanged: most pixels are equal, some are coloured.
  cv::Mat diff;
  cv::absdiff(heat, background, diff);
  cv::Mat grey;
  cv::cvtColor(diff, grey, cv::COLOR_BGR2GRAY);
  const double unchanged = static_cast<double>(cv::countNonZero(grey < 8)) / static_cast<double>(grey.total());
  EXPECT_GT(unchanged, 0.3);
  EXPECT_LT(unchanged, 0.97);
}

}  // namespace
}  // namespace footfall::test

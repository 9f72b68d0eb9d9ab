// Detector latency per model and thread count on real frames of vtest.avi (Google Benchmark).
//   build/release/bench/detect_bench --benchmark_filter=yolo-fastest
// The `footfall bench` command reports the same figures plus decode and end-to-end throughput.
#include <benchmark/benchmark.h>

#include <opencv2/core/utility.hpp>
#include <opencv2/videoio.hpp>

#include <string>
#include <vector>

#include "footfall/detect/detector.h"
#include "footfall/detect/model_manifest.h"
#include "footfall/detect/postprocess.h"

namespace {

const std::vector<cv::Mat>& frames() {
  static const std::vector<cv::Mat> cached = [] {
    std::vector<cv::Mat> out;
    cv::VideoCapture cap("/usr/share/doc/opencv-doc/examples/data/vtest.avi", cv::CAP_FFMPEG);
    cv::Mat f;
    while (out.size() < 100 && cap.read(f)) out.push_back(f.clone());
    return out;
  }();
  return cached;
}

void detect(benchmark::State& state, const std::string& model) {
  footfall::DetectParams params;
  params.threads = static_cast<int>(state.range(0));
  auto detector = footfall::create_detector(footfall::ModelParams{model, "", "", false}, params);
  if (!detector) {
    state.SkipWithError(detector.error().message.c_str());
    return;
  }
  const auto& images = frames();
  if (images.empty()) {
    state.SkipWithError("vtest.avi not found (install opencv-doc)");
    return;
  }
  std::size_t i = 0;
  std::size_t persons = 0;
  for (auto _ : state) {
    persons += (*detector)->detect(images[i++ % images.size()]).size();
  }
  state.counters["persons_per_frame"] =
      static_cast<double>(persons) / static_cast<double>(state.iterations());
}

void nms(benchmark::State& state) {
  footfall::Detections dets;
  cv::RNG rng(42);
  for (int i = 0; i < state.range(0); ++i) {
    dets.push_back({{rng.uniform(0.f, 700.f), rng.uniform(0.f, 500.f), rng.uniform(20.f, 80.f),
                     rng.uniform(40.f, 160.f)},
                    rng.uniform(0.f, 1.f), 0});
  }
  for (auto _ : state) benchmark::DoNotOptimize(footfall::non_max_suppression(dets, 0.45f));
}

int register_all() {
  for (const auto& m : footfall::builtin_models()) {
    benchmark::RegisterBenchmark(("detect/" + m.name).c_str(), detect, m.name)
        ->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
  }
  benchmark::RegisterBenchmark("detect/hog", detect, std::string("hog"))
      ->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
  benchmark::RegisterBenchmark("nms", nms)->Arg(100)->Arg(1000);
  return 0;
}
const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();

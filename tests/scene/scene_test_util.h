// Helpers shared by the scene tests: synthetic frames with camera-like noise, real clips and the real detector.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "footfall/core/params.h"
#include "footfall/detect/detector.h"
#include "test_paths.h"

namespace footfall::test {

// A textured grey-and-colour scene (fixed seed), the same every call.
inline cv::Mat textured_scene(int width, int height, unsigned seed = 7) {
  cv::Mat scene(height, width, CV_8UC3);
  cv::RNG rng(seed);
  rng.fill(scene, cv::RNG::UNIFORM, cv::Scalar::all(40), cv::Scalar::all(200));
  cv::GaussianBlur(scene, scene, cv::Size(7, 7), 2.0);
  return scene;
}

// `image` plus Gaussian sensor noise of `sigma` grey levels (a new draw per call).
inline cv::Mat with_noise(const cv::Mat& image, std::mt19937& rng, double sigma = 2.0) {
  cv::theRNG().state = rng();  // randn draws from OpenCV's RNG: seeded from ours so that runs are reproducible
  cv::Mat noise(image.size(), CV_16SC3);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(sigma));
  cv::Mat out;
  cv::add(image, noise, out, cv::noArray(), CV_8UC3);
  return out;
}

// The default model from the shared models folder (no download), at its own threshold unless one is given.
inline Result<std::unique_ptr<Detector>> default_detector(float threshold = -1.0f) {
  LocateOptions locate;
  locate.search_dirs = std::vector<std::filesystem::path>{models_dir()};
  locate.allow_download = false;
  DetectParams params;
  params.threshold = threshold;
  return create_detector(ModelParams{}, params, locate, nullptr);
}

// Decodes a clip and calls fn(frame, t, index) for every `step`-th frame (index 1-based, t in ms from the
// container's frame rate, starting at 0); stops after `max_frames` calls when > 0. Returns the number of calls.
template <typename Fn>
int for_each_frame(const std::filesystem::path& path, int step, int max_frames, Fn&& fn) {
  cv::VideoCapture cap(path.string(), cv::CAP_FFMPEG);
  double fps = cap.get(cv::CAP_PROP_FPS);
  if (!(fps > 0.0)) fps = 25.0;
  cv::Mat frame;
  int calls = 0;
  for (int i = 1; cap.read(frame); ++i) {
    if ((i - 1) % step != 0) continue;
    fn(frame, static_cast<TimestampMs>((i - 1) * 1000.0 / fps), i);
    if (++calls == max_frames) break;
  }
  return calls;
}

}  // namespace footfall::test

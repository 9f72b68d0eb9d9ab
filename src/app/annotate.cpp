#include "footfall/app/annotate.h"

#include <cstdio>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace footfall {

Status write_annotated(const Frame& frame, const FrameCount& count, const std::filesystem::path& png_path) {
  cv::Mat canvas = frame.image.clone();
  for (const Detection& d : count.detections) {
    const cv::Rect r(cv::Point(static_cast<int>(d.box.x), static_cast<int>(d.box.y)),
                     cv::Size(static_cast<int>(d.box.width), static_cast<int>(d.box.height)));
    cv::rectangle(canvas, r, cv::Scalar(0, 220, 0), 2);
    char label[16];
    std::snprintf(label, sizeof label, "%.2f", static_cast<double>(d.confidence));
    cv::putText(canvas, label, r.tl() + cv::Point(2, 14), cv::FONT_HERSHEY_SIMPLEX, 0.45, cv::Scalar(0, 220, 0), 1);
  }
  const std::string banner = "persons: " + std::to_string(count.count) + "  " + count.model;
  cv::rectangle(canvas, cv::Rect(0, 0, canvas.cols, 24), cv::Scalar(0, 0, 0), cv::FILLED);
  cv::putText(canvas, banner, cv::Point(6, 17), cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(255, 255, 255), 1);
  std::error_code ec;
  std::filesystem::create_directories(png_path.parent_path(), ec);
  const std::filesystem::path tmp = png_path.string() + ".tmp.png";
  try {
    if (!cv::imwrite(tmp.string(), canvas)) return make_error(png_path.string() + ": cannot write annotated image");
  } catch (const cv::Exception& e) {
    return make_error(png_path.string() + ": cannot write annotated image: " + e.what());
  }
  std::filesystem::rename(tmp, png_path, ec);
  if (ec) return make_error(png_path.string() + ": " + ec.message());
  return {};
}

}  // namespace footfall

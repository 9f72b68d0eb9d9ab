#include "footfall/app/frame_analyzer.h"

#include "footfall/detect/postprocess.h"

namespace footfall {

FrameAnalyzer::FrameAnalyzer(std::unique_ptr<Detector> detector, std::string camera, Polygon roi, bool roi_normalized)
    : detector_(std::move(detector)), camera_(std::move(camera)), roi_(std::move(roi)), roi_normalized_(roi_normalized) {}

const Polygon& FrameAnalyzer::roi_for(int width, int height) {
  if (!roi_normalized_) return roi_;
  if (width != roi_width_ || height != roi_height_) {
    roi_pixels_.clear();
    for (const Point& p : roi_) {
      roi_pixels_.push_back({p.x * static_cast<float>(width), p.y * static_cast<float>(height)});
    }
    roi_width_ = width;
    roi_height_ = height;
  }
  return roi_pixels_;
}

FrameCount FrameAnalyzer::analyze(const Frame& frame) {
  FrameCount out;
  out.camera = camera_;
  out.timestamp_ms = frame.timestamp_ms;
  out.frame_index = frame.index;
  out.frame_width = frame.image.cols;
  out.frame_height = frame.image.rows;
  out.model = detector_->name();
  out.detections = detector_->detect(frame.image);
  if (!roi_.empty()) out.detections = filter_roi(std::move(out.detections), roi_for(frame.image.cols, frame.image.rows));
  out.count = static_cast<int>(out.detections.size());
  float sum = 0.0f;
  for (const Detection& d : out.detections) sum += d.confidence;
  out.mean_confidence = out.count > 0 ? sum / static_cast<float>(out.count) : 0.0f;
  return out;
}

}  // namespace footfall

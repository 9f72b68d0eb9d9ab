#include "dnn_detector.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "darknet_cfg.h"
#include "decode.h"
#include "footfall/detect/postprocess.h"
#include "preprocess.h"

namespace footfall::dnn {

namespace {

// Score floor injected into Darknet [yolo] sections: low enough that our own threshold is the only filter.
constexpr float kDarknetCfgThresh = 0.001f;

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path.string() + ": cannot open for reading");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return make_error(path.string() + ": read error");
  return data;
}

Result<cv::dnn::Net> load_net(const ModelSpec& spec, const ModelPaths& paths) {
  if (spec.format == "darknet") {
    auto cfg = read_file(paths.config);
    if (!cfg) return cfg.error();
    auto weights = read_file(paths.model);
    if (!weights) return weights.error();
    const std::string patched = with_yolo_thresh(*cfg, kDarknetCfgThresh);
    return cv::dnn::readNetFromDarknet(patched.data(), patched.size(), weights->data(), weights->size());
  }
  return cv::dnn::readNetFromONNX(paths.model.string());
}

class DnnDetector final : public Detector {
 public:
  DnnDetector(const ModelSpec& spec, cv::dnn::Net net, cv::Size input, const DetectParams& params, float threshold)
      : name_(spec.name + "@" + std::to_string(input.width) + "x" + std::to_string(input.height)),
        net_(std::move(net)),
        out_names_(net_.getUnconnectedOutLayersNames()),
        preprocessor_(preprocess_params(spec, input)),
        decode_(decoder_function(spec.decoder)),
        threshold_(threshold),
        nms_threshold_(params.nms_threshold),
        min_width_(params.min_box_width),
        min_height_(params.min_box_height) {
    decode_params_.input_width = input.width;
    decode_params_.input_height = input.height;
    decode_params_.num_classes = static_cast<int>(spec.classes.size());
    decode_params_.class_id = spec.person_class;
    decode_params_.score_threshold = threshold;
    decode_params_.strides = spec.strides;
    decode_params_.reg_max = spec.reg_max;
  }

  Detections detect(const cv::Mat& frame) override {
    if (frame.empty()) return {};
    const cv::Mat* bgr = &frame;
    if (frame.type() != CV_8UC3) {
      // Grey or BGRA input: converted here so callers may pass what their source decodes.
      CV_Assert(frame.depth() == CV_8U && (frame.channels() == 1 || frame.channels() == 4));
      cv::cvtColor(frame, converted_, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
      bgr = &converted_;
    }
    net_.setInput(preprocessor_.run(*bgr));
    net_.forward(outputs_, out_names_);
    Detections found = decode_(outputs_, decode_params_);
    const InputTransform& t = preprocessor_.transform();
    for (Detection& d : found) d.box = t.to_frame(d.box);
    found = non_max_suppression(std::move(found), nms_threshold_);
    if (min_width_ > 0.0f || min_height_ > 0.0f) found = filter_min_size(std::move(found), min_width_, min_height_);
    return found;
  }

  std::string name() const override { return name_; }
  float threshold() const override { return threshold_; }

 private:
  std::string name_;
  cv::dnn::Net net_;
  std::vector<std::string> out_names_;
  Preprocessor preprocessor_;
  DecodeFn decode_;
  DecodeParams decode_params_;
  float threshold_;
  float nms_threshold_;
  float min_width_;
  float min_height_;
  std::vector<cv::Mat> outputs_;  // reused between frames
  cv::Mat converted_;
};

std::string size_string(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

}  // namespace

Result<cv::Size> resolve_input_size(const ModelSpec& spec, const DetectParams& params) {
  const int w = params.input_width > 0 ? params.input_width : spec.input_width;
  const int h = params.input_height > 0 ? params.input_height : spec.input_height;
  if (params.input_width < 0 || params.input_height < 0) {
    return make_error(spec.name + ": input size " + size_string(params.input_width, params.input_height) +
                      " is negative");
  }
  if (spec.fixed_input && (w != spec.input_width || h != spec.input_height)) {
    return make_error(spec.name + ": this model only runs at " + size_string(spec.input_width, spec.input_height) +
                      " (its graph has a fixed input size); " + size_string(w, h) + " was requested");
  }
  if (!spec.fixed_input) {
    const int m = spec.input_multiple;
    if (w < m || h < m || w > 4096 || h > 4096 || w % m != 0 || h % m != 0) {
      return make_error(spec.name + ": input size " + size_string(w, h) + " must be multiples of " +
                        std::to_string(m) + " between " + std::to_string(m) + " and 4096 (default " +
                        size_string(spec.input_width, spec.input_height) + ")");
    }
  }
  return cv::Size(w, h);
}

Result<std::unique_ptr<Detector>> create_dnn_detector(const ModelSpec& spec, const ModelPaths& paths,
                                                      const DetectParams& params) {
  auto input = resolve_input_size(spec, params);
  if (!input) return input.error();
  const float threshold = params.threshold < 0.0f ? spec.default_threshold : params.threshold;
  if (threshold > 1.0f) return make_error(spec.name + ": threshold " + std::to_string(threshold) + " is above 1");
  if (params.nms_threshold < 0.0f || params.nms_threshold > 1.0f) {
    return make_error(spec.name + ": NMS threshold must be 0..1, got " + std::to_string(params.nms_threshold));
  }
  // Only an explicit count is applied: OpenCV's thread count is process-wide, and a detector built with 0 (all cores,
  // OpenCV's default) must not undo what the service's detector pool set (e.g. a push camera's detector in serve).
  if (params.threads > 0) cv::setNumThreads(params.threads);

  const std::string file = paths.model.string() + (paths.config.empty() ? "" : " (cfg " + paths.config.string() + ")");
  try {
    auto net = load_net(spec, paths);
    if (!net) return make_error(spec.name + ": " + net.error().message);
    if (net->empty()) return make_error(spec.name + ": " + file + ": OpenCV could not load the network");
    net->setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net->setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    auto detector = std::make_unique<DnnDetector>(spec, std::move(*net), *input, params, threshold);
    // Warm-up: allocates the network's buffers and checks the output layout against the decoder.
    detector->detect(cv::Mat(*input, CV_8UC3, cv::Scalar(114, 114, 114)));
    return std::unique_ptr<Detector>(std::move(detector));
  } catch (const cv::Exception& e) {
    return make_error(spec.name + ": " + file + ": OpenCV cannot run this model at " +
                      size_string(input->width, input->height) + ": " + e.what());
  } catch (const DecodeError& e) {
    return make_error(spec.name + ": " + file + ": the output does not match the " + to_string(spec.decoder) +
                      " decoder: " + e.what());
  }
}

}  // namespace footfall::dnn

// Output decoders for the OpenCV DNN backend: pure functions from a network's output tensors to candidate
// persons in NETWORK-INPUT pixels (before the inverse resize, NMS and size filters). One file per head layout.
// Each decoder checks the tensor shapes it is given and throws DecodeError when they do not match its layout;
// the detector runs one warm-up inference at load time, so a manifest/model mismatch is reported then.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::dnn {

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DecodeParams {
  int input_width = 0;    // network input in pixels
  int input_height = 0;
  int num_classes = 1;    // class scores per candidate in the output
  int class_id = 0;       // the one class decoded (person); detections carry this id
  float score_threshold = 0.5f;  // candidates scoring below are dropped
  std::vector<int> strides;      // yolox, gfl: feature map strides in output order
  int reg_max = 7;               // gfl: DFL bins per side minus one
};

using DecodeFn = Detections (*)(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// OpenCV's Darknet region output, one 2-D tensor per [yolo] layer: rows [cx, cy, w, h, objectness, class scores]
// with coordinates normalised to 0..1 and class scores already multiplied by objectness. score = class score.
Detections decode_darknet(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// YOLOv5 export: one [1, N, 5 + C] tensor, rows cx, cy, w, h in input pixels, objectness, class scores (both
// after sigmoid). score = objectness * class score.
Detections decode_yolov5(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// YOLOv8 export: one [1, 4 + C, N] tensor (channels first), cx, cy, w, h in input pixels, class scores after
// sigmoid, no objectness. score = class score.
Detections decode_yolov8(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// YOLOX raw head: one [1, N, 5 + C] tensor, N = sum over strides of (H/s)*(W/s) cells in row-major order per
// stride; rows dx, dy, log w, log h (grid units), objectness and class scores (after sigmoid).
// cx = (dx + gx) * s, w = exp(log w) * s; score = objectness * class score.
Detections decode_yolox(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// FastestDet: one [1, 5 + C, H, W] map; channel 0 objectness (sigmoid), 1-2 x/y offsets (tanh), 3-4 w/h
// normalised to the input (sigmoid), then class probabilities (softmax). cx = (gx + tanh(x)) / W * input width;
// score = objectness * class probability.
Detections decode_fastestdet(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

// GFL / DFL heads (PicoDet, NanoDet): per stride a class tensor [1, n, C] (after sigmoid) and a distance tensor
// [1, n, 4 * (reg_max + 1)], n = ceil(H/s) * ceil(W/s). Tensors are matched by shape, never by order (OpenCV's
// output order differs between bindings). Distances: softmax over the bins, expectation, times s, for left, top,
// right, bottom from the cell centre (gx * s + (s - 1) / 2, gy * s + (s - 1) / 2). score = class score.
Detections decode_gfl(const std::vector<cv::Mat>& outputs, const DecodeParams& params);

DecodeFn decoder_function(Decoder decoder);

// Helpers shared by the decoders.
std::string shape_string(const cv::Mat& m);
// Views a [1, R, C] or [R, C] float tensor as R rows of C values; throws DecodeError (naming `what`) otherwise.
cv::Mat as_rows(const cv::Mat& tensor, const char* what);
inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

}  // namespace footfall::dnn

#include "decode.h"

namespace footfall::dnn {

std::string shape_string(const cv::Mat& m) {
  std::string s = "[";
  for (int d = 0; d < m.dims; ++d) s += (d ? ", " : "") + std::to_string(m.size[d]);
  return s + "]";
}

cv::Mat as_rows(const cv::Mat& tensor, const char* what) {
  if (tensor.type() != CV_32F || !tensor.isContinuous()) {
    throw DecodeError(std::string(what) + ": expected a continuous float tensor");
  }
  if (tensor.dims == 2) return tensor;
  if (tensor.dims == 3 && tensor.size[0] == 1) {
    return cv::Mat(tensor.size[1], tensor.size[2], CV_32F, const_cast<void*>(static_cast<const void*>(tensor.data)));
  }
  throw DecodeError(std::string(what) + ": expected a [1, rows, columns] tensor, got " + shape_string(tensor));
}

DecodeFn decoder_function(Decoder decoder) {
  switch (decoder) {
    case Decoder::darknet_yolo: return &decode_darknet;
    case Decoder::yolov5: return &decode_yolov5;
    case Decoder::yolov8: return &decode_yolov8;
    case Decoder::yolox: return &decode_yolox;
    case Decoder::fastestdet: return &decode_fastestdet;
    case Decoder::gfl: return &decode_gfl;
  }
  return nullptr;
}

}  // namespace footfall::dnn

// Decoders on crafted tensors: every layout, including YOLOv5 and YOLOv8 for which no model ships.
#include "opencv_dnn/decode.h"

#include <gtest/gtest.h>

#include <cmath>

namespace footfall::dnn {
namespace {

cv::Mat tensor(std::initializer_list<int> shape) {
  std::vector<int> dims(shape);
  return cv::Mat(static_cast<int>(dims.size()), dims.data(), CV_32F, cv::Scalar(0));
}

void expect_box(const Detection& d, float x, float y, float w, float h, float conf) {
  EXPECT_NEAR(d.box.x, x, 1e-3f);
  EXPECT_NEAR(d.box.y, y, 1e-3f);
  EXPECT_NEAR(d.box.width, w, 1e-3f);
  EXPECT_NEAR(d.box.height, h, 1e-3f);
  EXPECT_NEAR(d.confidence, conf, 1e-4f);
}

DecodeParams params(int w, int h, int classes, float threshold) {
  DecodeParams p;
  p.input_width = w;
  p.input_height = h;
  p.num_classes = classes;
  p.class_id = 0;
  p.score_threshold = threshold;
  return p;
}

float logit(float p) { return std::log(p / (1.0f - p)); }

TEST(DecodeDarknet, NormalisedRowsFromEveryOutput) {
  cv::Mat a(3, 7, CV_32F, cv::Scalar(0));  // 2 classes
  const float person[] = {0.5f, 0.25f, 0.2f, 0.4f, 0.9f, 0.8f, 0.1f};
  std::copy(std::begin(person), std::end(person), a.ptr<float>(0));
  const float weak[] = {0.5f, 0.5f, 0.1f, 0.1f, 0.9f, 0.1f, 0.0f};
  std::copy(std::begin(weak), std::end(weak), a.ptr<float>(1));
  const float other_class[] = {0.5f, 0.5f, 0.1f, 0.1f, 0.9f, 0.0f, 0.9f};
  std::copy(std::begin(other_class), std::end(other_class), a.ptr<float>(2));
  cv::Mat b(1, 7, CV_32F, cv::Scalar(0));
  const float second[] = {0.1f, 0.1f, 0.05f, 0.1f, 0.7f, 0.6f, 0.0f};
  std::copy(std::begin(second), std::end(second), b.ptr<float>(0));

  Detections d = decode_darknet({a, b}, params(320, 160, 2, 0.5f));
  ASSERT_EQ(d.size(), 2u);
  expect_box(d[0], 160 - 32, 40 - 32, 64, 64, 0.8f);
  expect_box(d[1], 32 - 8, 16 - 8, 16, 16, 0.6f);
  EXPECT_EQ(d[0].class_id, 0);
}

TEST(DecodeDarknet, RejectsWrongRowWidth) {
  cv::Mat a(2, 6, CV_32F, cv::Scalar(0));
  EXPECT_THROW(decode_darknet({a}, params(320, 320, 2, 0.5f)), DecodeError);
}

TEST(DecodeYolov5, ObjectnessTimesPersonScoreInInputPixels) {
  cv::Mat t = tensor({1, 3, 7});
  const float rows[3][7] = {
      {100, 50, 20, 40, 0.9f, 0.8f, 0.3f},  // person 0.72
      {10, 10, 4, 4, 0.4f, 1.0f, 0.0f},     // objectness below the threshold
      {60, 60, 8, 8, 0.9f, 0.2f, 0.9f},     // a confident non-person
  };
  std::copy(&rows[0][0], &rows[0][0] + 21, t.ptr<float>());
  Detections d = decode_yolov5({t}, params(640, 640, 2, 0.5f));
  ASSERT_EQ(d.size(), 1u);
  expect_box(d[0], 90, 30, 20, 40, 0.72f);
}

TEST(DecodeYolov5, SelectsTheConfiguredClass) {
  cv::Mat t = tensor({1, 1, 7});
  const float row[7] = {60, 60, 8, 8, 0.9f, 0.2f, 0.9f};
  std::copy(row, row + 7, t.ptr<float>());
  DecodeParams p = params(640, 640, 2, 0.5f);
  p.class_id = 1;
  Detections d = decode_yolov5({t}, p);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].class_id, 1);
  EXPECT_NEAR(d[0].confidence, 0.81f, 1e-4f);
}

TEST(DecodeYolov5, RejectsLayoutMismatch) {
  EXPECT_THROW(decode_yolov5({tensor({1, 3, 6})}, params(640, 640, 2, 0.5f)), DecodeError);
  EXPECT_THROW(decode_yolov5({tensor({1, 3, 7}), tensor({1, 3, 7})}, params(640, 640, 2, 0.5f)), DecodeError);
}

TEST(DecodeYolov8, ChannelsFirstWithoutObjectness) {
  cv::Mat t = tensor({1, 6, 3});  // 4 box rows + 2 classes, 3 candidates
  float* p = t.ptr<float>();
  auto set = [&](int channel, int i, float v) { p[channel * 3 + i] = v; };
  // Candidate 1: person 0.7 at (200, 100) size 50x120.
  set(0, 1, 200); set(1, 1, 100); set(2, 1, 50); set(3, 1, 120); set(4, 1, 0.7f); set(5, 1, 0.1f);
  // Candidate 0: weak person; candidate 2: a confident non-person.
  set(4, 0, 0.2f); set(5, 2, 0.95f);
  Detections d = decode_yolov8({t}, params(640, 640, 2, 0.25f));
  ASSERT_EQ(d.size(), 1u);
  expect_box(d[0], 175, 40, 50, 120, 0.7f);
}

TEST(DecodeYolov8, RejectsYolov5Layout) {
  EXPECT_THROW(decode_yolov8({tensor({1, 8400, 6})}, params(640, 640, 2, 0.25f)), DecodeError);
}

TEST(DecodeYolox, GridDecodeAcrossStrides) {
  // Input 64x32, strides 8, 16, 32: grids 8x4, 4x2, 2x1 -> 32 + 8 + 2 = 42 rows.
  DecodeParams p = params(64, 32, 2, 0.5f);
  p.strides = {8, 16, 32};
  cv::Mat t = tensor({1, 42, 7});
  float* row = t.ptr<float>() + 37 * 7;  // stride 16, cell gx = 1, gy = 1 (32 + 1 * 4 + 1)
  row[0] = 0.5f; row[1] = 0.25f; row[2] = std::log(2.0f); row[3] = std::log(3.0f); row[4] = 0.8f; row[5] = 0.9f;
  float* first = t.ptr<float>();  // stride 8 cell 0: objectness high, person low
  first[4] = 0.9f; first[5] = 0.3f;
  Detections d = decode_yolox({t}, p);
  ASSERT_EQ(d.size(), 1u);
  // cx = (0.5 + 1) * 16 = 24, cy = (0.25 + 1) * 16 = 20, w = 2 * 16, h = 3 * 16.
  expect_box(d[0], 8, -4, 32, 48, 0.72f);
}

TEST(DecodeYolox, RejectsRowCountForAnotherInputSize) {
  DecodeParams p = params(64, 64, 2, 0.5f);
  p.strides = {8, 16, 32};
  EXPECT_THROW(decode_yolox({tensor({1, 42, 7})}, p), DecodeError);
}

TEST(DecodeFastestdet, OneGridMap) {
  cv::Mat t = tensor({1, 7, 4, 4});
  float* p = t.ptr<float>();
  const int plane = 16;
  const int cell = 1 * 4 + 2;  // gy = 1, gx = 2
  p[0 * plane + cell] = 0.9f;                // objectness
  p[1 * plane + cell] = std::atanh(0.5f);    // x offset 0.5
  p[2 * plane + cell] = 0.0f;                // y offset 0
  p[3 * plane + cell] = logit(0.25f);        // width 0.25 of the input
  p[4 * plane + cell] = logit(0.5f);         // height 0.5
  p[5 * plane + cell] = 0.8f;                // person probability
  p[6 * plane + cell] = 0.2f;
  p[0 * plane + 0] = 0.9f;                   // cell 0: objectness, but the class is not person
  p[6 * plane + 0] = 1.0f;
  Detections d = decode_fastestdet({t}, params(352, 352, 2, 0.5f));
  ASSERT_EQ(d.size(), 1u);
  // cx = (2 + 0.5) / 4 * 352 = 220, cy = (1 + 0) / 4 * 352 = 88, w = 88, h = 176.
  expect_box(d[0], 176, 0, 88, 176, 0.72f);
}

TEST(DecodeFastestdet, RejectsThreeDimensionalOutput) {
  EXPECT_THROW(decode_fastestdet({tensor({1, 16, 7})}, params(352, 352, 2, 0.5f)), DecodeError);
}

// GFL with 2 classes, 4 bins (reg_max 3), strides 8 and 16 on a 64x64 input: n = 64 and 16.
struct GflTensors {
  cv::Mat cls8 = tensor({1, 64, 2});
  cv::Mat reg8 = tensor({1, 64, 16});
  cv::Mat cls16 = tensor({1, 16, 2});
  cv::Mat reg16 = tensor({1, 16, 16});
};

DecodeParams gfl_params() {
  DecodeParams p = params(64, 64, 2, 0.5f);
  p.strides = {8, 16};
  p.reg_max = 3;
  return p;
}

void one_hot_bins(float* reg, std::initializer_list<int> bins) {
  int side = 0;
  for (int b : bins) reg[side++ * 4 + b] = 50.0f;  // softmax of a 50-logit spike is one-hot to float precision
}

TEST(DecodeGfl, MatchesTensorsByShapeWhateverTheirOrder) {
  GflTensors g;
  g.cls16.ptr<float>()[5 * 2 + 0] = 0.7f;  // stride 16, cell gx = 1, gy = 1
  one_hot_bins(g.reg16.ptr<float>() + 5 * 16, {1, 2, 3, 0});  // left 1, top 2, right 3, bottom 0 bins
  g.cls8.ptr<float>()[0 * 2 + 1] = 0.9f;   // a non-person at stride 8
  const DecodeParams p = gfl_params();
  for (const std::vector<cv::Mat>& outputs : {std::vector<cv::Mat>{g.cls8, g.cls16, g.reg8, g.reg16},
                                              std::vector<cv::Mat>{g.reg16, g.cls8, g.reg8, g.cls16}}) {
    Detections d = decode_gfl(outputs, p);
    ASSERT_EQ(d.size(), 1u);
    // centre = 1 * 16 + 7.5 = 23.5 on both axes; distances 16, 32, 48, 0.
    expect_box(d[0], 7.5f, -8.5f, 64, 32, 0.7f);
  }
}

TEST(DecodeGfl, DistanceIsTheExpectationOverBins) {
  GflTensors g;
  g.cls8.ptr<float>()[0] = 0.6f;  // stride 8, cell 0; all-zero logits: uniform bins, expectation 1.5
  Detections d = decode_gfl({g.cls8, g.reg8, g.cls16, g.reg16}, gfl_params());
  ASSERT_EQ(d.size(), 1u);
  // centre 3.5; each distance 1.5 * 8 = 12.
  expect_box(d[0], 3.5f - 12, 3.5f - 12, 24, 24, 0.6f);
}

TEST(DecodeGfl, StrideWhoseGridIsNotWholeRoundsUp) {
  // 416 / 64 = 6.5 -> a 7x7 grid of 49 cells (PicoDet-416's last stride).
  DecodeParams p = params(416, 416, 2, 0.5f);
  p.strides = {64};
  p.reg_max = 3;
  cv::Mat cls = tensor({1, 49, 2});
  cv::Mat reg = tensor({1, 49, 16});
  cls.ptr<float>()[48 * 2] = 0.9f;  // last cell: gx = 6, gy = 6
  Detections d = decode_gfl({reg, cls}, p);
  ASSERT_EQ(d.size(), 1u);
  const float centre = 6 * 64 + 31.5f;
  expect_box(d[0], centre - 96, centre - 96, 192, 192, 0.9f);
}

TEST(DecodeGfl, MissingStrideOrAmbiguousShapesAreErrors) {
  GflTensors g;
  EXPECT_THROW(decode_gfl({g.cls8, g.reg8, g.cls16}, gfl_params()), DecodeError);
  DecodeParams ambiguous = gfl_params();
  ambiguous.num_classes = 16;  // same width as 4 x 4 bins
  EXPECT_THROW(decode_gfl({g.cls8, g.reg8, g.cls16, g.reg16}, ambiguous), DecodeError);
}

TEST(DecoderFunction, EveryDecoderIsRegistered) {
  for (Decoder d : {Decoder::darknet_yolo, Decoder::yolov5, Decoder::yolov8, Decoder::yolox, Decoder::fastestdet,
                    Decoder::gfl}) {
    EXPECT_NE(decoder_function(d), nullptr) << to_string(d);
  }
  EXPECT_EQ(decoder_function(Decoder::yolov8), &decode_yolov8);
}

}  // namespace
}  // namespace footfall::dnn

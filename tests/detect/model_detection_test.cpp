// Every shared model and HOG on real images: darknet's person.jpg and a frame of OpenCV's vtest.avi.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "detect_test_util.h"
#include "footfall/detect/detector.h"
#include "hog/hog_detector.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;

LocateOptions shared_only() {
  LocateOptions o;
  o.search_dirs = std::vector<fs::path>{test::models_dir()};
  o.allow_download = false;
  return o;
}

std::unique_ptr<Detector> make(const std::string& name, DetectParams params = {}) {
  ModelParams model;
  model.name = name;
  std::string warning;
  auto detector = create_detector(model, params, shared_only(), &warning);
  EXPECT_TRUE(detector) << detector.error().message;
  EXPECT_EQ(warning, "");
  return detector ? std::move(detector).value() : nullptr;
}

float best_iou(const Detections& found, const Box& truth) {
  float best = 0.0f;
  for (const Detection& d : found) best = std::max(best, iou(d.box, truth));
  return best;
}

void expect_inside(const Detections& found, const cv::Mat& frame) {
  for (const Detection& d : found) {
    EXPECT_GE(d.box.x, 0.0f);
    EXPECT_GE(d.box.y, 0.0f);
    EXPECT_LE(d.box.right(), static_cast<float>(frame.cols));
    EXPECT_LE(d.box.bottom(), static_cast<float>(frame.rows));
    EXPECT_GT(d.box.area(), 0.0f);
    EXPECT_EQ(d.class_id, 0);
  }
}

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, LoadsWithItsManifestDefaults) {
  const ModelSpec& spec = *find_model(GetParam());
  auto detector = make(GetParam());
  ASSERT_NE(detector, nullptr);
  EXPECT_EQ(detector->name(),
            spec.name + "@" + std::to_string(spec.input_width) + "x" + std::to_string(spec.input_height));
  EXPECT_FLOAT_EQ(detector->threshold(), spec.default_threshold);
}

TEST_P(EveryModel, FindsTheHikerInPersonJpg) {
  auto detector = make(GetParam());
  ASSERT_NE(detector, nullptr);
  const cv::Mat image = cv::imread(test::person_jpg().string());
  ASSERT_FALSE(image.empty());
  const Detections found = detector->detect(image);
  ASSERT_GE(found.size(), 1u);
  EXPECT_LE(found.size(), 2u);  // one person (the dog and the horse are not persons)
  EXPECT_GE(best_iou(found, test::person_jpg_person()), 0.7f);
  EXPECT_GE(found[0].confidence, detector->threshold());
  expect_inside(found, image);
}

TEST_P(EveryModel, FindsTheWalkersInAVtestFrame) {
  auto detector = make(GetParam());
  ASSERT_NE(detector, nullptr);
  const cv::Mat& frame = test::vtest_frame_100();
  ASSERT_FALSE(frame.empty());
  const Detections found = detector->detect(frame);
  EXPECT_GE(found.size(), 4u);  // seven people are visible, some small or occluded
  EXPECT_LE(found.size(), 10u);
  int matched = 0;
  for (const Box& person : test::vtest_frame_100_people()) matched += best_iou(found, person) >= 0.4f;
  EXPECT_GE(matched, 2);
  expect_inside(found, frame);
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].confidence, found[i].confidence);
}

TEST_P(EveryModel, SameFrameGivesTheSameResultAndEmptyFrameNothing) {
  auto detector = make(GetParam());
  ASSERT_NE(detector, nullptr);
  const Detections a = detector->detect(test::vtest_frame_100());
  (void)detector->detect(cv::imread(test::person_jpg().string()));  // another frame size in between
  const Detections b = detector->detect(test::vtest_frame_100());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_FLOAT_EQ(a[i].box.x, b[i].box.x);
    EXPECT_FLOAT_EQ(a[i].confidence, b[i].confidence);
  }
  EXPECT_TRUE(detector->detect(cv::Mat()).empty());
}

INSTANTIATE_TEST_SUITE_P(SharedModels, EveryModel,
                         ::testing::Values("yolo-fastest-1.1-body", "yolo-fastest-1.1-xl-coco", "fastestdet-coco",
                                           "light-person-detector", "picodet-s-coco-320", "picodet-s-coco-416",
                                           "nanodet-m-coco-320", "nanodet-m-coco-416", "yolox-nano-coco"),
                         [](const ::testing::TestParamInfo<std::string>& test_info) {
                           std::string name = test_info.param;
                           for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(HogDetector, FindsTheHikerAndVtestWalkers) {
  auto detector = make("hog");
  ASSERT_NE(detector, nullptr);
  EXPECT_EQ(detector->name(), "hog");
  EXPECT_FLOAT_EQ(detector->threshold(), hog::kDefaultThreshold);
  const cv::Mat image = cv::imread(test::person_jpg().string());
  const Detections found = detector->detect(image);
  ASSERT_GE(found.size(), 1u);
  EXPECT_GE(best_iou(found, test::person_jpg_person()), 0.5f);
  expect_inside(found, image);
  for (const Detection& d : found) {
    EXPECT_GE(d.confidence, hog::kDefaultThreshold);
    EXPECT_LE(d.confidence, 1.0f);
  }

  const Detections walkers = detector->detect(test::vtest_frame_100());
  ASSERT_GE(walkers.size(), 1u);
  // HOG's 64x128 window is larger than these walkers, so its boxes are loose: check overlap, not fit.
  int overlapping = 0;
  for (const Box& person : test::vtest_frame_100_people()) overlapping += best_iou(walkers, person) >= 0.2f;
  EXPECT_GE(overlapping, 1);
}

TEST(HogDetector, HigherThresholdKeepsFewerAndUpscalingFindsMore) {
  const cv::Mat& frame = test::vtest_frame_100();
  auto base = make("hog");
  DetectParams strict;
  strict.threshold = 0.9f;
  auto high = make("hog", strict);
  ASSERT_NE(base, nullptr);
  ASSERT_NE(high, nullptr);
  const Detections loose = base->detect(frame);
  const Detections tight = high->detect(frame);
  EXPECT_LE(tight.size(), loose.size());
  for (const Detection& d : tight) EXPECT_GE(d.confidence, 0.9f);

  DetectParams upscale;
  upscale.input_width = 1536;
  upscale.input_height = 1152;
  auto big = make("hog", upscale);
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->name(), "hog@1536x1152");
  const Detections more = big->detect(frame);
  EXPECT_GT(more.size(), loose.size());
  expect_inside(more, frame);
}

TEST(Detectors, AcceptGreyAndBgraFrames) {
  auto detector = make("yolo-fastest-1.1-body");
  ASSERT_NE(detector, nullptr);
  const cv::Mat bgr = cv::imread(test::person_jpg().string());
  cv::Mat grey, bgra;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  EXPECT_GE(best_iou(detector->detect(grey), test::person_jpg_person()), 0.6f);
  EXPECT_GE(best_iou(detector->detect(bgra), test::person_jpg_person()), 0.6f);
}

}  // namespace
}  // namespace footfall

// create_detector: parameters, explicit paths, names, and the default model's HOG fallback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "detect_test_util.h"
#include "footfall/detect/detector.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

LocateOptions in_dirs(std::vector<fs::path> dirs, const fs::path& cache) {
  LocateOptions o;
  o.search_dirs = std::move(dirs);
  o.cache_dir = cache;
  o.allow_download = false;
  return o;
}

Result<std::unique_ptr<Detector>> create(const std::string& name, const DetectParams& params,
                                         std::string* warning = nullptr) {
  ModelParams model;
  model.name = name;
  test::TempDir cache;
  return create_detector(model, params, in_dirs({test::models_dir()}, cache.path()), warning);
}

Result<std::unique_ptr<Detector>> create_from_path(const fs::path& path, const std::string& name = "") {
  ModelParams model;
  model.path = path.string();
  model.name = name;
  return create_detector(model, DetectParams{});
}

DetectParams input_size(int w, int h) {
  DetectParams p;
  p.input_width = w;
  p.input_height = h;
  return p;
}

TEST(CreateDetector, FixedInputModelsRefuseOtherSizes) {
  auto d = create("fastestdet-coco", input_size(320, 320));
  ASSERT_FALSE(d);
  EXPECT_THAT(d.error().message, HasSubstr("fastestdet-coco: this model only runs at 352x352"));
  EXPECT_THAT(d.error().message, HasSubstr("320x320 was requested"));
  EXPECT_FALSE(create("picodet-s-coco-320", input_size(416, 416)));
  EXPECT_TRUE(create("fastestdet-coco", input_size(352, 352)));
}

TEST(CreateDetector, FreeSizeModelsTakeMultiplesOf32) {
  auto d = create("light-person-detector", input_size(192, 192));
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)->name(), "light-person-detector@192x192");
  auto yolox = create("yolox-nano-coco", input_size(640, 480));
  ASSERT_TRUE(yolox) << yolox.error().message;
  EXPECT_GE((*yolox)->detect(cv::imread(test::person_jpg().string())).size(), 1u);
  auto darknet = create("yolo-fastest-1.1-body", input_size(416, 416));
  ASSERT_TRUE(darknet) << darknet.error().message;
  EXPECT_EQ((*darknet)->name(), "yolo-fastest-1.1-body@416x416");

  auto bad = create("light-person-detector", input_size(100, 100));
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().message, HasSubstr("must be multiples of 32"));
}

TEST(CreateDetector, ThresholdAndMinimumSize) {
  DetectParams strict;
  strict.threshold = 0.95f;
  auto d = create("yolox-nano-coco", strict);
  ASSERT_TRUE(d);
  EXPECT_FLOAT_EQ((*d)->threshold(), 0.95f);
  for (const Detection& x : (*d)->detect(test::vtest_frame_100())) EXPECT_GE(x.confidence, 0.95f);

  DetectParams tall;
  tall.min_box_height = 80.0f;  // the vtest walkers are 60-90 px tall
  auto t = create("yolox-nano-coco", tall);
  auto all = create("yolox-nano-coco", DetectParams{});
  ASSERT_TRUE(t);
  ASSERT_TRUE(all);
  const Detections kept = (*t)->detect(test::vtest_frame_100());
  EXPECT_LT(kept.size(), (*all)->detect(test::vtest_frame_100()).size());
  for (const Detection& x : kept) EXPECT_GE(x.box.height, 80.0f);

  DetectParams over;
  over.threshold = 1.5f;
  EXPECT_FALSE(create("yolox-nano-coco", over));
}

TEST(CreateDetector, DarknetScoresBelowOpenCvsDefaultFloorSurvive) {
  // OpenCV zeroes Darknet scores below 0.2 unless the cfg sets thresh=; the backend injects a lower one.
  DetectParams low;
  low.threshold = 0.05f;
  auto d = create("yolo-fastest-1.1-body", low);
  ASSERT_TRUE(d) << d.error().message;
  int below_floor = 0;
  for (const Detection& x : (*d)->detect(test::vtest_frame_100())) {
    EXPECT_GE(x.confidence, 0.05f);
    below_floor += x.confidence < 0.2f;
  }
  EXPECT_GT(below_floor, 0);
}

TEST(CreateDetector, ExplicitOnnxPathUsesTheManifestSpecOfItsFileName) {
  auto d = create_from_path(test::models_dir() / "nanodet-m-coco" / "nanodet_m_416.onnx");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)->name(), "nanodet-m-coco-416@416x416");
}

TEST(CreateDetector, UnknownOnnxFileNeedsAModelName) {
  test::TempDir dir;
  const fs::path mystery = dir / "mystery.onnx";
  test::copy_file(test::models_dir() / "nanodet-m-coco" / "nanodet_m_320.onnx", mystery);
  auto d = create_from_path(mystery);
  ASSERT_FALSE(d);
  EXPECT_THAT(d.error().message, HasSubstr(mystery.string()));
  EXPECT_THAT(d.error().message, HasSubstr("--model NAME"));

  auto named = create_from_path(mystery, "nanodet-m-coco-320");
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_GE(named->get()->detect(cv::imread(test::person_jpg().string())).size(), 1u);
}

TEST(CreateDetector, ExplicitDarknetWeightsFindTheirCfg) {
  auto d = create_from_path(test::models_dir() / "yolo-fastest-1.1-xl-coco" / "yolo-fastest-1.1-xl.weights");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)->name(), "yolo-fastest-1.1-xl-coco@320x320");

  // A Darknet model under a name the manifest does not know: loaded with the cfg's size and classes.
  test::TempDir dir;
  test::copy_file(test::models_dir() / "yolo-fastest-1.1-body" / "yolo-fastest-1.1_body.weights", dir / "mine.weights");
  test::copy_file(test::models_dir() / "yolo-fastest-1.1-body" / "yolo-fastest-1.1_body.cfg", dir / "mine.cfg");
  auto custom = create_from_path(dir / "mine.weights");
  ASSERT_TRUE(custom) << custom.error().message;
  EXPECT_EQ((*custom)->name(), "mine@320x320");
  const Detections found = (*custom)->detect(cv::imread(test::person_jpg().string()));
  ASSERT_GE(found.size(), 1u);
  EXPECT_GE(iou(found[0].box, test::person_jpg_person()), 0.7f);

  fs::remove(dir / "mine.cfg");
  auto no_cfg = create_from_path(dir / "mine.weights");
  ASSERT_FALSE(no_cfg);
  EXPECT_THAT(no_cfg.error().message, HasSubstr("mine.cfg"));
}

TEST(CreateDetector, BadPathsAndNames) {
  auto missing = create_from_path("/nonexistent/model.onnx");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("/nonexistent/model.onnx: model file not found"));

  test::TempDir dir;
  std::ofstream(dir / "model.tflite") << "x";
  EXPECT_THAT(create_from_path(dir / "model.tflite").error().message, HasSubstr("unsupported model file type"));

  auto unknown = create("yolo-enormous", DetectParams{});
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().message, HasSubstr("yolo-enormous: unknown model"));
  EXPECT_THAT(unknown.error().message, HasSubstr("nanodet-m-coco-320"));

  ModelParams hog_with_file;
  hog_with_file.name = "hog";
  hog_with_file.path = (test::models_dir() / "fastestdet-coco" / "FastestDet.onnx").string();
  EXPECT_FALSE(create_detector(hog_with_file, DetectParams{}));
}

TEST(CreateDetector, DefaultModelFallsBackToHogWhenItsFilesAreMissing) {
  test::TempDir empty, cache;
  std::string warning;
  auto d = create_detector(ModelParams{}, input_size(416, 416), in_dirs({empty.path()}, cache.path()), &warning);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)->name(), "hog");  // the network input size does not carry over to HOG
  EXPECT_THAT(warning, HasSubstr("HOG"));
  EXPECT_THAT(warning, HasSubstr(default_model_name()));
  EXPECT_THAT(warning, HasSubstr("not found"));
}

TEST(CreateDetector, DefaultModelIsUsedWhenFound) {
  test::TempDir cache;
  std::string warning;
  auto d = create_detector(ModelParams{}, DetectParams{}, in_dirs({test::models_dir()}, cache.path()), &warning);
  ASSERT_TRUE(d) << d.error().message;
  const ModelSpec* spec = find_model(default_model_name());
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ((*d)->name(), default_model_name() + "@" + std::to_string(spec->input_width) + "x" +
                              std::to_string(spec->input_height));
  EXPECT_EQ(warning, "");
}

TEST(CreateDetector, NamedModelThatIsMissingIsAnErrorNotAFallback) {
  test::TempDir empty, cache;
  ModelParams model;
  model.name = "nanodet-m-coco-320";
  std::string warning;
  auto d = create_detector(model, DetectParams{}, in_dirs({empty.path()}, cache.path()), &warning);
  ASSERT_FALSE(d);
  EXPECT_THAT(d.error().message, HasSubstr("nanodet_m_320.onnx: not found"));
  EXPECT_EQ(warning, "");
}

TEST(CreateDetector, DefaultModelWithACorruptFileIsAnErrorNotAFallback) {
  test::TempDir models, cache;
  const ModelSpec& spec = *find_model(default_model_name());
  for (const ModelFile& f : spec.files) {
    test::copy_file(test::models_dir() / spec.folder / f.name, models / spec.folder / f.name);
  }
  const fs::path weights = models / spec.folder / spec.file_with_role("weights")->name;
  test::corrupt_byte(weights, 1000);
  std::string warning;
  auto d = create_detector(ModelParams{}, DetectParams{}, in_dirs({models.path()}, cache.path()), &warning);
  ASSERT_FALSE(d);
  EXPECT_THAT(d.error().message, HasSubstr(weights.string()));
  EXPECT_THAT(d.error().message, HasSubstr("checksum mismatch"));
  EXPECT_EQ(warning, "");
}

TEST(CreateDetector, ModelParamsCacheDirAndNoDownloadOverrideTheLocateOptions) {
  test::TempDir empty, cache;
  const ModelSpec& spec = *find_model("fastestdet-coco");
  test::copy_file(test::models_dir() / spec.folder / "FastestDet.onnx", cache / spec.folder / "FastestDet.onnx");
  ModelParams model;
  model.name = spec.name;
  model.cache_dir = cache.path().string();
  LocateOptions o;
  o.search_dirs = std::vector<fs::path>{empty.path()};
  o.cache_dir = empty / "other-cache";
  auto d = create_detector(model, DetectParams{}, o, nullptr);
  ASSERT_TRUE(d) << d.error().message;

  model.name = "yolox-nano-coco";
  model.allow_download = false;
  o.allow_download = true;  // would try GitHub; ModelParams forbids it
  auto none = create_detector(model, DetectParams{}, o, nullptr);
  ASSERT_FALSE(none);
  EXPECT_THAT(none.error().message, HasSubstr("downloading is disabled"));
}

}  // namespace
}  // namespace footfall

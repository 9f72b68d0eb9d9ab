#include "footfall/detect/model_manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "footfall/detect/model_locator.h"
#include "test_paths.h"

namespace footfall {
namespace {

using ::testing::HasSubstr;

// name -> sha256 from /work/shared/models/SHA256SUMS ("<hex>  <folder>/<file>").
std::map<std::string, std::string> shared_sums() {
  std::map<std::string, std::string> sums;
  std::ifstream in(test::models_dir() / "SHA256SUMS");
  std::string hex, path;
  while (in >> hex >> path) sums[path] = hex;
  return sums;
}

TEST(BuiltinManifest, ListsEverySharedModel) {
  std::set<std::string> names;
  for (const ModelSpec& m : builtin_models()) names.insert(m.name);
  const std::set<std::string> expected = {
      "yolo-fastest-1.1-body", "yolo-fastest-1.1-xl-coco", "fastestdet-coco",  "light-person-detector",
      "picodet-s-coco-320",    "picodet-s-coco-416",       "nanodet-m-coco-320", "nanodet-m-coco-416",
      "yolox-nano-coco"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(default_model_name(), "yolo-fastest-1.1-body");
  ASSERT_NE(find_model(default_model_name()), nullptr);
  EXPECT_EQ(find_model("no-such-model"), nullptr);
  EXPECT_EQ(find_model("picodet-s-coco-416")->folder, "picodet-s-coco");
}

TEST(BuiltinManifest, ChecksumsMatchSha256SumsAndTheFilesThemselves) {
  const auto sums = shared_sums();
  ASSERT_EQ(sums.size(), 11u);
  std::size_t files = 0;
  for (const ModelSpec& m : builtin_models()) {
    for (const ModelFile& f : m.files) {
      const std::string rel = m.folder + "/" + f.name;
      ASSERT_TRUE(sums.count(rel)) << rel << " is not in SHA256SUMS";
      EXPECT_EQ(f.sha256, sums.at(rel)) << rel;
      auto actual = sha256_file(test::models_dir() / rel);
      ASSERT_TRUE(actual) << actual.error().message;
      EXPECT_EQ(*actual, f.sha256) << rel;
      ++files;
    }
  }
  EXPECT_EQ(files, sums.size());  // every shared model file is in the manifest
}

TEST(BuiltinManifest, UrlsArePinnedRawGithubCopiesExceptTheLocalPicodetRewrites) {
  const std::regex pinned(R"(https://raw\.githubusercontent\.com/[\w.-]+/[\w.-]+/[0-9a-f]{40}/.+)");
  for (const ModelSpec& m : builtin_models()) {
    for (const ModelFile& f : m.files) {
      if (f.name.find(".cv46.onnx") != std::string::npos) {
        EXPECT_TRUE(f.url.empty()) << f.name;
      } else {
        EXPECT_TRUE(std::regex_match(f.url, pinned)) << f.name << ": " << f.url;
      }
    }
  }
}

TEST(BuiltinManifest, SpecsAreConsistent) {
  for (const ModelSpec& m : builtin_models()) {
    SCOPED_TRACE(m.name);
    EXPECT_EQ(m.classes.at(static_cast<std::size_t>(m.person_class)), "person");
    EXPECT_TRUE(m.classes.size() == 1 || m.classes.size() == 80);
    EXPECT_GT(m.default_threshold, 0.0f);
    EXPECT_LT(m.default_threshold, 1.0f);
    if (m.format == "darknet") {
      EXPECT_NE(m.file_with_role("config"), nullptr);
      EXPECT_NE(m.file_with_role("weights"), nullptr);
    } else {
      EXPECT_NE(m.file_with_role("onnx"), nullptr);
    }
  }
  EXPECT_TRUE(find_model("fastestdet-coco")->fixed_input);
  EXPECT_EQ(find_model("fastestdet-coco")->input_width, 352);
  EXPECT_EQ(find_model("picodet-s-coco-320")->strides, (std::vector<int>{8, 16, 32, 64}));
  EXPECT_EQ(find_model("nanodet-m-coco-416")->resize, Resize::letterbox_centre);
  EXPECT_EQ(find_model("yolox-nano-coco")->resize, Resize::letterbox_top_left);
}

const std::string kValid = R"(
default: m
models:
  m:
    folder: f
    format: onnx
    license: Apache-2.0
    source: somewhere
    input: {width: 320, height: 256}
    decoder: yolox
    classes: [person]
    preprocessing: {swap_rb: false, scale: 1.0, mean: [1, 2, 3], resize: letterbox_centre, pad: 0}
    strides: [8, 16, 32]
    default_threshold: 0.3
    files:
      - {name: a.onnx, role: onnx, sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, url: ""}
)";

std::string replaced(const std::string& from, const std::string& to) {
  std::string s = kValid;
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

std::string error_of(const std::string& yaml) {
  auto parsed = parse_manifest_document(yaml, "test.yaml");
  return parsed ? std::string("(parsed)") : parsed.error().message;
}

TEST(ParseManifest, ValidDocument) {
  auto parsed = parse_manifest_document(kValid, "test.yaml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->models.size(), 1u);
  const ModelSpec& m = parsed->models[0];
  EXPECT_EQ(parsed->default_model, "m");
  EXPECT_EQ(m.name, "m");
  EXPECT_EQ(m.folder, "f");
  EXPECT_EQ(m.input_width, 320);
  EXPECT_EQ(m.input_height, 256);
  EXPECT_FALSE(m.fixed_input);
  EXPECT_EQ(m.decoder, Decoder::yolox);
  EXPECT_EQ(m.mean, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(m.std, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(m.resize, Resize::letterbox_centre);
  EXPECT_DOUBLE_EQ(m.pad_value, 0.0);
  EXPECT_FLOAT_EQ(m.default_threshold, 0.3f);
  EXPECT_EQ(m.files.at(0).role, "onnx");
  EXPECT_TRUE(m.files.at(0).url.empty());
  EXPECT_TRUE(parse_manifest(kValid, "test.yaml"));
}

TEST(ParseManifest, ErrorsNameTheKeyPath) {
  EXPECT_THAT(error_of(replaced("pad: 0", "pad: 0, sclae: 2")),
              HasSubstr("test.yaml: models.m.preprocessing.sclae: unknown key"));
  EXPECT_THAT(error_of(replaced("    decoder: yolox\n", "")), HasSubstr("models.m.decoder: required key is missing"));
  EXPECT_THAT(error_of(replaced("decoder: yolox", "decoder: yolo9")), HasSubstr("models.m.decoder: 'yolo9'"));
  EXPECT_THAT(error_of(replaced("mean: [1, 2, 3]", "mean: [1, 2]")),
              HasSubstr("models.m.preprocessing.mean: expected 3 numbers"));
  EXPECT_THAT(error_of(replaced("width: 320", "width: wide")),
              HasSubstr("models.m.input.width: expected an integer, got 'wide'"));
  EXPECT_THAT(error_of(replaced("sha256: 0123", "sha256: X123")), HasSubstr("models.m.files[0].sha256"));
  EXPECT_THAT(error_of(replaced("role: onnx", "role: weights")), HasSubstr("models.m.files[0].role"));
  EXPECT_THAT(error_of(replaced("default: m", "default: other")), HasSubstr("default: 'other' is not one of"));
  EXPECT_THAT(error_of(replaced("classes: [person]", "classes: [car, person]")), HasSubstr("models.m.person_class"));
  EXPECT_THAT(error_of(replaced("    strides: [8, 16, 32]\n", "")), HasSubstr("models.m.strides: required"));
  EXPECT_THAT(error_of(replaced("width: 320", "width: 300")), HasSubstr("models.m.input: width and height"));
  EXPECT_THAT(error_of(replaced("default_threshold: 0.3", "default_threshold: 1.5")),
              HasSubstr("models.m.default_threshold: must be 0..1"));
  EXPECT_THAT(error_of(replaced("format: onnx", "format: tflite")), HasSubstr("models.m.format"));
  EXPECT_THAT(error_of(kValid + "extra: 1\n"), HasSubstr("extra: unknown key"));
  EXPECT_THAT(error_of(replaced("resize: letterbox_centre", "resize: [")), HasSubstr("test.yaml: invalid YAML"));
}

}  // namespace
}  // namespace footfall

#include "opencv_dnn/darknet_cfg.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "test_paths.h"

namespace footfall::dnn {
namespace {

const char* kCfg =
    "[net]\n"
    "width=416\n"
    "height = 256\n"
    "[convolutional]\n"
    "filters=18\n"
    "thresh=0.9\n"
    "[yolo]\n"
    "classes=1\n"
    "ignore_thresh = .5\n"
    "thresh = .5\n"
    "# thresh=0.7 (a comment)\n"
    "[yolo]\n"
    "classes = 1\n"
    "iou_thresh=0.213\n";

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

TEST(DarknetCfg, SetsThreshInEveryYoloSectionOnly) {
  const std::string out = with_yolo_thresh(kCfg, 0.001f);
  EXPECT_EQ(count(out, "[yolo]\nthresh=0.001\n"), 2);
  EXPECT_EQ(out.find("\nthresh = .5"), std::string::npos);         // replaced
  EXPECT_NE(out.find("ignore_thresh = .5"), std::string::npos);    // other keys untouched
  EXPECT_NE(out.find("iou_thresh=0.213"), std::string::npos);
  EXPECT_NE(out.find("[convolutional]\nfilters=18\nthresh=0.9\n"), std::string::npos);  // not a [yolo] section
  EXPECT_NE(out.find("# thresh=0.7 (a comment)"), std::string::npos);
}

TEST(DarknetCfg, ReadsInputSizeAndClasses) {
  const DarknetCfgInfo info = read_darknet_cfg_info(kCfg);
  EXPECT_EQ(info.width, 416);
  EXPECT_EQ(info.height, 256);
  EXPECT_EQ(info.classes, 1);
  EXPECT_EQ(info.yolo_sections, 2);
}

TEST(DarknetCfg, RealCfgGetsTheThreshInBothYoloSections) {
  std::ifstream in(test::models_dir() / "yolo-fastest-1.1-body" / "yolo-fastest-1.1_body.cfg");
  ASSERT_TRUE(in);
  const std::string cfg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string out = with_yolo_thresh(cfg, 0.001f);
  EXPECT_EQ(count(out, "\nthresh=0.001\n"), 2);
  const DarknetCfgInfo info = read_darknet_cfg_info(cfg);
  EXPECT_EQ(info.width, 320);
  EXPECT_EQ(info.classes, 1);
}

}  // namespace
}  // namespace footfall::dnn

#include "footfall/app/appearance_descriptor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "footfall/track/appearance.h"
#include "footfall/track/tracker_params.h"
#include "test_paths.h"

namespace footfall {
namespace {

// A grey street with one person drawn at (x, y), h pixels tall: head, jacket, trousers.
void draw_person(cv::Mat& frame, int x, int y, int h, cv::Scalar jacket, cv::Scalar trousers) {
  const int w = h * 2 / 5;
  cv::rectangle(frame, cv::Rect(x + w / 3, y, w / 3, h / 7), cv::Scalar(150, 170, 200), cv::FILLED);
  cv::rectangle(frame, cv::Rect(x, y + h / 7, w, h * 3 / 7), jacket, cv::FILLED);
  cv::rectangle(frame, cv::Rect(x + w / 8, y + h * 4 / 7, w * 3 / 4, h * 3 / 7), trousers, cv::FILLED);
}

cv::Mat street() { return cv::Mat(480, 640, CV_8UC3, cv::Scalar(110, 110, 110)); }

const cv::Scalar kDarkJacket(40, 35, 30);
const cv::Scalar kJeans(140, 90, 50);  // BGR: blue
const cv::Scalar kBlack(15, 15, 15);
const cv::Scalar kRedCoat(40, 40, 190);

Box box_of(int x, int y, int h) {
  return Box{static_cast<float>(x), static_cast<float>(y), 0.4f * static_cast<float>(h), static_cast<float>(h)};
}

TEST(AppearanceDescriptorTest, IsAUnitLengthSquareRootHistogram) {
  cv::Mat frame = street();
  draw_person(frame, 200, 100, 200, kDarkJacket, kJeans);
  const std::vector<float> d = describe_appearance(frame, box_of(200, 100, 200));
  ASSERT_EQ(d.size(), static_cast<std::size_t>(kAppearanceBins));
  float sum = 0.0f;
  for (float v : d) {
    EXPECT_GE(v, 0.0f);
    sum += v * v;
  }
  EXPECT_NEAR(sum, 1.0f, 1e-4f);
  EXPECT_EQ(describe_appearance(frame, box_of(200, 100, 200)), d);  // deterministic
}

TEST(AppearanceDescriptorTest, SamePersonElsewhereAndSmallerLooksAlikeOthersDoNot) {
  const float gate = TrackerParams{}.appearance_gate;
  cv::Mat frame = street();
  draw_person(frame, 100, 100, 200, kDarkJacket, kJeans);
  draw_person(frame, 400, 150, 120, kDarkJacket, kJeans);   // the same clothes, farther away
  draw_person(frame, 250, 120, 180, kDarkJacket, kBlack);   // same jacket, black trousers
  draw_person(frame, 520, 100, 200, kRedCoat, kJeans);      // red coat, same jeans
  const auto a = describe_appearance(frame, box_of(100, 100, 200));
  const auto a_far = describe_appearance(frame, box_of(400, 150, 120));
  const auto black_trousers = describe_appearance(frame, box_of(250, 120, 180));
  const auto red_coat = describe_appearance(frame, box_of(520, 100, 200));
  // A slightly loose detector box around the same person.
  const auto a_loose = describe_appearance(frame, Box{96, 94, 86, 212});
  EXPECT_LT(appearance_distance(a, a_far), 0.1f);
  EXPECT_LT(appearance_distance(a, a_loose), 0.1f);
  EXPECT_GT(appearance_distance(a, black_trousers), gate);
  EXPECT_GT(appearance_distance(a, red_coat), gate);
}

TEST(AppearanceDescriptorTest, BoxesPartlyOutsideAreClippedTinyBoxesAndOtherImagesGiveNone) {
  cv::Mat frame = street();
  draw_person(frame, 600, 300, 200, kDarkJacket, kJeans);  // legs cut by the bottom edge
  EXPECT_EQ(describe_appearance(frame, box_of(600, 300, 200)).size(), static_cast<std::size_t>(kAppearanceBins));
  EXPECT_TRUE(describe_appearance(frame, Box{10, 10, 6, 12}).empty());       // too small to describe
  EXPECT_TRUE(describe_appearance(frame, Box{700, 10, 40, 100}).empty());    // outside the frame
  EXPECT_TRUE(describe_appearance(frame, Box{100, 470, 40, 100}).empty());   // the legs region is below the frame
  cv::Mat grey;
  cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
  EXPECT_TRUE(describe_appearance(grey, box_of(100, 100, 200)).empty());
  EXPECT_TRUE(describe_appearance(cv::Mat(), box_of(100, 100, 200)).empty());

  Detections detections{{box_of(600, 300, 200), 0.9f, 0}, {Box{10, 10, 6, 12}, 0.8f, 0}};
  describe_appearances(frame, detections);
  EXPECT_EQ(detections[0].appearance.size(), static_cast<std::size_t>(kAppearanceBins));
  EXPECT_TRUE(detections[1].appearance.empty());
}

// Real people: the ground-truth boxes of TUD-Stadtmitte's first 75 frames (3 s), each person alone (IoU < 0.1 with
// every other box). The same person within a second must look alike (below the tracker's default gate); two people
// in the same second must mostly not.
TEST(AppearanceDescriptorTest, TudStadtmittePeopleAreToldApartAtTheDefaultGate) {
  const auto dir = test::datasets_dir() / "tud-stadtmitte";
  std::ifstream gt(dir / "gt.txt");
  ASSERT_TRUE(gt) << dir;
  std::map<int, std::vector<std::pair<int, Box>>> boxes_of_frame;  // frame -> (id, box)
  std::string line;
  while (std::getline(gt, line)) {
    std::istringstream in(line);
    std::string field;
    std::vector<float> v;
    while (std::getline(in, field, ',')) v.push_back(std::stof(field));
    if (v.size() < 6 || v[0] > 75) continue;
    boxes_of_frame[static_cast<int>(v[0])].push_back({static_cast<int>(v[1]), Box{v[2], v[3], v[4], v[5]}});
  }
  cv::VideoCapture video((dir / "TUD-Stadtmitte.mp4").string());
  ASSERT_TRUE(video.isOpened());
  struct Sample {
    int frame;
    int id;
    std::vector<float> d;
  };
  std::vector<Sample> samples;
  cv::Mat frame;
  for (int f = 1; f <= 75 && video.read(frame); ++f) {
    for (const auto& [id, box] : boxes_of_frame[f]) {
      bool alone = true;
      for (const auto& [other, other_box] : boxes_of_frame[f]) {
        alone = alone && (other == id || iou(box, other_box) < 0.1f);
      }
      if (!alone) continue;
      auto d = describe_appearance(frame, box);
      if (!d.empty()) samples.push_back({f, id, std::move(d)});
    }
  }
  std::vector<float> same;
  std::vector<float> different;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (std::size_t j = i + 1; j < samples.size(); ++j) {
      const int apart = std::abs(samples[i].frame - samples[j].frame);
      const float distance = appearance_distance(samples[i].d, samples[j].d);
      if (samples[i].id == samples[j].id && apart <= 25) same.push_back(distance);
      if (samples[i].id != samples[j].id && apart <= 25) different.push_back(distance);
    }
  }
  ASSERT_GT(same.size(), 1000u);
  ASSERT_GT(different.size(), 1000u);
  std::sort(same.begin(), same.end());
  std::sort(different.begin(), different.end());
  const float gate = TrackerParams{}.appearance_gate;
  const auto share_below = [gate](const std::vector<float>& v) {
    const auto below = std::upper_bound(v.begin(), v.end(), gate) - v.begin();
    return static_cast<double>(below) / static_cast<double>(v.size());
  };
  std::printf("[appearance] TUD-Stadtmitte: same person %zu pairs, median %.3f, %.1f%% within the gate %.2f; "
              "two people %zu pairs, median %.3f, %.1f%% within the gate\n",
              same.size(), static_cast<double>(same[same.size() / 2]), 100.0 * share_below(same),
              static_cast<double>(gate), different.size(), static_cast<double>(different[different.size() / 2]),
              100.0 * share_below(different));
  EXPECT_GT(share_below(same), 0.98);
  EXPECT_LT(share_below(different), 0.4);
  EXPECT_GT(different[different.size() / 2], gate);
}

}  // namespace
}  // namespace footfall

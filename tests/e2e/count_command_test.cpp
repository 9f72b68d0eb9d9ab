// `footfall count` end to end: the real binary, the real default model, real media.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

TEST(CountCommand, CsvHasHeaderAndOneRowPerFrameInDecodeOrder) {
  const auto r = run_footfall({"count", vtest_avi().string(), "--format", "csv", "--max-frames", "25"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 26u) << r.out;
  EXPECT_EQ(lines[0], "frame,timestamp,count,tracked");
  int with_people = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    EXPECT_EQ(line.substr(0, line.find(',')), std::to_string(i)) << line;
    const auto fields = split_csv(line);
    ASSERT_EQ(fields.size(), 4u) << line;
    const int count = std::stoi(fields[2]);
    with_people += count > 0 ? 1 : 0;
  }
  EXPECT_GE(with_people, 20) << "vtest.avi shows pedestrians in every frame";
}

TEST(CountCommand, FpsSamplingKeepsFrameIndicesOfTheDecodeOrder) {
  // one-by-one-person-detection.mp4 is 10 fps: --fps 2 analyses every 5th frame.
  const auto r = run_footfall({"count", (media_dir() / "one-by-one-person-detection.mp4").string(), "--format", "csv",
                               "--fps", "2", "--max-frames", "6"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 7u) << r.out;
  EXPECT_EQ(lines[1].substr(0, 2), "1,");
  EXPECT_EQ(lines[2].substr(0, 2), "6,");
  EXPECT_EQ(lines[3].substr(0, 3), "11,");
}

TEST(CountCommand, JsonOnAPhotoFindsThePerson) {
  const auto r = run_footfall({"count", (darknet_data() / "person.jpg").string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["frames"].size(), 1u);
  EXPECT_EQ(doc["frames"][0]["count"].get<int>(), 1) << r.out;
  EXPECT_EQ(doc["frames"][0]["boxes"].size(), 1u);
}

TEST(CountCommand, DogPhotoHasNoPerson) {
  const auto r = run_footfall({"count", (darknet_data() / "dog.jpg").string(), "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(split_csv(lines[1]).at(2), "0") << r.out;
}

TEST(CountCommand, GifDecodesThroughFfmpeg) {
  const auto r = run_footfall({"count", (media_dir() / "people-detection.gif").string(), "--format", "csv",
                               "--max-frames", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(split_lines(r.out).size(), 11u) << r.out;
}

TEST(CountCommand, AnnotateWritesPngsWithBoxes) {
  TempDir dir;
  const auto r = run_footfall({"count", vtest_avi().string(), "--max-frames", "3", "--annotate", dir.path().string(),
                               "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int pngs = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) pngs += e.path().extension() == ".png";
  EXPECT_EQ(pngs, 3);
  EXPECT_TRUE(std::filesystem::exists(dir / "vtest_000001.png"));
}

TEST(CountCommand, MissingFileIsAClearErrorWithNonZeroExit) {
  const auto r = run_footfall({"count", "/nonexistent/clip.mp4"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/clip.mp4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty() || r.out.find("frame") == std::string::npos) << r.out;
}

TEST(CountCommand, TruncatedVideoCountsUpToTheDamageThenWarns) {
  TempDir dir;
  const auto truncated = dir / "truncated.mp4";
  const std::string bytes = read_text(media_dir() / "one-by-one-person-detection.mp4");
  write_file(truncated, bytes.substr(0, bytes.size() / 2));
  const auto r = run_footfall({"count", truncated.string(), "--format", "csv", "--fps", "5"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("truncated.mp4"), std::string::npos) << r.err;
  const auto rows = split_lines(r.out).size() - 1;
  EXPECT_GT(rows, 50u) << "frames before the damage are counted";
  EXPECT_LT(rows, 697u) << "1394 frames at 10 fps sampled at 5 fps would be 697";
}

TEST(CountCommand, BadThresholdIsAUsageError) {
  const auto r = run_footfall({"count", vtest_avi().string(), "--threshold", "1.5"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--threshold"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace footfall::test

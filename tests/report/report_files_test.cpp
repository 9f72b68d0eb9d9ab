#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "footfall/report/report_render.h"
#include "png_test_util.h"
#include "report_test_data.h"
#include "test_paths.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

TEST(ReportFiles, WritesTheHtmlPageAndFourChartsIntoANewDirectory) {
  test::TempDir tmp;
  const fs::path out = tmp / "reports/demo";  // parents are created too
  const ReportData data = test::sample_report(true);
  const Status s = write_report_files(data, out);
  ASSERT_TRUE(s.ok()) << s.error().message;

  // Exactly the five files: no temporary file is left behind.
  EXPECT_EQ(names_in(out), (std::set<std::string>{"report.html", "visitors_per_hour.png", "weekday_hour.png",
                                                  "occupancy_day.png", "staffing.png"}));
  for (const char* png : {"visitors_per_hour.png", "weekday_hour.png", "occupancy_day.png", "staffing.png"}) {
    const std::string bytes = read_all(out / png);
    const PngBytes as_png(bytes.begin(), bytes.end());
    const test::PngHeader header = test::png_header(as_png);
    EXPECT_EQ(header.width, 1000u) << png;
    EXPECT_EQ(header.height, 500u) << png;
  }
  // The written charts are the ones the page embeds.
  const std::string html = read_all(out / "report.html");
  EXPECT_EQ(html, render_html(data, render_charts(data)));
  EXPECT_NE(html.find("SIMULATED DATA"), std::string::npos);
  EXPECT_EQ((fs::status(out / "report.html").permissions() & fs::perms::others_read), fs::perms::others_read);
}

TEST(ReportFiles, ReplacesAnEarlierReport) {
  test::TempDir tmp;
  ASSERT_TRUE(write_report_files(test::sample_report(false, "First"), tmp.path()).ok());
  ASSERT_TRUE(write_report_files(test::sample_report(false, "Second"), tmp.path()).ok());
  const std::string html = read_all(tmp / "report.html");
  EXPECT_NE(html.find("Store report: Second"), std::string::npos);
  EXPECT_EQ(html.find("First"), std::string::npos);
  EXPECT_EQ(names_in(tmp.path()).size(), 5u);
}

TEST(ReportFiles, RefusesAnOutputDirectoryThatIsAFileAndNamesIt) {
  test::TempDir tmp;
  const fs::path file = tmp / "not-a-dir";
  std::ofstream(file) << "x";
  const Status s = write_report_files(test::sample_report(), file);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find(file.string()), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("not a directory"), std::string::npos) << s.error().message;
  EXPECT_EQ(read_all(file), "x");
}

TEST(ReportFiles, AtomicWriteNamesAMissingDirectory) {
  test::TempDir tmp;
  const fs::path path = tmp / "missing/report.csv";
  const Status s = write_file_atomically(path, "a,b\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find(path.string()), std::string::npos) << s.error().message;
  EXPECT_FALSE(fs::exists(tmp / "missing"));

  ASSERT_TRUE(write_file_atomically(tmp / "report.csv", "a,b\n").ok());
  EXPECT_EQ(read_all(tmp / "report.csv"), "a,b\n");
  EXPECT_EQ(names_in(tmp.path()), std::set<std::string>{"report.csv"});
}

}  // namespace
}  // namespace footfall

// `footfall check-config` on the shipped example: valid, and it prints the cameras with their lines and zones and the
// stores with their time zone, opening hours and entry lines.
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace footfall::test {
namespace {

TEST(CheckConfig, ExampleConfigPrintsCamerasAndStores) {
  const auto example = std::filesystem::path(FOOTFALL_SOURCE_DIR) / "configs" / "footfall.example.yaml";
  const auto r = run_footfall({"check-config", example.string()}, {"CAMERA_PASSWORD=secret"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("camera main-street.entrance: file /usr/share/doc/opencv-doc/examples/data/vtest.avi, every frame, "
                       "1 line(s), 2 zone(s)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("store main-street: Europe/Berlin; mon 09:00-20:00, tue 09:00-20:00, wed 09:00-20:00, "
                       "thu 09:00-20:00, fri 09:00-20:00, sat 09:00-13:00+14:00-18:00, sun closed; "
                       "entry lines: main-street.entrance.door"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << "credentials are masked";
}

}  // namespace
}  // namespace footfall::test

#include <gtest/gtest.h>

#include "footfall/ingest/snapshot_name.h"

namespace footfall {
namespace {

TimestampMs at(const char* iso) { return parse_iso8601(iso).value(); }

TEST(SnapshotName, IsoExtendedWithColons) {
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T09:30:00.250Z.jpg"), at("2026-11-24T09:30:00.250Z"));
  EXPECT_EQ(timestamp_from_file_name("door 2026-11-24 09:30:00.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T09:30Z.png"), at("2026-11-24T09:30:00Z"));
}

TEST(SnapshotName, IsoExtendedFileNameSafe) {
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T09-30-00Z.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("door_2026-11-24_09-30-05.jpg"), at("2026-11-24T09:30:05Z"));
  EXPECT_EQ(timestamp_from_file_name("cam1-2026-11-24T09-30-00.125Z-motion.jpg"), at("2026-11-24T09:30:00.125Z"));
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T09-30-00-1.jpg"), at("2026-11-24T09:30:00Z"));  // counter suffix
}

TEST(SnapshotName, IsoBasic) {
  EXPECT_EQ(timestamp_from_file_name("20261124T093000Z.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("snap_20261124_093000.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("20261124093000.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("192.168.1.64_01_20261124093000123_MOTION.jpg"), at("2026-11-24T09:30:00.123Z"));
  EXPECT_EQ(timestamp_from_file_name("20261124T093000.5Z.jpg"), at("2026-11-24T09:30:00.500Z"));
}

TEST(SnapshotName, ZonesAreApplied) {
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T10:30:00+01:00.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("2026-11-24T10-30-00+0100.jpg"), at("2026-11-24T09:30:00Z"));
  EXPECT_EQ(timestamp_from_file_name("20261124T043000-0500.jpg"), at("2026-11-24T09:30:00Z"));
}

TEST(SnapshotName, EpochSecondsAndMilliseconds) {
  const TimestampMs t = at("2026-11-24T09:30:00Z");
  EXPECT_EQ(timestamp_from_file_name("snap_" + std::to_string(t / 1000) + ".jpg"), t);
  EXPECT_EQ(timestamp_from_file_name("cam3-" + std::to_string(t + 250) + ".png"), t + 250);
  EXPECT_EQ(timestamp_from_file_name(std::to_string(t / 1000)), t);
}

TEST(SnapshotName, DateTimeWinsOverEpoch) {
  EXPECT_EQ(timestamp_from_file_name("1500000000_2026-11-24T09-30-00Z.jpg"), at("2026-11-24T09:30:00Z"));
}

TEST(SnapshotName, NoTimeInName) {
  EXPECT_EQ(timestamp_from_file_name("IMG_0001.jpg"), std::nullopt);
  EXPECT_EQ(timestamp_from_file_name("door.jpg"), std::nullopt);
  EXPECT_EQ(timestamp_from_file_name(""), std::nullopt);
  EXPECT_EQ(timestamp_from_file_name("serial_123456789012.jpg"), std::nullopt);   // 12 digits
  EXPECT_EQ(timestamp_from_file_name("serial_12345678901.jpg"), std::nullopt);    // 11 digits
  EXPECT_EQ(timestamp_from_file_name("2026-11-24.jpg"), std::nullopt);            // a date without a time
  EXPECT_EQ(timestamp_from_file_name("2026-02-30T10-00-00Z.jpg"), std::nullopt);  // no such day
  EXPECT_EQ(timestamp_from_file_name("20261324T093000Z.jpg"), std::nullopt);      // month 13
  EXPECT_EQ(timestamp_from_file_name("x12026-11-24T09-30-00Z.jpg"), std::nullopt);  // part of a longer number
}

}  // namespace
}  // namespace footfall

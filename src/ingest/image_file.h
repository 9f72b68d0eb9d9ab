// Reading one image file, with the checks that turn a half-written or damaged snapshot into a clear error. Shared by
// the single-image source and the inbox.
#pragma once

#include <filesystem>
#include <optional>

#include <opencv2/core/mat.hpp>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

// Decodes a JPEG/PNG/BMP/WebP file to 8-bit BGR with cv::imread. Errors start with the path and say what is
// wrong: missing, not a regular file, empty, a JPEG (by content) without its end-of-image marker (a truncated
// upload, which libjpeg would otherwise return as a half-grey picture), or not decodable.
Result<cv::Mat> read_image_file(const std::filesystem::path& path);

// The file's modification time, UTC epoch milliseconds; nullopt when it cannot be read.
std::optional<TimestampMs> file_mtime_ms(const std::filesystem::path& path);

}  // namespace footfall

// Draws counted boxes and the count on a copy of the frame and writes it as PNG (only with --annotate).
#pragma once

#include <filesystem>

#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/ingest/frame.h"

namespace footfall {

Status write_annotated(const Frame& frame, const FrameCount& count, const std::filesystem::path& png_path);

}  // namespace footfall

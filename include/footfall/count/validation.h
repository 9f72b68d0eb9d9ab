// Validation of counting geometry, for config loading. Each function returns nullopt when the value is valid,
// otherwise a message naming the problem ("points a and b are equal (100,200)"); the caller prefixes the key path.
//
// Frame bounds: coordinates must lie within [0, frame_width] x [0, frame_height] (edges included). Pass
// frame_width or frame_height <= 0 when the frame size is not known yet: bounds are then not checked.
#pragma once

#include <optional>
#include <string>

#include "footfall/core/geometry.h"
#include "footfall/count/line_counter.h"
#include "footfall/count/zone_tracker.h"

namespace footfall {

std::optional<std::string> validate_point(Point p, int frame_width, int frame_height);

// Two distinct points, both in the frame; hysteresis values finite and >= 0.
std::optional<std::string> validate_line(const LineParams& line, int frame_width, int frame_height);

// At least 3 vertices, in the frame, no repeated consecutive vertex, non-zero area, edges that do not cross.
std::optional<std::string> validate_polygon(const Polygon& polygon, int frame_width, int frame_height);

// validate_polygon plus a finite inertia >= 0.
std::optional<std::string> validate_zone(const ZoneParams& zone, int frame_width, int frame_height);

}  // namespace footfall

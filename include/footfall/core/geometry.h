// Plain geometry value types in image pixels (x to the right, y down).
#pragma once

#include <vector>

namespace footfall {

struct Point {
  float x = 0.0f;
  float y = 0.0f;
};

// Axis-aligned box, top-left corner plus size, in pixels of the analysed frame.
struct Box {
  float x = 0.0f;
  float y = 0.0f;
  float width = 0.0f;
  float height = 0.0f;

  float right() const { return x + width; }
  float bottom() const { return y + height; }
  float area() const { return width > 0.0f && height > 0.0f ? width * height : 0.0f; }
  // Where the feet meet the floor: lines and zones are tested at this point.
  Point bottom_centre() const { return {x + width * 0.5f, y + height}; }
};

// Intersection over union; 0 when either box is empty.
float iou(const Box& a, const Box& b);

// A closed polygon (at least three vertices).
using Polygon = std::vector<Point>;

// Even-odd rule; points on an edge count as inside.
bool contains(const Polygon& polygon, Point p);

}  // namespace footfall

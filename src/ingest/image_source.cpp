#include "image_source.h"

#include "image_file.h"

namespace footfall {

ImageSource::ImageSource(std::string path, std::optional<TimestampMs> start_time)
    : path_(std::move(path)), start_time_(start_time) {}

Status ImageSource::open() {
  close();
  auto image = read_image_file(path_);
  if (!image) {
    last_error_ = image.error().message;
    return image.error();
  }
  image_ = std::move(*image);
  timestamp_ms_ = start_time_ ? *start_time_ : file_mtime_ms(path_).value_or(0);
  return Status::success();
}

ReadStatus ImageSource::read(Frame& frame) {
  if (image_.empty()) {
    if (!delivered_ && last_error_.empty()) last_error_ = path_ + ": read() before a successful open()";
    return delivered_ ? ReadStatus::end_of_stream : ReadStatus::error;
  }
  frame.image = std::move(image_);
  image_.release();
  frame.timestamp_ms = timestamp_ms_;
  frame.index = 1;
  frame.origin.clear();
  delivered_ = true;
  return ReadStatus::frame;
}

void ImageSource::close() {
  image_.release();
  delivered_ = false;
  last_error_.clear();
}

}  // namespace footfall

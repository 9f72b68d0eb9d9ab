// Base64 (RFC 4648, with padding) for data URIs. Internal to the report module.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace footfall::report_detail {

std::string base64_encode(const std::vector<std::uint8_t>& bytes);

}  // namespace footfall::report_detail

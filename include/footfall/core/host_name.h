// The machine's host name, which names a box in the chain registry and in its MQTT client id.
#pragma once

#include <string>

namespace footfall {

// gethostname(), or "localhost" when it fails or is empty.
std::string host_name();

}  // namespace footfall

// Closing a connection whose request body was refused unread (413), once its response is written. Internal to the
// server module (http_server.cpp).
#pragma once

#include <httplib.h>

namespace footfall {

// Finds the socket of `req`'s connection to this server (listening on `local_port`) and ends it with a lingering
// close (see connection_close.cpp). Call from httplib's logger, which runs after the response is written.
void close_after_response(const httplib::Request& req, int local_port);

}  // namespace footfall

// PostgreSQL URLs as open_store() receives them ("postgresql://user:secret@host:5432/db?sslmode=require", or
// "postgres://..."): the form that errors print, and the connection string handed to libpq.
#pragma once

#include <string>

namespace footfall::postgres {

// The URL with its password replaced by "***", in the user-info part ("user:***@host") and in a "password="
// query parameter: errors and logs never print a password. A URL without one is returned unchanged.
std::string mask_password(const std::string& url);

// The URL libpq connects with: `url` plus defaults for the parameters it does not set itself: connect_timeout=10
// (an unreachable host fails in seconds, not minutes), TCP keepalives and tcp_user_timeout=30000 (a connection that
// drops silently mid-call fails within about 30 s) and application_name=footfall (visible in pg_stat_activity).
// A password absent from the URL comes from PGPASSWORD or ~/.pgpass (libpq's own lookup).
std::string connection_url(const std::string& url);

}  // namespace footfall::postgres

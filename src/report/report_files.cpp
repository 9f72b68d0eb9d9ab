// Writing a report directory: every file through a temporary file and a rename.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "footfall/report/report_render.h"

namespace footfall {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::string_view as_text(const PngBytes& bytes) { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

}  // namespace

Status write_file_atomically(const fs::path& path, std::string_view bytes) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return make_error(path.string() + ": cannot create a temporary file beside it: " + errno_text());
  // mkstemp makes the file 0600; a report is for reading (and serving). Not the umask: reading it is process-wide
  // and racy.
  ::fchmod(fd, 0644);

  const bool written = write_all(fd, bytes.data(), bytes.size());
  const int write_errno = errno;
  const bool synced = written && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !synced || !closed) {
    const std::string why = std::strerror(written ? errno : write_errno);
    ::unlink(tmp.c_str());
    return make_error(path.string() + ": write failed: " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(tmp.c_str());
    return make_error(path.string() + ": cannot replace: " + why);
  }
  return {};
}

Status write_report_files(const ReportData& data, const fs::path& out_dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(out_dir, ec);
  if (fs::exists(st) && !fs::is_directory(st)) {
    return make_error(out_dir.string() + ": exists and is not a directory (the report needs an output directory)");
  }
  if (!fs::exists(st)) {
    fs::create_directories(out_dir, ec);
    if (ec) return make_error(out_dir.string() + ": cannot create the output directory: " + ec.message());
  }

  const ReportCharts charts = render_charts(data);
  const std::pair<const char*, const PngBytes*> pngs[] = {{"visitors_per_hour.png", &charts.visitors_per_hour},
                                                          {"weekday_hour.png", &charts.weekday_hour},
                                                          {"occupancy_day.png", &charts.occupancy_day},
                                                          {"staffing.png", &charts.staffing}};
  for (const auto& [name, bytes] : pngs) {
    if (Status s = write_file_atomically(out_dir / name, as_text(*bytes)); !s) return s;
  }
  return write_file_atomically(out_dir / "report.html", render_html(data, charts));
}

}  // namespace footfall

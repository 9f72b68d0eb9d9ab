#include "footfall/app/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace footfall {

ProgressBar::ProgressBar(std::string label, std::int64_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(std::int64_t done) { draw(done, false); }

void ProgressBar::draw(std::int64_t done, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fps = elapsed > 0.0 ? static_cast<double>(done) / elapsed : 0.0;
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    const double eta = fps > 0.0 ? static_cast<double>(total_ - done) / fps : 0.0;
    std::fprintf(stderr, "\r%s [%s] %3.0f%% %lld/%lld frames %.1f fps ETA %02d:%02d ", label_.c_str(), bar.c_str(),
                 fraction * 100.0, static_cast<long long>(done), static_cast<long long>(total_), fps,
                 static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  } else {
    std::fprintf(stderr, "\r%s %lld frames %.1f fps ", label_.c_str(), static_cast<long long>(done), fps);
  }
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace footfall

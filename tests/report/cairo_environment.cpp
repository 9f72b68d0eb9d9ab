// Releases cairo's and fontconfig's process-wide font caches when the tests end, so that LeakSanitizer (the asan
// preset) reports only leaks of our own: both libraries keep them for the life of a process by design.
#include <cairo/cairo.h>
#include <dlfcn.h>
#include <gtest/gtest.h>

namespace {

class CairoEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    cairo_debug_reset_static_data();
    // fontconfig comes in through cairo and is not linked by name: look its FcFini up in the loaded libraries.
    using FcFini = void (*)();
    if (auto* fini = reinterpret_cast<FcFini>(::dlsym(RTLD_DEFAULT, "FcFini"))) fini();
  }
};

const auto* const kCairoEnvironment = ::testing::AddGlobalTestEnvironment(new CairoEnvironment);

}  // namespace

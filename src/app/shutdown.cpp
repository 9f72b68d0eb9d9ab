#include "footfall/app/shutdown.h"

#include <csignal>
#include <unistd.h>

namespace footfall {

namespace {

std::atomic<bool> g_stop{false};

void handle_signal(int /*sig*/) {
  if (g_stop.exchange(true)) ::_exit(130);  // second signal: the operator insists
}

}  // namespace

void install_shutdown_handlers() {
  struct sigaction action {};
  action.sa_handler = handle_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& shutdown_requested() { return g_stop; }

void request_shutdown() { g_stop.store(true); }

}  // namespace footfall

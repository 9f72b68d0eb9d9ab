// spool_crash_writer DIR SEGMENT_BYTES ACK_EVERY: appends items to the spool in DIR as fast as it can, until killed.
// Item n (n = the spool's next sequence) is spool_crash_payload(n). After each append returned success it writes
// "a N\n" to stdout (unbuffered, so a reader sees exactly what was durable); with ACK_EVERY > 0 it acknowledges up to
// n - ACK_EVERY / 2 after every ACK_EVERY-th item and writes "k N\n" once the ack returned. Exits 2 on any error
// (the message on stderr; so do the spool's log lines). The kill -9 test of tests/spool runs it.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "footfall/spool/spool.h"
#include "spool_crash_payload.h"

namespace {

void report(char what, std::uint64_t sequence) {
  const std::string line = std::string(1, what) + " " + std::to_string(sequence) + "\n";
  if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: spool_crash_writer DIR SEGMENT_BYTES ACK_EVERY\n");
    return 2;
  }
  spdlog::set_default_logger(spdlog::stderr_logger_st("stderr"));  // stdout carries the reports only
  footfall::SpoolOptions options;
  options.dir = argv[1];
  options.segment_bytes = std::strtoull(argv[2], nullptr, 10);
  const std::uint64_t ack_every = std::strtoull(argv[3], nullptr, 10);
  auto spool = footfall::Spool::open(options);
  if (!spool) {
    std::fprintf(stderr, "%s\n", spool.error().message.c_str());
    return 2;
  }
  for (;;) {
    const std::uint64_t sequence = (*spool)->stats().last_sequence + 1;
    const std::string payload = footfall::test::spool_crash_payload(sequence);
    if (auto s = (*spool)->append("item", payload, static_cast<footfall::TimestampMs>(sequence)); !s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 2;
    }
    report('a', sequence);
    if (ack_every > 0 && sequence % ack_every == 0) {
      const std::uint64_t acked = sequence - ack_every / 2;
      if (auto s = (*spool)->ack(acked); !s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 2;
      }
      report('k', acked);
    }
  }
}

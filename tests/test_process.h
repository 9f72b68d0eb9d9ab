// Runs a program (the real footfall binary, a test server) and captures its output, for end-to-end tests.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_paths.h"

namespace footfall::test {

struct ProcessResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs argv[0] with arguments, waits, and returns exit code and output. `env` entries are "NAME=value".
inline ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
  TempDir io;
  const auto out_path = io / "out";
  const auto err_path = io / "err";
  pid_t pid = ::fork();
  if (pid == 0) {
    std::FILE* out = std::freopen(out_path.c_str(), "w", stdout);
    std::FILE* err = std::freopen(err_path.c_str(), "w", stderr);
    (void)out;
    (void)err;
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::perror("execv");
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  return r;
}

// Runs the footfall binary with the given arguments.
inline ProcessResult run_footfall(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{footfall_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env);
}

// A child process running in the background; killed (SIGKILL) by the destructor if still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_path) {
    pid_ = ::fork();
    if (pid_ == 0) {
      std::FILE* out = std::freopen(log_path.c_str(), "w", stdout);
      std::FILE* err = std::freopen(log_path.c_str(), "a", stderr);
      (void)out;
      (void)err;
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      std::perror("execv");
      ::_exit(127);
    }
  }
  ~BackgroundProcess() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) { ::kill(pid_, sig); }
  // Waits for exit; returns exit code or -signal.
  int wait() {
    if (reaped_) return code_;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return code_;
  }
  bool running() {
    if (reaped_) return false;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      return false;
    }
    return true;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int code_ = -1;
};

}  // namespace footfall::test

// A real Mosquitto broker for tests (Debian's /usr/sbin/mosquitto): started on a free 127.0.0.1 port with a config
// file generated in a temp dir, stopped by the destructor (also when a test fails, and by the kernel if the test
// process dies: PR_SET_PDEATHSIG). Also the openssl and mosquitto_passwd steps that make its TLS certificates and
// password file. Header-only and without libmosquitto, so that the end-to-end tests can use it too.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "test_paths.h"
#include "test_process.h"

namespace footfall::test {

inline constexpr const char* kMosquittoBinary = "/usr/sbin/mosquitto";
inline constexpr const char* kOpensslBinary = "/usr/bin/openssl";
inline constexpr const char* kMosquittoPasswdBinary = "/usr/bin/mosquitto_passwd";

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
inline int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

inline bool port_accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

struct BrokerOptions {
  std::filesystem::path password_file;  // set: anonymous clients are refused
  std::filesystem::path ca_file;        // set with cert_file and key_file: the listener speaks TLS only
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
  bool require_certificate = false;  // TLS clients must present a certificate signed by ca_file
  bool persistence = false;          // keep retained messages and sessions across a restart (saved on SIGTERM)
};

class MosquittoBroker {
 public:
  explicit MosquittoBroker(BrokerOptions options = {}) : options_(std::move(options)), port_(free_tcp_port()) {}
  ~MosquittoBroker() { stop(); }
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::string log() const { return read_text(dir_ / "mosquitto.log"); }

  // Starts the broker (again, on the same port, after stop()) and waits until it accepts connections.
  ::testing::AssertionResult start() {
    if (!std::filesystem::exists(kMosquittoBinary)) {
      return ::testing::AssertionFailure() << kMosquittoBinary
                                           << " is missing: run scripts/install-deps.sh (Debian package mosquitto)";
    }
    if (pid_ > 0) return ::testing::AssertionFailure() << "broker already running";
    write_config();
    std::fflush(nullptr);  // the child's freopen would otherwise write our buffered output a second time
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      std::FILE* out = std::freopen((dir_ / "stdout.log").c_str(), "a", stdout);
      std::FILE* err = std::freopen((dir_ / "stdout.log").c_str(), "a", stderr);
      (void)out;
      (void)err;
      const std::string config = (dir_ / "mosquitto.conf").string();
      ::execl(kMosquittoBinary, kMosquittoBinary, "-c", config.c_str(), static_cast<char*>(nullptr));
      std::perror("execl mosquitto");
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return ::testing::AssertionFailure() << "mosquitto exited at start:\n"
                                             << read_text(dir_ / "stdout.log") << log();
      }
      if (port_accepts(port_)) return ::testing::AssertionSuccess();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return ::testing::AssertionFailure() << "mosquitto does not accept connections on port " << port_ << ":\n"
                                         << log();
  }

  // SIGTERM (a clean shutdown: persistence is saved), then waits; SIGKILL after 5 s.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) != pid_) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
  }

  bool running() const { return pid_ > 0; }

 private:
  void write_config() {
    std::ofstream conf(dir_ / "mosquitto.conf");
    conf << "user root\n"  // as root, mosquitto would otherwise switch to the mosquitto user (no access to dir_)
         << "per_listener_settings false\n"
         << "log_dest file " << (dir_ / "mosquitto.log").string() << "\n"
         << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
         << "connection_messages true\n";
    if (options_.persistence) {
      conf << "persistence true\npersistence_location " << dir_.path().string() << "/\nautosave_interval 0\n";
    } else {
      conf << "persistence false\n";
    }
    if (options_.password_file.empty()) {
      conf << "allow_anonymous true\n";
    } else {
      conf << "allow_anonymous false\npassword_file " << options_.password_file.string() << "\n";
    }
    conf << "listener " << port_ << " 127.0.0.1\n";
    if (!options_.cert_file.empty()) {
      conf << "cafile " << options_.ca_file.string() << "\n"
           << "certfile " << options_.cert_file.string() << "\n"
           << "keyfile " << options_.key_file.string() << "\n"
           << "require_certificate " << (options_.require_certificate ? "true" : "false") << "\n";
    }
  }

  BrokerOptions options_;
  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
};

// Runs a program and fails the test with its output when it does not exit 0.
inline ::testing::AssertionResult run_tool(const std::vector<std::string>& argv) {
  if (!std::filesystem::exists(argv.at(0))) {
    return ::testing::AssertionFailure() << argv[0] << " is missing: run scripts/install-deps.sh";
  }
  const ProcessResult r = run_process(argv);
  if (r.exit_code == 0) return ::testing::AssertionSuccess();
  std::string command;
  for (const auto& a : argv) command += a + " ";
  return ::testing::AssertionFailure() << command << "exited " << r.exit_code << ":\n" << r.out << r.err;
}

// `mosquitto_passwd -b -c FILE USER PASSWORD`.
inline ::testing::AssertionResult make_password_file(const std::filesystem::path& file, const std::string& user,
                                                     const std::string& password) {
  return run_tool({kMosquittoPasswdBinary, "-b", "-c", file.string(), user, password});
}

// A self-signed CA `<name>-ca.crt/.key` in `dir` (EC P-256, valid one day).
inline ::testing::AssertionResult make_ca(const std::filesystem::path& dir, const std::string& name) {
  return run_tool({kOpensslBinary, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-days", "1", "-subj", "/CN=footfall test " + name + " CA", "-keyout",
                   (dir / (name + "-ca.key")).string(), "-out", (dir / (name + "-ca.crt")).string()});
}

// `<name>.crt/.key` in `dir`, signed by the CA `<ca>-ca.crt`; a server certificate names 127.0.0.1 and localhost.
inline ::testing::AssertionResult make_signed_certificate(const std::filesystem::path& dir, const std::string& ca,
                                                          const std::string& name, bool server) {
  const std::string key = (dir / (name + ".key")).string();
  const std::string csr = (dir / (name + ".csr")).string();
  const std::string ext = (dir / (name + ".ext")).string();
  {
    std::ofstream out(ext);
    out << (server ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                   : "extendedKeyUsage=clientAuth\n");
  }
  if (auto r = run_tool({kOpensslBinary, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-subj", "/CN=" + std::string(server ? "localhost" : name), "-keyout", key, "-out", csr});
      !r) {
    return r;
  }
  return run_tool({kOpensslBinary, "x509", "-req", "-in", csr, "-CA", (dir / (ca + "-ca.crt")).string(), "-CAkey",
                   (dir / (ca + "-ca.key")).string(), "-CAcreateserial", "-days", "1", "-extfile", ext, "-out",
                   (dir / (name + ".crt")).string()});
}

}  // namespace footfall::test

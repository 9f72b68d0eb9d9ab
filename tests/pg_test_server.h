// PgTestServer: a real PostgreSQL 15 server for tests and benchmarks, private to one process. The Debian binaries
// (/usr/lib/postgresql/15/bin, package postgresql; FOOTFALL_PG_BINDIR overrides the folder) initdb a cluster into a
// temporary directory and run it on a free TCP port on 127.0.0.1 (and a unix socket in that directory), as the
// `postgres` system user when we are root (PostgreSQL refuses to run as root). stop() and start() cut and restore the same server (same data, same port);
// shutdown() and the destructor take it down and remove the directory; when the process is killed instead, the
// server's parent-death signal takes it down and the next run removes the directory.
//
// Authentication: the superuser `postgres` connects without a password (trust); any other role over TCP needs its
// password (scram-sha-256), so tests can check PGPASSWORD and wrong passwords with create_role().
//
// Missing binaries are an error (error()), never a reason to skip: run scripts/install-deps.sh.
// Uses libpqxx for its own SQL: a test executable that includes this links PkgConfig::PQXX (footfall::store does).
// Not thread-safe: start, stop and create databases from the test's thread. A gtest executable registers one server
// for all its tests with a ::testing::Environment whose TearDown() calls PgTestServer::shared().shutdown()
// (tests/store/store_backend.h), and is best run by CTest as one test (each CTest test is a process of its own,
// which would start a server of its own).
#pragma once

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace footfall::test {

class PgTestServer {
 public:
  // Where initdb and postgres are: FOOTFALL_PG_BINDIR when set, else Debian's PostgreSQL 15.
  static std::string bin_dir() {
    const char* dir = std::getenv("FOOTFALL_PG_BINDIR");
    return dir != nullptr && *dir != '\0' ? dir : "/usr/lib/postgresql/15/bin";
  }

  struct Options {
    // false (tests): fsync, synchronous_commit and full_page_writes off, which makes CREATE DATABASE and commits
    // cheap and loses nothing unless the machine crashes. true (benchmarks): PostgreSQL's durable defaults.
    bool durable = false;
  };

  // The one server of this executable, started on first use (ensure_started()), taken down at exit.
  static PgTestServer& shared() {
    static PgTestServer server;
    return server;
  }

  PgTestServer() : PgTestServer(Options{}) {}
  explicit PgTestServer(Options options) : options_(options) {}
  ~PgTestServer() { shutdown(); }
  PgTestServer(const PgTestServer&) = delete;
  PgTestServer& operator=(const PgTestServer&) = delete;

  // Creates the cluster on first call and starts the server if it is not running. False, with error() saying why,
  // when it cannot.
  bool ensure_started() {
    if (running()) return true;
    if (cluster_failed_) return false;
    if (dir_.empty() && !create_cluster()) {
      cluster_failed_ = true;
      return false;
    }
    return start();
  }

  // What the last failed call could not do.
  const std::string& error() const { return failure_; }
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  const std::filesystem::path& directory() const { return dir_; }

  // postgresql://USER[:PASSWORD]@127.0.0.1:PORT/DATABASE
  std::string url(const std::string& database, const std::string& user = "postgres",
                  const std::string& password = "") const {
    return "postgresql://" + user + (password.empty() ? "" : ":" + password) + "@127.0.0.1:" +
           std::to_string(port_) + "/" + database;
  }

  // A new empty database (owned by `owner`); returns its name, or "" with error() set.
  std::string create_database(const std::string& owner = "postgres") {
    const std::string name = "t" + std::to_string(++databases_);
    // FILE_COPY: with fsync off, copying the template's files is cheaper than writing them to the WAL.
    if (!admin("postgres", "CREATE DATABASE " + name + " OWNER " + owner + " STRATEGY FILE_COPY")) return {};
    return name;
  }

  bool create_role(const std::string& name, const std::string& password) {
    return admin("postgres", "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
  }

  // Runs `sql` as the superuser in `database`; the first column of the first row as text ("" when there is none).
  // Throws libpqxx's exceptions (a test's assertion reports them).
  std::string query(const std::string& database, const std::string& sql) {
    pqxx::connection connection(url(database));
    pqxx::nontransaction tx(connection);
    const pqxx::result result = tx.exec(sql);
    if (result.empty() || result.columns() == 0 || result[0][0].is_null()) return {};
    return result[0][0].c_str();
  }

  // Closes every client connection to `database` from the server side (as a server restart would).
  bool terminate_connections(const std::string& database) {
    return admin("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database +
                                 "' AND pid <> pg_backend_pid()");
  }

  // Fast shutdown (clients are disconnected); the data stays for start().
  bool stop() {
    if (pid_ <= 0) return true;
    ::kill(pid_, SIGINT);
    const bool stopped = wait_exit(std::chrono::seconds(30));
    if (!stopped) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    return stopped;
  }

  // Starts the server on its data directory and port; waits until it accepts connections.
  bool start() {
    if (pid_ > 0) return true;
    if (dir_.empty()) return fail("start(): no cluster (call ensure_started())");
    std::error_code ec;
    std::filesystem::remove(dir_ / "data" / "postmaster.pid", ec);
    const std::string postgres = bin_dir() + "/postgres";
    const std::string data = (dir_ / "data").string();
    pid_ = spawn({postgres, "-D", data}, dir_ / "server.log", true);
    if (pid_ <= 0) return fail("cannot start " + postgres);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return fail("postgres exited while starting: " + log_tail());
      }
      if (ready()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    return fail("postgres did not become ready within 60 s: " + log_tail());
  }

  // Stops the server and removes its directory.
  void shutdown() {
    stop();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
      dir_.clear();
    }
  }

  // A TCP port on 127.0.0.1 that was free a moment ago (nothing listens on it).
  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    int port = -1;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
  }

 private:
  bool fail(std::string message) {
    failure_ = "PostgreSQL test server: " + std::move(message);
    return false;
  }

  bool create_cluster() {
    const std::filesystem::path bin(bin_dir());
    if (!std::filesystem::exists(bin / "initdb") || !std::filesystem::exists(bin / "postgres")) {
      return fail("the PostgreSQL server binaries are missing (" + bin.string() +
                  "/initdb, postgres): run scripts/install-deps.sh (Debian package postgresql)");
    }
    if (::geteuid() == 0) {
      const passwd* user = ::getpwnam("postgres");
      if (user == nullptr) {
        return fail("running as root, but there is no `postgres` system user to run the server as: run "
                    "scripts/install-deps.sh (Debian package postgresql creates it)");
      }
      uid_ = user->pw_uid;
      gid_ = user->pw_gid;
    }
    remove_stale_clusters();
    std::string pattern = (base_dir() / "footfall-pg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return fail("mkdtemp failed");
    dir_ = pattern;
    if (::geteuid() == 0 && ::chown(dir_.c_str(), uid_, gid_) != 0) return fail("cannot chown " + dir_.string());
    port_ = free_port();
    if (port_ <= 0) return fail("no free TCP port on 127.0.0.1");

    const std::string data = (dir_ / "data").string();
    const pid_t initdb = spawn({(bin / "initdb").string(), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync",
                                "-E", "UTF8", "--locale=C"},
                               dir_ / "initdb.log", false);
    int status = 0;
    if (initdb <= 0 || ::waitpid(initdb, &status, 0) != initdb || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::ifstream in(dir_ / "initdb.log");
      std::stringstream log;
      log << in.rdbuf();
      return fail("initdb failed: " + log.str());
    }
    {
      std::ofstream hba(dir_ / "data" / "pg_hba.conf", std::ios::trunc);
      hba << "local all all trust\n"
             "host all postgres 127.0.0.1/32 trust\n"
             "host all all 127.0.0.1/32 scram-sha-256\n";
    }
    {
      std::ofstream conf(dir_ / "data" / "postgresql.conf", std::ios::app);
      conf << "\n# footfall test server\n"
           << "listen_addresses = '127.0.0.1'\n"
           << "port = " << port_ << "\n"
           << "unix_socket_directories = '" << dir_.string() << "'\n"
           << "max_connections = 100\n"
           << "shared_buffers = 32MB\n"
           << "log_min_messages = warning\n"
           << "log_min_error_statement = panic\n";
      if (!options_.durable) {
        conf << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
      }
    }
    return true;
  }

  // /tmp rather than $TMPDIR: the postgres user must reach the directory through every parent, and the unix socket's
  // path must stay short (107 bytes at most).
  static std::filesystem::path base_dir() {
    std::error_code ec;
    return std::filesystem::is_directory("/tmp", ec) ? std::filesystem::path("/tmp")
                                                      : std::filesystem::temp_directory_path();
  }

  // The directories of earlier runs that were killed (their server went down with them, by the parent-death
  // signal, but nobody removed the directory): no live postmaster and untouched for 10 minutes.
  static void remove_stale_clusters() {
    std::error_code ec;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(base_dir(), ec)) {
      if (entry.path().filename().string().rfind("footfall-pg-", 0) != 0) continue;
      std::ifstream pid_file(entry.path() / "data" / "postmaster.pid");
      long pid = 0;
      if (pid_file >> pid && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;
      // A server stopped for a while (an outage test) still writes its log when it stops and starts.
      auto modified = std::filesystem::last_write_time(entry.path(), ec);
      if (ec) continue;
      const auto logged = std::filesystem::last_write_time(entry.path() / "server.log", ec);
      if (!ec && logged > modified) modified = logged;
      if (now - modified < std::chrono::minutes(10)) continue;
      std::filesystem::remove_all(entry.path(), ec);
    }
  }

  // fork + exec, as the postgres user when we are root; stdout and stderr appended to `log`. With `server`, the
  // child gets SIGQUIT (PostgreSQL's immediate shutdown) when this thread's process dies.
  pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log, bool server) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::string log_path = log.string();
    const pid_t parent = ::getpid();
    const bool as_postgres = ::geteuid() == 0;
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    // Child: only async-signal-safe calls until exec.
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    if (as_postgres) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(gid_) != 0 || ::setuid(uid_) != 0) ::_exit(126);
    }
    if (server) {
      ::prctl(PR_SET_PDEATHSIG, SIGQUIT);  // after setuid, which clears it
      if (::getppid() != parent) ::_exit(0);
    }
    ::setsid();
    ::execv(args[0], args.data());
    ::_exit(127);
  }

  bool wait_exit(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  // postmaster.pid's status line reads "ready" once the server accepts connections (PostgreSQL 10+).
  bool ready() const {
    std::ifstream in(dir_ / "data" / "postmaster.pid");
    std::string line;
    for (int i = 0; i < 8 && std::getline(in, line); ++i) {
    }
    return line.find("ready") != std::string::npos;
  }

  std::string log_tail() const {
    std::ifstream in(dir_ / "server.log");
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
  }

  bool admin(const std::string& database, const std::string& sql) {
    try {
      query(database, sql);
      return true;
    } catch (const std::exception& e) {
      return fail(sql + ": " + e.what());
    }
  }

  Options options_;
  std::filesystem::path dir_;
  std::string failure_;
  int port_ = -1;
  pid_t pid_ = -1;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int databases_ = 0;
  bool cluster_failed_ = false;
};

}  // namespace footfall::test

// Downloads against a real HTTP server (cpp-httplib) on 127.0.0.1, port chosen by the system.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "detect_test_util.h"
#include "footfall/detect/model_locator.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Serves a real model file at /model.onnx, a redirect to it at /moved and 404 elsewhere.
class ModelServer {
 public:
  explicit ModelServer(std::string body) : body_(std::move(body)) {
    server_.Get("/model.onnx", [this](const httplib::Request&, httplib::Response& res) {
      ++requests_;
      res.set_content(body_, "application/octet-stream");
    });
    server_.Get("/moved", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/model.onnx"); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ModelServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int requests() const { return requests_; }

 private:
  std::string body_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::atomic<int> requests_{0};
};

class DownloadTest : public ::testing::Test {
 protected:
  const fs::path source_ = test::models_dir() / "fastestdet-coco" / "FastestDet.onnx";
  const std::string sha_ = find_model("fastestdet-coco")->files.at(0).sha256;
  ModelServer server_{test::read_all(source_)};
  test::TempDir tmp_;
  const fs::path cache_ = tmp_ / "cache";
};

// A loopback port the system reports free (bound, never listened on, then closed).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

bool empty_or_missing(const fs::path& dir) { return !fs::exists(dir) || fs::is_empty(dir); }

TEST_F(DownloadTest, GoodChecksumLandsInTheCache) {
  const fs::path dest = cache_ / "fastestdet-coco" / "FastestDet.onnx";
  Status s = download_verified(server_.url("/model.onnx"), sha_, dest);
  ASSERT_TRUE(s) << s.error().message;
  auto digest = sha256_file(dest);
  ASSERT_TRUE(digest);
  EXPECT_EQ(*digest, sha_);
  // Only the file itself: the temporary file was renamed.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dest.parent_path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(DownloadTest, FollowsRedirects) {
  const fs::path dest = cache_ / "FastestDet.onnx";
  Status s = download_verified(server_.url("/moved"), sha_, dest);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(fs::file_size(dest), fs::file_size(source_));
}

TEST_F(DownloadTest, BadChecksumLeavesNothingInTheCache) {
  std::string wrong = sha_;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  Status s = download_verified(server_.url("/model.onnx"), wrong, cache_ / "fastestdet-coco" / "FastestDet.onnx");
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("checksum mismatch"));
  EXPECT_THAT(s.error().message, HasSubstr("expected sha256 " + wrong));
  EXPECT_THAT(s.error().message, HasSubstr("got " + sha_));
  EXPECT_EQ(server_.requests(), 1);  // it did download, then discarded
  EXPECT_TRUE(empty_or_missing(cache_));
}

TEST_F(DownloadTest, HttpErrorLeavesNothingInTheCache) {
  Status s = download_verified(server_.url("/missing.onnx"), sha_, cache_ / "x" / "FastestDet.onnx");
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("HTTP status 404"));
  EXPECT_TRUE(empty_or_missing(cache_));
}

TEST_F(DownloadTest, UnreachableServerAndBadUrl) {
  // A port that was just free and is closed again: connection refused.
  const int port = free_port();
  ASSERT_GT(port, 0);
  Status s = download_verified("http://127.0.0.1:" + std::to_string(port) + "/m.onnx", sha_, cache_ / "m.onnx");
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("127.0.0.1"));
  EXPECT_TRUE(empty_or_missing(cache_));
  EXPECT_FALSE(download_verified("ftp://example.com/m.onnx", sha_, cache_ / "m.onnx"));
}

TEST_F(DownloadTest, LocateDownloadsOnceThenUsesTheCache) {
  ModelSpec spec = *find_model("fastestdet-coco");
  spec.name = "served-model";
  spec.folder = "served-model";  // not in any shared directory
  spec.files.at(0).url = server_.url("/model.onnx");
  LocateOptions o;
  o.cache_dir = cache_;
  o.search_dirs = std::vector<fs::path>{tmp_ / "nowhere"};
  auto first = locate_model_file(spec, spec.files.at(0), o);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->origin, "download");
  EXPECT_EQ(first->path, cache_ / "served-model" / "FastestDet.onnx");
  auto second = locate_model_file(spec, spec.files.at(0), o);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->origin, "cache");
  EXPECT_EQ(server_.requests(), 1);
}

TEST_F(DownloadTest, LocateWithAWrongManifestChecksumFailsAndCachesNothing) {
  ModelSpec spec = *find_model("fastestdet-coco");
  spec.folder = "served-model";
  spec.files.at(0).url = server_.url("/model.onnx");
  spec.files.at(0).sha256 = std::string(64, 'a');
  LocateOptions o;
  o.cache_dir = cache_;
  o.search_dirs = std::vector<fs::path>{};
  LocateFailure failure{};
  auto located = locate_model_file(spec, spec.files.at(0), o, &failure);
  ASSERT_FALSE(located);
  EXPECT_EQ(failure, LocateFailure::download_failed);
  EXPECT_THAT(located.error().message, HasSubstr("checksum mismatch"));
  EXPECT_TRUE(empty_or_missing(cache_));
}

}  // namespace
}  // namespace footfall

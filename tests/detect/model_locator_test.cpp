#include "footfall/detect/model_locator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "detect_test_util.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const ModelSpec& fastestdet() { return *find_model("fastestdet-coco"); }
const ModelFile& fastestdet_file() { return fastestdet().files.at(0); }

LocateOptions local_only(const fs::path& cache) {
  LocateOptions o;
  o.cache_dir = cache;
  o.allow_download = false;
  return o;
}

// Changes the working directory for the lifetime of the guard.
class ScopedCwd {
 public:
  explicit ScopedCwd(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(old_); }

 private:
  fs::path old_;
};

TEST(ModelSearchDirs, EnvironmentFirstThenSharedModelsFoundFromTheExecutable) {
  test::TempDir a, b;
  test::ScopedEnv env("FOOTFALL_MODELS", a.path().string() + ":" + b.path().string());
  ScopedCwd cwd("/");  // nothing above "/": the shared dir must come from /proc/self/exe
  const auto dirs = model_search_dirs();
  ASSERT_EQ(dirs.size(), 3u);
  EXPECT_EQ(dirs[0], a.path());
  EXPECT_EQ(dirs[1], b.path());
  EXPECT_EQ(fs::canonical(dirs[2]), fs::canonical(test::models_dir()));
}

TEST(ModelSearchDirs, SharedModelsFoundFromTheWorkingDirectoryWithoutDuplicates) {
  test::TempDir work;
  fs::create_directories(work / "shared" / "models");
  fs::create_directories(work / "checkout" / "build" / "release");
  test::ScopedEnv env("FOOTFALL_MODELS", std::nullopt);
  {
    ScopedCwd cwd(work / "checkout" / "build" / "release");
    const auto dirs = model_search_dirs();
    ASSERT_EQ(dirs.size(), 2u);  // the temp tree's shared/models, then the one above the executable
    EXPECT_EQ(fs::canonical(dirs[0]), fs::canonical(work / "shared" / "models"));
    EXPECT_EQ(fs::canonical(dirs[1]), fs::canonical(test::models_dir()));
  }
  {
    ScopedCwd cwd(test::source_dir());  // the same shared dir from both starting points: listed once
    EXPECT_EQ(model_search_dirs().size(), 1u);
  }
}

TEST(DefaultCacheDir, XdgCacheHomeThenHome) {
  {
    test::ScopedEnv xdg("XDG_CACHE_HOME", "/var/cache/x");
    EXPECT_EQ(default_cache_dir(), fs::path("/var/cache/x/footfall/models"));
  }
  test::ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
  test::ScopedEnv home("HOME", "/home/someone");
  EXPECT_EQ(default_cache_dir(), fs::path("/home/someone/.cache/footfall/models"));
}

TEST(LocateModelFile, FootfallModelsComesBeforeTheSharedDirectory) {
  test::TempDir models, cache;
  test::copy_file(test::models_dir() / "fastestdet-coco" / "FastestDet.onnx", models / "fastestdet-coco/FastestDet.onnx");
  test::ScopedEnv env("FOOTFALL_MODELS", models.path().string());
  auto located = locate_model_file(fastestdet(), fastestdet_file(), local_only(cache.path()));
  ASSERT_TRUE(located) << located.error().message;
  EXPECT_EQ(located->origin, "FOOTFALL_MODELS");
  EXPECT_EQ(located->path, models / "fastestdet-coco/FastestDet.onnx");
}

TEST(LocateModelFile, FlatLayoutInFootfallModels) {
  test::TempDir models, cache;
  test::copy_file(test::models_dir() / "fastestdet-coco" / "FastestDet.onnx", models / "FastestDet.onnx");
  test::ScopedEnv env("FOOTFALL_MODELS", models.path().string());
  auto located = locate_model_file(fastestdet(), fastestdet_file(), local_only(cache.path()));
  ASSERT_TRUE(located) << located.error().message;
  EXPECT_EQ(located->path, models / "FastestDet.onnx");
}

TEST(LocateModelFile, SharedDirectoryWhenFootfallModelsLacksTheFile) {
  test::TempDir empty, cache;
  test::ScopedEnv env("FOOTFALL_MODELS", empty.path().string());
  auto located = locate_model_file(fastestdet(), fastestdet_file(), local_only(cache.path()));
  ASSERT_TRUE(located) << located.error().message;
  EXPECT_EQ(located->origin, "shared");
  EXPECT_EQ(fs::canonical(located->path), fs::canonical(test::models_dir() / "fastestdet-coco/FastestDet.onnx"));
}

TEST(LocateModelFile, ChecksumMismatchIsAnErrorNamingFileAndDigests) {
  test::TempDir models, cache;
  const fs::path copy = models / "fastestdet-coco/FastestDet.onnx";
  test::copy_file(test::models_dir() / "fastestdet-coco" / "FastestDet.onnx", copy);
  test::corrupt_byte(copy, 5000);
  auto actual = sha256_file(copy);
  ASSERT_TRUE(actual);
  ASSERT_NE(*actual, fastestdet_file().sha256);
  test::ScopedEnv env("FOOTFALL_MODELS", models.path().string());

  LocateFailure failure{};
  auto located = locate_model_file(fastestdet(), fastestdet_file(), local_only(cache.path()), &failure);
  ASSERT_FALSE(located);  // not skipped in favour of the good copy in the shared directory
  EXPECT_EQ(failure, LocateFailure::checksum_mismatch);
  EXPECT_THAT(located.error().message, HasSubstr(copy.string()));
  EXPECT_THAT(located.error().message, HasSubstr("expected sha256 " + fastestdet_file().sha256));
  EXPECT_THAT(located.error().message, HasSubstr("got " + *actual));

  LocateOptions unverified = local_only(cache.path());
  unverified.verify = false;
  auto found = locate_model_file(fastestdet(), fastestdet_file(), unverified);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->path, copy);
}

TEST(LocateModelFile, CacheAfterTheSearchDirectories) {
  test::TempDir dir, cache;
  test::copy_file(test::models_dir() / "fastestdet-coco" / "FastestDet.onnx", cache / "fastestdet-coco/FastestDet.onnx");
  LocateOptions o = local_only(cache.path());
  o.search_dirs = std::vector<fs::path>{dir.path()};
  auto located = locate_model_file(fastestdet(), fastestdet_file(), o);
  ASSERT_TRUE(located) << located.error().message;
  EXPECT_EQ(located->origin, "cache");
  EXPECT_EQ(located->path, cache / "fastestdet-coco/FastestDet.onnx");

  test::copy_file(test::models_dir() / "fastestdet-coco" / "FastestDet.onnx", dir / "fastestdet-coco/FastestDet.onnx");
  located = locate_model_file(fastestdet(), fastestdet_file(), o);
  ASSERT_TRUE(located);
  EXPECT_EQ(located->origin, "dir");
}

TEST(LocateModelFile, NotFoundListsEveryPlaceSearched) {
  test::TempDir a, b, cache;
  LocateOptions o = local_only(cache.path());
  o.search_dirs = std::vector<fs::path>{a.path(), b.path()};
  LocateFailure failure{};
  auto located = locate_model_file(fastestdet(), fastestdet_file(), o, &failure);
  ASSERT_FALSE(located);
  EXPECT_EQ(failure, LocateFailure::not_found);
  const std::string& m = located.error().message;
  EXPECT_THAT(m, HasSubstr("fastestdet-coco: FastestDet.onnx: not found in"));
  EXPECT_THAT(m, HasSubstr(a.path().string()));
  EXPECT_THAT(m, HasSubstr(b.path().string()));
  EXPECT_THAT(m, HasSubstr(cache.path().string() + " (cache)"));
  EXPECT_THAT(m, HasSubstr("downloading is disabled"));

  const ModelSpec& picodet = *find_model("picodet-s-coco-320");
  o.allow_download = true;  // no URL: nothing to download even when allowed
  located = locate_model_file(picodet, picodet.files.at(0), o);
  ASSERT_FALSE(located);
  EXPECT_THAT(located.error().message, HasSubstr("no upstream download"));
}

TEST(Sha256File, KnownDigestAndMissingFile) {
  test::TempDir dir;
  std::ofstream(dir / "abc") << "abc";
  auto digest = sha256_file(dir / "abc");
  ASSERT_TRUE(digest);
  EXPECT_EQ(*digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto missing = sha256_file(dir / "nope");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr((dir / "nope").string()));
}

}  // namespace
}  // namespace footfall

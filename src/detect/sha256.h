// Incremental SHA-256 (OpenSSL EVP), for checking model files while they are read or downloaded.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace footfall::detail {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // Lower-case hex digest of everything passed to update(); call once.
  std::string hex_digest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace footfall::detail

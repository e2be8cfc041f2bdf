#include "sim/report/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace irpsim::report {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(err));
}

// Best effort: makes the rename itself durable. Failure here does not undo a completed write.
void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  if (target.filename().empty())
    fail("cannot write", path, EISDIR);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / std::string(".").append(target.filename().string()).append(".tmp.XXXXXX")).string();
  std::vector<char> name(temp.begin(), temp.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0)
    fail("cannot write", path, errno);
  temp.assign(name.data());
  auto abandon = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail("cannot write", path, err);
  };
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      abandon(errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  // mkostemp creates 0600; results are meant to be shared like any other output file.
  if (::fchmod(fd, 0644) != 0)
    abandon(errno);
  if (::fsync(fd) != 0)
    abandon(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail("cannot write", path, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail("cannot write", path, err);
  }
  sync_directory(dir.string());
}

void ensure_directory(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec)
    throw std::runtime_error("cannot create directory " + path + ": " + ec.message());
  if (!fs::is_directory(path, ec))
    fail("cannot create directory", path, ec ? ec.value() : ENOTDIR);
}

}  // namespace irpsim::report

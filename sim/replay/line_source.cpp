// Reading a trace file line by line in constant memory (line_source.hpp).
#include "sim/replay/line_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/replay/trace_reader.hpp"

namespace irpsim::replay::detail {
namespace {

// Large reads keep the system-call cost per line negligible. A small file gets a buffer of its size (at least
// kMinBufferBytes); the buffer grows, up to kMaxBufferBytes, when a line does not fit, so it always has room for a
// whole line of kMaxLineBytes plus its "\r\n".
constexpr std::size_t kMinBufferBytes = 4096;
constexpr std::size_t kMaxBufferBytes = std::size_t{1} << 20;
static_assert(kMaxBufferBytes > kMaxLineBytes + 2);
// How much of a too-long line is kept to show in its problem.
constexpr std::size_t kTooLongShownBytes = 64;

std::string_view file_kind(mode_t mode) {
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "something else";
}

std::string_view without_cr(std::string_view text) {
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

}  // namespace

LineSource::LineSource(const std::string& path) : path_(path) {
  // O_NONBLOCK: opening a FIFO without a writer must not wait (it is rejected just below).
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd_ < 0)
    throw TraceFileError(path, 0, std::string("cannot open it: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    const int error = errno;
    ::close(fd_);
    throw TraceFileError(path, 0, std::string("cannot stat it: ") + std::strerror(error));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw TraceFileError(path, 0, "expected a regular file, found " + std::string(file_kind(st.st_mode)));
  }
  const auto file_bytes = static_cast<std::uint64_t>(st.st_size) + 1;  // + 1: the read that finds the end
  capacity_ = static_cast<std::size_t>(std::clamp<std::uint64_t>(file_bytes, kMinBufferBytes, kMaxBufferBytes));
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
}

LineSource::~LineSource() {
  if (fd_ >= 0)
    ::close(fd_);
}

bool LineSource::read_more() {
  if (at_eof_)
    return false;
  if (end_ == capacity_ || (begin_ > 0 && begin_ == end_)) {  // make room: move the partial line to the front
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    scanned_ -= begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {  // a partial line fills the buffer (below kMaxLineBytes + 2 bytes, see next()): grow it
    capacity_ = std::min(2 * capacity_, kMaxBufferBytes);
    auto larger = std::make_unique_for_overwrite<char[]>(capacity_);
    std::memcpy(larger.get(), buffer_.get(), end_);
    buffer_ = std::move(larger);
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      at_eof_ = true;
      return false;
    }
    if (errno != EINTR)
      throw TraceFileError(path_, lines_ + 1, std::string("cannot read the file: ") + std::strerror(errno));
  }
}

void LineSource::skip_rest_of_line() {
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buffer_.get() + begin_, '\n', end_ - begin_));
    if (nl) {
      begin_ = scanned_ = static_cast<std::size_t>(nl - buffer_.get()) + 1;
      return;
    }
    begin_ = scanned_ = end_ = 0;  // drop everything read so far
    if (!read_more())
      return;
  }
}

bool LineSource::next(Line& line) {
  for (;;) {
    const char* const data = buffer_.get();
    const char* nl = static_cast<const char*>(std::memchr(data + scanned_, '\n', end_ - scanned_));
    if (nl) {
      const std::size_t at = static_cast<std::size_t>(nl - data);
      line.text = without_cr(std::string_view(data + begin_, at - begin_));
      begin_ = scanned_ = at + 1;
      break;
    }
    scanned_ = end_;
    if (end_ - begin_ > kMaxLineBytes + 1) {  // no '\n' within kMaxLineBytes + "\r": too long, whatever follows
      too_long_start_.assign(data + begin_, kTooLongShownBytes);
      skip_rest_of_line();
      line.text = too_long_start_;
      line.too_long = true;
      line.number = ++lines_;
      return true;
    }
    if (!read_more()) {
      if (begin_ == end_)
        return false;
      line.text = without_cr(std::string_view(buffer_.get() + begin_, end_ - begin_));  // the last line, without '\n'
      begin_ = scanned_ = end_;
      break;
    }
  }
  line.too_long = line.text.size() > kMaxLineBytes;
  if (line.too_long) {
    too_long_start_.assign(line.text.substr(0, kTooLongShownBytes));
    line.text = too_long_start_;
  }
  line.number = ++lines_;
  return true;
}

}  // namespace irpsim::replay::detail

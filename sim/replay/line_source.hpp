// The lines of a trace file, one at a time, read with read(2) into one buffer of at most 1 MiB (internal to
// irpsim_replay).
// A line is handed out as a view into that buffer, valid until the next call, without its '\n' and its trailing
// '\r'. A line longer than kMaxLineBytes is reported as too long and skipped to its end without being held: memory
// stays bounded whatever the file holds. Only regular files are opened, so a FIFO or a device cannot hang a reader.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace irpsim::replay::detail {

struct Line {
  std::string_view text;     // the line; for a too-long line, its first bytes (for the problem text)
  bool too_long = false;     // longer than kMaxLineBytes (without '\n' and a trailing '\r')
  std::uint64_t number = 0;  // 1-based
};

class LineSource {
public:
  // Opens PATH; throws TraceFileError when it cannot be opened or is not a regular file.
  explicit LineSource(const std::string& path);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // The next line, or false at the end of the file. Throws TraceFileError when a read fails.
  bool next(Line& line);
  // Lines handed out so far (at the end of the file: the number of lines it has).
  std::uint64_t lines() const { return lines_; }

private:
  bool read_more();          // appends to the buffer; false at the end of the file
  void skip_rest_of_line();  // discards bytes up to and including the next '\n' (or to the end of the file)

  std::string path_;
  int fd_ = -1;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;    // first unread byte
  std::size_t scanned_ = 0;  // bytes [begin_, scanned_) hold no '\n'
  std::size_t end_ = 0;      // one past the last byte read
  bool at_eof_ = false;
  std::uint64_t lines_ = 0;
  std::string too_long_start_;
};

}  // namespace irpsim::replay::detail

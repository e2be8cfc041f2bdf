// Recorded I/O traces, read one line at a time: irpsim's own CSV, fio's iolog v2 and v3, blkparse's default text
// output and DiskSim's ASCII trace (scenarios/README.md, "Trace replay", gives each format). A reader never holds
// more than one line, so a trace of any length streams in constant memory. Each line of the file is one of:
//   - not a record: a blank line, a comment (CSV: '#'), a header (CSV, fio), blkparse's closing summary;
//   - a request to replay (TraceEntry::Kind::REQUEST);
//   - a record that is not replayed, with a stable reason (SKIPPED): another action, device or file than the
//     scenario selects, a flush (irpsim has no IRP_MJ_FLUSH_BUFFERS request type), a file action or wait;
//   - a malformed line (MALFORMED), with what was expected and what was found.
// Problems with the file as a whole (it cannot be opened, a required header is missing or wrong, a read fails)
// throw TraceFileError. No SimGrid and no JSON here.
#pragma once
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/request_type.hpp"

namespace irpsim::replay {

enum class TraceFormat { CSV, FIO_IOLOG, BLKPARSE, DISKSIM };
// Scenario names: "csv", "fio_iolog", "blkparse", "disksim".
std::string_view format_name(TraceFormat f);
std::optional<TraceFormat> parse_format(std::string_view name);

// Longest line a reader accepts (bytes, without the newline); a longer one is MALFORMED, and skipped without being
// held in memory.
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;
// Largest recorded time a record may carry (seconds); later times are MALFORMED.
inline constexpr double kMaxRecordedTimeS = 1e12;
// Largest transfer length (bytes): IO_STACK_LOCATION's Length is a ULONG.
inline constexpr std::uint64_t kMaxLengthBytes = 0xFFFFFFFFull;
// IOCTL_STORAGE_MANAGE_DATA_SET_ATTRIBUTES: how Windows sends a trim (discard) to a storage stack; fio "trim" and
// blkparse discards ('D' in RWBS) replay as an "ioctl" request with this code.
inline constexpr std::uint32_t kTrimIoctlCode = 0x002D9404;

// Which records of a file the scenario replays; records of other devices, files or actions are SKIPPED.
struct TraceSelection {
  std::optional<std::string> device;  // blkparse: "MAJOR,MINOR" (e.g. "8,0"); DiskSim: the device number ("0")
  std::optional<std::string> file;    // fio iolog: the file name of read/write/trim lines
  char blkparse_action = 'Q';         // blkparse: the action whose lines are the requests (Q queued, D issued...)
};

struct TraceRecord {
  double time_s = 0;                  // as recorded, in seconds from the trace's origin (fio v2: the last wait)
  core::RequestType type = core::RequestType::READ;
  std::uint64_t length_bytes = 0;
  std::uint64_t offset_bytes = 0;
  std::uint32_t ioctl_code = 0;       // ioctl types only
};

struct TraceEntry {
  enum class Kind { REQUEST, SKIPPED, MALFORMED };
  Kind kind = Kind::REQUEST;
  std::uint64_t line = 0;             // 1-based line number in the file
  TraceRecord record;                 // REQUEST
  std::string_view skip_reason;       // SKIPPED: one of the kSkip... names below (static storage)
  std::string problem;                // MALFORMED: "expected ..., found ..."
};

// Stable skip reasons (report keys).
inline constexpr std::string_view kSkipOtherAction = "other_action";   // blkparse: not the selected action
inline constexpr std::string_view kSkipOtherDevice = "other_device";   // blkparse, DiskSim: device not selected
inline constexpr std::string_view kSkipOtherFile = "other_file";       // fio: file not selected
inline constexpr std::string_view kSkipFlush = "flush";                // fio sync/datasync, blkparse flush-only
inline constexpr std::string_view kSkipFileAction = "file_action";     // fio add/open/close
inline constexpr std::string_view kSkipWait = "wait";                  // fio v2 wait (it sets the time of what
                                                                       // follows), fio v3 wait (fio ignores it)
inline constexpr std::string_view kSkipNoData = "no_data";             // blkparse: selected action, no data
                                                                       // direction (RWBS without R, W or D)

class TraceFileError : public std::runtime_error {
public:
  // what(): "PATH: MESSAGE" or "PATH line N: MESSAGE".
  TraceFileError(const std::string& path, std::uint64_t line, const std::string& message);
  std::uint64_t line;                 // 0 when the problem is not with one line
  std::string message;                // without the path and line
};

class TraceReader {
public:
  // Opens the file and reads its header (CSV, fio); throws TraceFileError.
  TraceReader(const std::string& path, TraceFormat format, TraceSelection selection = {});
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  // The next record, or nullopt at the end of the file. Records come in file order. A REQUEST whose time is before
  // the previous REQUEST's is MALFORMED (traces are replayed in time order and streamed, never sorted).
  // Throws TraceFileError when reading fails.
  std::optional<TraceEntry> next();

  const std::string& path() const { return path_; }
  TraceFormat format() const { return format_; }
  // Lines read so far, records or not (after the last record: the number of lines in the file).
  std::uint64_t lines_read() const;

private:
  struct State;
  std::string path_;
  TraceFormat format_;
  std::unique_ptr<State> state_;
};

}  // namespace irpsim::replay

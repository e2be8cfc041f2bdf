// The trace fuzz target: any bytes as a trace file, read in each of the four formats with a few selections. Reading
// must end in census numbers that agree with each other or in a TraceFileError (a missing or wrong header); any other
// exception, a crash, a hang, a sanitizer report or an inconsistent result is a bug and aborts, so libFuzzer saves
// the input. Each entry is checked as it comes (line numbers increasing, requests in time order and within bounds,
// skip reasons from the known list, problems of the form "expected ..., found ..."), then take_census must agree
// with the entries.
//
// The bytes go to one memfd per process, read through /proc/self/fd/N: a regular file, never on disk.
// Built twice (tests/fuzz/CMakeLists.txt): fuzz_trace (libFuzzer's main, -DIRPSIM_FUZZ=ON with clang) and
// fuzz_trace_replay (replay_main.cpp: files and directories from the command line; every build, in CTest).
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <string>

#include "sim/replay/trace_census.hpp"
#include "tests/fuzz/harness.hpp"

namespace {

using namespace irpsim;
using namespace irpsim::replay;

std::string g_last_outcome;

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_trace: BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

void require(bool ok, const std::string& what) {
  if (!ok)
    bug(what);
}

// The input's bytes as a regular file, the same one for every input of the process.
const std::string& write_input(const std::uint8_t* data, std::size_t size) {
  static const int fd = ::memfd_create("fuzz_trace", MFD_CLOEXEC);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  require(fd >= 0, "memfd_create failed");
  require(::ftruncate(fd, 0) == 0, "ftruncate failed");
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n = ::pwrite(fd, data + written, size - written, static_cast<off_t>(written));
    require(n > 0, "pwrite failed");
    written += static_cast<std::size_t>(n);
  }
  return path;
}

bool known_reason(std::string_view reason) {
  for (std::string_view known : {kSkipOtherAction, kSkipOtherDevice, kSkipOtherFile, kSkipFlush, kSkipFileAction,
                                 kSkipWait, kSkipNoData})
    if (reason == known)
      return true;
  return false;
}

bool well_formed_problem(const std::string& problem) {
  return problem.starts_with("expected ") && problem.find(", found ") != std::string::npos;
}

// Reads every entry, checking each; returns the census the entries add up to.
TraceCensus read_checked(const std::string& path, TraceFormat format, const TraceSelection& selection) {
  TraceCensus counted;
  TraceReader reader(path, format, selection);
  std::uint64_t last_line = 0;
  while (std::optional<TraceEntry> entry = reader.next()) {
    const std::string where = std::string(format_name(format)) + " line " + std::to_string(entry->line);
    require(entry->line > last_line, where + ": line numbers not increasing");
    last_line = entry->line;
    ++counted.records;
    switch (entry->kind) {
      case TraceEntry::Kind::REQUEST: {
        const TraceRecord& r = entry->record;
        require(std::isfinite(r.time_s) && r.time_s >= 0 && r.time_s <= kMaxRecordedTimeS, where + ": bad time");
        require(counted.requests == 0 || r.time_s >= counted.last_request_s, where + ": requests out of time order");
        require(r.length_bytes <= kMaxLengthBytes, where + ": length above kMaxLengthBytes");
        require(r.offset_bytes <= std::numeric_limits<std::uint64_t>::max() - r.length_bytes,
                where + ": offset + length overflows");
        require(core::index_of(r.type) < core::kRequestTypeCount, where + ": bad request type");
        require(!core::is_transfer(r.type) || r.ioctl_code == 0, where + ": ioctl code on a read or write");
        if (counted.requests == 0)
          counted.first_request_s = r.time_s;
        counted.last_request_s = r.time_s;
        ++counted.requests;
        break;
      }
      case TraceEntry::Kind::SKIPPED:
        require(known_reason(entry->skip_reason), where + ": unknown skip reason");
        ++counted.skipped;
        ++counted.skipped_by_reason[std::string(entry->skip_reason)];
        break;
      case TraceEntry::Kind::MALFORMED:
        require(well_formed_problem(entry->problem), where + ": problem not \"expected ..., found ...\": " +
                                                         entry->problem);
        ++counted.malformed;
        break;
    }
  }
  counted.lines = reader.lines_read();
  require(last_line <= counted.lines, "an entry's line after the last line");
  return counted;
}

void check_census(const std::string& path, TraceFormat format, const TraceSelection& selection) {
  const std::string name(format_name(format));
  TraceCensus counted;
  try {
    counted = read_checked(path, format, selection);
  } catch (const TraceFileError& e) {
    require(!e.message.empty() && std::string(e.what()).find(e.message) != std::string::npos,
            name + ": ill-formed TraceFileError: " + e.what());
    require(format == TraceFormat::CSV || format == TraceFormat::FIO_IOLOG,
            name + ": a TraceFileError from a format without a header: " + e.what());
    g_last_outcome += " " + name + ":file-error";
    return;
  }
  const TraceCensus c = take_census(path, format, selection);
  require(c.records == c.requests + c.skipped + c.malformed, name + ": records != requests + skipped + malformed");
  std::uint64_t by_reason = 0;
  for (const auto& [reason, count] : c.skipped_by_reason)
    by_reason += count;
  require(by_reason == c.skipped, name + ": skipped_by_reason does not add up to skipped");
  require(c.first_malformed.size() == std::min<std::uint64_t>(c.malformed, TraceCensus::kKeptProblems),
          name + ": wrong number of kept problems");
  std::uint64_t last = 0;
  for (const MalformedLine& m : c.first_malformed) {
    require(m.line > last && m.line <= c.lines, name + ": kept problems out of order or beyond the last line");
    require(well_formed_problem(m.problem), name + ": kept problem not \"expected ..., found ...\"");
    last = m.line;
  }
  require(c.records <= c.lines, name + ": more records than lines");
  require(c.first_request_s <= c.last_request_s, name + ": first request after the last");
  require(c.requests > 0 || (c.first_request_s == 0 && c.last_request_s == 0),
          name + ": request times without requests");
  require(c.lines == counted.lines && c.records == counted.records && c.requests == counted.requests &&
              c.skipped_by_reason == counted.skipped_by_reason && c.malformed == counted.malformed &&
              c.first_request_s == counted.first_request_s && c.last_request_s == counted.last_request_s,
          name + ": the census and the entries disagree");
  g_last_outcome += " " + name + ":" + std::to_string(c.requests) + "/" + std::to_string(c.skipped) + "/" +
                    std::to_string(c.malformed);
}

// No selection, and selections that pick one device, file or action (names the samples and fuzzed inputs use).
std::array<TraceSelection, 3> selections() {
  std::array<TraceSelection, 3> s;
  s[1].device = "8,0";
  s[1].file = "/dev/nvme0n1";
  s[2].device = "1";
  s[2].file = "f";
  s[2].blkparse_action = 'D';
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::array<TraceSelection, 3> kSelections = selections();
  const std::string& path = write_input(data, size);
  g_last_outcome = "requests/skipped/malformed:";
  try {
    for (TraceFormat format : {TraceFormat::CSV, TraceFormat::FIO_IOLOG, TraceFormat::BLKPARSE, TraceFormat::DISKSIM})
      for (const TraceSelection& selection : kSelections)
        check_census(path, format, selection);
  } catch (const std::exception& e) {
    bug(std::string("unexpected exception: ") + e.what());
  } catch (...) {
    bug("unexpected exception of an unknown type");
  }
  return 0;
}

const std::string& irpsim_fuzz_last_outcome() { return g_last_outcome; }

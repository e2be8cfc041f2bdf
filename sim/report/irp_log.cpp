#include "sim/report/irp_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace irpsim::report {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(err));
}

// Names come from validated scenarios (letters, digits, "_", ".", "-", and "->" for targets): nothing to escape in
// JSON or CSV, but quote defensively should that ever change.
void write_text(std::FILE* f, std::string_view s, bool json) {
  std::fputc('"', f);
  for (char c : s) {
    if (c == '"')
      std::fputs(json ? "\\\"" : "\"\"", f);
    else if (json && c == '\\')
      std::fputs("\\\\", f);
    else if (json && static_cast<unsigned char>(c) < 0x20)
      std::fprintf(f, "\\u%04x", c);
    else
      std::fputc(c, f);
  }
  std::fputc('"', f);
}

}  // namespace

IrpLog::Format IrpLog::format_for(std::string_view path) {
  return path.size() >= 4 && path.substr(path.size() - 4) == ".csv" ? Format::CSV : Format::JSON_LINES;
}

IrpLog::IrpLog(std::string path, Format format) : path_(std::move(path)), format_(format) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  if (target.filename().empty())
    fail("cannot write", path_, EISDIR);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0)
    fail("cannot write", path_, errno);
  temp_path_ = temp;
  ::fchmod(fd, 0644);  // mkostemp creates 0600; a log is shared like any output (best effort)
  file_ = ::fdopen(fd, "w");
  if (file_ == nullptr) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp_path_.c_str());
    fail("cannot write", path_, err);
  }
  static constexpr std::size_t kBuffer = 1 << 20;
  std::setvbuf(file_, nullptr, _IOFBF, kBuffer);
  if (format_ == Format::CSV)
    std::fputs("time_ns,irp,event,at,type,length_bytes,offset_bytes,status,information_bytes,related_irp\n", file_);
}

IrpLog::~IrpLog() {
  if (file_ != nullptr) {
    std::fclose(file_);
    ::unlink(temp_path_.c_str());
  }
}

void IrpLog::record(const IrpEvent& e) {
  ++events_;
  const long long time_ns = std::llround(e.time_s * 1e9);
  const std::string status = core::status_name(e.status);
  const std::string_view type = core::type_name(e.type);
  const std::string_view event = event_name(e.kind);
  const auto irp = static_cast<unsigned long long>(e.irp_id);
  const auto info = static_cast<unsigned long long>(e.information_bytes);
  const auto length = static_cast<unsigned long long>(e.length_bytes);
  const auto offset = static_cast<unsigned long long>(e.offset_bytes);
  int written;
  if (format_ == Format::CSV) {
    written = std::fprintf(file_, "%lld,%llu,%.*s,", time_ns, irp, static_cast<int>(event.size()), event.data());
    write_text(file_, e.at, false);
    written = std::fprintf(file_, ",%.*s,%llu,%llu,%s,%llu,", static_cast<int>(type.size()), type.data(), length,
                           offset, status.c_str(), info);
    if (e.related_irp != IrpEvent::kNoIrp)
      written = std::fprintf(file_, "%llu", static_cast<unsigned long long>(e.related_irp));
    std::fputc('\n', file_);
  } else {
    written = std::fprintf(file_, "{\"time_ns\":%lld,\"irp\":%llu,\"event\":\"%.*s\",\"at\":", time_ns, irp,
                           static_cast<int>(event.size()), event.data());
    write_text(file_, e.at, true);
    written = std::fprintf(file_,
                           ",\"type\":\"%.*s\",\"length_bytes\":%llu,\"offset_bytes\":%llu,\"status\":\"%s\","
                           "\"information_bytes\":%llu",
                           static_cast<int>(type.size()), type.data(), length, offset, status.c_str(), info);
    if (e.related_irp != IrpEvent::kNoIrp)
      written = std::fprintf(file_, ",\"related_irp\":%llu", static_cast<unsigned long long>(e.related_irp));
    std::fputs("}\n", file_);
  }
  if (written < 0)
    write_failed_ = true;
}

void IrpLog::finish() {
  if (file_ == nullptr)
    return;
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int flush_err = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (write_failed_ || !flushed || !closed) {
    ::unlink(temp_path_.c_str());
    fail("cannot write", path_, write_failed_ || !flushed ? flush_err : errno);
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_path_.c_str());
    fail("cannot write", path_, err);
  }
}

}  // namespace irpsim::report

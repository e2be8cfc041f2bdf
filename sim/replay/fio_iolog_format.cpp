// fio's iolog, versions 2 and 3 (fio's iolog.c, read_iolog2, is the reference). After the line "fio version N iolog":
//   v2:  FILE ACTION                  file actions: add, open, close
//        FILE ACTION OFFSET LENGTH    read, write, trim, sync, datasync, wait
//   v3:  the same, preceded by a timestamp in microseconds since the job started.
// read and write replay as such, trim as an ioctl with kTrimIoctlCode; sync and datasync are flushes (skipped), file
// actions are skipped. A v2 "FILE wait DELAY 0" holds back everything after it until DELAY milliseconds since the job
// started, so it sets the time of the records that follow (the largest DELAY so far); fio ignores wait lines in v3.
#include <array>
#include <string>

#include "sim/replay/format_parser.hpp"
#include "sim/replay/line_parsing.hpp"

namespace irpsim::replay::detail {
namespace {

enum class Action { READ, WRITE, TRIM, SYNC, DATASYNC, WAIT, ADD, OPEN, CLOSE };

struct ActionName {
  std::string_view name;
  Action action;
};
constexpr std::array<ActionName, 9> kActions{{
    {"read", Action::READ}, {"write", Action::WRITE}, {"trim", Action::TRIM}, {"sync", Action::SYNC},
    {"datasync", Action::DATASYNC}, {"wait", Action::WAIT}, {"add", Action::ADD}, {"open", Action::OPEN},
    {"close", Action::CLOSE},
}};

std::optional<Action> parse_action(std::string_view name) {
  for (const ActionName& a : kActions)
    if (a.name == name)
      return a.action;
  return std::nullopt;
}

bool is_file_action(Action a) { return a == Action::ADD || a == Action::OPEN || a == Action::CLOSE; }

constexpr double kMicrosecondsPerS = 1e6;
constexpr double kMillisecondsPerS = 1e3;

class FioIologParser final : public FormatParser {
public:
  explicit FioIologParser(const TraceSelection& selection) : file_(selection.file) {}

  bool has_header() const override { return true; }
  std::string_view header_expected() const override {
    return "\"fio version 2 iolog\" or \"fio version 3 iolog\" (fio's iolog v1 is not supported)";
  }
  HeaderStep header_line(std::string_view line) override {
    if (line == "fio version 2 iolog")
      version_ = 2;
    else if (line == "fio version 3 iolog")
      version_ = 3;
    else
      return HeaderStep::WRONG;
    return HeaderStep::ACCEPTED;
  }

  bool parse(std::string_view line, TraceEntry& entry) override {
    if (is_blank(line))
      return false;
    const Fields<6> all = split_whitespace<6>(line);
    const std::size_t first = version_ == 3 ? 1 : 0;  // v3: the timestamp comes first
    const std::size_t fields = all.count - first;
    if (all.count <= first || (fields != 2 && fields != 4))
      return malformed(entry, expected_found(version_ == 3 ? "TIME FILE ACTION or TIME FILE ACTION OFFSET LENGTH"
                                                           : "FILE ACTION or FILE ACTION OFFSET LENGTH",
                                             line));
    double time_s = wait_until_s_;
    if (version_ == 3) {
      const std::optional<double> t = read_time(all.at[0], kMicrosecondsPerS, "a timestamp in microseconds", entry);
      if (!t)
        return true;
      time_s = *t;
    }
    const std::string_view file = all.at[first];
    const std::string_view action_text = all.at[first + 1];
    const std::optional<Action> action = parse_action(action_text);
    if (!action)
      return malformed(entry, expected_found("an action (read, write, trim, sync, datasync, wait, add, open or close)",
                                             action_text));
    if (fields == 2) {
      if (!is_file_action(*action))
        return malformed(entry, expected_found("an offset and a length after " + std::string(action_text), line));
      return skipped(entry, kSkipFileAction);
    }
    if (is_file_action(*action))
      return malformed(entry, expected_found("no offset and length after " + std::string(action_text), line));
    const std::optional<std::uint64_t> offset = parse_unsigned(all.at[first + 2]);
    if (!offset)
      return malformed(entry, expected_found(*action == Action::WAIT ? "a delay in milliseconds (an unsigned integer)"
                                                                     : "an offset in bytes (an unsigned integer)",
                                             all.at[first + 2]));
    const std::optional<std::uint64_t> length = parse_unsigned(all.at[first + 3]);
    if (!length)
      return malformed(entry, expected_found("a length in bytes (an unsigned integer)", all.at[first + 3]));
    if (*action == Action::WAIT)
      return wait(*offset, all.at[first + 2], entry);
    if (file_ && file != *file_)
      return skipped(entry, kSkipOtherFile);
    if (*action == Action::SYNC || *action == Action::DATASYNC)
      return skipped(entry, kSkipFlush);
    if (!check_extent(*offset, *length, line, entry))
      return true;
    entry.kind = TraceEntry::Kind::REQUEST;
    entry.record.time_s = time_s;
    entry.record.length_bytes = *length;
    entry.record.offset_bytes = *offset;
    if (*action == Action::TRIM) {
      entry.record.type = core::RequestType::DEVICE_CONTROL;
      entry.record.ioctl_code = kTrimIoctlCode;
    } else {
      entry.record.type = *action == Action::READ ? core::RequestType::READ : core::RequestType::WRITE;
    }
    return true;
  }

private:
  // v2: fio issues nothing more before DELAY ms since the job started; v3: fio ignores the line.
  bool wait(std::uint64_t delay_ms, std::string_view delay_text, TraceEntry& entry) {
    if (version_ == 2) {
      const double until_s = static_cast<double>(delay_ms) / kMillisecondsPerS;
      if (!(until_s <= kMaxRecordedTimeS))
        return malformed(entry, expected_found("a delay of at most " + seconds_text(kMaxRecordedTimeS * 1e3) + " ms",
                                               delay_text));
      if (until_s > wait_until_s_)
        wait_until_s_ = until_s;
    }
    return skipped(entry, kSkipWait);
  }

  std::optional<std::string> file_;
  int version_ = 2;
  double wait_until_s_ = 0;  // v2: the largest wait so far, the time of the records after it
};

}  // namespace

std::unique_ptr<FormatParser> make_fio_iolog_parser(const TraceSelection& selection) {
  return std::make_unique<FioIologParser>(selection);
}

}  // namespace irpsim::replay::detail

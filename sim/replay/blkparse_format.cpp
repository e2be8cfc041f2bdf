// blkparse's default text output. Each event line reads
//   MAJOR,MINOR CPU SEQUENCE SECONDS.NANOSECONDS PID ACTION RWBS [action-specific text]
// e.g. "  8,0    3        1     0.000000000   697  Q  WS 5726136 + 8 [jbd2/sda1-8]". The lines of the selected
// device and action are the requests: RWBS with D (discard) replays as an ioctl with kTrimIoctlCode, else W as a
// write, else R as a read; their text must start "SECTOR + NBLOCKS" (512-byte sectors). A flush with no data (an F
// and no sectors) and lines without a data direction are skipped. The closing summary (from the first line
// "CPUn (" or "Total (") holds no records.
#include <limits>
#include <string>

#include "sim/replay/format_parser.hpp"
#include "sim/replay/line_parsing.hpp"

namespace irpsim::replay::detail {
namespace {

constexpr std::uint64_t kSectorBytes = 512;
constexpr std::size_t kKeptFields = 10;  // the 7 fixed fields, then SECTOR + NBLOCKS

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool has(std::string_view text, char c) { return text.find(c) != std::string_view::npos; }

// "CPU3 (sda):" or "Total (sda):", the first line of blkparse's summary.
bool starts_summary(std::string_view line) {
  line = trim(line);
  if (line.starts_with("Total ("))
    return true;
  if (!line.starts_with("CPU"))
    return false;
  std::size_t i = 3;
  while (i < line.size() && is_digit(line[i]))
    ++i;
  return i > 3 && line.substr(i).starts_with(" (");
}

// "8,0": two unsigned integers separated by a comma.
bool is_device(std::string_view text) {
  const std::size_t comma = text.find(',');
  return comma != std::string_view::npos && parse_unsigned(text.substr(0, comma)) &&
         parse_unsigned(text.substr(comma + 1));
}

bool is_rwbs(std::string_view text) {
  for (char c : text)
    if (!is_letter(c))
      return false;
  return !text.empty();
}

class BlkparseParser final : public FormatParser {
public:
  explicit BlkparseParser(const TraceSelection& selection)
      : device_(selection.device), action_(selection.blkparse_action) {}

  bool records_ended() const override { return in_summary_; }

  bool parse(std::string_view line, TraceEntry& entry) override {
    if (in_summary_ || is_blank(line))
      return false;
    if (starts_summary(line)) {
      in_summary_ = true;
      return false;
    }
    const Fields<kKeptFields> f = split_whitespace<kKeptFields>(line);
    if (f.count < 7)
      return malformed(entry, expected_found("an event line (MAJOR,MINOR CPU SEQUENCE SECONDS.NANOSECONDS PID "
                                             "ACTION RWBS ...) or the summary",
                                             line));
    if (!is_device(f.at[0]))
      return malformed(entry, expected_found("a device MAJOR,MINOR such as 8,0", f.at[0]));
    if (!parse_unsigned(f.at[1]) || !parse_unsigned(f.at[2]))
      return malformed(entry, expected_found("a CPU and a sequence number (unsigned integers)",
                                             line.substr(0, f.at[3].data() - line.data())));
    const std::optional<double> time_s = read_time(f.at[3], 1, "a time in seconds", entry);
    if (!time_s)
      return true;
    if (!parse_unsigned(f.at[4]))
      return malformed(entry, expected_found("a process id (an unsigned integer)", f.at[4]));
    if (f.at[5].size() != 1 || !is_letter(f.at[5][0]))
      return malformed(entry, expected_found("an action (one letter such as Q, D or C)", f.at[5]));
    if (!is_rwbs(f.at[6]))
      return malformed(entry, expected_found("RWBS letters (such as WS, R, FWS or N)", f.at[6]));

    if (device_ && f.at[0] != *device_)
      return skipped(entry, kSkipOtherDevice);
    if (f.at[5][0] != action_)
      return skipped(entry, kSkipOtherAction);
    const std::string_view rwbs = f.at[6];
    core::RequestType type;
    if (has(rwbs, 'D'))
      type = core::RequestType::DEVICE_CONTROL;
    else if (has(rwbs, 'W'))
      type = core::RequestType::WRITE;
    else if (has(rwbs, 'R'))
      type = core::RequestType::READ;
    else
      return skipped(entry, has(rwbs, 'F') ? kSkipFlush : kSkipNoData);

    // A flush blkparse prints without sectors: "Q FWS [kworker/0:1H]".
    if (has(rwbs, 'F') && (f.count == 7 || f.at[7].front() == '['))
      return skipped(entry, kSkipFlush);
    const std::string_view rest = line.substr(f.count > 7 ? f.at[7].data() - line.data() : line.size());
    if (f.count < 10 || f.at[8] != "+")
      return malformed(entry, expected_found("SECTOR + NBLOCKS after the RWBS", rest));
    const std::optional<std::uint64_t> sector = parse_unsigned(f.at[7]);
    const std::optional<std::uint64_t> blocks = parse_unsigned(f.at[9]);
    if (!sector || !blocks)
      return malformed(entry, expected_found("SECTOR + NBLOCKS as unsigned integers", rest));
    if (*blocks > kMaxLengthBytes / kSectorBytes)
      return malformed(entry, expected_found("at most 8388607 blocks (4294967295 bytes, a ULONG Length)", rest));
    if (*sector > std::numeric_limits<std::uint64_t>::max() / kSectorBytes)
      return malformed(entry, expected_found("a sector whose byte offset fits 64 bits", rest));
    const std::uint64_t offset = *sector * kSectorBytes;
    const std::uint64_t length = *blocks * kSectorBytes;
    if (length == 0 && has(rwbs, 'F'))
      return skipped(entry, kSkipFlush);
    if (!check_extent(offset, length, rest, entry))
      return true;
    entry.kind = TraceEntry::Kind::REQUEST;
    entry.record = TraceRecord{*time_s, type, length, offset,
                               type == core::RequestType::DEVICE_CONTROL ? kTrimIoctlCode : 0};
    return true;
  }

private:
  std::optional<std::string> device_;
  char action_;
  bool in_summary_ = false;
};

}  // namespace

std::unique_ptr<FormatParser> make_blkparse_parser(const TraceSelection& selection) {
  return std::make_unique<BlkparseParser>(selection);
}

}  // namespace irpsim::replay::detail

// DiskSim's ASCII trace (DiskSim 4.0 manual, section 4.1.1): one request per line, five whitespace-separated fields
//   ARRIVAL_MS DEVICE BLOCK SIZE_BLOCKS FLAGS
// with the arrival time in milliseconds, 512-byte blocks, and hexadecimal flags (bit 0 set: a read, else a write).
#include <limits>
#include <string>

#include "sim/replay/format_parser.hpp"
#include "sim/replay/line_parsing.hpp"

namespace irpsim::replay::detail {
namespace {

constexpr std::uint64_t kBlockBytes = 512;
constexpr double kMillisecondsPerS = 1e3;
constexpr std::uint64_t kReadFlag = 0x1;

class DisksimParser final : public FormatParser {
public:
  explicit DisksimParser(const TraceSelection& selection) {
    if (selection.device) {
      device_text_ = *selection.device;
      device_number_ = parse_unsigned(trim(*selection.device));
    }
  }

  bool parse(std::string_view line, TraceEntry& entry) override {
    if (is_blank(line))
      return false;
    const Fields<6> f = split_whitespace<6>(line);
    if (f.count != 5)
      return malformed(entry, "expected 5 fields (ARRIVAL_MS DEVICE BLOCK SIZE_BLOCKS FLAGS), found " +
                                  std::to_string(f.count) + ": " + quote(line));
    const std::optional<double> time_s = read_time(f.at[0], kMillisecondsPerS, "an arrival time in ms", entry);
    if (!time_s)
      return true;
    const std::optional<std::uint64_t> device = parse_unsigned(f.at[1]);
    if (!device)
      return malformed(entry, expected_found("a device number (an unsigned integer)", f.at[1]));
    const std::optional<std::uint64_t> block = parse_unsigned(f.at[2]);
    if (!block)
      return malformed(entry, expected_found("a block number (an unsigned integer)", f.at[2]));
    const std::optional<std::uint64_t> blocks = parse_unsigned(f.at[3]);
    if (!blocks)
      return malformed(entry, expected_found("a size in blocks (an unsigned integer)", f.at[3]));
    std::string_view flags_text = f.at[4];
    if (flags_text.size() > 2 && flags_text[0] == '0' && (flags_text[1] == 'x' || flags_text[1] == 'X'))
      flags_text.remove_prefix(2);
    const std::optional<std::uint64_t> flags = parse_unsigned(flags_text, 16);
    if (!flags)
      return malformed(entry, expected_found("flags in hexadecimal (such as 0x1 or 0)", f.at[4]));
    if (*blocks > kMaxLengthBytes / kBlockBytes)
      return malformed(entry, expected_found("at most 8388607 blocks (4294967295 bytes, a ULONG Length)", f.at[3]));
    if (*block > std::numeric_limits<std::uint64_t>::max() / kBlockBytes)
      return malformed(entry, expected_found("a block number whose byte offset fits 64 bits", f.at[2]));
    if (!check_extent(*block * kBlockBytes, *blocks * kBlockBytes, line, entry))
      return true;

    if (device_text_ && (device_number_ ? *device != *device_number_ : f.at[1] != *device_text_))
      return skipped(entry, kSkipOtherDevice);
    entry.kind = TraceEntry::Kind::REQUEST;
    entry.record.time_s = *time_s;
    entry.record.type = (*flags & kReadFlag) ? core::RequestType::READ : core::RequestType::WRITE;
    entry.record.length_bytes = *blocks * kBlockBytes;
    entry.record.offset_bytes = *block * kBlockBytes;
    return true;
  }

private:
  std::optional<std::string> device_text_;           // the selected device as given
  std::optional<std::uint64_t> device_number_;       // ... as a number, when it is one
};

}  // namespace

std::unique_ptr<FormatParser> make_disksim_parser(const TraceSelection& selection) {
  return std::make_unique<DisksimParser>(selection);
}

}  // namespace irpsim::replay::detail

// irpsim's own trace CSV: '#' comments and blank lines, a header "time_UNIT,type,size_bytes,offset_bytes" with an
// optional ",ioctl_code", then one request per line. Every record is a REQUEST or MALFORMED: nothing is skipped.
#include <array>
#include <string>

#include "sim/replay/format_parser.hpp"
#include "sim/replay/line_parsing.hpp"

namespace irpsim::replay::detail {
namespace {

struct TimeUnit {
  std::string_view header;  // the header's first field
  std::string_view name;
  double divisor;           // units per second
};
constexpr std::array<TimeUnit, 4> kTimeUnits{{
    {"time_ns", "ns", 1e9},
    {"time_us", "us", 1e6},
    {"time_ms", "ms", 1e3},
    {"time_s", "s", 1},
}};

constexpr std::size_t kMaxFields = 5;
constexpr std::uint64_t kMaxIoctlCode = 0xFFFFFFFFull;

bool is_comment(std::string_view line) {
  const std::string_view t = trim(line);
  return !t.empty() && t.front() == '#';
}

class CsvParser final : public FormatParser {
public:
  bool has_header() const override { return true; }
  std::string_view header_expected() const override {
    return "a header such as time_us,type,size_bytes,offset_bytes[,ioctl_code]";
  }

  HeaderStep header_line(std::string_view line) override {
    if (is_blank(line) || is_comment(line))
      return HeaderStep::BEFORE_HEADER;
    const Fields<kMaxFields + 1> f = split_on<kMaxFields + 1>(line, ',');
    if (f.count < 4 || f.count > kMaxFields || f.at[1] != "type" || f.at[2] != "size_bytes" ||
        f.at[3] != "offset_bytes" || (f.count == 5 && f.at[4] != "ioctl_code"))
      return HeaderStep::WRONG;
    for (const TimeUnit& unit : kTimeUnits)
      if (f.at[0] == unit.header) {
        unit_ = &unit;
        field_count_ = f.count;
        header_ = std::string(unit.header) + ",type,size_bytes,offset_bytes" + (f.count == 5 ? ",ioctl_code" : "");
        time_what_ = "a time in " + std::string(unit.name);
        return HeaderStep::ACCEPTED;
      }
    return HeaderStep::WRONG;
  }

  bool parse(std::string_view line, TraceEntry& entry) override {
    if (is_blank(line) || is_comment(line))
      return false;
    const Fields<kMaxFields + 1> f = split_on<kMaxFields + 1>(line, ',');
    if (f.count != field_count_)
      return malformed(entry, "expected " + std::to_string(field_count_) + " comma-separated fields (" + header_ +
                                  "), found " + std::to_string(f.count) + ": " + quote(line));
    const std::optional<double> time_s = read_time(f.at[0], unit_->divisor, time_what_, entry);
    if (!time_s)
      return true;
    const std::optional<core::RequestType> type = core::parse_request_type(f.at[1]);
    if (!type)
      return malformed(entry, expected_found("a type (read, write, ioctl, internal_ioctl or internal_ioctl_others)",
                                             f.at[1]));
    const std::optional<std::uint64_t> size = parse_unsigned(f.at[2]);
    if (!size)
      return malformed(entry, expected_found("size_bytes as an unsigned integer", f.at[2]));
    const std::optional<std::uint64_t> offset = parse_unsigned(f.at[3]);
    if (!offset)
      return malformed(entry, expected_found("offset_bytes as an unsigned integer", f.at[3]));
    if (!check_extent(*offset, *size, line, entry))
      return true;
    std::uint32_t code = 0;
    if (field_count_ == 5 && !f.at[4].empty()) {
      if (core::is_transfer(*type))
        return malformed(entry, expected_found("no ioctl_code on a " + std::string(core::type_name(*type)), f.at[4]));
      const std::optional<std::uint32_t> parsed = ioctl_code(f.at[4]);
      if (!parsed)
        return malformed(entry, expected_found("an ioctl_code in hexadecimal (0x2D9404) or decimal, at most "
                                               "0xFFFFFFFF",
                                               f.at[4]));
      code = *parsed;
    }
    entry.kind = TraceEntry::Kind::REQUEST;
    entry.record = TraceRecord{*time_s, *type, *size, *offset, code};
    return true;
  }

private:
  static std::optional<std::uint32_t> ioctl_code(std::string_view text) {
    const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    const std::optional<std::uint64_t> value = hex ? parse_unsigned(text.substr(2), 16) : parse_unsigned(text);
    if (!value || *value > kMaxIoctlCode)
      return std::nullopt;
    return static_cast<std::uint32_t>(*value);
  }

  const TimeUnit* unit_ = &kTimeUnits[1];
  std::size_t field_count_ = 4;
  std::string header_;
  std::string time_what_;
};

}  // namespace

std::unique_ptr<FormatParser> make_csv_parser() { return std::make_unique<CsvParser>(); }

}  // namespace irpsim::replay::detail

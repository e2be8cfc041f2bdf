// Field splitting, numbers and problem texts shared by the trace formats (line_parsing.hpp).
#include "sim/replay/line_parsing.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace irpsim::replay::detail {
namespace {

constexpr std::size_t kQuotedChars = 60;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank_char(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_blank_char(text.back()))
    text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

std::optional<std::uint64_t> parse_unsigned(std::string_view text, int base) {
  if (text.empty() || text.front() == '-' || text.front() == '+')
    return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::optional<double> parse_decimal(std::string_view text) {
  std::size_t digits = 0, points = 0;
  for (char c : text) {
    if (is_digit(c))
      ++digits;
    else if (c == '.')
      ++points;
    else
      return std::nullopt;
  }
  if (digits == 0 || points > 1)
    return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (unsigned char c : text) {
    if (shown == kQuotedChars) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
    ++shown;
  }
  out += '"';
  return out;
}

std::string expected_found(std::string_view expected, std::string_view found) {
  std::string out = "expected ";
  out += expected;
  out += ", found ";
  out += quote(found);
  return out;
}

std::string seconds_text(double seconds) {
  char text[64];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, seconds);
  return ec == std::errc() ? std::string(text, end) : std::string("?");
}

bool malformed(TraceEntry& entry, std::string problem) {
  entry.kind = TraceEntry::Kind::MALFORMED;
  entry.problem = std::move(problem);
  return true;
}

bool skipped(TraceEntry& entry, std::string_view reason) {
  entry.kind = TraceEntry::Kind::SKIPPED;
  entry.skip_reason = reason;
  return true;
}

std::optional<double> read_time(std::string_view text, double divisor, std::string_view what, TraceEntry& entry) {
  const std::optional<double> value = parse_decimal(text);
  if (!value) {
    malformed(entry, expected_found(std::string(what) + " (a decimal number >= 0 such as 12.5)", text));
    return std::nullopt;
  }
  const double seconds = *value / divisor;
  if (!(seconds <= kMaxRecordedTimeS)) {
    malformed(entry, expected_found(std::string(what) + " of at most " + seconds_text(kMaxRecordedTimeS) + " s",
                                    text));
    return std::nullopt;
  }
  return seconds;
}

bool check_extent(std::uint64_t offset, std::uint64_t length, std::string_view found, TraceEntry& entry) {
  if (length > kMaxLengthBytes) {
    malformed(entry, expected_found("a length of at most 4294967295 bytes (IO_STACK_LOCATION's ULONG Length)",
                                    found));
    return false;
  }
  if (offset > std::numeric_limits<std::uint64_t>::max() - length) {
    malformed(entry, expected_found("an offset + length that fits 64 bits", found));
    return false;
  }
  return true;
}

}  // namespace irpsim::replay::detail

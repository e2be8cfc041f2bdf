// Small pieces shared by the format parsers (internal to irpsim_replay): splitting a line into fields, numbers with
// std::from_chars, the checks every record's time and extent get, and the "expected ..., found ..." problem texts.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/replay/trace_reader.hpp"

namespace irpsim::replay::detail {

inline bool is_blank_char(char c) { return c == ' ' || c == '\t'; }
std::string_view trim(std::string_view text);
bool is_blank(std::string_view text);

// The fields of a line: the first N are kept, all are counted.
template <std::size_t N>
struct Fields {
  std::array<std::string_view, N> at{};
  std::size_t count = 0;
  void add(std::string_view field) {
    if (count < N)
      at[count] = field;
    ++count;
  }
};

// Fields separated by runs of spaces and tabs (leading and trailing ones ignored).
template <std::size_t N>
Fields<N> split_whitespace(std::string_view line) {
  Fields<N> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank_char(line[i]))
      ++i;
    if (i == line.size())
      break;
    const std::size_t start = i;
    while (i < line.size() && !is_blank_char(line[i]))
      ++i;
    fields.add(line.substr(start, i - start));
  }
  return fields;
}

// Fields separated by one character, each trimmed of spaces and tabs.
template <std::size_t N>
Fields<N> split_on(std::string_view line, char separator) {
  Fields<N> fields;
  for (;;) {
    const std::size_t at = line.find(separator);
    fields.add(trim(line.substr(0, at)));
    if (at == std::string_view::npos)
      return fields;
    line.remove_prefix(at + 1);
  }
}

// An unsigned integer in BASE, digits only (no sign, no prefix), that fits 64 bits.
std::optional<std::uint64_t> parse_unsigned(std::string_view text, int base = 10);
// A non-negative decimal such as "12", "12.5" or ".5" (no sign, exponent, inf or nan); finite.
std::optional<double> parse_decimal(std::string_view text);

// "\"TEXT\"" with non-printable bytes, '"' and '\\' escaped, cut to about 60 characters ("..." marks the cut).
std::string quote(std::string_view text);
// "expected EXPECTED, found \"FOUND\"".
std::string expected_found(std::string_view expected, std::string_view found);
// Seconds as the shortest text that reads back the same ("0.0125").
std::string seconds_text(double seconds);

// Sets a MALFORMED entry with PROBLEM; returns true (parse()'s "this line is a record").
bool malformed(TraceEntry& entry, std::string problem);
bool skipped(TraceEntry& entry, std::string_view reason);

// A time field: TEXT in units of DIVISOR seconds (1e6: microseconds), checked to be a decimal within
// [0, kMaxRecordedTimeS] s. WHAT names it ("a time in us"). On failure sets the entry MALFORMED and returns nullopt.
std::optional<double> read_time(std::string_view text, double divisor, std::string_view what, TraceEntry& entry);
// Checks LENGTH <= kMaxLengthBytes and that OFFSET + LENGTH fits 64 bits; FOUND is the text shown when not.
// On failure sets the entry MALFORMED and returns false.
bool check_extent(std::uint64_t offset, std::uint64_t length, std::string_view found, TraceEntry& entry);

}  // namespace irpsim::replay::detail

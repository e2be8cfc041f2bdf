// Quantity strings as written in scenarios: durations ("100us"), sizes ("4KiB"), bandwidths ("2GB/s"), rates
// ("50k/s") and CPU speeds ("2Gf"). One parser for all of them, so every file and message agrees on the syntax:
//   quantity := number unit,   number := digits [ "." digits ]   (no sign, no exponent, no spaces anywhere)
// A parse returns the value in base units (seconds, bytes, bytes per second, per second, flops) or, on failure,
// a short reason; Quantity::expected says what a valid string of that kind looks like, for "expected X, found Y"
// messages. Values are correctly rounded: "100us" == 100e-6 and "0.1ms" == 0.1e-3 exactly.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace irpsim::core {

template <class T> struct Quantity {
  bool ok = false;
  T value{};
  std::string problem;         // when !ok: why, e.g. "no unit", "not a whole number of bytes"; may be empty
  std::string_view expected;   // what a valid string of this kind looks like (same for every call of a parser)
  explicit operator bool() const { return ok; }
};

// number + ns|us|ms|s, or "0" alone; seconds.
Quantity<double> parse_duration(std::string_view text);
// number + B|KB|KiB|MB|MiB|GB|GiB|TB|TiB (KB = 1000, KiB = 1024); must be a whole number of bytes that fits 64 bits.
Quantity<std::uint64_t> parse_size(std::string_view text);
// number + a size unit + "/s"; bytes per second.
Quantity<double> parse_bandwidth(std::string_view text);
// number + optional k|M|G + "/s"; per second.
Quantity<double> parse_rate(std::string_view text);
// number + f|kf|Mf|Gf|Tf; flops.
Quantity<double> parse_cpu_speed(std::string_view text);

// The `expected` texts, also usable without parsing (documentation, schema tests).
inline constexpr std::string_view kDurationSyntax =
    "a duration: a number followed by ns, us, ms or s (e.g. \"100us\", \"1.5ms\"), or \"0\"";
inline constexpr std::string_view kSizeSyntax =
    "a size: a number followed by B, KB, KiB, MB, MiB, GB, GiB, TB or TiB (e.g. \"4KiB\", \"0B\")";
inline constexpr std::string_view kBandwidthSyntax =
    "a bandwidth: a number followed by a size unit and /s (e.g. \"2GB/s\", \"500MiB/s\")";
inline constexpr std::string_view kRateSyntax =
    "a rate: a number followed by /s, k/s, M/s or G/s (e.g. \"1000/s\", \"50k/s\")";
inline constexpr std::string_view kCpuSpeedSyntax =
    "a CPU speed: a number followed by f, kf, Mf, Gf or Tf (e.g. \"2Gf\")";

}  // namespace irpsim::core

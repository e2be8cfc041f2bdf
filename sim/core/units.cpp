#include "sim/core/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace irpsim::core {
namespace {

__extension__ typedef unsigned __int128 u128;

constexpr u128 kU64Max = std::numeric_limits<std::uint64_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The text split into its decimal number ("12", "1.5") and its unit ("KiB", "us"); or why it cannot be.
struct Split {
  std::string_view integer, fraction, unit;
  std::string problem;  // empty: the split worked
};

Split split(std::string_view text) {
  Split s;
  if (text.empty()) {
    s.problem = "empty";
    return s;
  }
  if (text[0] == '-') {
    s.problem = "negative";
    return s;
  }
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i]))
    ++i;
  if (i == 0) {
    s.problem = "does not start with a number";
    return s;
  }
  s.integer = text.substr(0, i);
  if (i < text.size() && text[i] == '.') {
    const std::size_t start = ++i;
    while (i < text.size() && is_digit(text[i]))
      ++i;
    if (i == start) {
      s.problem = "no digits after the decimal point";
      return s;
    }
    s.fraction = text.substr(start, i - start);
  }
  s.unit = text.substr(i);
  for (char c : s.unit) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      s.problem = "contains whitespace";
      return s;
    }
  }
  if (s.unit.empty())
    s.problem = "no unit";
  return s;
}

// integer.fraction * 10^exp10, correctly rounded (the decimal text is handed to from_chars with an exponent).
std::optional<double> to_double(const Split& s, int exp10) {
  std::string digits;
  digits.reserve(s.integer.size() + s.fraction.size() + 8);
  digits.append(s.integer);
  if (!s.fraction.empty()) {
    digits.push_back('.');
    digits.append(s.fraction);
  }
  digits.push_back('e');
  digits.append(std::to_string(exp10));
  double v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

struct Unit {
  std::string_view name;
  int exp10;          // decimal scale
  int exp2;           // binary scale (for KiB and friends)
};

constexpr std::array<Unit, 9> kSizeUnits{{{"B", 0, 0},
                                          {"KB", 3, 0},
                                          {"KiB", 0, 10},
                                          {"MB", 6, 0},
                                          {"MiB", 0, 20},
                                          {"GB", 9, 0},
                                          {"GiB", 0, 30},
                                          {"TB", 12, 0},
                                          {"TiB", 0, 40}}};

template <std::size_t N> const Unit* find_unit(const std::array<Unit, N>& units, std::string_view name) {
  for (const Unit& u : units)
    if (u.name == name)
      return &u;
  return nullptr;
}

template <class T> Quantity<T> fail(std::string_view expected, std::string problem) {
  Quantity<T> q;
  q.expected = expected;
  q.problem = std::move(problem);
  return q;
}

template <class T> Quantity<T> success(std::string_view expected, T value) {
  Quantity<T> q;
  q.ok = true;
  q.value = value;
  q.expected = expected;
  return q;
}

std::string unknown_unit(std::string_view unit) { return "unknown unit \"" + std::string(unit) + "\""; }

// A decimal quantity with a unit from `units`, scaled to a double.
template <std::size_t N>
Quantity<double> parse_scaled(std::string_view text, const std::array<Unit, N>& units, std::string_view expected) {
  const Split s = split(text);
  if (!s.problem.empty())
    return fail<double>(expected, s.problem);
  const Unit* u = find_unit(units, s.unit);
  if (u == nullptr)
    return fail<double>(expected, unknown_unit(s.unit));
  const std::optional<double> v = to_double(s, u->exp10);
  if (!v)
    return fail<double>(expected, "out of range");
  const double scaled = std::ldexp(*v, u->exp2);
  if (!std::isfinite(scaled))
    return fail<double>(expected, "out of range");
  return success(expected, scaled);
}

u128 gcd(u128 a, u128 b) {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

Quantity<double> parse_duration(std::string_view text) {
  static constexpr std::array<Unit, 4> kUnits{{{"ns", -9, 0}, {"us", -6, 0}, {"ms", -3, 0}, {"s", 0, 0}}};
  if (text == "0")
    return success(kDurationSyntax, 0.0);
  return parse_scaled(text, kUnits, kDurationSyntax);
}

Quantity<std::uint64_t> parse_size(std::string_view text) {
  const Split s = split(text);
  if (!s.problem.empty())
    return fail<std::uint64_t>(kSizeSyntax, s.problem);
  const Unit* u = find_unit(kSizeUnits, s.unit);
  if (u == nullptr)
    return fail<std::uint64_t>(kSizeSyntax, unknown_unit(s.unit));
  const u128 multiplier = u->exp2 > 0 ? (u128{1} << u->exp2) : [&] {
    u128 m = 1;
    for (int i = 0; i < u->exp10; ++i)
      m *= 10;
    return m;
  }();
  // Exact arithmetic: integer * multiplier + fraction * multiplier / 10^k must be a whole number below 2^64.
  u128 integer = 0;
  for (char c : s.integer) {
    integer = integer * 10 + static_cast<unsigned>(c - '0');
    if (integer > kU64Max)
      return fail<std::uint64_t>(kSizeSyntax, "too large (more than 2^64 - 1 bytes)");
  }
  std::string_view fraction = s.fraction;
  while (!fraction.empty() && fraction.back() == '0')
    fraction.remove_suffix(1);
  u128 fraction_bytes = 0;
  if (!fraction.empty()) {
    // More than 38 significant decimals cannot give whole bytes with a multiplier of at most 2^40.
    if (fraction.size() > 38)
      return fail<std::uint64_t>(kSizeSyntax, "not a whole number of bytes");
    u128 f = 0, pow10 = 1;
    for (char c : fraction) {
      f = f * 10 + static_cast<unsigned>(c - '0');
      pow10 *= 10;
    }
    const u128 g = gcd(multiplier, pow10);
    const u128 divisor = pow10 / g;
    if (f % divisor != 0)
      return fail<std::uint64_t>(kSizeSyntax, "not a whole number of bytes");
    const u128 reduced = f / divisor;
    if (reduced > kU64Max)
      return fail<std::uint64_t>(kSizeSyntax, "too large (more than 2^64 - 1 bytes)");
    fraction_bytes = reduced * (multiplier / g);
  }
  const u128 total = integer * multiplier + fraction_bytes;  // < 2^64 * 2^40 + 2^104: no overflow
  if (total > kU64Max)
    return fail<std::uint64_t>(kSizeSyntax, "too large (more than 2^64 - 1 bytes)");
  return success(kSizeSyntax, static_cast<std::uint64_t>(total));
}

Quantity<double> parse_bandwidth(std::string_view text) {
  constexpr std::string_view kPerSecond = "/s";
  if (text.size() <= kPerSecond.size() || text.substr(text.size() - kPerSecond.size()) != kPerSecond) {
    const Split s = split(text);
    return fail<double>(kBandwidthSyntax, s.problem.empty() ? "no \"/s\" after the size unit" : s.problem);
  }
  return parse_scaled(text.substr(0, text.size() - kPerSecond.size()), kSizeUnits, kBandwidthSyntax);
}

Quantity<double> parse_rate(std::string_view text) {
  static constexpr std::array<Unit, 4> kUnits{{{"/s", 0, 0}, {"k/s", 3, 0}, {"M/s", 6, 0}, {"G/s", 9, 0}}};
  return parse_scaled(text, kUnits, kRateSyntax);
}

Quantity<double> parse_cpu_speed(std::string_view text) {
  static constexpr std::array<Unit, 5> kUnits{
      {{"f", 0, 0}, {"kf", 3, 0}, {"Mf", 6, 0}, {"Gf", 9, 0}, {"Tf", 12, 0}}};
  return parse_scaled(text, kUnits, kCpuSpeedSyntax);
}

}  // namespace irpsim::core

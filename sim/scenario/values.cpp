// Readers for the quantity strings, statuses, distributions, IOCTL codes and core lists of a scenario
// (json_reader.hpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "models/distribution.hpp"
#include "sim/core/units.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/keys.hpp"

namespace irpsim::scenario::detail {
namespace {

std::string with_problem(const std::string& problem) { return problem.empty() ? "" : " (" + problem + ")"; }

// The longest duration a scenario may give. The results count nanoseconds in 64 bits (2^63 ns is about 292 years);
// this bound leaves room for sums of durations and for the tails of distributions, and is far above any real I/O
// time, delay or run length.
constexpr double kMaxDurationS = 1e6;
constexpr std::string_view kMaxDurationWhat =
    "of at most 1000000s (about 11.6 days; longer times overflow the nanosecond counts of the results)";

static_assert(kMaxCores == 4096, "kCoreIndexWhat states the largest core index");
constexpr std::string_view kCoreIndexWhat = "a core index (an integer from 0 to 4095)";

// The largest stddev / mean of a lognormal: beyond about 1.3e154, sigma^2 = ln(1 + (stddev / mean)^2) is infinite.
constexpr double kMaxLognormalRatio = 1e150;

template <class T, class Parse>
std::optional<T> read_quantity(const Value& v, Parse parse, std::string_view expected, std::string_view positive) {
  if (!v.node.is_string()) {
    v.expected(expected, v.node.is_number() ? " (a number needs a unit, written as a string)" : "");
    return std::nullopt;
  }
  const auto q = parse(v.node.template get_ref<const std::string&>());
  if (!q) {
    v.expected(expected, with_problem(q.problem));
    return std::nullopt;
  }
  if (!positive.empty() && q.value == 0) {
    v.expected(positive);
    return std::nullopt;
  }
  return q.value;
}

// The distribution kinds by "dist" name, with the keys each takes.
struct DistKind {
  std::string_view name;
  DistributionSpec::Kind kind;
  std::span<const std::string_view> keys;
};

constexpr std::array<DistKind, 6> kDistKinds{{
    {"constant", DistributionSpec::Kind::CONSTANT, keys::kDistConstant},
    {"uniform", DistributionSpec::Kind::UNIFORM, keys::kDistUniform},
    {"exponential", DistributionSpec::Kind::EXPONENTIAL, keys::kDistExponential},
    {"normal", DistributionSpec::Kind::NORMAL, keys::kDistNormal},
    {"lognormal", DistributionSpec::Kind::LOGNORMAL, keys::kDistLognormal},
    {"empirical", DistributionSpec::Kind::EMPIRICAL, keys::kDistEmpirical},
}};

// The names `irpsim list` shows (models' registry), for "expected one of ..." messages.
std::vector<std::string_view> registry_names() {
  std::vector<std::string_view> names;
  for (const auto& info : models::distribution_registry())
    names.push_back(info.name);
  if (names.empty())
    names.assign(keys::kDistributionNames.begin(), keys::kDistributionNames.end());
  return names;
}

void read_empirical(const ObjectView& o, DistributionSpec& d, bool& ok) {
  auto table = o.need("table");
  if (!table) {
    ok = false;
    return;
  }
  auto rows = read_array(*table, 1, "a non-empty array of [duration, weight] pairs");
  if (!rows) {
    ok = false;
    return;
  }
  double total = 0;  // of the weights so far: must stay finite, or no weight could be drawn
  for (const Value& row : *rows) {
    auto pair = read_array(row, 2, "a [duration, weight] pair");
    if (!pair)
      ok = false;
    else if (pair->size() != 2)
      row.expected("a [duration, weight] pair"), ok = false;
    else {
      auto value = read_duration((*pair)[0]);
      auto weight = read_number((*pair)[1], 0, std::numeric_limits<double>::infinity(), true);
      if (weight && !std::isfinite(total + *weight)) {
        (*pair)[1].expected(sum_overflow_what(total));
        weight.reset();
      } else if (weight) {
        total += *weight;
      }
      if (value && weight)
        d.table.emplace_back(*value, *weight);
      else
        ok = false;
    }
  }
}

}  // namespace

std::optional<double> read_duration(const Value& v, bool positive) {
  auto t = read_quantity<double>(v, core::parse_duration, core::kDurationSyntax, positive ? "a duration > 0" : "");
  if (t && *t > kMaxDurationS) {
    v.expected("a duration " + std::string(kMaxDurationWhat));
    return std::nullopt;
  }
  return t;
}

std::string sum_overflow_what(double total_so_far) {
  json total = total_so_far;
  return "a weight that keeps the sum of the weights finite (the weights before it add up to " + total.dump() +
         ", and a double holds at most 1.8e308)";
}

std::optional<std::uint64_t> read_size(const Value& v, bool positive) {
  return read_quantity<std::uint64_t>(v, core::parse_size, core::kSizeSyntax, positive ? "a size > 0B" : "");
}

std::optional<double> read_bandwidth(const Value& v) {
  return read_quantity<double>(v, core::parse_bandwidth, core::kBandwidthSyntax, "a bandwidth > 0");
}

std::optional<double> read_rate(const Value& v) {
  return read_quantity<double>(v, core::parse_rate, core::kRateSyntax, "a rate > 0");
}

std::optional<double> read_cpu_speed(const Value& v) {
  return read_quantity<double>(v, core::parse_cpu_speed, core::kCpuSpeedSyntax, "a CPU speed > 0");
}

std::optional<NtStatus> read_status(const Value& v) {
  constexpr std::string_view kWhat = "a status name such as \"STATUS_SUCCESS\" or a hex value such as \"0xC000009C\"";
  if (!v.node.is_string()) {
    v.expected(kWhat);
    return std::nullopt;
  }
  const auto& text = v.node.get_ref<const std::string&>();
  const std::optional<NtStatus> s = core::parse_status(text);
  if (!s) {
    v.expected(kWhat, did_you_mean(text, core::known_status_names()));
    return std::nullopt;
  }
  if (*s == core::STATUS_PENDING) {
    v.expected("a final status (STATUS_PENDING is what a dispatch routine returns, not a completion status)");
    return std::nullopt;
  }
  return s;
}

std::optional<DistributionSpec> read_distribution(const Value& v) {
  // A bare number is a duration missing its unit: read_duration says so.
  if (v.node.is_string() || v.node.is_number()) {
    auto value = read_duration(v);
    if (!value)
      return std::nullopt;
    DistributionSpec d;
    d.kind = DistributionSpec::Kind::CONSTANT;
    d.value = *value;
    return d;
  }
  const std::vector<std::string_view> names = registry_names();
  if (!v.node.is_object()) {
    v.expected("a duration string (a constant) or a distribution object {\"dist\": " + quoted_list(names) + ", ...}");
    return std::nullopt;
  }
  auto it = v.node.find("dist");
  if (it == v.node.end()) {
    v.error("expected the required key \"dist\" (one of " + quoted_list(names) + "), found it missing");
    return std::nullopt;
  }
  const Value dist_value{*it, v.at / "dist", v.issues};
  auto index = read_choice(dist_value, names);
  if (!index)
    return std::nullopt;
  const DistKind* kind = nullptr;
  for (const DistKind& k : kDistKinds)
    if (k.name == names[*index])
      kind = &k;
  if (kind == nullptr) {  // a registry name the parser does not know: a build mismatch, reported, not crashed on
    dist_value.expected("one of " + quoted_list(keys::kDistributionNames));
    return std::nullopt;
  }
  const ObjectView o(v, kind->keys);
  DistributionSpec d;
  d.kind = kind->kind;
  bool ok = true;
  // A required duration parameter; positive rejects zero.
  auto param = [&](std::string_view key, bool positive, double& out) {
    auto p = o.need(key);
    auto value = p ? read_duration(*p, positive) : std::nullopt;
    if (value)
      out = *value;
    else
      ok = false;
  };
  using Kind = DistributionSpec::Kind;
  switch (d.kind) {
    case Kind::CONSTANT:
      param("value", false, d.value);
      break;
    case Kind::UNIFORM:
      param("min", false, d.min);
      param("max", false, d.max);
      if (ok && d.min > d.max) {
        o.get("max")->expected("a duration >= min (" + describe(*v.node.find("min")) + ")");
        ok = false;
      }
      break;
    case Kind::EXPONENTIAL:
      param("mean", true, d.mean);
      break;
    case Kind::NORMAL:
      param("mean", false, d.mean);
      param("stddev", false, d.stddev);
      break;
    case Kind::LOGNORMAL:
      param("mean", true, d.mean);
      param("stddev", false, d.stddev);
      // sigma^2 = ln(1 + (stddev / mean)^2) must be finite, or every draw is NaN.
      if (ok && d.stddev / d.mean > kMaxLognormalRatio) {
        o.get("stddev")->expected("a stddev at most 1e150 times the mean (" + describe(*v.node.find("mean")) +
                                  "; the lognormal's sigma^2 = ln(1 + (stddev/mean)^2) overflows beyond that)");
        ok = false;
      }
      break;
    case Kind::EMPIRICAL:
      read_empirical(o, d, ok);
      break;
  }
  if (!ok)
    return std::nullopt;
  return d;
}

std::optional<std::uint32_t> read_ioctl_code(const Value& v) {
  constexpr std::string_view kWhat = "an IOCTL code: a hex string such as \"0x222004\" or an integer below 2^32";
  if (v.node.is_string()) {
    const auto& text = v.node.get_ref<const std::string&>();
    if (text.size() > 2 && text.size() <= 10 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
      std::uint32_t code = 0;
      bool ok = true;
      for (char c : std::string_view(text).substr(2)) {
        std::uint32_t digit;
        if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
        else { ok = false; break; }
        code = code * 16 + digit;
      }
      if (ok)
        return code;
    }
    v.expected(kWhat);
    return std::nullopt;
  }
  if (v.node.is_number()) {
    Issues scratch;  // report with this reader's wording, not read_unsigned's
    if (auto n = read_unsigned(Value{v.node, v.at, scratch}, 0, 0xFFFFFFFFu))
      return static_cast<std::uint32_t>(*n);
  }
  v.expected(kWhat);
  return std::nullopt;
}

bool read_cores(const Value& v, std::string_view what, std::vector<int>& cores, std::vector<Pointer>& where) {
  auto items = read_array(v, 1, what);
  if (!items)
    return false;
  bool ok = true;
  for (const Value& item : *items) {
    Issues scratch;  // report with this reader's wording, not read_unsigned's
    const auto n = read_unsigned(Value{item.node, item.at, scratch}, 0, kMaxCores - 1);
    if (!n) {
      item.expected(kCoreIndexWhat);
      ok = false;
      continue;
    }
    const int core = static_cast<int>(*n);
    if (auto first = std::find(cores.begin(), cores.end(), core); first != cores.end()) {
      item.expected("each core once", " again (first at " + where[first - cores.begin()].to_string() + ")");
      ok = false;
      continue;
    }
    cores.push_back(core);
    where.push_back(item.at);
  }
  return ok;
}

}  // namespace irpsim::scenario::detail

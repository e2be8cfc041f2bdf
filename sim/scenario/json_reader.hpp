// Reading JSON values into plain values while collecting problems (internal to irpsim_scenario). Every reader
// checks the JSON type and range itself, so no nlohmann accessor that can throw is ever reached with a wrong type;
// on a problem it records "expected X, found Y" at the value's pointer and returns nullopt.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/parser.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::scenario::detail {

using json = nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

// The problems found so far. Keeps the first kMaxIssues; the rest are counted and summarised at the end.
class Issues {
public:
  static constexpr std::size_t kMaxIssues = 500;
  void add(const Pointer& at, std::string message);
  void add(std::string pointer, std::string message);
  std::size_t count() const { return list_.size() + dropped_; }
  std::vector<ScenarioIssue> take();

private:
  std::vector<ScenarioIssue> list_;
  std::size_t dropped_ = 0;
};

// A JSON string literal for a message; long texts are shortened.
std::string quote(std::string_view text);
// What was found, for "found ...": "fiter", 0, 4.5, true, null, an object, an array.
std::string describe(const json& value);
// "a", "b", "c"
std::string quoted_list(std::span<const std::string_view> names);
std::string quoted_list(const std::vector<std::string>& names);
// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);
// " (did you mean "x"?)" when a candidate is within edit distance 2 of `found`, else "".
std::string did_you_mean(std::string_view found, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view found, const std::vector<std::string>& candidates);

// What is wrong with scenario text before it is JSON, or nullopt: the JSON parser's own messages are poor for these
// (a NUL byte reads as "unexpected end of input", a stray non-UTF-8 byte as "invalid literal" and is echoed raw).
//   - a UTF-16 or UTF-32 byte order mark, or NUL bytes (UTF-16 text, a binary file);
//   - bytes that are not UTF-8 (overlong forms, surrogates and code points above U+10FFFF included), anywhere;
//   - nothing but a UTF-8 byte order mark and whitespace: an empty file.
// A leading UTF-8 byte order mark (EF BB BF) is accepted, as the JSON parser skips it. The message says what was
// expected and found, with the line and column (in bytes, 1-based, as the JSON parser counts) of the first bad byte.
std::optional<std::string> text_problem(std::string_view text);

// One JSON value and where it is.
struct Value {
  const json& node;
  Pointer at;
  Issues& issues;
  void error(std::string message) const { issues.add(at, std::move(message)); }
  // "expected <expected>, found <what was found>"
  void expected(std::string_view expected, std::string_view note = "") const;
};

// An object whose keys are checked against a table: each unknown key is reported (with a suggestion) at
// construction. If the value is not an object, that is reported and the view is empty.
class ObjectView {
public:
  ObjectView(const Value& value, std::span<const std::string_view> keys, std::string_view what = "an object");
  bool ok() const { return ok_; }
  // The value of `key`, or nullopt when absent (nothing reported).
  std::optional<Value> get(std::string_view key) const;
  // The value of `key`; when absent reports "missing required key" (with `why`, if given) at this object.
  std::optional<Value> need(std::string_view key, std::string_view why = "") const;
  bool has(std::string_view key) const;
  const Pointer& at() const { return at_; }
  Issues& issues() const { return issues_; }

private:
  const json& node_;
  Pointer at_;
  Issues& issues_;
  bool ok_ = false;
};

// Arrays: nullopt (reported) when the value is not an array or has fewer than min_size elements.
std::optional<std::vector<Value>> read_array(const Value& v, std::size_t min_size, std::string_view what);

std::optional<std::string> read_string(const Value& v);
// [A-Za-z0-9_.-]+, not "." or ".."
std::optional<std::string> read_name(const Value& v);
std::optional<bool> read_bool(const Value& v);
// Integers (or floats with an integral value) in [min, max].
std::optional<std::uint64_t> read_unsigned(const Value& v, std::uint64_t min, std::uint64_t max);
// Finite numbers in [min, max]; min itself excluded when min_exclusive.
std::optional<double> read_number(const Value& v, double min, double max, bool min_exclusive);
// One of `choices`; returns its index.
std::optional<std::size_t> read_choice(const Value& v, std::span<const std::string_view> choices);
std::optional<core::RequestType> read_request_type(const Value& v);

// Unit strings (sim/core/units.hpp); `positive` rejects zero. Durations are at most 1000000s (values.cpp).
std::optional<double> read_duration(const Value& v, bool positive = false);
std::optional<std::uint64_t> read_size(const Value& v, bool positive = false);
std::optional<double> read_bandwidth(const Value& v);  // > 0
std::optional<double> read_rate(const Value& v);       // > 0
std::optional<double> read_cpu_speed(const Value& v);  // > 0

// A status name known to core::parse_status or a hex value; STATUS_PENDING is never a final status.
std::optional<NtStatus> read_status(const Value& v);
// For weights drawn in proportion (mix entries, empirical tables): "expected <this>, found W" when adding W to the
// weights before it (total_so_far) would overflow to infinity.
std::string sum_overflow_what(double total_so_far);
// A duration string (a constant) or {"dist": NAME, ...parameters}.
std::optional<DistributionSpec> read_distribution(const Value& v);
// A hex string ("0x222004") or an integer, 32 bits.
std::optional<std::uint32_t> read_ioctl_code(const Value& v);
// The most cores a host may have.
// Windows runs on at most 2048 logical processors (Windows Server 2022); 4096 leaves room. A host keeps a small
// state per core and the reports list every core, so the bound keeps both small.
inline constexpr std::uint64_t kMaxCores = 4096;
// A non-empty array of distinct core indices (integers from 0 to kMaxCores - 1; check_topology checks them against
// their host's cores), `what` naming it in "expected ..." messages. Appends each valid index to `cores` and its
// pointer to `where`; false when anything was wrong.
bool read_cores(const Value& v, std::string_view what, std::vector<int>& cores, std::vector<Pointer>& where);

}  // namespace irpsim::scenario::detail

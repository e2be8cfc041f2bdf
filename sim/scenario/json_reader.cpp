#include "sim/scenario/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace irpsim::scenario::detail {

void Issues::add(const Pointer& at, std::string message) { add(at.to_string(), std::move(message)); }

void Issues::add(std::string pointer, std::string message) {
  if (list_.size() >= kMaxIssues) {
    ++dropped_;
    return;
  }
  list_.push_back({std::move(pointer), std::move(message)});
}

std::vector<ScenarioIssue> Issues::take() {
  std::vector<ScenarioIssue> out = std::move(list_);
  if (dropped_ > 0)
    out.push_back({"", "and " + std::to_string(dropped_) + " more problems not listed"});
  list_.clear();
  dropped_ = 0;
  return out;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kLongest = 60;
  std::string shown(text.substr(0, kLongest));
  std::string out = json(shown).dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kLongest)
    out.insert(out.size() - 1, "...");
  return out;
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return quote(value.get_ref<const std::string&>());
    case json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    case json::value_t::array:
      return value.empty() ? "an empty array" : "an array";
    case json::value_t::discarded:
      return "nothing";
    default:  // numbers, booleans, null: short by construction
      return value.dump();
  }
}

std::string quoted_list(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty())
      out += ", ";
    out += quote(n);
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string_view> views(names.begin(), names.end());
  return quoted_list(views);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  constexpr std::size_t kFar = 1000;  // long names are never suggestions; keeps the cost bounded
  if (a.size() > 64 || b.size() > 64)
    return kFar;
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string did_you_mean(std::string_view found, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_distance = 3;  // suggest only within distance 2
  for (std::string_view c : candidates) {
    const std::size_t dist = edit_distance(found, c);
    if (dist < best_distance && c != found) {
      best = c;
      best_distance = dist;
    }
  }
  if (best.empty())
    return "";
  return " (did you mean " + quote(best) + "?)";
}

std::string did_you_mean(std::string_view found, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return did_you_mean(found, views);
}

void Value::expected(std::string_view what, std::string_view note) const {
  std::string message = "expected ";
  message += what;
  message += ", found ";
  message += describe(node);
  message += note;
  error(std::move(message));
}

ObjectView::ObjectView(const Value& value, std::span<const std::string_view> keys, std::string_view what)
    : node_(value.node), at_(value.at), issues_(value.issues) {
  if (!node_.is_object()) {
    value.expected(what);
    return;
  }
  ok_ = true;
  for (const auto& [key, member] : node_.items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end())
      continue;
    issues_.add(at_ / key, "expected one of the keys " + quoted_list(keys) + ", found the unknown key " + quote(key) +
                               did_you_mean(key, keys));
  }
}

std::optional<Value> ObjectView::get(std::string_view key) const {
  if (!ok_)
    return std::nullopt;
  auto it = node_.find(key);
  if (it == node_.end())
    return std::nullopt;
  return Value{*it, at_ / std::string(key), issues_};
}

std::optional<Value> ObjectView::need(std::string_view key, std::string_view why) const {
  if (!ok_)
    return std::nullopt;
  auto it = node_.find(key);
  if (it == node_.end()) {
    std::string message = "expected the required key " + quote(key);
    message += why;
    message += ", found it missing";
    issues_.add(at_, std::move(message));
    return std::nullopt;
  }
  return Value{*it, at_ / std::string(key), issues_};
}

bool ObjectView::has(std::string_view key) const { return ok_ && node_.contains(key); }

std::optional<std::vector<Value>> read_array(const Value& v, std::size_t min_size, std::string_view what) {
  if (!v.node.is_array() || v.node.size() < min_size) {
    v.expected(what);
    return std::nullopt;
  }
  std::vector<Value> out;
  out.reserve(v.node.size());
  for (std::size_t i = 0; i < v.node.size(); ++i)
    out.push_back(Value{v.node[i], v.at / i, v.issues});
  return out;
}

std::optional<std::string> read_string(const Value& v) {
  if (!v.node.is_string()) {
    v.expected("a string");
    return std::nullopt;
  }
  return v.node.get<std::string>();
}

std::optional<std::string> read_name(const Value& v) {
  constexpr std::string_view kWhat = "a name of letters, digits, \"_\", \".\" and \"-\"";
  if (!v.node.is_string()) {
    v.expected(kWhat);
    return std::nullopt;
  }
  const auto& s = v.node.get_ref<const std::string&>();
  const bool chars_ok = std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
  });
  if (s.empty() || !chars_ok || s == "." || s == "..") {
    v.expected(std::string(kWhat) + " (not \".\" or \"..\")");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> read_bool(const Value& v) {
  if (!v.node.is_boolean()) {
    v.expected("true or false");
    return std::nullopt;
  }
  return v.node.get<bool>();
}

std::optional<std::uint64_t> read_unsigned(const Value& v, std::uint64_t min, std::uint64_t max) {
  std::optional<std::uint64_t> n;
  bool too_big = false;
  if (v.node.is_number_unsigned()) {
    n = v.node.get<std::uint64_t>();
  } else if (v.node.is_number_integer()) {
    if (const std::int64_t i = v.node.get<std::int64_t>(); i >= 0)
      n = static_cast<std::uint64_t>(i);
  } else if (v.node.is_number_float()) {
    const double d = v.node.get<double>();
    // 2^64 as a double; integral floats such as 4.0 are integers to JSON Schema too.
    if (std::isfinite(d) && d >= 0 && d < 18446744073709551616.0 && std::floor(d) == d)
      n = static_cast<std::uint64_t>(d);
    too_big = d >= 18446744073709551616.0;
  }
  if (n && *n >= min && *n <= max)
    return n;
  // The upper bound is mentioned only to a value above it: "expected an integer >= 1, found 0".
  if ((n && *n > max) || too_big)
    v.expected("an integer from " + std::to_string(min) + " to " + std::to_string(max));
  else
    v.expected(min == 0 ? std::string("an unsigned integer") : "an integer >= " + std::to_string(min));
  return std::nullopt;
}

std::optional<double> read_number(const Value& v, double min, double max, bool min_exclusive) {
  std::string what;
  // Whole bounds read as integers ("> 0", "from 0 to 1"), others in JSON's shortest form.
  auto text = [](double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15)
      return std::to_string(static_cast<long long>(x));
    json j = x;
    return j.dump();
  };
  if (std::isinf(max))
    what = std::string("a number ") + (min_exclusive ? "> " : ">= ") + text(min);
  else
    what = "a number from " + text(min) + (min_exclusive ? " (excluded)" : "") + " to " + text(max);
  if (!v.node.is_number()) {
    v.expected(what);
    return std::nullopt;
  }
  const double d = v.node.get<double>();
  if (!std::isfinite(d) || d < min || (min_exclusive && d == min) || d > max) {
    v.expected(what);
    return std::nullopt;
  }
  return d;
}

std::optional<std::size_t> read_choice(const Value& v, std::span<const std::string_view> choices) {
  const std::string what = "one of " + quoted_list(choices);
  if (!v.node.is_string()) {
    v.expected(what);
    return std::nullopt;
  }
  const auto& s = v.node.get_ref<const std::string&>();
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i] == s)
      return i;
  v.expected(what, did_you_mean(s, choices));
  return std::nullopt;
}

std::optional<core::RequestType> read_request_type(const Value& v) {
  static constexpr std::array<std::string_view, kRequestTypeCount> kNames{
      core::type_name(core::kAllRequestTypes[0]), core::type_name(core::kAllRequestTypes[1]),
      core::type_name(core::kAllRequestTypes[2]), core::type_name(core::kAllRequestTypes[3]),
      core::type_name(core::kAllRequestTypes[4])};
  if (auto i = read_choice(v, kNames))
    return core::kAllRequestTypes[*i];
  return std::nullopt;
}

namespace {

// "line 3, column 17" for the byte at `pos`: both 1-based, columns counted in bytes as the JSON parser counts them.
std::string position_of(std::string_view text, std::size_t pos) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(pos - line_start + 1);
}

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not one (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF, no sequence cut short).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto follows = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return i + k < text.size() && at(k) >= lo && at(k) <= hi;
  };
  const unsigned c = at(0);
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return follows(1) ? 2 : 0;
  if (c == 0xE0)
    return follows(1, 0xA0) && follows(2) ? 3 : 0;
  if (c == 0xED)
    return follows(1, 0x80, 0x9F) && follows(2) ? 3 : 0;
  if (c >= 0xE1 && c <= 0xEF)
    return follows(1) && follows(2) ? 3 : 0;
  if (c == 0xF0)
    return follows(1, 0x90) && follows(2) && follows(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3)
    return follows(1) && follows(2) && follows(3) ? 4 : 0;
  if (c == 0xF4)
    return follows(1, 0x80, 0x8F) && follows(2) && follows(3) ? 4 : 0;
  return 0;  // 0x80-0xC1 (a continuation byte or an overlong lead), 0xF5-0xFF
}

}  // namespace

std::optional<std::string> text_problem(std::string_view text) {
  using namespace std::string_view_literals;
  constexpr std::string_view kSaveAsUtf8 = " (save the file as UTF-8)";
  const auto starts_with = [&](std::string_view mark) { return text.substr(0, mark.size()) == mark; };
  // UTF-32 first: its little-endian mark starts with UTF-16's.
  if (starts_with("\xFF\xFE\0\0"sv) || starts_with("\0\0\xFE\xFF"sv))
    return "expected UTF-8 text, found a UTF-32 byte order mark" + std::string(kSaveAsUtf8);
  if (starts_with("\xFF\xFE"sv) || starts_with("\xFE\xFF"sv))
    return "expected UTF-8 text, found a UTF-16 byte order mark" + std::string(kSaveAsUtf8);
  const bool bom = starts_with("\xEF\xBB\xBF"sv);  // skipped by the JSON parser too
  for (std::size_t i = bom ? 3 : 0; i < text.size();) {
    if (text[i] == '\0')
      return "expected UTF-8 text, found a NUL byte at " + position_of(text, i) +
             " (UTF-16 text, or not a text file: save it as UTF-8)";
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
      return "expected UTF-8 text, found the byte " + std::string(byte) + " at " + position_of(text, i) +
             ", which is not UTF-8" + std::string(kSaveAsUtf8);
    }
    i += n;
  }
  if (text.find_first_not_of(" \t\r\n", bom ? 3 : 0) == std::string_view::npos)
    return std::string("expected a JSON document, found an empty file") + (bom ? " (only a byte order mark)" : "");
  return std::nullopt;
}

}  // namespace irpsim::scenario::detail

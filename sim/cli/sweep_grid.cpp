#include "sim/cli/sweep_grid.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <string_view>

#include "sim/cli/json_file.hpp"
#include "sim/scenario/json_reader.hpp"

namespace irpsim::cli {
namespace {

namespace sd = scenario::detail;
using ojson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> kFileKeys{"$schema", "name", "description", "base", "parameters", "seeds"};
constexpr std::array<std::string_view, 4> kParameterKeys{"pointer", "label", "values", "range"};
constexpr std::array<std::string_view, 4> kRangeKeys{"from", "to", "step", "unit"};

// A label from the pointer: its last token, or the last two when the last is an array index ("mix-0").
std::string label_from_pointer(const std::string& pointer) {
  std::vector<std::string> tokens;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const std::size_t end = pointer.find('/', start);
    tokens.push_back(pointer.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  std::string label = tokens.empty() ? std::string() : tokens.back();
  const bool index = !label.empty() && label.find_first_not_of("0123456789") == std::string::npos;
  if (index && tokens.size() >= 2)
    label = tokens[tokens.size() - 2] + "-" + label;
  for (char& c : label)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      c = '_';
  return label;
}

// True when `a`'s tokens are a prefix of `b`'s (or equal).
bool contains_pointer(const std::string& a, const std::string& b) {
  return b == a || (b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == '/');
}

void read_range(const sd::Value& v, SweepParameter& p) {
  const sd::ObjectView o(v, kRangeKeys, "a range object {\"from\": N, \"to\": N, \"step\": N, \"unit\": TEXT}");
  if (!o.ok())
    return;
  std::optional<double> from, to, step;
  std::string unit;
  constexpr double kBig = 1e15;
  if (auto f = o.need("from"))
    from = sd::read_number(*f, -kBig, kBig, false);
  if (auto t = o.need("to"))
    to = sd::read_number(*t, -kBig, kBig, false);
  if (auto s = o.need("step"))
    step = sd::read_number(*s, 0, std::numeric_limits<double>::infinity(), true);
  if (auto u = o.get("unit"))
    if (auto text = sd::read_string(*u))
      unit = *text;
  if (!from || !to || !step)
    return;
  if (*to < *from) {
    o.get("to")->expected("a number >= from (" + number_text(*from) + ")");
    return;
  }
  const double count = std::floor((*to - *from) / *step * (1 + 1e-9)) + 1;
  if (count > static_cast<double>(kMaxSweepPoints)) {
    o.get("step")->expected("a step giving at most " + std::to_string(kMaxSweepPoints) + " values",
                            " (" + number_text(count) + " values)");
    return;
  }
  p.values = range_values(*from, *to, *step, unit);
}

}  // namespace

std::string number_text(double value) {
  char buf[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.9f", value);
    std::string s(buf);
    while (!s.empty() && s.back() == '0')
      s.pop_back();
    if (!s.empty() && s.back() == '.')
      s.pop_back();
    return s == "-0" ? "0" : s;
  }
  return std::string(buf) == "-0" ? "0" : std::string(buf);
}

std::vector<ojson> range_values(double from, double to, double step, const std::string& unit) {
  std::vector<ojson> out;
  if (!(step > 0) || to < from)
    return out;
  const auto count = static_cast<std::size_t>(std::floor((to - from) / step * (1 + 1e-9))) + 1;
  for (std::size_t i = 0; i < count && i < kMaxSweepPoints; ++i) {
    const std::string text = number_text(from + static_cast<double>(i) * step);  // no accumulated error
    if (!unit.empty())
      out.emplace_back(text + unit);
    else if (text.find('.') == std::string::npos)
      out.emplace_back(std::stoll(text));
    else
      out.emplace_back(std::stod(text));
  }
  return out;
}

SweepFile parse_sweep(const ojson& document, const std::string& source) {
  const nlohmann::json plain = to_plain_json(document);
  sd::Issues issues;
  SweepFile sweep;
  const sd::Value root{plain, sd::Pointer(), issues};
  const sd::ObjectView top(root, kFileKeys, "a sweep object {\"name\": ..., \"base\": ..., \"parameters\": [...]}");
  if (top.ok()) {
    if (auto v = top.get("$schema"))
      sd::read_string(*v);
    if (auto v = top.need("name"))
      if (auto name = sd::read_name(*v))
        sweep.name = *name;
    if (auto v = top.get("description"))
      if (auto text = sd::read_string(*v))
        sweep.description = *text;
    if (auto v = top.need("base")) {
      if (v->node.is_string() && !v->node.get_ref<const std::string&>().empty())
        sweep.base_file = v->node.get<std::string>();
      else if (v->node.is_object())
        sweep.base_inline = document["base"];
      else
        v->expected("the path of a scenario file (relative to the sweep file) or a scenario object");
    }
    if (auto v = top.get("seeds"))
      if (auto n = sd::read_unsigned(*v, 1, 1000))
        sweep.seeds = static_cast<std::uint32_t>(*n);
    if (auto v = top.need("parameters"))
      if (auto list = sd::read_array(*v, 1, "an array of at least one parameter {\"pointer\": ..., ...}")) {
        std::set<std::string> labels;
        double points = 1;
        for (std::size_t i = 0; i < list->size(); ++i) {
          const sd::ObjectView o((*list)[i], kParameterKeys,
                                 "a parameter object {\"pointer\": ..., \"values\": [...]} or {\"pointer\": ..., "
                                 "\"range\": {...}}");
          if (!o.ok())
            continue;
          SweepParameter p;
          if (auto ptr = o.need("pointer"))
            if (auto text = sd::read_string(*ptr)) {
              bool syntax_ok = true;
              try {
                (void)nlohmann::json::json_pointer(*text);
              } catch (const nlohmann::json::exception&) {
                syntax_ok = false;
              }
              if (!syntax_ok || text->empty())
                ptr->expected("a JSON pointer (RFC 6901) to a value inside the base scenario, such as "
                              "\"/workloads/0/queue_depth\"");
              else
                p.pointer = *text;
            }
          if (auto l = o.get("label")) {
            if (auto name = sd::read_name(*l))
              p.label = *name;
          } else {
            p.label = label_from_pointer(p.pointer);
          }
          if (!p.label.empty() && !labels.insert(p.label).second) {
            if (auto l = o.get("label"))
              l->expected("a label no other parameter has");
            else
              o.need("pointer")->expected("a pointer whose last token no other parameter's ends with",
                                          " (give this parameter a \"label\")");
          }
          const bool has_values = o.has("values"), has_range = o.has("range");
          if (has_values == has_range) {
            issues.add(o.at(), has_values ? "expected \"values\" or \"range\", found both"
                                          : "expected the key \"values\" (a list) or \"range\", found neither");
          } else if (has_values) {
            if (auto vals = sd::read_array(*o.get("values"), 1, "a non-empty array of values"))
              for (const sd::Value& value : *vals)
                p.values.push_back(ojson::parse(value.node.dump()));
          } else {
            read_range(*o.get("range"), p);
          }
          if (!p.values.empty())
            points *= static_cast<double>(p.values.size());
          sweep.parameters.push_back(std::move(p));
        }
        for (std::size_t j = 0; j < sweep.parameters.size(); ++j)
          for (std::size_t i = 0; i < j; ++i) {
            const std::string& a = sweep.parameters[i].pointer;
            const std::string& b = sweep.parameters[j].pointer;
            if (a.empty() || b.empty() || !(contains_pointer(a, b) || contains_pointer(b, a)))
              continue;
            issues.add("/parameters/" + std::to_string(j) + "/pointer",
                       "expected a pointer apart from the other parameters', found " + sd::quote(b) +
                           (a == b ? " again" : ", which overlaps parameter " + std::to_string(i) + "'s " +
                                                    sd::quote(a)));
            break;
          }
        if (points > static_cast<double>(kMaxSweepPoints))
          issues.add("/parameters", "expected a grid of at most " + std::to_string(kMaxSweepPoints) +
                                        " points, found " + number_text(points));
      }
  }
  if (issues.count() > 0)
    throw scenario::ScenarioError(source, issues.take());
  return sweep;
}

void check_pointers(const SweepFile& sweep, const ojson& base, const std::string& source) {
  std::vector<scenario::ScenarioIssue> issues;
  for (std::size_t i = 0; i < sweep.parameters.size(); ++i) {
    const std::string& pointer = sweep.parameters[i].pointer;
    bool exists = false;
    try {
      exists = base.contains(ojson::json_pointer(pointer));
    } catch (const nlohmann::json::exception&) {
      exists = false;
    }
    if (!exists)
      issues.push_back({"/parameters/" + std::to_string(i) + "/pointer",
                        "expected a pointer to a value that exists in the base scenario, found " +
                            sd::quote(pointer) + ", which names nothing there"});
  }
  if (!issues.empty())
    throw scenario::ScenarioError(source, std::move(issues));
}

std::string encode_key_value(const ojson& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '.' || c == '_' || c == '+' || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string point_key(const std::vector<SweepParameter>& parameters, const std::vector<std::size_t>& indices) {
  std::string key;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (!key.empty())
      key += ',';
    key += parameters[i].label + "=" + encode_key_value(parameters[i].values[indices[i]]);
  }
  if (key.size() > kMaxKeyLength) {  // folder names have a length limit: keep a readable start and a hash of it all
    std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a 64
    for (unsigned char c : key)
      hash = (hash ^ c) * 0x100000001b3ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    key = key.substr(0, kMaxKeyLength - 17) + "~" + hex;
  }
  return key;
}

std::vector<SweepPoint> expand_grid(const std::vector<SweepParameter>& parameters) {
  std::vector<SweepPoint> points;
  if (parameters.empty())
    return points;
  for (const SweepParameter& p : parameters)
    if (p.values.empty())
      return points;
  std::vector<std::size_t> indices(parameters.size(), 0);
  while (true) {
    points.push_back({indices, point_key(parameters, indices)});
    std::size_t i = 0;  // the first parameter varies fastest: each curve's points are consecutive
    while (++indices[i] == parameters[i].values.size()) {
      indices[i] = 0;
      if (++i == parameters.size())
        return points;
    }
  }
}

ojson apply_point(const ojson& base, const std::vector<SweepParameter>& parameters, const SweepPoint& point) {
  ojson doc = base;
  for (std::size_t i = 0; i < parameters.size(); ++i)
    doc[ojson::json_pointer(parameters[i].pointer)] = parameters[i].values[point.indices[i]];
  return doc;
}

}  // namespace irpsim::cli

// Sweep files of `irpsim sweep` and their grid (the format is documented in scenarios/compare-and-sweep.md):
//   {"name": NAME, "description": TEXT, "base": "scenario.json" (relative to the sweep file) or {a scenario},
//    "parameters": [{"pointer": "/workloads/0/queue_depth", "label": NAME, "values": [1, 2, 4]},
//                   {"pointer": "/workloads/0/rate", "range": {"from": 1000, "to": 9000, "step": 2000, "unit": "/s"}}],
//    "seeds": K}
// The grid is every combination of the parameters' values, the first parameter varying fastest (so the points of one
// curve against it are consecutive). A point is the base with each value set at its pointer (which must exist in the
// base). Its key, the name of its folder, is made from its values alone, so a point keeps its folder when values are
// added around it (what lets a sweep resume): "LABEL=VALUE" per parameter, joined by ",", where VALUE is the string
// itself or the JSON text of any other value, and every character other than letters, digits and "._+-" is written
// %XX (hex). A key longer than 200 characters keeps its first 183 and ends with "~" and the 16 hex digits of an
// FNV-1a hash of the whole key.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

struct SweepParameter {
  std::string pointer;                        // RFC 6901, into the base scenario
  std::string label;                          // "label", or made from the pointer's last tokens
  std::vector<nlohmann::ordered_json> values; // at least one
};

struct SweepFile {
  std::string name, description;
  std::optional<std::string> base_file;       // as written (relative to the sweep file), or none for an inline base
  nlohmann::ordered_json base_inline;         // the inline base scenario
  std::vector<SweepParameter> parameters;
  std::uint32_t seeds = 1;                    // replications per point
};

inline constexpr std::size_t kMaxSweepPoints = 10000;
inline constexpr std::size_t kMaxKeyLength = 200;

// Checks the sweep document; throws scenario::ScenarioError listing every problem with its pointer in the file.
SweepFile parse_sweep(const nlohmann::ordered_json& document, const std::string& source);

// Every parameter's pointer must name a value that exists in `base`; throws scenario::ScenarioError (pointers
// /parameters/N/pointer of the sweep file) otherwise.
void check_pointers(const SweepFile& sweep, const nlohmann::ordered_json& base, const std::string& source);

// from, from + step, ... up to `to` (inclusive, within a relative 1e-9), as numbers (integers when whole), or as
// strings NUMBER + unit when `unit` is not empty ("1000/s", "2.5us").
std::vector<nlohmann::ordered_json> range_values(double from, double to, double step, const std::string& unit);

// Decimal text with no exponent and no trailing zeros: 1000, 2.5, 0.125.
std::string number_text(double value);

struct SweepPoint {
  std::vector<std::size_t> indices;  // one index into each parameter's values
  std::string key;
};

// The full grid in order (first parameter fastest).
std::vector<SweepPoint> expand_grid(const std::vector<SweepParameter>& parameters);

std::string encode_key_value(const nlohmann::ordered_json& value);
std::string point_key(const std::vector<SweepParameter>& parameters, const std::vector<std::size_t>& indices);

// The base with the point's values set at their pointers.
nlohmann::ordered_json apply_point(const nlohmann::ordered_json& base, const std::vector<SweepParameter>& parameters,
                                   const SweepPoint& point);

}  // namespace irpsim::cli

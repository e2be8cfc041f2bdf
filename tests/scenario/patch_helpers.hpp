// Building blocks for the malformed-scenario tables: JSON Patch operations (RFC 6902) on minimal_scenario(), as
// text. Shared by malformed_format_cases.cpp and malformed_range_cases.cpp.
#pragma once
#include <string>

namespace irpsim::test::patch {

// Patch operations giving fdo a remote target "mirror" on a second stack "other" (bus driver "m" over ssd0).
inline const std::string kMirror =
    R"({"op":"add","path":"/drivers/-","value":{"name":"m","role":"bus","host":"cpu0"}},
       {"op":"add","path":"/stacks/-","value":{"name":"other","drivers":["m"],"device":"ssd0"}},
       {"op":"add","path":"/drivers/0/targets","value":[{"name":"mirror","stack":"other"}]})";
// Replaces fdo's "default" policy.
inline std::string fdo_policy(const char* policy) {
  return std::string(R"([{"op":"replace","path":"/drivers/0/policies/default","value":)") + policy + "}]";
}
// Adds the events.
inline std::string events(const char* list) { return std::string(R"([{"op":"add","path":"/events","value":)") + list + "}]"; }

// A number written out with `count` digits: too large for any integer, and for a double once above 309.
inline std::string digits(std::size_t count) { return "1" + std::string(count - 1, '0'); }
// One patch operation, the value given as JSON text.
inline std::string op(const char* kind, const char* path, const std::string& value) {
  return std::string(R"([{"op":")") + kind + R"(","path":")" + path + R"(","value":)" + value + "}]";
}
inline std::string add(const char* path, const std::string& value) { return op("add", path, value); }
inline std::string replace(const char* path, const std::string& value) { return op("replace", path, value); }
inline std::string drop(const char* path) { return std::string(R"([{"op":"remove","path":")") + path + R"("}])"; }
inline std::string str(const std::string& text) { return "\"" + text + "\""; }
// The device's default latency replaced by `value`.
inline std::string latency(const std::string& value) { return replace("/devices/0/latency/default", value); }
// The workload made open with a fixed arrival at `rate` (JSON text).
inline std::string open_rate(const std::string& rate) {
  return R"([{"op":"replace","path":"/workloads/0/type","value":"open"},{"op":"remove","path":"/workloads/0/queue_depth"},
            {"op":"add","path":"/workloads/0/arrival","value":"fixed"},{"op":"add","path":"/workloads/0/rate","value":)" +
         rate + "}]";
}
// A third stack "third" (bus driver "t", /drivers/3) whose driver opens `stack`, and "other" (kMirror) opening "third".
inline const std::string kThird =
    R"({"op":"add","path":"/drivers/-","value":{"name":"t","role":"bus","host":"cpu0"}},
       {"op":"add","path":"/stacks/-","value":{"name":"third","drivers":["t"],"device":"ssd0"}},
       {"op":"add","path":"/drivers/2/targets","value":[{"name":"next","stack":"third"}]})";

}  // namespace irpsim::test::patch

// Malformed scenarios: each breaks the minimal valid scenario in one place (a JSON Patch) and checks the exact
// JSON pointer and the expected/found parts of the message; unless noted, it must be the only issue reported.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace irpsim::test;

namespace {

struct Case {
  const char* title;
  std::string patch;                    // RFC 6902 JSON Patch applied to minimal_scenario()
  const char* pointer;
  std::vector<std::string> fragments;   // all must appear in the message
  bool only = true;                     // the only issue reported
};

// Patch operations giving fdo a remote target "mirror" on a second stack "other" (bus driver "m" over ssd0).
const std::string kMirror =
    R"({"op":"add","path":"/drivers/-","value":{"name":"m","role":"bus","host":"cpu0"}},
       {"op":"add","path":"/stacks/-","value":{"name":"other","drivers":["m"],"device":"ssd0"}},
       {"op":"add","path":"/drivers/0/targets","value":[{"name":"mirror","stack":"other"}]})";
// Replaces fdo's "default" policy.
std::string fdo_policy(const char* policy) {
  return std::string(R"([{"op":"replace","path":"/drivers/0/policies/default","value":)") + policy + "}]";
}
// Adds the events.
std::string events(const char* list) { return std::string(R"([{"op":"add","path":"/events","value":)") + list + "}]"; }

const std::vector<Case>& cases() {
  static const std::vector<Case> all{
      // Wrong types, ranges
      {"channels below 1", R"([{"op":"add","path":"/devices/0/channels","value":0}])", "/devices/0/channels",
       {"expected an integer >= 1, found 0"}},
      {"cores as a string", R"([{"op":"add","path":"/hosts/0/cores","value":"4"}])", "/hosts/0/cores",
       {"expected an integer >= 1, found \"4\""}},
      {"cores as a fraction", R"([{"op":"add","path":"/hosts/0/cores","value":1.5}])", "/hosts/0/cores",
       {"expected an integer >= 1, found 1.5"}},
      {"negative seed", R"([{"op":"add","path":"/seed","value":-1}])", "/seed",
       {"expected an unsigned integer, found -1"}},
      {"huge queue depth", R"([{"op":"replace","path":"/workloads/0/queue_depth","value":1e30}])",
       "/workloads/0/queue_depth", {"expected an integer from 1 to 4294967295, found 1e+30"}},
      {"schema version 2", R"([{"op":"replace","path":"/schema_version","value":2}])", "/schema_version",
       {"expected 1", "found 2"}},
      {"missing stop", R"([{"op":"remove","path":"/stop"}])", "", {"expected the required key \"stop\"", "missing"}},
      {"name with a space", R"([{"op":"replace","path":"/name","value":"my scenario"}])", "/name",
       {"expected a name of letters, digits", "found \"my scenario\""}},
      {"name ..", R"([{"op":"replace","path":"/name","value":".."}])", "/name", {"not \".\" or \"..\"", "found \"..\""}},
      {"hosts not an array", R"([{"op":"replace","path":"/hosts","value":{}}])", "/hosts",
       {"expected a non-empty array of hosts, found an empty object"}, false},
      {"device not an object", R"([{"op":"replace","path":"/devices/0","value":"ssd0"}])", "/devices/0",
       {"expected a device object, found \"ssd0\""}, false},
      // Unknown keys
      {"typo with suggestion", R"([{"op":"add","path":"/devices/0/chanels","value":4}])", "/devices/0/chanels",
       {"found the unknown key \"chanels\" (did you mean \"channels\"?)", "expected one of the keys \"name\""}},
      {"unknown key without suggestion", R"([{"op":"add","path":"/colour","value":"red"}])", "/colour",
       {"found the unknown key \"colour\""}},
      {"transposed key", R"([{"op":"add","path":"/workloads/0/mix/0/wieght","value":2}])",
       "/workloads/0/mix/0/wieght", {"did you mean \"weight\"?"}},
      // Enumerations
      {"role typo", R"([{"op":"replace","path":"/drivers/0/role","value":"fiter"}])", "/drivers/0/role",
       {"expected one of \"filter\", \"function\", \"bus\", found \"fiter\" (did you mean \"filter\"?)"}},
      {"action typo", R"([{"op":"replace","path":"/drivers/0/policies/default/action","value":"foward"}])",
       "/drivers/0/policies/default/action", {"expected one of \"forward\", \"complete\"", "(did you mean \"forward\"?)"}},
      {"mix type typo", R"([{"op":"replace","path":"/workloads/0/mix/0/type","value":"reed"}])",
       "/workloads/0/mix/0/type", {"found \"reed\" (did you mean \"read\"?)"}},
      // Units
      {"duration without unit", R"([{"op":"replace","path":"/devices/0/latency/default","value":"100"}])",
       "/devices/0/latency/default", {"expected a duration", "found \"100\" (no unit)"}},
      {"duration as a number", R"([{"op":"replace","path":"/devices/0/latency/default","value":100}])",
       "/devices/0/latency/default", {"expected a duration", "found 100 (a number needs a unit"}},
      {"negative duration", R"([{"op":"replace","path":"/devices/0/latency/default","value":"-5us"}])",
       "/devices/0/latency/default", {"found \"-5us\" (negative)"}},
      {"fractional bytes", R"([{"op":"replace","path":"/workloads/0/mix/0/size","value":"1.5B"}])",
       "/workloads/0/mix/0/size", {"expected a size", "found \"1.5B\" (not a whole number of bytes)"}},
      {"zero bandwidth", R"([{"op":"add","path":"/devices/0/bandwidth","value":"0B/s"}])", "/devices/0/bandwidth",
       {"expected a bandwidth > 0, found \"0B/s\""}},
      {"CPU speed in GHz", R"([{"op":"add","path":"/hosts/0/speed","value":"2GHz"}])", "/hosts/0/speed",
       {"expected a CPU speed", "found \"2GHz\" (unknown unit \"GHz\")"}},
      // Devices
      {"latency without default", R"([{"op":"replace","path":"/devices/0/latency","value":{"read":"10us"}}])",
       "/devices/0/latency",
       {"expected a \"default\" entry or an entry for every request type",
        "found no entry for \"write\", \"ioctl\", \"internal_ioctl\", \"internal_ioctl_others\""}},
      {"error status is a success",
       R"([{"op":"add","path":"/devices/0/errors","value":{"rate":0.1,"status":"STATUS_SUCCESS"}}])",
       "/devices/0/errors/status", {"expected a failure status", "found \"STATUS_SUCCESS\""}},
      {"error rate above 1", R"([{"op":"add","path":"/devices/0/errors","value":{"rate":1.5}}])",
       "/devices/0/errors/rate", {"expected a number from 0 to 1, found 1.5"}},
      // Statuses
      {"status typo", R"([{"op":"add","path":"/drivers/0/policies/read","value":{"action":"complete","status":"STATUS_SUCESS"}}])",
       "/drivers/0/policies/read/status", {"expected a status name", "found \"STATUS_SUCESS\" (did you mean \"STATUS_SUCCESS\"?)"}},
      {"pending is not final", R"([{"op":"add","path":"/drivers/0/policies/read","value":{"action":"complete","status":"0x103"}}])",
       "/drivers/0/policies/read/status", {"expected a final status", "found \"0x103\""}},
      // Names and references
      {"duplicate host", R"([{"op":"add","path":"/hosts/-","value":{"name":"cpu0"}}])", "/hosts/1/name",
       {"expected a unique host name, found \"cpu0\" again (first at /hosts/0)"}},
      {"unknown host", R"([{"op":"replace","path":"/drivers/0/host","value":"cpu9"}])", "/drivers/0/host",
       {"expected the name of a host (cpu0), found \"cpu9\""}},
      {"unknown device", R"([{"op":"replace","path":"/stacks/0/device","value":"ssd1"}])", "/stacks/0/device",
       {"expected the name of a device (ssd0), found \"ssd1\""}},
      {"stack typo", R"([{"op":"replace","path":"/workloads/0/stack","value":"dsk"}])", "/workloads/0/stack",
       {"expected the name of a stack (disk), found \"dsk\" (did you mean \"disk\"?)"}},
      {"reference not a string", R"([{"op":"replace","path":"/stacks/0/drivers/0","value":7}])", "/stacks/0/drivers/0",
       {"expected the name of a driver, found 7"}, false},
      // Topology
      {"driver in no stack",
       R"([{"op":"add","path":"/drivers/-","value":{"name":"extra","role":"filter","host":"cpu0"}}])", "/drivers/2",
       {"expected the driver \"extra\" to be in exactly one stack, found it in none"}},
      {"driver in two stacks",
       R"([{"op":"add","path":"/stacks/-","value":{"name":"other","drivers":["pdo"],"device":"ssd0"}}])",
       "/stacks/1/drivers/0", {"found \"pdo\" already at /stacks/0/drivers/1"}},
      {"bottom is not a bus driver", R"([{"op":"replace","path":"/drivers/1/role","value":"function"}])",
       "/stacks/0/drivers/1", {"expected a driver with role \"bus\" at the bottom of the stack",
                               "found \"pdo\" (role \"function\")"}},
      {"bus driver above the bottom", R"([{"op":"replace","path":"/drivers/0/role","value":"bus"}])",
       "/stacks/0/drivers/0", {"expected a filter or function driver above the bottom", "found \"fdo\" (role \"bus\")"}},
      {"stack without drivers", R"([{"op":"replace","path":"/stacks/0/drivers","value":[]}])", "/stacks/0/drivers",
       {"expected a non-empty array of driver names", "found an empty array"}, false},
      // Queues and policies
      {"two default queues", R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"second","default":true}}])",
       "/drivers/0/queues/1/default", {"expected at most one default queue per driver", "(the first is /drivers/0/queues/0)"}},
      {"queue without types", R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"q2"}}])",
       "/drivers/0/queues/1", {"expected the required key \"types\"", "found it missing"}},
      {"queue with no types", R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"q2","types":[]}}])",
       "/drivers/0/queues/1/types", {"expected a non-empty array of request types", "found an empty array"}},
      {"type in two queues",
       R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"a","types":["read"]}},
           {"op":"add","path":"/drivers/0/queues/-","value":{"name":"b","types":["write","read"]}}])",
       "/drivers/0/queues/2/types/1", {"expected each request type in at most one queue", "found \"read\" also in queue \"a\""}},
      {"internal forms share a queue",
       R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"a","types":["internal_ioctl"]}},
           {"op":"add","path":"/drivers/0/queues/-","value":{"name":"b","types":["internal_ioctl_others"]}}])",
       "/drivers/0/queues/2/types/0", {"found \"internal_ioctl\" also in queue \"a\""}},
      {"max_presented with sequential",
       R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"s","types":["write"],"dispatch":"sequential","max_presented":2}}])",
       "/drivers/0/queues/1/max_presented", {"expected no \"max_presented\" for a sequential queue", "STATUS_INVALID_PARAMETER", "found 2"}},
      {"max_presented zero", R"([{"op":"add","path":"/drivers/0/queues/0/max_presented","value":0}])",
       "/drivers/0/queues/0/max_presented", {"expected an integer >= 1, found 0"}},
      {"duplicate queue name", R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"main","types":["read"]}}])",
       "/drivers/0/queues/1/name", {"expected a queue name unique within the driver, found \"main\" again"}},
      {"queue type without a handler",
       R"([{"op":"replace","path":"/drivers/0/policies","value":{"read":{"action":"forward"}}},
           {"op":"add","path":"/drivers/0/queues/-","value":{"name":"w","types":["write"]}}])",
       "/drivers/0/queues/1/types/0", {"expected a policy for \"write\"", "found none", "STATUS_INVALID_DEVICE_REQUEST"}},
      {"policy no queue presents",
       R"([{"op":"replace","path":"/drivers/0/queues","value":[{"name":"r","types":["read"]}]},
           {"op":"replace","path":"/drivers/0/policies","value":{"read":{"action":"forward"},"write":{"action":"forward"}}}])",
       "/drivers/0/policies/write", {"expected a queue of the driver taking \"write\" requests", "found none"}},
      {"default policy without queues", R"([{"op":"remove","path":"/drivers/0/queues"}])", "/drivers/0/policies/default",
       {"expected a driver with at least one queue", "found a driver without queues"}},
      {"forward with a delay", R"([{"op":"add","path":"/drivers/0/policies/default/delay","value":"10us"}])",
       "/drivers/0/policies/default/delay", {"expected no \"delay\" with action \"forward\"", "found \"10us\""}},
      {"policy cpu typo", R"([{"op":"add","path":"/drivers/0/policies/default/cpu","value":{"dispach":"1us"}}])",
       "/drivers/0/policies/default/cpu/dispach", {"did you mean \"dispatch\"?"}},
      // Workloads
      {"closed with a rate", R"([{"op":"add","path":"/workloads/0/rate","value":"1k/s"}])", "/workloads/0/rate",
       {"expected no \"rate\" in a closed workload", "found \"1k/s\""}},
      {"closed without queue depth", R"([{"op":"remove","path":"/workloads/0/queue_depth"}])", "/workloads/0",
       {"expected the required key \"queue_depth\" for a closed workload", "found it missing"}},
      {"open without arrival",
       R"([{"op":"replace","path":"/workloads/0/type","value":"open"},{"op":"remove","path":"/workloads/0/queue_depth"},
           {"op":"add","path":"/workloads/0/rate","value":"1k/s"}])",
       "/workloads/0", {"expected the required key \"arrival\" for an open workload"}},
      {"open with a queue depth",
       R"([{"op":"replace","path":"/workloads/0/type","value":"open"},{"op":"add","path":"/workloads/0/arrival","value":"poisson"},
           {"op":"add","path":"/workloads/0/rate","value":"1k/s"}])",
       "/workloads/0/queue_depth", {"expected no \"queue_depth\" in an open workload", "found 1"}},
      {"rate without /s",
       R"([{"op":"replace","path":"/workloads/0/type","value":"open"},{"op":"remove","path":"/workloads/0/queue_depth"},
           {"op":"add","path":"/workloads/0/arrival","value":"fixed"},{"op":"add","path":"/workloads/0/rate","value":"50k"}])",
       "/workloads/0/rate", {"expected a rate", "found \"50k\" (unknown unit \"k\")"}},
      {"empty mix", R"([{"op":"replace","path":"/workloads/0/mix","value":[]}])", "/workloads/0/mix",
       {"expected a non-empty array of mix entries, found an empty array"}},
      {"zero weight", R"([{"op":"add","path":"/workloads/0/mix/0/weight","value":0}])", "/workloads/0/mix/0/weight",
       {"expected a number > 0, found 0"}},
      {"ioctl code on a read", R"([{"op":"add","path":"/workloads/0/mix/0/ioctl_code","value":"0x222004"}])",
       "/workloads/0/mix/0/ioctl_code", {"expected no \"ioctl_code\" for \"read\" requests", "found \"0x222004\""}},
      {"bad ioctl code", R"([{"op":"add","path":"/workloads/0/mix/-","value":{"type":"ioctl","size":"0B","ioctl_code":"0xZZ"}}])",
       "/workloads/0/mix/1/ioctl_code", {"expected an IOCTL code", "found \"0xZZ\""}},
      {"span below align", R"([{"op":"add","path":"/workloads/0/offsets","value":{"span":"1KiB","align":"4KiB"}}])",
       "/workloads/0/offsets/span", {"expected a span >= align (4096 bytes), found 1024 bytes"}},
      {"zero align", R"([{"op":"add","path":"/workloads/0/offsets","value":{"align":"0B"}}])",
       "/workloads/0/offsets/align", {"expected a size > 0B, found \"0B\""}},
      // Stop and warmup
      {"empty stop", R"([{"op":"replace","path":"/stop","value":{}}])", "/stop",
       {"expected at least one of the keys \"requests\" and \"time\", found an empty object"}},
      {"stop after zero requests", R"([{"op":"replace","path":"/stop/requests","value":0}])", "/stop/requests",
       {"expected an integer >= 1, found 0"}},
      {"zero stop time", R"([{"op":"add","path":"/stop/time","value":"0s"}])", "/stop/time",
       {"expected a duration > 0, found \"0s\""}},
      {"warmup as long as the run", R"([{"op":"add","path":"/warmup","value":{"requests":1000}}])", "/warmup/requests",
       {"expected fewer warm-up requests than stop.requests (1000), found 1000"}},
      {"warmup time after stop time",
       R"([{"op":"add","path":"/stop/time","value":"1ms"},{"op":"add","path":"/warmup","value":{"time":"2ms"}}])",
       "/warmup/time", {"expected a warm-up time shorter than stop.time (\"1ms\"), found \"2ms\""}},
      // Distributions
      {"distribution name typo", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"uniforn","min":"1us","max":"2us"}}])",
       "/devices/0/latency/default/dist", {"expected one of \"constant\", \"uniform\"", "found \"uniforn\" (did you mean \"uniform\"?)"}},
      {"distribution without dist", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"mean":"1us"}}])",
       "/devices/0/latency/default", {"expected the required key \"dist\"", "found it missing"}},
      {"uniform min above max", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"uniform","min":"20us","max":"10us"}}])",
       "/devices/0/latency/default/max", {"expected a duration >= min (\"20us\"), found \"10us\""}},
      {"empty empirical table", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"empirical","table":[]}}])",
       "/devices/0/latency/default/table", {"expected a non-empty array of [duration, weight] pairs, found an empty array"}},
      {"empirical zero weight", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"empirical","table":[["50us",3],["200us",0]]}}])",
       "/devices/0/latency/default/table/1/1", {"expected a number > 0, found 0"}},
      {"empirical row of three", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"empirical","table":[["50us",3,1]]}}])",
       "/devices/0/latency/default/table/0", {"expected a [duration, weight] pair, found an array"}},
      {"lognormal mean zero", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"lognormal","mean":"0us","stddev":"1us"}}])",
       "/devices/0/latency/default/mean", {"expected a duration > 0, found \"0us\""}},
      {"parameter of another distribution", R"([{"op":"replace","path":"/devices/0/latency/default","value":{"dist":"exponential","mean":"1us","stddev":"1us"}}])",
       "/devices/0/latency/default/stddev", {"expected one of the keys \"dist\", \"mean\"", "found the unknown key \"stddev\""}},
      {"default queue without any policy", R"([{"op":"remove","path":"/drivers/0/policies"}])", "/drivers/0/queues/0",
       {"expected a default queue in a driver with at least one policy", "STATUS_WDF_NO_CALLBACK"}},
      {"think time negative", R"([{"op":"add","path":"/workloads/0/think_time","value":{"dist":"normal","mean":"-1us","stddev":"1us"}}])",
       "/workloads/0/think_time/mean", {"found \"-1us\" (negative)"}},

      // Framework keys: top level
      {"verifier not a boolean", R"([{"op":"add","path":"/verifier","value":"yes"}])", "/verifier",
       {"expected true or false, found \"yes\""}},
      {"events not an array", R"([{"op":"add","path":"/events","value":{}}])", "/events",
       {"expected an array of events, found an empty object"}},
      // Events
      {"event without a time", events(R"([{"driver":"fdo","op":"start"}])"), "/events/0",
       {"expected the required key \"at\"", "found it missing"}},
      {"event at a negative time", events(R"([{"at":"-1ms","driver":"fdo","op":"start"}])"), "/events/0/at",
       {"expected a duration", "found \"-1ms\" (negative)"}},
      {"event driver typo", events(R"([{"at":"1ms","driver":"fd0","op":"start"}])"), "/events/0/driver",
       {"expected the name of a driver (fdo, pdo), found \"fd0\" (did you mean \"fdo\"?)"}},
      {"event on a bus driver", events(R"([{"at":"1ms","driver":"pdo","op":"start"}])"), "/events/0/driver",
       {"expected a filter or function driver (a bus driver's local target is its hardware, which has no I/O target)",
        "found \"pdo\" (role \"bus\")"}},
      {"event target typo", "[" + kMirror + R"(,{"op":"add","path":"/events","value":[
           {"at":"1ms","driver":"fdo","target":"mirorr","op":"start"}]}])", "/events/0/target",
       {"expected \"lower\" or the name of one of the remote targets of driver \"fdo\" (\"mirror\")",
        "found \"mirorr\" (did you mean \"mirror\"?)"}},
      {"event target of a driver without remote targets",
       events(R"([{"at":"1ms","driver":"fdo","target":"lowr","op":"start"}])"), "/events/0/target",
       {"expected \"lower\" (driver \"fdo\" has no remote targets), found \"lowr\" (did you mean \"lower\"?)"}},
      {"stop without sent_io", events(R"([{"at":"1ms","driver":"fdo","op":"stop"}])"), "/events/0",
       {"expected the required key \"sent_io\" for op \"stop\"", "found it missing"}},
      {"sent_io with purge", events(R"([{"at":"1ms","driver":"fdo","op":"purge","sent_io":"cancel"}])"),
       "/events/0/sent_io", {"expected no \"sent_io\" with op \"purge\" (only \"stop\" takes it), found \"cancel\""}},
      {"wait with stop", events(R"([{"at":"1ms","driver":"fdo","op":"stop","sent_io":"wait","wait":false}])"),
       "/events/0/wait", {"expected no \"wait\" with op \"stop\" (only \"purge\" takes it), found false"}},
      {"close on the local target", events(R"([{"at":"1ms","driver":"fdo","op":"close"}])"), "/events/0/op",
       {"expected \"remove\" for the local target (WdfIoTargetClose is for remote targets), found \"close\""}},
      {"event op typo", events(R"([{"at":"1ms","driver":"fdo","op":"pruge"}])"), "/events/0/op",
       {"expected one of \"start\", \"stop\", \"purge\", \"close\", \"remove\"", "(did you mean \"purge\"?)"}},
      {"sent_io typo", events(R"([{"at":"1ms","driver":"fdo","op":"stop","sent_io":"leave-pending"}])"),
       "/events/0/sent_io", {"found \"leave-pending\" (did you mean \"leave_pending\"?)"}},
      {"event unknown key", events(R"([{"at":"1ms","driver":"fdo","op":"start","tagret":"lower"}])"),
       "/events/0/tagret", {"found the unknown key \"tagret\" (did you mean \"target\"?)"}},
      // Devices
      {"cancelable not a boolean", R"([{"op":"add","path":"/devices/0/cancelable","value":1}])",
       "/devices/0/cancelable", {"expected true or false, found 1"}},
      // Remote targets
      {"remote target named lower",
       R"([{"op":"add","path":"/drivers/0/targets","value":[{"name":"lower","stack":"disk"}]}])",
       "/drivers/0/targets/0/name", {"expected a target name other than \"lower\"", "found \"lower\""}, false},
      {"duplicate remote target", "[" + kMirror +
           R"(,{"op":"add","path":"/drivers/0/targets/-","value":{"name":"mirror","stack":"other"}}])",
       "/drivers/0/targets/1/name",
       {"expected a target name unique within the driver, found \"mirror\" again (first at /drivers/0/targets/0/name)"}},
      {"remote target stack typo", "[" + kMirror +
           R"(,{"op":"replace","path":"/drivers/0/targets/0/stack","value":"othr"}])",
       "/drivers/0/targets/0/stack", {"expected the name of a stack (disk, other), found \"othr\" (did you mean \"other\"?)"}},
      {"remote target on the driver's own stack",
       R"([{"op":"add","path":"/drivers/0/targets","value":[{"name":"self","stack":"disk"}]}])",
       "/drivers/0/targets/0/stack", {"expected a stack other than the driver's own", "the IRP would loop", "found \"disk\""}},
      {"remote targets in a loop", "[" + kMirror +
           R"(,{"op":"add","path":"/drivers/2/targets","value":[{"name":"back","stack":"disk"}]}])",
       "/drivers/2/targets/0/stack",
       {"expected a stack that does not lead back to the driver's own stack through remote targets",
        "(the IRP would loop: \"other\" -> \"disk\" -> \"other\"), found \"disk\""}},
      {"remote target without a stack", R"([{"op":"add","path":"/drivers/0/targets","value":[{"name":"x"}]}])",
       "/drivers/0/targets/0", {"expected the required key \"stack\"", "found it missing"}},
      // Manual queues
      {"manual queue without retrieve_every",
       R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"m","types":["ioctl"],"dispatch":"manual"}}])",
       "/drivers/0/queues/1", {"expected the required key \"retrieve_every\" for a manual queue", "found it missing"}},
      {"retrieve_every on a parallel queue", R"([{"op":"add","path":"/drivers/0/queues/0/retrieve_every","value":"1ms"}])",
       "/drivers/0/queues/0/retrieve_every",
       {"expected no \"retrieve_every\" for a parallel queue (only a manual queue is retrieved from", "found \"1ms\""}},
      {"max_retrieved on a sequential queue",
       R"([{"op":"add","path":"/drivers/0/queues/0/dispatch","value":"sequential"},
           {"op":"add","path":"/drivers/0/queues/0/max_retrieved","value":2}])",
       "/drivers/0/queues/0/max_retrieved", {"expected no \"max_retrieved\" for a sequential queue", "found 2"}},
      {"max_presented with manual",
       R"([{"op":"add","path":"/drivers/0/queues/-","value":{"name":"m","types":["ioctl"],"dispatch":"manual",
           "retrieve_every":"1ms","max_presented":1}}])",
       "/drivers/0/queues/1/max_presented",
       {"expected no \"max_presented\" for a manual queue (WdfIoQueueCreate fails with STATUS_INVALID_PARAMETER)", "found 1"}},
      {"zero retrieve interval",
       R"([{"op":"add","path":"/drivers/0/queues/0/dispatch","value":"manual"},
           {"op":"add","path":"/drivers/0/queues/0/retrieve_every","value":"0"}])",
       "/drivers/0/queues/0/retrieve_every", {"expected a duration > 0, found \"0\""}},
      {"max_retrieved zero",
       R"([{"op":"add","path":"/drivers/0/queues/0/dispatch","value":"manual"},
           {"op":"add","path":"/drivers/0/queues/0/retrieve_every","value":"1ms"},
           {"op":"add","path":"/drivers/0/queues/0/max_retrieved","value":0}])",
       "/drivers/0/queues/0/max_retrieved", {"expected an integer >= 1, found 0"}},
      {"dispatch typo", R"([{"op":"add","path":"/drivers/0/queues/0/dispatch","value":"manaul"}])",
       "/drivers/0/queues/0/dispatch",
       {"expected one of \"sequential\", \"parallel\", \"manual\", found \"manaul\" (did you mean \"manual\"?)"}},
      {"manual default queue without any policy",
       R"([{"op":"remove","path":"/drivers/0/policies"},
           {"op":"add","path":"/drivers/0/queues/0/dispatch","value":"manual"},
           {"op":"add","path":"/drivers/0/queues/0/retrieve_every","value":"1ms"}])",
       "/drivers/0/queues/0",
       {"expected a default queue in a driver with at least one policy", "retrieves from a manual queue"}},
      {"manual queue type without a handler",
       R"([{"op":"replace","path":"/drivers/0/policies","value":{"read":{"action":"forward"}}},
           {"op":"add","path":"/drivers/0/queues/-","value":{"name":"w","types":["write"],"dispatch":"manual",
            "retrieve_every":"1ms"}}])",
       "/drivers/0/queues/1/types/0", {"expected a policy for \"write\"", "retrieves from a manual queue"}},
      // Policies: actions and the keys each takes
      {"action fan_out typo", fdo_policy(R"({"action":"fanout","targets":["lower"]})"),
       "/drivers/0/policies/default/action",
       {"expected one of \"forward\", \"complete\", \"split\", \"fan_out\", \"route\"", "(did you mean \"fan_out\"?)"}},
      {"chunk with forward", fdo_policy(R"({"action":"forward","chunk":"4KiB"})"), "/drivers/0/policies/default/chunk",
       {"expected no \"chunk\" with action \"forward\" (only \"split\" takes it), found \"4KiB\""}},
      {"send with complete", fdo_policy(R"({"action":"complete","send":{}})"), "/drivers/0/policies/default/send",
       {"expected no \"send\" with action \"complete\" (only \"forward\", \"split\", \"fan_out\", \"route\" take it)"}},
      {"targets with forward", fdo_policy(R"({"action":"forward","targets":["lower"]})"),
       "/drivers/0/policies/default/targets",
       {"expected no \"targets\" with action \"forward\" (only \"fan_out\", \"route\" take it)"}},
      {"create with split", fdo_policy(R"({"action":"split","chunk":"4KiB","create":true})"),
       "/drivers/0/policies/default/create",
       {"expected no \"create\" with action \"split\" (only \"forward\", \"route\" take it), found true"}},
      {"fan_out without targets", fdo_policy(R"({"action":"fan_out"})"), "/drivers/0/policies/default",
       {"expected the required key \"targets\" with action \"fan_out\", found it missing"}},
      {"split without chunk", fdo_policy(R"({"action":"split"})"), "/drivers/0/policies/default",
       {"expected the required key \"chunk\" with action \"split\", found it missing"}},
      {"zero chunk", fdo_policy(R"({"action":"split","chunk":"0B"})"), "/drivers/0/policies/default/chunk",
       {"expected a size > 0B, found \"0B\""}},
      {"target without remote targets", fdo_policy(R"({"action":"forward","target":"mirror"})"),
       "/drivers/0/policies/default/target",
       {"expected \"lower\" (the driver has no remote targets in \"targets\"), found \"mirror\""}},
      {"target typo", "[" + kMirror +
           R"(,{"op":"replace","path":"/drivers/0/policies/default","value":{"action":"forward","target":"mirrror"}}])",
       "/drivers/0/policies/default/target",
       {"expected \"lower\" or the name of one of the driver's remote targets (\"mirror\")",
        "found \"mirrror\" (did you mean \"mirror\"?)"}},
      {"target twice in targets", fdo_policy(R"({"action":"route","targets":["lower","lower"]})"),
       "/drivers/0/policies/default/targets/1",
       {"expected each target once, found \"lower\" again (first at /drivers/0/policies/default/targets/0)"}},
      {"empty targets", fdo_policy(R"({"action":"fan_out","targets":[]})"), "/drivers/0/policies/default/targets",
       {"expected a non-empty array of target names", "found an empty array"}},
      {"quorum above the targets", fdo_policy(R"({"action":"fan_out","targets":["lower"],"complete_on":{"quorum":2}})"),
       "/drivers/0/policies/default/complete_on/quorum",
       {"expected a quorum of at most the number of targets (1), found 2"}},
      {"quorum zero", fdo_policy(R"({"action":"fan_out","targets":["lower"],"complete_on":{"quorum":0}})"),
       "/drivers/0/policies/default/complete_on/quorum", {"expected an integer >= 1, found 0"}},
      {"complete_on typo", fdo_policy(R"({"action":"fan_out","targets":["lower"],"complete_on":"frist"})"),
       "/drivers/0/policies/default/complete_on", {"found \"frist\" (did you mean \"first\"?)"}},
      {"complete_on a number", fdo_policy(R"({"action":"fan_out","targets":["lower"],"complete_on":2})"),
       "/drivers/0/policies/default/complete_on", {"expected \"all\", \"first\" or an object {\"quorum\": N}, found 2"}},
      {"quorum key typo", fdo_policy(R"({"action":"fan_out","targets":["lower"],"complete_on":{"qorum":1}})"),
       "/drivers/0/policies/default/complete_on/qorum", {"found the unknown key \"qorum\" (did you mean \"quorum\"?)"},
       false},
      {"stripe route without stripe", fdo_policy(R"({"action":"route","targets":["lower"],"by":"stripe"})"),
       "/drivers/0/policies/default", {"expected the required key \"stripe\" with \"by\": \"stripe\", found it missing"}},
      {"stripe with round robin", fdo_policy(R"({"action":"route","targets":["lower"],"stripe":"64KiB"})"),
       "/drivers/0/policies/default/stripe",
       {"expected no \"stripe\" with \"by\": \"round_robin\" (only \"by\": \"stripe\" takes it), found \"64KiB\""}},
      {"retry zero attempts", fdo_policy(R"({"action":"forward","retry":{"attempts":0}})"),
       "/drivers/0/policies/default/retry/attempts", {"expected an integer >= 1, found 0"}},
      {"retry without attempts", fdo_policy(R"({"action":"route","targets":["lower"],"retry":{"delay":"1us"}})"),
       "/drivers/0/policies/default/retry", {"expected the required key \"attempts\"", "found it missing"}},
      {"send key typo", fdo_policy(R"({"action":"forward","send":{"synchronus":true}})"),
       "/drivers/0/policies/default/send/synchronus",
       {"found the unknown key \"synchronus\" (did you mean \"synchronous\"?)"}},
      {"send flag not a boolean", fdo_policy(R"({"action":"forward","send":{"send_and_forget":"yes"}})"),
       "/drivers/0/policies/default/send/send_and_forget", {"expected true or false, found \"yes\""}},
      {"send timeout without unit", fdo_policy(R"({"action":"forward","send":{"timeout":"5"}})"),
       "/drivers/0/policies/default/send/timeout", {"expected a duration", "found \"5\""}},
      {"zero cancel_after", fdo_policy(R"({"action":"forward","cancel_after":"0"})"),
       "/drivers/0/policies/default/cancel_after", {"expected a duration > 0, found \"0\""}},
      {"rewrite typo", fdo_policy(R"({"action":"forward","rewrite":"ioclt"})"), "/drivers/0/policies/default/rewrite",
       {"found \"ioclt\" (did you mean \"ioctl\"?)"}},
      {"mistake typo", fdo_policy(R"({"action":"forward","mistake":"complete_twise"})"),
       "/drivers/0/policies/default/mistake",
       {"expected one of \"complete_twice\", \"never_complete\", \"resend_while_outstanding\"",
        "(did you mean \"complete_twice\"?)"}},
      {"mode typo", fdo_policy(R"({"action":"fan_out","targets":["lower"],"mode":"resnd"})"),
       "/drivers/0/policies/default/mode", {"found \"resnd\" (did you mean \"resend\"?)"}},
      {"route by typo", fdo_policy(R"({"action":"route","targets":["lower"],"by":"round-robin"})"),
       "/drivers/0/policies/default/by", {"found \"round-robin\" (did you mean \"round_robin\"?)"}},
      // Bus drivers: "lower" is the hardware
      {"send options to a bus driver's hardware",
       R"([{"op":"add","path":"/drivers/1/policies/default/send","value":{"synchronous":true}}])",
       "/drivers/1/policies/default/send",
       {"expected no \"send\" in a bus driver's policy sending to \"lower\"",
        "a bus driver's \"lower\" is its hardware device, which takes no send options"}},
      {"mistake on a bus driver's hardware",
       R"([{"op":"add","path":"/drivers/1/policies/default/mistake","value":"complete_twice"}])",
       "/drivers/1/policies/default/mistake", {"expected no \"mistake\" in a bus driver's policy sending to \"lower\""}},
      {"bus driver splits to its hardware",
       R"([{"op":"replace","path":"/drivers/1/policies/default","value":{"action":"split","chunk":"4KiB"}}])",
       "/drivers/1/policies/default",
       {"expected a \"target\" naming a remote target for action \"split\" in a bus driver",
        "which takes no send options", "found none (\"lower\" by default)"}},
      {"bus driver fans out to its hardware",
       R"([{"op":"replace","path":"/drivers/1/policies/default","value":{"action":"fan_out","targets":["lower"]}}])",
       "/drivers/1/policies/default/targets/0",
       {"expected a remote target for action \"fan_out\" in a bus driver", "found \"lower\""}},
      // Workload cancellation
      {"cancel share above 1",
       R"([{"op":"add","path":"/workloads/0/cancel","value":{"share":1.5,"after":"1ms"}}])",
       "/workloads/0/cancel/share", {"expected a number from 0 to 1, found 1.5"}},
      {"cancel without after", R"([{"op":"add","path":"/workloads/0/cancel","value":{"share":0.5}}])",
       "/workloads/0/cancel", {"expected the required key \"after\"", "found it missing"}},
      {"cancel as a number", R"([{"op":"add","path":"/workloads/0/cancel","value":0.5}])", "/workloads/0/cancel",
       {"expected an object {\"share\": NUMBER, \"after\": DURATION}, found 0.5"}},
  };
  return all;
}

}  // namespace

TEST_CASE("the minimal scenario is valid", "[malformed]") {
  const auto issues = issues_of(minimal_scenario());
  INFO(listing(issues));
  CHECK(issues.empty());
}

TEST_CASE("each malformed scenario is reported at its pointer", "[malformed]") {
  REQUIRE(cases().size() >= 30);
  for (const Case& c : cases()) {
    SECTION(c.title) {
      const json document = minimal_scenario().patch(json::parse(c.patch));
      const auto issues = issues_of(document);
      INFO("issues:\n" << listing(issues));
      CHECK(find_issue(issues, c.pointer, c.fragments) != nullptr);
      if (c.only)
        CHECK(issues.size() == 1);
    }
  }
}

TEST_CASE("every problem is reported in one pass", "[malformed]") {
  const json document = minimal_scenario().patch(json::parse(R"([
      {"op":"add","path":"/devices/0/channels","value":0},
      {"op":"replace","path":"/drivers/0/role","value":"fiter"},
      {"op":"replace","path":"/workloads/0/mix/0/size","value":"4k"},
      {"op":"remove","path":"/stop"},
      {"op":"add","path":"/hosts/0/colour","value":"red"}])"));
  const auto issues = issues_of(document);
  INFO(listing(issues));
  CHECK(issues.size() == 5);
  CHECK(find_issue(issues, "/devices/0/channels", {"found 0"}));
  CHECK(find_issue(issues, "/drivers/0/role", {"found \"fiter\""}));
  CHECK(find_issue(issues, "/workloads/0/mix/0/size", {"found \"4k\""}));
  CHECK(find_issue(issues, "", {"\"stop\""}));
  CHECK(find_issue(issues, "/hosts/0/colour", {"unknown key"}));
}

TEST_CASE("what() has one line per issue", "[malformed]") {
  const json document = minimal_scenario().patch(json::parse(R"([
      {"op":"add","path":"/devices/0/channels","value":0},
      {"op":"remove","path":"/stop"}])"));
  try {
    irpsim::scenario::parse_scenario(document, "file.json");
    FAIL("accepted");
  } catch (const irpsim::scenario::ScenarioError& e) {
    CHECK(e.source == "file.json");
    CHECK(std::string(e.what()) ==
          "file.json: /devices/0/channels: expected an integer >= 1, found 0\n"
          "file.json: expected the required key \"stop\", found it missing");
  }
}

TEST_CASE("the root must be an object", "[malformed]") {
  for (const char* text : {"[]", "42", "\"scenario\"", "null", "true"}) {
    INFO(text);
    const auto issues = issues_of_text(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].message.find("expected a scenario object") != std::string::npos);
  }
}

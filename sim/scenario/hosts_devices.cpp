// "hosts" and "devices" (a device's interrupt cores are checked against its host by check_topology).
#include <array>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

constexpr std::uint64_t kMaxChannels = 1 << 20;
constexpr std::string_view kSubmittingCore = "submitting";

void parse_latency(const Value& v, DeviceSpec& device) {
  const ObjectView o(v, keys::kPerType, "an object of latency distributions keyed by \"default\" or a request type");
  if (!o.ok())
    return;
  std::optional<DistributionSpec> fallback;
  if (auto entry = o.get("default"))
    fallback = read_distribution(*entry);
  std::vector<std::string> missing;
  for (RequestType t : core::kAllRequestTypes) {
    const std::string_view name = core::type_name(t);
    DistributionSpec& slot = device.latency[core::index_of(t)];
    if (auto entry = o.get(name)) {
      if (auto d = read_distribution(*entry))
        slot = *d;
    } else if (fallback) {
      slot = *fallback;
    } else if (!o.has("default")) {
      missing.emplace_back(name);
    }
  }
  if (!missing.empty())
    v.error("expected a \"default\" entry or an entry for every request type, found no entry for " +
            quoted_list(missing));
}

void parse_errors(const Value& v, DeviceSpec& device) {
  const ObjectView o(v, keys::kDeviceErrors, "an object {\"rate\": PROBABILITY, \"status\": STATUS}");
  if (auto rate = o.need("rate"))
    if (auto p = read_number(*rate, 0, 1, false))
      device.error_rate = *p;
  if (auto status = o.get("status")) {
    if (auto s = read_status(*status)) {
      if (core::nt_success(*s))
        status->expected("a failure status (one for which NT_SUCCESS is false)");
      else
        device.error_status = *s;
    }
  }
}

// "interrupt": the ISR's and the DPC's CPU costs, and the cores that take it ("submitting" or a list, whose range
// check_topology does once it knows the device's host).
void parse_interrupt(const Value& v, DeviceSpec& device, std::vector<Pointer>& cores_at) {
  const ObjectView o(v, keys::kInterrupt,
                     "an interrupt object {\"isr\": COST, \"dpc\": COST, \"cores\": \"submitting\" or [CORE, ...]}");
  InterruptSpec& interrupt = device.interrupt;
  if (auto isr = o.get("isr"))
    if (auto cost = read_distribution(*isr))
      interrupt.isr = *cost;
  if (auto dpc = o.get("dpc"))
    if (auto cost = read_distribution(*dpc))
      interrupt.dpc = *cost;
  auto cores = o.get("cores");
  if (!cores)
    return;
  constexpr std::string_view kCoresWhat =
      "\"submitting\" (the core that submitted the request) or a non-empty array of core indices of the device's "
      "host";
  if (cores->node.is_string() && cores->node.get_ref<const std::string&>() == kSubmittingCore)
    return;
  if (!cores->node.is_array()) {
    const std::array<std::string_view, 1> choices{kSubmittingCore};
    cores->expected(kCoresWhat, cores->node.is_string()
                                    ? did_you_mean(cores->node.get_ref<const std::string&>(), choices)
                                    : std::string());
    return;
  }
  interrupt.submitting_core = false;
  read_cores(*cores, kCoresWhat, interrupt.cores, cores_at);
}

}  // namespace

void parse_hosts(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.need("hosts");
  auto items = section ? read_array(*section, 1, "a non-empty array of hosts") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    HostSpec host;
    const ObjectView o(item, keys::kHost, "a host object");
    if (auto v = o.need("name"))
      if (auto name = read_name(*v))
        host.name = *name;
    if (auto v = o.get("cores"))
      if (auto n = read_unsigned(*v, 1, kMaxCores))
        host.cores = static_cast<int>(*n);
    if (auto v = o.get("speed"))
      if (auto speed = read_cpu_speed(*v))
        host.speed_flops = *speed;
    s.hosts.push_back(std::move(host));
    d.hosts.push_back(item.at);
  }
}

void parse_devices(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.need("devices");
  auto items = section ? read_array(*section, 1, "a non-empty array of devices") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    DeviceSpec device;
    const ObjectView o(item, keys::kDevice, "a device object");
    if (auto v = o.need("name"))
      if (auto name = read_name(*v))
        device.name = *name;
    if (auto v = o.get("channels"))
      if (auto n = read_unsigned(*v, 1, kMaxChannels))
        device.channels = static_cast<int>(*n);
    if (auto v = o.need("latency"))
      parse_latency(*v, device);
    if (auto v = o.get("bandwidth"))
      if (auto bw = read_bandwidth(*v))
        device.bandwidth_bytes_per_s = *bw;
    if (auto v = o.get("errors"))
      parse_errors(*v, device);
    if (auto v = o.get("cancelable"))
      if (auto b = read_bool(*v))
        device.cancelable = *b;
    std::vector<Pointer> cores_at;
    if (auto v = o.get("interrupt"))
      parse_interrupt(*v, device, cores_at);
    s.devices.push_back(std::move(device));
    d.devices.push_back(item.at);
    d.interrupt_cores.push_back(std::move(cores_at));
  }
}

}  // namespace irpsim::scenario::detail

// The request types a workload issues and a queue or policy is configured for, with their scenario names.
// "internal_ioctl_others" is WdfIoTargetFormatRequestForInternalIoctlOthers: the IRP major function is
// IRP_MJ_INTERNAL_DEVICE_CONTROL like "internal_ioctl", so the two share queue routing (dispatching_type), but
// statistics and policies keep them apart.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace irpsim::core {

enum class RequestType : std::uint8_t { READ, WRITE, DEVICE_CONTROL, INTERNAL_DEVICE_CONTROL, INTERNAL_DEVICE_CONTROL_OTHERS };

inline constexpr std::size_t kRequestTypeCount = 5;
inline constexpr std::array<RequestType, kRequestTypeCount> kAllRequestTypes{
    RequestType::READ, RequestType::WRITE, RequestType::DEVICE_CONTROL, RequestType::INTERNAL_DEVICE_CONTROL,
    RequestType::INTERNAL_DEVICE_CONTROL_OTHERS};

constexpr std::size_t index_of(RequestType t) { return static_cast<std::size_t>(t); }

// Scenario and report name: read, write, ioctl, internal_ioctl, internal_ioctl_others.
constexpr std::string_view type_name(RequestType t) {
  constexpr std::array<std::string_view, kRequestTypeCount> names{"read", "write", "ioctl", "internal_ioctl",
                                                                  "internal_ioctl_others"};
  return names[index_of(t)];
}

constexpr std::optional<RequestType> parse_request_type(std::string_view name) {
  for (RequestType t : kAllRequestTypes)
    if (type_name(t) == name)
      return t;
  return std::nullopt;
}

// The WDF request type a queue is configured for (WdfDeviceConfigureRequestDispatching): both internal forms map
// to INTERNAL_DEVICE_CONTROL.
constexpr RequestType dispatching_type(RequestType t) {
  return t == RequestType::INTERNAL_DEVICE_CONTROL_OTHERS ? RequestType::INTERNAL_DEVICE_CONTROL : t;
}

// Read and write carry a transfer length; a zero-length one is completed by the framework without presentation.
constexpr bool is_transfer(RequestType t) { return t == RequestType::READ || t == RequestType::WRITE; }

}  // namespace irpsim::core

#include "sim/core/status.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace irpsim::core {
namespace {

constexpr std::array<std::pair<NtStatus, std::string_view>, 27> kNames{{
    {STATUS_SUCCESS, "STATUS_SUCCESS"},
    {STATUS_TIMEOUT, "STATUS_TIMEOUT"},
    {STATUS_PENDING, "STATUS_PENDING"},
    {STATUS_WDF_QUEUED, "STATUS_WDF_QUEUED"},
    {STATUS_DEVICE_BUSY, "STATUS_DEVICE_BUSY"},
    {STATUS_UNSUCCESSFUL, "STATUS_UNSUCCESSFUL"},
    {STATUS_INFO_LENGTH_MISMATCH, "STATUS_INFO_LENGTH_MISMATCH"},
    {STATUS_INVALID_PARAMETER, "STATUS_INVALID_PARAMETER"},
    {STATUS_INVALID_DEVICE_REQUEST, "STATUS_INVALID_DEVICE_REQUEST"},
    {STATUS_MORE_PROCESSING_REQUIRED, "STATUS_MORE_PROCESSING_REQUIRED"},
    {STATUS_INSUFFICIENT_RESOURCES, "STATUS_INSUFFICIENT_RESOURCES"},
    {STATUS_DEVICE_DATA_ERROR, "STATUS_DEVICE_DATA_ERROR"},
    {STATUS_DEVICE_NOT_READY, "STATUS_DEVICE_NOT_READY"},
    {STATUS_IO_TIMEOUT, "STATUS_IO_TIMEOUT"},
    {STATUS_NOT_SUPPORTED, "STATUS_NOT_SUPPORTED"},
    {STATUS_REQUEST_NOT_ACCEPTED, "STATUS_REQUEST_NOT_ACCEPTED"},
    {STATUS_INTERNAL_ERROR, "STATUS_INTERNAL_ERROR"},
    {STATUS_CANCELLED, "STATUS_CANCELLED"},
    {STATUS_INVALID_DEVICE_STATE, "STATUS_INVALID_DEVICE_STATE"},
    {STATUS_IO_DEVICE_ERROR, "STATUS_IO_DEVICE_ERROR"},
    {STATUS_WDF_PAUSED, "STATUS_WDF_PAUSED"},
    {STATUS_WDF_BUSY, "STATUS_WDF_BUSY"},
    {STATUS_WDF_DEVICE_REMOVED_NOT_SENT, "STATUS_WDF_DEVICE_REMOVED_NOT_SENT"},
    {STATUS_WDF_REQUEST_INVALID_STATE, "STATUS_WDF_REQUEST_INVALID_STATE"},
    {STATUS_WDF_INTERNAL_ERROR, "STATUS_WDF_INTERNAL_ERROR"},
    {STATUS_WDF_NO_CALLBACK, "STATUS_WDF_NO_CALLBACK"},
    {0xC0000022, "STATUS_ACCESS_DENIED"},
}};

}  // namespace

NtStatus rewrite_wdf_facility_status(NtStatus s) {
  if ((s & 0x0FFF0000u) != 0x00200000u)
    return s;
  switch (s) {
    case STATUS_WDF_PAUSED:
    case STATUS_WDF_BUSY:
      return STATUS_DEVICE_BUSY;
    case STATUS_WDF_INTERNAL_ERROR:
      return STATUS_INTERNAL_ERROR;
    default:
      return STATUS_INVALID_DEVICE_REQUEST;
  }
}

std::string status_name(NtStatus s) {
  for (const auto& [value, name] : kNames)
    if (value == s)
      return std::string(name);
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", s);
  return buf;
}

std::optional<NtStatus> parse_status(std::string_view text) {
  for (const auto& [value, name] : kNames)
    if (name == text)
      return value;
  if (text.size() > 2 && text.size() <= 10 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    NtStatus v = 0;
    for (char c : text.substr(2)) {
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return std::nullopt;
      v = v * 16 + static_cast<NtStatus>(d);
    }
    return v;
  }
  return std::nullopt;
}

std::vector<std::string> known_status_names() {
  std::vector<std::pair<NtStatus, std::string_view>> sorted(kNames.begin(), kNames.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> out;
  for (const auto& entry : sorted)
    out.emplace_back(entry.second);
  return out;
}

}  // namespace irpsim::core

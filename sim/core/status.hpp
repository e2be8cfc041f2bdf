// NTSTATUS values the simulator produces or accepts, with their names, and the framework's rewriting of
// WDF-facility statuses at completion (wdf-semantics.md section 0.1 and section 5).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace irpsim::core {

using NtStatus = std::uint32_t;

inline constexpr NtStatus STATUS_SUCCESS = 0x00000000;
inline constexpr NtStatus STATUS_TIMEOUT = 0x00000102;
inline constexpr NtStatus STATUS_PENDING = 0x00000103;
inline constexpr NtStatus STATUS_DEVICE_BUSY = 0x80000011;
inline constexpr NtStatus STATUS_UNSUCCESSFUL = 0xC0000001;
inline constexpr NtStatus STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;
inline constexpr NtStatus STATUS_INVALID_PARAMETER = 0xC000000D;
inline constexpr NtStatus STATUS_INVALID_DEVICE_REQUEST = 0xC0000010;
inline constexpr NtStatus STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016;
inline constexpr NtStatus STATUS_INSUFFICIENT_RESOURCES = 0xC000009A;
inline constexpr NtStatus STATUS_DEVICE_DATA_ERROR = 0xC000009C;
inline constexpr NtStatus STATUS_DEVICE_NOT_READY = 0xC00000A3;
inline constexpr NtStatus STATUS_IO_TIMEOUT = 0xC00000B5;
inline constexpr NtStatus STATUS_NOT_SUPPORTED = 0xC00000BB;
inline constexpr NtStatus STATUS_REQUEST_NOT_ACCEPTED = 0xC00000D0;
inline constexpr NtStatus STATUS_INTERNAL_ERROR = 0xC00000E5;
inline constexpr NtStatus STATUS_CANCELLED = 0xC0000120;
inline constexpr NtStatus STATUS_INVALID_DEVICE_STATE = 0xC0000184;
inline constexpr NtStatus STATUS_IO_DEVICE_ERROR = 0xC0000185;
inline constexpr NtStatus STATUS_WDF_QUEUED = 0x40200000;
inline constexpr NtStatus STATUS_WDF_PAUSED = 0xC0200203;
inline constexpr NtStatus STATUS_WDF_BUSY = 0xC0200204;
inline constexpr NtStatus STATUS_WDF_DEVICE_REMOVED_NOT_SENT = 0xC0200206;
inline constexpr NtStatus STATUS_WDF_REQUEST_INVALID_STATE = 0xC0200208;
inline constexpr NtStatus STATUS_WDF_INTERNAL_ERROR = 0xC0200209;
inline constexpr NtStatus STATUS_WDF_NO_CALLBACK = 0xC020020B;

// NT_SUCCESS: severity success or informational.
constexpr bool nt_success(NtStatus s) { return static_cast<std::int32_t>(s) >= 0; }

// What WdfRequestComplete does to a WDF-facility status before the IRP sees it (wdf-semantics.md section 5):
// PAUSED/BUSY -> STATUS_DEVICE_BUSY, INTERNAL_ERROR -> STATUS_INTERNAL_ERROR, any other WDF-facility status ->
// STATUS_INVALID_DEVICE_REQUEST. Non-WDF statuses pass unchanged.
NtStatus rewrite_wdf_facility_status(NtStatus s);

// "STATUS_SUCCESS" for known values, "0xC000009C"-style hex otherwise. Stable: used as JSON keys.
std::string status_name(NtStatus s);

// Accepts a known name ("STATUS_IO_TIMEOUT") or a hexadecimal value ("0xC00000B5"); nullopt otherwise.
std::optional<NtStatus> parse_status(std::string_view text);

// The names parse_status accepts, in value order; for error messages and documentation.
std::vector<std::string> known_status_names();

}  // namespace irpsim::core

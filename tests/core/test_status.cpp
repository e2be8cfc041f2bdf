// Status names and the framework's WDF-facility rewriting at completion (wdf-semantics.md section 5).
#include <catch2/catch.hpp>

#include "sim/core/status.hpp"

using namespace irpsim::core;

TEST_CASE("WDF-facility statuses are rewritten at completion") {
  CHECK(rewrite_wdf_facility_status(STATUS_WDF_BUSY) == STATUS_DEVICE_BUSY);
  CHECK(rewrite_wdf_facility_status(STATUS_WDF_PAUSED) == STATUS_DEVICE_BUSY);
  CHECK(rewrite_wdf_facility_status(STATUS_WDF_INTERNAL_ERROR) == STATUS_INTERNAL_ERROR);
  CHECK(rewrite_wdf_facility_status(STATUS_WDF_DEVICE_REMOVED_NOT_SENT) == STATUS_INVALID_DEVICE_REQUEST);
  CHECK(rewrite_wdf_facility_status(STATUS_WDF_QUEUED) == STATUS_INVALID_DEVICE_REQUEST);
  CHECK(rewrite_wdf_facility_status(STATUS_CANCELLED) == STATUS_CANCELLED);
  CHECK(rewrite_wdf_facility_status(STATUS_SUCCESS) == STATUS_SUCCESS);
}

TEST_CASE("status names round-trip and unknown values print as hex") {
  CHECK(status_name(STATUS_IO_TIMEOUT) == "STATUS_IO_TIMEOUT");
  CHECK(parse_status("STATUS_IO_TIMEOUT") == STATUS_IO_TIMEOUT);
  CHECK(parse_status("0xC00000B5") == STATUS_IO_TIMEOUT);
  CHECK(status_name(0xC0001234) == "0xC0001234");
  CHECK_FALSE(parse_status("STATUS_NOPE").has_value());
  CHECK_FALSE(parse_status("0x").has_value());
  CHECK_FALSE(parse_status("0x1FFFFFFFF").has_value());
  CHECK(nt_success(STATUS_PENDING));
  CHECK_FALSE(nt_success(STATUS_DEVICE_BUSY));
  for (const auto& name : known_status_names())
    CHECK(status_name(*parse_status(name)) == name);
}

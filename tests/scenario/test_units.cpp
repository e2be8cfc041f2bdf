// core::parse_duration / parse_size / parse_bandwidth / parse_rate / parse_cpu_speed: exact values and rejections.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "sim/core/units.hpp"

using namespace irpsim::core;

TEST_CASE("durations are seconds, correctly rounded", "[units]") {
  CHECK(parse_duration("100us").value == 100e-6);
  CHECK(parse_duration("1.5ms").value == 1.5e-3);
  CHECK(parse_duration("0.1ms").value == 0.1e-3);
  CHECK(parse_duration("2s").value == 2.0);
  CHECK(parse_duration("500ns").value == 500e-9);
  CHECK(parse_duration("3.25s").value == 3.25);
  CHECK(parse_duration("0").value == 0.0);
  CHECK(parse_duration("0s").value == 0.0);
  CHECK(parse_duration("0us").ok);
  CHECK(parse_duration("007ms").value == 7e-3);
  CHECK(parse_duration("1s").expected == kDurationSyntax);
}

TEST_CASE("bad durations say why", "[units]") {
  struct Bad {
    const char* text;
    const char* problem;
  };
  const Bad bad[] = {
      {"", "empty"},
      {"-1ms", "negative"},
      {"100", "no unit"},
      {"0.0", "no unit"},
      {"1.ms", "no digits after the decimal point"},
      {".5ms", "does not start with a number"},
      {"+5ms", "does not start with a number"},
      {"nan", "does not start with a number"},
      {"infs", "does not start with a number"},
      {"1e3s", "unknown unit \"e3s\""},
      {"10 us", "contains whitespace"},
      {"10us ", "contains whitespace"},
      {" 10us", "does not start with a number"},
      {"10usx", "unknown unit \"usx\""},
      {"10m", "unknown unit \"m\""},
      {"10µs", "unknown unit"},
      {"5min", "unknown unit \"min\""},
  };
  for (const Bad& b : bad) {
    INFO(b.text);
    const auto q = parse_duration(b.text);
    CHECK_FALSE(q.ok);
    CHECK(q.problem.find(b.problem) != std::string::npos);
    CHECK(q.expected == kDurationSyntax);
  }
  const std::string huge = "1" + std::string(400, '0') + "s";
  CHECK(parse_duration(huge).problem == "out of range");
}

TEST_CASE("sizes are whole bytes", "[units]") {
  CHECK(parse_size("0B").value == 0);
  CHECK(parse_size("512B").value == 512);
  CHECK(parse_size("4KiB").value == 4096);
  CHECK(parse_size("4KB").value == 4000);
  CHECK(parse_size("1.5KiB").value == 1536);
  CHECK(parse_size("0.5KB").value == 500);
  CHECK(parse_size("1MiB").value == 1048576);
  CHECK(parse_size("2MB").value == 2000000);
  CHECK(parse_size("1GiB").value == (1ull << 30));
  CHECK(parse_size("3GB").value == 3000000000ull);
  CHECK(parse_size("1TiB").value == (1ull << 40));
  CHECK(parse_size("1.000TB").value == 1000000000000ull);
  CHECK(parse_size("18446744073709551615B").value == UINT64_MAX);
  CHECK(parse_size("16777215TiB").value == 16777215ull << 40);
  CHECK(parse_size("0.0009765625KiB").value == 1);  // 2^-10 KiB
}

TEST_CASE("bad sizes say why", "[units]") {
  CHECK(parse_size("1.5B").problem == "not a whole number of bytes");
  CHECK(parse_size("0.3KiB").problem == "not a whole number of bytes");
  CHECK(parse_size("0.0001KB").problem == "not a whole number of bytes");
  CHECK(parse_size("18446744073709551616B").problem.find("too large") != std::string::npos);
  CHECK(parse_size("16777216TiB").problem.find("too large") != std::string::npos);
  CHECK(parse_size("99999999999999999999999999999B").problem.find("too large") != std::string::npos);
  CHECK(parse_size("0").problem == "no unit");
  CHECK(parse_size("4").problem == "no unit");
  CHECK(parse_size("4kb").problem == "unknown unit \"kb\"");
  CHECK(parse_size("4KIB").problem == "unknown unit \"KIB\"");
  CHECK(parse_size("-4KiB").problem == "negative");
  CHECK(parse_size("4 KiB").problem == "contains whitespace");
  CHECK(parse_size("4KiB/s").problem == "unknown unit \"KiB/s\"");
  CHECK_FALSE(parse_size("").ok);
  CHECK(parse_size("x").expected == kSizeSyntax);
}

TEST_CASE("bandwidths are bytes per second", "[units]") {
  CHECK(parse_bandwidth("2GB/s").value == 2e9);
  CHECK(parse_bandwidth("500MiB/s").value == 500.0 * 1048576);
  CHECK(parse_bandwidth("1.5KB/s").value == 1500.0);
  CHECK(parse_bandwidth("100B/s").value == 100.0);
  CHECK(parse_bandwidth("0B/s").value == 0.0);
  CHECK(parse_bandwidth("0.5B/s").value == 0.5);  // not a size: fractions of a byte per second are fine
  CHECK(parse_bandwidth("2GB").problem == "no \"/s\" after the size unit");
  CHECK(parse_bandwidth("2/s").problem == "no unit");
  CHECK(parse_bandwidth("2Gb/s").problem == "unknown unit \"Gb\"");
  CHECK(parse_bandwidth("2GBps").problem == "no \"/s\" after the size unit");
  CHECK(parse_bandwidth("-2GB/s").problem == "negative");
  CHECK(parse_bandwidth("/s").problem == "does not start with a number");
  CHECK_FALSE(parse_bandwidth("").ok);
}

TEST_CASE("rates are per second", "[units]") {
  CHECK(parse_rate("1000/s").value == 1000.0);
  CHECK(parse_rate("50k/s").value == 50000.0);
  CHECK(parse_rate("8k/s").value == 8000.0);
  CHECK(parse_rate("1.5M/s").value == 1.5e6);
  CHECK(parse_rate("2G/s").value == 2e9);
  CHECK(parse_rate("0.5/s").value == 0.5);
  CHECK(parse_rate("50k").problem == "unknown unit \"k\"");
  CHECK(parse_rate("50").problem == "no unit");
  CHECK(parse_rate("50K/s").problem == "unknown unit \"K/s\"");
  CHECK(parse_rate("50k/ms").problem == "unknown unit \"k/ms\"");
  CHECK(parse_rate("-1/s").problem == "negative");
}

TEST_CASE("CPU speeds are flops", "[units]") {
  CHECK(parse_cpu_speed("2Gf").value == 2e9);
  CHECK(parse_cpu_speed("1.5Gf").value == 1.5e9);
  CHECK(parse_cpu_speed("100f").value == 100.0);
  CHECK(parse_cpu_speed("3kf").value == 3e3);
  CHECK(parse_cpu_speed("4Mf").value == 4e6);
  CHECK(parse_cpu_speed("1Tf").value == 1e12);
  CHECK(parse_cpu_speed("2GHz").problem == "unknown unit \"GHz\"");
  CHECK(parse_cpu_speed("2G").problem == "unknown unit \"G\"");
  CHECK(parse_cpu_speed("2").problem == "no unit");
  CHECK(parse_cpu_speed("2 Gf").problem == "contains whitespace");
  CHECK(parse_cpu_speed("-2Gf").problem == "negative");
}

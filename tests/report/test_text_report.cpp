#include <catch2/catch.hpp>

#include <string>

#include "sim/report/text_report.hpp"
#include "summary_fixture.hpp"

using namespace irpsim;
using Catch::Matchers::Contains;
using json = nlohmann::ordered_json;

namespace {

json build(const test::SummaryFixture& f) {
  return report::build_summary(f.scenario, f.recorder, f.targets, f.accounting, f.run_info);
}

}  // namespace

TEST_CASE("number formatting follows fio's conventions", "[text]") {
  CHECK(report::format_count(86200) == "86.2k");
  CHECK(report::format_count(888) == "888");
  CHECK(report::format_count(1.5e6) == "1.50M");
  CHECK(report::format_count(5) == "5");
  CHECK(report::format_count(2.5) == "2.50");
  CHECK(report::format_bandwidth(353e6) == "337MiB/s (353MB/s)");
  CHECK(report::format_bandwidth(0) == "0B/s (0B/s)");
  CHECK(report::format_duration_ns(1500) == "1.50us");
  CHECK(report::format_duration_ns(140300) == "140.30us");
  CHECK(report::format_duration_ns(31) == "31.00ns");
  CHECK(report::format_duration_ns(2.31e6) == "2.31ms");
  CHECK(report::format_duration_ns(1.2e9) == "1.20s");
  CHECK(report::format_bytes(31 << 20) == "31.0 MiB");
}

TEST_CASE("text report contains the headline figures", "[text]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  CAPTURE(r);
  CHECK_THAT(r, Contains("quickstart (seed 42): 800 requests in 0.0500 s simulated, 20 warm-up excluded"));
  CHECK_THAT(r, Contains("app: closed loop, queue depth 4, stack disk"));
  CHECK_THAT(r, Contains("bg: open loop (Poisson arrivals), offered 2.00k/s, achieved "));
  CHECK_THAT(r, Contains("  read: IOPS="));
  CHECK_THAT(r, Contains("  write: IOPS="));
  CHECK_THAT(r, Contains(", BW="));
  CHECK_THAT(r, Contains("    lat (nsec): min=55800, max=71200, avg="));  // fio keeps nsec while max < 100000
  CHECK_THAT(r, Contains("    lat percentiles (nsec):"));
  CHECK_THAT(r, Contains("     |  1.00th=["));
  CHECK_THAT(r, Contains(" 99.99th=["));
  CHECK_THAT(r, Contains("    status: STATUS_SUCCESS="));
  CHECK_THAT(r, Contains("STATUS_DEVICE_DATA_ERROR="));
  CHECK_THAT(r, Contains("  all: IOPS="));
  CHECK_THAT(r, Contains("lat avg="));
  CHECK_THAT(r, Contains("  ordering: 0.0% completed out of submission order, 0 inversions, largest displacement 0"));
  CHECK_THAT(r, Contains("  ordering: 75.0% completed out of submission order, 600 inversions, largest displacement 3"));
  CHECK_THAT(r, Contains("layer breakdown, stack disk"));
  CHECK_THAT(r, Contains("queue wait"));
  CHECK_THAT(r, Contains("upper-filter"));
  CHECK_THAT(r, Contains("fdo->pdo"));
  CHECK_THAT(r, Contains("ssd0"));
  CHECK_THAT(r, Contains("shares add up to 10"));  // 100.0% or 99.9%
  CHECK_THAT(r, Contains("accounting: 801 issued, 800 completed, 0 in flight, 1 stuck, 1 violations"));
  CHECK_THAT(r, !Contains("PARTIAL RESULTS"));
  CHECK_THAT(r, Contains("stuck: IRP 9001 (app read, issued at 12.30ms): queue default of driver fdo (presented)"));
  CHECK_THAT(r, Contains("violation: REQUEST_ALREADY_COMPLETED in driver fdo on IRP 9002 at 20.00ms: WdfRequestComplete called twice"));
  CHECK_THAT(r, Contains("run cost: wall 0.25 s, 0.05 s simulated, 3.20k IRPs per wall second"));
  CHECK_THAT(r, Contains("peak memory 31.0 MiB"));
}

TEST_CASE("text report scales latency rows to usec and msec like fio", "[text]") {
  json s = build(test::make_summary_fixture());
  json& lat = s["workloads"][0]["types"][0]["latency_ns"];
  lat["min_ns"] = 31000;
  lat["max_ns"] = 912000;
  lat["mean_ns"] = 142550.0;
  lat["stddev_ns"] = 60120.0;
  for (auto& item : lat["percentiles_ns"].items())
    item.value() = 52000;
  lat["percentiles_ns"]["99.99"] = 890000;
  std::string r = report::render_text_report(s);
  CHECK_THAT(r, Contains("    lat (usec): min=31, max=912, avg=142.55, stdev=60.12, samples="));
  CHECK_THAT(r, Contains("    lat percentiles (usec):\n     |  1.00th=[   52],  5.00th=[   52]"));
  CHECK_THAT(r, Contains(" 99.99th=[  890]\n"));
  lat["min_ns"] = 3000000;
  lat["max_ns"] = 200000000;
  lat["percentiles_ns"]["1.00"] = 3000000;
  lat["percentiles_ns"]["99.99"] = 190000000;
  r = report::render_text_report(s);
  CHECK_THAT(r, Contains("    lat (msec): min=3, max=200,"));
  CHECK_THAT(r, Contains("    lat percentiles (usec):"));  // 52 us percentiles keep the minimum below 2000 us
}

TEST_CASE("text report percentile block uses fio's four-per-line layout", "[text]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  const auto start = r.find("    lat percentiles (");
  REQUIRE(start != std::string::npos);
  std::size_t pos = r.find('\n', start) + 1;
  std::vector<std::string> lines;
  for (int i = 0; i < 5; ++i) {
    const auto end = r.find('\n', pos);
    lines.push_back(r.substr(pos, end - pos));
    pos = end + 1;
  }
  CAPTURE(lines);
  for (int i = 0; i < 4; ++i) {
    CHECK(lines[static_cast<std::size_t>(i)].rfind("     |", 0) == 0);
    CHECK(lines[static_cast<std::size_t>(i)].back() == ',');
  }
  CHECK(lines[0].find("  1.00th=[") != std::string::npos);
  CHECK(lines[0].find(" 20.00th=[") != std::string::npos);
  CHECK(lines[4].rfind("     | 99.99th=[", 0) == 0);
  CHECK(lines[4].back() == ']');
}

TEST_CASE("text report layer table rows are aligned", "[text]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  const auto start = r.find("layer breakdown");
  REQUIRE(start != std::string::npos);
  std::size_t pos = r.find('\n', start) + 1;
  std::vector<std::string> lines;
  for (int i = 0; i < 7; ++i) {  // header + 6 rows
    const auto end = r.find('\n', pos);
    lines.push_back(r.substr(pos, end - pos));
    pos = end + 1;
  }
  CAPTURE(lines);
  for (const std::string& l : lines)
    CHECK(l.size() == lines[0].size());
  CHECK(lines[1].find("upper-filter") != std::string::npos);
  CHECK(lines[1].find("filter") != std::string::npos);
  CHECK(lines[6].find("ssd0") != std::string::npos);
  CHECK(lines[6].find("device") != std::string::npos);
}

TEST_CASE("text report renders a summary with nothing measured and without run_info", "[text]") {
  json s = build(test::make_empty_fixture());
  s.erase("run_info");
  const std::string r = report::render_text_report(s);
  CHECK_THAT(r, Contains("quickstart (seed 42): 0 requests"));
  CHECK_THAT(r, Contains("layer breakdown, stack disk"));
  CHECK(r.find("run cost") == std::string::npos);
  CHECK(r.find("nan") == std::string::npos);
  // A document that is not a summary at all must not crash the renderer.
  CHECK_NOTHROW(report::render_text_report(json::object()));
  CHECK_NOTHROW(report::render_text_report(json::parse(R"({"workloads": [{"types": [{"latency_ns": 3}]}]})")));
}

TEST_CASE("text report of a halted run says the results are partial, why and when", "[text]") {
  auto f = test::make_summary_fixture();
  f.accounting.in_flight = 7;
  f.accounting.halt = report::Accounting::Halt{"requests_in_flight_limit", "more than 5 requests were in flight", 0.0123};
  const std::string r =
      report::render_text_report(report::build_summary(f.scenario, f.recorder, f.targets, f.accounting, f.run_info));
  CHECK_THAT(r, Contains("PARTIAL RESULTS (stopped_at_limit): more than 5 requests were in flight at 12.30ms simulated; "
                         "7 requests were in flight"));
  CHECK_THAT(r, Contains(", 7 in flight, "));
}

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "sim/report/text_report.hpp"
#include "summary_fixture.hpp"

using namespace irpsim;
using Catch::Matchers::Contains;
using json = nlohmann::ordered_json;

namespace {

json build(const test::SummaryFixture& f) {
  return report::build_summary(f.scenario, f.recorder, f.targets, f.accounting, f.run_info);
}

// A fraction as the report prints it: "8.75%".
std::string pct(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", fraction * 100.0);
  return buf;
}
std::string dur(double ns) { return report::format_duration_ns(ns); }

// The lines of `text` from the one starting with `first` (exclusive) up to the next empty line.
std::vector<std::string> block_after(const std::string& text, const std::string& first) {
  std::vector<std::string> lines;
  std::size_t pos = text.find(first);
  if (pos == std::string::npos)
    return lines;
  pos = text.find('\n', pos) + 1;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == pos)
      break;
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

// The summary without anything the CPU model added: what an older irpsim wrote.
json without_cpu_fields(json s) {
  s.erase("cpu");
  for (json& w : s["workloads"]) {
    for (json& t : w["types"]) {
      t.erase("submission_latency_ns");
      t.erase("completion_latency_ns");
    }
    w["all_types"].erase("submission_latency_ns");
    w["all_types"].erase("completion_latency_ns");
  }
  for (json& stack : s["layers"])
    for (json& row : stack["rows"]) {
      for (const char* key : {"core_wait_ns", "lock_spin_ns", "cpu_ns", "own_delay_ns", "interrupt_ns"}) {
        row.erase(key);
        for (json& t : row["types"])
          t.erase(key);
      }
    }
  return s;
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
  const std::string r = report::render_text_report(build(test::make_summary_fixture(400, false)));
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

TEST_CASE("text report shows slat and clat after lat, only when submission takes time", "[text][cpu]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  CAPTURE(r);
  // The fixture submits in 3 or 4 us; both stay in nsec (max below 100000), like the lat line.
  CHECK_THAT(r, Contains("    lat (nsec): min=55800, max=71200, avg=63507.69, stdev=3904.33, samples=260\n"
                         "    slat (nsec): min=3000, max=4000, avg="));
  CHECK_THAT(r, Contains("\n    clat (nsec): min="));
  const auto slat = r.find("    slat (nsec)"), clat = r.find("    clat (nsec)"), pct_at = r.find("    lat percentiles");
  CHECK(slat < clat);
  CHECK(clat < pct_at);
  // Every type has both lines: 2 workloads x 2 types.
  std::size_t n = 0;
  for (std::size_t at = r.find("    slat ("); at != std::string::npos; at = r.find("    slat (", at + 1))
    ++n;
  CHECK(n == 4);
  // Submission scaled like fio: a 3 ms .. 200 ms slat reads in msec.
  json s = build(test::make_summary_fixture());
  json& sl = s["workloads"][0]["types"][0]["submission_latency_ns"];
  sl["min_ns"] = 3000000;
  sl["max_ns"] = 200000000;
  sl["mean_ns"] = 4500000.0;
  sl["stddev_ns"] = 250000.0;
  CHECK_THAT(report::render_text_report(s), Contains("    slat (msec): min=3, max=200, avg=4.50, stdev=0.25\n"));

  const std::string z = report::render_text_report(build(test::make_summary_fixture(400, false)));
  CHECK(z.find("slat") == std::string::npos);
  CHECK(z.find("clat") == std::string::npos);
}

TEST_CASE("text report splits each layer's time when the run has CPU time", "[text][cpu]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  CAPTURE(r);
  const std::vector<std::string> table = block_after(r, "layer breakdown, stack disk");
  REQUIRE(table.size() == 1 + 6 + 4 + 1);  // header, six rows, four detail lines, the shares line
  // Rows and header stay aligned; each driver and the device have their detail line under them.
  std::vector<std::string> rows, details;
  for (std::size_t i = 0; i + 1 < table.size(); ++i)
    (table[i].find("in layer:") != std::string::npos || table[i].find(" interrupt ") != std::string::npos ? details
                                                                                                          : rows)
        .push_back(table[i]);
  REQUIRE(rows.size() == 7);
  for (const std::string& l : rows)
    CHECK(l.size() == rows[0].size());
  const std::string pad(2 + 17 + 1, ' ');  // under the kind column: "upper-filter->fdo" is the longest name
  // The fixture's parts per request (ns): filter 100 + 0 + 600 of 1000, fdo 200 + 100 + 1500 of 2000, pdo 100 + 50 +
  // 600 of 1000; the device's interrupt 4 us.
  CHECK(table[2] == pad + "in layer: core wait " + dur(100) + ", lock spin " + dur(0) + ", cpu " + dur(600) +
                        ", own delay " + dur(1000 - 100 - 0 - 600));
  CHECK(table[5] == pad + "in layer: core wait " + dur(200) + ", lock spin " + dur(100) + ", cpu " + dur(1500) +
                        ", own delay " + dur(2000 - 200 - 100 - 1500));
  CHECK(table[8] == pad + "in layer: core wait " + dur(100) + ", lock spin " + dur(50) + ", cpu " + dur(600) +
                        ", own delay " + dur(1000 - 100 - 50 - 600));
  CHECK(table[10] == pad + "interrupt " + dur(4000) + " (core wait, ISR and DPC; in the device's share)");
  // With the interrupt counted, the shares still add up.
  CHECK_THAT(table.back(), Catch::StartsWith("  shares add up to 100.0%") || Catch::StartsWith("  shares add up to 99.9%"));
}

TEST_CASE("text report cpu section: utilisation per host and core, CPU per request, locks, interrupts",
          "[text][cpu]") {
  const std::string r = report::render_text_report(build(test::make_summary_fixture()));
  CAPTURE(r);
  // host0: 4 cores over 0.05 s. Busy (s): dispatch 0.004 + 0.003 + 0.0025, completion 0.002 + 0.001, isr 0.001,
  // dpc 0.002, spin 0.001 + 0.001.
  const double cap = 4 * 0.05;
  const std::string head = "cpu, host host0 (4 cores): " + pct(0.0175 / cap) + " busy (dispatch " +
                           pct(0.0095 / cap) + ", completion " + pct(0.003 / cap) + ", isr " + pct(0.001 / cap) +
                           ", dpc " + pct(0.002 / cap) + ", lock spin " + pct(0.002 / cap) + ")";
  CHECK(head == "cpu, host host0 (4 cores): 8.75% busy (dispatch 4.75%, completion 1.50%, isr 0.50%, dpc 1.00%, "
                "lock spin 1.00%)");
  const auto at = r.find("\n" + head + "\n");
  REQUIRE(at != std::string::npos);
  const std::vector<std::string> lines = block_after(r.substr(at + 1), head);
  REQUIRE(lines.size() == 1 + 4 + 3 + 1 + 1);  // over time, 4 cores, 3 drivers, 1 lock, 1 device
  // Busiest 10 ms bucket: 0.006 core-seconds over 4 cores, the second bucket.
  CHECK(lines[0] == "  over time: 5 intervals of " + dur(10e6) + ", busiest " + pct(0.006 / (4 * 0.01)) + " (from " +
                        dur(10e6) + ")");
  CHECK(lines[1] == "  core 0: " + pct(0.010 / 0.05) + " busy (dispatch " + pct(0.004 / 0.05) + ", completion " +
                        pct(0.002 / 0.05) + ", isr " + pct(0.001 / 0.05) + ", dpc " + pct(0.002 / 0.05) +
                        ", lock spin " + pct(0.001 / 0.05) + "), 1000 steps");
  CHECK(lines[2] == "  core 1: " + pct(0.005 / 0.05) + " busy (dispatch " + pct(0.003 / 0.05) + ", completion " +
                        pct(0.001 / 0.05) + ", isr " + pct(0) + ", dpc " + pct(0) + ", lock spin " + pct(0.001 / 0.05) +
                        "), 600 steps");
  CHECK(lines[4] == "  core 3: " + pct(0) + " busy (dispatch " + pct(0) + ", completion " + pct(0) + ", isr " + pct(0) +
                        ", dpc " + pct(0) + ", lock spin " + pct(0) + "), 0 steps");
  // Per request the driver's callback ran for: filter 500, fdo and pdo 800.
  CHECK(lines[5] == "  driver upper-filter (500 requests): per request CPU " + dur((0.0003 + 0.0002) * 1e9 / 500) +
                        " (dispatch " + dur(0.0003 * 1e9 / 500) + ", completion " + dur(0.0002 * 1e9 / 500) +
                        "), core wait " + dur(0.00005 * 1e9 / 500) + ", lock spin " + dur(0));
  CHECK(lines[6] == "  driver fdo (800 requests): per request CPU " + dur((0.0012 + 0.0004) * 1e9 / 800) +
                        " (dispatch " + dur(0.0012 * 1e9 / 800) + ", completion " + dur(0.0004 * 1e9 / 800) +
                        "), core wait " + dur((0.00016 + 0.00004) * 1e9 / 800) + ", lock spin " +
                        dur(0.00008 * 1e9 / 800));
  CHECK(lines[7] == "    lock fdo-queue-lock: 1600 acquisitions, " + dur(0.00008 * 1e9 / 1600) + " wait and " +
                        dur(0.0008 * 1e9 / 1600) + " hold per acquisition, held " + pct(0.0008 / 0.05) + " of the time");
  CHECK(lines[8] == "  driver pdo (800 requests): per request CPU " + dur(0.00048 * 1e9 / 800) + " (dispatch " +
                        dur(0.00048 * 1e9 / 800) + ", completion " + dur(0) + "), core wait " +
                        dur(0.00008 * 1e9 / 800) + ", lock spin " + dur(0.00004 * 1e9 / 800));
  CHECK(lines[9] == "  device ssd0: 800 interrupts, per interrupt " + dur(0.0008 * 1e9 / 800) + " ISR, " +
                        dur(0.0016 * 1e9 / 800) + " DPC, " + dur(0.0008 * 1e9 / 800) + " core wait");
  // Between the layer breakdown and the accounting.
  CHECK(r.find("layer breakdown") < at);
  CHECK(at < r.find("accounting:"));
}

TEST_CASE("text report of a run without CPU time reads as before the CPU model", "[text][cpu]") {
  // The zero-CPU run still counts steps and interrupts, but spent no time: no cpu section, no slat or clat, no split
  // of the layers' time, and the text is exactly that of the same summary without any of the new fields.
  const json s = build(test::make_summary_fixture(400, false));
  CHECK_FALSE(report::summary_has_cpu_time(s));
  CHECK_FALSE(report::summary_has_submission_latency(s));
  const std::string r = report::render_text_report(s);
  CHECK(r == report::render_text_report(without_cpu_fields(s)));
  CHECK(r.find("cpu, host") == std::string::npos);
  CHECK(r.find("in layer:") == std::string::npos);
  CHECK(r.find("interrupt") == std::string::npos);
  CHECK_THAT(r, Contains("    lat (nsec): min=55800, max=71200, avg="));
  CHECK(report::summary_has_cpu_time(build(test::make_summary_fixture())));
  CHECK(report::summary_has_submission_latency(build(test::make_summary_fixture())));
  CHECK_FALSE(report::summary_has_cpu_time(build(test::make_empty_fixture())));
  // One busy core is enough.
  json one = s;
  one["cpu"]["hosts"][0]["busy_ns"] = 1;
  CHECK(report::summary_has_cpu_time(one));
  CHECK_THAT(report::render_text_report(one), Contains("cpu, host host0 (4 cores): "));
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>

#include "sim/report/time_series_csv.hpp"
#include "summary_fixture.hpp"

using namespace irpsim;
using json = nlohmann::ordered_json;

namespace {

json build(const test::SummaryFixture& f) {
  return report::build_summary(f.scenario, f.recorder, f.targets, f.accounting, f.run_info);
}

bool has_unit_suffix(const std::string& key) {
  for (const char* suffix : {"_ns", "_s", "_bytes", "_per_s", "_percent", "_fraction"}) {
    const std::string s(suffix);
    if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  // Nanoseconds per something counted: cpu_ns_per_request, isr_ns_per_interrupt, wait_ns_per_acquisition.
  for (const char* per : {"_ns_per_request", "_ns_per_interrupt", "_ns_per_acquisition"}) {
    const std::string s(per);
    if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  return false;
}

// Walks the document: every number is finite, and every numeric field is either unit-suffixed or a count noun.
void check_units_and_finite(const json& j, const std::string& key, const std::string& path, bool parent_has_unit) {
  static const std::set<std::string> counts{
      "schema_version", "seed",       "queue_depth",   "issued",           "completed", "warmup_excluded",
      "requests",       "bytes",      "samples",       "completions",      "out_of_order", "inversions",
      "max_displacement", "passed_through", "channels", "irp_id",          "hops",
      "violations_total", "outstanding_mean", "in_flight", "created_outstanding", "cores", "steps",
      "interrupts", "acquisitions"};
  if (j.is_object()) {
    for (const auto& item : j.items())
      check_units_and_finite(item.value(), item.key(), path + "/" + item.key(),
                             has_unit_suffix(key) || key == "status_counts" || key == "violation_counts");
  } else if (j.is_array()) {
    if (key == "buckets")
      return;  // [index, count] pairs
    for (std::size_t i = 0; i < j.size(); ++i)
      check_units_and_finite(j[i], key, path + "/" + std::to_string(i), parent_has_unit);
  } else if (j.is_number()) {
    INFO(path);
    if (j.is_number_float())
      CHECK(std::isfinite(j.get<double>()));
    CHECK((parent_has_unit || has_unit_suffix(key) || counts.count(key) == 1));
  }
}

}  // namespace

TEST_CASE("summary has the documented top-level layout", "[summary]") {
  const json s = build(test::make_summary_fixture());
  std::vector<std::string> keys;
  for (const auto& item : s.items())
    keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"schema_version", "scenario", "seed", "run_status", "simulated_time_ns",
                                         "workloads", "layers", "cpu", "accounting", "run_info"});
  CHECK(s["run_status"] == "complete");
  CHECK(s["accounting"]["in_flight"] == 0);
  CHECK_FALSE(s["accounting"].contains("halt"));
  CHECK(s["schema_version"] == 1);
  CHECK(s["seed"] == 42);
  CHECK(s["scenario"]["name"] == "quickstart");
  CHECK(s["scenario"]["file"] == "scenarios/quickstart.json");
  CHECK(s["simulated_time_ns"] == 50000000);
  CHECK(s["run_info"]["irps_per_wall_s"].get<double>() == Approx(800 / 0.25));
  CHECK(s["run_info"]["hops_per_wall_s"].get<double>() == Approx(123456 / 0.25));
  CHECK(s["run_info"]["peak_rss_bytes"] == 31 << 20);
}

TEST_CASE("summary fields carry units and no number is NaN or infinite", "[summary]") {
  check_units_and_finite(build(test::make_summary_fixture()), "", "", false);
  check_units_and_finite(build(test::make_summary_fixture(400, false)), "", "", false);
  check_units_and_finite(build(test::make_empty_fixture()), "", "", false);
}

TEST_CASE("summary workload block", "[summary]") {
  const json s = build(test::make_summary_fixture());
  const json& app = s["workloads"][0];
  CHECK(app["name"] == "app");
  CHECK(app["stack"] == "disk");
  CHECK(app["kind"] == "closed");
  CHECK(app["queue_depth"] == 4);
  CHECK(app["issued"] == 400);
  CHECK(app["completed"] == 400);
  CHECK(app["warmup_excluded"] == 10);
  CHECK(s["workloads"][1]["kind"] == "open_poisson");
  CHECK(s["workloads"][1]["offered_rate_per_s"] == 2000.0);
  CHECK_FALSE(s["workloads"][1].contains("queue_depth"));

  REQUIRE(app["types"].size() == 2);
  const json& read = app["types"][0];
  CHECK(read["type"] == "read");
  const std::uint64_t reads = read["requests"];
  CHECK(reads + app["types"][1]["requests"].get<std::uint64_t>() == 390);
  CHECK(read["status_counts"]["STATUS_SUCCESS"].get<std::uint64_t>() +
            read["status_counts"]["STATUS_DEVICE_DATA_ERROR"].get<std::uint64_t>() == reads);
  CHECK(read["bytes"] == 4096 * read["status_counts"]["STATUS_SUCCESS"].get<std::uint64_t>());
  const double window_s = app["measured_window_ns"].get<double>() / 1e9;
  CHECK(read["iops_per_s"].get<double>() == Approx(static_cast<double>(reads) / window_s).epsilon(1e-6));
  const json& lat = read["latency_ns"];
  CHECK(lat["samples"] == reads);
  CHECK(lat["min_ns"].get<double>() <= lat["mean_ns"].get<double>());
  CHECK(lat["percentiles_ns"].size() == 17);
  CHECK(lat["percentiles_ns"].contains("1.00"));
  CHECK(lat["percentiles_ns"].contains("99.50"));
  CHECK(lat["percentiles_ns"].contains("99.99"));
  CHECK(lat["percentiles_ns"]["99.99"].get<double>() <= lat["max_ns"].get<double>());
  CHECK(lat["histogram"]["scheme"] == "log-linear-128");
  std::uint64_t in_buckets = 0;
  for (const json& b : lat["histogram"]["buckets"])
    in_buckets += b[1].get<std::uint64_t>();
  CHECK(in_buckets == reads);
  CHECK(app["all_types"]["requests"] == 390);
  CHECK(app["all_types"]["latency_ns"]["samples"] == 390);

  CHECK(app["ordering"]["inversions"] == 0);
  CHECK(app["ordering"]["out_of_order_percent"] == 0.0);
  const json& bg = s["workloads"][1]["ordering"];
  CHECK(bg["completions"] == 400);
  CHECK(bg["inversions"] == 100 * 6);  // each block of four reversed: 3 + 2 + 1
  CHECK(bg["out_of_order"] == 300);
  CHECK(bg["out_of_order_percent"] == 75.0);
  CHECK(bg["max_displacement"] == 3);
}

TEST_CASE("summary layer rows and shares", "[summary]") {
  const json s = build(test::make_summary_fixture());
  REQUIRE(s["layers"].size() == 1);
  const json& disk = s["layers"][0];
  CHECK(disk["stack"] == "disk");
  CHECK(disk["device"] == "ssd0");
  CHECK(disk["end_to_end"]["requests"] == 780);
  std::vector<std::string> names;
  double share_sum = 0;
  for (const json& row : disk["rows"]) {
    names.push_back(row["name"]);
    share_sum += row["share_of_latency_percent"].get<double>();
  }
  CHECK(names == std::vector<std::string>{"upper-filter", "upper-filter->fdo", "fdo", "fdo->pdo", "pdo", "ssd0"});
  CHECK(share_sum == Approx(100).margin(0.5));
  CHECK(disk["share_sum_percent"].get<double>() == Approx(share_sum).margin(0.01));

  const json& filter = disk["rows"][0];
  CHECK(filter["kind"] == "driver");
  CHECK(filter["role"] == "filter");
  CHECK(filter["requests"].get<std::uint64_t>() > 0);
  CHECK(filter["passed_through"].get<std::uint64_t>() > 0);
  CHECK(filter["requests"].get<std::uint64_t>() + filter["passed_through"].get<std::uint64_t>() == 780);
  CHECK(filter["queue_wait_ns"]["mean_ns"] == 500.0);
  CHECK(filter["in_layer_ns"]["p50_ns"] == 1000);
  CHECK(filter["types"].size() == 2);  // read (requests) and write (passed through)
  CHECK(disk["rows"][1]["kind"] == "target");
  CHECK(disk["rows"][1]["driver"] == "upper-filter");
  CHECK(disk["rows"][1]["held_ns"]["max_ns"] == 100);

  const json& dev = disk["rows"][5];
  CHECK(dev["kind"] == "device");
  CHECK(dev["requests"] == 780);
  CHECK(dev["utilization_percent"].get<double>() > 0);
  CHECK(dev["utilization_percent"].get<double>() < 100);
  CHECK(dev["service_ns"]["mean_ns"].get<double>() >= 46000);  // 50 us and up, less the 4 us interrupt
  CHECK(dev["interrupt_ns"]["mean_ns"] == 4000.0);
  // Per-type shares of the device sum, per type, over rows to ~100 % as well.
  for (std::size_t t = 0; t < 2; ++t) {
    double type_sum = 0;
    for (const json& row : disk["rows"])
      for (const json& tt : row["types"])
        if (tt["type"] == (t == 0 ? "read" : "write") && tt["share_of_latency_percent"].is_number())
          type_sum += tt["share_of_latency_percent"].get<double>();
    CHECK(type_sum == Approx(100).margin(0.5));
  }
}

TEST_CASE("summary accounting lists stuck IRPs and violations", "[summary]") {
  const json s = build(test::make_summary_fixture());
  const json& a = s["accounting"];
  CHECK(a["issued"] == 801);
  CHECK(a["completed"] == 800);
  REQUIRE(a["stuck"].size() == 1);
  CHECK(a["stuck"][0]["irp_id"] == 9001);
  CHECK(a["stuck"][0]["workload"] == "app");
  CHECK(a["stuck"][0]["type"] == "read");
  CHECK(a["stuck"][0]["issued_ns"] == 12300000);
  CHECK(a["stuck"][0]["where"] == "queue default of driver fdo (presented)");
  REQUIRE(a["violations"].size() == 1);
  CHECK(a["violations"][0]["name"] == "REQUEST_ALREADY_COMPLETED");
  CHECK(a["violations"][0]["time_ns"] == 20000000);
}

TEST_CASE("summary JSON is byte-identical for the same input", "[summary]") {
  const std::string first = build(test::make_summary_fixture()).dump(2);
  const std::string second = build(test::make_summary_fixture()).dump(2);
  CHECK(first == second);
  // And only run_info differs when the run cost does.
  test::SummaryFixture other = test::make_summary_fixture();
  other.run_info.wall_s = 9.5;
  other.run_info.peak_rss_bytes = 1;
  json a = build(test::make_summary_fixture()), b = build(other);
  CHECK(a != b);
  a.erase("run_info");
  b.erase("run_info");
  CHECK(a.dump() == b.dump());
}

TEST_CASE("summary of a run with nothing measured has nulls, not NaN", "[summary]") {
  const json s = build(test::make_empty_fixture());
  const json& app = s["workloads"][0];
  CHECK(app["types"].empty());
  CHECK(app["measured_window_ns"].is_null());
  CHECK(app["all_types"]["latency_ns"].is_null());
  CHECK(app["all_types"]["iops_per_s"].is_null());
  CHECK(app["ordering"]["out_of_order_percent"].is_null());
  CHECK(s["layers"][0]["end_to_end"]["mean_ns"].is_null());
  CHECK(s["layers"][0]["rows"][0]["share_of_latency_percent"].is_null());
  CHECK(s["layers"][0]["rows"][0]["queue_wait_ns"].is_null());
  CHECK(s["run_info"]["irps_per_wall_s"].is_null());
  const std::string text = s.dump();
  CHECK(text.find("NaN") == std::string::npos);
}

TEST_CASE("percentile keys follow the fio default list", "[summary]") {
  CHECK(report::default_percentiles().size() == 17);
  CHECK(report::percentile_key(1) == "1.00");
  CHECK(report::percentile_key(99.5) == "99.50");
  CHECK(report::percentile_key(99.95) == "99.95");
}

TEST_CASE("violations are all counted by name but only the first ones are listed") {
  report::Accounting a;
  for (std::uint64_t i = 0; i < report::Accounting::kMaxListedViolations + 5; ++i)
    a.add({i, i % 2 ? "B" : "A", "drv", 0.001 * static_cast<double>(i), ""});
  CHECK(a.violations_total == report::Accounting::kMaxListedViolations + 5);
  CHECK(a.violations.size() == report::Accounting::kMaxListedViolations);
  CHECK(a.violations.front().irp_id == 0);
  CHECK(a.violation_counts.at("A") == (report::Accounting::kMaxListedViolations + 5 + 1) / 2);
  CHECK(a.violation_counts.at("B") == (report::Accounting::kMaxListedViolations + 5) / 2);
}

TEST_CASE("summary time series: columnar arrays of equal length after ordering", "[summary][time_series]") {
  const json s = build(test::make_summary_fixture());
  for (const json& w : s["workloads"]) {
    INFO(w["name"].get<std::string>());
    std::vector<std::string> keys;
    for (const auto& item : w.items())
      keys.push_back(item.key());
    REQUIRE(keys.size() >= 2);
    CHECK(keys[keys.size() - 2] == "ordering");
    CHECK(keys.back() == "time_series");
    const json& ts = w["time_series"];
    std::vector<std::string> ts_keys;
    for (const auto& item : ts.items())
      ts_keys.push_back(item.key());
    CHECK(ts_keys == std::vector<std::string>{"interval_ns", "end_ns", "start_ns", "completions", "iops_per_s",
                                              "bandwidth_bytes_per_s", "mean_latency_ns", "p99_latency_ns",
                                              "outstanding_mean"});
    const std::uint64_t interval_ns = ts["interval_ns"];
    CHECK(interval_ns == 1'000'000);
    const std::size_t n = ts["start_ns"].size();
    CHECK(n > 10);
    for (const char* key : {"completions", "iops_per_s", "bandwidth_bytes_per_s", "mean_latency_ns", "p99_latency_ns",
                            "outstanding_mean"})
      CHECK(ts[key].size() == n);
    CHECK(ts["end_ns"].get<std::uint64_t>() >= (n - 1) * interval_ns);
    CHECK(ts["end_ns"].get<std::uint64_t>() < n * interval_ns);
    std::uint64_t completions = 0;
    for (std::size_t i = 0; i < n; ++i) {
      INFO(i);
      CHECK(ts["start_ns"][i] == i * interval_ns);
      const std::uint64_t c = ts["completions"][i];
      completions += c;
      CHECK(ts["iops_per_s"][i].get<double>() == Approx(static_cast<double>(c) * 1e9 / interval_ns));
      CHECK(ts["mean_latency_ns"][i].is_null() == (c == 0));
      CHECK(ts["p99_latency_ns"][i].is_null() == (c == 0));
      if (c > 0) {
        // Fixture latencies are 54 us to 72 us.
        CHECK(ts["mean_latency_ns"][i].get<double>() > 50'000);
        CHECK(ts["p99_latency_ns"][i].get<double>() < 100'000);
        CHECK(ts["p99_latency_ns"][i].get<double>() >= ts["mean_latency_ns"][i].get<double>() * 0.96);
      }
      CHECK(ts["outstanding_mean"][i].get<double>() >= 0);
      CHECK(ts["outstanding_mean"][i].get<double>() <= 4);
    }
    CHECK(completions == w["completed"]);  // warm-up included
  }
  // "app" issues one request every 100 us and each takes under 100 us: never more than one outstanding.
  const json& app = s["workloads"][0]["time_series"];
  CHECK(app["completions"][1] == 10);
  CHECK(app["iops_per_s"][1] == 10000.0);
  CHECK(app["outstanding_mean"][1].get<double>() > 0.5);
  CHECK(app["outstanding_mean"][1].get<double>() < 1);
}

TEST_CASE("summary time series of an empty workload has empty arrays", "[summary][time_series]") {
  const json s = build(test::make_empty_fixture());
  const json& ts = s["workloads"][0]["time_series"];
  CHECK(ts["interval_ns"] == 1'000'000);
  CHECK(ts["end_ns"].is_null());
  for (const char* key : {"start_ns", "completions", "iops_per_s", "bandwidth_bytes_per_s", "mean_latency_ns",
                          "p99_latency_ns", "outstanding_mean"}) {
    CHECK(ts[key].is_array());
    CHECK(ts[key].empty());
  }
}

TEST_CASE("time series CSV: header and one row per workload and interval", "[summary][time_series]") {
  const std::string header =
      "workload,start_ns,interval_ns,completions,iops_per_s,bandwidth_bytes_per_s,mean_latency_ns,p99_latency_ns,"
      "outstanding_mean";
  const json s = build(test::make_summary_fixture());
  const std::string csv = report::time_series_csv(s);
  CHECK(csv.substr(0, csv.find('\n')) == header);
  const std::size_t rows = s["workloads"][0]["time_series"]["start_ns"].size() +
                           s["workloads"][1]["time_series"]["start_ns"].size();
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == rows + 1);
  CHECK(csv.find("\napp,0,1000000,") != std::string::npos);
  CHECK(csv.find("\nbg,1000000,1000000,") != std::string::npos);
  CHECK(csv.back() == '\n');
  // Every row has the header's nine columns.
  std::size_t start = 0;
  while (start < csv.size()) {
    const std::size_t end = csv.find('\n', start);
    CHECK(std::count(csv.begin() + static_cast<std::ptrdiff_t>(start), csv.begin() + static_cast<std::ptrdiff_t>(end),
                     ',') == 8);
    start = end + 1;
  }

  CHECK(report::time_series_csv(build(test::make_empty_fixture())) == header + "\n");

  // Null figures are empty cells; names that need it are quoted.
  json hand = json::parse(R"({"workloads": [{"name": "a,b", "time_series": {"interval_ns": 1000, "end_ns": 1500,
      "start_ns": [0, 1000], "completions": [0, 2], "iops_per_s": [0.0, 2000000.0],
      "bandwidth_bytes_per_s": [0.0, 4096000000.0], "mean_latency_ns": [null, 250.5], "p99_latency_ns": [null, 300],
      "outstanding_mean": [1.0, 0.25]}}]})");
  CHECK(report::time_series_csv(hand) == header + "\n" +
                                             "\"a,b\",0,1000,0,0.0,0.0,,,1.0\n"
                                             "\"a,b\",1000,1000,2,2000000.0,4096000000.0,250.5,300,0.25\n");
}

TEST_CASE("a halted run is marked partial: run_status and accounting.halt", "[summary]") {
  auto f = test::make_summary_fixture();
  f.accounting.in_flight = 7;
  f.accounting.halt = report::Accounting::Halt{"wall_time_limit", "the wall-time limit of 60 s was reached", 0.25};
  json s = build(f);
  CHECK(s["run_status"] == "stopped_at_limit");
  CHECK(s["accounting"]["in_flight"] == 7);
  CHECK(s["accounting"]["halt"] == json{{"reason", "wall_time_limit"},
                                        {"detail", "the wall-time limit of 60 s was reached"},
                                        {"halted_at_ns", 250000000}});
  check_units_and_finite(s, "", "", false);
  f.accounting.halt->reason = "interrupted";
  CHECK(build(f)["run_status"] == "interrupted");
}

namespace {

// The measured reads of workload "app" in the fixture: i = 10 .. 399 with i % 3 != 2; how many have i odd (their
// submission takes 4 us, the others' 3 us).
struct Reads {
  std::uint64_t n = 0, odd = 0;
};
Reads app_reads() {
  Reads r;
  for (std::uint64_t i = 10; i < 400; ++i)
    if (i % 3 != 2) {
      ++r.n;
      r.odd += i % 2;
    }
  return r;
}

}  // namespace

TEST_CASE("summary slat and clat: submission and completion latency blocks per type", "[summary][cpu]") {
  const json s = build(test::make_summary_fixture());
  const json& read = s["workloads"][0]["types"][0];
  REQUIRE(read["type"] == "read");
  std::vector<std::string> keys;
  for (const auto& item : read.items())
    keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"type", "requests", "bytes", "iops_per_s", "bandwidth_bytes_per_s",
                                         "latency_ns", "submission_latency_ns", "completion_latency_ns",
                                         "status_counts"});
  const Reads reads = app_reads();
  const json& slat = read["submission_latency_ns"];
  CHECK(slat["samples"] == reads.n);
  CHECK(slat["min_ns"] == 3000);
  CHECK(slat["max_ns"] == 4000);
  CHECK(slat["mean_ns"].get<double>() ==
        Approx(3000.0 + 1000.0 * static_cast<double>(reads.odd) / static_cast<double>(reads.n)).margin(0.001));
  // The same shape as latency_ns: percentiles and histogram.
  CHECK(slat["percentiles_ns"].size() == 17);
  CHECK(slat["histogram"]["scheme"] == "log-linear-128");
  // latency = submission + completion, request by request, so the means add up (to the rounding of each to 1 ns).
  const json& clat = read["completion_latency_ns"];
  CHECK(clat["samples"] == reads.n);
  CHECK(clat["mean_ns"].get<double>() + slat["mean_ns"].get<double>() ==
        Approx(read["latency_ns"]["mean_ns"].get<double>()).margin(1.0));
  // All types merge them too.
  const json& all = s["workloads"][0]["all_types"];
  CHECK(all["submission_latency_ns"]["samples"] == 390);
  CHECK(all["completion_latency_ns"]["samples"] == 390);
  CHECK(all["submission_latency_ns"]["min_ns"] == 3000);

  // Without CPU costs a request is submitted the moment it is issued: slat 0, clat is the latency.
  const json z = build(test::make_summary_fixture(400, false));
  const json& zread = z["workloads"][0]["types"][0];
  CHECK(zread["submission_latency_ns"]["max_ns"] == 0);
  CHECK(zread["submission_latency_ns"]["mean_ns"] == 0.0);
  CHECK(zread["completion_latency_ns"] == zread["latency_ns"]);
  // Nothing measured: null blocks.
  CHECK(build(test::make_empty_fixture())["workloads"][0]["all_types"]["submission_latency_ns"].is_null());
}

TEST_CASE("summary layer rows split the time in a layer into core wait, lock spin, CPU and own delay",
          "[summary][cpu]") {
  const json s = build(test::make_summary_fixture());
  const json& rows = s["layers"][0]["rows"];
  const json& filter = rows[0];
  const json& fdo = rows[2];
  const json& pdo = rows[4];
  REQUIRE(fdo["name"] == "fdo");
  // The fixture's per-request parts (ns): filter 100 + 0 + 600 of 1000, fdo 200 + 100 + 1500 of 2000, pdo 100 + 50 +
  // 600 of 1000; the rest is the driver's own delay.
  struct Split {
    const json* row;
    double core_wait, spin, cpu, in_layer;
  };
  for (const Split& x : {Split{&filter, 100, 0, 600, 1000}, Split{&fdo, 200, 100, 1500, 2000},
                         Split{&pdo, 100, 50, 600, 1000}}) {
    const json& r = *x.row;
    INFO(r["name"].get<std::string>());
    CHECK(r["in_layer_ns"]["mean_ns"] == x.in_layer);
    CHECK(r["core_wait_ns"]["mean_ns"] == x.core_wait);
    CHECK(r["lock_spin_ns"]["mean_ns"] == x.spin);
    CHECK(r["cpu_ns"]["mean_ns"] == x.cpu);
    CHECK(r["cpu_ns"]["p50_ns"] == static_cast<std::int64_t>(x.cpu));
    CHECK(r["cpu_ns"]["max_ns"] == static_cast<std::uint64_t>(x.cpu));
    CHECK(r["own_delay_ns"] == json{{"mean_ns", x.in_layer - x.core_wait - x.spin - x.cpu}});
    // Per type as well.
    CHECK(r["types"][0]["cpu_ns"]["mean_ns"] == x.cpu);
  }
  // The old keys are all still there.
  for (const char* key : {"requests", "passed_through", "queue_wait_ns", "in_layer_ns", "below_ns",
                          "share_of_latency_percent", "types"})
    CHECK(fdo.contains(key));
  // Without CPU: the parts are 0 and the whole in-layer time is the driver's own.
  const json z = build(test::make_summary_fixture(400, false));
  CHECK(z["layers"][0]["rows"][2]["cpu_ns"]["max_ns"] == 0);
  CHECK(z["layers"][0]["rows"][2]["own_delay_ns"]["mean_ns"] == 2000.0);
  CHECK(z["layers"][0]["rows"][5]["interrupt_ns"]["max_ns"] == 0);
}

TEST_CASE("summary layer shares count the device's interrupt time and add up to 100 %", "[summary][cpu]") {
  for (bool cpu : {true, false}) {
    INFO("cpu " << cpu);
    const json s = build(test::make_summary_fixture(400, cpu));
    const json& disk = s["layers"][0];
    const json& dev = disk["rows"][5];
    REQUIRE(dev["kind"] == "device");
    // Every request reaches the device, so its share is (wait + service + interrupt) / end-to-end, by the means.
    const double e2e = disk["end_to_end"]["mean_ns"].get<double>();
    const double device_ns = dev["queue_wait_ns"]["mean_ns"].get<double>() + dev["service_ns"]["mean_ns"].get<double>() +
                             dev["interrupt_ns"]["mean_ns"].get<double>();
    CHECK(dev["interrupt_ns"]["mean_ns"] == (cpu ? 4000.0 : 0.0));
    CHECK(dev["share_of_latency_percent"].get<double>() == Approx(device_ns / e2e * 100).margin(0.002));
    CHECK(disk["share_sum_percent"].get<double>() == Approx(100).margin(0.01));
    double sum = 0;
    for (const json& row : disk["rows"])
      sum += row["share_of_latency_percent"].get<double>();
    CHECK(sum == Approx(100).margin(0.01));
  }
}

TEST_CASE("summary cpu block: host utilisation, per core and over time", "[summary][cpu]") {
  const json s = build(test::make_summary_fixture());
  const json& cpu = s["cpu"];
  std::vector<std::string> keys;
  for (const auto& item : cpu.items())
    keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"hosts", "drivers", "devices"});
  REQUIRE(cpu["hosts"].size() == 1);
  const json& h = cpu["hosts"][0];
  CHECK(h["name"] == "host0");
  CHECK(h["cores"] == 4);
  // The fixture's cores (s): dispatch, completion, isr, dpc, spin
  //   core 0: 0.004, 0.002, 0.001, 0.002, 0.001;  core 1: 0.003, 0.001, 0, 0, 0.001;  core 2: 0.0025;  core 3: idle
  // over 0.05 s simulated.
  const double T = 0.05, cores = 4;
  const double dispatch = 0.004 + 0.003 + 0.0025, completion = 0.002 + 0.001, isr = 0.001, dpc = 0.002,
               spin = 0.001 + 0.001;
  const double busy = dispatch + completion + isr + dpc + spin;
  CHECK(h["busy_ns"] == 17'500'000);
  CHECK(h["utilization_fraction"].get<double>() == Approx(busy / (cores * T)).margin(1e-9));
  CHECK(h["utilization_fraction"].get<double>() == Approx(0.0875).margin(1e-9));
  const json& by_kind = h["utilization_by_kind_fraction"];
  std::vector<std::string> kinds;
  for (const auto& item : by_kind.items())
    kinds.push_back(item.key());
  CHECK(kinds == std::vector<std::string>{"dispatch", "completion", "isr", "dpc", "lock_spin"});
  CHECK(by_kind["dispatch"].get<double>() == Approx(dispatch / (cores * T)).margin(1e-9));
  CHECK(by_kind["completion"].get<double>() == Approx(completion / (cores * T)).margin(1e-9));
  CHECK(by_kind["isr"].get<double>() == Approx(isr / (cores * T)).margin(1e-9));
  CHECK(by_kind["dpc"].get<double>() == Approx(dpc / (cores * T)).margin(1e-9));
  CHECK(by_kind["lock_spin"].get<double>() == Approx(spin / (cores * T)).margin(1e-9));
  CHECK(h["busy_by_kind_ns"] == json{{"dispatch", 9'500'000}, {"completion", 3'000'000}, {"isr", 1'000'000},
                                     {"dpc", 2'000'000}, {"lock_spin", 2'000'000}});
  CHECK(h["steps"] == 1000 + 600 + 250);

  REQUIRE(h["per_core"].size() == 4);
  const json& c0 = h["per_core"][0];
  CHECK(c0["busy_ns"] == 10'000'000);
  CHECK(c0["utilization_fraction"].get<double>() == Approx(0.010 / T).margin(1e-9));
  CHECK(c0["utilization_by_kind_fraction"]["dispatch"].get<double>() == Approx(0.004 / T).margin(1e-9));
  CHECK(c0["utilization_by_kind_fraction"]["dpc"].get<double>() == Approx(0.002 / T).margin(1e-9));
  CHECK(c0["utilization_by_kind_fraction"]["lock_spin"].get<double>() == Approx(0.001 / T).margin(1e-9));
  CHECK(c0["steps"] == 1000);
  CHECK(h["per_core"][1]["utilization_fraction"].get<double>() == Approx(0.005 / T).margin(1e-9));
  CHECK(h["per_core"][2]["utilization_fraction"].get<double>() == Approx(0.0025 / T).margin(1e-9));
  CHECK(h["per_core"][3]["utilization_fraction"] == 0.0);
  CHECK(h["per_core"][3]["busy_ns"] == 0);

  // Over time: busy core-seconds per 10 ms bucket over 4 cores.
  const json& tl = h["timeline"];
  CHECK(tl["bucket_ns"] == 10'000'000);
  const double bucket_busy[] = {0.004, 0.006, 0.002, 0.0035, 0.002};
  REQUIRE(tl["utilization_fraction"].size() == 5);
  for (std::size_t i = 0; i < 5; ++i)
    CHECK(tl["utilization_fraction"][i].get<double>() == Approx(bucket_busy[i] / (cores * 0.01)).margin(1e-9));

  // Without CPU: every fraction is 0, the steps are still counted, the timeline is empty.
  const json z = build(test::make_summary_fixture(400, false))["cpu"]["hosts"][0];
  CHECK(z["utilization_fraction"] == 0.0);
  CHECK(z["busy_ns"] == 0);
  CHECK(z["steps"] == 1850);
  CHECK(z["timeline"]["utilization_fraction"].empty());
  // No host at all (a recorder the engine did not fill): empty lists.
  CHECK(build(test::make_empty_fixture())["cpu"] == json{{"hosts", json::array()}, {"drivers", json::array()},
                                                          {"devices", json::array()}});
}

TEST_CASE("summary cpu block: CPU per request and locks per driver, interrupts per device", "[summary][cpu]") {
  const json s = build(test::make_summary_fixture());
  const json& drivers = s["cpu"]["drivers"];
  REQUIRE(drivers.size() == 3);
  // upper-filter: 500 requests; dispatch 0.3 ms CPU and 50 us core wait, completion 0.2 ms CPU.
  const json& filter = drivers[0];
  CHECK(filter["name"] == "upper-filter");
  CHECK(filter["host"] == "host0");
  CHECK(filter["requests"] == 500);
  CHECK(filter["cpu_ns"] == 500'000);
  CHECK(filter["cpu_ns_per_request"] == (0.0003 + 0.0002) * 1e9 / 500);
  CHECK(filter["dispatch"]["cpu_ns_per_request"] == 0.0003 * 1e9 / 500);
  CHECK(filter["completion"]["cpu_ns_per_request"] == 0.0002 * 1e9 / 500);
  CHECK(filter["core_wait_ns_per_request"] == 0.00005 * 1e9 / 500);
  CHECK(filter["lock_spin_ns_per_request"] == 0.0);
  CHECK(filter["locks"].empty());
  // fdo: 800 requests; dispatch 1.2 ms CPU, 160 us core wait, 80 us spin; completion 0.4 ms CPU, 40 us core wait.
  const json& fdo = drivers[1];
  CHECK(fdo["requests"] == 800);
  CHECK(fdo["cpu_ns"] == 1'600'000);
  CHECK(fdo["core_wait_ns"] == 200'000);
  CHECK(fdo["lock_spin_ns"] == 80'000);
  CHECK(fdo["cpu_ns_per_request"] == 2000.0);
  CHECK(fdo["core_wait_ns_per_request"] == (0.00016 + 0.00004) * 1e9 / 800);
  CHECK(fdo["lock_spin_ns_per_request"] == 0.00008 * 1e9 / 800);
  CHECK(fdo["dispatch"] == json{{"steps", 800},
                                {"cpu_ns", 1'200'000},
                                {"core_wait_ns", 160'000},
                                {"lock_spin_ns", 80'000},
                                {"cpu_ns_per_request", 1500.0},
                                {"core_wait_ns_per_request", 200.0},
                                {"lock_spin_ns_per_request", 100.0}});
  CHECK(fdo["completion"]["cpu_ns_per_request"] == 500.0);
  CHECK(fdo["completion"]["core_wait_ns_per_request"] == 50.0);
  // Its lock: 1600 acquisitions, held 0.8 ms and waited for 80 us in all, over 0.05 s.
  REQUIRE(fdo["locks"].size() == 1);
  CHECK(fdo["locks"][0] == json{{"name", "fdo-queue-lock"},
                                {"acquisitions", 1600},
                                {"hold_ns", 800'000},
                                {"wait_ns", 80'000},
                                {"hold_ns_per_acquisition", 0.0008 * 1e9 / 1600},
                                {"wait_ns_per_acquisition", 0.00008 * 1e9 / 1600},
                                {"utilization_fraction", 0.0008 / 0.05}});
  // pdo: no completion routine: its completion CPU per request is 0, not null.
  const json& pdo = drivers[2];
  CHECK(pdo["cpu_ns_per_request"] == 0.00048 * 1e9 / 800);
  CHECK(pdo["completion"]["steps"] == 0);
  CHECK(pdo["completion"]["cpu_ns_per_request"] == 0.0);
  // The device: 800 interrupts, 0.8 ms ISR, 1.6 ms DPC, 0.8 ms core wait.
  REQUIRE(s["cpu"]["devices"].size() == 1);
  CHECK(s["cpu"]["devices"][0] == json{{"name", "ssd0"},
                                       {"host", "host0"},
                                       {"interrupts", 800},
                                       {"isr_ns", 800'000},
                                       {"dpc_ns", 1'600'000},
                                       {"core_wait_ns", 800'000},
                                       {"isr_ns_per_interrupt", 1000.0},
                                       {"dpc_ns_per_interrupt", 2000.0},
                                       {"core_wait_ns_per_interrupt", 1000.0}});
  // A driver that ran no callback has no per-request figure.
  test::SummaryFixture idle = test::make_summary_fixture();
  idle.recorder.cpu().drivers[0] = {};
  const json i = build(idle)["cpu"]["drivers"][0];
  CHECK(i["requests"] == 0);
  CHECK(i["cpu_ns_per_request"].is_null());
  CHECK(i["dispatch"]["cpu_ns_per_request"].is_null());
}

TEST_CASE("summary layer rows start with the submitting threads when arrivals waited for them", "[summary][cpu]") {
  // Two open-loop arrivals of the fixture's first workload waited 6 us and 2 us for a busy thread before the call.
  auto f = test::make_summary_fixture(400, true);
  const json before = build(f);
  CHECK(before["layers"][0]["rows"][0]["kind"] != "threads");  // no wait, no row
  for (double wait_s : {6e-6, 2e-6}) {
    stats::IrpCompletion c;
    c.workload = 0;
    c.type = core::RequestType::READ;
    c.length_bytes = c.information_bytes = 4096;
    c.issued_s = 0.001;
    c.submitted_s = 0.001 + wait_s + 3e-6;
    c.completed_s = 0.001 + wait_s + 103e-6;
    c.submission_ordinal = f.recorder.workloads()[0].issued;  // the next ordinal of the workload
    c.thread_wait_s = wait_s;
    f.recorder.irp_issued(0, c.submission_ordinal, c.issued_s, true);
    f.recorder.irp_completed(c);
  }
  const json s = build(f);
  const json& row = s["layers"][0]["rows"][0];
  REQUIRE(row["kind"] == "threads");
  CHECK(row["name"] == "submitting threads");
  CHECK(row["queue_wait_ns"]["max_ns"] == 6000);
  // Its share is the waits' sum over the stack's end-to-end sum of latencies.
  const json& disk = s["layers"][0];
  const double e2e_sum = disk["end_to_end"]["mean_ns"].get<double>() * disk["end_to_end"]["requests"].get<double>();
  CHECK(row["share_of_latency_percent"].get<double>() == Approx(8000 / e2e_sum * 100).margin(0.0005));
}

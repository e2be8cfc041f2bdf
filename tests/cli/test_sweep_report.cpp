// sweep.json and its views from hand-made summaries: the figures of the first workload (slat and clat among them) and
// of the run's CPU (per host its utilisation, per driver its CPU per request) per point; the table and the page show
// slat, clat and the CPU figures only when a point has them, the CSV always.
#include <catch2/catch.hpp>

#include <string>

#include "sim/cli/sweep_grid.hpp"
#include "sim/cli/sweep_report.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

std::size_t occurrences(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
    ++n;
  return n;
}

// A summary with one workload "app": `mean` ns latency of which `slat` ns submission; host "h0" busy `utilization`
// (a fraction) and driver "filter" with `cpu` ns per request (60 % dispatch, 40 % completion).
ojson summary(double iops, double mean, double slat, double utilization, double cpu) {
  ojson all;
  all["requests"] = 100;
  all["iops_per_s"] = iops;
  all["latency_ns"] = {{"samples", 100},
                       {"mean_ns", mean},
                       {"max_ns", mean * 3},
                       {"percentiles_ns", {{"50.00", mean}, {"99.00", mean * 2}, {"99.90", mean * 2.5}}}};
  all["submission_latency_ns"] = {{"samples", 100}, {"mean_ns", slat}};
  all["completion_latency_ns"] = {{"samples", 100}, {"mean_ns", mean - slat}};
  ojson w = {{"name", "app"}, {"types", ojson::array()}, {"all_types", all}, {"ordering", ojson::object()}};
  ojson s;
  s["workloads"] = ojson::array({w});
  s["cpu"] = {{"hosts", ojson::array({{{"name", "h0"}, {"utilization_fraction", utilization}}})},
              {"drivers", ojson::array({{{"name", "filter"},
                                         {"cpu_ns_per_request", cpu},
                                         {"dispatch", {{"cpu_ns_per_request", cpu * 0.6}}},
                                         {"completion", {{"cpu_ns_per_request", cpu * 0.4}}}}})},
              {"devices", ojson::array()}};
  s["accounting"] = {{"stuck", ojson::array()}, {"violations_total", 0}};
  return s;
}

struct Sweep {
  SweepFile file;
  SweepInput input;
};

// Queue depths 1 and 2, one replication each; with `cpu`, the points submit in 2 and 4 us, their host is 25 % and
// 50 % busy and the filter takes 1 and 1.5 us of CPU per request; without, all of those are 0.
Sweep make_sweep(bool cpu) {
  Sweep s;
  s.file.name = "qd";
  s.file.parameters.push_back({"/workloads/0/queue_depth", "qd", {1, 2}});
  s.file.seeds = 1;
  s.input.sweep_file = "qd.sweep.json";
  s.input.base_file = "base.json";
  s.input.scenario_name = "base";
  const std::vector<SweepPoint> grid = expand_grid(s.file.parameters);
  const double k = cpu ? 1 : 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double n = static_cast<double>(i + 1);
    s.input.points.push_back({grid[i], "points/" + grid[i].key,
                              {{0, 7, summary(1000 * n, 10000 * n, 2000 * n * k, 0.25 * n * k, (500 + 500 * n) * k)}}});
  }
  return s;
}

TEST_CASE("sweep: slat, clat and the CPU figures of every point") {
  Sweep s = make_sweep(true);
  s.input.sweep = &s.file;
  const ojson doc = build_sweep_document(s.input);
  REQUIRE(doc["points"].size() == 2);
  const ojson& p1 = doc["points"][1];
  CHECK(p1["submission_mean_ns"]["mean"] == 4000.0);
  CHECK(p1["completion_mean_ns"]["mean"] == 20000.0 - 4000.0);
  REQUIRE(p1["cpu"]["hosts"].size() == 1);
  CHECK(p1["cpu"]["hosts"][0]["name"] == "h0");
  CHECK(p1["cpu"]["hosts"][0]["utilization_percent"]["mean"] == 50.0);
  CHECK(doc["points"][0]["cpu"]["hosts"][0]["utilization_percent"]["mean"] == 25.0);
  const ojson& filter = p1["cpu"]["drivers"][0];
  CHECK(filter["name"] == "filter");
  CHECK(filter["cpu_ns_per_request"]["mean"] == 1500.0);
  CHECK(filter["dispatch_cpu_ns_per_request"]["mean"] == 1500.0 * 0.6);
  CHECK(filter["completion_cpu_ns_per_request"]["mean"] == 1500.0 * 0.4);

  const std::string table = render_sweep_table(doc);
  CAPTURE(table);
  CHECK_THAT(table, Catch::Contains("  slat mean  clat mean    h0 busy  filter CPU/req\n"));
  CHECK_THAT(table, Catch::Contains("     2.00us     8.00us     25.00%          1.00us\n"));
  CHECK_THAT(table, Catch::Contains("     4.00us    16.00us     50.00%          1.50us\n"));

  const std::string csv = render_sweep_csv(doc);
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK_THAT(header, Catch::Contains(",submission_mean_ns,submission_mean_ns_ci95_low,submission_mean_ns_ci95_high,"
                                     "completion_mean_ns,"));
  CHECK_THAT(header, Catch::EndsWith(",host.h0.utilization_percent,host.h0.utilization_percent_ci95_low,"
                                     "host.h0.utilization_percent_ci95_high,driver.filter.cpu_ns_per_request,"
                                     "driver.filter.cpu_ns_per_request_ci95_low,"
                                     "driver.filter.cpu_ns_per_request_ci95_high,"
                                     "driver.filter.dispatch_cpu_ns_per_request,"
                                     "driver.filter.dispatch_cpu_ns_per_request_ci95_low,"
                                     "driver.filter.dispatch_cpu_ns_per_request_ci95_high,"
                                     "driver.filter.completion_cpu_ns_per_request,"
                                     "driver.filter.completion_cpu_ns_per_request_ci95_low,"
                                     "driver.filter.completion_cpu_ns_per_request_ci95_high"));
  CHECK_THAT(csv, Catch::Contains(",50.0,,,1500.0,,,900.0,,,600.0,,\n"));

  const std::string html = render_sweep_html(doc);
  CHECK_THAT(html, Catch::Contains("<canvas id=\"cpu_util\">") && Catch::Contains("<canvas id=\"cpu_req\">"));
  CHECK_THAT(html, Catch::Contains("<th>slat mean</th><th>clat mean</th><th>h0 busy</th><th>filter CPU/req</th>"));
  CHECK(occurrences(html, "new Chart(") == 4);  // latency, throughput, the curve, and the CPU charts' function
}

TEST_CASE("sweep: without CPU time the table and the page read as before, the CSV has the columns") {
  Sweep s = make_sweep(false);
  s.input.sweep = &s.file;
  const ojson doc = build_sweep_document(s.input);
  CHECK(doc["points"][0]["submission_mean_ns"]["mean"] == 0.0);
  CHECK(doc["points"][0]["cpu"]["hosts"][0]["utilization_percent"]["mean"] == 0.0);
  const std::string table = render_sweep_table(doc);
  CAPTURE(table);
  CHECK_THAT(table, Catch::Contains("\nqd         IOPS       mean        p50        p99      p99.9\n"));
  CHECK_THAT(table, !Catch::Contains("slat") && !Catch::Contains("busy") && !Catch::Contains("CPU"));
  CHECK_THAT(render_sweep_csv(doc), Catch::Contains(",host.h0.utilization_percent,"));
  const std::string html = render_sweep_html(doc);
  CHECK_THAT(html, !Catch::Contains("cpu_util") && !Catch::Contains("<th>slat mean</th>"));
  CHECK(occurrences(html, "new Chart(") == 3);
}

}  // namespace
}  // namespace irpsim::cli

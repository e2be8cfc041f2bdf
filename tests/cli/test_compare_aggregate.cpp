// compare.json from summaries: figures with their intervals, the change against the baseline and the mark when the
// intervals are apart; request types and statuses taken over every replication (a status missing from one counts 0);
// histograms merged bucket by bucket, and the CDF points decoded with the histogram's own bucket edges.
#include <catch2/catch.hpp>

#include <tuple>

#include "sim/cli/compare_aggregate.hpp"
#include "sim/cli/compare_render.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

ojson type_block(const char* type, double iops, double mean, ojson statuses, ojson buckets, double slat = 0) {
  ojson t;
  if (type != nullptr)
    t["type"] = type;
  t["requests"] = 100;
  t["iops_per_s"] = iops;
  t["latency_ns"] = {{"samples", 100},
                     {"mean_ns", mean},
                     {"max_ns", mean * 3},
                     {"percentiles_ns", {{"50.00", mean}, {"99.00", mean * 2}, {"99.90", mean * 2.5}}},
                     {"histogram", {{"scheme", "log-linear-128"}, {"buckets", std::move(buckets)}}}};
  t["submission_latency_ns"] = {{"samples", 100}, {"mean_ns", slat}};
  t["completion_latency_ns"] = {{"samples", 100}, {"mean_ns", mean - slat}};
  t["status_counts"] = std::move(statuses);
  return t;
}

// The run's CPU as summary.json lays it out: host "h0" busy `utilization` (a fraction), drivers "filter" (CPU per
// request `dispatch` + `completion` ns) and "fdo" (no CPU).
ojson cpu_block(double utilization, double dispatch, double completion) {
  return {{"hosts", ojson::array({{{"name", "h0"}, {"cores", 2}, {"utilization_fraction", utilization}}})},
          {"drivers", ojson::array({{{"name", "filter"},
                                     {"cpu_ns_per_request", dispatch + completion},
                                     {"dispatch", {{"cpu_ns_per_request", dispatch}}},
                                     {"completion", {{"cpu_ns_per_request", completion}}}},
                                    {{"name", "fdo"},
                                     {"cpu_ns_per_request", 0.0},
                                     {"dispatch", {{"cpu_ns_per_request", 0.0}}},
                                     {"completion", {{"cpu_ns_per_request", 0.0}}}}})},
          {"devices", ojson::array()}};
}

// One workload "app" with reads (and writes when `writes`), as summary.json lays it out.
ojson summary(double iops, double mean, double out_of_order, bool writes, ojson statuses, bool stuck = false) {
  ojson w;
  w["name"] = "app";
  w["types"] = ojson::array();
  w["types"].push_back(type_block("read", iops, mean, statuses, ojson::parse("[[300, 2], [400, 1]]")));
  if (writes)
    w["types"].push_back(type_block("write", iops / 2, mean, {{"STATUS_SUCCESS", 5}}, ojson::parse("[[10, 1]]")));
  w["all_types"] = type_block(nullptr, iops, mean, statuses, ojson::parse("[[300, 2], [400, 1]]"));
  w["ordering"] = {{"out_of_order_percent", out_of_order}};
  ojson s;
  s["workloads"] = ojson::array({w});
  s["accounting"] = {{"stuck", stuck ? ojson::array({1}) : ojson::array()}, {"violations_total", 0}};
  s["cpu"] = cpu_block(0, 0, 0);  // a run without CPU costs
  return s;
}

// Two variants of three replications with CPU costs: "base" submits in 2 us, its host is 10, 12, 14 % busy and its
// filter takes 600 + 400 ns per request; "heavy" submits in 3 us, 20, 22, 24 % busy, 900 + 600 ns.
CompareInput input_with_cpu() {
  CompareInput in;
  in.scenario_name = "s";
  in.scenario_file = "s.json";
  in.variants_file = "v.json";
  in.replications = 3;
  VariantRuns base{"base", "", ojson::object(), {}};
  VariantRuns heavy{"heavy", "", ojson::object(), {}};
  const double base_util[] = {0.10, 0.12, 0.14}, heavy_util[] = {0.20, 0.22, 0.24};
  for (std::uint32_t r = 0; r < 3; ++r) {
    for (auto [runs, slat, util, dispatch, completion] :
         {std::tuple{&base.runs, 2000.0, base_util[r], 600.0, 400.0},
          std::tuple{&heavy.runs, 3000.0, heavy_util[r], 900.0, 600.0}}) {
      ojson s = summary(100, 10000, 0, false, {{"STATUS_SUCCESS", 90}});
      s["workloads"][0]["all_types"] = type_block(nullptr, 100, 10000, {{"STATUS_SUCCESS", 90}},
                                                  ojson::parse("[[300, 2]]"), slat);
      s["workloads"][0]["types"][0] = type_block("read", 100, 10000, {{"STATUS_SUCCESS", 90}},
                                                 ojson::parse("[[300, 2]]"), slat);
      s["cpu"] = cpu_block(util, dispatch, completion);
      runs->push_back({r, 10 + r, "runs/x/" + std::to_string(r), 0, std::move(s)});
    }
  }
  in.variants = {base, heavy};
  return in;
}

CompareInput input() {
  CompareInput in;
  in.scenario_name = "s";
  in.scenario_file = "s.json";
  in.variants_file = "v.json";
  in.replications = 3;
  VariantRuns base{"base", "", ojson::object(), {}};
  VariantRuns fast{"fast", "d", ojson::parse(R"({"seed": 1})"), {}};
  const double base_iops[] = {100, 110, 120}, fast_iops[] = {200, 210, 220}, close_iops[] = {105, 115, 125};
  for (std::uint32_t r = 0; r < 3; ++r) {
    base.runs.push_back({r, 10 + r, "runs/base/" + std::to_string(r), 0,
                         summary(base_iops[r], 1000, 10, false, {{"STATUS_SUCCESS", 90}, {"STATUS_CANCELLED", 1}})});
    fast.runs.push_back({r, 10 + r, "runs/fast/" + std::to_string(r), r == 1 ? 3 : 0,
                         summary(fast_iops[r], close_iops[r] * 10, 10, r == 2, {{"STATUS_SUCCESS", 90}}, r == 1)});
  }
  in.variants = {base, fast};
  return in;
}

TEST_CASE("compare: figures, intervals, change and marks") {
  const ojson doc = build_compare_document(input());
  CHECK(doc["baseline"] == "base");
  CHECK(doc["seeds"] == ojson::parse("[10, 11, 12]"));
  const ojson& base_all = doc["variants"][0]["workloads"][0]["all_types"];
  const ojson& fast_all = doc["variants"][1]["workloads"][0]["all_types"];
  const ojson& iops = base_all["metrics"]["iops_per_s"];
  CHECK(iops["mean"] == 110.0);
  CHECK(iops["values"] == ojson::parse("[100.0, 110.0, 120.0]"));
  CHECK(iops["ci95_half_width"].get<double>() == Approx(4.3026527297 * 10 / std::sqrt(3.0)).margin(1e-3));
  CHECK(iops["change_vs_baseline_percent"].is_null());  // the baseline itself
  const ojson& fast_iops = fast_all["metrics"]["iops_per_s"];
  CHECK(fast_iops["change_vs_baseline_percent"] == 90.909);
  CHECK(fast_iops["differs_from_baseline"] == true);
  // Mean latency 1050..1250 against 1000 exactly: intervals [1000, 1000] and 1150 ± 248 overlap.
  CHECK(fast_all["metrics"]["mean_ns"]["differs_from_baseline"] == false);
  CHECK(fast_all["metrics"]["p99_9_ns"]["mean"] == 2875.0);
  CHECK(fast_all["metrics"]["out_of_order_percent"]["change_vs_baseline_percent"] == 0.0);
  // Ordering is per workload: only all types carry it.
  CHECK_FALSE(doc["variants"][0]["workloads"][0]["types"][0]["metrics"].contains("out_of_order_percent"));
}

TEST_CASE("compare: types and statuses over all replications, and runs with problems counted") {
  const ojson doc = build_compare_document(input());
  const ojson& fast = doc["variants"][1];
  REQUIRE(fast["workloads"][0]["types"].size() == 2);
  const ojson& write = fast["workloads"][0]["types"][1];
  CHECK(write["type"] == "write");
  // Only replication 2 issued writes: the others count as 0 IOPS and no latency.
  CHECK(write["metrics"]["iops_per_s"]["values"] == ojson::parse("[0.0, 0.0, 110.0]"));
  CHECK(write["metrics"]["mean_ns"]["replications"] == 1);
  CHECK(write["metrics"]["mean_ns"]["ci95_low"].is_null());
  CHECK(write["metrics"]["mean_ns"]["change_vs_baseline_percent"].is_null());  // the baseline has no writes
  const ojson& base_statuses = doc["variants"][0]["workloads"][0]["all_types"]["status_counts"];
  CHECK(base_statuses["STATUS_CANCELLED"]["mean"] == 1.0);
  CHECK(fast["workloads"][0]["all_types"]["status_counts"].size() == 1);
  CHECK(fast["problem_runs"] == 1);  // replication 1: exit code 3 and a stuck IRP
  CHECK(fast["runs"][1]["stuck_irps"] == 1);
  CHECK(doc["variants"][0]["problem_runs"] == 0);
}

TEST_CASE("compare: histograms merged over replications, CDF at the histogram's bucket edges") {
  const ojson doc = build_compare_document(input());
  const ojson& h = doc["variants"][0]["workloads"][0]["all_types"]["histogram"];
  CHECK(h["scheme"] == "log-linear-128");
  CHECK(h["buckets"] == ojson::parse("[[300, 6], [400, 3]]"));
  const ojson points = histogram_cdf_points(h);
  REQUIRE(points.size() == 3);
  CHECK(points[0][0].get<double>() == Approx(stats::Histogram::bucket_low(300) / 1000.0));
  CHECK(points[0][1] == 0.0);
  CHECK(points[1][0].get<double>() == Approx(stats::Histogram::bucket_high(300) / 1000.0));
  CHECK(points[1][1].get<double>() == Approx(6.0 / 9.0));
  CHECK(points[2][1].get<double>() == Approx(1.0));
  // Index 300: shift (300 - 128) / 128 = 1, sub-bucket 44, so [(128 + 44) << 1, that + 1] = [344, 345].
  CHECK(stats::Histogram::bucket_low(300) == 344);
  CHECK(stats::Histogram::bucket_high(300) == 345);
}

TEST_CASE("compare: the same inputs give the same document, and the views render from it") {
  const ojson a = build_compare_document(input());
  const ojson b = build_compare_document(input());
  CHECK(a.dump() == b.dump());
  const std::string table = render_compare_table(a);
  CHECK_THAT(table, Catch::Contains("base") && Catch::Contains("fast !") && Catch::Contains("+90.9%*"));
  CHECK_THAT(table, Catch::Contains("warning: variant fast, replication 1"));
  const std::string csv = render_compare_csv(a);
  CHECK_THAT(csv, Catch::StartsWith("variant,workload,type,metric,replications,mean,ci95_low,ci95_high"));
  CHECK_THAT(csv, Catch::Contains("fast,app,all,iops_per_s,3,210.0,"));
  CHECK_THAT(csv, Catch::Contains("base,app,read,status_counts.STATUS_CANCELLED,3,1.0,1.0,1.0,0.0,,"));
  const std::string html = render_compare_html(a);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>") && Catch::Contains("new Chart("));
}

TEST_CASE("compare: slat and clat means per type, CPU utilisation per host and CPU per request per driver") {
  const ojson doc = build_compare_document(input_with_cpu());
  const ojson& base = doc["variants"][0];
  const ojson& heavy = doc["variants"][1];
  // Submission and completion latency: means of each run's mean; clat = latency - slat.
  const ojson& base_all = base["workloads"][0]["all_types"]["metrics"];
  CHECK(base_all["submission_mean_ns"]["mean"] == 2000.0);
  CHECK(base_all["completion_mean_ns"]["mean"] == 10000.0 - 2000.0);
  const ojson& heavy_all = heavy["workloads"][0]["all_types"]["metrics"];
  CHECK(heavy_all["submission_mean_ns"]["change_vs_baseline_percent"] == (3000.0 - 2000.0) / 2000.0 * 100);
  CHECK(heavy_all["submission_mean_ns"]["differs_from_baseline"] == true);
  CHECK(heavy["workloads"][0]["types"][0]["metrics"]["completion_mean_ns"]["mean"] == 10000.0 - 3000.0);

  // Host h0: utilization_fraction x 100, over the replications.
  REQUIRE(base["cpu"]["hosts"].size() == 1);
  CHECK(base["cpu"]["hosts"][0]["name"] == "h0");
  const ojson& bu = base["cpu"]["hosts"][0]["metrics"]["utilization_percent"];
  CHECK(bu["values"] == ojson::array({10.0, 12.0, 14.0}));
  CHECK(bu["mean"] == 12.0);
  CHECK(bu["ci95_half_width"].get<double>() == Approx(4.3026527297 * 2 / std::sqrt(3.0)).margin(1e-3));
  const ojson& hu = heavy["cpu"]["hosts"][0]["metrics"]["utilization_percent"];
  CHECK(hu["mean"] == 22.0);
  CHECK(hu["change_vs_baseline_percent"] == std::round((22.0 - 12.0) / 12.0 * 100 * 1000) / 1000);
  CHECK(hu["differs_from_baseline"] == true);  // 12 +- 4.97 against 22 +- 4.97
  // Driver filter: CPU per request in all and by step; fdo: none.
  REQUIRE(heavy["cpu"]["drivers"].size() == 2);
  const ojson& hf = heavy["cpu"]["drivers"][0]["metrics"];
  CHECK(heavy["cpu"]["drivers"][0]["name"] == "filter");
  CHECK(hf["cpu_ns_per_request"]["mean"] == 900.0 + 600.0);
  CHECK(hf["cpu_ns_per_request"]["change_vs_baseline_percent"] == (1500.0 - 1000.0) / 1000.0 * 100);
  CHECK(hf["dispatch_cpu_ns_per_request"]["mean"] == 900.0);
  CHECK(hf["completion_cpu_ns_per_request"]["mean"] == 600.0);
  CHECK(hf["cpu_ns_per_request"]["differs_from_baseline"] == true);
  CHECK(heavy["cpu"]["drivers"][1]["metrics"]["cpu_ns_per_request"]["mean"] == 0.0);

  // The views: the slat and clat columns, a table per host and per driver with CPU time (not fdo's).
  const std::string table = render_compare_table(doc);
  CHECK_THAT(table, Catch::Contains("    slat mean    clat mean"));
  // Names padded to 8 columns, figures right-aligned in 13.
  CHECK_THAT(table, Catch::Contains("\nhost h0, CPU utilization\nvariant      CPU busy\nbase           12.00%\n"
                                    "               ±4.97%\nheavy          22.00%\n"));
  CHECK_THAT(table, Catch::Contains("\ndriver filter, CPU per request\n"));
  CHECK_THAT(table, Catch::Contains("+83.3%*"));
  CHECK_THAT(table, !Catch::Contains("driver fdo"));
  const std::string csv = render_compare_csv(doc);
  CHECK_THAT(csv, Catch::Contains("\nbase,,,host.h0.utilization_percent,3,12.0,"));
  CHECK_THAT(csv, Catch::Contains("\nheavy,,,driver.filter.cpu_ns_per_request,3,1500.0,1500.0,1500.0,0.0,50.0,true\n"));
  CHECK_THAT(csv, Catch::Contains("\nbase,,,driver.fdo.dispatch_cpu_ns_per_request,3,0.0,"));
  CHECK_THAT(csv, Catch::Contains("\nbase,app,all,submission_mean_ns,3,2000.0,"));
  const std::string html = render_compare_html(doc);
  CHECK_THAT(html, Catch::Contains("<h3>host h0, CPU utilization</h3>"));
  CHECK_THAT(html, Catch::Contains("<th>slat mean</th><th>clat mean</th>"));
}

TEST_CASE("compare: without CPU time the tables read as before") {
  const ojson doc = build_compare_document(input());
  // In the JSON and CSV all the same, with zeros ...
  CHECK(doc["variants"][0]["cpu"]["hosts"][0]["metrics"]["utilization_percent"]["mean"] == 0.0);
  CHECK(doc["variants"][0]["workloads"][0]["all_types"]["metrics"]["submission_mean_ns"]["mean"] == 0.0);
  CHECK_THAT(render_compare_csv(doc), Catch::Contains("base,,,host.h0.utilization_percent,3,0.0,"));
  // ... but no column or table of them.
  const std::string table = render_compare_table(doc);
  CHECK_THAT(table, !Catch::Contains("slat") && !Catch::Contains("clat") && !Catch::Contains("CPU"));
  CHECK_THAT(table, Catch::Contains("\nvariant          IOPS         mean          p50          p99        p99.9          max"
                                    " out of order\n"));
  const std::string html = render_compare_html(doc);
  CHECK_THAT(html, !Catch::Contains("slat mean") && !Catch::Contains("CPU utilization"));
  // A summary from before the CPU model (no "cpu" block, no slat): no CPU entries, null slat figures.
  CompareInput old = input();
  for (VariantRuns& v : old.variants)
    for (ReplicationRun& r : v.runs)
      r.summary.erase("cpu");
  const ojson d = build_compare_document(old);
  CHECK(d["variants"][0]["cpu"] == ojson{{"hosts", ojson::array()}, {"drivers", ojson::array()}});
}

}  // namespace
}  // namespace irpsim::cli

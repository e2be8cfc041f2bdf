// The fio-like text report, rendered from the summary JSON alone. Latency rows pick nsec/usec/msec the way fio does
// (scale up only when the minimum is > 2000 of the smaller unit and the maximum has more than five digits); the
// layer table scales each cell on its own. CPU figures (slat and clat, the split of each layer's time, the "cpu"
// section) appear only when the run spent CPU time or took time to submit, so other runs read as they always did.
#include "sim/report/text_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <optional>

#include "sim/report/replay_block.hpp"

namespace irpsim::report {

using json = nlohmann::ordered_json;

namespace {

__attribute__((format(printf, 1, 2))) std::string fmt(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

// Null-tolerant accessors: a missing or null field reads as absent / zero / empty.
const json* field(const json& o, const char* key) {
  if (!o.is_object())
    return nullptr;
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}
std::optional<double> number(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_number() ? std::optional<double>(f->get<double>()) : std::nullopt;
}
std::uint64_t count(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_number() ? f->get<std::uint64_t>() : 0;
}
std::string text(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_string() ? f->get<std::string>() : std::string();
}
const json& sub(const json& o, const char* key) {
  static const json null_value;
  const json* f = field(o, key);
  return f ? *f : null_value;
}
const json& array(const json& o, const char* key) {
  static const json empty = json::array();
  const json* f = field(o, key);
  return f && f->is_array() ? *f : empty;
}

// Three significant digits: "888", "86.2k", "5.00".
std::string three_digits(double v, double step, const char* const* suffixes, int n_suffixes) {
  int i = 0;
  while (std::fabs(v) >= 999.5 && i + 1 < n_suffixes) {
    v /= step;
    ++i;
  }
  const char* f = std::fabs(v) >= 99.95 ? "%.0f%s" : std::fabs(v) >= 9.995 ? "%.1f%s" : "%.2f%s";
  if (i == 0 && v == std::floor(v))
    f = "%.0f%s";
  return fmt(f, v, suffixes[i]);
}

struct Unit {
  const char* name;
  double div;
};

// fio's choice of base for a latency row (stat.c, nsec_to_usec / usec_to_msec and the percentile scaling).
Unit latency_unit(double min_ns, double max_ns) {
  if (min_ns > 2e6 && max_ns > 99999999.0)
    return {"msec", 1e6};
  if (min_ns > 2000 && max_ns > 99999.0)
    return {"usec", 1e3};
  return {"nsec", 1};
}

std::string opt_count(std::optional<double> v) { return v ? format_count(*v) : std::string("-"); }

std::string opt_percent(const json& o, const char* key) {
  auto v = number(o, key);
  return v ? fmt("%.1f%%", *v) : std::string("-");
}

// fio's "slat" and "clat" lines: min, max, avg and stdev, without percentiles.
void render_latency_line(std::string& out, const char* name, const json& lat) {
  const double min_ns = number(lat, "min_ns").value_or(0), max_ns = number(lat, "max_ns").value_or(0);
  const Unit u = latency_unit(min_ns, max_ns);
  out += fmt("    %s (%s): min=%.0f, max=%.0f, avg=%.2f, stdev=%.2f\n", name, u.name, min_ns / u.div, max_ns / u.div,
             number(lat, "mean_ns").value_or(0) / u.div, number(lat, "stddev_ns").value_or(0) / u.div);
}

// The type's latency line, its slat and clat lines when `submission`, then its percentiles.
void render_latency(std::string& out, const json& type_obj, const json& lat, bool submission) {
  const double min_ns = number(lat, "min_ns").value_or(0), max_ns = number(lat, "max_ns").value_or(0);
  const Unit u = latency_unit(min_ns, max_ns);
  out += fmt("    lat (%s): min=%.0f, max=%.0f, avg=%.2f, stdev=%.2f, samples=%llu\n", u.name, min_ns / u.div,
             max_ns / u.div, number(lat, "mean_ns").value_or(0) / u.div,
             number(lat, "stddev_ns").value_or(0) / u.div, static_cast<unsigned long long>(count(lat, "samples")));
  if (submission) {
    if (const json* slat = field(type_obj, "submission_latency_ns"))
      render_latency_line(out, "slat", *slat);
    if (const json* clat = field(type_obj, "completion_latency_ns"))
      render_latency_line(out, "clat", *clat);
  }
  const json* pct = field(lat, "percentiles_ns");
  if (!pct || !pct->is_object() || pct->empty())
    return;
  double pmin = 0, pmax = 0;
  bool first = true;
  for (const auto& item : pct->items()) {
    const double v = item.value().get<double>();
    pmin = first ? v : std::min(pmin, v);
    pmax = first ? v : std::max(pmax, v);
    first = false;
  }
  const Unit pu = latency_unit(pmin, pmax);
  out += fmt("    lat percentiles (%s):\n", pu.name);
  std::size_t j = 0;
  const std::size_t n = pct->size();
  for (const auto& item : pct->items()) {
    if (j % 4 == 0)
      out += "     |";
    const double key = std::stod(item.key());
    const double v = std::round(item.value().get<double>() / pu.div);
    out += fmt(" %5.2fth=[%5.0f]", key, v);
    const bool last = j + 1 == n;
    out += last ? "\n" : ",";
    if (!last && j % 4 == 3)
      out += "\n";
    ++j;
  }
}

void render_status(std::string& out, const json& type_obj) {
  const json* s = field(type_obj, "status_counts");
  if (!s || s->empty())
    return;
  out += "    status:";
  for (const auto& item : s->items())
    out += fmt(" %s=%llu", item.key().c_str(), static_cast<unsigned long long>(item.value().get<std::uint64_t>()));
  out += "\n";
}

void render_workload(std::string& out, const json& w, bool submission) {
  const std::string kind = text(w, "kind");
  std::string how;
  if (kind == "closed" || kind == "trace_closed") {
    how = fmt("%sclosed loop, queue depth %llu", kind == "trace_closed" ? "trace replay, " : "",
              static_cast<unsigned long long>(count(w, "queue_depth")));
  } else if (kind == "trace_recorded") {
    const json& all = sub(w, "all_types");
    how = fmt("trace replay at the recorded times, offered %s/s, achieved %s/s",
              opt_count(number(w, "offered_rate_per_s")).c_str(), opt_count(number(all, "iops_per_s")).c_str());
  } else {
    const json& all = sub(w, "all_types");
    how = fmt("open loop (%s arrivals), offered %s/s, achieved %s/s",
              kind == "open_poisson" ? "Poisson" : kind == "open_fixed" ? "fixed-rate" : kind.c_str(),
              opt_count(number(w, "offered_rate_per_s")).c_str(), opt_count(number(all, "iops_per_s")).c_str());
  }
  out += fmt("%s: %s, stack %s\n", text(w, "name").c_str(), how.c_str(), text(w, "stack").c_str());
  out += fmt("  %llu issued, %llu completed, %llu warm-up excluded\n",
             static_cast<unsigned long long>(count(w, "issued")),
             static_cast<unsigned long long>(count(w, "completed")),
             static_cast<unsigned long long>(count(w, "warmup_excluded")));
  if (const json* r = field(w, "replay")) {
    out += "  " + describe_replay(*r) + "\n";
    for (const json& m : array(*r, "malformed_lines"))
      out += fmt("    malformed line %llu: %s\n", static_cast<unsigned long long>(count(m, "line")),
                 text(m, "problem").c_str());
  }
  for (const json& t : array(w, "types")) {
    auto bw = number(t, "bandwidth_bytes_per_s");
    out += fmt("  %s: IOPS=%s, BW=%s, %llu requests\n", text(t, "type").c_str(),
               opt_count(number(t, "iops_per_s")).c_str(), bw ? format_bandwidth(*bw).c_str() : "-",
               static_cast<unsigned long long>(count(t, "requests")));
    if (const json* lat = field(t, "latency_ns"))
      render_latency(out, t, *lat, submission);
    render_status(out, t);
  }
  if (const json* all = field(w, "all_types")) {
    std::string line = fmt("  all: IOPS=%s, %llu requests", opt_count(number(*all, "iops_per_s")).c_str(),
                           static_cast<unsigned long long>(count(*all, "requests")));
    if (const json* lat = field(*all, "latency_ns")) {
      const json& p = sub(*lat, "percentiles_ns");
      line += fmt(", lat avg=%s, p50=%s, p99=%s, p99.9=%s, max=%s",
                  format_duration_ns(number(*lat, "mean_ns").value_or(0)).c_str(),
                  format_duration_ns(number(p, "50.00").value_or(0)).c_str(),
                  format_duration_ns(number(p, "99.00").value_or(0)).c_str(),
                  format_duration_ns(number(p, "99.90").value_or(0)).c_str(),
                  format_duration_ns(number(*lat, "max_ns").value_or(0)).c_str());
    }
    out += line + "\n";
  }
  if (const json* o = field(w, "ordering"); o && count(*o, "completions") > 0)
    out += fmt("  ordering: %s completed out of submission order, %llu inversions, largest displacement %llu\n",
               opt_percent(*o, "out_of_order_percent").c_str(),
               static_cast<unsigned long long>(count(*o, "inversions")),
               static_cast<unsigned long long>(count(*o, "max_displacement")));
  out += "\n";
}

std::string mean_cell(const json& row, const char* key) {
  const json* b = field(row, key);
  return b ? format_duration_ns(number(*b, "mean_ns").value_or(0)) : std::string("-");
}

void render_stack(std::string& out, const json& s, bool cpu) {
  const json& e2e = sub(s, "end_to_end");
  auto e2e_mean = number(e2e, "mean_ns");
  out += fmt("layer breakdown, stack %s (mean per request, all types; end-to-end mean %s over %llu requests)\n",
             text(s, "stack").c_str(), e2e_mean ? format_duration_ns(*e2e_mean).c_str() : "-",
             static_cast<unsigned long long>(count(e2e, "requests")));
  int w = 5;
  for (const json& row : array(s, "rows"))
    w = std::max(w, static_cast<int>(text(row, "name").size()));
  out += fmt("  %-*s %-8s %10s %10s %11s %11s %11s %7s\n", w, "layer", "kind", "requests", "passed", "queue wait",
             "in layer", "below", "share");
  for (const json& row : array(s, "rows")) {
    const std::string kind = text(row, "kind");
    std::string qw = "-", in = "-", below = "-", passed = "-";
    std::string label = kind;
    if (kind == "driver") {
      label = text(row, "role");
      passed = fmt("%llu", static_cast<unsigned long long>(count(row, "passed_through")));
      qw = mean_cell(row, "queue_wait_ns");
      in = mean_cell(row, "in_layer_ns");
      below = mean_cell(row, "below_ns");
    } else if (kind == "target") {
      in = mean_cell(row, "held_ns");
    } else if (kind == "device") {
      qw = mean_cell(row, "queue_wait_ns");
      in = mean_cell(row, "service_ns");
    } else if (kind == "threads") {
      qw = mean_cell(row, "queue_wait_ns");  // arrivals waiting for a busy submitting thread
    }
    out += fmt("  %-*s %-8s %10llu %10s %11s %11s %11s %7s\n", w, text(row, "name").c_str(), label.c_str(),
               static_cast<unsigned long long>(count(row, "requests")), passed.c_str(), qw.c_str(), in.c_str(),
               below.c_str(), opt_percent(row, "share_of_latency_percent").c_str());
    // Under a driver with requests of its own, its in-layer time split; under the device, its interrupt time.
    if (cpu && kind == "driver" && field(row, "in_layer_ns"))
      out += fmt("  %-*s in layer: core wait %s, lock spin %s, cpu %s, own delay %s\n", w, "",
                 mean_cell(row, "core_wait_ns").c_str(), mean_cell(row, "lock_spin_ns").c_str(),
                 mean_cell(row, "cpu_ns").c_str(), mean_cell(row, "own_delay_ns").c_str());
    else if (cpu && kind == "device" && field(row, "interrupt_ns"))
      out += fmt("  %-*s interrupt %s (core wait, ISR and DPC; in the device's share)\n", w, "",
                 mean_cell(row, "interrupt_ns").c_str());
  }
  std::string tail = fmt("  shares add up to %s", opt_percent(s, "share_sum_percent").c_str());
  for (const json& row : array(s, "rows"))
    if (text(row, "kind") == "device")
      tail += fmt("; device %s utilization %s over %llu channel(s)", text(row, "name").c_str(),
                  opt_percent(row, "utilization_percent").c_str(),
                  static_cast<unsigned long long>(count(row, "channels")));
  out += tail + "\n\n";
}

std::string fraction_text(const json& o, const char* key) {
  auto v = number(o, key);
  return v ? fmt("%.2f%%", *v * 100.0) : std::string("-");
}

// "8.75% busy (dispatch 4.75%, completion 1.50%, isr 0.50%, dpc 1.00%, lock spin 1.00%)"
std::string busy_text(const json& o) {
  const json& k = sub(o, "utilization_by_kind_fraction");
  return fraction_text(o, "utilization_fraction") + " busy (dispatch " + fraction_text(k, "dispatch") +
         ", completion " + fraction_text(k, "completion") + ", isr " + fraction_text(k, "isr") + ", dpc " +
         fraction_text(k, "dpc") + ", lock spin " + fraction_text(k, "lock_spin") + ")";
}

std::string ns_cell(const json& o, const char* key) {
  auto v = number(o, key);
  return v ? format_duration_ns(*v) : std::string("-");
}

// Per host: its utilisation, split by kind, in total, over time and per core (the first kShownCores); the drivers
// and devices placed on it, with their CPU per request, locks and interrupts.
void render_cpu(std::string& out, const json& cpu) {
  constexpr std::size_t kShownCores = 16;
  for (const json& h : array(cpu, "hosts")) {
    const std::string host = text(h, "name");
    out += fmt("cpu, host %s (%llu cores): %s\n", host.c_str(), static_cast<unsigned long long>(count(h, "cores")),
               busy_text(h).c_str());
    const json& timeline = sub(h, "timeline");
    const json& series = array(timeline, "utilization_fraction");
    std::optional<std::size_t> busiest;
    for (std::size_t i = 0; i < series.size(); ++i)
      if (series[i].is_number() && (!busiest || series[i].get<double>() > series[*busiest].get<double>()))
        busiest = i;
    if (busiest) {
      const double bucket = number(timeline, "bucket_ns").value_or(0);
      out += fmt("  over time: %zu intervals of %s, busiest %.2f%% (from %s)\n", series.size(),
                 format_duration_ns(bucket).c_str(), series[*busiest].get<double>() * 100.0,
                 format_duration_ns(bucket * static_cast<double>(*busiest)).c_str());
    }
    const json& cores = array(h, "per_core");
    for (std::size_t c = 0; c < cores.size() && c < kShownCores; ++c)
      out += fmt("  core %zu: %s, %llu steps\n", c, busy_text(cores[c]).c_str(),
                 static_cast<unsigned long long>(count(cores[c], "steps")));
    if (cores.size() > kShownCores)
      out += fmt("  ... and %zu more cores (summary.json lists them all)\n", cores.size() - kShownCores);
    for (const json& d : array(cpu, "drivers")) {
      if (text(d, "host") != host)
        continue;
      if (count(d, "requests") == 0 && array(d, "locks").empty()) {
        out += fmt("  driver %s: no dispatch callback ran\n", text(d, "name").c_str());
        continue;
      }
      out += fmt("  driver %s (%llu requests): per request CPU %s (dispatch %s, completion %s), core wait %s, "
                 "lock spin %s\n",
                 text(d, "name").c_str(), static_cast<unsigned long long>(count(d, "requests")),
                 ns_cell(d, "cpu_ns_per_request").c_str(), ns_cell(sub(d, "dispatch"), "cpu_ns_per_request").c_str(),
                 ns_cell(sub(d, "completion"), "cpu_ns_per_request").c_str(),
                 ns_cell(d, "core_wait_ns_per_request").c_str(), ns_cell(d, "lock_spin_ns_per_request").c_str());
      for (const json& l : array(d, "locks"))
        out += fmt("    lock %s: %llu acquisitions, %s wait and %s hold per acquisition, held %s of the time\n",
                   text(l, "name").c_str(), static_cast<unsigned long long>(count(l, "acquisitions")),
                   ns_cell(l, "wait_ns_per_acquisition").c_str(), ns_cell(l, "hold_ns_per_acquisition").c_str(),
                   fraction_text(l, "utilization_fraction").c_str());
    }
    for (const json& d : array(cpu, "devices")) {
      if (text(d, "host") != host || count(d, "interrupts") == 0)
        continue;
      out += fmt("  device %s: %llu interrupts, per interrupt %s ISR, %s DPC, %s core wait\n", text(d, "name").c_str(),
                 static_cast<unsigned long long>(count(d, "interrupts")), ns_cell(d, "isr_ns_per_interrupt").c_str(),
                 ns_cell(d, "dpc_ns_per_interrupt").c_str(), ns_cell(d, "core_wait_ns_per_interrupt").c_str());
    }
  }
  out += "\n";
}

void render_accounting(std::string& out, const json& a) {
  const json& stuck = array(a, "stuck");
  const json& violations = array(a, "violations");
  const std::uint64_t total = a.contains("violations_total") ? count(a, "violations_total") : violations.size();
  out += fmt("accounting: %llu issued, %llu completed, %llu in flight, %zu stuck, %llu violations\n",
             static_cast<unsigned long long>(count(a, "issued")),
             static_cast<unsigned long long>(count(a, "completed")),
             static_cast<unsigned long long>(count(a, "in_flight")), stuck.size(),
             static_cast<unsigned long long>(total));
  if (total > 0 && a.contains("violation_counts") && a["violation_counts"].is_object())
    for (const auto& item : a["violation_counts"].items())
      out += fmt("  %llu x %s\n", static_cast<unsigned long long>(item.value().get<std::uint64_t>()),
                 item.key().c_str());
  if (const std::uint64_t created = count(a, "created_outstanding"); created > 0)
    out += fmt("  %llu driver-created request(s) %s\n", static_cast<unsigned long long>(created),
               a.contains("halt") ? "still in flight at the halt" : "never deleted (stuck below their drivers)");
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < stuck.size() && i < kShown; ++i) {
    const json& s = stuck[i];
    out += fmt("  stuck: IRP %llu (%s %s, issued at %s): %s\n", static_cast<unsigned long long>(count(s, "irp_id")),
               text(s, "workload").c_str(), text(s, "type").c_str(),
               format_duration_ns(number(s, "issued_ns").value_or(0)).c_str(), text(s, "where").c_str());
  }
  if (stuck.size() > kShown)
    out += fmt("  ... and %zu more stuck IRPs\n", stuck.size() - kShown);
  for (std::size_t i = 0; i < violations.size() && i < kShown; ++i) {
    const json& v = violations[i];
    const std::string driver = text(v, "driver");
    out += fmt("  violation: %s%s on IRP %llu at %s: %s\n", text(v, "name").c_str(),
               driver.empty() ? "" : (" in driver " + driver).c_str(), static_cast<unsigned long long>(count(v, "irp_id")),
               format_duration_ns(number(v, "time_ns").value_or(0)).c_str(), text(v, "detail").c_str());
  }
  if (total > std::min<std::uint64_t>(violations.size(), kShown))
    out += fmt("  ... and %llu more violations\n",
               static_cast<unsigned long long>(total - std::min<std::uint64_t>(violations.size(), kShown)));
}

}  // namespace

std::string format_count(double v) {
  static const char* const suffixes[] = {"", "k", "M", "G", "T"};
  return three_digits(v, 1000, suffixes, 5);
}

std::string format_bytes(double bytes) {
  static const char* const suffixes[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int i = 0;
  while (bytes >= 1024 && i < 4) {
    bytes /= 1024;
    ++i;
  }
  return i == 0 ? fmt("%.0f B", bytes) : fmt("%.1f %s", bytes, suffixes[i]);
}

std::string format_bandwidth(double bytes_per_s) {
  static const char* const binary[] = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};
  static const char* const decimal[] = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};
  return three_digits(bytes_per_s, 1024, binary, 5) + " (" + three_digits(bytes_per_s, 1000, decimal, 5) + ")";
}

std::string format_duration_ns(double ns) {
  const double a = std::fabs(ns);
  if (a < 1e3)
    return fmt("%.2fns", ns);
  if (a < 1e6)
    return fmt("%.2fus", ns / 1e3);
  if (a < 1e9)
    return fmt("%.2fms", ns / 1e6);
  return fmt("%.2fs", ns / 1e9);
}

bool summary_has_cpu_time(const json& summary) {
  auto positive = [](const json& o, const char* key) { return number(o, key).value_or(0) > 0; };
  const json& cpu = sub(summary, "cpu");
  for (const json& h : array(cpu, "hosts"))
    if (positive(h, "busy_ns"))
      return true;
  for (const json& d : array(cpu, "drivers"))
    if (positive(d, "cpu_ns") || positive(d, "core_wait_ns") || positive(d, "lock_spin_ns"))
      return true;
  for (const json& d : array(cpu, "devices"))
    if (positive(d, "isr_ns") || positive(d, "dpc_ns") || positive(d, "core_wait_ns"))
      return true;
  for (const json& s : array(summary, "layers"))
    for (const json& row : array(s, "rows"))
      for (const char* key : {"core_wait_ns", "lock_spin_ns", "cpu_ns", "interrupt_ns"})
        if (positive(sub(row, key), "max_ns"))
          return true;
  return false;
}

bool summary_has_submission_latency(const json& summary) {
  for (const json& w : array(summary, "workloads")) {
    if (number(sub(sub(w, "all_types"), "submission_latency_ns"), "max_ns").value_or(0) > 0)
      return true;
    for (const json& t : array(w, "types"))
      if (number(sub(t, "submission_latency_ns"), "max_ns").value_or(0) > 0)
        return true;
  }
  return false;
}

std::string render_text_report(const json& summary) {
  std::string out;
  std::uint64_t completed = 0, warmup = 0;
  for (const json& w : array(summary, "workloads")) {
    completed += count(w, "completed");
    warmup += count(w, "warmup_excluded");
  }
  const json& sc = sub(summary, "scenario");
  out += fmt("%s (seed %llu): %llu requests in %.4f s simulated, %llu warm-up excluded\n", text(sc, "name").c_str(),
             static_cast<unsigned long long>(count(summary, "seed")), static_cast<unsigned long long>(completed),
             number(summary, "simulated_time_ns").value_or(0) / 1e9, static_cast<unsigned long long>(warmup));
  if (const std::string d = text(sc, "description"); !d.empty())
    out += "  " + d + "\n";
  if (const std::string status = text(summary, "run_status"); !status.empty() && status != "complete") {
    const json* halt = field(sub(summary, "accounting"), "halt");
    out += fmt("PARTIAL RESULTS (%s): %s at %s simulated; %llu requests were in flight\n", status.c_str(),
               halt ? text(*halt, "detail").c_str() : "halted",
               format_duration_ns(halt ? number(*halt, "halted_at_ns").value_or(0) : 0).c_str(),
               static_cast<unsigned long long>(count(sub(summary, "accounting"), "in_flight")));
  }
  out += "\n";
  const bool submission = summary_has_submission_latency(summary);
  const bool cpu = summary_has_cpu_time(summary);
  for (const json& w : array(summary, "workloads"))
    render_workload(out, w, submission);
  for (const json& s : array(summary, "layers"))
    render_stack(out, s, cpu);
  if (const json* c = field(summary, "cpu"); c && cpu)
    render_cpu(out, *c);
  if (const json* a = field(summary, "accounting"))
    render_accounting(out, *a);
  if (const json* r = field(summary, "run_info")) {
    auto irps = number(*r, "irps_per_wall_s"), hops = number(*r, "hops_per_wall_s");
    out += fmt("run cost: wall %.2f s, %.2f s simulated, %s IRPs per wall second, %s hops (%s per wall second), "
               "peak memory %s\n",
               number(*r, "wall_s").value_or(0), number(*r, "simulated_s").value_or(0), opt_count(irps).c_str(),
               format_count(static_cast<double>(count(*r, "hops"))).c_str(), opt_count(hops).c_str(),
               format_bytes(static_cast<double>(count(*r, "peak_rss_bytes"))).c_str());
  }
  return out;
}

}  // namespace irpsim::report

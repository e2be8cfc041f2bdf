#include "sim/cli/sweep_layout.hpp"

#include <iostream>
#include <map>
#include <stdexcept>

#include "sim/cli/json_file.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/sweep_report.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// The text of a file, or nullopt when it cannot be read.
std::optional<std::string> try_read(const fs::path& path) {
  try {
    return read_text_file(path.string());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<PreparedSweep> prepare_sweep(const std::string& sweep_file, const std::string& shown_as) {
  PreparedSweep result;
  SweepFile& sweep = result.sweep;
  ojson& base = result.base;
  try {
    sweep = parse_sweep(read_json_file(sweep_file), sweep_file);
    if (sweep.base_file) {
      result.base_path = (fs::path(sweep_file).parent_path() / *sweep.base_file).lexically_normal().string();
      result.base_shown =
          (fs::path(shown_as.empty() ? sweep_file : shown_as).parent_path() / *sweep.base_file).lexically_normal().string();
      scenario::load_scenario_file(result.base_path);
      base = read_json_file(result.base_path);
      // Each point reads its scenario from its own folder: traces are named by absolute paths there.
      scenario::anchor_trace_paths(base, fs::path(result.base_path).parent_path());
    } else {
      base = sweep.base_inline;
      scenario::anchor_trace_paths(base, fs::path(sweep_file).parent_path());
      scenario::parse_scenario(to_plain_json(base), sweep_file + ": base");
    }
    check_pointers(sweep, base, sweep_file);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }

  const std::vector<SweepPoint> points = expand_grid(sweep.parameters);
  bool bad = false;
  std::map<std::string, std::size_t> keys;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (auto [it, fresh] = keys.emplace(points[i].key, i); !fresh) {
      std::cerr << sweep_file << ": /parameters: expected values that give every point its own folder, found "
                << "two points with the key " << scenario::detail::quote(points[i].key)
                << " (a string and a number with the same text?)\n";
      bad = true;
      continue;
    }
    ojson doc = apply_point(base, sweep.parameters, points[i]);
    scenario::anchor_trace_paths(doc, fs::path(sweep_file).parent_path());  // a trace file a parameter names
    try {
      const scenario::Scenario s =
          scenario::parse_scenario(to_plain_json(doc), sweep_file + ": point " + points[i].key);
      result.points.push_back({points[i], doc.dump(2) + "\n", s.seed});
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << '\n';
      bad = true;
    }
  }
  if (bad)
    return std::nullopt;
  return result;
}


fs::path point_scenario_path(const fs::path& out_dir, const PreparedPoint& point) {
  return out_dir / "points" / point.point.key / "scenario.json";
}

std::vector<SweepRun> lay_out_sweep(const PreparedSweep& sweep, const fs::path& out_dir, bool write) {
  const auto remove = [](const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec)
      throw std::runtime_error("cannot remove " + path.string() + ": " + ec.message());
  };
  std::vector<SweepRun> runs;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const PreparedPoint& p = sweep.points[i];
    const fs::path scenario_path = point_scenario_path(out_dir, p);
    const fs::path dir = scenario_path.parent_path();
    const bool same_scenario = try_read(scenario_path) == p.scenario_text;
    if (write && !same_scenario) {  // new point, or the base or values changed under the same key: nothing reusable
      remove(dir);
      report::ensure_directory(dir.string());
      report::write_file_atomically(scenario_path.string(), p.scenario_text);
    }
    for (std::uint32_t r = 0; r < sweep.sweep.seeds; ++r) {
      const std::uint64_t seed = replication_seed(p.seed, r);
      const fs::path run_dir = dir / std::to_string(r);
      const bool reusable = same_scenario && summary_is_complete((run_dir / "summary.json").string(), seed);
      runs.push_back({i, r, seed, run_dir, reusable});
      if (write && !reusable) {
        remove(run_dir);
        report::ensure_directory(run_dir.string());
      }
    }
  }
  return runs;
}

std::optional<ojson> sweep_results(const PreparedSweep& sweep, const std::string& sweep_file,
                                   const std::vector<SweepRun>& runs, const std::vector<bool>& run_done) {
  SweepInput input;
  input.sweep = &sweep.sweep;
  input.sweep_file = sweep_file;
  input.base_file = sweep.base_shown;
  input.scenario_name = sweep.base["name"].get<std::string>();
  std::vector<bool> point_done(sweep.points.size(), true);
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (!run_done[i])
      point_done[runs[i].point] = false;
  std::vector<std::optional<std::size_t>> row_of(sweep.points.size());  // a point's row in the outputs, if any
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    if (point_done[i]) {
      row_of[i] = input.points.size();
      input.points.push_back({sweep.points[i].point, (fs::path("points") / sweep.points[i].point.key).generic_string(),
                              {}});
    } else {
      input.points_missing.push_back(sweep.points[i].point.key);
    }
  }
  try {
    for (const SweepRun& r : runs)
      if (row_of[r.point])
        input.points[*row_of[r.point]].runs.push_back(
            {r.replication, r.seed, read_json_file((r.dir / "summary.json").string())});
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "irpsim: cannot read a run's results: " << e.what() << '\n';
    return std::nullopt;
  }
  return build_sweep_document(input);
}

bool write_sweep_outputs(const fs::path& out_dir, const ojson& doc) {
  return write_result_files(out_dir, {{"sweep.json", doc.dump(2) + "\n"},
                                      {"sweep.csv", render_sweep_csv(doc)},
                                      {"sweep.html", render_sweep_html(doc)}});
}

}  // namespace irpsim::cli

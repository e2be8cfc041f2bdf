#include "sim/cli/compare_layout.hpp"

#include <iostream>

#include "sim/cli/compare_aggregate.hpp"
#include "sim/cli/compare_render.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/summary_metrics.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

std::optional<PreparedCompare> prepare_compare(const std::string& scenario_file, const std::string& variants_file) {
  PreparedCompare result;
  try {
    scenario::load_scenario_file(scenario_file);  // the base alone first: its own messages
    result.base = read_json_file(scenario_file);
    // Each run reads its scenario from its own folder: traces are named by absolute paths there.
    scenario::anchor_trace_paths(result.base, fs::path(scenario_file).parent_path());
    result.file = parse_variants(read_json_file(variants_file), variants_file);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }
  bool bad = false;
  for (std::size_t i = 0; i < result.file.variants.size(); ++i) {
    try {
      result.variants.push_back(
          {result.file.variants[i], build_variant(result.base, result.file.variants[i], i, variants_file), {}});
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << '\n';
      bad = true;
    }
  }
  if (bad)
    return std::nullopt;
  return result;
}


int clear_compare_folder(const fs::path& out_dir, bool force, bool resumable, const std::string& why_refused) {
  if (!nonempty_directory(out_dir.string()) || (resumable && !force))
    return kExitOk;
  if (!force) {
    std::cerr << "irpsim: the results folder " << out_dir.string() << " already exists" << why_refused << '\n';
    return kExitBadInput;
  }
  try {
    remove_outputs(out_dir.string(), {"runs", "compare.json", "compare.csv", "compare.html", "plan.json", "slurm"});
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot replace the earlier results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  return kExitOk;
}

std::vector<CompareRun> lay_out_compare(PreparedCompare& compare, const fs::path& out_dir, std::uint32_t seeds,
                                        bool write) {
  for (PreparedVariant& p : compare.variants) {
    const fs::path dir = out_dir / "runs" / p.variant.name;
    p.scenario_path = (dir / "scenario.json").string();
    if (write) {
      report::ensure_directory(dir.string());
      report::write_file_atomically(p.scenario_path, p.scenario.document.dump(2) + "\n");
    }
  }
  std::vector<CompareRun> runs;
  for (std::uint32_t r = 0; r < seeds; ++r)
    for (std::size_t v = 0; v < compare.variants.size(); ++v) {
      const fs::path dir = out_dir / "runs" / compare.variants[v].variant.name / std::to_string(r);
      if (write)
        report::ensure_directory(dir.string());
      // Each variant's own seed (the base's, unless its patch sets "seed"): replication r of every variant draws
      // the same random numbers wherever the variants do not differ.
      runs.push_back({v, r, replication_seed(compare.variants[v].scenario.scenario.seed, r), dir});
    }
  return runs;
}

std::optional<ojson> compare_results(const PreparedCompare& compare, const std::string& scenario_file,
                      const std::string& variants_file, std::uint32_t seeds, const std::vector<CompareRun>& runs,
                      const std::vector<std::optional<int>>& exit_codes) {
  CompareInput input;
  input.scenario_name = compare.base["name"].get<std::string>();
  input.scenario_file = scenario_file;
  input.variants_file = variants_file;
  input.description = compare.file.description;
  input.replications = seeds;
  for (const PreparedVariant& p : compare.variants)
    input.variants.push_back({p.variant.name, p.variant.description, p.variant.patch, {}});
  // Runs are replication-major, so each variant's runs arrive in replication order.
  try {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const CompareRun& r = runs[i];
      const fs::path rel = fs::path("runs") / compare.variants[r.variant].variant.name / std::to_string(r.replication);
      ojson summary = read_json_file((r.dir / "summary.json").string());
      const int exit_code = exit_codes[i] ? *exit_codes[i] : summary_has_problems(summary) ? kExitRunFailed : kExitOk;
      input.variants[r.variant].runs.push_back(
          {r.replication, r.seed, rel.generic_string(), exit_code, std::move(summary)});
    }
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "irpsim: cannot read a run's results: " << e.what() << '\n';
    return std::nullopt;
  }
  return build_compare_document(input);
}

bool write_compare_outputs(const fs::path& out_dir, const ojson& doc) {
  return write_result_files(out_dir, {{"compare.json", doc.dump(2) + "\n"},
                                      {"compare.csv", render_compare_csv(doc)},
                                      {"compare.html", render_compare_html(doc)}});
}

}  // namespace irpsim::cli

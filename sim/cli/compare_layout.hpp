// A comparison laid out on disk, shared by the local run, the Slurm submission and --collect (compare_command.cpp,
// compare_slurm.cpp): the base scenario, the variants file and every patched variant validated; DIR/runs/NAME with
// each variant's scenario.json and one folder per replication; and compare.json built from the summaries found there.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/variants.hpp"

namespace irpsim::cli {

struct PreparedVariant {
  Variant variant;
  VariantScenario scenario;
  std::string scenario_path;  // DIR/runs/NAME/scenario.json
};

struct PreparedCompare {
  nlohmann::ordered_json base;
  VariantsFile file;
  std::vector<PreparedVariant> variants;  // every variant, patched and validated
};

// The base scenario, the variants file and every patched variant, each validated; every problem on stderr.
std::optional<PreparedCompare> prepare_compare(const std::string& scenario_file, const std::string& variants_file);

struct CompareRun {
  std::size_t variant = 0;        // index into PreparedCompare::variants
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::filesystem::path dir;      // DIR/runs/NAME/R
};

// Makes out_dir ready for a comparison. A folder that holds anything is kept as it is when `resumable`, refused
// (exit 2, with "the results folder DIR already exists" + `why_refused` on stderr) without `force`, and otherwise
// emptied of what a comparison writes there (runs/, compare.*, plan.json, slurm/) and nothing else. Returns 0 or
// the exit code.
int clear_compare_folder(const std::filesystem::path& out_dir, bool force, bool resumable,
                         const std::string& why_refused);

// Every replication of every variant, replication-major (the first replication of every variant first, so a variant
// that fails does so early). Sets each variant's scenario_path; with `write`, writes its scenario.json and makes the
// run folders (throws std::runtime_error when that fails).
std::vector<CompareRun> lay_out_compare(PreparedCompare& compare, const std::filesystem::path& out_dir,
                                        std::uint32_t seeds, bool write);

// compare.json from every run's summary (exit_codes: per run, 0 or 3; nullopt: from the summary's problems), the
// scenario and variants files as given on the command line. nullopt, with the reason on stderr, when a summary cannot
// be read.
std::optional<nlohmann::ordered_json> compare_results(const PreparedCompare& compare, const std::string& scenario_file,
                                       const std::string& variants_file, std::uint32_t seeds,
                                       const std::vector<CompareRun>& runs,
                                       const std::vector<std::optional<int>>& exit_codes);

// Writes compare.json, compare.csv and compare.html into out_dir; false (and the reason on stderr) when a write fails.
bool write_compare_outputs(const std::filesystem::path& out_dir, const nlohmann::ordered_json& doc);

}  // namespace irpsim::cli

#include "sim/cli/report_command.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/cli/exit_codes.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/report/html_report.hpp"

namespace irpsim::cli {

int report_command(const ReportCommandOptions& options) {
  std::ifstream in(options.summary_file, std::ios::binary);
  if (!in) {
    std::cerr << "irpsim: " << options.summary_file << ": cannot read the file\n";
    return kExitBadInput;
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::ordered_json summary;
  try {
    summary = nlohmann::ordered_json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    std::cerr << "irpsim: " << options.summary_file << ": expected a summary.json, found invalid JSON: " << e.what()
              << '\n';
    return kExitBadInput;
  }
  if (!summary.is_object() || !summary.contains("schema_version") || summary["schema_version"] != 1 ||
      !summary.contains("workloads")) {
    std::cerr << "irpsim: " << options.summary_file
              << ": expected a summary.json written by irpsim run (schema_version 1), found another document\n";
    return kExitBadInput;
  }
  const std::string output =
      options.output.value_or((std::filesystem::path(options.summary_file).parent_path() / "report.html").string());
  try {
    report::write_file_atomically(output, report::render_html_report(summary));
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write the report: " << e.what() << '\n';
    return kExitBadInput;
  }
  std::cerr << "report: " << output << '\n';
  return kExitOk;
}

std::string self_path(const char* argv0) {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(argv0) : exe.string();
}

}  // namespace irpsim::cli

// `irpsim report SUMMARY.json [-o FILE]`: regenerates the HTML latency report from a saved summary (the same page
// `irpsim run` writes as DIR/report.html). Also where the CLI finds its own executable for child runs.
#pragma once
#include <optional>
#include <string>

namespace irpsim::cli {

struct ReportCommandOptions {
  std::string summary_file;
  std::optional<std::string> output;  // default: report.html beside the summary
};

int report_command(const ReportCommandOptions& options);

// The running binary's path (/proc/self/exe), or argv0 if that cannot be read.
std::string self_path(const char* argv0);

}  // namespace irpsim::cli

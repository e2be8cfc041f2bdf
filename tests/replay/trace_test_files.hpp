// Helpers of the trace reader tests: trace files written under one unique temporary directory per test (removed
// afterwards), and every entry a reader returns for a file.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/replay/trace_reader.hpp"

namespace irpsim::replay::test {

class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "irpsim-replay-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes CONTENT (bytes as given: no newline added) to NAME in the directory; returns its path.
  std::string write(const std::string& name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return file.string();
  }

private:
  std::filesystem::path path_;
};

inline std::vector<TraceEntry> read_all(const std::string& path, TraceFormat format,
                                        const TraceSelection& selection = {}) {
  TraceReader reader(path, format, selection);
  std::vector<TraceEntry> entries;
  while (std::optional<TraceEntry> entry = reader.next())
    entries.push_back(std::move(*entry));
  return entries;
}

// Writes CONTENT to a fresh file of DIR and reads all its entries.
inline std::vector<TraceEntry> entries_of(const TempDir& dir, std::string_view content, TraceFormat format,
                                          const TraceSelection& selection = {}) {
  return read_all(dir.write("trace", content), format, selection);
}

inline std::string source_path(const std::string& relative) { return std::string(IRPSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace irpsim::replay::test

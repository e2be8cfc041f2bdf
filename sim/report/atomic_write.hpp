// Output files that are either complete or absent: a crash or a full disk never leaves a truncated summary behind.
#pragma once
#include <string>

namespace irpsim::report {

// Writes `content` to a temporary file in the same directory as `path`, flushes and fsyncs it, then renames it over
// `path` (atomic on POSIX file systems). On any failure the temporary is removed and std::runtime_error is thrown,
// naming the path and the system error.
void write_file_atomically(const std::string& path, const std::string& content);

// Creates `path` and its missing parents; succeeds if it already is a directory. Throws std::runtime_error naming
// the path and the system error otherwise.
void ensure_directory(const std::string& path);

}  // namespace irpsim::report

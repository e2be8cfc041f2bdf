// fuzz_replay: feeds files to the fuzz target without libFuzzer, in any build (g++ Release, the sanitizer build).
//   fuzz_replay PATH...     each PATH is a file or a directory (every regular file below it, recursively, sorted,
//                           except hidden ones such as .gitkeep)
// Prints one line per input with what happened to it. A bug aborts the process (the line "replay: PATH" just before
// says which input); exit 2 when a path cannot be read or none was given (an empty directory is fine).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "tests/fuzz/harness.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && it->path().filename().string().front() != '.')  // not .gitkeep
          found.push_back(it->path());
      if (ec) {
        std::fprintf(stderr, "fuzz_replay: cannot list %s: %s\n", argv[i], ec.message().c_str());
        return 2;
      }
      std::sort(found.begin(), found.end());
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      inputs.push_back(path);
    } else {
      std::fprintf(stderr, "fuzz_replay: %s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_replay FILE_OR_DIRECTORY...\n");
    return 2;
  }
  for (const fs::path& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "fuzz_replay: cannot read %s\n", path.c_str());
      return 2;
    }
    std::printf("replay: %s\n", path.c_str());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    std::printf("  ok: %s\n", irpsim_fuzz_last_outcome().c_str());
  }
  std::printf("fuzz_replay: %zu input(s), no bug found\n", inputs.size());
  return 0;
}

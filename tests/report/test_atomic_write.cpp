#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/report/atomic_write.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// A fresh directory per test case, removed afterwards (parallel CTest runs never share it).
struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "irpsim-report-test-XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it)
    ++n;
  return n;
}

}  // namespace

TEST_CASE("write_file_atomically creates and replaces a file", "[atomic]") {
  TempDir d;
  const fs::path target = d.path / "summary.json";
  irpsim::report::write_file_atomically(target.string(), "{\"a\": 1}\n");
  CHECK(slurp(target) == "{\"a\": 1}\n");
  irpsim::report::write_file_atomically(target.string(), std::string(100000, 'x'));
  CHECK(slurp(target) == std::string(100000, 'x'));
  irpsim::report::write_file_atomically(target.string(), "");
  CHECK(slurp(target).empty());
  CHECK(entries(d.path) == 1);  // no temporaries left behind
  CHECK((fs::status(target).permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("write_file_atomically reports failures with the path and leaves nothing behind", "[atomic]") {
  TempDir d;
  const fs::path missing = d.path / "no-such-dir" / "out.json";
  CHECK_THROWS_WITH(irpsim::report::write_file_atomically(missing.string(), "x"),
                    Contains(missing.string()) && Contains("No such file or directory"));
  // Renaming a file over a non-empty directory fails after the temporary was written.
  const fs::path dir_target = d.path / "taken";
  fs::create_directories(dir_target / "inside");
  CHECK_THROWS_AS(irpsim::report::write_file_atomically(dir_target.string(), "x"), std::runtime_error);
  CHECK(entries(d.path) == 1);
}

TEST_CASE("ensure_directory creates nested directories and rejects files", "[atomic]") {
  TempDir d;
  const fs::path nested = d.path / "a" / "b" / "c";
  irpsim::report::ensure_directory(nested.string());
  CHECK(fs::is_directory(nested));
  irpsim::report::ensure_directory(nested.string());  // already there: fine
  const fs::path file = d.path / "plain";
  irpsim::report::write_file_atomically(file.string(), "x");
  CHECK_THROWS_WITH(irpsim::report::ensure_directory(file.string()), Contains(file.string()));
  CHECK_THROWS_WITH(irpsim::report::ensure_directory((file / "sub").string()), Contains("cannot create directory"));
}

// Every malformed case of the scenario tests (malformed_cases.hpp: the JSON Patch table, the raw texts and the case
// files) through the real irpsim binary: each is written to IRPSIM_MALFORMED_DIR as NNN-slug.json (kept: the fuzzer
// seeds its corpus from that folder), then `irpsim validate FILE` and `irpsim run FILE --out DIR` must both exit with
// 2, print the case's JSON pointer and message fragments on one line of stderr, print nothing on stdout, and leave DIR
// uncreated. The binary is started with posix_spawn, several at a time, with its output redirected to files.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "helpers.hpp"
#include "malformed_cases.hpp"

extern char** environ;

using namespace irpsim::test;
namespace fs = std::filesystem;

namespace {

// One line of stderr must start with "FILE: POINTER: " ("FILE: " for the pointer "") and contain every fragment of
// one of the alternatives.
struct Expectation {
  std::string pointer;
  std::vector<std::vector<std::string>> alternatives;
};

struct Document {
  std::string name;  // NNN-slug.json
  std::string text;
  std::vector<Expectation> expected;
};

std::string slug(std::string_view title) {
  std::string out;
  for (char c : title) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (alnum)
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out.substr(0, 60);
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

// Every malformed case, numbered in table order: patches, texts, case files.
std::vector<Document> all_documents() {
  std::vector<Document> docs;
  auto add = [&](const std::string& title, std::string text, std::vector<Expectation> expected) {
    char number[16];
    std::snprintf(number, sizeof number, "%03zu-", docs.size() + 1);
    docs.push_back({number + slug(title) + ".json", std::move(text), std::move(expected)});
  };
  for (const PatchCase& c : malformed_patch_cases())
    add(c.title, minimal_scenario().patch(json::parse(c.patch)).dump(2), {{c.pointer, {c.fragments}}});
  for (const TextCase& c : malformed_text_cases()) {
    Expectation e{c.pointer, {c.fragments}};
    if (!c.text_problem.empty())
      e.alternatives.push_back({c.text_problem});  // once the parser reports text_problem's message instead
    add(c.title, c.text, {e});
  }
  for (const FileCase& c : malformed_file_cases()) {
    const std::string file = c.file;
    const std::string title = "case file " + file.substr(0, file.size() - 5);
    if (docs.empty() || docs.back().name.find(slug(title)) == std::string::npos)
      add(title, read_bytes(repo_path("tests/scenario/cases/") + file), {});
    docs.back().expected.push_back({c.pointer, {{c.fragment}}});
  }
  return docs;
}

struct Run {
  std::vector<std::string> args;
  fs::path out, err;
  pid_t pid = -1;
  int exit_code = -1;  // 128 + the signal when it was killed by one
};

void start(Run& run) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, run.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, run.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (std::string& a : run.args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&run.pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("posix_spawn " + run.args[0] + ": " + std::strerror(rc));
}

void finish(Run& run) {
  int status = 0;
  while (waitpid(run.pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs them all, `parallel` at a time.
void run_all(std::vector<Run>& runs, std::size_t parallel) {
  for (std::size_t first = 0; first < runs.size(); first += parallel) {
    const std::size_t last = std::min(runs.size(), first + parallel);
    for (std::size_t i = first; i < last; ++i)
      start(runs[i]);
    for (std::size_t i = first; i < last; ++i)
      finish(runs[i]);
  }
}

// The stderr line for `e` in `err`, or "" when there is none.
std::string matching_line(const std::string& err, const std::string& file, const Expectation& e) {
  const std::string prefix = file + ": " + (e.pointer.empty() ? "" : e.pointer + ": ");
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) != 0)
      continue;
    const std::string message = line.substr(prefix.size());
    if (e.pointer.empty() && !message.empty() && message[0] == '/')
      continue;  // a problem at some pointer, not one of the whole document
    for (const auto& fragments : e.alternatives) {
      bool all = true;
      for (const std::string& f : fragments)
        all = all && message.find(f) != std::string::npos;
      if (all)
        return line;
    }
  }
  return "";
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "irpsim-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("every malformed case exits with 2 from irpsim validate and irpsim run", "[cli]") {
  const std::vector<Document> docs = all_documents();
  REQUIRE(docs.size() >= 60);
  const fs::path dir = IRPSIM_MALFORMED_DIR;
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(dir))  // cases renamed or dropped since the last run
    if (entry.path().extension() == ".json")
      fs::remove(entry.path());
  for (const Document& d : docs)
    write_bytes(dir / d.name, d.text);

  const TempDir tmp;
  std::vector<Run> runs;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string file = (dir / docs[i].name).string();
    const std::string stem = std::to_string(i);
    runs.push_back({{IRPSIM_BINARY, "validate", file}, tmp.path / (stem + "-validate.out"),
                    tmp.path / (stem + "-validate.err")});
    runs.push_back({{IRPSIM_BINARY, "run", file, "--out", (tmp.path / (stem + "-results")).string()},
                    tmp.path / (stem + "-run.out"), tmp.path / (stem + "-run.err")});
  }
  run_all(runs, 8);

  std::size_t passed = 0, assertions = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    const std::string file = (dir / d.name).string();
    bool ok = true;
    for (const Run* run : {&runs[2 * i], &runs[2 * i + 1]}) {
      INFO(d.name << ": irpsim " << run->args[1]);
      const std::string out = read_bytes(run->out), err = read_bytes(run->err);
      INFO("stderr:\n" << err.substr(0, 4000));
      CHECK(run->exit_code == 2);
      CHECK(out.empty());
      ok = ok && run->exit_code == 2 && out.empty();
      for (const Expectation& e : d.expected) {
        INFO("expected at \"" << e.pointer << "\": " << e.alternatives.front().front());
        const bool found = !matching_line(err, file, e).empty();
        CHECK(found);
        ok = ok && found;
        ++assertions;
      }
      if (run->args[1] == "run") {
        const bool created = fs::exists(run->args[4]);
        CHECK_FALSE(created);
        ok = ok && !created;
      }
    }
    passed += ok ? 1 : 0;
  }
  INFO(passed << " of " << docs.size() << " malformed documents, " << assertions << " pointer checks");
  CHECK(passed == docs.size());
}

TEST_CASE("valid documents exit with 0 from irpsim validate", "[cli]") {
  // The checks above would pass for a binary that rejects everything: the minimal scenario, also after a UTF-8 byte
  // order mark, is valid.
  const TempDir tmp;
  const std::string doc = minimal_scenario().dump(2);
  std::vector<Run> runs;
  for (const auto& [name, text] : {std::pair{"minimal.json", doc}, std::pair{"with-bom.json", "\xEF\xBB\xBF" + doc}}) {
    write_bytes(tmp.path / name, text);
    runs.push_back({{IRPSIM_BINARY, "validate", (tmp.path / name).string()}, tmp.path / (std::string(name) + ".out"),
                    tmp.path / (std::string(name) + ".err")});
  }
  run_all(runs, 2);
  for (const Run& run : runs) {
    INFO(run.args[2] << ": " << read_bytes(run.err));
    CHECK(run.exit_code == 0);
    CHECK(read_bytes(run.out).empty());
    CHECK(read_bytes(run.err) == run.args[2] + ": ok\n");
  }
}

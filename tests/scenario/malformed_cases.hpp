// The malformed scenarios of the tests, in three tables: JSON Patches breaking the minimal scenario in one place
// (malformed_format_cases.cpp, malformed_range_cases.cpp), raw texts that are not valid JSON or not UTF-8 (test_text_and_files.cpp) and the files in
// tests/scenario/cases/ (test_text_and_files.cpp). Each case names the JSON pointer its problem is reported at ("" for
// the whole document) and fragments of the message. The tests in those files check each case through the parser API;
// test_cli_exit_codes.cpp writes every case to a file and checks it through the irpsim binary (exit code 2, the
// pointer and the first fragment on stderr, nothing on stdout, no results folder).
#pragma once
#include <string>
#include <vector>

namespace irpsim::test {

// A JSON Patch (RFC 6902) applied to minimal_scenario().
struct PatchCase {
  const char* title;
  std::string patch;
  const char* pointer;
  std::vector<std::string> fragments;  // all must appear in the message
  bool only = true;                    // the only issue reported
};
const std::vector<PatchCase>& malformed_patch_cases();  // the two tables below, in order
std::vector<PatchCase> malformed_format_cases();
std::vector<PatchCase> malformed_range_cases();

// Raw bytes. parse_scenario_text reports the problem at `pointer` with every one of `fragments`, or, for the text
// problems detail::text_problem finds (encodings, bytes that are not UTF-8, NUL bytes, a file of only a byte order
// mark), with `text_problem`: that function's message, which is the clearer one once the parser calls it before
// parsing JSON (see its comment). `text_problem` is empty when the function finds nothing wrong with the text.
struct TextCase {
  std::string title;
  std::string text;
  std::string pointer;
  std::vector<std::string> fragments;
  std::string text_problem;
};
const std::vector<TextCase>& malformed_text_cases();

// A file of tests/scenario/cases/ and one problem it must be reported with (a file may have several entries).
struct FileCase {
  const char* file;
  const char* pointer;
  const char* fragment;
};
const std::vector<FileCase>& malformed_file_cases();

}  // namespace irpsim::test

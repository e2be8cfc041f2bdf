// JSON text and files: syntax errors with line and column, empty and truncated input, encodings and bytes that are
// not UTF-8, NUL bytes, numbers too large for a double, deep nesting, duplicate keys, unreadable files. The tables of
// malformed texts and case files are also run through the irpsim binary by test_cli_exit_codes.cpp.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "helpers.hpp"
#include "malformed_cases.hpp"
#include "sim/scenario/json_reader.hpp"

using namespace irpsim::test;
using irpsim::scenario::load_scenario_file;
using irpsim::scenario::ScenarioError;
using irpsim::scenario::detail::text_problem;

namespace {

// "line L, column C" of the byte at `offset`, both 1-based, columns in bytes (as the JSON parser counts).
std::string position(const std::string& text, std::size_t offset) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// Where `what` starts in `text`; throws when it is not there (a broken table, not a parser problem).
std::size_t offset_of(const std::string& text, const std::string& what) {
  const std::size_t at = text.find(what);
  if (at == std::string::npos)
    throw std::logic_error("malformed_text_cases: \"" + what + "\" not found");
  return at;
}

// `text` with its first `what` replaced by `by`.
std::string with(std::string text, const std::string& what, const std::string& by) {
  text.replace(offset_of(text, what), what.size(), by);
  return text;
}

// UTF-16 of ASCII text (the scenario is ASCII): each byte with a zero byte after (little-endian) or before it.
std::string utf16(const std::string& ascii, bool little_endian) {
  std::string out;
  for (char c : ascii)
    out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
  return out;
}

}  // namespace

const std::vector<TextCase>& irpsim::test::malformed_text_cases() {
  static const std::vector<TextCase> all = [] {
    const std::string doc = minimal_scenario().dump(2);  // several lines, keys in order: the offsets below are stable
    const std::string name = "\"name\": \"minimal\"";
    const std::string bom = "\xEF\xBB\xBF";
    std::vector<TextCase> c;
    // Empty files
    c.push_back({"empty file", "", "", {"expected a JSON document, found an empty file"},
                 "expected a JSON document, found an empty file"});
    c.push_back({"only whitespace", " \n\t\r\n ", "", {"expected a JSON document, found an empty file"},
                 "expected a JSON document, found an empty file"});
    c.push_back({"only a byte order mark", bom, "", {"syntax error", "line 1, column 4", "unexpected end of input"},
                 "expected a JSON document, found an empty file (only a byte order mark)"});
    c.push_back({"a byte order mark and whitespace", bom + "\n  \n", "", {"syntax error", "unexpected end of input"},
                 "expected a JSON document, found an empty file (only a byte order mark)"});
    c.push_back({"two byte order marks", bom + bom + doc, "", {"syntax error", "line 1, column 4", "invalid literal"},
                 ""});
    // Other encodings
    c.push_back({"UTF-16LE with a byte order mark", "\xFF\xFE" + utf16(doc, true), "",
                 {"syntax error", "line 1, column 1", "invalid literal"},
                 "expected UTF-8 text, found a UTF-16 byte order mark (save the file as UTF-8)"});
    c.push_back({"UTF-16BE with a byte order mark", "\xFE\xFF" + utf16(doc, false), "",
                 {"syntax error", "line 1, column 1", "invalid literal"},
                 "expected UTF-8 text, found a UTF-16 byte order mark (save the file as UTF-8)"});
    c.push_back({"UTF-16LE without a byte order mark", utf16(doc, true), "", {"syntax error", "line 1, column 2"},
                 "expected UTF-8 text, found a NUL byte at line 1, column 2 (UTF-16 text, or not a text file: save it "
                 "as UTF-8)"});
    c.push_back({"UTF-16BE without a byte order mark", utf16(doc, false), "", {"syntax error", "line 1, column 1"},
                 "expected UTF-8 text, found a NUL byte at line 1, column 1"});
    c.push_back({"UTF-32LE with a byte order mark", std::string("\xFF\xFE\0\0", 4) + "{", "",
                 {"syntax error", "line 1, column 1"}, "expected UTF-8 text, found a UTF-32 byte order mark"});
    // Bytes that are not UTF-8: the JSON parser names the position of the bad byte, or the one after it
    struct Bad {
      const char* title;
      const char* bytes;  // put into the scenario name, or before "stop" (outside strings)
      bool in_string;
      const char* hex;
      const char* parser;  // what the JSON parser says
    };
    const Bad bad[] = {
        {"a 0xFF byte in a string", "\xFF", true, "0xFF", "ill-formed UTF-8 byte"},
        {"a Latin-1 e-acute in a string", "\xE9", true, "0xE9", "ill-formed UTF-8 byte"},
        {"a lone continuation byte in a string", "\x80", true, "0x80", "ill-formed UTF-8 byte"},
        {"an overlong slash in a string", "\xC0\xAF", true, "0xC0", "ill-formed UTF-8 byte"},
        {"an encoded surrogate in a string", "\xED\xA0\x80", true, "0xED", "ill-formed UTF-8 byte"},
        {"a code point above U+10FFFF in a string", "\xF4\x90\x80\x80", true, "0xF4", "ill-formed UTF-8 byte"},
        {"a 0xF5 byte in a string", "\xF5\x80\x80\x80", true, "0xF5", "ill-formed UTF-8 byte"},
        {"a 0xFF byte outside strings", "\xFF", false, "0xFF", "invalid literal"},
        {"a Windows-1252 quote outside strings", "\x93", false, "0x93", "invalid literal"},
    };
    for (const Bad& b : bad) {
      const std::string text = b.in_string ? with(doc, name, "\"name\": \"mini" + std::string(b.bytes) + "mal\"")
                                           : with(doc, "\"stop\"", std::string(b.bytes) + "\"stop\"");
      const std::size_t at = b.in_string ? offset_of(doc, name) + 13 : offset_of(doc, "\"stop\"");
      const std::string where = position(text, at);
      const std::string line = where.substr(0, where.find(','));  // the parser's column may be the next byte's
      c.push_back({b.title, text, "", {"syntax error", b.parser, line},
                   "expected UTF-8 text, found the byte " + std::string(b.hex) + " at " + where +
                       ", which is not UTF-8 (save the file as UTF-8)"});
    }
    {
      const std::string text = doc.substr(0, offset_of(doc, name) + 13) + "\xC3";
      c.push_back({"a UTF-8 sequence cut by the end of the file", text, "", {"syntax error"},
                   "expected UTF-8 text, found the byte 0xC3 at " + position(text, text.size() - 1)});
    }
    // NUL bytes
    c.push_back({"a file of NUL bytes", std::string(64, '\0'), "", {"syntax error", "line 1, column 1"},
                 "expected UTF-8 text, found a NUL byte at line 1, column 1"});
    {
      const std::string text = with(doc, ": 1000", std::string(": \0", 3));
      c.push_back({"a NUL byte for a value", text, "", {"syntax error"},
                   "expected UTF-8 text, found a NUL byte at " + position(text, offset_of(doc, ": 1000") + 2)});
    }
    {
      const std::string text = with(doc, name, std::string("\"name\": \"mini\0mal\"", 17));
      c.push_back({"a NUL byte in a string", text, "", {"syntax error", "U+0000"},
                   "expected UTF-8 text, found a NUL byte at " + position(text, offset_of(doc, name) + 13)});
    }
    // Valid UTF-8 JSON with characters the format refuses
    c.push_back({"an escaped NUL in the name", with(doc, name, "\"name\": \"mini\\u0000mal\""), "/name",
                 {"expected a name of letters, digits", "found \"mini\\u0000mal\""}, ""});
    c.push_back({"a lone high surrogate escape", with(doc, name, "\"name\": \"\\ud800\""), "",
                 {"syntax error", "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF"}, ""});
    c.push_back({"a lone low surrogate escape", with(doc, name, "\"name\": \"\\udc00\""), "",
                 {"syntax error", "surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"}, ""});
    c.push_back({"a raw tab in a string", with(doc, name, "\"name\": \"mini\tmal\""), "",
                 {"syntax error", "control character U+0009 (HT) must be escaped"}, ""});
    c.push_back({"a raw line break in a string", with(doc, name, "\"name\": \"mini\nmal\""), "",
                 {"syntax error", "control character U+000A (LF) must be escaped"}, ""});
    // Truncated files
    const auto cut = [&](const std::string& title, std::size_t length, const std::string& parser) {
      const std::string text = doc.substr(0, length);
      c.push_back({title, text, "", {"syntax error", parser}, ""});
    };
    cut("truncated in a string", offset_of(doc, "\"ssd0\"") + 3, "missing closing quote");
    cut("truncated in a key", offset_of(doc, "\"stacks\"") + 4, "missing closing quote");
    cut("truncated in a number", offset_of(doc, ": 1000") + 4, "unexpected end of input");
    cut("truncated in a literal", offset_of(doc, "true") + 2, "invalid literal");
    cut("truncated after a colon", offset_of(doc, ": 1000") + 1, "unexpected end of input");
    cut("truncated after a comma", offset_of(doc, name) + name.size() + 1, "unexpected end of input");
    cut("truncated before the last brace", doc.rfind('}'), "unexpected end of input");
    cut("truncated to half", doc.size() / 2, "syntax error");
    c.push_back({"only an opening brace", "{", "", {"syntax error", "line 1, column 2"}, ""});
    // Deep nesting: the JSON parser and the checks are iterative, so 100000 levels are an error, not a crash
    const std::string deep_arrays = std::string(100000, '[') + std::string(100000, ']');
    c.push_back({"100000 nested arrays", deep_arrays, "", {"expected a scenario object", "found an array"}, ""});
    c.push_back({"100000 unclosed arrays", std::string(100000, '['), "",
                 {"syntax error", "line 1, column 100001", "unexpected end of input"}, ""});
    {
      std::string deep_objects;
      for (int i = 0; i < 100000; ++i)
        deep_objects += "{\"a\":";
      deep_objects += "1" + std::string(100000, '}');
      c.push_back({"100000 nested objects", deep_objects, "/a", {"found the unknown key \"a\""}, ""});
    }
    c.push_back({"100000 nested arrays as the description", with(doc, name, name + ", \"description\": " + deep_arrays),
                 "/description", {"expected a string, found an array"}, ""});
    c.push_back({"100000 nested arrays as a host", with(doc, "[\n    {\n      \"name\": \"cpu0\"\n    }\n  ]",
                                                        "[" + deep_arrays + "]"),
                 "/hosts/0", {"expected a host object, found an array"}, ""});
    // Numbers
    c.push_back({"a queue depth of 1e400", with(doc, "\"queue_depth\": 1", "\"queue_depth\": 1e400"), "",
                 {"expected valid JSON", "number overflow parsing '1e400'"}, ""});
    c.push_back({"a queue depth of minus 1e400", with(doc, "\"queue_depth\": 1", "\"queue_depth\": -1e400"), "",
                 {"expected valid JSON", "number overflow parsing '-1e400'"}, ""});
    c.push_back({"an integer of 400 digits", with(doc, ": 1000", ": 1" + std::string(399, '0')), "",
                 {"expected valid JSON", "number overflow parsing '1000000"}, ""});
    c.push_back({"a queue depth of 1e-400", with(doc, "\"queue_depth\": 1", "\"queue_depth\": 1e-400"),
                 "/workloads/0/queue_depth", {"expected an integer >= 1, found 0.0"}, ""});
    c.push_back({"a seed of 2^64", with(doc, name, name + ", \"seed\": 18446744073709551616"), "/seed",
                 {"expected an integer from 0 to 18446744073709551615, found 1.8446744073709552e+19"}, ""});
    c.push_back({"a hex number", with(doc, "\"queue_depth\": 1", "\"queue_depth\": 0x10"), "",
                 {"syntax error", "invalid literal"}, ""});
    c.push_back({"a number with a leading zero", with(doc, "\"queue_depth\": 1", "\"queue_depth\": 01"), "",
                 {"syntax error"}, ""});
    c.push_back({"a NaN literal", with(doc, "\"queue_depth\": 1", "\"queue_depth\": NaN"), "",
                 {"syntax error", "invalid literal"}, ""});
    c.push_back({"an Infinity literal", with(doc, "\"queue_depth\": 1", "\"queue_depth\": Infinity"), "",
                 {"syntax error", "invalid literal"}, ""});
    // Not JSON, or JSON that is not a scenario
    c.push_back({"a trailing comma", with(doc, "\"requests\": 1000", "\"requests\": 1000,"), "",
                 {"syntax error", "expected string literal"}, ""});
    c.push_back({"a comment", "// a scenario\n" + doc, "", {"syntax error", "line 1, column 1"}, ""});
    c.push_back({"single quotes", with(doc, name, "'name': 'minimal'"), "", {"syntax error", "invalid literal"}, ""});
    c.push_back({"two documents", doc + "\n" + doc, "", {"syntax error", "expected end of input"}, ""});
    c.push_back({"a key written twice", with(doc, name, name + ", \"name\": \"other\""), "/name",
                 {"expected each key once per object, found \"name\" again"}, ""});
    c.push_back({"an array at the top", "[" + doc + "]", "", {"expected a scenario object", "found an array"}, ""});
    c.push_back({"a string at the top", "\"scenario\"", "", {"expected a scenario object", "found \"scenario\""}, ""});
    c.push_back({"null at the top", "null", "", {"expected a scenario object", "found null"}, ""});
    return c;
  }();
  return all;
}

const std::vector<FileCase>& irpsim::test::malformed_file_cases() {
  static const std::vector<FileCase> all{
      {"empty.json", "", "found an empty file"},
      {"syntax-error.json", "", "line 4, column 9"},
      {"unknown-key.json", "/workloads/0/queue_dept", "did you mean \"queue_depth\"?"},
      {"bad-topology.json", "/stacks/0/drivers/1", "expected a driver with role \"bus\" at the bottom"},
      {"bad-units.json", "/workloads/0/rate", "found \"8k\" (unknown unit \"k\")"},
      {"bad-units.json", "/workloads/0/mix/0/size", "found \"4kb\" (unknown unit \"kb\")"},
      {"bad-units.json", "/devices/0/latency/default/mean", "found \"100\" (no unit)"},
      {"bad-framework-keys.json", "/drivers/1/policies/internal_ioctl/chunk",
       "expected no \"chunk\" with action \"forward\""},
      {"bad-framework-keys.json", "/drivers/3/queues/0", "the required key \"retrieve_every\" for a manual queue"},
      {"bad-framework-keys.json", "/drivers/2/targets/0/name", "expected a target name other than \"lower\""},
      {"bad-framework-keys.json", "/events/1", "the required key \"sent_io\" for op \"stop\""},
      {"bad-cpu-keys.json", "/drivers/0/locks/0/steps",
       "expected at least one of \"dispatch\", \"completion\" (a lock no step takes is never taken)"},
      {"bad-cpu-keys.json", "/devices/1/interrupt/cores", "found \"bogus\""},
      {"bad-cpu-keys.json", "/workloads/1/threads", "expected an integer from 1 to 65536, found 0"},
      {"bad-cpu-keys.json", "/workloads/2/cpus", "expected a non-empty array of core indices"},
  };
  return all;
}

TEST_CASE("syntax errors give line and column", "[text]") {
  const auto issues = issues_of_text("{\n  \"schema_version\": 1,\n  \"name\": \"x\",,\n}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].message.find("expected valid JSON, found a syntax error") != std::string::npos);
  CHECK(issues[0].message.find("line 3, column 15") != std::string::npos);
}

TEST_CASE("truncated and trailing text are syntax errors", "[text]") {
  CHECK(find_issue(issues_of_text("{\"name\": \"x\""), "", {"syntax error", "line 1"}));
  CHECK(find_issue(issues_of_text("{} {}"), "", {"syntax error", "line 1, column 4"}));
  CHECK(find_issue(issues_of_text("{\"a\": tru}"), "", {"syntax error"}));
  CHECK(find_issue(issues_of_text("{\"a\": 1} // comment"), "", {"syntax error"}));
}

TEST_CASE("empty input", "[text]") {
  for (const char* text : {"", "  \n\t "}) {
    const auto issues = issues_of_text(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].message == "expected a JSON document, found an empty file");
  }
}

TEST_CASE("numbers too large for a double", "[text]") {
  const auto issues = issues_of_text("{\"seed\": 1e400}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("expected valid JSON") != std::string::npos);
  CHECK(issues[0].message.find("1e400") != std::string::npos);
}

TEST_CASE("duplicate keys are errors, with the other problems", "[text]") {
  json document = minimal_scenario();
  std::string text = document.dump();
  // Write "channels" twice in the device, and break something else too.
  const std::string device = "{\"latency\":";
  REQUIRE(text.find(device) != std::string::npos);
  text.replace(text.find(device), 1, "{\"channels\": 2, \"channels\": 0, ");
  const auto issues = issues_of_text(text);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/devices/0/channels", {"expected each key once per object, found \"channels\" again"}));
  CHECK(find_issue(issues, "/devices/0/channels", {"expected an integer >= 1, found 0"}));
  CHECK(issues.size() == 2);
}

TEST_CASE("duplicate keys deep in arrays get the right pointer", "[text]") {
  const auto issues = issues_of_text(R"({"a": [1, {"b": [[], {"c": 1, "c": 2}]}], "a2": 0})");
  CHECK(find_issue(issues, "/a/1/b/1/c", {"found \"c\" again"}));
}

TEST_CASE("files that cannot be read", "[files]") {
  try {
    load_scenario_file("/nonexistent/irpsim/none.json");
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.source == "/nonexistent/irpsim/none.json");
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].message == "cannot read the file: No such file or directory");
  }
  try {
    load_scenario_file(repo_path("scenarios"));
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.issues.at(0).message == "expected a scenario file, found a directory");
  }
}

TEST_CASE("malformed case files", "[files]") {
  for (const FileCase& c : malformed_file_cases()) {
    INFO(c.file);
    try {
      load_scenario_file(repo_path("tests/scenario/cases/") + c.file);
      FAIL("accepted");
    } catch (const ScenarioError& e) {
      INFO(e.what());
      CHECK(find_issue(e.issues, c.pointer, {c.fragment}));
    }
  }
}

TEST_CASE("each malformed text is reported at its pointer", "[text]") {
  REQUIRE(malformed_text_cases().size() >= 50);
  for (const TextCase& c : malformed_text_cases()) {
    INFO(c.title);
    const auto issues = issues_of_text(c.text);
    INFO("issues:\n" << listing(issues));
    // The JSON parser's report, or text_problem's once the parser calls it first.
    const bool reported = find_issue(issues, c.pointer, c.fragments) != nullptr ||
                          (!c.text_problem.empty() && find_issue(issues, c.pointer, {c.text_problem}) != nullptr);
    CHECK(reported);
  }
}

TEST_CASE("text_problem names the encoding, the byte and its position", "[text]") {
  for (const TextCase& c : malformed_text_cases()) {
    INFO(c.title);
    const auto problem = text_problem(c.text);
    if (c.text_problem.empty()) {
      CHECK_FALSE(problem);
    } else {
      REQUIRE(problem);
      CHECK(problem->find(c.text_problem) != std::string::npos);
      INFO(*problem);
      CHECK(problem->rfind("expected ", 0) == 0);
    }
  }
}

TEST_CASE("text_problem accepts UTF-8 and refuses what is not", "[text]") {
  // The first and last code points of each sequence length, around the surrogates, and a byte order mark.
  for (const char* ok : {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
                         "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9D\x84\x9E"}) {
    INFO(ok);
    CHECK_FALSE(text_problem(std::string("{\"d\": \"") + ok + "\"}"));
    CHECK_FALSE(text_problem(std::string("\xEF\xBB\xBF{\"d\": \"") + ok + "\"}"));
  }
  // Overlong forms, surrogates, above U+10FFFF, cut sequences, stray continuation bytes.
  for (const char* bad : {"\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x8F\xBF\xBF",
                          "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xE2\x82", "\xBF", "\xC3("}) {
    INFO(bad);
    const auto problem = text_problem(std::string("{\"d\":\n \"") + bad + "\"}");
    REQUIRE(problem);
    CHECK(problem->find("which is not UTF-8") != std::string::npos);
    CHECK(problem->find("at line 2, column 3") != std::string::npos);
  }
  CHECK_FALSE(text_problem("{}"));
  CHECK(*text_problem("{\n\n  \x85}") == "expected UTF-8 text, found the byte 0x85 at line 3, column 3, which is not "
                                          "UTF-8 (save the file as UTF-8)");
}

TEST_CASE("a UTF-8 byte order mark and UTF-8 text are accepted", "[text]") {
  // nlohmann's parser skips it; editors on Windows write it.
  const std::string doc = minimal_scenario().dump(2);
  const auto issues = issues_of_text("\xEF\xBB\xBF" + doc);
  INFO(listing(issues));
  CHECK(issues.empty());
  const std::string name = "\"name\": \"minimal\"";
  const std::string description = ", \"description\": \"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9D\x84\x9E\"";  // 2, 3 and 4 bytes
  CHECK(issues_of_text(with(doc, name, name + description)).empty());
}

#include "sim/cli/json_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& source, std::string pointer, std::string message) {
  throw scenario::ScenarioError(source, {{std::move(pointer), std::move(message)}});
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string without_prefix(const char* what) {
  std::string text(what);
  if (const auto end = text.find("] "); !text.empty() && text[0] == '[' && end != std::string::npos)
    text.erase(0, end + 2);
  return text;
}

// Deeper nesting is refused: ordered_json keeps an object's members in a std::vector, which copies them (recursively,
// as their move may throw) when it grows, so a member nested 100000 deep overflowed the stack.
constexpr std::size_t kMaxDepth = 512;

// Records keys written twice in one object while the parser runs, with the pointer of the second one; and where the
// nesting first goes deeper than kMaxDepth, after which nothing more is kept.
class DuplicateKeyFinder {
public:
  explicit DuplicateKeyFinder(std::vector<scenario::ScenarioIssue>& found) : found_(found) {}
  const std::optional<std::string>& too_deep_at() const { return too_deep_at_; }

  bool operator()(int /*depth*/, ojson::parse_event_t event, ojson& parsed) {
    if (too_deep_at_)
      return false;  // discard everything: the document is refused
    switch (event) {
      case ojson::parse_event_t::object_start:
      case ojson::parse_event_t::array_start:
        if (!frames_.empty())
          path_.push_back(frames_.back().is_object ? frames_.back().key : std::to_string(frames_.back().index));
        if (frames_.size() >= kMaxDepth) {
          nlohmann::json::json_pointer at;
          for (const std::string& segment : path_)
            at /= segment;
          too_deep_at_ = at.to_string();
          return false;
        }
        frames_.push_back({event == ojson::parse_event_t::object_start, {}, {}, 0});
        break;
      case ojson::parse_event_t::object_end:
      case ojson::parse_event_t::array_end:
        frames_.pop_back();
        if (!path_.empty())
          path_.pop_back();
        element_done();
        break;
      case ojson::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) {
          nlohmann::json::json_pointer at;
          for (const std::string& segment : path_)
            at /= segment;
          found_.push_back({(at / f.key).to_string(), "expected each key once per object, found " +
                                                          scenario::detail::quote(f.key) + " again (JSON parsers "
                                                          "would silently keep only one of them)"});
        }
        break;
      }
      case ojson::parse_event_t::value:
        element_done();
        break;
    }
    return true;
  }

private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };
  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object)
      ++frames_.back().index;
  }
  std::vector<scenario::ScenarioIssue>& found_;
  std::optional<std::string> too_deep_at_;
  std::vector<Frame> frames_;
  std::vector<std::string> path_;
};

}  // namespace

ojson parse_json_text(std::string_view text, const std::string& source) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    fail(source, "", "expected a JSON document, found an empty file");
  std::vector<scenario::ScenarioIssue> duplicates;
  ojson document;
  try {
    DuplicateKeyFinder finder(duplicates);
    document = ojson::parse(text.begin(), text.end(), std::ref(finder));
    if (finder.too_deep_at())
      fail(source, *finder.too_deep_at(), "expected at most " + std::to_string(kMaxDepth) +
                                              " levels of nested arrays and objects, found deeper ones");
  } catch (const ojson::parse_error& e) {
    fail(source, "", "expected valid JSON, found a syntax error: " + without_prefix(e.what()));
  } catch (const ojson::exception& e) {
    fail(source, "", "expected valid JSON, found: " + without_prefix(e.what()));
  }
  if (!duplicates.empty())
    throw scenario::ScenarioError(source, std::move(duplicates));
  return document;
}

std::string read_text_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw std::runtime_error(path + ": expected a file, found a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot read the file: " + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad())
    throw std::runtime_error(path + ": cannot read the file: " + std::strerror(errno));
  return content.str();
}

ojson read_json_file(const std::string& path) {
  std::string text;
  try {
    text = read_text_file(path);
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    message.erase(0, path.size() + 2);  // read_text_file's "PATH: " prefix; the source names the path
    fail(path, "", message);
  }
  return parse_json_text(text, path);
}

nlohmann::json to_plain_json(const ojson& document) { return nlohmann::json(document); }

}  // namespace irpsim::cli

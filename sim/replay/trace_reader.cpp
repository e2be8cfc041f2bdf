// TraceReader: one trace file, line by line, through its format's parser; the header, over-long lines and the time
// order of requests are handled here, the same for every format (trace_reader.hpp).
#include "sim/replay/trace_reader.hpp"

#include <array>
#include <utility>

#include "sim/replay/format_parser.hpp"
#include "sim/replay/line_parsing.hpp"
#include "sim/replay/line_source.hpp"

namespace irpsim::replay {
namespace {

constexpr std::array<std::pair<TraceFormat, std::string_view>, 4> kFormatNames{{
    {TraceFormat::CSV, "csv"},
    {TraceFormat::FIO_IOLOG, "fio_iolog"},
    {TraceFormat::BLKPARSE, "blkparse"},
    {TraceFormat::DISKSIM, "disksim"},
}};

std::string located(const std::string& path, std::uint64_t line, const std::string& message) {
  return line == 0 ? path + ": " + message : path + " line " + std::to_string(line) + ": " + message;
}

std::unique_ptr<detail::FormatParser> make_parser(TraceFormat format, const TraceSelection& selection) {
  switch (format) {
    case TraceFormat::CSV: return detail::make_csv_parser();
    case TraceFormat::FIO_IOLOG: return detail::make_fio_iolog_parser(selection);
    case TraceFormat::BLKPARSE: return detail::make_blkparse_parser(selection);
    case TraceFormat::DISKSIM: return detail::make_disksim_parser(selection);
  }
  return detail::make_csv_parser();
}

std::string too_long_text() { return "a line of more than " + std::to_string(kMaxLineBytes) + " bytes"; }

}  // namespace

std::string_view format_name(TraceFormat f) {
  for (const auto& [format, name] : kFormatNames)
    if (format == f)
      return name;
  return "?";
}

std::optional<TraceFormat> parse_format(std::string_view name) {
  for (const auto& [format, known] : kFormatNames)
    if (known == name)
      return format;
  return std::nullopt;
}

TraceFileError::TraceFileError(const std::string& path, std::uint64_t line_number, const std::string& problem)
    : std::runtime_error(located(path, line_number, problem)), line(line_number), message(problem) {}

struct TraceReader::State {
  detail::LineSource source;
  std::unique_ptr<detail::FormatParser> parser;
  bool have_request = false;
  double last_request_s = 0;
  State(const std::string& path, std::unique_ptr<detail::FormatParser> p) : source(path), parser(std::move(p)) {}
};

TraceReader::TraceReader(const std::string& path, TraceFormat format, TraceSelection selection)
    : path_(path), format_(format), state_(std::make_unique<State>(path, make_parser(format, selection))) {
  detail::FormatParser& parser = *state_->parser;
  if (!parser.has_header())
    return;
  const std::string expected = "expected " + std::string(parser.header_expected()) + ", found ";
  detail::Line line;
  for (;;) {
    if (!state_->source.next(line))
      throw TraceFileError(path_, state_->source.lines() + 1, expected + "the end of the file");
    if (line.too_long)
      throw TraceFileError(path_, line.number, expected + too_long_text());
    switch (parser.header_line(line.text)) {
      case detail::FormatParser::HeaderStep::BEFORE_HEADER: continue;
      case detail::FormatParser::HeaderStep::ACCEPTED: return;
      case detail::FormatParser::HeaderStep::WRONG:
        throw TraceFileError(path_, line.number, expected + detail::quote(line.text));
    }
  }
}

TraceReader::~TraceReader() = default;

std::uint64_t TraceReader::lines_read() const { return state_->source.lines(); }

std::optional<TraceEntry> TraceReader::next() {
  State& s = *state_;
  detail::Line line;
  while (s.source.next(line)) {
    TraceEntry entry;
    entry.line = line.number;
    if (line.too_long) {
      if (s.parser->records_ended())
        continue;
      entry.kind = TraceEntry::Kind::MALFORMED;
      entry.problem = "expected a line of at most " + std::to_string(kMaxLineBytes) + " bytes, found " +
                      too_long_text() + " starting " + detail::quote(line.text);
      return entry;
    }
    if (!s.parser->parse(line.text, entry))
      continue;
    if (entry.kind == TraceEntry::Kind::REQUEST) {
      const double t = entry.record.time_s + 0.0;  // + 0.0: -0 becomes 0
      if (s.have_request && t < s.last_request_s) {
        entry.kind = TraceEntry::Kind::MALFORMED;
        entry.problem = "expected a time >= " + detail::seconds_text(s.last_request_s) +
                        " s (the previous request's: traces are replayed in file order), found " +
                        detail::seconds_text(t) + " s";
        return entry;
      }
      entry.record.time_s = t;
      s.have_request = true;
      s.last_request_s = t;
    }
    return entry;
  }
  return std::nullopt;
}

}  // namespace irpsim::replay

// What each trace format implements, and the factory of each (internal to irpsim_replay). TraceReader owns the
// file, the line numbers, over-long lines and the time order of requests; a format parser only turns the text of one
// line into a record, a skip, a problem or nothing.
#pragma once
#include <memory>
#include <string_view>

#include "sim/replay/trace_reader.hpp"

namespace irpsim::replay::detail {

class FormatParser {
public:
  virtual ~FormatParser() = default;

  // Formats with a header (CSV, fio) are given the lines from line 1 until they return ACCEPTED or WRONG.
  enum class HeaderStep { BEFORE_HEADER, ACCEPTED, WRONG };
  virtual bool has_header() const { return false; }
  virtual HeaderStep header_line(std::string_view /*line*/) { return HeaderStep::ACCEPTED; }
  // What the header should be, for "expected ..., found ..." (e.g. "a header such as time_us,type,...").
  virtual std::string_view header_expected() const { return {}; }

  // One line after the header: false when it is not a record (blank, comment, summary); otherwise fills the
  // entry's kind and its record, skip reason or problem (the reader sets the line number and checks time order).
  virtual bool parse(std::string_view line, TraceEntry& entry) = 0;
  // True once no later line can be a record (blkparse's closing summary): over-long lines are then ignored too.
  virtual bool records_ended() const { return false; }
};

std::unique_ptr<FormatParser> make_csv_parser();
std::unique_ptr<FormatParser> make_fio_iolog_parser(const TraceSelection& selection);
std::unique_ptr<FormatParser> make_blkparse_parser(const TraceSelection& selection);
std::unique_ptr<FormatParser> make_disksim_parser(const TraceSelection& selection);

}  // namespace irpsim::replay::detail

// take_census: one pass of a TraceReader over the whole file, counting what becomes of every record
// (trace_census.hpp).
#include "sim/replay/trace_census.hpp"

namespace irpsim::replay {

TraceCensus take_census(const std::string& path, TraceFormat format, const TraceSelection& selection) {
  TraceCensus census;
  TraceReader reader(path, format, selection);
  while (std::optional<TraceEntry> entry = reader.next()) {
    ++census.records;
    switch (entry->kind) {
      case TraceEntry::Kind::REQUEST:
        if (census.requests == 0)
          census.first_request_s = entry->record.time_s;
        census.last_request_s = entry->record.time_s;
        ++census.requests;
        break;
      case TraceEntry::Kind::SKIPPED: {
        ++census.skipped;
        const auto it = census.skipped_by_reason.find(entry->skip_reason);
        if (it != census.skipped_by_reason.end())
          ++it->second;
        else
          census.skipped_by_reason.emplace(std::string(entry->skip_reason), 1);
        break;
      }
      case TraceEntry::Kind::MALFORMED:
        ++census.malformed;
        if (census.first_malformed.size() < TraceCensus::kKeptProblems)
          census.first_malformed.push_back(MalformedLine{entry->line, std::move(entry->problem)});
        break;
    }
  }
  census.lines = reader.lines_read();
  return census;
}

}  // namespace irpsim::replay

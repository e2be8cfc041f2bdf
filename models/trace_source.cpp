#include "models/trace_source.hpp"

namespace irpsim::models {

TraceSource::TraceSource(const scenario::TraceSpec& spec)
    : spec_(spec), reader_(spec.path, spec.format, spec.selection) {}

std::optional<TracedRequest> TraceSource::next() {
  while (!ended_) {
    std::optional<replay::TraceEntry> entry;
    try {
      entry = reader_.next();
    } catch (const replay::TraceFileError& e) {
      read_error_ = e.what();
      entry.reset();
    }
    if (!entry) {
      ended_ = true;
      break;
    }
    if (entry->kind != replay::TraceEntry::Kind::REQUEST)
      continue;
    const replay::TraceRecord& r = entry->record;
    TracedRequest t;
    t.request = IssuedRequest{r.type, r.length_bytes, r.offset_bytes, r.ioctl_code};
    t.issue_time_s = spec_.issue_time_s(r.time_s);
    return t;
  }
  return std::nullopt;
}

}  // namespace irpsim::models

// The census of each shipped sample trace is exactly what scenarios/traces/README.md says (keep the two in step).
#include <catch2/catch.hpp>

#include "sim/replay/trace_census.hpp"
#include "tests/replay/trace_test_files.hpp"

using namespace irpsim::replay;

namespace {

using Reasons = std::map<std::string, std::uint64_t, std::less<>>;

struct Expected {
  std::uint64_t lines, records, requests, skipped;
  Reasons reasons;
  double first_s, last_s;
};

void check_census(const std::string& file, TraceFormat format, const TraceSelection& selection,
                  const Expected& expected) {
  INFO(file);
  const TraceCensus c = take_census(test::source_path("scenarios/traces/" + file), format, selection);
  CHECK(c.lines == expected.lines);
  CHECK(c.records == expected.records);
  CHECK(c.requests == expected.requests);
  CHECK(c.skipped == expected.skipped);
  CHECK(c.skipped_by_reason == expected.reasons);
  CHECK(c.malformed == 0);
  CHECK(c.first_malformed.empty());
  CHECK(c.first_request_s == Approx(expected.first_s).margin(1e-12));
  CHECK(c.last_request_s == Approx(expected.last_s).margin(1e-12));
}

TraceSelection select(const char* device, const char* file = nullptr, char action = 'Q') {
  TraceSelection s;
  if (device)
    s.device = device;
  if (file)
    s.file = file;
  s.blkparse_action = action;
  return s;
}

}  // namespace

TEST_CASE("sample traces: sample.csv") {
  check_census("sample.csv", TraceFormat::CSV, {}, {64, 60, 60, 0, {}, 0.00000025, 0.0498155});
}

TEST_CASE("sample traces: sample.fio-v3.iolog") {
  check_census("sample.fio-v3.iolog", TraceFormat::FIO_IOLOG, {},
               {64, 63, 59, 4, {{"file_action", 3}, {"flush", 1}}, 0.000020, 0.049939});
}

TEST_CASE("sample traces: sample.fio-v2.iolog, all files and one file") {
  check_census("sample.fio-v2.iolog", TraceFormat::FIO_IOLOG, {},
               {52, 51, 40, 11, {{"file_action", 6}, {"flush", 2}, {"wait", 3}}, 0, 0.040});
  check_census("sample.fio-v2.iolog", TraceFormat::FIO_IOLOG, select(nullptr, "/data/fio.1"),
               {52, 51, 21, 30, {{"file_action", 6}, {"other_file", 21}, {"wait", 3}}, 0, 0.040});
}

TEST_CASE("sample traces: sample.blkparse.txt, all devices, one device, another action") {
  check_census("sample.blkparse.txt", TraceFormat::BLKPARSE, {},
               {229, 209, 40, 169, {{"flush", 1}, {"other_action", 168}}, 0.001474727, 0.048237662});
  check_census("sample.blkparse.txt", TraceFormat::BLKPARSE, select("8,16"),
               {229, 209, 13, 196, {{"other_action", 54}, {"other_device", 142}}, 0.003589249, 0.047465849});
  check_census("sample.blkparse.txt", TraceFormat::BLKPARSE, select("8,0", nullptr, 'D'),
               {229, 209, 27, 182, {{"flush", 1}, {"other_action", 114}, {"other_device", 67}}, 0.001492473,
                0.048243981});
}

TEST_CASE("sample traces: sample.disksim.trace, all devices and one device") {
  check_census("sample.disksim.trace", TraceFormat::DISKSIM, {}, {50, 50, 50, 0, {}, 0.001675528, 0.050891095});
  check_census("sample.disksim.trace", TraceFormat::DISKSIM, select("1"),
               {50, 50, 24, 26, {{"other_device", 26}}, 0.002972463, 0.04512502});
}

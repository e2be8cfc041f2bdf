// DiskSim's ASCII trace: the five fields, read and write flags, the device selection and malformed lines.
#include <catch2/catch.hpp>

#include "tests/replay/trace_test_files.hpp"

using namespace irpsim;
using namespace irpsim::replay;
using Kind = TraceEntry::Kind;

namespace {

std::vector<TraceEntry> disksim(const test::TempDir& dir, std::string_view content,
                                const TraceSelection& selection = {}) {
  return test::entries_of(dir, content, TraceFormat::DISKSIM, selection);
}

}  // namespace

TEST_CASE("disksim: time in milliseconds, 512-byte blocks, bit 0 of the flags for reads") {
  test::TempDir dir;
  const auto entries = disksim(dir,
                               "0.000000 0 1024 8 1\n"
                               "\n"
                               "  12.5\t1   100  16  0x0 \n"
                               "13 0 0 0 0X9\n"
                               "14 0 7 1 a\n"
                               "15 0 7 1 ffffffffffffffff\n");
  REQUIRE(entries.size() == 5);
  REQUIRE(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].record.time_s == 0);
  CHECK(entries[0].record.type == core::RequestType::READ);
  CHECK(entries[0].record.offset_bytes == 1024 * 512);
  CHECK(entries[0].record.length_bytes == 8 * 512);
  CHECK(entries[1].line == 3);
  CHECK(entries[1].record.time_s == Approx(0.0125));
  CHECK(entries[1].record.type == core::RequestType::WRITE);
  CHECK(entries[1].record.offset_bytes == 100 * 512);
  CHECK(entries[1].record.length_bytes == 16 * 512);
  CHECK(entries[2].record.type == core::RequestType::READ);
  CHECK(entries[2].record.length_bytes == 0);
  CHECK(entries[3].record.type == core::RequestType::WRITE);
  CHECK(entries[4].record.type == core::RequestType::READ);
}

TEST_CASE("disksim: the selected device's lines are the requests") {
  test::TempDir dir;
  TraceSelection selection;
  selection.device = "1";
  const auto entries = disksim(dir, "1 0 0 8 1\n2 1 0 8 1\n3 01 0 8 0\n4 10 0 8 1\n", selection);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].skip_reason == kSkipOtherDevice);
  CHECK(entries[1].kind == Kind::REQUEST);
  CHECK(entries[2].kind == Kind::REQUEST);  // the same device number
  CHECK(entries[3].skip_reason == kSkipOtherDevice);
}

TEST_CASE("disksim: each kind of malformed line, with its line number") {
  test::TempDir dir;
  const auto entries = disksim(dir,
                               "1 0 0 8\n"                       // 1: four fields
                               "1 0 0 8 1 extra\n"               // 2: six fields
                               "t 0 0 8 1\n"                     // 3: time
                               "1 d 0 8 1\n"                     // 4: device
                               "1 0 -3 8 1\n"                    // 5: block
                               "1 0 0 8.5 1\n"                   // 6: size
                               "1 0 0 8 0xg\n"                   // 7: flags
                               "1 0 0 8388608 1\n"               // 8: length above a ULONG
                               "1 0 36028797018963968 8 1\n"     // 9: offset above 64 bits
                               "1 0 36028797018963967 8 1\n"     // 10: offset + length overflows
                               "# a comment\n");                 // 11: DiskSim has none
  REQUIRE(entries.size() == 11);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i].problem);
    CHECK(entries[i].kind == Kind::MALFORMED);
    CHECK(entries[i].line == i + 1);
    CHECK(entries[i].problem.starts_with("expected "));
  }
  CHECK(entries[0].problem == "expected 5 fields (ARRIVAL_MS DEVICE BLOCK SIZE_BLOCKS FLAGS), found 4: \"1 0 0 8\"");
  CHECK(entries[6].problem == "expected flags in hexadecimal (such as 0x1 or 0), found \"0xg\"");
  CHECK(entries[9].problem.starts_with("expected an offset + length that fits 64 bits"));
}

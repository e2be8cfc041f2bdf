// blkparse's default text output: event lines, the device and action selection, RWBS to request types, flushes and
// lines without data, the closing summary, and malformed lines.
#include <catch2/catch.hpp>

#include "tests/replay/trace_test_files.hpp"

using namespace irpsim;
using namespace irpsim::replay;
using Kind = TraceEntry::Kind;

namespace {

std::vector<TraceEntry> blkparse(const test::TempDir& dir, std::string_view content,
                                 const TraceSelection& selection = {}) {
  return test::entries_of(dir, content, TraceFormat::BLKPARSE, selection);
}

TraceSelection device(const char* name, char action = 'Q') {
  TraceSelection s;
  s.device = name;
  s.blkparse_action = action;
  return s;
}

}  // namespace

TEST_CASE("blkparse: the selected action's lines become reads, writes and trims") {
  test::TempDir dir;
  const auto entries = blkparse(dir,
                                "  8,0    3        1     0.000000000   697  Q  WS 5726136 + 8 [jbd2/sda1-8]\n"
                                "  8,0    3        2     0.000002543   697  G  WS 5726136 + 8 [jbd2/sda1-8]\n"
                                "\n"
                                "  8,0    1        3     0.250000000  2314  Q   R 100 + 256 [postgres]\n"
                                "  8,0    1        4     0.250000001  2314  Q  DS 2048 + 2048 [fstrim]\n"
                                "  8,0    1        5     0.250000002  2314  Q  RA 0 + 16\n"
                                "  8,0    0        6     1.5  2314  Q RM 8 + 8 [a process name with spaces]\n");
  REQUIRE(entries.size() == 6);
  REQUIRE(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].line == 1);
  CHECK(entries[0].record.time_s == 0);
  CHECK(entries[0].record.type == core::RequestType::WRITE);
  CHECK(entries[0].record.offset_bytes == 5726136ull * 512);
  CHECK(entries[0].record.length_bytes == 8 * 512);
  CHECK(entries[0].record.ioctl_code == 0);
  CHECK(entries[1].kind == Kind::SKIPPED);
  CHECK(entries[1].skip_reason == kSkipOtherAction);
  CHECK(entries[2].line == 4);
  CHECK(entries[2].record.type == core::RequestType::READ);
  CHECK(entries[2].record.time_s == Approx(0.25));
  CHECK(entries[2].record.length_bytes == 256 * 512);
  CHECK(entries[3].record.type == core::RequestType::DEVICE_CONTROL);
  CHECK(entries[3].record.ioctl_code == kTrimIoctlCode);
  CHECK(entries[3].record.offset_bytes == 2048 * 512);
  CHECK(entries[3].record.length_bytes == 2048 * 512);
  CHECK(entries[4].kind == Kind::REQUEST);  // no [process]
  CHECK(entries[4].record.length_bytes == 16 * 512);
  CHECK(entries[5].record.time_s == Approx(1.5));
  CHECK(entries[5].record.type == core::RequestType::READ);
}

TEST_CASE("blkparse: the device is checked first, then the action, then RWBS") {
  test::TempDir dir;
  const std::string_view content =
      "  8,16   0        1     0.000000000   697  Q   W 8 + 8 [x]\n"  // other device
      "  8,0    0        2     0.000000001   697  D   W 8 + 8 [x]\n"  // other action
      "  8,0    0        3     0.000000002   697  Q FWS [x]\n"        // flush without sectors
      "  8,0    0        4     0.000000003   697  Q  FN 0 + 0 [x]\n"  // flush, no direction
      "  8,0    0        5     0.000000004   697  Q FWS 0 + 0 [x]\n"  // flush with zero length
      "  8,0    0        6     0.000000005   697  Q   N [x]\n"        // no data direction
      "  8,0    0        7     0.000000006   697  Q FWS 16 + 8 [x]\n" // a write with a flush flag: a write
      "  8,0    0        0     0.000000007     0  m   N cfq697 alloced\n"
      "  8,16   0        8     0.000000008   697  Q   R 8 + bad [x]\n";  // other device: its text is not read
  const auto entries = blkparse(dir, content, device("8,0"));
  REQUIRE(entries.size() == 9);
  CHECK(entries[0].skip_reason == kSkipOtherDevice);
  CHECK(entries[1].skip_reason == kSkipOtherAction);
  CHECK(entries[2].skip_reason == kSkipFlush);
  CHECK(entries[3].skip_reason == kSkipFlush);
  CHECK(entries[4].skip_reason == kSkipFlush);
  CHECK(entries[5].skip_reason == kSkipNoData);
  REQUIRE(entries[6].kind == Kind::REQUEST);
  CHECK(entries[6].record.type == core::RequestType::WRITE);
  CHECK(entries[7].skip_reason == kSkipOtherAction);
  CHECK(entries[8].skip_reason == kSkipOtherDevice);

  const auto issued = blkparse(dir, content, device("8,0", 'D'));
  CHECK(issued[0].skip_reason == kSkipOtherDevice);
  REQUIRE(issued[1].kind == Kind::REQUEST);
  CHECK(issued[1].record.offset_bytes == 8 * 512);
  CHECK(issued[2].skip_reason == kSkipOtherAction);

  const auto any_device = blkparse(dir, content);  // no device selected: every device's lines
  CHECK(any_device[0].kind == Kind::REQUEST);
  CHECK(any_device[8].kind == Kind::MALFORMED);
}

TEST_CASE("blkparse: nothing from the summary on is a record") {
  test::TempDir dir;
  for (const char* first : {"CPU0 (sda):", "CPU12 (8,0):", "Total (sda):"}) {
    INFO(first);
    const auto entries = blkparse(dir, "  8,0    0        1     0.000000000   697  Q   W 8 + 8 [x]\n" +
                                           std::string(first) +
                                           "\n Reads Queued:           0,        0KiB\t Writes Queued:     1, 4KiB\n"
                                           "  8,0    0        1     0.000000000   697  Q   W 8 + 8 [x]\n"
                                           "Throughput (R/W): 0KiB/s / 4KiB/s\n"
                                           "Events (sda): 1 entries\n"
                                           "Skips: 0 forward (0 -   0.0%)\n" +
                                           std::string(70000, 'x') + "\n");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].kind == Kind::REQUEST);
  }
}

TEST_CASE("blkparse: each kind of malformed line, with its line number") {
  test::TempDir dir;
  const auto entries = blkparse(dir,
                                "Input file sda.blktrace.0 added\n"                                 // 1
                                "  8,0    0        1     0.000000000   697  Q\n"                     // 2: short
                                "  8:0    0        1     0.000000000   697  Q   W 8 + 8 [x]\n"      // 3: device
                                "  8,0    x        1     0.000000000   697  Q   W 8 + 8 [x]\n"      // 4: cpu
                                "  8,0    0        1     0.00000000a   697  Q   W 8 + 8 [x]\n"      // 5: time
                                "  8,0    0        1     0.000000000   p97  Q   W 8 + 8 [x]\n"      // 6: pid
                                "  8,0    0        1     0.000000000   697  QQ  W 8 + 8 [x]\n"      // 7: action
                                "  8,0    0        1     0.000000000   697  Q  W1 8 + 8 [x]\n"      // 8: RWBS
                                "  8,0    0        1     0.000000000   697  Q   W [x]\n"            // 9: no sectors
                                "  8,0    0        1     0.000000000   697  Q   W 8 - 8 [x]\n"      // 10: no '+'
                                "  8,0    0        1     0.000000000   697  Q   W 8 + y [x]\n"      // 11: blocks
                                "  8,0    0        1     0.000000000   697  Q   W 8 + 8388608 [x]\n"  // 12: length
                                "  8,0    0        1     0.000000000   697  Q   W 36028797018963968 + 8 [x]\n");  // 13
  REQUIRE(entries.size() == 13);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i].problem);
    CHECK(entries[i].kind == Kind::MALFORMED);
    CHECK(entries[i].line == i + 1);
    CHECK(entries[i].problem.starts_with("expected "));
  }
  CHECK(entries[2].problem == "expected a device MAJOR,MINOR such as 8,0, found \"8:0\"");
  CHECK(entries[8].problem == "expected SECTOR + NBLOCKS after the RWBS, found \"[x]\"");
  CHECK(entries[11].problem.starts_with("expected at most 8388607 blocks"));
  CHECK(entries[12].problem.starts_with("expected a sector whose byte offset fits 64 bits"));
}

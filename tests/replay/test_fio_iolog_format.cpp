// fio's iolog v2 and v3: the version line, each action, v2 waits setting the time of what follows, v3 timestamps in
// microseconds, the file selection, and malformed lines.
#include <catch2/catch.hpp>

#include "tests/replay/trace_test_files.hpp"

using namespace irpsim;
using namespace irpsim::replay;
using Kind = TraceEntry::Kind;

namespace {

std::vector<TraceEntry> fio(const test::TempDir& dir, std::string_view content, const TraceSelection& selection = {}) {
  return test::entries_of(dir, content, TraceFormat::FIO_IOLOG, selection);
}

}  // namespace

TEST_CASE("fio v3: timestamps in microseconds and each action") {
  test::TempDir dir;
  const auto entries = fio(dir,
                           "fio version 3 iolog\n"
                           "0 /dev/sdb add\n"
                           "3 /dev/sdb open\n"
                           "10 /dev/sdb read 4096 512\n"
                           "2500 /dev/sdb write 0 131072\n"
                           "2600 /dev/sdb trim 1048576 65536\n"
                           "2700 /dev/sdb sync 0 0\n"
                           "2800 /dev/sdb datasync 0 0\n"
                           "2900 /dev/sdb wait 5000 0\n"
                           "3000 /dev/sdb read 8192 4096\n"
                           "3100 /dev/sdb close\n");
  REQUIRE(entries.size() == 10);
  CHECK(entries[0].kind == Kind::SKIPPED);
  CHECK(entries[0].skip_reason == kSkipFileAction);
  CHECK(entries[0].line == 2);
  CHECK(entries[1].skip_reason == kSkipFileAction);
  REQUIRE(entries[2].kind == Kind::REQUEST);
  CHECK(entries[2].record.time_s == Approx(10e-6));
  CHECK(entries[2].record.type == core::RequestType::READ);
  CHECK(entries[2].record.offset_bytes == 4096);
  CHECK(entries[2].record.length_bytes == 512);
  CHECK(entries[3].record.type == core::RequestType::WRITE);
  CHECK(entries[3].record.time_s == Approx(2.5e-3));
  CHECK(entries[3].record.length_bytes == 131072);
  REQUIRE(entries[4].kind == Kind::REQUEST);
  CHECK(entries[4].record.type == core::RequestType::DEVICE_CONTROL);
  CHECK(entries[4].record.ioctl_code == kTrimIoctlCode);
  CHECK(entries[4].record.offset_bytes == 1048576);
  CHECK(entries[4].record.length_bytes == 65536);
  CHECK(entries[5].skip_reason == kSkipFlush);
  CHECK(entries[6].skip_reason == kSkipFlush);
  CHECK(entries[7].skip_reason == kSkipWait);
  CHECK(entries[8].record.time_s == Approx(3e-3));  // the v3 wait changes nothing
  CHECK(entries[9].skip_reason == kSkipFileAction);
  CHECK(entries[9].line == 11);
}

TEST_CASE("fio v2: a wait sets the time of every later record to its delay in milliseconds") {
  test::TempDir dir;
  const auto entries = fio(dir,
                           "fio version 2 iolog\n"
                           "f add\n"
                           "f open\n"
                           "f read 0 4096\n"
                           "f wait 10 0\n"
                           "f write 4096 4096\n"
                           "f wait 25 0\n"
                           "f read 8192 4096\n"
                           "f wait 5 0\n"          // earlier than the last wait: fio has nothing to wait for
                           "f trim 0 4096\n"
                           "f close\n");
  REQUIRE(entries.size() == 10);
  CHECK(entries[2].record.time_s == 0);
  CHECK(entries[3].skip_reason == kSkipWait);
  CHECK(entries[4].record.time_s == Approx(0.010));
  CHECK(entries[5].skip_reason == kSkipWait);
  CHECK(entries[6].record.time_s == Approx(0.025));
  CHECK(entries[7].skip_reason == kSkipWait);
  REQUIRE(entries[8].kind == Kind::REQUEST);
  CHECK(entries[8].record.time_s == Approx(0.025));
  CHECK(entries[8].record.ioctl_code == kTrimIoctlCode);
}

TEST_CASE("fio: the selected file's lines are the requests, file actions and waits of any file keep their reason") {
  test::TempDir dir;
  TraceSelection selection;
  selection.file = "a";
  const auto entries = fio(dir,
                           "fio version 2 iolog\n"
                           "b add\n"
                           "a read 0 512\n"
                           "b read 0 512\n"
                           "b write 0 512\n"
                           "b trim 0 512\n"
                           "b sync 0 0\n"
                           "b datasync 0 0\n"
                           "b wait 3 0\n"
                           "a write 0 512\n"
                           "b close\n",
                           selection);
  REQUIRE(entries.size() == 10);
  CHECK(entries[0].skip_reason == kSkipFileAction);
  CHECK(entries[1].kind == Kind::REQUEST);
  for (std::size_t i = 2; i <= 6; ++i)
    CHECK(entries[i].skip_reason == kSkipOtherFile);
  CHECK(entries[7].skip_reason == kSkipWait);
  REQUIRE(entries[8].kind == Kind::REQUEST);
  CHECK(entries[8].record.time_s == Approx(0.003));  // another file's wait still holds the job back
  CHECK(entries[9].skip_reason == kSkipFileAction);
}

TEST_CASE("fio: the version line is required") {
  test::TempDir dir;
  for (const char* content : {"", "fio version 1 iolog\n", "\nfio version 2 iolog\n", "f add\n",
                              "fio version 2 iolog trailing\n"}) {
    INFO(content);
    try {
      fio(dir, content);
      FAIL("no error");
    } catch (const TraceFileError& e) {
      CHECK(e.line == 1);
      CHECK(e.message.starts_with(
          "expected \"fio version 2 iolog\" or \"fio version 3 iolog\" (fio's iolog v1 is not supported), found "));
    }
  }
}

TEST_CASE("fio: each kind of malformed line, with its line number") {
  test::TempDir dir;
  const auto v2 = fio(dir,
                      "fio version 2 iolog\n"
                      "f\n"                                 // 2: one field
                      "f read 0\n"                          // 3: three fields
                      "f read 0 512 9\n"                    // 4: five fields
                      "f fsync 0 512\n"                     // 5: unknown action
                      "f read\n"                            // 6: read without offset and length
                      "f add 0 0\n"                         // 7: add with them
                      "f read x 512\n"                      // 8: offset
                      "f read 0 -1\n"                       // 9: length
                      "f write 0 4294967296\n"              // 10: length above a ULONG
                      "f write 18446744073709551615 2\n"    // 11: offset + length overflows
                      "f wait soon 0\n");                   // 12: delay
  REQUIRE(v2.size() == 11);
  for (std::size_t i = 0; i < v2.size(); ++i) {
    INFO(v2[i].problem);
    CHECK(v2[i].kind == Kind::MALFORMED);
    CHECK(v2[i].line == i + 2);
    CHECK(v2[i].problem.starts_with("expected "));
  }
  CHECK(v2[0].problem == "expected FILE ACTION or FILE ACTION OFFSET LENGTH, found \"f\"");
  CHECK(v2[3].problem ==
        "expected an action (read, write, trim, sync, datasync, wait, add, open or close), found \"fsync\"");
  CHECK(v2[10].problem == "expected a delay in milliseconds (an unsigned integer), found \"soon\"");

  const auto v3 = fio(dir,
                      "fio version 3 iolog\n"
                      "/dev/sdb read 0 512\n"      // 2: no timestamp (four fields)
                      "x /dev/sdb read 0 512\n"    // 3: timestamp
                      "5 /dev/sdb\n");             // 4: two fields
  REQUIRE(v3.size() == 3);
  CHECK(v3[0].problem == "expected TIME FILE ACTION or TIME FILE ACTION OFFSET LENGTH, found \"/dev/sdb read 0 512\"");
  CHECK(v3[1].problem == "expected a timestamp in microseconds (a decimal number >= 0 such as 12.5), found \"x\"");
  CHECK(v3[2].kind == Kind::MALFORMED);
  CHECK(v3[2].line == 4);
}

TEST_CASE("fio: blank lines are not records") {
  test::TempDir dir;
  const auto entries = fio(dir, "fio version 3 iolog\n\n  \n7 f read 0 512\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].line == 4);
}

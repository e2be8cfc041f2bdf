// irpsim's trace CSV: the header and its time units, every field of a record, comments, blank lines and each kind of
// malformed line.
#include <catch2/catch.hpp>

#include "tests/replay/trace_test_files.hpp"

using namespace irpsim;
using namespace irpsim::replay;
using Kind = TraceEntry::Kind;

namespace {

std::vector<TraceEntry> csv(const test::TempDir& dir, std::string_view content) {
  return test::entries_of(dir, content, TraceFormat::CSV);
}

std::string header_error(const test::TempDir& dir, std::string_view content) {
  try {
    csv(dir, content);
  } catch (const TraceFileError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("csv: records with every field, comments and blank lines between them") {
  test::TempDir dir;
  const auto entries = csv(dir,
                           "# a comment before the header\n"
                           "\n"
                           " time_us , type,size_bytes, offset_bytes ,ioctl_code\n"
                           "12.5,read,4096,8192,\n"
                           "   # an indented comment\n"
                           "\t\n"
                           "20, write ,65536,0,\n"
                           "30,ioctl,24,0,0x2D9404\n"
                           "31,internal_ioctl,64,0,2228227\n"
                           "32,internal_ioctl_others,0,0,\n"
                           "33,ioctl,0,0,0xffffffff\n");
  REQUIRE(entries.size() == 6);
  for (const TraceEntry& e : entries)
    REQUIRE(e.kind == Kind::REQUEST);
  CHECK(entries[0].line == 4);
  CHECK(entries[0].record.time_s == Approx(12.5e-6));
  CHECK(entries[0].record.type == core::RequestType::READ);
  CHECK(entries[0].record.length_bytes == 4096);
  CHECK(entries[0].record.offset_bytes == 8192);
  CHECK(entries[0].record.ioctl_code == 0);
  CHECK(entries[1].line == 7);
  CHECK(entries[1].record.type == core::RequestType::WRITE);
  CHECK(entries[1].record.length_bytes == 65536);
  CHECK(entries[2].record.type == core::RequestType::DEVICE_CONTROL);
  CHECK(entries[2].record.ioctl_code == 0x2D9404);
  CHECK(entries[3].record.type == core::RequestType::INTERNAL_DEVICE_CONTROL);
  CHECK(entries[3].record.ioctl_code == 2228227);
  CHECK(entries[4].record.type == core::RequestType::INTERNAL_DEVICE_CONTROL_OTHERS);
  CHECK(entries[4].record.ioctl_code == 0);
  CHECK(entries[5].record.ioctl_code == 0xFFFFFFFFu);
  CHECK(entries[5].line == 11);
}

TEST_CASE("csv: each time unit of the header") {
  test::TempDir dir;
  const std::pair<std::string_view, double> units[] = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1}};
  for (const auto& [unit, seconds] : units) {
    const auto entries = csv(dir, "time_" + std::string(unit) + ",type,size_bytes,offset_bytes\n1.5,read,512,0\n");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].record.time_s == Approx(1.5 * seconds));
  }
}

TEST_CASE("csv: a header that is missing or wrong is an error naming its line") {
  test::TempDir dir;
  const std::string expected = "expected a header such as time_us,type,size_bytes,offset_bytes[,ioctl_code], found ";
  CHECK(header_error(dir, "") == dir.path().string() + "/trace line 1: " + expected + "the end of the file");
  CHECK(header_error(dir, "# only a comment\n\n") ==
        dir.path().string() + "/trace line 3: " + expected + "the end of the file");
  CHECK(header_error(dir, "#\n0,read,512,0\n") == dir.path().string() + "/trace line 2: " + expected +
                                                      "\"0,read,512,0\"");
  for (const char* wrong : {"time_min,type,size_bytes,offset_bytes\n", "time_us,type,size_bytes\n",
                            "time_us,type,size,offset\n", "time_us,type,size_bytes,offset_bytes,ioctl\n",
                            "time_us,type,size_bytes,offset_bytes,ioctl_code,extra\n"}) {
    INFO(wrong);
    CHECK_THROWS_MATCHES(csv(dir, wrong), TraceFileError,
                         Catch::Matchers::Predicate<TraceFileError>([](const TraceFileError& e) {
                           return e.line == 1 && e.message.starts_with("expected a header such as");
                         }));
  }
}

TEST_CASE("csv: each kind of malformed record, with its line number") {
  test::TempDir dir;
  const auto entries = csv(dir,
                           "time_us,type,size_bytes,offset_bytes,ioctl_code\n"
                           "1,read,512,0\n"                        // 2: a field short
                           "1,read,512,0,,\n"                      // 3: a field too many
                           "abc,read,512,0,\n"                     // 4: time
                           "-1,read,512,0,\n"                      // 5: negative time
                           "1e3,read,512,0,\n"                     // 6: exponent
                           "nan,read,512,0,\n"                     // 7
                           "1,flush,512,0,\n"                      // 8: type
                           "1,read,-5,0,\n"                        // 9: size
                           "1,read,512,0x10,\n"                    // 10: offset
                           "1,read,4294967296,0,\n"                // 11: length above a ULONG
                           "1,read,512,18446744073709551615,\n"    // 12: offset + length overflows
                           "1,read,512,0,0x10\n"                   // 13: code on a read
                           "1,write,512,0,0\n"                     // 14: code on a write
                           "1,ioctl,0,0,0x100000000\n"             // 15: code above 32 bits
                           "1,ioctl,0,0,12ab\n"                    // 16: code not a number
                           "1,read,512,18446744073709551616,\n"    // 17: offset above 64 bits
                           "2000000000000000000,read,512,0,\n");   // 18: time above kMaxRecordedTimeS
  REQUIRE(entries.size() == 17);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i].problem);
    CHECK(entries[i].kind == Kind::MALFORMED);
    CHECK(entries[i].line == i + 2);
    CHECK(entries[i].problem.starts_with("expected "));
    CHECK(entries[i].problem.find(", found ") != std::string::npos);
  }
  CHECK(entries[0].problem == "expected 5 comma-separated fields (time_us,type,size_bytes,offset_bytes,ioctl_code), "
                              "found 4: \"1,read,512,0\"");
  CHECK(entries[2].problem == "expected a time in us (a decimal number >= 0 such as 12.5), found \"abc\"");
  CHECK(entries[6].problem ==
        "expected a type (read, write, ioctl, internal_ioctl or internal_ioctl_others), found \"flush\"");
  CHECK(entries[9].problem.starts_with("expected a length of at most 4294967295 bytes"));
  CHECK(entries[10].problem.starts_with("expected an offset + length that fits 64 bits"));
  CHECK(entries[11].problem == "expected no ioctl_code on a read, found \"0x10\"");
  CHECK(entries[12].problem == "expected no ioctl_code on a write, found \"0\"");
  CHECK(entries[16].problem == "expected a time in us of at most 1e+12 s, found \"2000000000000000000\"");
}

TEST_CASE("csv: the largest values that are accepted") {
  test::TempDir dir;
  const auto entries = csv(dir,
                           "time_s,type,size_bytes,offset_bytes\n"
                           "1000000000000,write,4294967295,18446744069414584320\n");
  REQUIRE(entries.size() == 1);
  REQUIRE(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].record.time_s == 1e12);
  CHECK(entries[0].record.length_bytes == 0xFFFFFFFFull);
  CHECK(entries[0].record.offset_bytes == 18446744069414584320ull);
}

TEST_CASE("csv: without the ioctl_code column, ioctls carry code 0 and a fifth field is malformed") {
  test::TempDir dir;
  const auto entries = csv(dir, "time_ms,type,size_bytes,offset_bytes\n1,ioctl,0,0\n2,ioctl,0,0,0x10\n");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].record.ioctl_code == 0);
  CHECK(entries[1].kind == Kind::MALFORMED);
  CHECK(entries[1].problem.starts_with("expected 4 comma-separated fields"));
}

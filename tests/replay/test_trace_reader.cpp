// What every format shares: format names, file errors (missing, not a regular file), CRLF line ends, a last line
// without '\n', over-long lines, the time order of requests, how problems quote what they found, and the census.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "sim/replay/trace_census.hpp"
#include "tests/replay/trace_test_files.hpp"

using namespace irpsim;
using namespace irpsim::replay;
using Kind = TraceEntry::Kind;

namespace {

constexpr std::string_view kCsvHeader = "time_us,type,size_bytes,offset_bytes\n";

std::string file_error(const std::string& path, TraceFormat format = TraceFormat::DISKSIM) {
  try {
    TraceReader reader(path, format);
    while (reader.next()) {
    }
  } catch (const TraceFileError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("trace formats: names both ways") {
  for (TraceFormat f : {TraceFormat::CSV, TraceFormat::FIO_IOLOG, TraceFormat::BLKPARSE, TraceFormat::DISKSIM})
    CHECK(parse_format(format_name(f)) == f);
  CHECK(format_name(TraceFormat::FIO_IOLOG) == "fio_iolog");
  CHECK(parse_format("csv") == TraceFormat::CSV);
  CHECK(parse_format("blkparse") == TraceFormat::BLKPARSE);
  CHECK(parse_format("disksim") == TraceFormat::DISKSIM);
  CHECK_FALSE(parse_format("CSV"));
  CHECK_FALSE(parse_format("fio"));
}

TEST_CASE("trace file errors: the path, the line and the message") {
  const TraceFileError with_line("t.csv", 3, "expected x, found y");
  CHECK(std::string(with_line.what()) == "t.csv line 3: expected x, found y");
  CHECK(with_line.line == 3);
  CHECK(with_line.message == "expected x, found y");
  CHECK(std::string(TraceFileError("t.csv", 0, "cannot open it").what()) == "t.csv: cannot open it");
}

TEST_CASE("trace file errors: a missing file and files that are not regular files") {
  test::TempDir dir;
  const std::string missing = (dir.path() / "missing").string();
  CHECK(file_error(missing) == missing + ": cannot open it: No such file or directory");
  CHECK(file_error(dir.path().string()) == dir.path().string() + ": expected a regular file, found a directory");
  CHECK(file_error("/dev/null") == "/dev/null: expected a regular file, found a character device");
  CHECK(file_error("/dev/zero", TraceFormat::CSV) == "/dev/zero: expected a regular file, found a character device");
  const std::string fifo = (dir.path() / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer: opening it must not wait
  CHECK(file_error(fifo, TraceFormat::BLKPARSE) == fifo + ": expected a regular file, found a FIFO");
}

TEST_CASE("trace lines: CRLF line ends and a last line without a newline") {
  test::TempDir dir;
  const auto entries = test::entries_of(dir, "time_us,type,size_bytes,offset_bytes,ioctl_code\r\n"
                                             "1,ioctl,0,0,0x10\r\n"
                                             "\r\n"
                                             "2,read,512,0,\r\n"
                                             "3,write,512,0,",
                                        TraceFormat::CSV);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].record.ioctl_code == 0x10);
  CHECK(entries[1].kind == Kind::REQUEST);
  CHECK(entries[1].line == 4);
  REQUIRE(entries[2].kind == Kind::REQUEST);
  CHECK(entries[2].line == 5);
  CHECK(entries[2].record.type == core::RequestType::WRITE);

  const auto fio = test::entries_of(dir, "fio version 2 iolog\r\nf read 0 512\r\n", TraceFormat::FIO_IOLOG);
  REQUIRE(fio.size() == 1);
  CHECK(fio[0].record.length_bytes == 512);
}

TEST_CASE("trace lines: an over-long line is malformed and the next line is read") {
  test::TempDir dir;
  const std::string just_fits = "1,read," + std::string(kMaxLineBytes - 9, '0') + ",0";  // kMaxLineBytes bytes
  REQUIRE(just_fits.size() == kMaxLineBytes);
  const std::string content = std::string(kCsvHeader) + just_fits + "\r\n" +  // the '\r' does not count
                              "2," + std::string(kMaxLineBytes, 'x') + "\n" +  // over by 2 bytes
                              "3,write,512,0\n" + std::string(std::size_t{5} << 19, '\x01') + "\n" +  // 2.5 MiB
                              "4,read,4096,0\n" + std::string(kMaxLineBytes + 1, 'y');  // over, at the end
  const auto entries = test::entries_of(dir, content, TraceFormat::CSV);
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].kind == Kind::REQUEST);
  CHECK(entries[0].record.length_bytes == 0);
  CHECK(entries[1].kind == Kind::MALFORMED);
  CHECK(entries[1].line == 3);
  CHECK(entries[1].problem == "expected a line of at most 65536 bytes, found a line of more than 65536 bytes "
                              "starting \"2," + std::string(58, 'x') + "...\"");
  CHECK(entries[2].kind == Kind::REQUEST);
  CHECK(entries[2].line == 4);
  CHECK(entries[3].kind == Kind::MALFORMED);
  CHECK(entries[3].line == 5);
  CHECK(entries[3].problem.find("starting \"\\x01\\x01") != std::string::npos);
  REQUIRE(entries[4].kind == Kind::REQUEST);
  CHECK(entries[4].line == 6);
  CHECK(entries[4].record.length_bytes == 4096);
  CHECK(entries[5].kind == Kind::MALFORMED);
  CHECK(entries[5].line == 7);

  const std::string header_path = dir.write("long-header", std::string(kMaxLineBytes + 5, 'h') + "\n");
  CHECK(file_error(header_path, TraceFormat::CSV) ==
        header_path + " line 1: expected a header such as time_us,type,size_bytes,offset_bytes[,ioctl_code], found "
                      "a line of more than 65536 bytes");
}

TEST_CASE("trace lines: many lines across the read buffer keep their content") {
  test::TempDir dir;
  std::string content(kCsvHeader);
  for (int i = 0; i < 60000; ++i)  // about 1.3 MB: more than one buffer
    content += std::to_string(i) + ",read," + std::to_string(512 * (i % 7)) + "," + std::to_string(i) + "\n";
  const auto entries = test::entries_of(dir, content, TraceFormat::CSV);
  REQUIRE(entries.size() == 60000);
  for (int i = 0; i < 60000; ++i) {
    const TraceEntry& e = entries[static_cast<std::size_t>(i)];
    REQUIRE(e.kind == Kind::REQUEST);
    REQUIRE(e.line == static_cast<std::uint64_t>(i) + 2);
    REQUIRE(e.record.offset_bytes == static_cast<std::uint64_t>(i));
    REQUIRE(e.record.length_bytes == static_cast<std::uint64_t>(512 * (i % 7)));
  }
}

TEST_CASE("trace time order: a request before the previous request is malformed, skips are not checked") {
  test::TempDir dir;
  const auto entries = test::entries_of(dir,
                                        "  8,0  0  1  2.000000000  1  Q  R 0 + 8 [a]\n"
                                        "  8,0  0  2  1.000000000  1  G  R 0 + 8 [a]\n"  // skipped: not checked
                                        "  8,0  0  3  1.500000000  1  Q  R 0 + 8 [a]\n"  // before 2 s
                                        "  8,0  0  4  2.000000000  1  Q  W 0 + 8 [a]\n"  // equal: fine
                                        "  8,0  0  5  1.750000000  1  Q  R 0 + x [a]\n"  // malformed anyway
                                        "  8,0  0  6  2.500000000  1  Q  R 0 + 8 [a]\n",
                                        TraceFormat::BLKPARSE);
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].kind == Kind::REQUEST);
  CHECK(entries[1].kind == Kind::SKIPPED);
  CHECK(entries[2].kind == Kind::MALFORMED);
  CHECK(entries[2].line == 3);
  CHECK(entries[2].problem ==
        "expected a time >= 2 s (the previous request's: traces are replayed in file order), found 1.5 s");
  CHECK(entries[3].kind == Kind::REQUEST);
  CHECK(entries[4].kind == Kind::MALFORMED);
  CHECK(entries[4].problem.starts_with("expected SECTOR + NBLOCKS as unsigned integers"));
  CHECK(entries[5].kind == Kind::REQUEST);
  CHECK(entries[5].record.time_s == 2.5);
}

TEST_CASE("trace problems: what was found is quoted, escaped and cut") {
  test::TempDir dir;
  const auto entries =
      test::entries_of(dir, std::string(kCsvHeader) + "1,re\"a\\d\x7f\xff,0,0\n1," + std::string(100, 'w') + ",0,0\n",
                       TraceFormat::CSV);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].problem.ends_with("found \"re\\\"a\\\\d\\x7f\\xff\""));
  CHECK(entries[1].problem.ends_with("found \"" + std::string(60, 'w') + "...\""));
}

TEST_CASE("trace census: counts, reasons, kept problems, request times and lines") {
  test::TempDir dir;
  std::string content = "fio version 3 iolog\n\n5 f add\n10 f read 0 512\n";
  for (int i = 0; i < 12; ++i)
    content += "11 f bogus 0 0\n";
  content += "12 g write 0 512\n20 f sync 0 0\n30 f write 512 512\n40 f close";
  TraceSelection selection;
  selection.file = "f";
  const TraceCensus census = take_census(dir.write("t.iolog", content), TraceFormat::FIO_IOLOG, selection);
  CHECK(census.lines == 20);
  CHECK(census.records == 18);
  CHECK(census.requests == 2);
  CHECK(census.skipped == 4);
  CHECK(census.skipped_by_reason == std::map<std::string, std::uint64_t, std::less<>>{
                                        {"file_action", 2}, {"flush", 1}, {"other_file", 1}});
  CHECK(census.malformed == 12);
  REQUIRE(census.first_malformed.size() == TraceCensus::kKeptProblems);
  CHECK(census.first_malformed.front().line == 5);
  CHECK(census.first_malformed.back().line == 14);
  CHECK(census.first_malformed.front().problem.ends_with("found \"bogus\""));
  CHECK(census.first_request_s == Approx(10e-6));
  CHECK(census.last_request_s == Approx(30e-6));

  const TraceCensus empty = take_census(dir.write("empty", ""), TraceFormat::DISKSIM);
  CHECK(empty.lines == 0);
  CHECK(empty.records == 0);
  CHECK(empty.first_request_s == 0);
  CHECK(empty.last_request_s == 0);
}

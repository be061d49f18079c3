// EXT_FILE records through the stream decoder, on the hand-made dumps under
// tests/data/taskdiag (NOTES.md there): continued records concatenate, bad lengths reject.
#include <catch2/catch.hpp>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "taskdiag/decoder.h"
#include "taskdiag/file_records.h"

using namespace procscan::taskdiag;

namespace {

// A seed's dump bytes: its first byte is the fuzz target's split selector.
std::vector<std::byte> dump_bytes(const std::string& name) {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/taskdiag/" + name, std::ios::binary);
  const std::vector<char> raw{std::istreambuf_iterator<char>(in), {}};
  REQUIRE(raw.size() > 1);
  std::vector<std::byte> bytes(raw.size() - 1);
  for (std::size_t i = 1; i < raw.size(); ++i)
    bytes[i - 1] = static_cast<std::byte>(raw[i]);
  return bytes;
}

}  // namespace

TEST_CASE("EXT_FILE records of a continued process are concatenated in order") {
  DumpDecoder decoder;
  REQUIRE(decoder.feed(dump_bytes("continued-files.bin")));
  decoder.finish();
  REQUIRE(decoder.tasks().size() == 1);
  const TaskEntry& task = decoder.tasks()[0];
  CHECK(task.pid == 42);
  CHECK_FALSE(task.incomplete);
  const auto payload = decoder.payload(task, Attribute::ExtFile);
  REQUIRE(payload);
  FileReader reader(*payload);
  auto first = reader.next();
  REQUIRE(first);
  CHECK(first->header.fd == 3);
  CHECK(first->header.flags == 0102002);
  CHECK(first->header.pos == 7);
  CHECK(first->header.inode == 1234);
  CHECK(first->header.mnt_id == 25);
  CHECK(first->name == "/tmp/a file");
  auto second = reader.next();
  REQUIRE(second);
  CHECK(second->header.fd == 4);
  CHECK(second->name.empty());
  auto third = reader.next();
  REQUIRE(third);
  CHECK(third->header.fd == 5);
  CHECK(third->name == "/tmp/gone (deleted)");
  CHECK_FALSE(reader.next());
  CHECK(reader.error().empty());
}

TEST_CASE("EXT_FILE records whose lengths do not fit are refused") {
  for (const char* seed : {"file-record-overrun.bin", "file-name-overrun.bin"}) {
    INFO(seed);
    DumpDecoder decoder;
    CHECK_FALSE(decoder.feed(dump_bytes(seed)));
    REQUIRE(decoder.error());
    CHECK(decoder.error()->kind == DecodeErrorKind::MalformedFile);
  }
}

TEST_CASE("FileReader rejects a header cut short and a rec_len off the 4-byte grid") {
  std::vector<std::byte> bytes(47);
  FileReader short_reader(bytes);
  CHECK_FALSE(short_reader.next());
  CHECK(short_reader.error().find("shorter than its header") != std::string::npos);
  bytes.assign(52, std::byte{0});
  bytes[36] = std::byte{50};  // rec_len 50
  FileReader odd(bytes);
  CHECK_FALSE(odd.next());
  CHECK(odd.error().find("multiple of 4") != std::string::npos);
}

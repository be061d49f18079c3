// EXT_FILE records through the stream decoder, on the hand-made dumps under
// tests/data/taskdiag (NOTES.md there): continued records concatenate, bad lengths reject.
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>
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

namespace {

// One record: header, name with its NUL padded to 4, and the stat tail when asked.
void append_record(std::vector<std::byte>& out, int fd, const std::string& name, bool tail) {
  task_diag_ext_file h{};
  h.fd = static_cast<__u32>(fd);
  h.f_mode = 0x3;
  const std::size_t length = name.empty() ? 0 : name.size() + 1;  // with its NUL
  h.name_len = static_cast<__u16>(length);
  const std::size_t padded = (length + 3) & ~std::size_t{3};
  h.rec_len = static_cast<__u16>(sizeof h + padded + (tail ? sizeof(task_diag_ext_file_stat) : 0));
  const std::size_t at = out.size();
  out.resize(at + h.rec_len);
  std::memcpy(out.data() + at, &h, sizeof h);
  std::memcpy(out.data() + at + sizeof h, name.c_str(), length);
  if (tail) {
    const task_diag_ext_file_stat st{4096, 2, 0xEF53};
    std::memcpy(out.data() + at + sizeof h + padded, &st, sizeof st);
  }
}

}  // namespace

TEST_CASE("FileReader finds the stat tail after the padded name, and only where it is") {
  std::vector<std::byte> bytes;
  append_record(bytes, 3, "/tmp/five5", true);  // name + NUL = 11, padded to 12
  append_record(bytes, 4, "", true);            // a failed d_path: the tail right after
  append_record(bytes, 5, "/old", false);       // an older program's record
  FileReader reader(bytes);
  auto a = reader.next();
  REQUIRE(a);
  CHECK(a->name == "/tmp/five5");
  REQUIRE(a->stat);
  CHECK(a->stat->size == 4096);
  CHECK(a->stat->nlink == 2);
  CHECK(a->stat->s_magic == 0xEF53);
  CHECK(a->header.f_mode == 0x3);
  auto b = reader.next();
  REQUIRE(b);
  CHECK(b->name.empty());
  REQUIRE(b->stat);
  CHECK(b->stat->size == 4096);
  auto c = reader.next();
  REQUIRE(c);
  CHECK(c->name == "/old");
  CHECK_FALSE(c->stat);
  CHECK_FALSE(reader.next());
  CHECK(reader.error().empty());
}

// Command lines from a task's memory by /proc/PID/cmdline's rules: the stat fields that
// locate them, the rules on a fake memory, and the real thing on ourselves.
#include <catch2/catch.hpp>

#include <errno.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "procfs/remote_cmdline.h"

using namespace procscan::procfs;
using namespace std::string_literals;
using namespace std::string_view_literals;

namespace {

// `bytes` at `base`, of which the first `readable` can be read; reads past that stop short
// (or fail with EFAULT when they start there), as process_vm_readv does at a missing page.
class FakeMemory final : public TaskMemory {
 public:
  FakeMemory(std::uint64_t base, std::string bytes, std::size_t readable)
      : base_(base), bytes_(std::move(bytes)), readable_(readable) {}
  FakeMemory(std::uint64_t base, std::string bytes) : FakeMemory(base, bytes, bytes.size()) {}
  long read(std::uint64_t address, std::size_t length, char* out) override {
    ++reads;
    if (address < base_ || address >= base_ + readable_) {
      errno = EFAULT;
      return -1;
    }
    const std::size_t offset = address - base_;
    const std::size_t n = std::min(length, readable_ - offset);
    std::memcpy(out, bytes_.data() + offset, n);
    return static_cast<long>(n);
  }
  int reads = 0;

 private:
  std::uint64_t base_;
  std::string bytes_;
  std::size_t readable_;
};

constexpr std::uint64_t kBase = 0x7ffc0000;
constexpr std::size_t kPage = 16;  // small, so that the page rule shows

// An area whose arguments are the first `arg_len` bytes at kBase and whose environment
// follows up to `env_len` more.
CmdlineArea area_of(std::size_t arg_len, std::size_t env_len) {
  return {kBase, kBase + arg_len, kBase + arg_len, kBase + arg_len + env_len};
}

std::string stat_line(std::string_view comm, std::string_view area) {
  std::string line = "4242 (" + std::string(comm) + ") S 1 4242 4242 0 -1 4194560";
  for (int field = 10; field < 48; ++field)
    line += " " + std::to_string(field);
  return line + " " + std::string(area) + " 0\n";
}

}  // namespace

TEST_CASE("stat fields 48 to 51 locate the arguments and the environment") {
  const auto area = parse_stat_cmdline_area(stat_line("a) (b", "100 120 120 180"));
  REQUIRE(area);
  CHECK(area->arg_start == 100);
  CHECK(area->arg_end == 120);
  CHECK(area->env_start == 120);
  CHECK(area->env_end == 180);
  // Hidden from this reader, or no memory: all zero.
  CHECK_FALSE(parse_stat_cmdline_area(stat_line("k", "0 0 0 0")));
  // Kernels before 3.5 stop at field 44; a mangled value is no address.
  CHECK_FALSE(parse_stat_cmdline_area("1 (x) S 1 1 1 0 -1 0 1 2 3\n"));
  CHECK_FALSE(parse_stat_cmdline_area(stat_line("x", "100 1x0 120 180")));
  CHECK_FALSE(parse_stat_cmdline_area("no parenthesis"));
}

TEST_CASE("an argv area ending in NUL is the command line") {
  const std::string argv = "ps\0ax\0"s;
  FakeMemory memory(kBase, argv + "HOME=/\0"s);
  std::string buffer;
  const auto text = cmdline_from_memory(area_of(argv.size(), 7), memory, kPage, buffer);
  REQUIRE(text);
  CHECK(*text == argv);
  CHECK(memory.reads == 1);
}

TEST_CASE("an empty argv area reads as nothing") {
  FakeMemory memory(kBase, "");
  std::string buffer;
  const auto text = cmdline_from_memory({kBase, kBase, kBase, kBase + 4}, memory, kPage, buffer);
  REQUIRE(text);
  CHECK(text->empty());
  CHECK(memory.reads == 0);
}

TEST_CASE("setproctitle: the first string of the page, NUL included, up to env_end") {
  std::string buffer;
  SECTION("a title that overflows into the environment") {
    // argv was "ab\0" (3 bytes); the title runs over its NUL into the environment.
    FakeMemory memory(kBase, "title: long\0rest\0"s);
    const auto text = cmdline_from_memory(area_of(3, 14), memory, kPage, buffer);
    REQUIRE(text);
    CHECK(*text == "title: long\0"sv);
  }
  SECTION("no NUL within the page: the whole page") {
    FakeMemory memory(kBase, std::string(40, 'x'));
    const auto text = cmdline_from_memory(area_of(3, 37), memory, kPage, buffer);
    REQUIRE(text);
    CHECK(*text == std::string(kPage, 'x'));
  }
  SECTION("never past env_end") {
    FakeMemory memory(kBase, std::string(40, 'x'));
    const auto text = cmdline_from_memory(area_of(3, 5), memory, kPage, buffer);
    REQUIRE(text);
    CHECK(*text == std::string(8, 'x'));
  }
  SECTION("an environment elsewhere keeps the text within the arguments") {
    FakeMemory memory(kBase, std::string(40, 'x'));
    CmdlineArea area = area_of(6, 10);
    area.env_start += 4;
    const auto text = cmdline_from_memory(area, memory, kPage, buffer);
    REQUIRE(text);
    CHECK(*text == std::string(6, 'x'));
  }
  SECTION("a page cut short by unmapped memory ends the text there") {
    FakeMemory memory(kBase, std::string(40, 'x'), 10);
    const auto text = cmdline_from_memory(area_of(3, 37), memory, kPage, buffer);
    REQUIRE(text);
    CHECK(*text == std::string(10, 'x'));
  }
}

TEST_CASE("memory that cannot be read sends the caller to the file") {
  std::string buffer;
  FakeMemory unreadable(kBase + 100, "ps\0"s);
  CHECK_FALSE(cmdline_from_memory(area_of(3, 4), unreadable, kPage, buffer));
  FakeMemory cut_short(kBase, "ps\0ax\0"s, 4);
  CHECK_FALSE(cmdline_from_memory(area_of(6, 4), cut_short, kPage, buffer));
}

TEST_CASE("our own command line from memory matches /proc/self/cmdline") {
  std::ifstream stat_file("/proc/self/stat");
  const std::string stat((std::istreambuf_iterator<char>(stat_file)),
                         std::istreambuf_iterator<char>());
  const auto area = parse_stat_cmdline_area(stat);
  REQUIRE(area);
  ProcessMemory memory(::getpid());
  std::string buffer;
  const auto text =
      cmdline_from_memory(*area, memory, static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), buffer);
  REQUIRE(text);
  std::ifstream cmdline_file("/proc/self/cmdline", std::ios::binary);
  const std::string cmdline((std::istreambuf_iterator<char>(cmdline_file)),
                            std::istreambuf_iterator<char>());
  CHECK(*text == cmdline);
}

// lsof's cells and columns (print.c print_file, proc.c print_proc), on rows built here.
#include <catch2/catch.hpp>

#include "options.h"
#include "output.h"
#include "safe_text.h"

using namespace tdlsof;

namespace {

FileRow regular(const char* fd, char access, std::uint64_t size, std::uint64_t inode,
                const char* name) {
  FileRow f;
  f.fd = fd;
  f.access = access;
  f.type = "REG";
  f.device = (254u << 8) | 1u;
  f.size = size;
  f.node = NodeKind::Inode;
  f.inode = inode;
  f.name = name;
  f.selected = true;
  return f;
}

}  // namespace

TEST_CASE("escapes as lsof prints names and commands") {
  CHECK(safe_text("a\nb\\c\x01") == "a\\nb\\\\c^A");
  CHECK(safe_text("a b", true) == "a\\x20b");
  CHECK(safe_width("a b", true) == 6);
  CHECK(safe_fixed("abc\tdef", 5) == "abc\\t");
  CHECK(safe_fixed("abcd\tdef", 5) == "abcd ");
  CHECK(escape_byte(0x7f) == "\\x7f");
  // lsof passes a signed char: 0xff is not its "^?" case but a \xNN, and bytes from 0x80
  // count 2 columns when sizing (as control characters) though they print 4.
  CHECK(escape_byte(0xff) == "\\xff");
  CHECK(safe_width("a\xff") == 3);
  CHECK(safe_fixed("bad\xff\xfe", 9) == "bad\\xff  ");
}

TEST_CASE("offsets switch from 0t to 0x past the digit limit") {
  Options options;
  FileRow f;
  f.offset = 12345678;
  CHECK(size_or_offset(f, options) == "0t12345678");
  f.offset = 123456789;
  CHECK(size_or_offset(f, options) == "0x75bcd15");
  options.offset_digits = 0;
  CHECK(size_or_offset(f, options) == "0t123456789");
}

TEST_CASE("file flags by name in lsof's table order, or in hex") {
  CHECK(file_flags_cell(0100001, false) == "W,LG");
  CHECK(file_flags_cell(02102002, false) == "RW,AP,LG,CX");
  CHECK(file_flags_cell(0, false).empty());
  CHECK(file_flags_cell(0100000, true) == "0x8000;0x0");
  CHECK(file_flags_cell(0x40000000, false) == "0x40000000");
}

TEST_CASE("the text table sizes columns over all rows and titles") {
  Options options;
  Logins logins(true);
  ProcessRows p;
  p.pid = 42;
  p.command = "a very long command";
  p.uid = 0;
  p.files.push_back(regular("cwd", ' ', 4096, 2, "/"));
  p.files.push_back(regular("   3", 'u', 123456789012, 77, "/tmp/x y"));
  FileRow unselected = regular("   4", 'r', 1, 1, "/hidden");
  unselected.selected = false;
  p.files.push_back(unselected);
  const std::string text = text_output({p}, options, logins);
  CHECK(text ==
        "COMMAND   PID     USER   FD   TYPE DEVICE     SIZE/OFF NODE NAME\n"
        "a\\x20very  42        0  cwd    REG  254,1         4096    2 /\n"
        "a\\x20very  42        0    3u   REG  254,1 123456789012   77 /tmp/x y\n");
}

TEST_CASE("field output: process fields once, file fields per file, NUL terminators") {
  Options options;
  options.fields = FieldChoice{"pcfn0"};
  options.terminator = '\0';
  Logins logins(true);
  ProcessRows p;
  p.pid = 7;
  p.command = "sh";
  p.files.push_back(regular("   3", 'r', 10, 5, "/etc/passwd"));
  const std::string out = field_output({p}, options, logins);
  CHECK(out == std::string("p7\0csh\0\nf3\0n/etc/passwd\0\n", 25));
}

TEST_CASE("terse output: each listed pid once") {
  ProcessRows a, b, c;
  a.pid = 5;
  a.files.push_back(regular("cwd", ' ', 1, 1, "/"));
  b.pid = 5;
  b.tid = 6;
  b.files.push_back(regular("cwd", ' ', 1, 1, "/"));
  c.pid = 9;
  c.files.push_back(regular("cwd", ' ', 1, 1, "/"));
  c.files[0].selected = false;
  CHECK(terse_output({a, b, c}) == "5\n");
}

#include "stat_view.h"

TEST_CASE("lsof's reading of a stat line: the ')' that balances, not the last one") {
  auto plain = lsof_stat_view("bash", 'S', 1, 7);
  REQUIRE(plain);
  CHECK(plain->command == "bash");
  CHECK(plain->ppid == 1);
  CHECK(plain->pgid == 7);
  auto extra_close = lsof_stat_view("(x) y)", 'S', 1, 7);
  REQUIRE(extra_close);
  CHECK(extra_close->command == "(x) y");
  CHECK(extra_close->ppid == 0);  // the words after the early ')' are ") S 1": "S" is no number
  auto extra_open = lsof_stat_view("a(b", 'S', 1, 7);
  CHECK_FALSE(extra_open);
  auto zombie = lsof_stat_view("z", 'Z', 1, 1);
  REQUIRE(zombie);
  CHECK(zombie->zombie);
}

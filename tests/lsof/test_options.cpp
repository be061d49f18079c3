// lsof 4.95's command-line reading (main.c GetOpt and its option cases), checked against
// what /usr/bin/lsof does with the same words.
#include <catch2/catch.hpp>

#include "options.h"

using tdlsof::parse_options;

TEST_CASE("letters group and values are swallowed from the word or the next one") {
  auto r = parse_options({"-nPp123", "-u", "0"});
  REQUIRE_FALSE(r.failed);
  CHECK_FALSE(r.options.host_names);
  CHECK_FALSE(r.options.port_names);
  REQUIRE(r.options.pids.size() == 1);
  CHECK(r.options.pids[0].id == 123);
  REQUIRE(r.options.uids.size() == 1);
  CHECK(r.options.uids[0].uid == 0);
}

TEST_CASE("an optional value that is the next option is given back") {
  auto r = parse_options({"-g", "-p", "1"});
  REQUIRE_FALSE(r.failed);
  CHECK(r.options.show_pgid);
  CHECK(r.options.pgids.empty());
  REQUIRE(r.options.pids.size() == 1);
  CHECK(r.options.pids[0].id == 1);
}

TEST_CASE("a number after -o sets the offset digits, the rest is read as options") {
  auto r = parse_options({"-o5n"});
  REQUIRE_FALSE(r.failed);
  CHECK(r.options.offset_digits == 5);
  CHECK_FALSE(r.options.offsets);
  CHECK_FALSE(r.options.host_names);
  auto plain = parse_options({"-o", "-p", "1"});
  CHECK(plain.options.offsets);
  CHECK(plain.options.pids.size() == 1);
}

TEST_CASE("options lsof 4.95 lacks on Linux are illegal characters") {
  auto r = parse_options({"-C", "-j"});
  CHECK(r.failed);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0] == "illegal option character: C");
  CHECK(r.errors[1] == "illegal option character: j");
  CHECK(parse_options({"-a:"}).errors.at(0) == "colon is an illegal option character.");
}

TEST_CASE("pid lists: exclusions, duplicates, conflicts, garbage") {
  auto r = parse_options({"-p", "1,^2,1"});
  REQUIRE_FALSE(r.failed);
  REQUIRE(r.options.pids.size() == 2);
  CHECK(r.options.pids[1].excluded);
  auto conflict = parse_options({"-p", "5,^5"});
  CHECK(conflict.failed);
  CHECK(conflict.errors.at(0) == "PID 5 has been included and excluded.");
  auto bad = parse_options({"-p", "1x"});
  CHECK(bad.failed);
  CHECK(bad.errors.at(0) == "illegal process ID: 1x");
}

TEST_CASE("-d lists do not mix inclusions and exclusions") {
  auto r = parse_options({"-d", "^1,2"});
  CHECK(r.failed);
  CHECK(r.errors.at(0) == "include in an exclude -d list: 2");
  auto range = parse_options({"-d", "3-10,cwd,fd"});
  REQUIRE_FALSE(range.failed);
  REQUIRE(range.options.fds.size() == 3);
  CHECK(range.options.fds[0].low == 3);
  CHECK(range.options.fds[0].high == 10);
  CHECK(range.options.fds[1].name == "cwd");
  CHECK(range.options.fds[2].high == 0x7fffffff);
  CHECK(parse_options({"-d", "5-3"}).errors.at(0) == "-d FD range's low >= its high: 5-3");
}

TEST_CASE("+L, +L1 and -L") {
  auto plus = parse_options({"+L1"});
  CHECK(plus.options.link_counts);
  CHECK(plus.options.select_nlink);
  CHECK(plus.options.nlink_below == 1);
  auto minus = parse_options({"-L1"});
  CHECK(minus.failed);
  CHECK(minus.errors.at(0) == "no number may follow -L");
  auto bare = parse_options({"+L", "-p1"});
  CHECK(bare.options.link_counts);
  CHECK_FALSE(bare.options.select_nlink);
  CHECK(bare.options.pids.size() == 1);
}

TEST_CASE("-F: letters, NUL terminator, plain -F, unknown letters") {
  auto r = parse_options({"-Fpcn0"});
  REQUIRE_FALSE(r.failed);
  REQUIRE(r.options.fields);
  CHECK(r.options.fields->letters == "pcn0");
  CHECK(r.options.terminator == '\0');
  auto plain = parse_options({"-F"});
  REQUIRE(plain.options.fields);
  CHECK(plain.options.show_pgid);
  CHECK(plain.options.show_ppid);
  CHECK(plain.options.link_counts);
  CHECK(plain.options.terminator == '\n');
  CHECK_FALSE(plain.options.fields->has('r'));
  auto zero = parse_options({"-F", "0"});
  CHECK(zero.options.terminator == '\0');
  auto bad = parse_options({"-Fx"});
  CHECK(bad.failed);
  CHECK(bad.errors.at(0) == "unknown field: x");
  CHECK(parse_options({"-F", "-t"}).errors.at(0) == "-F and -t are mutually exclusive");
}

TEST_CASE("-K, -K i, -r with a count, +c") {
  CHECK(parse_options({"-K"}).options.select_tasks);
  auto ignore = parse_options({"-K", "i"});
  CHECK(ignore.options.ignore_tasks);
  CHECK_FALSE(ignore.options.select_tasks);
  CHECK(parse_options({"-Kx"}).errors.at(0) == "-K not followed by i (but by x)");
  auto repeat = parse_options({"-r1c2"});
  CHECK(repeat.options.repeat_seconds == 1);
  CHECK(repeat.options.repeat_count == 2);
  CHECK(parse_options({"+c", "15"}).options.command_width == 15);
  CHECK(parse_options({"+c", "16"}).errors.at(0) == "+c 16 > what system provides (15)");
  CHECK(parse_options({"+c", "x"}).errors.at(0) == "+c not followed by width number");
}

TEST_CASE("-c lists and conflicts, -a without a selection, operands") {
  auto conflict = parse_options({"-c", "^sh", "-c", "sh"});
  CHECK(conflict.failed);
  CHECK(conflict.errors.at(0) == "-c^sh and -csh conflict.");
  auto rx = parse_options({"-c", "/^s.*p$/x"});
  REQUIRE(rx.options.command_regexes.size() == 1);
  CHECK(rx.options.command_regexes[0].exact);
  auto lonely = parse_options({"-a"});
  CHECK(lonely.no_selection_to_and);
  CHECK(lonely.errors.at(0) == "no select options to AND via -a");
  auto names = parse_options({"-n", "--", "-p", "/tmp"});
  CHECK(names.options.names == std::vector<std::string>{"-p", "/tmp"});
}

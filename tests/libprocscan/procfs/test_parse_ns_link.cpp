// parse_ns_link on captured /proc/PID/ns/* link targets and hostile ones.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "parser_fixture.h"
#include "procfs/parsers.h"

using namespace procscan::procfs;
using namespace procscan::procfs::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  return lines;
}

}  // namespace

TEST_CASE("captured namespace links", "[procfs][ns]") {
  const auto links = lines_of(fixture("threads/ns_links"));
  REQUIRE(links.size() == 8);
  CHECK(links[0] == "cgroup:[4026531835]");
  CHECK(parse_ns_link(links[0]) == 4026531835u);
  CHECK(parse_ns_link(links[1]) == 4026531839u);  // ipc
  CHECK(parse_ns_link(links[2]) == 4026531832u);  // mnt
  CHECK(parse_ns_link(links[3]) == 4026531833u);  // net
  CHECK(parse_ns_link(links[4]) == 4026531836u);  // pid
  CHECK(parse_ns_link(links[5]) == 4026531834u);  // time
  CHECK(parse_ns_link(links[6]) == 4026531837u);  // user
  CHECK(parse_ns_link(links[7]) == 4026531838u);  // uts
}

TEST_CASE("hostile namespace links", "[procfs][ns]") {
  const auto links = lines_of(fixture("hostile/ns_links_hostile"));
  REQUIRE(links.size() == 14);
  CHECK(links[0] == "net:[]");
  CHECK(parse_ns_link(links[0]) == std::nullopt);
  CHECK(parse_ns_link(links[1]) == std::nullopt);  // net:[12
  CHECK(parse_ns_link(links[2]) == std::nullopt);  // net:12]
  CHECK(parse_ns_link(links[3]) == std::nullopt);  // :[12]
  CHECK(parse_ns_link(links[4]) == std::nullopt);  // net:[-1]
  CHECK(parse_ns_link(links[5]) == std::nullopt);  // net:[18446744073709551616]
  CHECK(parse_ns_link(links[6]) == std::nullopt);  // net:[ 12]
  CHECK(links[7] == "net:[4026531840]");
  CHECK(parse_ns_link(links[7]) == 4026531840u);
  CHECK(parse_ns_link(links[8]) == std::nullopt);   // empty
  CHECK(parse_ns_link(links[9]) == std::nullopt);   // net
  CHECK(parse_ns_link(links[10]) == std::nullopt);  // [1]
  CHECK(parse_ns_link(links[11]) == std::nullopt);  // a:b:[1]
  CHECK(parse_ns_link(links[12]) == 123u);          // pipe:[123]: any name
  CHECK(parse_ns_link(links[13]) == std::nullopt);  // net:[0x10]
  CHECK(parse_ns_link("net:[4026531840]\n") == std::nullopt);
  CHECK(parse_ns_link("net:[18446744073709551615]") == UINT64_MAX);
}

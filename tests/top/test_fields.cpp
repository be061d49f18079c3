// The field table against top 4.0.2's own list and against the man page.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "fields.h"

using namespace td::top;

TEST_CASE("the fields are top's, in top's order (`top -O` of procps-ng 4.0.2)", "[fields]") {
  CHECK(field_list_text() ==
        "PID\nPPID\nUID\nUSER\nRUID\nRUSER\nSUID\nSUSER\nGID\nGROUP\nPGRP\nTTY\nTPGID\nSID\n"
        "PR\nNI\nnTH\nP\n%CPU\nTIME\nTIME+\n%MEM\nVIRT\nSWAP\nRES\nCODE\nDATA\nSHR\nnMaj\nnMin\n"
        "nDRT\nS\nCOMMAND\nWCHAN\nFlags\nCGROUPS\nSUPGIDS\nSUPGRPS\nTGID\nOOMa\nOOMs\nENVIRON\n"
        "vMj\nvMn\nUSED\nnsIPC\nnsMNT\nnsNET\nnsPID\nnsUSER\nnsUTS\nLXC\nRSan\nRSfd\nRSlk\nRSsh\n"
        "CGNAME\nNU\nLOGID\nEXE\nRSS\nPSS\nPSan\nPSfd\nPSsh\nUSS\nioR\nioRop\nioW\nioWop\nAGID\n"
        "AGNI\nSTARTED\nELAPSED\n%CUU\n%CUC\nnsCGROUP\nnsTIME\n");
  CHECK(field_by_header("%CPU") == FieldId::Cpu);
  CHECK_FALSE(field_by_header("%cpu"));
}

TEST_CASE("every field is in the man page's FIELDS section", "[fields][man]") {
  std::ifstream in(MAN_PAGE);
  std::stringstream text;
  text << in.rdbuf();
  const std::string page = text.str();
  const std::size_t begin = page.find(".SH FIELDS");
  REQUIRE(begin != std::string::npos);
  const std::string section = page.substr(begin, page.find(".SH ", begin + 1) - begin);
  for (const FieldSpec& spec : all_fields()) {
    INFO(spec.header);
    // As a whole word: "TIME" must not pass on "TIME+".
    const std::string escaped =
        std::regex_replace(std::string(spec.header), std::regex(R"([+%])"), R"(\$&)");
    CHECK(std::regex_search(section, std::regex("(^|[ \"\n])" + escaped + "($|[ \",\n])")));
  }
}

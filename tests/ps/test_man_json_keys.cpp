// tdps(1) lists the JSON keys each predefined format gives. The list is made here, from the
// format tables through the option parser (the path every run takes), and must be the
// man page's: `TD_WRITE_MAN=1 build/tests/ps/tdps_unit_tests '[man]'` rewrites it there.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.h"
#include "json_rows.h"
#include "personality.h"

namespace {

// The man page's copy lies between these two comment lines.
constexpr std::string_view kBegin = ".\\\" JSON keys of the predefined formats: generated\n";
constexpr std::string_view kEnd = ".\\\" JSON keys of the predefined formats: end\n";

// The predefined formats a user meets: the option words, and how the page names them.
struct PredefinedFormat {
  std::vector<std::string_view> args;
  std::string_view label;  // roff
};

const std::vector<PredefinedFormat> kFormats = {
    {{}, "no format option (\\fBps\\fR, \\fB\\-e\\fR, \\fB\\-p\\fR ...)"},
    {{"-f"}, "\\fB\\-f\\fR"},
    {{"-F"}, "\\fB\\-F\\fR"},
    {{"-l"}, "\\fB\\-l\\fR"},
    {{"-lf"}, "\\fB\\-lf\\fR"},
    {{"-ly"}, "\\fB\\-ly\\fR"},
    {{"-j"}, "\\fB\\-j\\fR"},
    {{"-c"}, "\\fB\\-c\\fR"},
    {{"-L"}, "\\fB\\-L\\fR"},
    {{"-Lf"}, "\\fB\\-Lf\\fR"},
    {{"-T"}, "\\fB\\-T\\fR"},
    {{"-M"}, "\\fB\\-M\\fR"},
    {{"x"}, "BSD options without a format (\\fBx\\fR, \\fBax\\fR, \\fBT\\fR ...)"},
    {{"u"}, "\\fBu\\fR (\\fBaux\\fR)"},
    {{"j"}, "\\fBj\\fR"},
    {{"l"}, "\\fBl\\fR"},
    {{"s"}, "\\fBs\\fR"},
    {{"v"}, "\\fBv\\fR"},
    {{"X"}, "\\fBX\\fR"},
};

// A key as roff text: a minus is "\-", a backslash "\e".
std::string roff(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '-')
      out += "\\-";
    else if (c == '\\')
      out += "\\e";
    else
      out.push_back(c);
  }
  return out;
}

std::string generated_list() {
  td::ps::InvocationEnvironment env;
  env.personality = td::ps::choose_personality("unknown", nullptr);
  std::string text;
  for (const PredefinedFormat& format : kFormats) {
    td::ps::Invocation invocation;
    const std::string error = td::ps::parse_command_line(format.args, env, invocation);
    INFO(format.label);
    REQUIRE(error.empty());
    text += ".TP\n";
    text += format.label;
    text += "\n\\fB";
    bool first = true;
    for (const std::string& key : td::ps::json_keys(invocation.format.columns)) {
      if (!first) text += ' ';
      text += "\\%" + roff(key);  // "\%": never hyphenated
      first = false;
    }
    text += "\\fR\n";
  }
  return text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("tdps(1) lists the JSON keys of the predefined formats as they are", "[man]") {
  const std::string path = TD_MAN_PAGE;
  std::string page = read_text(path);
  const std::size_t begin = page.find(kBegin);
  const std::size_t end = page.find(kEnd);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::size_t first = begin + kBegin.size();
  REQUIRE(first <= end);
  const std::string generated = generated_list();
  if (std::getenv("TD_WRITE_MAN")) {
    page.replace(first, end - first, generated);
    std::ofstream(path) << page;
    SUCCEED("rewrote " + path);
    return;
  }
  INFO("regenerate with: TD_WRITE_MAN=1 build/tests/ps/tdps_unit_tests '[man]'");
  CHECK(page.substr(first, end - first) == generated);
}

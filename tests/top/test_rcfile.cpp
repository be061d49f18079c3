// Reading rcfiles as top 4.0.2 does: files top itself wrote (tests/data/top, made by
// make_rcfiles.sh), hand-damaged ones refused with top's messages (each checked against
// /usr/bin/top), and the search for the file.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "rcfile.h"

using namespace td::top;

namespace {

std::string data_file(const std::string& name) {
  std::ifstream in(std::string(TOP_DATA_DIR) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string parse(const std::string& text, TopConfig& config, float& delay) {
  return parse_rcfile(text, "/home/u/.toprc", config, delay);
}

std::string parse(const std::string& text) {
  TopConfig config = default_config();
  float delay = 0;
  return parse(text, config, delay);
}

std::string edited(const std::string& text, const std::string& from, const std::string& to) {
  return std::regex_replace(text, std::regex(from), to, std::regex_constants::format_first_only);
}

const std::string kIncompatible = "incompatible rcfile, you should delete '/home/u/.toprc'";
const std::string kWindow1 = "window entry #1 corrupt, please delete '/home/u/.toprc'";

}  // namespace

TEST_CASE("the file top writes with its defaults reads back as the defaults", "[rcfile]") {
  const std::string text = data_file("default/.toprc");
  REQUIRE_FALSE(text.empty());
  TopConfig config = default_config();
  config.windows[0].fields.fill(0);
  float delay = 0;
  CHECK(parse(text, config, delay).empty());
  const TopConfig defaults = default_config();
  CHECK(delay == 3.0f);
  CHECK(config.id == 'k');
  CHECK(config.irix_mode == 1);
  CHECK(config.summary_scale == 1);
  for (int i = 0; i < kWindows; ++i) {
    const auto& got = config.windows[static_cast<std::size_t>(i)];
    const auto& want = defaults.windows[static_cast<std::size_t>(i)];
    INFO("window " << i);
    CHECK(got.name == want.name);
    CHECK(got.flags == want.flags);
    CHECK(got.sort_field == want.sort_field);
    CHECK(got.fields == want.fields);
  }
  // top zeroes the first window's double_up before writing (one %Cpu(s) line).
  CHECK(config.windows[0].double_up == 0);
}

TEST_CASE("a file with other fields and sort", "[rcfile]") {
  TopConfig config = default_config();
  float delay = 0;
  REQUIRE(parse(data_file("ids/.toprc"), config, delay).empty());
  const WindowConfig& w = config.windows[0];
  CHECK(w.sort_field == static_cast<int>(FieldId::Ppid));
  CHECK(w.fields[4] == field_entry(FieldId::Virt, false));
  CHECK(w.fields[12] == field_entry(FieldId::Ppid, true));
}

TEST_CASE("damaged files are refused with top's messages", "[rcfile]") {
  const std::string good = data_file("default/.toprc");
  CHECK(parse("") == kIncompatible);
  CHECK(parse(edited(good, "Id:k", "Id:z")) == kIncompatible);
  CHECK(parse(edited(good, "Id:k", "Id:c")) == kIncompatible);
  CHECK(parse(edited(good, "Mode_altscr=0", "Mode_altscr=2")) == kIncompatible);
  CHECK(parse(edited(good, "Delay_time=3.0", "Delay_time=-1.0")) == kIncompatible);
  CHECK(parse(edited(good, "Curwin=0", "Curwin=4")) == kIncompatible);
  CHECK(parse(edited(good, "sortindx=18", "sortindx=78")) == kWindow1);
  CHECK(parse(edited(good, "  75 ", "  81 ")) == kWindow1);  // a field twice
  CHECK(parse(edited(good, "Def\t", "Defx\t")) == kWindow1);
  CHECK(parse(edited(good, "summclr=1", "summclr=256")) == kWindow1);
  CHECK(parse(edited(good, ", maxtasks=0.*", "")) == kWindow1);  // fewer than 3 numbers
  const std::string two_lines = good.substr(0, good.find('\n', good.find('\n') + 1) + 1);
  CHECK(parse(two_lines) == kWindow1);
  const std::string job = "window entry #2 corrupt, please delete '/home/u/.toprc'";
  CHECK(parse(edited(good, "sortindx=0,", "sortindx=-1,")) == job);
}

TEST_CASE("what top tolerates", "[rcfile]") {
  const std::string good = data_file("default/.toprc");
  // No last line; three numbers on the flags line; an out-of-range Fixed_widest is reset.
  CHECK(parse(edited(good, "Fixed_widest=.*\n", "")).empty());
  CHECK(parse(edited(good,
                     ", graph_cpus=0, graph_mems=0, double_up=0, combine_cpus=0, core_types=0", ""))
            .empty());
  TopConfig config = default_config();
  float delay = 0;
  CHECK(parse(edited(good, "Fixed_widest=0", "Fixed_widest=999"), config, delay).empty());
  CHECK(config.fixed_widest == 0);
  CHECK(parse(edited(good, "Delay_time=3.0", "Delay_time=1.500"), config, delay).empty());
  CHECK(delay == 1.5f);
}

TEST_CASE("the other filters W saves", "[rcfile][filters]") {
  std::string text = data_file("default/.toprc");
  text +=
      "\nbegin: saved other filter data -------------------\n"
      "window #0, osel_tot=2\n"
      "\ttype=111,\tfilter=COMMAND=s\n"
      "\ttype=79,\tfilter=!PID<20\n"
      "end  : saved other filter data -------------------\n";
  TopConfig config = default_config();
  float delay = 0;
  REQUIRE(parse(text, config, delay).empty());
  const auto& filters = config.windows[0].filters;
  REQUIRE(filters.size() == 2);
  CHECK(filters[0].ignore_case);
  CHECK(filters[0].field == FieldId::Command);
  CHECK(filters[0].value == "s");
  CHECK_FALSE(filters[1].ignore_case);
  CHECK_FALSE(filters[1].include);
  CHECK(filters[1].relation == '<');
  // PID's width is still 0 when top reads its rcfile: the value is a lone blank.
  CHECK(filters[1].value == " ");
}

// top.h's 3.x default field strings (ORIG_TOPDEFS), as 3.3.17 wrote them ("Id:j").
constexpr char kDefFormer[] =
    "\xa5\xa8\xb3\xb4\xbb\xbd\xc0\xc4\xb7\xba\xb9\xc5&')*+,-./012568<>\x3f"
    "ABCFGHIJKLMNOPQRSTUVWXYZ[\x5c]^_`abcdefghijklmnopqrstuvwxyz";
constexpr char kJobFormer[] =
    "\xa5\xa6\xb9\xb7\xba(\xb3\xb4\xc4\xbb\xbd@<\xa7\xc5)*+,-./012568>\x3f"
    "ABCFGHIJKLMNOPQRSTUVWXYZ[\x5c]^_`abcdefghijklmnopqrstuvwxyz";
constexpr char kMemFormer[] =
    "\xa5\xba\xbb<\xbd\xbe\xbf\xc0\xc1MBN\xc3"
    "D34\xb7\xc5&'()*+,-./0125689FGHIJKLOPQRSTUVWXYZ[\x5c]^_`abcdefghijklmnopqrstuvwxyz";
constexpr char kUsrFormer[] =
    "\xa5\xa6\xa7\xa8\xaa\xb0\xb9\xb7\xba\xc4\xc5)+,-./"
    "1234568;<=>\x3f@ABCFGHIJKLMNOPQRSTUVWXYZ[\x5c]^_`abcdefghijklmnopqrstuvwxyz";

TEST_CASE("a 3.3.17 file (one byte per field) converts to 4.x's entries", "[rcfile]") {
  std::string text =
      "top's Config File (Linux processes with windows)\n"
      "Id:j, Mode_altscr=0, Mode_irixps=1, Delay_time=1.500, Curwin=0\n";
  const char* names[] = {"Def", "Job", "Mem", "Usr"};
  const char* formers[] = {kDefFormer, kJobFormer, kMemFormer, kUsrFormer};
  const int sorts[] = {18, 0, 21, 3};
  for (int i = 0; i < 4; ++i) {
    text += std::string(names[i]) + "\tfieldscur=" + formers[i] + "\n";
    text += "\twinflags=193844, sortindx=" + std::to_string(sorts[i]) +
            ", maxtasks=0, graph_cpus=0, graph_mems=0, double_up=0, combine_cpus=0\n"
            "\tsummclr=1, msgsclr=1, headclr=3, taskclr=1\n";
  }
  text += "Fixed_widest=0, Summ_mscale=1, Task_mscale=0, Zero_suppress=0\n";
  TopConfig config = default_config();
  for (auto& w : config.windows)
    w.fields.fill(0);
  float delay = 0;
  REQUIRE(parse(text, config, delay).empty());
  CHECK(delay == 1.5f);
  const TopConfig defaults = default_config();
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("window " << i);
    for (std::size_t j = 0; j < 86; ++j)
      CHECK(config.windows[i].fields[j] == defaults.windows[i].fields[j]);
  }
}

TEST_CASE("the rcfile search: legacy, then XDG, then the system's defaults", "[rcfile]") {
  std::map<std::string, std::string> files;
  RcSources sources;
  sources.program = "top";
  sources.home = "/home/u";
  sources.read = [&](const std::string& path) -> std::optional<std::string> {
    const auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  const std::string good = data_file("default/.toprc");
  const std::string slow = edited(good, "Delay_time=3.0", "Delay_time=7.0");

  TopConfig config = default_config();
  RcReadResult result = read_rc_files(sources, config);
  CHECK(result.error.empty());
  CHECK(result.path == "/home/u/.config/procps/toprc");
  CHECK(config.delay == 3.0f);

  files["/etc/topdefaultrc"] = slow;
  config = default_config();
  read_rc_files(sources, config);
  CHECK(config.delay == 7.0f);

  files["/home/u/.config/procps/toprc"] = "broken";
  config = default_config();
  result = read_rc_files(sources, config);
  CHECK(result.error == "incompatible rcfile, you should delete '/home/u/.config/procps/toprc'");

  files["/home/u/.toprc"] = good;  // the legacy file wins
  config = default_config();
  result = read_rc_files(sources, config);
  CHECK(result.error.empty());
  CHECK(result.path == "/home/u/.toprc");

  // XDG_CONFIG_HOME counts only when absolute; a program called otherwise has its own file.
  files.clear();
  files["/xdg/procps/tdtoprc"] = slow;
  sources.program = "tdtop";
  sources.xdg_config_home = "/xdg";
  config = default_config();
  result = read_rc_files(sources, config);
  CHECK(result.path == "/xdg/procps/tdtoprc");
  CHECK(config.delay == 7.0f);
  sources.xdg_config_home = "relative";
  config = default_config();
  result = read_rc_files(sources, config);
  CHECK(result.path == "/home/u/.config/procps/tdtoprc");
}

TEST_CASE("/etc/toprc: secure mode and its delay, never for root", "[rcfile]") {
  std::map<std::string, std::string> files{{"/etc/toprc", "secure\n2.5\n"}};
  RcSources sources;
  sources.program = "top";
  sources.read = [&](const std::string& path) -> std::optional<std::string> {
    const auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  TopConfig config = default_config();
  RcReadResult result = read_rc_files(sources, config);
  CHECK(result.secure);
  CHECK(config.delay == 2.5f);
  sources.root = true;
  config = default_config();
  result = read_rc_files(sources, config);
  CHECK_FALSE(result.secure);
  CHECK(config.delay == 3.0f);
  files["/etc/toprc"] = "";
  sources.root = false;
  config = default_config();
  CHECK_FALSE(read_rc_files(sources, config).secure);
}

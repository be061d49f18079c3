// The summary lines of top -b (the shapes of /usr/bin/top 4.0.2's output), from given
// figures; and top's show_special cutting.
#include <catch2/catch.hpp>

#include "special_text.h"
#include "summary.h"

using namespace td::top;

namespace {

SummaryInput machine() {
  SummaryInput in;
  in.name = "top";
  in.uptime_seconds = 6 * 60 + 5;
  in.users = 0;
  in.load[0] = 7.31;
  in.load[1] = 3.66;
  in.load[2] = 1.51;
  in.counts = {116, 8, 108, 0, 0};
  in.all_cpus.user = 5;
  in.all_cpus.system = 6;
  in.all_cpus.nice = 2;
  in.all_cpus.sum_user = 7;
  in.all_cpus.sum_system = 6;
  in.all_cpus.sum_total = 13;
  CpuDelta cpu0 = in.all_cpus, cpu1;
  cpu0.id = 0;
  cpu1.id = 1;
  cpu1.idle = 4;
  cpu1.sum_total = 4;
  in.cpus = {cpu0, cpu1};
  in.memory.total = 24683724;
  in.memory.free = 22694195;
  in.memory.available = 23700000;
  in.memory.buffers = 1000;
  in.memory.cached = 1200000;
  in.memory.reclaimable = 72586;
  return in;
}

// The first window as a run starts it: one %Cpu(s) line leaves nothing side by side.
WindowConfig first_window() {
  WindowConfig w = default_config().windows[0];
  w.double_up = 0;
  return w;
}

// The summary without its first line (the clock is local time).
std::string summary(const SummaryInput& in, const WindowConfig& w, int columns = 80,
                    int scale = 1) {
  std::string out;
  append_summary(out, in, w, {columns, 0x7fffffff, scale});
  return out.substr(out.find('\n') + 1);
}

}  // namespace

TEST_CASE("the classic summary", "[summary]") {
  const WindowConfig w = first_window();
  CHECK(summary(machine(), w) ==
        "Tasks: 116 total,   8 running, 108 sleeping,   0 stopped,   0 zombie\n"
        "%Cpu(s): 38.5 us, 46.2 sy, 15.4 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n"
        "MiB Mem :  24105.2 total,  22162.3 free,    960.7 used,   1243.7 buff/cache     \n"
        "MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23144.5 avail Mem \n");
}

TEST_CASE("memory in every scale, with '+' where a number overflows", "[summary]") {
  const WindowConfig w = first_window();
  const std::string kib = summary(machine(), w, 80, 0);
  // KiB in float, as top has them: 22694195 shows as 22694196.
  CHECK(kib.find("KiB Mem : 24683724 total, 22694196 free,   983724 used,  1273586 buff/cache") !=
        std::string::npos);
  SummaryInput big = machine();
  big.memory.total = 1234567890;
  CHECK(summary(big, w, 80, 0).find("KiB Mem : 12345679+total,") != std::string::npos);
  CHECK(summary(machine(), w, 80, 5).find("EiB Mem :      0.0 total,") != std::string::npos);
  CHECK(summary(machine(), w, 80, 2).find("GiB Swap:      0.0 total,") != std::string::npos);
}

TEST_CASE("-1: each CPU, two abreast (double_up), cut to the screen", "[summary]") {
  WindowConfig w = default_config().windows[0];  // double_up 1 stays with -1
  w.flags &= ~kViewCpuSum;
  // At 80 columns the second CPU and the swap line fall off the right edge.
  CHECK(summary(machine(), w) ==
        "Tasks: 116 total,   8 running, 108 sleeping,   0 stopped,   0 zombie\n"
        "%Cpu0  : 38.5 us, 46.2 sy, 15.4 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n"
        "MiB Mem :  24105.2 total,  22162.3 free,    960.7 used,   1243.7 buff/cache     \n");
  const std::string wide = summary(machine(), w, 300);
  CHECK(wide.find(" st   %Cpu1  :  0.0 us,") != std::string::npos);
  CHECK(wide.find("buff/cache       MiB Swap:") != std::string::npos);
  w.double_up = 0;
  CHECK(summary(machine(), w).find("%Cpu1  :  0.0 us,  0.0 sy,  0.0 ni,100.0 id,") !=
        std::string::npos);
}

TEST_CASE("bar and block graphs", "[summary]") {
  WindowConfig w = first_window();
  w.graph_cpus = 1;
  SummaryInput in = machine();
  in.all_cpus = {};
  in.all_cpus.user = 5;
  in.all_cpus.system = 5;
  in.all_cpus.idle = 10;
  in.all_cpus.sum_user = 5;
  in.all_cpus.sum_system = 5;
  in.all_cpus.sum_total = 20;
  const std::string out = summary(in, w);
  const std::string line = out.substr(out.find("%Cpu"), 81);
  CHECK(line == "%Cpu(s):  25.0/25.0   50[" + std::string(26, '|') + std::string(27, ' ') + "] \n");
  w.graph_cpus = 2;
  const std::string blocks = summary(in, w);
  CHECK(blocks.find("%Cpu(s):  25.0/25.0   50[" + std::string(53, ' ') + "] \n") !=
        std::string::npos);
}

TEST_CASE("the load line: uptime in its three shapes, user or users", "[summary]") {
  SummaryInput in = machine();
  CHECK(uptime_text(in).substr(9) == " up 6 min,  0 user,  load average: 7.31, 3.66, 1.51");
  in.uptime_seconds = 3600 + 21 * 60;
  in.users = 1;
  CHECK(uptime_text(in).substr(9) == " up  1:21,  1 user,  load average: 7.31, 3.66, 1.51");
  in.uptime_seconds = 2 * 86400 + 5 * 60;
  in.users = 3;
  CHECK(uptime_text(in).substr(9) ==
        " up 2 days, 5 min,  3 users,  load average: 7.31, 3.66, 1.51");
  in.uptime_seconds = 86400 + 10 * 3600;
  CHECK(uptime_text(in).substr(9) == " up 1 day, 10:00,  3 users,  load average: 7.31, 3.66, 1.51");
}

TEST_CASE("show_special drops the markers and cuts each line to the screen", "[summary]") {
  std::string out;
  append_special(out, "ab~3cd~2ef\n~1ghij\n", 5);
  CHECK(out == "abcde\nghij\n");
  out.clear();
  append_special(out, "Tasks:~3 116 ~2total\n", 40);
  CHECK(out == "Tasks: 116 total\n");
  out.clear();
  append_special(out, "one~0two\n", 40);  // "~0" ends the line
  CHECK(out == "one\n");
}

TEST_CASE("CPU ticks: a line that went backwards counts as unchanged", "[summary]") {
  const CpuLine before{10, 0, 10, 100, 0, 0, 0, 0, 0, 0};
  const CpuLine after{15, 1, 12, 110, 1, 0, 0, 0, 0, 0};
  const CpuDelta d = cpu_delta(after, before);
  CHECK(d.user == 5);
  CHECK(d.sum_user == 6);
  CHECK(d.sum_total == 19);
  const CpuDelta back = cpu_delta(before, after);
  CHECK(back.sum_total == 0);
  CHECK(back.user == 0);
}

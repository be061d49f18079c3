// Pure value formatting of procps-ng 4.0.2 ps (src/ps/output.c), free of task access so
// that each rule can be unit-tested on plain numbers.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace td::ps {

// "time", "cputime": [DD-]HH:MM:SS of whole seconds.
void append_cputime(std::string& out, std::uint64_t seconds);
// "etime": [[DD-]HH:]MM:SS.
void append_elapsed(std::string& out, std::uint64_t seconds);
// "bsdtime": minutes unbounded, "%3u:%02u".
void append_bsdtime(std::string& out, std::uint64_t seconds);

// Lifetime CPU use in percent: ticks * 100 / (boot_ticks - start_ticks), 0 when the task
// started after the reference instant. Computed as libproc2's UTILIZATION.
double cpu_utilization(std::uint64_t cpu_ticks, std::uint64_t start_ticks,
                       std::uint64_t boot_ticks);
// "%cpu": one decimal, or a whole number from 100 on.
void append_pcpu(std::string& out, double utilization);
// "c": whole percent, "%2u", capped at 99.
void append_c(std::string& out, double utilization);
// "cp": per mille, "%3u", capped at 999.
void append_cp(std::string& out, double utilization);
// "cuu", "cuc": "%#.3f", capped at 99.999.
void append_utilization(std::string& out, double utilization);
// "%mem": rss * 1000 / total, "%2u.%u", capped at 99.9.
void append_pmem(std::string& out, std::uint64_t rss_kib, std::uint64_t mem_total_kib);

// The BSD "stat" letters: state, then < N L s l + in that order.
struct StatFlags {
  char state = '?';
  std::int64_t nice = 0;
  std::uint64_t locked_kib = 0;
  bool session_leader = false;
  std::uint64_t threads = 1;
  bool foreground = false;
};
void append_stat(std::string& out, const StatFlags& flags);

// Signal masks as ps prints them from the 16 hex digits of /proc/PID/status: 16 digits
// when the screen has room, else the low 8 digits, with '<' when higher bits are set.
void append_signal_mask(std::string& out, std::uint64_t mask, bool wide);

// Scheduling class abbreviations of "class", "cls", "policy".
std::string_view scheduling_class_name(std::int64_t policy);

// Start time columns; `start` and `now` are seconds since the epoch, local time zone.
void append_stime(std::string& out, std::time_t start, std::time_t now);     // stime, start_time
void append_start(std::string& out, std::time_t start, std::time_t now);     // start
void append_bsdstart(std::string& out, std::time_t start, std::time_t now);  // bsdstart
void append_lstart(std::string& out, std::time_t start);                     // lstart

// A user or group name in `max_cells`: cut to max_cells - 1 plus '+' when longer, unless
// the last kept byte is not ASCII, then the number is shown (output.c do_pr_name).
// Returns the cells used. `name` has already been through the display pass.
int append_name_fitted(std::string& out, std::string_view name, int name_cells, std::uint64_t id,
                       int max_cells);

void append_unsigned(std::string& out, std::uint64_t value);
void append_signed(std::string& out, std::int64_t value);

}  // namespace td::ps

// Hand-written parsers for the machine-wide files behind the system figures. Each takes the
// whole file as read and sets the figures it finds in `out` (value and present flag); it
// never reads outside `text`, never allocates (but for the per-CPU vector, whose memory is
// kept between readings), and accepts any bytes. A missing or malformed value leaves its
// figure absent: a sign, a number past 64 bits, a stray byte inside a value. Keys match only
// at the start of a line, and a key seen twice keeps its first value. The bool results
// speak of the file's shape, not of every value in it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "procscan/system_figures.h"

namespace procscan::figures {

inline void set_figure(SystemSnapshot& out, SystemFigure f, std::uint64_t value) {
  out.values[static_cast<std::size_t>(f)] = value;
  out.present[static_cast<std::size_t>(f)] = true;
}

// /proc/stat: the first "cpu" line (user nice system idle iowait irq softirq steal guest
// guest_nice; older kernels print fewer, and the missing ones stay absent), ctxt, btime,
// processes, procs_running and procs_blocked. With `per_cpu`, out.cpus is refilled from the
// "cpuN" lines in file order (an offline CPU has none); a line whose N is not a number up to
// INT_MAX is skipped, and a malformed tick value ends its line's columns. intr and softirq
// are skipped. Returns false when there is no "cpu" line with at least one value.
bool parse_proc_stat(std::string_view text, bool per_cpu, SystemSnapshot& out);

// /proc/meminfo: the "Key: N kB" lines of the Meminfo figures. A value without its "kB" is
// left absent, as is MemAvailable on kernels before 3.14. Returns false when MemTotal is
// missing.
bool parse_meminfo(std::string_view text, SystemSnapshot& out);

// /proc/loadavg: "L1 L5 L15 running/total lastpid", each load in hundredths. Returns false
// unless the three loads are there and well formed.
bool parse_loadavg(std::string_view text, SystemSnapshot& out);

// /proc/uptime: "UP IDLE", seconds with two decimals, kept in hundredths (idle sums over
// every CPU, so it may exceed up). Returns false unless both are there and well formed.
bool parse_uptime(std::string_view text, SystemSnapshot& out);

// A number the kernel prints as "%lu.%02lu" (loads, uptime) in hundredths: digits, a point,
// exactly two digits; nullopt for anything else or past 64 bits.
std::optional<std::uint64_t> parse_centis(std::string_view token);

// The users procps-ng 4.0.2 counts (library/uptime.c count_users, which top's summary line
// shows): utmp records of type USER_PROCESS whose ut_user is not empty. `bytes` is the whole
// file as struct utmp records of this platform; a partial record at the end is not read, as
// glibc's getutent() reads whole records only.
std::size_t count_utmp_users(std::string_view bytes);

}  // namespace procscan::figures

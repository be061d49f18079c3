// The column printers: one function per distinct output of procps-ng 4.0.2 ps; the
// column table (columns.cpp) maps specifier names to them.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include "print_context.h"

namespace td::ps {

// Process, group and session ids (printers_ids.cpp).
int print_tgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_tid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_ppid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_tpgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_nlwp(const PrintContext&, const procscan::TaskRef&, std::string&);
// Users and groups, by name and by number.
int print_euser(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_ruser(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_suser(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_fuser(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_egroup(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rgroup(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sgroup(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_fgroup(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_euid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_ruid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_suid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_fuid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_egid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_fgid(const PrintContext&, const procscan::TaskRef&, std::string&);
// Terminal names.
int print_tty8(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_tty4(const PrintContext&, const procscan::TaskRef&, std::string&);

// Texts the printers show, also the sort keys of their columns (printers_text.cpp).
// The command name as libproc2 keeps it (cleaned).
std::string task_command_name(const PrintContext&, const procscan::TaskRef&);
// libproc2's CMDLINE: the cleaned command line, or "[comm]" (and " <defunct>").
std::string task_command_line(const PrintContext&, const procscan::TaskRef&);

// Command text and other strings (printers_text.cpp).
int print_args(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_comm(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_fname(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_exe(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cgroup(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cgname(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_supgid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_supgrp(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_label(const PrintContext&, const procscan::TaskRef&, std::string&);

// State, priority and scheduling (printers_state.cpp).
int print_stat(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_state(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_flags(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_nice(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pri(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_opri(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_priority(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pri_api(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pri_bar(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pri_baz(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pri_foo(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rtprio(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_class(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sched(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_psr(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sgi_p(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_wchan(const PrintContext&, const procscan::TaskRef&, std::string&);

// The values behind the time columns, which --json writes unformatted (printers_time.cpp).
// CPU ticks, with waited-for children under S (the bsdtime rule; time never adds them).
std::uint64_t cpu_ticks(const PrintContext&, const procscan::TaskRef&);
std::uint64_t elapsed_seconds(const PrintContext&, const procscan::TaskRef&);
std::time_t start_time(const PrintContext&, const procscan::TaskRef&);

// CPU use and times (printers_time.cpp).
int print_pcpu(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_c(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cp(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cuu(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cuc(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_time(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_times(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_bsdtime(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_etime(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_etimes(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_start(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_stime(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_bsdstart(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_lstart(const PrintContext&, const procscan::TaskRef&, std::string&);

// Memory, faults, addresses, signals, namespaces, I/O (printers_memory.cpp).
int print_pmem(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_vsz(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rss(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sz(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_size(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_m_size(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_drs(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_trs(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_majflt(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_minflt(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_lim(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_stackp(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_esp(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_eip(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sig(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_tsig(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sigmask(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sigcatch(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sigignore(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_cgroupns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_ipcns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_mntns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_netns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pidns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_timens(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_userns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_utsns(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rbytes(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rchars(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_rops(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_wbytes(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_wcbytes(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_wchars(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_wops(const PrintContext&, const procscan::TaskRef&, std::string&);

// OOM, login uid, autogroup, PSS/USS, NUMA, systemd and LXC (printers_misc.cpp).
int print_oom(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_oomadj(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_luid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_agid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_agnice(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_pss(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_uss(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_numa(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_unit(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_uunit(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_slice(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_machine(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_session(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_seat(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_sd_ouid(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_lxc(const PrintContext&, const procscan::TaskRef&, std::string&);
// ps' own test columns: sample texts that cycle with the lines (printers_test_columns.cpp).
int print_test_left(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_test_left2(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_test_right(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_test_right2(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_test_unlimited(const PrintContext&, const procscan::TaskRef&, std::string&);
int print_test_unlimited2(const PrintContext&, const procscan::TaskRef&, std::string&);

}  // namespace td::ps

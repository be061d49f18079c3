#include "columns.h"

#include <algorithm>
#include <array>

#include "printers.h"

namespace td::ps {

namespace {

using procscan::FieldSet;
using enum procscan::Field;

// Field sets of the printers: what each reads from the task.
constexpr FieldSet kTgid{Tgid};
constexpr FieldSet kTid{Tid};
constexpr FieldSet kPpid{Ppid};
constexpr FieldSet kPgid{Pgid};
constexpr FieldSet kSid{Sid};
constexpr FieldSet kTpgid{Tpgid};
constexpr FieldSet kThreads{NumThreads};
constexpr FieldSet kEuid{Euid};
constexpr FieldSet kRuid{Ruid};
constexpr FieldSet kSuid{Suid};
constexpr FieldSet kFsuid{Fsuid};
constexpr FieldSet kEgid{Egid};
constexpr FieldSet kRgid{Rgid};
constexpr FieldSet kSgid{Sgid};
constexpr FieldSet kFsgid{Fsgid};
// The terminal name may come from the task's fd links, which need its tid.
constexpr FieldSet kTty{TtyNr, Tid};
// The command line falls back on "[comm]", and on " <defunct>" for zombies.
constexpr FieldSet kArgs{Cmdline, Comm, State};
constexpr FieldSet kComm{Comm};
constexpr FieldSet kExe{Exe};
constexpr FieldSet kCgroup{Cgroup};
constexpr FieldSet kGroups{SupGroups};
constexpr FieldSet kLabel{SecurityLabel};
constexpr FieldSet kStat{State, Nice, VmLck, Sid, Tgid, NumThreads, Pgid, Tpgid};
constexpr FieldSet kState{State};
constexpr FieldSet kFlags{Flags};
constexpr FieldSet kNice{Nice, Policy};
constexpr FieldSet kPriority{Priority};
constexpr FieldSet kRtprio{Policy, RtPriority};
constexpr FieldSet kPolicy{Policy};
constexpr FieldSet kProcessor{Processor};
constexpr FieldSet kSgiP{State, Processor};
constexpr FieldSet kWchan{Wchan};
// Children's times come with the same stat read, so they cost nothing extra.
constexpr FieldSet kCpu{Utime, Stime, Cutime, Cstime, StartTime};
constexpr FieldSet kCpuTime{Utime, Stime, Cutime, Cstime};
constexpr FieldSet kStart{StartTime};
constexpr FieldSet kRss{VmRss};
constexpr FieldSet kVmSize{VmSize};
constexpr FieldSet kSize{VmData, VmStk};
constexpr FieldSet kVsize{Vsize};
constexpr FieldSet kCode{Vsize, StartCode, EndCode};
constexpr FieldSet kMajflt{MajFlt, CmajFlt};
constexpr FieldSet kMinflt{MinFlt, CminFlt};
constexpr FieldSet kRssLimit{RssLimit};
constexpr FieldSet kStack{StartStack};
constexpr FieldSet kEsp{KstkEsp};
constexpr FieldSet kEip{KstkEip};
constexpr FieldSet kSigPending{SigSharedPending, SigPending};
constexpr FieldSet kSigThread{SigPending};
constexpr FieldSet kSigBlocked{SigBlocked};
constexpr FieldSet kSigCaught{SigCaught};
constexpr FieldSet kSigIgnored{SigIgnored};
constexpr FieldSet kCgroupNs{CgroupNs};
constexpr FieldSet kIpcNs{IpcNs};
constexpr FieldSet kMntNs{MntNs};
constexpr FieldSet kNetNs{NetNs};
constexpr FieldSet kPidNs{PidNs};
constexpr FieldSet kTimeNs{TimeNs};
constexpr FieldSet kUserNs{UserNs};
constexpr FieldSet kUtsNs{UtsNs};
constexpr FieldSet kIoReadBytes{IoReadBytes};
constexpr FieldSet kIoRchar{IoRchar};
constexpr FieldSet kIoSyscr{IoSyscr};
constexpr FieldSet kIoWriteBytes{IoWriteBytes};
constexpr FieldSet kIoCancelled{IoCancelledWriteBytes};
constexpr FieldSet kIoWchar{IoWchar};
constexpr FieldSet kIoSyscw{IoSyscw};
// ps' test columns print sample texts, not task data; the pid, which every row has, stands
// in so that the table's rule "a printer names its fields" holds.
constexpr FieldSet kTestSample{Tgid};
constexpr FieldSet kOom{OomScore};
constexpr FieldSet kOomAdj{OomScoreAdj};
constexpr FieldSet kLoginUid{LoginUid};
constexpr FieldSet kAutogroup{AutogroupId, AutogroupNice};
constexpr FieldSet kPss{SmapsPss};
constexpr FieldSet kUss{SmapsPrivateClean, SmapsPrivateDirty};
constexpr FieldSet kSdUnit{SdUnit};
constexpr FieldSet kSdUserUnit{SdUserUnit};
constexpr FieldSet kSdSlice{SdSlice};
constexpr FieldSet kSdMachine{SdMachine};
constexpr FieldSet kSdOwner{SdOwnerUid};
constexpr FieldSet kSdSession{SdSession};
constexpr FieldSet kSdSeat{SdSession, SdSeat};

// procps-ng 4.0.2 format_array, its test rows (_left, _right, _unlimited...) included. Placeholders
// (nullptr printer) are accepted and print "-", as in ps. Sorted by name for binary search.
// clang-format off
constexpr std::array kColumns = std::to_array<ColumnSpec>({
    {"%cpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu},
    {"%mem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem},
    {"_left", "LLLLLLLL", 8, Align::Left, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_left},
    {"_left2", "L2L2L2L2", 8, Align::Left, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_left2},
    {"_right", "RRRRRRRRRRR", 11, Align::Right, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_right},
    {"_right2", "R2R2R2R2R2R", 11, Align::Right, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_right2},
    {"_unlimited", "U", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_unlimited},
    {"_unlimited2", "U2", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedNothing, CommandKind::None, print_test_unlimited2},
    {"acflag", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"acflg", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"addr", "ADDR", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"addr_1", "ADDR", 1, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"ag_id", "AGID", 5, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agid},
    {"ag_nice", "AGNI", 4, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agnice},
    {"alarm", "ALARM", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"argc", "ARGC", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"args", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args},
    {"atime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time},
    {"blocked", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask},
    {"bnd", "BND", 1, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"bsdstart", "START", 6, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_bsdstart},
    {"bsdtime", "TIME", 6, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_bsdtime},
    {"c", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c},
    {"caught", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch},
    {"cgname", "CGNAME", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgname},
    {"cgroup", "CGROUP", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgroup},
    {"cgroupns", "CGROUPNS", 10, Align::Right, Rows::Every, kCgroupNs, kNeedNothing, CommandKind::None, print_cgroupns},
    {"class", "CLS", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class},
    {"cls", "CLS", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class},
    {"cmaj_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cmd", "CMD", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args},
    {"cmin_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cnswap", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"comm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm},
    {"command", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args},
    {"context", "CONTEXT", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label},
    {"cp", "CP", 3, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_cp},
    {"cpu", "CPU", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cpuid", "CPUID", 5, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr},
    {"cputime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time},
    {"cputimes", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times},
    {"ctid", "CTID", 5, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cuc", "%CUC", 7, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuc},
    {"cursig", "CURSIG", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cutime", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"cuu", "%CUU", 6, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuu},
    {"cwd", "CWD", 3, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs},
    {"dsiz", "DSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs},
    {"egid", "EGID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid},
    {"egroup", "EGROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup},
    {"eip", "EIP", 16, Align::Right, Rows::ThreadOnly, kEip, kNeedNothing, CommandKind::None, print_eip},
    {"emul", "EMUL", 13, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"end_code", "E_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"environ", "ENVIRONMENT", 31, Align::Unlimited, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"esp", "ESP", 16, Align::Right, Rows::ThreadOnly, kEsp, kNeedNothing, CommandKind::None, print_esp},
    {"etime", "ELAPSED", 11, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etime},
    {"etimes", "ELAPSED", 7, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etimes},
    {"euid", "EUID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid},
    {"euser", "EUSER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser},
    {"exe", "EXE", 27, Align::Unlimited, Rows::ProcessOnly, kExe, kNeedNothing, CommandKind::None, print_exe},
    {"f", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags},
    {"fgid", "FGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid},
    {"fgroup", "FGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup},
    {"flag", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags},
    {"flags", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags},
    {"fname", "COMMAND", 8, Align::Left, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::None, print_fname},
    {"fsgid", "FSGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid},
    {"fsgroup", "FSGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup},
    {"fsuid", "FSUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid},
    {"fsuser", "FSUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser},
    {"fuid", "FUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid},
    {"fuser", "FUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser},
    {"gid", "GID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid},
    {"group", "GROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup},
    {"ignored", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore},
    {"inblk", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"inblock", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"intpri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri},
    {"ipcns", "IPCNS", 10, Align::Right, Rows::Every, kIpcNs, kNeedNothing, CommandKind::None, print_ipcns},
    {"jid", "JID", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"jobc", "JOBC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"ktrace", "KTRACE", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"ktracep", "KTRACEP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"label", "LABEL", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label},
    {"lastcpu", "C", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr},
    {"lim", "LIM", 5, Align::Right, Rows::AsNeeded, kRssLimit, kNeedNothing, CommandKind::None, print_lim},
    {"login", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"logname", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"longtname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8},
    {"lsession", "SESSION", 11, Align::Left, Rows::Every, kSdSession, kNeedNothing, CommandKind::None, print_sd_session},
    {"lstart", "STARTED", 24, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_lstart},
    {"luid", "LUID", 5, Align::Right, Rows::Every, kLoginUid, kNeedNothing, CommandKind::None, print_luid},
    {"luser", "LUSER", 8, Align::User, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
    {"lwp", "LWP", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid},
    {"lxc", "LXC", 8, Align::Left, Rows::Every, kCgroup, kNeedNothing, CommandKind::None, print_lxc},
    {"m_drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs},
    {"m_dt", "DT", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"m_lrs", "LRS", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"m_resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"m_share", "SHRD", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"m_size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kVsize, kNeedNothing, CommandKind::None, print_m_size},
    {"m_swap", "SWAP", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"m_trs", "TRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs},
    {"machine", "MACHINE", 31, Align::Left, Rows::Every, kSdMachine, kNeedNothing, CommandKind::None, print_sd_machine},
    {"maj_flt", "MAJFL", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt},
    {"majflt", "MAJFLT", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt},
    {"min_flt", "MINFL", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt},
    {"minflt", "MINFLT", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt},
    {"mntns", "MNTNS", 10, Align::Right, Rows::Every, kMntNs, kNeedNothing, CommandKind::None, print_mntns},
    {"msgrcv", "MSGRCV", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"msgsnd", "MSGSND", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"mwchan", "MWCHAN", 6, Align::Wchan, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"netns", "NETNS", 10, Align::Right, Rows::Every, kNetNs, kNeedNothing, CommandKind::None, print_netns},
    {"ni", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice},
    {"nice", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice},
    {"nivcsw", "IVCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"nlwp", "NLWP", 4, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp},
    {"nsignals", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"nsigs", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"nswap", "NSWAP", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"numa", "NUMA", 4, Align::Right, Rows::AsNeeded, kProcessor, kNeedNumaNodes, CommandKind::None, print_numa},
    {"nvcsw", "VCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"nwchan", "WCHAN", 6, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"oom", "OOM", 4, Align::Right, Rows::ThreadOnly, kOom, kNeedNothing, CommandKind::None, print_oom},
    {"oomadj", "OOMADJ", 5, Align::Right, Rows::ThreadOnly, kOomAdj, kNeedNothing, CommandKind::None, print_oomadj},
    {"opri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri},
    {"osz", "SZ", 2, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"oublk", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"oublock", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"ouid", "OWNER", 5, Align::Left, Rows::Every, kSdOwner, kNeedNothing, CommandKind::None, print_sd_ouid},
    {"p_ru", "P_RU", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"paddr", "PADDR", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"pagein", "PAGEIN", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt},
    {"pcpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu},
    {"pending", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig},
    {"pgid", "PGID", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid},
    {"pgrp", "PGRP", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid},
    {"pid", "PID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid},
    {"pidns", "PIDNS", 10, Align::Right, Rows::Every, kPidNs, kNeedNothing, CommandKind::None, print_pidns},
    {"pmem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem},
    {"poip", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"policy", "POL", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class},
    {"ppid", "PPID", kPidWidth, Align::Right, Rows::ProcessOnly, kPpid, kNeedNothing, CommandKind::None, print_ppid},
    {"pri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri},
    {"pri_api", "API", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_api},
    {"pri_bar", "BAR", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_bar},
    {"pri_baz", "BAZ", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_baz},
    {"pri_foo", "FOO", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_foo},
    {"priority", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_priority},
    {"prmgrp", "PRMGRP", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"prmid", "PRMID", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"project", "PROJECT", 12, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"projid", "PROJID", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"pset", "PSET", 4, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"psr", "PSR", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr},
    {"pss", "PSS", 5, Align::Right, Rows::ProcessOnly, kPss, kNeedNothing, CommandKind::None, print_pss},
    {"psxpri", "PPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"rbytes", "RBYTES", 5, Align::Right, Rows::ThreadOnly, kIoReadBytes, kNeedNothing, CommandKind::None, print_rbytes},
    {"rchars", "RCHARS", 5, Align::Right, Rows::ThreadOnly, kIoRchar, kNeedNothing, CommandKind::None, print_rchars},
    {"re", "RE", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"rgid", "RGID", 5, Align::Right, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgid},
    {"rgroup", "RGROUP", 8, Align::User, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgroup},
    {"rlink", "RLINK", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"rops", "ROPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscr, kNeedNothing, CommandKind::None, print_rops},
    {"rss", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss},
    {"rssize", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss},
    {"rsz", "RSZ", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss},
    {"rtprio", "RTPRIO", 6, Align::Right, Rows::ThreadOnly, kRtprio, kNeedNothing, CommandKind::None, print_rtprio},
    {"ruid", "RUID", 5, Align::Right, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruid},
    {"ruser", "RUSER", 8, Align::User, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruser},
    {"s", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state},
    {"sched", "SCH", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_sched},
    {"scnt", "SCNT", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"scount", "SC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"seat", "SEAT", 11, Align::Left, Rows::Every, kSdSeat, kNeedNothing, CommandKind::None, print_sd_seat},
    {"sess", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid},
    {"session", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid},
    {"sgi_p", "P", 1, Align::Right, Rows::ThreadOnly, kSgiP, kNeedNothing, CommandKind::None, print_sgi_p},
    {"sgi_rss", "RSS", 4, Align::Left, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss},
    {"sgid", "SGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid},
    {"sgroup", "SGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup},
    {"share", "-", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"sid", "SID", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid},
    {"sig", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig},
    {"sig_block", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask},
    {"sig_catch", "CATCHED", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch},
    {"sig_ignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore},
    {"sig_pend", "SIGNAL", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig},
    {"sigcatch", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch},
    {"sigignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore},
    {"sigmask", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask},
    {"size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kSize, kNeedNothing, CommandKind::None, print_size},
    {"sl", "SL", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"slice", "SLICE", 31, Align::Left, Rows::Every, kSdSlice, kNeedNothing, CommandKind::None, print_sd_slice},
    {"spid", "SPID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid},
    {"stackp", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp},
    {"start", "STARTED", 8, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_start},
    {"start_code", "S_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"start_stack", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp},
    {"start_time", "START", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime},
    {"stat", "STAT", 4, Align::Left, Rows::ThreadOnly, kStat, kNeedNothing, CommandKind::None, print_stat},
    {"state", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state},
    {"status", "STATUS", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"stime", "STIME", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime},
    {"suid", "SUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid},
    {"supgid", "SUPGID", 20, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgid},
    {"supgrp", "SUPGRP", 40, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgrp},
    {"suser", "SUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser},
    {"svgid", "SVGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid},
    {"svgroup", "SVGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup},
    {"svuid", "SVUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid},
    {"svuser", "SVUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser},
    {"systime", "SYSTEM", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
    {"sz", "SZ", 5, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_sz},
    {"taskid", "TASKID", kPidWidth, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tdev", "TDEV", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tgid", "TGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid},
    {"thcount", "THCNT", 5, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp},
    {"tid", "TID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid},
    {"time", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time},
    {"timens", "TIMENS", 10, Align::Right, Rows::Every, kTimeNs, kNeedNothing, CommandKind::None, print_timens},
    {"timeout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"times", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times},
    {"tmout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8},
    {"tpgid", "TPGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTpgid, kNeedNothing, CommandKind::None, print_tpgid},
    {"trs", "TRS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs},
    {"trss", "TRSS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs},
    {"tsess", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tsession", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tsid", "TSID", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"tsig", "PENDING", 9, Align::Signal, Rows::Every, kSigThread, kNeedNothing, CommandKind::None, print_tsig},
    {"tsiz", "TSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs},
    {"tt", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8},
    {"tty", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8},
    {"tty4", "TTY", 4, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty4},
    {"tty8", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8},
    {"u_procp", "UPROCP", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"ucmd", "CMD", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm},
    {"ucomm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm},
    {"uid", "UID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid},
    {"uid_hack", "UID", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser},
    {"umask", "UMASK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"uname", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser},
    {"unit", "UNIT", 31, Align::Left, Rows::Every, kSdUnit, kNeedNothing, CommandKind::None, print_sd_unit},
    {"upr", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"uprocp", "UPROCP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"user", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser},
    {"userns", "USERNS", 10, Align::Right, Rows::Every, kUserNs, kNeedNothing, CommandKind::None, print_userns},
    {"usertime", "USER", 4, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
    {"usrpri", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"uss", "USS", 5, Align::Right, Rows::ProcessOnly, kUss, kNeedNothing, CommandKind::None, print_uss},
    {"util", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c},
    {"utime", "UTIME", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
    {"utsns", "UTSNS", 10, Align::Right, Rows::Every, kUtsNs, kNeedNothing, CommandKind::None, print_utsns},
    {"uunit", "UUNIT", 31, Align::Left, Rows::Every, kSdUserUnit, kNeedNothing, CommandKind::None, print_sd_uunit},
    {"vm_data", "DATA", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"vm_exe", "EXE", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"vm_lib", "LIB", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"vm_lock", "LCK", 3, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"vm_stack", "STACK", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr},
    {"vsize", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz},
    {"vsz", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz},
    {"wbytes", "WBYTES", 5, Align::Right, Rows::ThreadOnly, kIoWriteBytes, kNeedNothing, CommandKind::None, print_wbytes},
    {"wcbytes", "WCBYTES", 5, Align::Right, Rows::ThreadOnly, kIoCancelled, kNeedNothing, CommandKind::None, print_wcbytes},
    {"wchan", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan},
    {"wchars", "WCHARS", 5, Align::Right, Rows::ThreadOnly, kIoWchar, kNeedNothing, CommandKind::None, print_wchars},
    {"wname", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan},
    {"wops", "WOPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscw, kNeedNothing, CommandKind::None, print_wops},
    {"xstat", "XSTAT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr},
    {"zone", "ZONE", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label},
    {"zoneid", "ZONEID", 31, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr},
});
// clang-format on

constexpr bool sorted_by_name() {
  for (std::size_t i = 1; i < kColumns.size(); ++i)
    if (!(kColumns[i - 1].spec < kColumns[i].spec)) return false;
  return true;
}
static_assert(sorted_by_name(), "kColumns must be sorted by spec for find_column()");

constexpr bool printers_have_fields() {
  for (const auto& column : kColumns)
    if ((column.print != nullptr) == column.fields.empty()) return false;
  return true;
}
static_assert(printers_have_fields(), "every printer names its fields; placeholders read none");

// The fields of the args columns, which comm-like columns need under -f.
constexpr FieldSet kCommandLine = kArgs;

}  // namespace

const ColumnSpec* find_column(std::string_view spec) {
  const auto it =
      std::lower_bound(kColumns.begin(), kColumns.end(), spec,
                       [](const ColumnSpec& c, std::string_view s) { return c.spec < s; });
  if (it == kColumns.end() || it->spec != spec) return nullptr;
  return &*it;
}

std::span<const ColumnSpec> all_columns() {
  return kColumns;
}

procscan::FieldSet fields_for(const ColumnSpec& column, const OutputModes& modes) {
  FieldSet fields = column.fields;
  if (column.command == CommandKind::Comm && modes.unix_f) fields.add(kCommandLine);
  if (column.command != CommandKind::None && modes.bsd_e) fields.add(Environ);
  return fields;
}

}  // namespace td::ps

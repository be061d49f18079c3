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
    {"%cpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu, JsonValue::Number},
    {"%mem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem, JsonValue::Number},
    {"_left", "LLLLLLLL", 8, Align::Left, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_left, JsonValue::Text},
    {"_left2", "L2L2L2L2", 8, Align::Left, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_left2, JsonValue::Text},
    {"_right", "RRRRRRRRRRR", 11, Align::Right, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_right, JsonValue::Text},
    {"_right2", "R2R2R2R2R2R", 11, Align::Right, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_right2, JsonValue::Text},
    {"_unlimited", "U", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_unlimited, JsonValue::Text},
    {"_unlimited2", "U2", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_unlimited2, JsonValue::Text},
    {"acflag", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"acflg", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"addr", "ADDR", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"addr_1", "ADDR", 1, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"ag_id", "AGID", 5, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agid, JsonValue::Number},
    {"ag_nice", "AGNI", 4, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agnice, JsonValue::Number},
    {"alarm", "ALARM", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"argc", "ARGC", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"args", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine},
    {"atime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds},
    {"blocked", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text},
    {"bnd", "BND", 1, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"bsdstart", "START", 6, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_bsdstart, JsonValue::StartEpoch},
    {"bsdtime", "TIME", 6, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_bsdtime, JsonValue::CpuSecondsWithChildren},
    {"c", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c, JsonValue::Number},
    {"caught", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text},
    {"cgname", "CGNAME", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgname, JsonValue::CgroupName},
    {"cgroup", "CGROUP", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgroup, JsonValue::Cgroup},
    {"cgroupns", "CGROUPNS", 10, Align::Right, Rows::Every, kCgroupNs, kNeedNothing, CommandKind::None, print_cgroupns, JsonValue::Number},
    {"class", "CLS", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text},
    {"cls", "CLS", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text},
    {"cmaj_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cmd", "CMD", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine},
    {"cmin_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cnswap", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"comm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName},
    {"command", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine},
    {"context", "CONTEXT", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text},
    {"cp", "CP", 3, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_cp, JsonValue::Number},
    {"cpu", "CPU", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cpuid", "CPUID", 5, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number},
    {"cputime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds},
    {"cputimes", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times, JsonValue::CpuSeconds},
    {"ctid", "CTID", 5, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cuc", "%CUC", 7, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuc, JsonValue::Number},
    {"cursig", "CURSIG", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cutime", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"cuu", "%CUU", 6, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuu, JsonValue::Number},
    {"cwd", "CWD", 3, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number},
    {"dsiz", "DSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number},
    {"egid", "EGID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid, JsonValue::Id},
    {"egroup", "EGROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup, JsonValue::Text},
    {"eip", "EIP", 16, Align::Right, Rows::ThreadOnly, kEip, kNeedNothing, CommandKind::None, print_eip, JsonValue::Text},
    {"emul", "EMUL", 13, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"end_code", "E_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"environ", "ENVIRONMENT", 31, Align::Unlimited, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"esp", "ESP", 16, Align::Right, Rows::ThreadOnly, kEsp, kNeedNothing, CommandKind::None, print_esp, JsonValue::Text},
    {"etime", "ELAPSED", 11, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etime, JsonValue::ElapsedSeconds},
    {"etimes", "ELAPSED", 7, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etimes, JsonValue::ElapsedSeconds},
    {"euid", "EUID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid, JsonValue::Id},
    {"euser", "EUSER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text},
    {"exe", "EXE", 27, Align::Unlimited, Rows::ProcessOnly, kExe, kNeedNothing, CommandKind::None, print_exe, JsonValue::ExePath},
    {"f", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number},
    {"fgid", "FGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid, JsonValue::Id},
    {"fgroup", "FGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup, JsonValue::Text},
    {"flag", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number},
    {"flags", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number},
    {"fname", "COMMAND", 8, Align::Left, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::None, print_fname, JsonValue::KernelName},
    {"fsgid", "FSGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid, JsonValue::Id},
    {"fsgroup", "FSGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup, JsonValue::Text},
    {"fsuid", "FSUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid, JsonValue::Id},
    {"fsuser", "FSUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser, JsonValue::Text},
    {"fuid", "FUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid, JsonValue::Id},
    {"fuser", "FUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser, JsonValue::Text},
    {"gid", "GID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid, JsonValue::Id},
    {"group", "GROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup, JsonValue::Text},
    {"ignored", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text},
    {"inblk", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"inblock", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"intpri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri, JsonValue::Number},
    {"ipcns", "IPCNS", 10, Align::Right, Rows::Every, kIpcNs, kNeedNothing, CommandKind::None, print_ipcns, JsonValue::Number},
    {"jid", "JID", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"jobc", "JOBC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"ktrace", "KTRACE", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"ktracep", "KTRACEP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"label", "LABEL", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text},
    {"lastcpu", "C", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number},
    {"lim", "LIM", 5, Align::Right, Rows::AsNeeded, kRssLimit, kNeedNothing, CommandKind::None, print_lim, JsonValue::Number},
    {"login", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"logname", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"longtname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text},
    {"lsession", "SESSION", 11, Align::Left, Rows::Every, kSdSession, kNeedNothing, CommandKind::None, print_sd_session, JsonValue::Text},
    {"lstart", "STARTED", 24, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_lstart, JsonValue::StartEpoch},
    {"luid", "LUID", 5, Align::Right, Rows::Every, kLoginUid, kNeedNothing, CommandKind::None, print_luid, JsonValue::Id},
    {"luser", "LUSER", 8, Align::User, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"lwp", "LWP", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number},
    {"lxc", "LXC", 8, Align::Left, Rows::Every, kCgroup, kNeedNothing, CommandKind::None, print_lxc, JsonValue::Text},
    {"m_drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number},
    {"m_dt", "DT", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"m_lrs", "LRS", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"m_resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"m_share", "SHRD", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"m_size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kVsize, kNeedNothing, CommandKind::None, print_m_size, JsonValue::Number},
    {"m_swap", "SWAP", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"m_trs", "TRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number},
    {"machine", "MACHINE", 31, Align::Left, Rows::Every, kSdMachine, kNeedNothing, CommandKind::None, print_sd_machine, JsonValue::Text},
    {"maj_flt", "MAJFL", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number},
    {"majflt", "MAJFLT", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number},
    {"min_flt", "MINFL", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt, JsonValue::Number},
    {"minflt", "MINFLT", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt, JsonValue::Number},
    {"mntns", "MNTNS", 10, Align::Right, Rows::Every, kMntNs, kNeedNothing, CommandKind::None, print_mntns, JsonValue::Number},
    {"msgrcv", "MSGRCV", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"msgsnd", "MSGSND", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"mwchan", "MWCHAN", 6, Align::Wchan, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"netns", "NETNS", 10, Align::Right, Rows::Every, kNetNs, kNeedNothing, CommandKind::None, print_netns, JsonValue::Number},
    {"ni", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice, JsonValue::Number},
    {"nice", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice, JsonValue::Number},
    {"nivcsw", "IVCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"nlwp", "NLWP", 4, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp, JsonValue::Number},
    {"nsignals", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"nsigs", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"nswap", "NSWAP", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"numa", "NUMA", 4, Align::Right, Rows::AsNeeded, kProcessor, kNeedNumaNodes, CommandKind::None, print_numa, JsonValue::Number},
    {"nvcsw", "VCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"nwchan", "WCHAN", 6, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"oom", "OOM", 4, Align::Right, Rows::ThreadOnly, kOom, kNeedNothing, CommandKind::None, print_oom, JsonValue::Number},
    {"oomadj", "OOMADJ", 5, Align::Right, Rows::ThreadOnly, kOomAdj, kNeedNothing, CommandKind::None, print_oomadj, JsonValue::Number},
    {"opri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri, JsonValue::Number},
    {"osz", "SZ", 2, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"oublk", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"oublock", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"ouid", "OWNER", 5, Align::Left, Rows::Every, kSdOwner, kNeedNothing, CommandKind::None, print_sd_ouid, JsonValue::Id},
    {"p_ru", "P_RU", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"paddr", "PADDR", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"pagein", "PAGEIN", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number},
    {"pcpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu, JsonValue::Number},
    {"pending", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text},
    {"pgid", "PGID", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid, JsonValue::Number},
    {"pgrp", "PGRP", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid, JsonValue::Number},
    {"pid", "PID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid, JsonValue::Number},
    {"pidns", "PIDNS", 10, Align::Right, Rows::Every, kPidNs, kNeedNothing, CommandKind::None, print_pidns, JsonValue::Number},
    {"pmem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem, JsonValue::Number},
    {"poip", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"policy", "POL", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text},
    {"ppid", "PPID", kPidWidth, Align::Right, Rows::ProcessOnly, kPpid, kNeedNothing, CommandKind::None, print_ppid, JsonValue::Number},
    {"pri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri, JsonValue::Number},
    {"pri_api", "API", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_api, JsonValue::Number},
    {"pri_bar", "BAR", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_bar, JsonValue::Number},
    {"pri_baz", "BAZ", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_baz, JsonValue::Number},
    {"pri_foo", "FOO", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_foo, JsonValue::Number},
    {"priority", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_priority, JsonValue::Number},
    {"prmgrp", "PRMGRP", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"prmid", "PRMID", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"project", "PROJECT", 12, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"projid", "PROJID", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"pset", "PSET", 4, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"psr", "PSR", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number},
    {"pss", "PSS", 5, Align::Right, Rows::ProcessOnly, kPss, kNeedNothing, CommandKind::None, print_pss, JsonValue::Number},
    {"psxpri", "PPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"rbytes", "RBYTES", 5, Align::Right, Rows::ThreadOnly, kIoReadBytes, kNeedNothing, CommandKind::None, print_rbytes, JsonValue::Number},
    {"rchars", "RCHARS", 5, Align::Right, Rows::ThreadOnly, kIoRchar, kNeedNothing, CommandKind::None, print_rchars, JsonValue::Number},
    {"re", "RE", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"rgid", "RGID", 5, Align::Right, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgid, JsonValue::Id},
    {"rgroup", "RGROUP", 8, Align::User, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgroup, JsonValue::Text},
    {"rlink", "RLINK", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"rops", "ROPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscr, kNeedNothing, CommandKind::None, print_rops, JsonValue::Number},
    {"rss", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number},
    {"rssize", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number},
    {"rsz", "RSZ", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number},
    {"rtprio", "RTPRIO", 6, Align::Right, Rows::ThreadOnly, kRtprio, kNeedNothing, CommandKind::None, print_rtprio, JsonValue::Number},
    {"ruid", "RUID", 5, Align::Right, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruid, JsonValue::Id},
    {"ruser", "RUSER", 8, Align::User, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruser, JsonValue::Text},
    {"s", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state, JsonValue::Text},
    {"sched", "SCH", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_sched, JsonValue::Number},
    {"scnt", "SCNT", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"scount", "SC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"seat", "SEAT", 11, Align::Left, Rows::Every, kSdSeat, kNeedNothing, CommandKind::None, print_sd_seat, JsonValue::Text},
    {"sess", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number},
    {"session", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number},
    {"sgi_p", "P", 1, Align::Right, Rows::ThreadOnly, kSgiP, kNeedNothing, CommandKind::None, print_sgi_p, JsonValue::Text},
    {"sgi_rss", "RSS", 4, Align::Left, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number},
    {"sgid", "SGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid, JsonValue::Id},
    {"sgroup", "SGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup, JsonValue::Text},
    {"share", "-", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"sid", "SID", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number},
    {"sig", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text},
    {"sig_block", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text},
    {"sig_catch", "CATCHED", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text},
    {"sig_ignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text},
    {"sig_pend", "SIGNAL", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text},
    {"sigcatch", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text},
    {"sigignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text},
    {"sigmask", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text},
    {"size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kSize, kNeedNothing, CommandKind::None, print_size, JsonValue::Number},
    {"sl", "SL", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"slice", "SLICE", 31, Align::Left, Rows::Every, kSdSlice, kNeedNothing, CommandKind::None, print_sd_slice, JsonValue::Text},
    {"spid", "SPID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number},
    {"stackp", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp, JsonValue::Text},
    {"start", "STARTED", 8, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_start, JsonValue::StartEpoch},
    {"start_code", "S_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"start_stack", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp, JsonValue::Text},
    {"start_time", "START", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime, JsonValue::StartEpoch},
    {"stat", "STAT", 4, Align::Left, Rows::ThreadOnly, kStat, kNeedNothing, CommandKind::None, print_stat, JsonValue::Text},
    {"state", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state, JsonValue::Text},
    {"status", "STATUS", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"stime", "STIME", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime, JsonValue::StartEpoch},
    {"suid", "SUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid, JsonValue::Id},
    {"supgid", "SUPGID", 20, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgid, JsonValue::Text},
    {"supgrp", "SUPGRP", 40, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgrp, JsonValue::Text},
    {"suser", "SUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser, JsonValue::Text},
    {"svgid", "SVGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid, JsonValue::Id},
    {"svgroup", "SVGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup, JsonValue::Text},
    {"svuid", "SVUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid, JsonValue::Id},
    {"svuser", "SVUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser, JsonValue::Text},
    {"systime", "SYSTEM", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"sz", "SZ", 5, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_sz, JsonValue::Number},
    {"taskid", "TASKID", kPidWidth, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tdev", "TDEV", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tgid", "TGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid, JsonValue::Number},
    {"thcount", "THCNT", 5, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp, JsonValue::Number},
    {"tid", "TID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number},
    {"time", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds},
    {"timens", "TIMENS", 10, Align::Right, Rows::Every, kTimeNs, kNeedNothing, CommandKind::None, print_timens, JsonValue::Number},
    {"timeout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"times", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times, JsonValue::CpuSeconds},
    {"tmout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text},
    {"tpgid", "TPGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTpgid, kNeedNothing, CommandKind::None, print_tpgid, JsonValue::Number},
    {"trs", "TRS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number},
    {"trss", "TRSS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number},
    {"tsess", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tsession", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tsid", "TSID", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"tsig", "PENDING", 9, Align::Signal, Rows::Every, kSigThread, kNeedNothing, CommandKind::None, print_tsig, JsonValue::Text},
    {"tsiz", "TSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number},
    {"tt", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text},
    {"tty", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text},
    {"tty4", "TTY", 4, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty4, JsonValue::Text},
    {"tty8", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text},
    {"u_procp", "UPROCP", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"ucmd", "CMD", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName},
    {"ucomm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName},
    {"uid", "UID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid, JsonValue::Id},
    {"uid_hack", "UID", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text},
    {"umask", "UMASK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"uname", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text},
    {"unit", "UNIT", 31, Align::Left, Rows::Every, kSdUnit, kNeedNothing, CommandKind::None, print_sd_unit, JsonValue::Text},
    {"upr", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"uprocp", "UPROCP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"user", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text},
    {"userns", "USERNS", 10, Align::Right, Rows::Every, kUserNs, kNeedNothing, CommandKind::None, print_userns, JsonValue::Number},
    {"usertime", "USER", 4, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"usrpri", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"uss", "USS", 5, Align::Right, Rows::ProcessOnly, kUss, kNeedNothing, CommandKind::None, print_uss, JsonValue::Number},
    {"util", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c, JsonValue::Number},
    {"utime", "UTIME", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"utsns", "UTSNS", 10, Align::Right, Rows::Every, kUtsNs, kNeedNothing, CommandKind::None, print_utsns, JsonValue::Number},
    {"uunit", "UUNIT", 31, Align::Left, Rows::Every, kSdUserUnit, kNeedNothing, CommandKind::None, print_sd_uunit, JsonValue::Text},
    {"vm_data", "DATA", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"vm_exe", "EXE", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"vm_lib", "LIB", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"vm_lock", "LCK", 3, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"vm_stack", "STACK", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"vsize", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz, JsonValue::Number},
    {"vsz", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz, JsonValue::Number},
    {"wbytes", "WBYTES", 5, Align::Right, Rows::ThreadOnly, kIoWriteBytes, kNeedNothing, CommandKind::None, print_wbytes, JsonValue::Number},
    {"wcbytes", "WCBYTES", 5, Align::Right, Rows::ThreadOnly, kIoCancelled, kNeedNothing, CommandKind::None, print_wcbytes, JsonValue::Number},
    {"wchan", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan, JsonValue::Text},
    {"wchars", "WCHARS", 5, Align::Right, Rows::ThreadOnly, kIoWchar, kNeedNothing, CommandKind::None, print_wchars, JsonValue::Number},
    {"wname", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan, JsonValue::Text},
    {"wops", "WOPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscw, kNeedNothing, CommandKind::None, print_wops, JsonValue::Number},
    {"xstat", "XSTAT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
    {"zone", "ZONE", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text},
    {"zoneid", "ZONEID", 31, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null},
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

constexpr bool placeholders_are_null_in_json() {
  for (const auto& column : kColumns)
    if ((column.print == nullptr) != (column.json == JsonValue::Null)) return false;
  return true;
}
static_assert(placeholders_are_null_in_json(), "JSON null is for placeholders, and only for them");

// An id column's JSON value is its one field (json_values.cpp reads it unprinted).
constexpr bool ids_read_one_field() {
  for (const auto& column : kColumns)
    if (column.json == JsonValue::Id && column.fields.size() != 1) return false;
  return true;
}
static_assert(ids_read_one_field(), "a JsonValue::Id column reads exactly its id field");

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

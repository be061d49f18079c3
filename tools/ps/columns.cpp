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
// What the CPU-share keys read: libproc2's UTILIZATION counts the task's own time only.
constexpr FieldSet kCpuShare{Utime, Stime, StartTime};

// The sort cell of a row (format_array's sort item): the key ps sorts by...
constexpr SortRule by(SortKeyFunction key, FieldSet fields, std::uint8_t needs = kNeedNothing) {
  return SortRule{key, fields, needs, std::nullopt, false};
}
// ...a key that applies only when another column puts its item on ps' stack...
constexpr SortRule by_only_with(StackItem item, SortKeyFunction key, FieldSet fields) {
  return SortRule{key, fields, kNeedNothing, item, false};
}
// ...or ps accepts the key and leaves the order as it is.
constexpr SortRule kUnsorted{nullptr, {}, kNeedNothing, std::nullopt, true};

// procps-ng 4.0.2 format_array, its test rows (_left, _right, _unlimited...) included. Placeholders
// (nullptr printer) are accepted and print "-", as in ps; some of them sort all the same (vm_lock,
// or end_code beside drs), as their format_array row names a real sort item. Sorted by name for
// binary search.
// clang-format off
constexpr std::array kColumns = std::to_array<ColumnSpec>({
    {"%cpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"%mem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"_left", "LLLLLLLL", 8, Align::Left, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_left, JsonValue::Text, kUnsorted},
    {"_left2", "L2L2L2L2", 8, Align::Left, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_left2, JsonValue::Text, kUnsorted},
    {"_right", "RRRRRRRRRRR", 11, Align::Right, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_right, JsonValue::Text, kUnsorted},
    {"_right2", "R2R2R2R2R2R", 11, Align::Right, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_right2, JsonValue::Text, kUnsorted},
    {"_unlimited", "U", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_unlimited, JsonValue::Text, kUnsorted},
    {"_unlimited2", "U2", 16, Align::Unlimited, Rows::Every, kTestSample, kNeedLinePlace, CommandKind::None, print_test_unlimited2, JsonValue::Text, kUnsorted},
    {"acflag", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"acflg", "ACFLG", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"addr", "ADDR", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"addr_1", "ADDR", 1, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"ag_id", "AGID", 5, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agid, JsonValue::Number, by(sort_autogroup_id, {AutogroupId})},
    {"ag_nice", "AGNI", 4, Align::Right, Rows::AsNeeded, kAutogroup, kNeedNothing, CommandKind::None, print_agnice, JsonValue::Number, by(sort_int32<AutogroupNice>, {AutogroupNice})},
    {"alarm", "ALARM", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"argc", "ARGC", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"args", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine, by(sort_command_line, kArgs)},
    {"atime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds, by(sort_cpu_seconds, kCpu)},
    {"blocked", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text, by(sort_unsigned<SigBlocked>, {SigBlocked})},
    {"bnd", "BND", 1, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"bsdstart", "START", 6, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_bsdstart, JsonValue::StartEpoch, by(sort_unsigned<StartTime>, {StartTime})},
    {"bsdtime", "TIME", 6, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_bsdtime, JsonValue::CpuSecondsWithChildren, by(sort_cpu_ticks, kCpu)},
    {"c", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"caught", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text, by(sort_unsigned<SigCaught>, {SigCaught})},
    {"cgname", "CGNAME", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgname, JsonValue::CgroupName, by(sort_text<print_cgname>, {Cgroup})},
    {"cgroup", "CGROUP", 27, Align::Unlimited, Rows::ProcessOnly, kCgroup, kNeedNothing, CommandKind::None, print_cgroup, JsonValue::Cgroup, by(sort_text<print_cgroup>, {Cgroup})},
    {"cgroupns", "CGROUPNS", 10, Align::Right, Rows::Every, kCgroupNs, kNeedNothing, CommandKind::None, print_cgroupns, JsonValue::Number, by(sort_unsigned<CgroupNs>, {CgroupNs})},
    {"class", "CLS", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text, by(sort_int32<Policy>, {Policy})},
    {"cls", "CLS", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text, by(sort_int32<Policy>, {Policy})},
    {"cmaj_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cmd", "CMD", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine, by(sort_command_line, kArgs)},
    {"cmin_flt", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cnswap", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"comm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName, by(sort_command_name, {Comm})},
    {"command", "COMMAND", 27, Align::Unlimited, Rows::ProcessOnly, kArgs, kNeedNothing, CommandKind::Args, print_args, JsonValue::CommandLine, by(sort_command_line, kArgs)},
    {"context", "CONTEXT", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text, by(sort_int32<Tgid>, {Tgid})},
    {"cp", "CP", 3, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_cp, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"cpu", "CPU", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cpuid", "CPUID", 5, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number, by(sort_int32<Processor>, {Processor})},
    {"cputime", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds, by(sort_cpu_seconds, kCpu)},
    {"cputimes", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times, JsonValue::CpuSeconds, by(sort_cpu_seconds, kCpu)},
    {"ctid", "CTID", 5, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cuc", "%CUC", 7, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuc, JsonValue::Number, by(sort_cpu_share_with_children, kCpu, kNeedUptime)},
    {"cursig", "CURSIG", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cutime", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"cuu", "%CUU", 6, Align::Right, Rows::AsNeeded, kCpu, kNeedUptime, CommandKind::None, print_cuu, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"cwd", "CWD", 3, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"dsiz", "DSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"egid", "EGID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid, JsonValue::Id, by(sort_unsigned<Egid>, {Egid})},
    {"egroup", "EGROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup, JsonValue::Text, by(sort_text<print_egroup>, {Egid})},
    {"eip", "EIP", 16, Align::Right, Rows::ThreadOnly, kEip, kNeedNothing, CommandKind::None, print_eip, JsonValue::Text, by(sort_unsigned<KstkEip>, {KstkEip})},
    {"emul", "EMUL", 13, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"end_code", "E_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, by_only_with(StackItem::CodeEnd, sort_unsigned<EndCode>, {EndCode})},
    {"environ", "ENVIRONMENT", 31, Align::Unlimited, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"esp", "ESP", 16, Align::Right, Rows::ThreadOnly, kEsp, kNeedNothing, CommandKind::None, print_esp, JsonValue::Text, by(sort_unsigned<KstkEsp>, {KstkEsp})},
    {"etime", "ELAPSED", 11, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etime, JsonValue::ElapsedSeconds, by(sort_elapsed, {StartTime}, kNeedUptime)},
    {"etimes", "ELAPSED", 7, Align::Right, Rows::Every, kStart, kNeedUptime, CommandKind::None, print_etimes, JsonValue::ElapsedSeconds, by(sort_elapsed, {StartTime}, kNeedUptime)},
    {"euid", "EUID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid, JsonValue::Id, by(sort_unsigned<Euid>, {Euid})},
    {"euser", "EUSER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text, by(sort_text<print_euser>, {Euid})},
    {"exe", "EXE", 27, Align::Unlimited, Rows::ProcessOnly, kExe, kNeedNothing, CommandKind::None, print_exe, JsonValue::ExePath, by(sort_text<print_exe>, {Exe})},
    {"f", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number, by(sort_unsigned<Flags>, {Flags}), {StackItem::Flags}},
    {"fgid", "FGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid, JsonValue::Id, by_only_with(StackItem::Flags, sort_unsigned<Flags>, {Flags})},
    {"fgroup", "FGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup, JsonValue::Text, by(sort_text<print_fgroup>, {Fsgid})},
    {"flag", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number, by(sort_unsigned<Flags>, {Flags}), {StackItem::Flags}},
    {"flags", "F", 1, Align::Right, Rows::Every, kFlags, kNeedNothing, CommandKind::None, print_flags, JsonValue::Number, by(sort_unsigned<Flags>, {Flags}), {StackItem::Flags}},
    {"fname", "COMMAND", 8, Align::Left, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::None, print_fname, JsonValue::KernelName, by(sort_command_name, {Comm})},
    {"fsgid", "FSGID", 5, Align::Right, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgid, JsonValue::Id, by(sort_unsigned<Fsgid>, {Fsgid})},
    {"fsgroup", "FSGROUP", 8, Align::User, Rows::Every, kFsgid, kNeedNothing, CommandKind::None, print_fgroup, JsonValue::Text, by(sort_text<print_fgroup>, {Fsgid})},
    {"fsuid", "FSUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid, JsonValue::Id, by(sort_unsigned<Fsuid>, {Fsuid})},
    {"fsuser", "FSUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser, JsonValue::Text, by(sort_text<print_fuser>, {Fsuid})},
    {"fuid", "FUID", 5, Align::Right, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuid, JsonValue::Id, by(sort_unsigned<Fsuid>, {Fsuid})},
    {"fuser", "FUSER", 8, Align::User, Rows::Every, kFsuid, kNeedNothing, CommandKind::None, print_fuser, JsonValue::Text, by(sort_text<print_fuser>, {Fsuid})},
    {"gid", "GID", 5, Align::Right, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egid, JsonValue::Id, by(sort_unsigned<Egid>, {Egid})},
    {"group", "GROUP", 8, Align::User, Rows::Every, kEgid, kNeedNothing, CommandKind::None, print_egroup, JsonValue::Text, by(sort_text<print_egroup>, {Egid})},
    {"ignored", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text, by(sort_unsigned<SigIgnored>, {SigIgnored})},
    {"inblk", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"inblock", "INBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"intpri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"ipcns", "IPCNS", 10, Align::Right, Rows::Every, kIpcNs, kNeedNothing, CommandKind::None, print_ipcns, JsonValue::Number, by(sort_unsigned<IpcNs>, {IpcNs})},
    {"jid", "JID", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"jobc", "JOBC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"ktrace", "KTRACE", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"ktracep", "KTRACEP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"label", "LABEL", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text, by(sort_int32<Tgid>, {Tgid})},
    {"lastcpu", "C", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number, by(sort_int32<Processor>, {Processor})},
    {"lim", "LIM", 5, Align::Right, Rows::AsNeeded, kRssLimit, kNeedNothing, CommandKind::None, print_lim, JsonValue::Number, by(sort_unsigned<RssLimit>, {RssLimit})},
    {"login", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"logname", "LOGNAME", 8, Align::Left, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"longtname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text, by(sort_tty_name, {TtyNr}), {StackItem::TtyName}},
    {"lsession", "SESSION", 11, Align::Left, Rows::Every, kSdSession, kNeedNothing, CommandKind::None, print_sd_session, JsonValue::Text, by(sort_text<print_sd_session>, {SdSession})},
    {"lstart", "STARTED", 24, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_lstart, JsonValue::StartEpoch, by(sort_unsigned<StartTime>, {StartTime})},
    {"luid", "LUID", 5, Align::Right, Rows::Every, kLoginUid, kNeedNothing, CommandKind::None, print_luid, JsonValue::Id, by(sort_login_uid, {LoginUid})},
    {"luser", "LUSER", 8, Align::User, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"lwp", "LWP", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number, by(sort_int32<Tid>, {Tid})},
    {"lxc", "LXC", 8, Align::Left, Rows::Every, kCgroup, kNeedNothing, CommandKind::None, print_lxc, JsonValue::Text, by(sort_text<print_lxc>, {Cgroup})},
    {"m_drs", "DRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_drs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"m_dt", "DT", 4, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"m_lrs", "LRS", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"m_resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"m_share", "SHRD", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"m_size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kVsize, kNeedNothing, CommandKind::None, print_m_size, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes}},
    {"m_swap", "SWAP", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"m_trs", "TRS", 5, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"machine", "MACHINE", 31, Align::Left, Rows::Every, kSdMachine, kNeedNothing, CommandKind::None, print_sd_machine, JsonValue::Text, by(sort_text<print_sd_machine>, {SdMachine})},
    {"maj_flt", "MAJFL", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number, by(sort_unsigned<MajFlt>, {MajFlt})},
    {"majflt", "MAJFLT", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number, by(sort_unsigned<MajFlt>, {MajFlt})},
    {"min_flt", "MINFL", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt, JsonValue::Number, by(sort_unsigned<MinFlt>, {MinFlt})},
    {"minflt", "MINFLT", 6, Align::Right, Rows::AsNeeded, kMinflt, kNeedNothing, CommandKind::None, print_minflt, JsonValue::Number, by(sort_unsigned<MinFlt>, {MinFlt})},
    {"mntns", "MNTNS", 10, Align::Right, Rows::Every, kMntNs, kNeedNothing, CommandKind::None, print_mntns, JsonValue::Number, by(sort_unsigned<MntNs>, {MntNs})},
    {"msgrcv", "MSGRCV", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"msgsnd", "MSGSND", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"mwchan", "MWCHAN", 6, Align::Wchan, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"netns", "NETNS", 10, Align::Right, Rows::Every, kNetNs, kNeedNothing, CommandKind::None, print_netns, JsonValue::Number, by(sort_unsigned<NetNs>, {NetNs})},
    {"ni", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice, JsonValue::Number, by(sort_signed<Nice>, {Nice})},
    {"nice", "NI", 3, Align::Right, Rows::ThreadOnly, kNice, kNeedNothing, CommandKind::None, print_nice, JsonValue::Number, by(sort_signed<Nice>, {Nice})},
    {"nivcsw", "IVCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"nlwp", "NLWP", 4, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp, JsonValue::Number, by(sort_int32<NumThreads>, {NumThreads})},
    {"nsignals", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"nsigs", "NSIGS", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"nswap", "NSWAP", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"numa", "NUMA", 4, Align::Right, Rows::AsNeeded, kProcessor, kNeedNumaNodes, CommandKind::None, print_numa, JsonValue::Number, by(sort_numa_node, {Processor}, kNeedNumaNodes)},
    {"nvcsw", "VCSW", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"nwchan", "WCHAN", 6, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"oom", "OOM", 4, Align::Right, Rows::ThreadOnly, kOom, kNeedNothing, CommandKind::None, print_oom, JsonValue::Number, by(sort_int32<OomScore>, {OomScore})},
    {"oomadj", "OOMADJ", 5, Align::Right, Rows::ThreadOnly, kOomAdj, kNeedNothing, CommandKind::None, print_oomadj, JsonValue::Number, by(sort_int32<OomScoreAdj>, {OomScoreAdj})},
    {"opri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_opri, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"osz", "SZ", 2, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"oublk", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"oublock", "OUBLK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"ouid", "OWNER", 5, Align::Left, Rows::Every, kSdOwner, kNeedNothing, CommandKind::None, print_sd_ouid, JsonValue::Id, by(sort_text<print_sd_ouid>, {SdOwnerUid})},
    {"p_ru", "P_RU", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"paddr", "PADDR", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"pagein", "PAGEIN", 6, Align::Right, Rows::AsNeeded, kMajflt, kNeedNothing, CommandKind::None, print_majflt, JsonValue::Number, by(sort_unsigned<MajFlt>, {MajFlt})},
    {"pcpu", "%CPU", 4, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_pcpu, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"pending", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text, by(sort_text<print_sig>, {SigSharedPending, SigPending})},
    {"pgid", "PGID", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid, JsonValue::Number, by(sort_int32<Pgid>, {Pgid})},
    {"pgrp", "PGRP", kPidWidth, Align::Right, Rows::ProcessOnly, kPgid, kNeedNothing, CommandKind::None, print_pgid, JsonValue::Number, by(sort_int32<Pgid>, {Pgid})},
    {"pid", "PID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid, JsonValue::Number, by(sort_int32<Tgid>, {Tgid})},
    {"pidns", "PIDNS", 10, Align::Right, Rows::Every, kPidNs, kNeedNothing, CommandKind::None, print_pidns, JsonValue::Number, by(sort_unsigned<PidNs>, {PidNs})},
    {"pmem", "%MEM", 4, Align::Right, Rows::ProcessOnly, kRss, kNeedMemTotal, CommandKind::None, print_pmem, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"poip", "-", 1, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"policy", "POL", 3, Align::Left, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_class, JsonValue::Text, by(sort_int32<Policy>, {Policy})},
    {"ppid", "PPID", kPidWidth, Align::Right, Rows::ProcessOnly, kPpid, kNeedNothing, CommandKind::None, print_ppid, JsonValue::Number, by(sort_int32<Ppid>, {Ppid})},
    {"pri", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"pri_api", "API", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_api, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"pri_bar", "BAR", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_bar, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"pri_baz", "BAZ", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_baz, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"pri_foo", "FOO", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_pri_foo, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"priority", "PRI", 3, Align::Right, Rows::ThreadOnly, kPriority, kNeedNothing, CommandKind::None, print_priority, JsonValue::Number, by(sort_signed<Priority>, {Priority})},
    {"prmgrp", "PRMGRP", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"prmid", "PRMID", 12, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"project", "PROJECT", 12, Align::Left, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"projid", "PROJID", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"pset", "PSET", 4, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"psr", "PSR", 3, Align::Right, Rows::ThreadOnly, kProcessor, kNeedNothing, CommandKind::None, print_psr, JsonValue::Number, by(sort_int32<Processor>, {Processor})},
    {"pss", "PSS", 5, Align::Right, Rows::ProcessOnly, kPss, kNeedNothing, CommandKind::None, print_pss, JsonValue::Number, by(sort_unsigned<SmapsPss>, {SmapsPss})},
    {"psxpri", "PPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"rbytes", "RBYTES", 5, Align::Right, Rows::ThreadOnly, kIoReadBytes, kNeedNothing, CommandKind::None, print_rbytes, JsonValue::Number, by(sort_unsigned<IoReadBytes>, {IoReadBytes})},
    {"rchars", "RCHARS", 5, Align::Right, Rows::ThreadOnly, kIoRchar, kNeedNothing, CommandKind::None, print_rchars, JsonValue::Number, by(sort_unsigned<IoRchar>, {IoRchar})},
    {"re", "RE", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"resident", "RES", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"rgid", "RGID", 5, Align::Right, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgid, JsonValue::Id, by(sort_unsigned<Rgid>, {Rgid})},
    {"rgroup", "RGROUP", 8, Align::User, Rows::Every, kRgid, kNeedNothing, CommandKind::None, print_rgroup, JsonValue::Text, by(sort_text<print_rgroup>, {Rgid})},
    {"rlink", "RLINK", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"rops", "ROPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscr, kNeedNothing, CommandKind::None, print_rops, JsonValue::Number, by(sort_unsigned<IoSyscr>, {IoSyscr})},
    {"rss", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"rssize", "RSS", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"rsz", "RSZ", 5, Align::Right, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"rtprio", "RTPRIO", 6, Align::Right, Rows::ThreadOnly, kRtprio, kNeedNothing, CommandKind::None, print_rtprio, JsonValue::Number, by(sort_int32<RtPriority>, {RtPriority})},
    {"ruid", "RUID", 5, Align::Right, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruid, JsonValue::Id, by(sort_unsigned<Ruid>, {Ruid})},
    {"ruser", "RUSER", 8, Align::User, Rows::Every, kRuid, kNeedNothing, CommandKind::None, print_ruser, JsonValue::Text, by(sort_text<print_ruser>, {Ruid})},
    {"s", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state, JsonValue::Text, by(sort_state, {State})},
    {"sched", "SCH", 3, Align::Right, Rows::ThreadOnly, kPolicy, kNeedNothing, CommandKind::None, print_sched, JsonValue::Number, by(sort_int32<Policy>, {Policy})},
    {"scnt", "SCNT", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"scount", "SC", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"seat", "SEAT", 11, Align::Left, Rows::Every, kSdSeat, kNeedNothing, CommandKind::None, print_sd_seat, JsonValue::Text, by(sort_text<print_sd_seat>, {SdSession, SdSeat})},
    {"sess", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number, by(sort_int32<Sid>, {Sid})},
    {"session", "SESS", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number, by(sort_int32<Sid>, {Sid})},
    {"sgi_p", "P", 1, Align::Right, Rows::ThreadOnly, kSgiP, kNeedNothing, CommandKind::None, print_sgi_p, JsonValue::Text, by(sort_state, {State})},
    {"sgi_rss", "RSS", 4, Align::Left, Rows::ProcessOnly, kRss, kNeedNothing, CommandKind::None, print_rss, JsonValue::Number, by(sort_unsigned<VmRss>, {VmRss})},
    {"sgid", "SGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid, JsonValue::Id, by(sort_unsigned<Sgid>, {Sgid})},
    {"sgroup", "SGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup, JsonValue::Text, by(sort_text<print_sgroup>, {Sgid})},
    {"share", "-", 1, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"sid", "SID", kPidWidth, Align::Right, Rows::ProcessOnly, kSid, kNeedNothing, CommandKind::None, print_sid, JsonValue::Number, by(sort_int32<Sid>, {Sid})},
    {"sig", "PENDING", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text, by(sort_text<print_sig>, {SigSharedPending, SigPending})},
    {"sig_block", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text, by(sort_unsigned<SigBlocked>, {SigBlocked})},
    {"sig_catch", "CATCHED", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text, by(sort_unsigned<SigCaught>, {SigCaught})},
    {"sig_ignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text, by(sort_unsigned<SigIgnored>, {SigIgnored})},
    {"sig_pend", "SIGNAL", 9, Align::Signal, Rows::Every, kSigPending, kNeedNothing, CommandKind::None, print_sig, JsonValue::Text, by(sort_text<print_sig>, {SigSharedPending, SigPending})},
    {"sigcatch", "CAUGHT", 9, Align::Signal, Rows::ThreadOnly, kSigCaught, kNeedNothing, CommandKind::None, print_sigcatch, JsonValue::Text, by(sort_unsigned<SigCaught>, {SigCaught})},
    {"sigignore", "IGNORED", 9, Align::Signal, Rows::ThreadOnly, kSigIgnored, kNeedNothing, CommandKind::None, print_sigignore, JsonValue::Text, by(sort_unsigned<SigIgnored>, {SigIgnored})},
    {"sigmask", "BLOCKED", 9, Align::Signal, Rows::ThreadOnly, kSigBlocked, kNeedNothing, CommandKind::None, print_sigmask, JsonValue::Text, by(sort_unsigned<SigBlocked>, {SigBlocked})},
    {"size", "SIZE", 5, Align::Right, Rows::ProcessOnly, kSize, kNeedNothing, CommandKind::None, print_size, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::VmData, StackItem::VmStack}},
    {"sl", "SL", 3, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"slice", "SLICE", 31, Align::Left, Rows::Every, kSdSlice, kNeedNothing, CommandKind::None, print_sd_slice, JsonValue::Text, by(sort_text<print_sd_slice>, {SdSlice})},
    {"spid", "SPID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number, by(sort_int32<Tid>, {Tid})},
    {"stackp", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp, JsonValue::Text, by(sort_unsigned<StartStack>, {StartStack})},
    {"start", "STARTED", 8, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_start, JsonValue::StartEpoch, by(sort_unsigned<StartTime>, {StartTime})},
    {"start_code", "S_CODE", 16, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, by_only_with(StackItem::CodeStart, sort_unsigned<StartCode>, {StartCode})},
    {"start_stack", "STACKP", 16, Align::Right, Rows::ProcessOnly, kStack, kNeedNothing, CommandKind::None, print_stackp, JsonValue::Text, by(sort_unsigned<StartStack>, {StartStack})},
    {"start_time", "START", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime, JsonValue::StartEpoch, by(sort_unsigned<StartTime>, {StartTime})},
    {"stat", "STAT", 4, Align::Left, Rows::ThreadOnly, kStat, kNeedNothing, CommandKind::None, print_stat, JsonValue::Text, by(sort_state, {State})},
    {"state", "S", 1, Align::Left, Rows::ThreadOnly, kState, kNeedNothing, CommandKind::None, print_state, JsonValue::Text, by(sort_state, {State})},
    {"status", "STATUS", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"stime", "STIME", 5, Align::Right, Rows::Every, kStart, kNeedBootTime, CommandKind::None, print_stime, JsonValue::StartEpoch, by(sort_unsigned<StartTime>, {StartTime})},
    {"suid", "SUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid, JsonValue::Id, by(sort_unsigned<Suid>, {Suid})},
    {"supgid", "SUPGID", 20, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgid, JsonValue::Text, by(sort_text<print_supgid>, {SupGroups})},
    {"supgrp", "SUPGRP", 40, Align::Unlimited, Rows::ProcessOnly, kGroups, kNeedNothing, CommandKind::None, print_supgrp, JsonValue::Text, by(sort_text<print_supgrp>, {SupGroups})},
    {"suser", "SUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser, JsonValue::Text, by(sort_text<print_suser>, {Suid})},
    {"svgid", "SVGID", 5, Align::Right, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgid, JsonValue::Id, by(sort_unsigned<Sgid>, {Sgid})},
    {"svgroup", "SVGROUP", 8, Align::User, Rows::Every, kSgid, kNeedNothing, CommandKind::None, print_sgroup, JsonValue::Text, by(sort_text<print_sgroup>, {Sgid})},
    {"svuid", "SVUID", 5, Align::Right, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suid, JsonValue::Id, by(sort_unsigned<Suid>, {Suid})},
    {"svuser", "SVUSER", 8, Align::User, Rows::Every, kSuid, kNeedNothing, CommandKind::None, print_suser, JsonValue::Text, by(sort_text<print_suser>, {Suid})},
    {"systime", "SYSTEM", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"sz", "SZ", 5, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_sz, JsonValue::Number, by(sort_unsigned<VmSize>, {VmSize})},
    {"taskid", "TASKID", kPidWidth, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tdev", "TDEV", 4, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tgid", "TGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTgid, kNeedNothing, CommandKind::None, print_tgid, JsonValue::Number, by(sort_int32<Tgid>, {Tgid})},
    {"thcount", "THCNT", 5, Align::Right, Rows::ProcessOnly, kThreads, kNeedNothing, CommandKind::None, print_nlwp, JsonValue::Number, by(sort_int32<NumThreads>, {NumThreads})},
    {"tid", "TID", kPidWidth, Align::Right, Rows::ThreadOnly, kTid, kNeedNothing, CommandKind::None, print_tid, JsonValue::Number, by(sort_int32<Tid>, {Tid})},
    {"time", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_time, JsonValue::CpuSeconds, by(sort_cpu_seconds, kCpu)},
    {"timens", "TIMENS", 10, Align::Right, Rows::Every, kTimeNs, kNeedNothing, CommandKind::None, print_timens, JsonValue::Number, by(sort_unsigned<TimeNs>, {TimeNs})},
    {"timeout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"times", "TIME", 8, Align::Right, Rows::Every, kCpuTime, kNeedNothing, CommandKind::None, print_times, JsonValue::CpuSeconds, by(sort_cpu_seconds, kCpu)},
    {"tmout", "TMOUT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tname", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text, by(sort_tty_name, {TtyNr}), {StackItem::TtyName}},
    {"tpgid", "TPGID", kPidWidth, Align::Right, Rows::ProcessOnly, kTpgid, kNeedNothing, CommandKind::None, print_tpgid, JsonValue::Number, by(sort_signed<Tpgid>, {Tpgid})},
    {"trs", "TRS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"trss", "TRSS", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"tsess", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tsession", "TSESS", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tsid", "TSID", kPidWidth, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"tsig", "PENDING", 9, Align::Signal, Rows::Every, kSigThread, kNeedNothing, CommandKind::None, print_tsig, JsonValue::Text, by(sort_unsigned<SigPending>, {SigPending})},
    {"tsiz", "TSIZ", 4, Align::Right, Rows::ProcessOnly, kCode, kNeedNothing, CommandKind::None, print_trs, JsonValue::Number, by(sort_unsigned<Vsize>, {Vsize}), {StackItem::VsizeBytes, StackItem::CodeStart, StackItem::CodeEnd}},
    {"tt", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text, by(sort_tty_name, {TtyNr}), {StackItem::TtyName}},
    {"tty", "TT", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text, by(sort_tty_name, {TtyNr}), {StackItem::TtyName}},
    {"tty4", "TTY", 4, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty4, JsonValue::Text, by_only_with(StackItem::TtyName, sort_tty_name, {TtyNr})},
    {"tty8", "TTY", 8, Align::Left, Rows::ProcessOnly, kTty, kNeedNothing, CommandKind::None, print_tty8, JsonValue::Text, by(sort_tty_name, {TtyNr}), {StackItem::TtyName}},
    {"u_procp", "UPROCP", 6, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"ucmd", "CMD", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName, by(sort_command_name, {Comm})},
    {"ucomm", "COMMAND", 15, Align::Unlimited, Rows::ProcessOnly, kComm, kNeedNothing, CommandKind::Comm, print_comm, JsonValue::CommandName, by(sort_command_name, {Comm})},
    {"uid", "UID", 5, Align::Right, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euid, JsonValue::Id, by(sort_unsigned<Euid>, {Euid})},
    {"uid_hack", "UID", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text, by(sort_text<print_euser>, {Euid})},
    {"umask", "UMASK", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"uname", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text, by(sort_text<print_euser>, {Euid})},
    {"unit", "UNIT", 31, Align::Left, Rows::Every, kSdUnit, kNeedNothing, CommandKind::None, print_sd_unit, JsonValue::Text, by(sort_text<print_sd_unit>, {SdUnit})},
    {"upr", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"uprocp", "UPROCP", 8, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"user", "USER", 8, Align::User, Rows::Every, kEuid, kNeedNothing, CommandKind::None, print_euser, JsonValue::Text, by(sort_text<print_euser>, {Euid})},
    {"userns", "USERNS", 10, Align::Right, Rows::Every, kUserNs, kNeedNothing, CommandKind::None, print_userns, JsonValue::Number, by(sort_unsigned<UserNs>, {UserNs})},
    {"usertime", "USER", 4, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"usrpri", "UPR", 3, Align::Right, Rows::ThreadOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"uss", "USS", 5, Align::Right, Rows::ProcessOnly, kUss, kNeedNothing, CommandKind::None, print_uss, JsonValue::Number, by(sort_uss, {SmapsPrivateClean, SmapsPrivateDirty})},
    {"util", "C", 2, Align::Right, Rows::Every, kCpu, kNeedUptime, CommandKind::None, print_c, JsonValue::Number, by(sort_cpu_share, kCpuShare, kNeedUptime)},
    {"utime", "UTIME", 6, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"utsns", "UTSNS", 10, Align::Right, Rows::Every, kUtsNs, kNeedNothing, CommandKind::None, print_utsns, JsonValue::Number, by(sort_unsigned<UtsNs>, {UtsNs})},
    {"uunit", "UUNIT", 31, Align::Left, Rows::Every, kSdUserUnit, kNeedNothing, CommandKind::None, print_sd_uunit, JsonValue::Text, by(sort_text<print_sd_uunit>, {SdUserUnit})},
    {"vm_data", "DATA", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, by_only_with(StackItem::VmData, sort_unsigned<VmData>, {VmData})},
    {"vm_exe", "EXE", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"vm_lib", "LIB", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"vm_lock", "LCK", 3, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, by(sort_unsigned<VmLck>, {VmLck})},
    {"vm_stack", "STACK", 5, Align::Right, Rows::ProcessOnly, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, by_only_with(StackItem::VmStack, sort_unsigned<VmStk>, {VmStk})},
    {"vsize", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz, JsonValue::Number, by_only_with(StackItem::VsizeBytes, sort_unsigned<Vsize>, {Vsize})},
    {"vsz", "VSZ", 6, Align::Right, Rows::ProcessOnly, kVmSize, kNeedNothing, CommandKind::None, print_vsz, JsonValue::Number, by(sort_unsigned<VmSize>, {VmSize})},
    {"wbytes", "WBYTES", 5, Align::Right, Rows::ThreadOnly, kIoWriteBytes, kNeedNothing, CommandKind::None, print_wbytes, JsonValue::Number, by(sort_unsigned<IoWriteBytes>, {IoWriteBytes})},
    {"wcbytes", "WCBYTES", 5, Align::Right, Rows::ThreadOnly, kIoCancelled, kNeedNothing, CommandKind::None, print_wcbytes, JsonValue::Number, by(sort_unsigned<IoCancelledWriteBytes>, {IoCancelledWriteBytes})},
    {"wchan", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan, JsonValue::Text, by(sort_text<print_wchan>, {Wchan})},
    {"wchars", "WCHARS", 5, Align::Right, Rows::ThreadOnly, kIoWchar, kNeedNothing, CommandKind::None, print_wchars, JsonValue::Number, by(sort_unsigned<IoWchar>, {IoWchar})},
    {"wname", "WCHAN", 6, Align::Wchan, Rows::ThreadOnly, kWchan, kNeedNothing, CommandKind::None, print_wchan, JsonValue::Text, by(sort_text<print_wchan>, {Wchan})},
    {"wops", "WOPS", 5, Align::Right, Rows::ThreadOnly, kIoSyscw, kNeedNothing, CommandKind::None, print_wops, JsonValue::Number, by(sort_unsigned<IoSyscw>, {IoSyscw})},
    {"xstat", "XSTAT", 5, Align::Right, Rows::AsNeeded, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
    {"zone", "ZONE", 31, Align::Left, Rows::Every, kLabel, kNeedNothing, CommandKind::None, print_label, JsonValue::Text, by(sort_int32<Tgid>, {Tgid})},
    {"zoneid", "ZONEID", 31, Align::Right, Rows::Every, {}, kNeedNothing, CommandKind::None, nullptr, JsonValue::Null, kUnsorted},
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
constexpr bool sort_cells_are_set() {
  for (const auto& column : kColumns)
    if ((column.sort.key != nullptr) == column.sort.unapplied) return false;
  return true;
}
static_assert(sort_cells_are_set(), "every row has a sort key or says that ps does not apply it");

constexpr bool sort_keys_read_fields() {
  for (const auto& column : kColumns) {
    const SortRule& rule = column.sort;
    if (rule.unapplied ? !rule.fields.empty() || rule.system_needs != kNeedNothing ||
                             rule.only_with.has_value()
                       : rule.fields.empty())
      return false;
  }
  return true;
}
static_assert(sort_keys_read_fields(),
              "an applied key names its fields; an unapplied one reads none");

constexpr bool stacked_by_some_printer(StackItem item) {
  for (const auto& column : kColumns)
    if (column.stacks.has(item)) return true;
  return false;
}

// A conditional key's item comes from another row's printer (from its own it would always
// apply), and a row that stacks items has a printer to do it.
constexpr bool conditional_keys_can_apply() {
  for (const auto& column : kColumns) {
    if (!column.stacks.empty() && column.print == nullptr) return false;
    if (const auto item = column.sort.only_with) {
      if (column.stacks.has(*item) || !stacked_by_some_printer(*item)) return false;
    }
  }
  return true;
}
static_assert(conditional_keys_can_apply(),
              "a conditional sort key needs a row that stacks its item");

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

const SortRule* applied_sort_rule(const ColumnSpec& column, StackItems stacked) {
  const SortRule& rule = column.sort;
  if (rule.unapplied) return nullptr;
  if (rule.only_with && !stacked.has(*rule.only_with)) return nullptr;
  return &rule;
}

procscan::FieldSet fields_for(const ColumnSpec& column, const OutputModes& modes) {
  FieldSet fields = column.fields;
  if (column.command == CommandKind::Comm && modes.unix_f) fields.add(kCommandLine);
  if (column.command != CommandKind::None && modes.bsd_e) fields.add(Environ);
  return fields;
}

}  // namespace td::ps

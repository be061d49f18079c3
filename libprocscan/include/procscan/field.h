// The fields libprocscan can report for a task, and one table that describes each of them.
//
// A field belongs to a Group, the unit of cost in every backend: in procfs a group is one
// file (or one readlink), in task_diag one show_flags bit. The planner ORs the groups of the
// requested fields and nothing else decides what is read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace procscan {

// The units of cost; kGroupTable below says what each one reads.
enum class Group : std::uint8_t {
  Identity,
  Stat,
  Status,
  Statm,
  Cmdline,
  Environ,
  Io,
  Wchan,
  Cgroup,
  Namespace,
  Label,
  Exe,
  OomScore,
  OomScoreAdj,
  LoginUid,
  Autogroup,
  SmapsRollup,
  Systemd,
  Count
};

enum class ValueType : std::uint8_t {
  U64,     // unsigned number
  I64,     // signed number
  String,  // bytes as the kernel gave them; may hold NULs (cmdline, environ)
};

enum class Unit : std::uint8_t {
  None,
  Id,            // pid, uid, gid and the like
  Char,          // one ASCII character stored as a number (task state)
  Ticks,         // clock ticks (sysconf(_SC_CLK_TCK))
  Pages,         // memory pages (sysconf(_SC_PAGESIZE))
  KiB,           // kibibytes
  Bytes,         // bytes
  Count,         // events: faults, switches, operations
  DeviceNumber,  // Linux dev_t encoding as /proc/PID/stat prints it
  Mask,          // bit mask: signals, capabilities, flags
  Address,       // a user or kernel address
  Inode,         // namespace inode number
  Text,          // a string
};

enum class Field : std::uint16_t {
  Tgid,
  Tid,
  Comm,
  State,
  Ppid,
  Pgid,
  Sid,
  TtyNr,
  Tpgid,
  Flags,
  MinFlt,
  CminFlt,
  MajFlt,
  CmajFlt,
  Utime,
  Stime,
  Cutime,
  Cstime,
  Priority,
  Nice,
  NumThreads,
  StartTime,
  Vsize,
  RssPages,
  RssLimit,
  StartCode,
  EndCode,
  StartStack,
  KstkEsp,
  KstkEip,
  ExitSignal,
  Processor,
  RtPriority,
  Policy,
  BlkioTicks,
  GuestTime,
  CguestTime,
  Ruid,
  Euid,
  Suid,
  Fsuid,
  Rgid,
  Egid,
  Sgid,
  Fsgid,
  SupGroups,
  TracerPid,
  Umask,
  VmPeak,
  VmSize,
  VmLck,
  VmPin,
  VmHwm,
  VmRss,
  RssAnon,
  RssFile,
  RssShmem,
  VmData,
  VmStk,
  VmExe,
  VmLib,
  VmPte,
  VmSwap,
  SigPending,
  SigSharedPending,
  SigBlocked,
  SigIgnored,
  SigCaught,
  CapInheritable,
  CapPermitted,
  CapEffective,
  CapBounding,
  CapAmbient,
  VoluntaryCtxtSwitches,
  NonvoluntaryCtxtSwitches,
  StatmSize,
  StatmResident,
  StatmShared,
  StatmText,
  StatmData,
  Cmdline,
  Environ,
  IoRchar,
  IoWchar,
  IoSyscr,
  IoSyscw,
  IoReadBytes,
  IoWriteBytes,
  IoCancelledWriteBytes,
  Wchan,
  Cgroup,
  CgroupNs,
  IpcNs,
  MntNs,
  NetNs,
  PidNs,
  TimeNs,
  UserNs,
  UtsNs,
  SecurityLabel,
  Exe,
  OomScore,
  OomScoreAdj,
  LoginUid,
  AutogroupId,
  AutogroupNice,
  SmapsPss,
  SmapsPrivateClean,
  SmapsPrivateDirty,
  SmapsSwapPss,
  SmapsRss,
  SmapsPssAnon,
  SmapsPssFile,
  SmapsPssShmem,
  SdUnit,
  SdUserUnit,
  SdSlice,
  SdMachine,
  SdOwnerUid,
  SdSession,
  SdSeat,
  Count
};

inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::Count);
inline constexpr std::size_t kGroupCount = static_cast<std::size_t>(Group::Count);

struct GroupInfo {
  Group group;
  std::string_view name;  // stable public name: --debug output ("reads: stat=..."), tests
  // Where procfs reads it, relative to /proc/PID: the file the procfs backend opens (its
  // file tables are checked against this column), and how the source of every field doc
  // line of the group begins.
  std::string_view source;
  std::string_view doc;  // one line: what reading it costs beyond the source
};

inline constexpr std::array<GroupInfo, kGroupCount> kGroupTable{{
    {Group::Identity, "identity", "listing of",
     "pid and tid come from the directory listing: free"},
    {Group::Stat, "stat", "stat", "one seq_file record"},
    {Group::Status, "status", "status", "one seq_file record, the costliest to generate"},
    {Group::Statm, "statm", "statm", "one seq_file record"},
    {Group::Cmdline, "cmdline", "cmdline", "a copy from the task's memory"},
    {Group::Environ, "environ", "environ", "a copy from the task's memory; ptrace-read access"},
    {Group::Io, "io", "io", "ptrace-read access"},
    {Group::Wchan, "wchan", "wchan", "one seq_file record"},
    {Group::Cgroup, "cgroup", "cgroup", "one seq_file record"},
    {Group::Namespace, "ns", "ns/", "one readlink per requested namespace"},
    {Group::Label, "label", "attr/current", "the LSM's context"},
    {Group::Exe, "exe", "exe", "one readlink; ptrace-read access"},
    {Group::OomScore, "oom_score", "oom_score", "one number"},
    {Group::OomScoreAdj, "oom_score_adj", "oom_score_adj", "one number"},
    {Group::LoginUid, "loginuid", "loginuid", "one number"},
    {Group::Autogroup, "autogroup", "autogroup", "one line"},
    {Group::SmapsRollup, "smaps_rollup", "smaps_rollup",
     "a walk of every mapping; ptrace-read access"},
    {Group::Systemd, "systemd", "sd-login",
     "libsystemd's sd_pid_get_* calls: cgroup and /run/systemd, live /proc only"},
}};

constexpr const GroupInfo& info(Group g) {
  return kGroupTable[static_cast<std::size_t>(g)];
}
constexpr std::string_view group_name(Group g) {
  return info(g).name;
}

struct FieldInfo {
  Field field;
  std::string_view name;  // stable public name: JSON keys, --debug output, tests
  Group group;
  ValueType type;
  Unit unit;
  // One line: the meaning, then after the last ": " where /proc shows it (the source, which
  // begins with its group's source: checked below). What the other backends read is the
  // wire source table's (libprocscan/src/taskdiag/field_map.h); the README of
  // libprocscan/src shows both, generated.
  std::string_view doc;
};

inline constexpr std::array<FieldInfo, kFieldCount> kFieldTable = [] {
  using enum Group;
  using enum ValueType;
  return std::array<FieldInfo, kFieldCount>{{
      {Field::Tgid, "tgid", Identity, U64, Unit::Id,
       "thread group id (the process id): listing of /proc"},
      {Field::Tid, "tid", Identity, U64, Unit::Id,
       "task id (equals tgid for the main thread): listing of PID/task"},
      {Field::Comm, "comm", Stat, String, Unit::Text,
       "command name, up to 15 bytes (longer for kworkers): stat field 2"},
      {Field::State, "state", Stat, U64, Unit::Char,
       "state letter R S D Z T t X I ...: stat field 3"},
      {Field::Ppid, "ppid", Stat, U64, Unit::Id, "parent process id: stat field 4"},
      {Field::Pgid, "pgid", Stat, U64, Unit::Id, "process group id: stat field 5"},
      {Field::Sid, "sid", Stat, U64, Unit::Id, "session id: stat field 6"},
      {Field::TtyNr, "tty_nr", Stat, U64, Unit::DeviceNumber,
       "controlling terminal, 0 for none: stat field 7"},
      {Field::Tpgid, "tpgid", Stat, I64, Unit::Id,
       "foreground process group of the terminal, -1 for none: stat field 8"},
      {Field::Flags, "flags", Stat, U64, Unit::Mask, "kernel PF_* flags: stat field 9"},
      {Field::MinFlt, "minflt", Stat, U64, Unit::Count, "minor faults: stat field 10"},
      {Field::CminFlt, "cminflt", Stat, U64, Unit::Count,
       "minor faults of waited-for children: stat field 11"},
      {Field::MajFlt, "majflt", Stat, U64, Unit::Count, "major faults: stat field 12"},
      {Field::CmajFlt, "cmajflt", Stat, U64, Unit::Count,
       "major faults of waited-for children: stat field 13"},
      {Field::Utime, "utime", Stat, U64, Unit::Ticks, "user CPU time: stat field 14"},
      {Field::Stime, "stime", Stat, U64, Unit::Ticks, "system CPU time: stat field 15"},
      {Field::Cutime, "cutime", Stat, U64, Unit::Ticks,
       "user time of waited-for children: stat field 16"},
      {Field::Cstime, "cstime", Stat, U64, Unit::Ticks,
       "system time of waited-for children: stat field 17"},
      {Field::Priority, "priority", Stat, I64, Unit::None,
       "kernel priority (prio - 100; negative for real time): stat field 18"},
      {Field::Nice, "nice", Stat, I64, Unit::None, "nice value -20..19: stat field 19"},
      {Field::NumThreads, "num_threads", Stat, U64, Unit::Count,
       "threads in the group: stat field 20"},
      {Field::StartTime, "starttime", Stat, U64, Unit::Ticks,
       "start time after boot: stat field 22"},
      {Field::Vsize, "vsize", Stat, U64, Unit::Bytes, "virtual memory size: stat field 23"},
      {Field::RssPages, "rss", Stat, U64, Unit::Pages, "resident set size: stat field 24"},
      {Field::RssLimit, "rsslim", Stat, U64, Unit::Bytes, "RLIMIT_RSS soft limit: stat field 25"},
      {Field::StartCode, "startcode", Stat, U64, Unit::Address,
       "start of the text segment: stat field 26"},
      {Field::EndCode, "endcode", Stat, U64, Unit::Address,
       "end of the text segment: stat field 27"},
      {Field::StartStack, "startstack", Stat, U64, Unit::Address,
       "bottom of the stack: stat field 28"},
      {Field::KstkEsp, "kstkesp", Stat, U64, Unit::Address,
       "saved stack pointer (0 unless core dumping): stat field 29"},
      {Field::KstkEip, "kstkeip", Stat, U64, Unit::Address,
       "saved instruction pointer (0 unless core dumping): stat field 30"},
      {Field::ExitSignal, "exit_signal", Stat, I64, Unit::None,
       "signal sent to the parent at exit: stat field 38"},
      {Field::Processor, "processor", Stat, U64, Unit::None, "CPU last run on: stat field 39"},
      {Field::RtPriority, "rt_priority", Stat, U64, Unit::None,
       "real-time priority, 0 for normal policies: stat field 40"},
      {Field::Policy, "policy", Stat, U64, Unit::None, "scheduling policy SCHED_*: stat field 41"},
      {Field::BlkioTicks, "delayacct_blkio_ticks", Stat, U64, Unit::Ticks,
       "block I/O delay: stat field 42"},
      {Field::GuestTime, "guest_time", Stat, U64, Unit::Ticks,
       "time spent running a guest: stat field 43"},
      {Field::CguestTime, "cguest_time", Stat, U64, Unit::Ticks,
       "guest time of waited-for children: stat field 44"},
      {Field::Ruid, "ruid", Status, U64, Unit::Id, "real user id: status Uid 1st"},
      {Field::Euid, "euid", Status, U64, Unit::Id, "effective user id: status Uid 2nd"},
      {Field::Suid, "suid", Status, U64, Unit::Id, "saved user id: status Uid 3rd"},
      {Field::Fsuid, "fsuid", Status, U64, Unit::Id, "filesystem user id: status Uid 4th"},
      {Field::Rgid, "rgid", Status, U64, Unit::Id, "real group id: status Gid 1st"},
      {Field::Egid, "egid", Status, U64, Unit::Id, "effective group id: status Gid 2nd"},
      {Field::Sgid, "sgid", Status, U64, Unit::Id, "saved group id: status Gid 3rd"},
      {Field::Fsgid, "fsgid", Status, U64, Unit::Id, "filesystem group id: status Gid 4th"},
      {Field::SupGroups, "groups", Status, String, Unit::Text,
       "supplementary group ids, space separated: status Groups"},
      {Field::TracerPid, "tracer_pid", Status, U64, Unit::Id,
       "pid of the ptrace tracer, 0 for none: status TracerPid"},
      {Field::Umask, "umask", Status, U64, Unit::Mask, "file mode creation mask: status Umask"},
      {Field::VmPeak, "vm_peak", Status, U64, Unit::KiB, "peak virtual memory size: status VmPeak"},
      {Field::VmSize, "vm_size", Status, U64, Unit::KiB, "virtual memory size: status VmSize"},
      {Field::VmLck, "vm_lck", Status, U64, Unit::KiB, "locked memory: status VmLck"},
      {Field::VmPin, "vm_pin", Status, U64, Unit::KiB, "pinned memory: status VmPin"},
      {Field::VmHwm, "vm_hwm", Status, U64, Unit::KiB, "peak resident set size: status VmHWM"},
      {Field::VmRss, "vm_rss", Status, U64, Unit::KiB, "resident set size: status VmRSS"},
      {Field::RssAnon, "rss_anon", Status, U64, Unit::KiB,
       "resident anonymous memory: status RssAnon"},
      {Field::RssFile, "rss_file", Status, U64, Unit::KiB,
       "resident file mappings: status RssFile"},
      {Field::RssShmem, "rss_shmem", Status, U64, Unit::KiB,
       "resident shared memory: status RssShmem"},
      {Field::VmData, "vm_data", Status, U64, Unit::KiB, "data segment size: status VmData"},
      {Field::VmStk, "vm_stk", Status, U64, Unit::KiB, "stack size: status VmStk"},
      {Field::VmExe, "vm_exe", Status, U64, Unit::KiB, "text segment size: status VmExe"},
      {Field::VmLib, "vm_lib", Status, U64, Unit::KiB, "shared library code size: status VmLib"},
      {Field::VmPte, "vm_pte", Status, U64, Unit::KiB, "page table size: status VmPTE"},
      {Field::VmSwap, "vm_swap", Status, U64, Unit::KiB,
       "swapped-out anonymous memory: status VmSwap"},
      {Field::SigPending, "sig_pending", Status, U64, Unit::Mask,
       "signals pending for the thread: status SigPnd"},
      {Field::SigSharedPending, "sig_shared_pending", Status, U64, Unit::Mask,
       "signals pending for the process: status ShdPnd"},
      {Field::SigBlocked, "sig_blocked", Status, U64, Unit::Mask, "blocked signals: status SigBlk"},
      {Field::SigIgnored, "sig_ignored", Status, U64, Unit::Mask, "ignored signals: status SigIgn"},
      {Field::SigCaught, "sig_caught", Status, U64, Unit::Mask, "caught signals: status SigCgt"},
      {Field::CapInheritable, "cap_inheritable", Status, U64, Unit::Mask,
       "inheritable capabilities: status CapInh"},
      {Field::CapPermitted, "cap_permitted", Status, U64, Unit::Mask,
       "permitted capabilities: status CapPrm"},
      {Field::CapEffective, "cap_effective", Status, U64, Unit::Mask,
       "effective capabilities: status CapEff"},
      {Field::CapBounding, "cap_bounding", Status, U64, Unit::Mask,
       "capability bounding set: status CapBnd"},
      {Field::CapAmbient, "cap_ambient", Status, U64, Unit::Mask,
       "ambient capabilities: status CapAmb"},
      {Field::VoluntaryCtxtSwitches, "voluntary_ctxt_switches", Status, U64, Unit::Count,
       "voluntary context switches: status"},
      {Field::NonvoluntaryCtxtSwitches, "nonvoluntary_ctxt_switches", Status, U64, Unit::Count,
       "involuntary context switches: status"},
      {Field::StatmSize, "statm_size", Statm, U64, Unit::Pages, "total program size: statm 1st"},
      {Field::StatmResident, "statm_resident", Statm, U64, Unit::Pages,
       "resident set size: statm 2nd"},
      {Field::StatmShared, "statm_shared", Statm, U64, Unit::Pages,
       "resident shared (file-backed) pages: statm 3rd"},
      {Field::StatmText, "statm_text", Statm, U64, Unit::Pages, "text (code) size: statm 4th"},
      {Field::StatmData, "statm_data", Statm, U64, Unit::Pages, "data plus stack size: statm 6th"},
      {Field::Cmdline, "cmdline", Cmdline, String, Unit::Text,
       "arguments separated by NUL, all of them, empty for kernel threads and zombies: cmdline"},
      {Field::Environ, "environ", Environ, String, Unit::Text,
       "environment, NUL separated: environ"},
      {Field::IoRchar, "io_rchar", Io, U64, Unit::Bytes,
       "bytes read by read-like syscalls: io rchar"},
      {Field::IoWchar, "io_wchar", Io, U64, Unit::Bytes,
       "bytes written by write-like syscalls: io wchar"},
      {Field::IoSyscr, "io_syscr", Io, U64, Unit::Count, "read syscalls: io syscr"},
      {Field::IoSyscw, "io_syscw", Io, U64, Unit::Count, "write syscalls: io syscw"},
      {Field::IoReadBytes, "io_read_bytes", Io, U64, Unit::Bytes,
       "bytes fetched from storage: io read_bytes"},
      {Field::IoWriteBytes, "io_write_bytes", Io, U64, Unit::Bytes,
       "bytes sent to storage: io write_bytes"},
      {Field::IoCancelledWriteBytes, "io_cancelled_write_bytes", Io, U64, Unit::Bytes,
       "truncated dirty bytes: io cancelled_write_bytes"},
      {Field::Wchan, "wchan", Wchan, String, Unit::Text,
       "kernel function the task sleeps in, \"0\" when running: wchan"},
      {Field::Cgroup, "cgroup", Cgroup, String, Unit::Text,
       "cgroup membership lines as the kernel prints them: cgroup"},
      {Field::CgroupNs, "cgroupns", Namespace, U64, Unit::Inode,
       "cgroup namespace inode: ns/cgroup"},
      {Field::IpcNs, "ipcns", Namespace, U64, Unit::Inode, "IPC namespace inode: ns/ipc"},
      {Field::MntNs, "mntns", Namespace, U64, Unit::Inode, "mount namespace inode: ns/mnt"},
      {Field::NetNs, "netns", Namespace, U64, Unit::Inode, "network namespace inode: ns/net"},
      {Field::PidNs, "pidns", Namespace, U64, Unit::Inode, "pid namespace inode: ns/pid"},
      {Field::TimeNs, "timens", Namespace, U64, Unit::Inode, "time namespace inode: ns/time"},
      {Field::UserNs, "userns", Namespace, U64, Unit::Inode, "user namespace inode: ns/user"},
      {Field::UtsNs, "utsns", Namespace, U64, Unit::Inode, "UTS namespace inode: ns/uts"},
      {Field::SecurityLabel, "label", Label, String, Unit::Text,
       "LSM security context: attr/current"},
      {Field::Exe, "exe", Exe, String, Unit::Text, "path of the executable: exe link"},
      {Field::OomScore, "oom_score", OomScore, I64, Unit::None,
       "OOM killer badness, 0..2000: oom_score"},
      {Field::OomScoreAdj, "oom_score_adj", OomScoreAdj, I64, Unit::None,
       "OOM badness adjustment, -1000..1000: oom_score_adj"},
      {Field::LoginUid, "loginuid", LoginUid, U64, Unit::Id,
       "audit login uid, 4294967295 when unset: loginuid"},
      {Field::AutogroupId, "autogroup_id", Autogroup, I64, Unit::Id,
       "scheduler autogroup number, unset in the root group: autogroup \"/autogroup-N\""},
      {Field::AutogroupNice, "autogroup_nice", Autogroup, I64, Unit::None,
       "nice value of the autogroup: autogroup \"nice N\""},
      {Field::SmapsPss, "pss", SmapsRollup, U64, Unit::KiB,
       "proportional set size: smaps_rollup Pss"},
      {Field::SmapsPrivateClean, "private_clean", SmapsRollup, U64, Unit::KiB,
       "unmodified pages mapped by this process only: smaps_rollup Private_Clean"},
      {Field::SmapsPrivateDirty, "private_dirty", SmapsRollup, U64, Unit::KiB,
       "modified pages mapped by this process only: smaps_rollup Private_Dirty"},
      {Field::SmapsSwapPss, "swap_pss", SmapsRollup, U64, Unit::KiB,
       "proportional swap use: smaps_rollup SwapPss"},
      {Field::SmapsRss, "smaps_rss", SmapsRollup, U64, Unit::KiB,
       "resident set size summed over the mappings: smaps_rollup Rss"},
      {Field::SmapsPssAnon, "pss_anon", SmapsRollup, U64, Unit::KiB,
       "proportional share of anonymous memory: smaps_rollup Pss_Anon"},
      {Field::SmapsPssFile, "pss_file", SmapsRollup, U64, Unit::KiB,
       "proportional share of file mappings: smaps_rollup Pss_File"},
      {Field::SmapsPssShmem, "pss_shmem", SmapsRollup, U64, Unit::KiB,
       "proportional share of shared memory: smaps_rollup Pss_Shmem"},
      {Field::SdUnit, "sd_unit", Systemd, String, Unit::Text,
       "systemd system unit: sd-login sd_pid_get_unit"},
      {Field::SdUserUnit, "sd_user_unit", Systemd, String, Unit::Text,
       "systemd user unit: sd-login sd_pid_get_user_unit"},
      {Field::SdSlice, "sd_slice", Systemd, String, Unit::Text,
       "systemd slice: sd-login sd_pid_get_slice"},
      {Field::SdMachine, "sd_machine", Systemd, String, Unit::Text,
       "systemd-machined machine name: sd-login sd_pid_get_machine_name"},
      {Field::SdOwnerUid, "sd_owner_uid", Systemd, U64, Unit::Id,
       "uid owning the task's login session or user slice: sd-login sd_pid_get_owner_uid"},
      {Field::SdSession, "sd_session", Systemd, String, Unit::Text,
       "logind session id: sd-login sd_pid_get_session"},
      {Field::SdSeat, "sd_seat", Systemd, String, Unit::Text,
       "logind seat of the session: sd-login sd_session_get_seat"},
  }};
}();

constexpr const FieldInfo& info(Field f) {
  return kFieldTable[static_cast<std::size_t>(f)];
}
constexpr Group group_of(Field f) {
  return info(f).group;
}
constexpr ValueType type_of(Field f) {
  return info(f).type;
}
constexpr std::string_view name_of(Field f) {
  return info(f).name;
}

namespace detail {
constexpr bool field_table_is_in_enum_order() {
  for (std::size_t i = 0; i < kFieldTable.size(); ++i) {
    if (static_cast<std::size_t>(kFieldTable[i].field) != i) return false;
    if (kFieldTable[i].name.empty() || kFieldTable[i].doc.empty()) return false;
  }
  return true;
}
constexpr bool group_table_is_in_enum_order() {
  for (std::size_t i = 0; i < kGroupTable.size(); ++i) {
    const GroupInfo& row = kGroupTable[i];
    if (static_cast<std::size_t>(row.group) != i) return false;
    if (row.name.empty() || row.source.empty() || row.doc.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kGroupTable[j].name == row.name) return false;
  }
  return true;
}
// The part of a field's doc line after its last ": ".
constexpr std::string_view doc_source(std::string_view doc) {
  const std::size_t colon = doc.rfind(": ");
  return colon == std::string_view::npos ? std::string_view{} : doc.substr(colon + 2);
}
// Whether `source` (a doc line's) is in its group's: it begins with the group's source, as a
// word of its own ("stat field 3", not "statm 1st") or under its directory ("ns/net").
constexpr bool source_is_in_group(std::string_view source, Group g) {
  const std::string_view group_source = info(g).source;
  if (!source.starts_with(group_source)) return false;
  return source.size() == group_source.size() || source[group_source.size()] == ' ' ||
         group_source.ends_with('/');
}
constexpr bool field_docs_name_their_group() {
  for (const auto& row : kFieldTable)
    if (!source_is_in_group(doc_source(row.doc), row.group)) return false;
  return true;
}
}  // namespace detail
static_assert(detail::field_table_is_in_enum_order(),
              "kFieldTable row i must describe Field i and have a name and a doc line");
static_assert(detail::group_table_is_in_enum_order(),
              "kGroupTable row i must describe Group i, with a unique name, a source and a doc");
static_assert(detail::field_docs_name_their_group(),
              "a field's doc line must end in \": SOURCE\", SOURCE in its group's source");

// Looks a field up by its public name; Field::Count when there is none.
constexpr Field field_by_name(std::string_view name) {
  for (const auto& row : kFieldTable)
    if (row.name == name) return row.field;
  return Field::Count;
}

}  // namespace procscan

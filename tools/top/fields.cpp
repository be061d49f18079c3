#include "fields.h"

#include "cells.h"

namespace td::top {

namespace {

using procscan::FieldSet;
using enum procscan::Field;
using J = Justify;
using K = SortKind;
using W = Widening;

// What each printer reads from the task.
constexpr FieldSet kTid{Tid};
constexpr FieldSet kCpu{Utime, Stime, NumThreads};
constexpr FieldSet kTimes{Utime, Stime};
constexpr FieldSet kChildTimes{Cutime, Cstime};
constexpr FieldSet kTty{TtyNr, Tid};
// COMMAND: the name; the command line (and the state, for " <defunct>") under 'c'.
constexpr FieldSet kCommandName{Comm};
constexpr FieldSet kCommandLine{Cmdline, Comm, State};
constexpr FieldSet kUtilization{Utime, Stime, StartTime};
constexpr FieldSet kUtilizationChildren{Utime, Stime, Cutime, Cstime, StartTime};

// clang-format off
constexpr std::array<FieldSpec, kFieldCount> kFields{{
    {FieldId::Pid, "PID", kPidWidth, J::Number, false, W::None, kTid, int_cell<Tid>, K::SignedInt, int_key<Tid>, nullptr},
    {FieldId::Ppid, "PPID", kPidWidth, J::Number, false, W::None, {Ppid}, int_cell<Ppid>, K::SignedInt, int_key<Ppid>, nullptr},
    {FieldId::Uid, "UID", 5, J::Number, false, W::Both, {Euid}, id_cell<Euid>, K::Unsigned, unsigned_int_key<Euid>, nullptr},
    {FieldId::User, "USER", 8, J::Text, false, W::Both, {Euid}, user_name_cell<Euid>, K::Text, user_name_key<Euid>, nullptr},
    {FieldId::Ruid, "RUID", 5, J::Number, false, W::Both, {Ruid}, id_cell<Ruid>, K::Unsigned, unsigned_int_key<Ruid>, nullptr},
    {FieldId::Ruser, "RUSER", 8, J::Text, false, W::Both, {Ruid}, user_name_cell<Ruid>, K::Text, user_name_key<Ruid>, nullptr},
    {FieldId::Suid, "SUID", 5, J::Number, false, W::Both, {Suid}, id_cell<Suid>, K::Unsigned, unsigned_int_key<Suid>, nullptr},
    {FieldId::Suser, "SUSER", 8, J::Text, false, W::Both, {Suid}, user_name_cell<Suid>, K::Text, user_name_key<Suid>, nullptr},
    {FieldId::Gid, "GID", 5, J::Number, false, W::Both, {Egid}, id_cell<Egid>, K::Unsigned, unsigned_int_key<Egid>, nullptr},
    {FieldId::Group, "GROUP", 8, J::Text, false, W::Both, {Egid}, group_name_cell, K::Text, group_name_key, nullptr},
    {FieldId::Pgrp, "PGRP", kPidWidth, J::Number, false, W::None, {Pgid}, int_cell<Pgid>, K::SignedInt, int_key<Pgid>, nullptr},
    {FieldId::Tty, "TTY", 8, J::Text, false, W::Both, kTty, tty_cell, K::Version, tty_key, nullptr},
    {FieldId::Tpgid, "TPGID", kPidWidth, J::Number, false, W::None, {Tpgid}, int_cell<Tpgid>, K::SignedInt, int_key<Tpgid>, nullptr},
    {FieldId::Sid, "SID", kPidWidth, J::Number, false, W::None, {Sid}, int_cell<Sid>, K::SignedInt, int_key<Sid>, nullptr},
    {FieldId::Priority, "PR", 3, J::Number, false, W::None, {Priority}, priority_cell, K::SignedInt, int_key<Priority>, nullptr},
    {FieldId::Nice, "NI", 3, J::Number, false, W::None, {Nice}, int_cell<Nice, true>, K::SignedInt, int_key<Nice>, nullptr},
    {FieldId::Threads, "nTH", 3, J::Number, false, W::None, {NumThreads}, int_cell<NumThreads>, K::SignedInt, int_key<NumThreads>, nullptr},
    {FieldId::Processor, "P", kCpuNumberWidth, J::Number, false, W::None, {Processor}, int_cell<Processor>, K::SignedInt, int_key<Processor>, nullptr},
    {FieldId::Cpu, "%CPU", 5, J::Number, false, W::None, kCpu, cpu_cell, K::Unsigned, cpu_key, cpu_json},
    {FieldId::Time, "TIME", 6, J::Number, false, W::None, kTimes, time_cell, K::Unsigned, time_key, time_json},
    {FieldId::TimePlus, "TIME+", 9, J::Number, false, W::None, kTimes, time_cell, K::Unsigned, time_key, time_json},
    {FieldId::Mem, "%MEM", 5, J::Number, false, W::None, {StatmResident}, memory_percent_cell, K::Unsigned, statm_key<StatmResident>, memory_percent_json},
    {FieldId::Virt, "VIRT", 7, J::Number, true, W::None, {StatmSize}, statm_cell<StatmSize>, K::Unsigned, statm_key<StatmSize>, nullptr},
    {FieldId::Swap, "SWAP", 6, J::Number, true, W::None, {VmSwap}, kib_cell<VmSwap>, K::Unsigned, unsigned_key<VmSwap>, nullptr},
    {FieldId::Res, "RES", 6, J::Number, true, W::None, {StatmResident}, statm_cell<StatmResident>, K::Unsigned, statm_key<StatmResident>, nullptr},
    {FieldId::Code, "CODE", 6, J::Number, true, W::None, {StatmText}, statm_cell<StatmText>, K::Unsigned, statm_key<StatmText>, nullptr},
    {FieldId::Data, "DATA", 7, J::Number, true, W::None, {StatmData}, statm_cell<StatmData>, K::Unsigned, statm_key<StatmData>, nullptr},
    {FieldId::Shr, "SHR", 6, J::Number, true, W::None, {StatmShared}, statm_cell<StatmShared>, K::Unsigned, statm_key<StatmShared>, nullptr},
    {FieldId::MajorFaults, "nMaj", 4, J::Number, false, W::None, {MajFlt}, count_cell<MajFlt>, K::Unsigned, unsigned_key<MajFlt>, nullptr},
    {FieldId::MinorFaults, "nMin", 4, J::Number, false, W::None, {MinFlt}, count_cell<MinFlt>, K::Unsigned, unsigned_key<MinFlt>, nullptr},
    {FieldId::Dirty, "nDRT", 4, J::Number, false, W::None, kTid, dirty_cell, K::None, no_key, nullptr},
    {FieldId::State, "S", 1, J::Number, false, W::None, {State}, state_cell, K::SignedInt, state_key, state_json},
    {FieldId::Command, "COMMAND", kVariableWidth, J::Text, false, W::None, kCommandName, command_cell, K::Text, command_key, command_json},
    {FieldId::Wchan, "WCHAN", 10, J::Text, false, W::Both, {Wchan}, wchan_cell, K::Text, wchan_key, nullptr},
    {FieldId::Flags, "Flags", 8, J::Text, false, W::None, {Flags}, flags_cell, K::Unsigned, unsigned_key<Flags>, nullptr},
    {FieldId::Cgroups, "CGROUPS", kVariableWidth, J::Text, false, W::None, {Cgroup}, cgroups_cell, K::Text, cgroups_key, nullptr},
    {FieldId::Supgids, "SUPGIDS", kVariableWidth, J::Text, false, W::None, {SupGroups}, supgids_cell, K::Text, supgids_key, nullptr},
    {FieldId::Supgroups, "SUPGRPS", kVariableWidth, J::Text, false, W::None, {SupGroups}, supgroups_cell, K::Text, supgroups_key, nullptr},
    {FieldId::Tgid, "TGID", kPidWidth, J::Number, false, W::None, {Tgid}, int_cell<Tgid>, K::SignedInt, int_key<Tgid>, nullptr},
    {FieldId::OomAdj, "OOMa", 5, J::Number, false, W::None, {OomScoreAdj}, int_cell<OomScoreAdj, true>, K::SignedInt, int_key<OomScoreAdj>, nullptr},
    {FieldId::OomScore, "OOMs", 4, J::Number, false, W::None, {OomScore}, int_cell<OomScore, true>, K::SignedInt, int_key<OomScore>, nullptr},
    {FieldId::Environ, "ENVIRON", kVariableWidth, J::Text, false, W::None, {Environ}, environ_cell, K::Text, environ_key, nullptr},
    {FieldId::MajorDelta, "vMj", 3, J::Number, false, W::None, {MajFlt}, major_delta_cell, K::SignedInt, major_delta_key, nullptr},
    {FieldId::MinorDelta, "vMn", 3, J::Number, false, W::None, {MinFlt}, minor_delta_cell, K::SignedInt, minor_delta_key, nullptr},
    {FieldId::Used, "USED", 6, J::Number, true, W::None, {VmSwap, VmRss}, used_cell, K::Unsigned, used_key, nullptr},
    {FieldId::NsIpc, "nsIPC", 10, J::Number, false, W::Both, {IpcNs}, inode_cell<IpcNs>, K::Unsigned, unsigned_key<IpcNs>, nullptr},
    {FieldId::NsMnt, "nsMNT", 10, J::Number, false, W::Both, {MntNs}, inode_cell<MntNs>, K::Unsigned, unsigned_key<MntNs>, nullptr},
    {FieldId::NsNet, "nsNET", 10, J::Number, false, W::Both, {NetNs}, inode_cell<NetNs>, K::Unsigned, unsigned_key<NetNs>, nullptr},
    {FieldId::NsPid, "nsPID", 10, J::Number, false, W::Both, {PidNs}, inode_cell<PidNs>, K::Unsigned, unsigned_key<PidNs>, nullptr},
    {FieldId::NsUser, "nsUSER", 10, J::Number, false, W::Both, {UserNs}, inode_cell<UserNs>, K::Unsigned, unsigned_key<UserNs>, nullptr},
    {FieldId::NsUts, "nsUTS", 10, J::Number, false, W::Both, {UtsNs}, inode_cell<UtsNs>, K::Unsigned, unsigned_key<UtsNs>, nullptr},
    {FieldId::Lxc, "LXC", 8, J::Text, false, W::Both, {Cgroup}, lxc_cell, K::Text, lxc_key, nullptr},
    {FieldId::RssAnon, "RSan", 6, J::Number, true, W::None, {RssAnon}, kib_cell<RssAnon>, K::Unsigned, unsigned_key<RssAnon>, nullptr},
    {FieldId::RssFile, "RSfd", 6, J::Number, true, W::None, {RssFile}, kib_cell<RssFile>, K::Unsigned, unsigned_key<RssFile>, nullptr},
    {FieldId::RssLocked, "RSlk", 6, J::Number, true, W::None, {VmLck}, kib_cell<VmLck>, K::Unsigned, unsigned_key<VmLck>, nullptr},
    {FieldId::RssShared, "RSsh", 6, J::Number, true, W::None, {RssShmem}, kib_cell<RssShmem>, K::Unsigned, unsigned_key<RssShmem>, nullptr},
    {FieldId::CgroupName, "CGNAME", kVariableWidth, J::Text, false, W::None, {Cgroup}, cgroup_name_cell, K::Text, cgroup_name_key, nullptr},
    {FieldId::NumaNode, "NU", kNodeNumberWidth, J::Number, false, W::None, {Processor}, numa_node_cell, K::SignedInt, numa_node_key, nullptr},
    {FieldId::LoginId, "LOGID", 5, J::Number, false, W::Automatic, {LoginUid}, login_id_cell, K::SignedInt, login_id_key, nullptr},
    {FieldId::Exe, "EXE", kVariableWidth, J::Text, false, W::None, {Exe}, exe_cell, K::Text, exe_key, nullptr},
    {FieldId::SmapsRss, "RSS", 6, J::Number, true, W::None, {SmapsRss}, kib_cell<SmapsRss>, K::Unsigned, unsigned_key<SmapsRss>, nullptr},
    {FieldId::Pss, "PSS", 6, J::Number, true, W::None, {SmapsPss}, kib_cell<SmapsPss>, K::Unsigned, unsigned_key<SmapsPss>, nullptr},
    {FieldId::PssAnon, "PSan", 6, J::Number, true, W::None, {SmapsPssAnon}, kib_cell<SmapsPssAnon>, K::Unsigned, unsigned_key<SmapsPssAnon>, nullptr},
    {FieldId::PssFile, "PSfd", 6, J::Number, true, W::None, {SmapsPssFile}, kib_cell<SmapsPssFile>, K::Unsigned, unsigned_key<SmapsPssFile>, nullptr},
    {FieldId::PssShared, "PSsh", 6, J::Number, true, W::None, {SmapsPssShmem}, kib_cell<SmapsPssShmem>, K::Unsigned, unsigned_key<SmapsPssShmem>, nullptr},
    {FieldId::Uss, "USS", 6, J::Number, true, W::None, {SmapsPrivateClean, SmapsPrivateDirty}, uss_cell, K::Unsigned, uss_key, nullptr},
    {FieldId::IoRead, "ioR", 6, J::Number, false, W::None, {IoReadBytes}, count_cell<IoReadBytes>, K::Unsigned, unsigned_key<IoReadBytes>, nullptr},
    {FieldId::IoReadOps, "ioRop", 5, J::Number, false, W::None, {IoSyscr}, count_cell<IoSyscr>, K::Unsigned, unsigned_key<IoSyscr>, nullptr},
    {FieldId::IoWrite, "ioW", 6, J::Number, false, W::None, {IoWriteBytes}, count_cell<IoWriteBytes>, K::Unsigned, unsigned_key<IoWriteBytes>, nullptr},
    {FieldId::IoWriteOps, "ioWop", 5, J::Number, false, W::None, {IoSyscw}, count_cell<IoSyscw>, K::Unsigned, unsigned_key<IoSyscw>, nullptr},
    {FieldId::AutogroupId, "AGID", 5, J::Number, false, W::None, {AutogroupId}, autogroup_id_cell, K::SignedInt, autogroup_id_key, nullptr},
    {FieldId::AutogroupNice, "AGNI", 4, J::Number, false, W::None, {AutogroupNice}, int_cell<AutogroupNice, true>, K::SignedInt, int_key<AutogroupNice>, nullptr},
    {FieldId::Started, "STARTED", 7, J::Number, false, W::None, {StartTime}, started_cell, K::Unsigned, unsigned_key<StartTime>, started_json},
    {FieldId::Elapsed, "ELAPSED", 7, J::Number, false, W::None, {StartTime}, elapsed_cell, K::Real, elapsed_key, nullptr},
    {FieldId::Utilization, "%CUU", 6, J::Number, false, W::None, kUtilization, utilization_cell, K::Real, utilization_key, nullptr},
    {FieldId::UtilizationChildren, "%CUC", 7, J::Number, false, W::None, kUtilizationChildren, utilization_children_cell, K::Real, utilization_children_key, nullptr},
    {FieldId::NsCgroup, "nsCGROUP", 10, J::Number, false, W::Both, {CgroupNs}, inode_cell<CgroupNs>, K::Unsigned, unsigned_key<CgroupNs>, nullptr},
    {FieldId::NsTime, "nsTIME", 10, J::Number, false, W::Both, {TimeNs}, inode_cell<TimeNs>, K::Unsigned, unsigned_key<TimeNs>, nullptr},
}};
// clang-format on

constexpr bool table_is_in_enum_order() {
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const FieldSpec& row = kFields[i];
    if (static_cast<std::size_t>(row.id) != i) return false;
    if (row.header.empty() || row.needs.empty() || row.print == nullptr || row.sort_key == nullptr)
      return false;
  }
  return true;
}
static_assert(table_is_in_enum_order(),
              "kFields row i must describe FieldId i (rcfiles store these numbers) and name its "
              "header, fields, printer and sort key");

constexpr bool headers_are_unique() {
  for (std::size_t i = 0; i < kFields.size(); ++i)
    for (std::size_t j = i + 1; j < kFields.size(); ++j)
      if (kFields[i].header == kFields[j].header) return false;
  return true;
}
static_assert(headers_are_unique(), "-o and the filters find a field by its header");

}  // namespace

const FieldSpec& field_spec(FieldId id) {
  return kFields[static_cast<std::size_t>(id)];
}

std::span<const FieldSpec> all_fields() {
  return kFields;
}

std::optional<FieldId> field_by_header(std::string_view name) {
  for (const FieldSpec& row : kFields)
    if (row.header == name) return row.id;
  return std::nullopt;
}

std::string field_list_text() {
  std::string text;
  for (const FieldSpec& row : kFields) {
    text.append(row.header);
    text.push_back('\n');
  }
  return text;
}

procscan::FieldSet fields_for(FieldId id, const FieldModes& modes) {
  FieldSet fields = field_spec(id).needs;
  if (id == FieldId::Command && modes.command_line) fields.add(kCommandLine);
  if ((id == FieldId::Time || id == FieldId::TimePlus) && modes.cumulative) fields.add(kChildTimes);
  return fields;
}

}  // namespace td::top

#include "sort_keys.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "printers.h"

namespace td::ps {

namespace {

using procscan::Field;
using procscan::FieldSet;
using procscan::TaskRef;
using enum procscan::Field;

SortValue signed_value(std::int64_t v) {
  SortValue value;
  value.kind = SortValue::Kind::Signed;
  value.signed_value = v;
  return value;
}

SortValue unsigned_value(std::uint64_t v) {
  SortValue value;
  value.kind = SortValue::Kind::Unsigned;
  value.unsigned_value = v;
  return value;
}

SortValue real_value(double v) {
  SortValue value;
  value.kind = SortValue::Kind::Real;
  value.real_value = v;
  return value;
}

SortValue text_value(std::string text) {
  SortValue value;
  value.kind = SortValue::Kind::Text;
  value.text = std::move(text);
  return value;
}

// Numbers straight from a field; libproc2 keeps ids and the like as 32-bit signed ints.
template <Field F>
SortValue int32_field(const PrintContext&, const TaskRef& task) {
  return signed_value(static_cast<std::int32_t>(task.u64(F)));
}
template <Field F>
SortValue signed_field(const PrintContext&, const TaskRef& task) {
  return signed_value(task.i64(F));
}
template <Field F>
SortValue unsigned_field(const PrintContext&, const TaskRef& task) {
  return unsigned_value(task.u64(F));
}

// The text a printer shows, uncut: for items libproc2 keeps as strings (names, command
// lines, terminal names), which read the same.
template <Printer P>
SortValue printed_text(const PrintContext& ctx, const TaskRef& task) {
  PrintContext wide = ctx;
  wide.max_cells = 128 * 1024;
  wide.modes.user_is_number = false;
  std::string text;
  P(wide, task, text);
  return text_value(std::move(text));
}

SortValue command_line_key(const PrintContext& ctx, const TaskRef& task) {
  return text_value(task_command_line(ctx, task));
}
SortValue command_name_key(const PrintContext& ctx, const TaskRef& task) {
  return text_value(task_command_name(ctx, task));
}

std::uint64_t cpu_ticks(const TaskRef& task, bool children) {
  std::uint64_t ticks = task.u64(Utime) + task.u64(Stime);
  if (children) ticks += task.u64(Cutime) + task.u64(Cstime);
  return ticks;
}

double elapsed(const PrintContext& ctx, const TaskRef& task) {
  const double age =
      static_cast<double>(ctx.system.boot_ticks) - static_cast<double>(task.u64(StartTime));
  return age > 0 ? age / static_cast<double>(ctx.system.hertz) : 0.0;
}

// display.c value_this_proc_pcpu: per mille of life, over whole seconds of age.
SortValue pcpu_key(const PrintContext& ctx, const TaskRef& task) {
  const auto seconds = static_cast<std::uint64_t>(elapsed(ctx, task));
  const std::uint64_t ticks = cpu_ticks(task, ctx.modes.include_dead_children);
  const auto hz = static_cast<std::uint64_t>(ctx.system.hertz);
  return unsigned_value(seconds ? ticks * 1000 / hz / seconds : 0);
}
SortValue pcpu_children_key(const PrintContext& ctx, const TaskRef& task) {
  PrintContext with_children = ctx;
  with_children.modes.include_dead_children = true;
  return pcpu_key(with_children, task);
}
SortValue cputime_key(const PrintContext& ctx, const TaskRef& task) {
  return real_value(static_cast<double>(cpu_ticks(task, false)) /
                    static_cast<double>(ctx.system.hertz));
}
SortValue ticks_key(const PrintContext&, const TaskRef& task) {
  return unsigned_value(cpu_ticks(task, false));
}
SortValue elapsed_key(const PrintContext& ctx, const TaskRef& task) {
  return real_value(elapsed(ctx, task));
}
SortValue state_key(const PrintContext&, const TaskRef& task) {
  return signed_value(static_cast<signed char>(task.u64(State)));
}
SortValue user_ticks_children_key(const PrintContext&, const TaskRef& task) {
  return unsigned_value(task.u64(Utime) + task.u64(Cutime));
}

// libproc2 presets the autogroup id and the login uid to -1 when their file is unreadable.
SortValue autogroup_id_key(const PrintContext&, const TaskRef& task) {
  return signed_value(static_cast<std::int32_t>(task.i64(AutogroupId, -1)));
}
SortValue login_uid_key(const PrintContext&, const TaskRef& task) {
  return signed_value(static_cast<std::int32_t>(task.u64(LoginUid, ~std::uint64_t{0})));
}
SortValue uss_key(const PrintContext&, const TaskRef& task) {
  return unsigned_value(task.u64(SmapsPrivateClean) + task.u64(SmapsPrivateDirty));
}
SortValue numa_key(const PrintContext& ctx, const TaskRef& task) {
  const std::uint64_t cpu = task.u64(Processor);
  const auto& nodes = ctx.system.numa_nodes;
  return signed_value(cpu < nodes.size() ? nodes[cpu] : -1);
}

constexpr FieldSet kCpu{Utime, Stime, Cutime, Cstime, StartTime};
constexpr FieldSet kArgs{Cmdline, Comm, State};

// Sorted by name. Specifiers missing here sort as no-ops, as ps' placeholders do.
// clang-format off
constexpr auto kSortKeys = std::to_array<SortKeySpec>({
    {"%cpu", kCpu, kNeedUptime, pcpu_key},
    {"%mem", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"ag_id", {AutogroupId}, kNeedNothing, autogroup_id_key},
    {"ag_nice", {AutogroupNice}, kNeedNothing, int32_field<AutogroupNice>},
    {"args", kArgs, kNeedNothing, command_line_key},
    {"atime", kCpu, kNeedNothing, cputime_key},
    {"blocked", {SigBlocked}, kNeedNothing, unsigned_field<SigBlocked>},
    {"bsdstart", {StartTime}, kNeedNothing, unsigned_field<StartTime>},
    {"bsdtime", kCpu, kNeedNothing, ticks_key},
    {"c", kCpu, kNeedUptime, pcpu_key},
    {"caught", {SigCaught}, kNeedNothing, unsigned_field<SigCaught>},
    {"cgname", {Cgroup}, kNeedNothing, printed_text<print_cgname>},
    {"cgroup", {Cgroup}, kNeedNothing, printed_text<print_cgroup>},
    {"cgroupns", {CgroupNs}, kNeedNothing, unsigned_field<CgroupNs>},
    {"class", {Policy}, kNeedNothing, printed_text<print_class>},
    {"cls", {Policy}, kNeedNothing, printed_text<print_class>},
    {"cmd", kArgs, kNeedNothing, command_line_key},
    {"comm", {Comm}, kNeedNothing, command_name_key},
    {"command", kArgs, kNeedNothing, command_line_key},
    {"context", {Tgid}, kNeedNothing, int32_field<Tgid>},
    {"cp", kCpu, kNeedUptime, pcpu_key},
    {"cpuid", {Processor}, kNeedNothing, int32_field<Processor>},
    {"cputime", kCpu, kNeedNothing, cputime_key},
    {"cputimes", kCpu, kNeedNothing, cputime_key},
    {"cuc", kCpu, kNeedUptime, pcpu_children_key},
    {"cutime", {Utime, Cutime}, kNeedNothing, user_ticks_children_key},
    {"cuu", kCpu, kNeedUptime, pcpu_key},
    {"drs", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"dsiz", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"egid", {Egid}, kNeedNothing, unsigned_field<Egid>},
    {"egroup", {Egid}, kNeedNothing, printed_text<print_egroup>},
    {"eip", {KstkEip}, kNeedNothing, unsigned_field<KstkEip>},
    {"end_code", {EndCode}, kNeedNothing, unsigned_field<EndCode>},
    {"esp", {KstkEsp}, kNeedNothing, unsigned_field<KstkEsp>},
    {"etime", {StartTime}, kNeedUptime, elapsed_key},
    {"etimes", {StartTime}, kNeedUptime, elapsed_key},
    {"euid", {Euid}, kNeedNothing, unsigned_field<Euid>},
    {"euser", {Euid}, kNeedNothing, printed_text<print_euser>},
    {"exe", {Exe}, kNeedNothing, printed_text<print_exe>},
    {"f", {Flags}, kNeedNothing, unsigned_field<Flags>},
    {"fgid", {Flags}, kNeedNothing, unsigned_field<Flags>},  // sic: procps sorts fgid by flags
    {"fgroup", {Fsgid}, kNeedNothing, printed_text<print_fgroup>},
    {"flag", {Flags}, kNeedNothing, unsigned_field<Flags>},
    {"flags", {Flags}, kNeedNothing, unsigned_field<Flags>},
    {"fname", {Comm}, kNeedNothing, command_name_key},
    {"fsgid", {Fsgid}, kNeedNothing, unsigned_field<Fsgid>},
    {"fsgroup", {Fsgid}, kNeedNothing, printed_text<print_fgroup>},
    {"fsuid", {Fsuid}, kNeedNothing, unsigned_field<Fsuid>},
    {"fsuser", {Fsuid}, kNeedNothing, printed_text<print_fuser>},
    {"fuid", {Fsuid}, kNeedNothing, unsigned_field<Fsuid>},
    {"fuser", {Fsuid}, kNeedNothing, printed_text<print_fuser>},
    {"gid", {Egid}, kNeedNothing, unsigned_field<Egid>},
    {"group", {Egid}, kNeedNothing, printed_text<print_egroup>},
    {"ignored", {SigIgnored}, kNeedNothing, unsigned_field<SigIgnored>},
    {"intpri", {Priority}, kNeedNothing, signed_field<Priority>},
    {"ipcns", {IpcNs}, kNeedNothing, unsigned_field<IpcNs>},
    {"label", {Tgid}, kNeedNothing, int32_field<Tgid>},
    {"lastcpu", {Processor}, kNeedNothing, int32_field<Processor>},
    {"lim", {RssLimit}, kNeedNothing, unsigned_field<RssLimit>},
    {"longtname", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"lsession", {SdSession}, kNeedNothing, printed_text<print_sd_session>},
    {"lstart", {StartTime}, kNeedNothing, unsigned_field<StartTime>},
    {"luid", {LoginUid}, kNeedNothing, login_uid_key},
    {"lwp", {Tid}, kNeedNothing, int32_field<Tid>},
    {"lxc", {Cgroup}, kNeedNothing, printed_text<print_lxc>},
    {"m_drs", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"m_resident", {StatmResident}, kNeedNothing, unsigned_field<StatmResident>},
    {"m_share", {StatmShared}, kNeedNothing, unsigned_field<StatmShared>},
    {"m_size", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"m_trs", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"machine", {SdMachine}, kNeedNothing, printed_text<print_sd_machine>},
    {"maj_flt", {MajFlt}, kNeedNothing, unsigned_field<MajFlt>},
    {"majflt", {MajFlt}, kNeedNothing, unsigned_field<MajFlt>},
    {"min_flt", {MinFlt}, kNeedNothing, unsigned_field<MinFlt>},
    {"minflt", {MinFlt}, kNeedNothing, unsigned_field<MinFlt>},
    {"mntns", {MntNs}, kNeedNothing, unsigned_field<MntNs>},
    {"netns", {NetNs}, kNeedNothing, unsigned_field<NetNs>},
    {"ni", {Nice}, kNeedNothing, signed_field<Nice>},
    {"nice", {Nice}, kNeedNothing, signed_field<Nice>},
    {"nlwp", {NumThreads}, kNeedNothing, int32_field<NumThreads>},
    {"numa", {Processor}, kNeedNumaNodes, numa_key},
    {"oom", {OomScore}, kNeedNothing, int32_field<OomScore>},
    {"oomadj", {OomScoreAdj}, kNeedNothing, int32_field<OomScoreAdj>},
    {"opri", {Priority}, kNeedNothing, signed_field<Priority>},
    {"ouid", {SdOwnerUid}, kNeedNothing, printed_text<print_sd_ouid>},
    {"pagein", {MajFlt}, kNeedNothing, unsigned_field<MajFlt>},
    {"pcpu", kCpu, kNeedUptime, pcpu_key},
    {"pending", {SigSharedPending, SigPending}, kNeedNothing, printed_text<print_sig>},
    {"pgid", {Pgid}, kNeedNothing, int32_field<Pgid>},
    {"pgrp", {Pgid}, kNeedNothing, int32_field<Pgid>},
    {"pid", {Tgid}, kNeedNothing, int32_field<Tgid>},
    {"pidns", {PidNs}, kNeedNothing, unsigned_field<PidNs>},
    {"pmem", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"policy", {Policy}, kNeedNothing, printed_text<print_class>},
    {"ppid", {Ppid}, kNeedNothing, int32_field<Ppid>},
    {"pri", {Priority}, kNeedNothing, signed_field<Priority>},
    {"pri_api", {Priority}, kNeedNothing, signed_field<Priority>},
    {"pri_bar", {Priority}, kNeedNothing, signed_field<Priority>},
    {"pri_baz", {Priority}, kNeedNothing, signed_field<Priority>},
    {"pri_foo", {Priority}, kNeedNothing, signed_field<Priority>},
    {"priority", {Priority}, kNeedNothing, signed_field<Priority>},
    {"psr", {Processor}, kNeedNothing, int32_field<Processor>},
    {"pss", {SmapsPss}, kNeedNothing, unsigned_field<SmapsPss>},
    {"rbytes", {IoReadBytes}, kNeedNothing, unsigned_field<IoReadBytes>},
    {"rchars", {IoRchar}, kNeedNothing, unsigned_field<IoRchar>},
    {"resident", {StatmResident}, kNeedNothing, unsigned_field<StatmResident>},
    {"rgid", {Rgid}, kNeedNothing, unsigned_field<Rgid>},
    {"rgroup", {Rgid}, kNeedNothing, printed_text<print_rgroup>},
    {"rops", {IoSyscr}, kNeedNothing, unsigned_field<IoSyscr>},
    {"rss", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"rssize", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"rsz", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"rtprio", {RtPriority}, kNeedNothing, int32_field<RtPriority>},
    {"ruid", {Ruid}, kNeedNothing, unsigned_field<Ruid>},
    {"ruser", {Ruid}, kNeedNothing, printed_text<print_ruser>},
    {"s", {State}, kNeedNothing, state_key},
    {"sched", {Policy}, kNeedNothing, int32_field<Policy>},
    {"seat", {SdSession, SdSeat}, kNeedNothing, printed_text<print_sd_seat>},
    {"sess", {Sid}, kNeedNothing, int32_field<Sid>},
    {"session", {Sid}, kNeedNothing, int32_field<Sid>},
    {"sgi_p", {State}, kNeedNothing, state_key},
    {"sgi_rss", {VmRss}, kNeedNothing, unsigned_field<VmRss>},
    {"sgid", {Sgid}, kNeedNothing, unsigned_field<Sgid>},
    {"sgroup", {Sgid}, kNeedNothing, printed_text<print_sgroup>},
    {"sid", {Sid}, kNeedNothing, int32_field<Sid>},
    {"sig", {SigSharedPending, SigPending}, kNeedNothing, printed_text<print_sig>},
    {"sig_block", {SigBlocked}, kNeedNothing, unsigned_field<SigBlocked>},
    {"sig_catch", {SigCaught}, kNeedNothing, unsigned_field<SigCaught>},
    {"sig_ignore", {SigIgnored}, kNeedNothing, unsigned_field<SigIgnored>},
    {"sig_pend", {SigSharedPending, SigPending}, kNeedNothing, printed_text<print_sig>},
    {"sigcatch", {SigCaught}, kNeedNothing, unsigned_field<SigCaught>},
    {"sigignore", {SigIgnored}, kNeedNothing, unsigned_field<SigIgnored>},
    {"sigmask", {SigBlocked}, kNeedNothing, unsigned_field<SigBlocked>},
    {"size", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"slice", {SdSlice}, kNeedNothing, printed_text<print_sd_slice>},
    {"spid", {Tid}, kNeedNothing, int32_field<Tid>},
    {"stackp", {StartStack}, kNeedNothing, unsigned_field<StartStack>},
    {"start", {StartTime}, kNeedNothing, unsigned_field<StartTime>},
    {"start_code", {StartCode}, kNeedNothing, unsigned_field<StartCode>},
    {"start_stack", {StartStack}, kNeedNothing, unsigned_field<StartStack>},
    {"start_time", {StartTime}, kNeedNothing, unsigned_field<StartTime>},
    {"stat", {State}, kNeedNothing, state_key},
    {"state", {State}, kNeedNothing, state_key},
    {"stime", {StartTime}, kNeedNothing, unsigned_field<StartTime>},
    {"suid", {Suid}, kNeedNothing, unsigned_field<Suid>},
    {"supgid", {SupGroups}, kNeedNothing, printed_text<print_supgid>},
    {"supgrp", {SupGroups}, kNeedNothing, printed_text<print_supgrp>},
    {"suser", {Suid}, kNeedNothing, printed_text<print_suser>},
    {"svgid", {Sgid}, kNeedNothing, unsigned_field<Sgid>},
    {"svgroup", {Sgid}, kNeedNothing, printed_text<print_sgroup>},
    {"svuid", {Suid}, kNeedNothing, unsigned_field<Suid>},
    {"svuser", {Suid}, kNeedNothing, printed_text<print_suser>},
    {"sz", {VmSize}, kNeedNothing, unsigned_field<VmSize>},
    {"tgid", {Tgid}, kNeedNothing, int32_field<Tgid>},
    {"thcount", {NumThreads}, kNeedNothing, int32_field<NumThreads>},
    {"tid", {Tid}, kNeedNothing, int32_field<Tid>},
    {"time", kCpu, kNeedNothing, cputime_key},
    {"timens", {TimeNs}, kNeedNothing, unsigned_field<TimeNs>},
    {"times", kCpu, kNeedNothing, cputime_key},
    {"tname", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"tpgid", {Tpgid}, kNeedNothing, signed_field<Tpgid>},
    {"trs", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"trss", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"tsig", {SigPending}, kNeedNothing, unsigned_field<SigPending>},
    {"tsiz", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"tt", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"tty", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"tty4", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"tty8", {TtyNr}, kNeedNothing, printed_text<print_tty8>},
    {"ucmd", {Comm}, kNeedNothing, command_name_key},
    {"ucomm", {Comm}, kNeedNothing, command_name_key},
    {"uid", {Euid}, kNeedNothing, unsigned_field<Euid>},
    {"uid_hack", {Euid}, kNeedNothing, printed_text<print_euser>},
    {"uname", {Euid}, kNeedNothing, printed_text<print_euser>},
    {"unit", {SdUnit}, kNeedNothing, printed_text<print_sd_unit>},
    {"user", {Euid}, kNeedNothing, printed_text<print_euser>},
    {"userns", {UserNs}, kNeedNothing, unsigned_field<UserNs>},
    {"uss", {SmapsPrivateClean, SmapsPrivateDirty}, kNeedNothing, uss_key},
    {"util", kCpu, kNeedUptime, pcpu_key},
    {"utime", {Utime}, kNeedNothing, unsigned_field<Utime>},
    {"utsns", {UtsNs}, kNeedNothing, unsigned_field<UtsNs>},
    {"uunit", {SdUserUnit}, kNeedNothing, printed_text<print_sd_uunit>},
    {"vm_data", {VmData}, kNeedNothing, unsigned_field<VmData>},
    {"vm_exe", {VmExe}, kNeedNothing, unsigned_field<VmExe>},
    {"vm_lib", {VmLib}, kNeedNothing, unsigned_field<VmLib>},
    {"vm_lock", {VmLck}, kNeedNothing, unsigned_field<VmLck>},
    {"vm_stack", {VmStk}, kNeedNothing, unsigned_field<VmStk>},
    {"vsize", {Vsize}, kNeedNothing, unsigned_field<Vsize>},
    {"vsz", {VmSize}, kNeedNothing, unsigned_field<VmSize>},
    {"wbytes", {IoWriteBytes}, kNeedNothing, unsigned_field<IoWriteBytes>},
    {"wcbytes", {IoCancelledWriteBytes}, kNeedNothing, unsigned_field<IoCancelledWriteBytes>},
    {"wchan", {Wchan}, kNeedNothing, printed_text<print_wchan>},
    {"wchars", {IoWchar}, kNeedNothing, unsigned_field<IoWchar>},
    {"wname", {Wchan}, kNeedNothing, printed_text<print_wchan>},
    {"wops", {IoSyscw}, kNeedNothing, unsigned_field<IoSyscw>},
    {"zone", {Tgid}, kNeedNothing, int32_field<Tgid>},
});
// clang-format on

constexpr bool sorted_by_name() {
  for (std::size_t i = 1; i < kSortKeys.size(); ++i)
    if (!(kSortKeys[i - 1].spec < kSortKeys[i].spec)) return false;
  return true;
}
static_assert(sorted_by_name(), "kSortKeys must be sorted by spec");

}  // namespace

const SortKeySpec* find_sort_key(std::string_view spec) {
  const auto it =
      std::lower_bound(kSortKeys.begin(), kSortKeys.end(), spec,
                       [](const SortKeySpec& k, std::string_view s) { return k.spec < s; });
  if (it == kSortKeys.end() || it->spec != spec) return nullptr;
  return &*it;
}

int compare_sort_values(const SortValue& a, const SortValue& b) {
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.kind) {
    case SortValue::Kind::Signed:
      return three_way(a.signed_value, b.signed_value);
    case SortValue::Kind::Unsigned:
      return three_way(a.unsigned_value, b.unsigned_value);
    case SortValue::Kind::Real:
      return three_way(a.real_value, b.real_value);
    case SortValue::Kind::Text: {
      const int c = std::strcoll(a.text.c_str(), b.text.c_str());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

}  // namespace td::ps

// Memory, faults, addresses, signal masks, namespaces and I/O counters.
#include "printers.h"
#include "value_format.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

int append_u64(std::string& out, std::uint64_t value) {
  return append_unsigned(out, value);
}

int append_address(std::string& out, std::uint64_t value) {
  const std::size_t before = out.size();
  append_hex(out, value, 16);
  return static_cast<int>(out.size() - before);
}

int append_mask(const PrintContext& ctx, std::string& out, std::uint64_t mask) {
  const std::size_t before = out.size();
  append_signal_mask(out, mask, ctx.wide_signals);
  return static_cast<int>(out.size() - before);
}

// A namespace inode, "-" when unknown.
int append_namespace(std::string& out, const TaskRef& task, Field field) {
  const std::uint64_t inode = task.u64(field);
  if (inode == 0) {
    out.push_back('-');
    return 1;
  }
  return append_u64(out, inode);
}

std::uint64_t data_kib(const TaskRef& task) {
  const std::uint64_t vsize = task.u64(Field::Vsize);
  if (vsize == 0) return 0;
  return (vsize - task.u64(Field::EndCode) + task.u64(Field::StartCode)) >> 10;
}

std::uint64_t text_kib(const TaskRef& task) {
  if (task.u64(Field::Vsize) == 0) return 0;
  return (task.u64(Field::EndCode) - task.u64(Field::StartCode)) >> 10;
}

}  // namespace

int print_pmem(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const std::size_t before = out.size();
  append_pmem(out, task.u64(Field::VmRss), ctx.system.mem_total_kib);
  return static_cast<int>(out.size() - before);
}

int print_vsz(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::VmSize));
}
int print_rss(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::VmRss));
}
int print_sz(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  const auto kib_per_page = static_cast<std::uint64_t>(ctx.system.page_size / 1024);
  return append_u64(out, task.u64(Field::VmSize) / (kib_per_page ? kib_per_page : 1));
}
int print_size(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::VmData) + task.u64(Field::VmStk));
}
int print_m_size(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::Vsize));
}
int print_drs(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, data_kib(task));
}
int print_trs(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, text_kib(task));
}

int print_majflt(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  std::uint64_t faults = task.u64(Field::MajFlt);
  if (ctx.modes.include_dead_children) faults += task.u64(Field::CmajFlt);
  return append_u64(out, faults);
}
int print_minflt(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  std::uint64_t faults = task.u64(Field::MinFlt);
  if (ctx.modes.include_dead_children) faults += task.u64(Field::CminFlt);
  return append_u64(out, faults);
}

int print_lim(const PrintContext&, const TaskRef& task, std::string& out) {
  const std::uint64_t limit = task.u64(Field::RssLimit);
  if (limit == ~std::uint64_t{0}) {
    out.append("xx");
    return 2;
  }
  const std::size_t before = out.size();
  append_right(out, limit >> 10, 5);
  return static_cast<int>(out.size() - before);
}

int print_stackp(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_address(out, task.u64(Field::StartStack));
}
int print_esp(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_address(out, task.u64(Field::KstkEsp));
}
int print_eip(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_address(out, task.u64(Field::KstkEip));
}

int print_sig(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  // readproc: a process row shows the process-wide pending set, a thread row its own.
  const bool process = task.kind() == procscan::RowKind::Process;
  if (process && task.has(Field::SigSharedPending))
    return append_mask(ctx, out, task.u64(Field::SigSharedPending));
  return append_mask(ctx, out, task.u64(Field::SigPending));
}
int print_tsig(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return append_mask(ctx, out, task.u64(Field::SigPending));
}
int print_sigmask(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return append_mask(ctx, out, task.u64(Field::SigBlocked));
}
int print_sigcatch(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return append_mask(ctx, out, task.u64(Field::SigCaught));
}
int print_sigignore(const PrintContext& ctx, const TaskRef& task, std::string& out) {
  return append_mask(ctx, out, task.u64(Field::SigIgnored));
}

int print_cgroupns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::CgroupNs);
}
int print_ipcns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::IpcNs);
}
int print_mntns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::MntNs);
}
int print_netns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::NetNs);
}
int print_pidns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::PidNs);
}
int print_timens(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::TimeNs);
}
int print_userns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::UserNs);
}
int print_utsns(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_namespace(out, task, Field::UtsNs);
}

int print_rbytes(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoReadBytes));
}
int print_rchars(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoRchar));
}
int print_rops(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoSyscr));
}
int print_wbytes(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoWriteBytes));
}
int print_wcbytes(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoCancelledWriteBytes));
}
int print_wchars(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoWchar));
}
int print_wops(const PrintContext&, const TaskRef& task, std::string& out) {
  return append_u64(out, task.u64(Field::IoSyscw));
}

}  // namespace td::ps

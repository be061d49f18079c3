// The attributes the decoder keeps, one row each: wire number, payload size, name, and who
// sends it. Every other attribute number is skipped, as the reference asks of a client.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "taskdiag/task_diag_abi.h"

namespace procscan::taskdiag {

// Dense index of a kept attribute inside a decoded task.
enum class Attribute : std::uint8_t {
  Base,
  Cred,
  Vma,
  Stat,
  Statm,
  Cmdline,
  ExtSched,
  ExtTty,
  ExtMm,
  ExtProcfs,
  ExtFile,
  Count
};
inline constexpr std::size_t kAttributeCount = static_cast<std::size_t>(Attribute::Count);

// Who sends an attribute (bits of AttributeInfo::senders): the planner asks each source
// only for what it sends, and the generated field source table (libprocscan/src/README.md)
// says so per field.
enum Sender : std::uint8_t {
  kKernel = 1,        // the kernel's task_diag, checked by its protocol check
  kKernelProbed = 2,  // the kernel's task_diag if a probe finds it (unverified or our numbers)
  kBpfTask = 4,       // our BPF task program (bpf/task.bpf.c), loaded or pinned
  kBpfSide = 8,       // our BPF side programs (task_vma, task_file), in dumps of their own
};

struct AttributeInfo {
  Attribute attribute;
  std::uint16_t wire_type;  // nla_type and show_flags bit
  std::size_t
      payload_size;  // exact size of a struct payload; 0 for variable (VMA, CMDLINE, EXT_FILE)
  std::string_view name;
  std::uint8_t senders;  // Sender bits
};

inline constexpr std::array<AttributeInfo, kAttributeCount> kAttributeTable{{
    {Attribute::Base, TASK_DIAG_BASE, 44, "BASE", kKernel | kBpfTask},
    {Attribute::Cred, TASK_DIAG_CRED, sizeof(task_diag_creds), "CRED", kKernel | kBpfTask},
    {Attribute::Vma, TASK_DIAG_VMA, 0, "VMA", kKernel | kBpfSide},
    {Attribute::Stat, TASK_DIAG_STAT, 72, "STAT", kKernel | kBpfTask},
    {Attribute::Statm, TASK_DIAG_STATM, sizeof(task_diag_statm), "STATM", kKernelProbed},
    {Attribute::Cmdline, TASK_DIAG_CMDLINE, 0, "CMDLINE", kKernelProbed | kBpfTask},
    {Attribute::ExtSched, TASK_DIAG_EXT_SCHED, sizeof(task_diag_ext_sched), "EXT_SCHED",
     kKernelProbed | kBpfTask},
    {Attribute::ExtTty, TASK_DIAG_EXT_TTY, sizeof(task_diag_ext_tty), "EXT_TTY",
     kKernelProbed | kBpfTask},
    {Attribute::ExtMm, TASK_DIAG_EXT_MM, sizeof(task_diag_ext_mm), "EXT_MM",
     kKernelProbed | kBpfTask},
    // Sent unasked by our BPF server for a task whose comm or cmdline only procfs has.
    {Attribute::ExtProcfs, TASK_DIAG_EXT_PROCFS, sizeof(task_diag_ext_procfs), "EXT_PROCFS",
     kBpfTask},
    // Open-file records of our BPF task_file iterator (file_records.h), one process each.
    {Attribute::ExtFile, TASK_DIAG_EXT_FILE, 0, "EXT_FILE", kBpfSide},
}};

// BASE's struct carries 3 bytes of tail padding in C; the wire payload is 44 bytes (41 used),
// and STAT's 72 includes 4 bytes of padding after `threads`.
static_assert(sizeof(task_diag_base) == 44 && sizeof(task_diag_stat) == 72);
static_assert(sizeof(task_diag_creds) == 64 && sizeof(task_diag_statm) == 120);
static_assert(sizeof(task_diag_vma) == 64 && sizeof(task_diag_vma_stat) == 80);
static_assert(sizeof(task_diag_ext_file) == 48);

constexpr const AttributeInfo& info(Attribute a) {
  return kAttributeTable[static_cast<std::size_t>(a)];
}
constexpr std::uint64_t show_bit(Attribute a) {
  return TASK_DIAG_SHOW(info(a).wire_type);
}
// TASK_DIAG_SHOW() bits of the attributes any of `senders` sends.
constexpr std::uint64_t attributes_sent_by(std::uint8_t senders) {
  std::uint64_t bits = 0;
  for (const auto& row : kAttributeTable)
    if (row.senders & senders) bits |= TASK_DIAG_SHOW(row.wire_type);
  return bits;
}
constexpr std::optional<Attribute> attribute_of_wire_type(std::uint16_t type) {
  for (const auto& row : kAttributeTable)
    if (row.wire_type == type) return row.attribute;
  return std::nullopt;
}

namespace detail {
constexpr bool attribute_table_in_order() {
  for (std::size_t i = 0; i < kAttributeTable.size(); ++i)
    if (static_cast<std::size_t>(kAttributeTable[i].attribute) != i ||
        kAttributeTable[i].senders == 0)
      return false;
  return true;
}
}  // namespace detail
static_assert(detail::attribute_table_in_order(),
              "kAttributeTable row i must be Attribute i, and someone must send it");

}  // namespace procscan::taskdiag

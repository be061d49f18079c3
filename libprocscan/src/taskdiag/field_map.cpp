#include "taskdiag/field_map.h"

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "taskdiag/decoder.h"

namespace procscan::taskdiag {

namespace {

using enum Conversion;
using enum WhenAbsent;
using A = Attribute;
using F = Field;

constexpr FieldSource kSources[] = {
    // BASE (reference 3.5.1). tgid and pid come from every message's header.
    {F::Ppid, A::Base, offsetof(task_diag_base, ppid), 4, Copy, -1, Unset},
    {F::TracerPid, A::Base, offsetof(task_diag_base, tpid), 4, Copy, -1, Unset},
    {F::Sid, A::Base, offsetof(task_diag_base, sid), 4, Copy, -1, Unset},
    {F::Pgid, A::Base, offsetof(task_diag_base, pgid), 4, Copy, -1, Unset},
    {F::State, A::Base, offsetof(task_diag_base, state), 1, StateLetter, -1, Unset},
    {F::Comm, A::Base, offsetof(task_diag_base, comm), TASK_DIAG_COMM_LEN, Comm, -1, Unset},
    // CRED (3.5.2), already mapped into the reader's user namespace as status is.
    {F::CapInheritable, A::Cred, offsetof(task_diag_creds, cap_inheritable), 8, Caps, -1, Unset},
    {F::CapPermitted, A::Cred, offsetof(task_diag_creds, cap_permitted), 8, Caps, -1, Unset},
    {F::CapEffective, A::Cred, offsetof(task_diag_creds, cap_effective), 8, Caps, -1, Unset},
    {F::CapBounding, A::Cred, offsetof(task_diag_creds, cap_bset), 8, Caps, -1, Unset},
    {F::Ruid, A::Cred, offsetof(task_diag_creds, uid), 4, Copy, -1, Unset},
    {F::Euid, A::Cred, offsetof(task_diag_creds, euid), 4, Copy, -1, Unset},
    {F::Suid, A::Cred, offsetof(task_diag_creds, suid), 4, Copy, -1, Unset},
    {F::Fsuid, A::Cred, offsetof(task_diag_creds, fsuid), 4, Copy, -1, Unset},
    {F::Rgid, A::Cred, offsetof(task_diag_creds, gid), 4, Copy, -1, Unset},
    {F::Egid, A::Cred, offsetof(task_diag_creds, egid), 4, Copy, -1, Unset},
    {F::Sgid, A::Cred, offsetof(task_diag_creds, sgid), 4, Copy, -1, Unset},
    {F::Fsgid, A::Cred, offsetof(task_diag_creds, fsgid), 4, Copy, -1, Unset},
    // STAT (3.5.3): group totals for process rows, per thread for thread rows, as stat.
    {F::MinFlt, A::Stat, offsetof(task_diag_stat, minflt), 8, Copy, -1, Unset},
    {F::CminFlt, A::Stat, offsetof(task_diag_stat, cminflt), 8, Copy, -1, Unset},
    {F::MajFlt, A::Stat, offsetof(task_diag_stat, majflt), 8, Copy, -1, Unset},
    {F::CmajFlt, A::Stat, offsetof(task_diag_stat, cmajflt), 8, Copy, -1, Unset},
    {F::Utime, A::Stat, offsetof(task_diag_stat, utime), 8, Copy, -1, Unset},
    {F::Stime, A::Stat, offsetof(task_diag_stat, stime), 8, Copy, -1, Unset},
    {F::Cutime, A::Stat, offsetof(task_diag_stat, cutime), 8, Copy, -1, Unset},
    {F::Cstime, A::Stat, offsetof(task_diag_stat, cstime), 8, Copy, -1, Unset},
    {F::NumThreads, A::Stat, offsetof(task_diag_stat, threads), 4, Copy, -1, Unset},
    // STATM (our layout): status Vm*/Rss* in KiB, statm in pages, stat vsize/rss.
    {F::RssAnon, A::Statm, offsetof(task_diag_statm, anon), 8, PagesToKiB, -1, Unset},
    {F::RssFile, A::Statm, offsetof(task_diag_statm, file), 8, PagesToKiB, -1, Unset},
    {F::RssShmem, A::Statm, offsetof(task_diag_statm, shmem), 8, PagesToKiB, -1, Unset},
    {F::VmPeak, A::Statm, offsetof(task_diag_statm, hiwater_vm), 8, MaxToKiB,
     offsetof(task_diag_statm, total_vm), Unset},
    {F::VmHwm, A::Statm, offsetof(task_diag_statm, hiwater_rss), 8, MaxToKiB,
     offsetof(task_diag_statm, total_rss), Unset},
    {F::VmExe, A::Statm, offsetof(task_diag_statm, text), 8, PagesToKiB, -1, Unset},
    {F::VmLib, A::Statm, offsetof(task_diag_statm, lib), 8, PagesToKiB, -1, Unset},
    {F::VmSwap, A::Statm, offsetof(task_diag_statm, swap), 8, PagesToKiB, -1, Unset},
    {F::VmPte, A::Statm, offsetof(task_diag_statm, ptes), 8, BytesToKiB, -1, Unset},
    {F::VmRss, A::Statm, offsetof(task_diag_statm, total_rss), 8, PagesToKiB, -1, Unset},
    {F::VmSize, A::Statm, offsetof(task_diag_statm, total_vm), 8, PagesToKiB, -1, Unset},
    {F::VmData, A::Statm, offsetof(task_diag_statm, data_vm), 8, PagesToKiB, -1, Unset},
    {F::VmStk, A::Statm, offsetof(task_diag_statm, stack_vm), 8, PagesToKiB, -1, Unset},
    {F::VmLck, A::Statm, offsetof(task_diag_statm, locked_vm), 8, PagesToKiB, -1, Unset},
    {F::VmPin, A::Statm, offsetof(task_diag_statm, pinned_vm), 8, PagesToKiB, -1, Unset},
    {F::StatmSize, A::Statm, offsetof(task_diag_statm, total_vm), 8, Copy, -1, Zero},
    {F::StatmResident, A::Statm, offsetof(task_diag_statm, total_rss), 8, Copy, -1, Zero},
    {F::StatmShared, A::Statm, offsetof(task_diag_statm, file), 16, SumPages, -1, Zero},
    {F::StatmText, A::Statm, offsetof(task_diag_statm, text), 8, Copy, -1, Zero},
    {F::StatmData, A::Statm, offsetof(task_diag_statm, data_vm), 16, SumPages, -1, Zero},
    {F::Vsize, A::Statm, offsetof(task_diag_statm, total_vm), 8, PagesToBytes, -1, Zero},
    {F::RssPages, A::Statm, offsetof(task_diag_statm, total_rss), 8, Copy, -1, Zero},
    // CMDLINE (3.5.5): the argv area, NUL separated, as /proc/PID/cmdline gives it.
    {F::Cmdline, A::Cmdline, 0, 0, Whole, -1, Empty},
    // Extension attributes (task_diag_abi.h), /proc/PID/stat semantics.
    {F::Priority, A::ExtSched, offsetof(task_diag_ext_sched, priority), 4, Signed32, -1, Unset},
    {F::Nice, A::ExtSched, offsetof(task_diag_ext_sched, nice), 4, Signed32, -1, Unset},
    {F::Policy, A::ExtSched, offsetof(task_diag_ext_sched, policy), 4, Copy, -1, Unset},
    {F::RtPriority, A::ExtSched, offsetof(task_diag_ext_sched, rt_priority), 4, Copy, -1, Unset},
    {F::Processor, A::ExtSched, offsetof(task_diag_ext_sched, processor), 4, Copy, -1, Unset},
    {F::Flags, A::ExtSched, offsetof(task_diag_ext_sched, flags), 4, Copy, -1, Unset},
    {F::StartTime, A::ExtSched, offsetof(task_diag_ext_sched, start_time), 8, Copy, -1, Unset},
    {F::ExitSignal, A::ExtSched, offsetof(task_diag_ext_sched, exit_signal), 4, Signed32, -1,
     Unset},
    {F::NumThreads, A::ExtSched, offsetof(task_diag_ext_sched, nlwp), 4, Copy, -1, Unset},
    {F::TtyNr, A::ExtTty, offsetof(task_diag_ext_tty, tty_nr), 4, Copy, -1, Unset},
    {F::Tpgid, A::ExtTty, offsetof(task_diag_ext_tty, tpgid), 4, Signed32, -1, Unset},
    {F::Vsize, A::ExtMm, offsetof(task_diag_ext_mm, vsize), 8, Copy, -1, Zero},
    {F::RssPages, A::ExtMm, offsetof(task_diag_ext_mm, rss), 8, Copy, -1, Zero},
    {F::RssAnon, A::ExtMm, offsetof(task_diag_ext_mm, rss_anon), 8, PagesToKiB, -1, Unset},
    {F::RssFile, A::ExtMm, offsetof(task_diag_ext_mm, rss_file), 8, PagesToKiB, -1, Unset},
    {F::RssShmem, A::ExtMm, offsetof(task_diag_ext_mm, rss_shmem), 8, PagesToKiB, -1, Unset},
    // status VmRSS is RssAnon + RssFile + RssShmem, VmSize total_vm (vsize in bytes).
    {F::VmRss, A::ExtMm, offsetof(task_diag_ext_mm, rss_anon), 24, SumPagesToKiB, -1, Unset},
    {F::VmSize, A::ExtMm, offsetof(task_diag_ext_mm, vsize), 8, BytesToKiB, -1, Unset},
    {F::VmLck, A::ExtMm, offsetof(task_diag_ext_mm, locked_vm), 8, PagesToKiB, -1, Unset},
    {F::StartCode, A::ExtMm, offsetof(task_diag_ext_mm, start_code), 8, Copy, -1, Zero},
    {F::EndCode, A::ExtMm, offsetof(task_diag_ext_mm, end_code), 8, Copy, -1, Zero},
};

// Sums add consecutive members: file + shmem, data_vm + stack_vm, rss_anon + rss_file +
// rss_shmem.
static_assert(offsetof(task_diag_statm, shmem) == offsetof(task_diag_statm, file) + 8);
static_assert(offsetof(task_diag_statm, stack_vm) == offsetof(task_diag_statm, data_vm) + 8);
static_assert(offsetof(task_diag_ext_mm, rss_file) == offsetof(task_diag_ext_mm, rss_anon) + 8 &&
              offsetof(task_diag_ext_mm, rss_shmem) == offsetof(task_diag_ext_mm, rss_file) + 8);

constexpr bool conversion_table_in_order() {
  for (std::size_t i = 0; i < std::size(kConversionTable); ++i)
    if (static_cast<std::size_t>(kConversionTable[i].conversion) != i) return false;
  return std::size(kConversionTable) == static_cast<std::size_t>(Conversion::Count);
}
static_assert(conversion_table_in_order(), "kConversionTable row i must be Conversion i");

// The bytes a conversion reads at a row's offset.
constexpr bool width_fits(const FieldSource& row) {
  switch (row.conversion) {
    case Copy:
      return row.width == 1 || row.width == 2 || row.width == 4 || row.width == 8;
    case Signed32:
      return row.width == 4;
    case StateLetter:
      return row.width == 1;
    case Comm:
      return row.width == TASK_DIAG_COMM_LEN;
    case Caps:
    case PagesToKiB:
    case PagesToBytes:
    case BytesToKiB:
      return row.width == 8;
    case MaxToKiB:
      return row.width == 8 && row.second_offset >= 0;
    case SumPages:
    case SumPagesToKiB:
      return row.width >= 16 && row.width % 8 == 0;
    case Whole:
      return row.width == 0 && row.offset == 0;
    case Count:
      break;
  }
  return false;
}

constexpr bool sources_fit_their_payloads() {
  for (const auto& row : kSources) {
    const std::size_t size = info(row.attribute).payload_size;
    if (!width_fits(row)) return false;
    if ((row.second_offset >= 0) != (row.conversion == MaxToKiB)) return false;
    if (size != 0 && row.offset + row.width > size) return false;
    if (row.second_offset >= 0 && static_cast<std::size_t>(row.second_offset) + 8 > size)
      return false;
  }
  return true;
}
static_assert(sources_fit_their_payloads(), "a field source reads past its struct");

// A conversion makes the field's value type and, where it has one, the field's unit: a
// page count never lands in a KiB field, text never in a number.
constexpr bool sources_make_their_fields_units() {
  for (const auto& row : kSources) {
    const ConversionInfo& conversion = info(row.conversion);
    if (conversion.type != type_of(row.field)) return false;
    if (conversion.unit != Unit::None && conversion.unit != procscan::info(row.field).unit)
      return false;
  }
  return true;
}
static_assert(sources_make_their_fields_units(), "a field source converts to the wrong unit");

// Rows fill the fields of task attributes, never the ids (every message's header gives
// them), never from an attribute sent in dumps of its own or unasked, and never twice from
// one attribute.
constexpr bool sources_are_task_attributes() {
  for (std::size_t i = 0; i < std::size(kSources); ++i) {
    const FieldSource& row = kSources[i];
    if (group_of(row.field) == Group::Identity) return false;
    if (row.attribute == A::Vma || row.attribute == A::ExtFile || row.attribute == A::ExtProcfs)
      return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kSources[j].field == row.field && kSources[j].attribute == row.attribute) return false;
  }
  return true;
}
static_assert(sources_are_task_attributes(), "a field source row is out of place");

std::uint64_t load_unsigned(const std::byte* at, std::size_t width) {
  std::uint64_t value = 0;
  switch (width) {
    case 1:
      value = static_cast<std::uint8_t>(*at);
      break;
    case 2: {
      std::uint16_t v;
      std::memcpy(&v, at, 2);
      value = v;
      break;
    }
    case 4: {
      std::uint32_t v;
      std::memcpy(&v, at, 4);
      value = v;
      break;
    }
    case 8:
      std::memcpy(&value, at, 8);
      break;
    default:
      break;
  }
  return value;
}

void set_converted(const FieldSource& row, std::span<const std::byte> payload,
                   std::uint64_t page_size, TaskTable& out) {
  const std::byte* at = payload.data() + row.offset;
  const std::uint64_t kib_per_page = page_size / 1024;
  switch (row.conversion) {
    case Copy:
      out.set_u64(row.field, load_unsigned(at, row.width));
      return;
    case Signed32: {
      std::int32_t v;
      std::memcpy(&v, at, 4);
      out.set_i64(row.field, v);
      return;
    }
    case StateLetter:
      if (const char letter = state_letter(load_unsigned(at, 1))) out.set_u64(row.field, letter);
      return;
    case Comm: {
      std::string_view comm(reinterpret_cast<const char*>(at), row.width);
      if (const std::size_t nul = comm.find('\0'); nul != std::string_view::npos)
        comm = comm.substr(0, nul);
      out.set_str(row.field, comm);
      return;
    }
    case Caps: {
      std::uint32_t words[2];
      std::memcpy(words, at, sizeof words);
      out.set_u64(row.field, words[0] | (std::uint64_t{words[1]} << 32));
      return;
    }
    case PagesToKiB:
      out.set_u64(row.field, load_unsigned(at, 8) * kib_per_page);
      return;
    case PagesToBytes:
      out.set_u64(row.field, load_unsigned(at, 8) * page_size);
      return;
    case BytesToKiB:
      out.set_u64(row.field, load_unsigned(at, 8) >> 10);
      return;
    case MaxToKiB: {
      const std::uint64_t a = load_unsigned(at, 8);
      const std::uint64_t b = load_unsigned(payload.data() + row.second_offset, 8);
      out.set_u64(row.field, (a > b ? a : b) * kib_per_page);
      return;
    }
    case SumPages:
    case SumPagesToKiB: {
      std::uint64_t pages = 0;
      for (std::size_t word = 0; word < row.width; word += 8)
        pages += load_unsigned(at + word, 8);
      out.set_u64(row.field, row.conversion == SumPages ? pages : pages * kib_per_page);
      return;
    }
    case Whole:
      out.set_str(row.field,
                  std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()));
      return;
    case Count:
      return;
  }
}

}  // namespace

std::span<const FieldSource> field_sources() {
  return kSources;
}

char state_letter(std::uint64_t state) {
  static constexpr std::string_view kLetters = "RSDTtXZPI";
  return state < kLetters.size() ? kLetters[state] : '\0';
}

FieldSet served_fields(std::uint64_t attributes) {
  FieldSet served{Field::Tgid, Field::Tid};
  for (const auto& row : kSources)
    if (attributes & show_bit(row.attribute)) served.add(row.field);
  return served;
}

std::uint64_t attributes_for(const FieldSet& wanted, std::uint64_t attributes) {
  std::uint64_t ask = show_bit(Attribute::Base);
  FieldSet covered;
  for (const auto& row : kSources) {
    if (!wanted.contains(row.field) || covered.contains(row.field)) continue;
    if (!(attributes & show_bit(row.attribute))) continue;
    ask |= show_bit(row.attribute);
    covered.add(row.field);
  }
  return ask;
}

FieldSources::FieldSources(const FieldSet& fields, std::uint64_t requested) {
  static_assert(std::size(kSources) <= 256);
  for (std::size_t i = 0; i < std::size(kSources); ++i)
    if (fields.contains(kSources[i].field) && (requested & show_bit(kSources[i].attribute)))
      rows_.push_back(static_cast<std::uint8_t>(i));
}

FieldSet fill_fields(const DumpDecoder& decoder, const TaskEntry& task, std::uint64_t requested,
                     std::uint64_t page_size, TaskTable& out) {
  return fill_fields(decoder, task, FieldSources(out.layout().fields(), requested), page_size, out);
}

FieldSet fill_fields(const DumpDecoder& decoder, const TaskEntry& task, const FieldSources& sources,
                     std::uint64_t page_size, TaskTable& out) {
  out.set_u64(Field::Tgid, task.tgid);
  out.set_u64(Field::Tid, task.pid);
  FieldSet filled;
  FieldSet unfilled;
  for (const std::uint8_t index : sources.rows()) {
    const FieldSource& row = kSources[index];
    if (filled.contains(row.field)) continue;
    if (const auto payload = decoder.payload(task, row.attribute)) {
      // Whole payloads are free-sized; struct payloads were size-checked by the decoder,
      // but a probe decoder may skip that check, so never read past what is there.
      if (row.conversion != Whole && payload->size() < info(row.attribute).payload_size) {
        unfilled.add(row.field);
        continue;
      }
      set_converted(row, *payload, page_size, out);
      filled.add(row.field);
      unfilled.remove(row.field);
      continue;
    }
    if (task.incomplete) {
      unfilled.add(row.field);
      continue;
    }
    switch (row.when_absent) {
      case Unset:
        continue;
      case Zero:
        out.set_u64(row.field, 0);
        break;
      case Empty:
        out.set_str(row.field, {});
        break;
    }
    filled.add(row.field);
  }
  return unfilled;
}

}  // namespace procscan::taskdiag

// Which task_diag attribute fills which procscan Field, and how: one row per (field,
// source), the wire half of the answer to "where does this field come from" (the procfs
// half is the field's group and doc line in procscan/field.h, and who sends each attribute
// is kAttributeTable's senders column). The scanner's choice (through served_fields() of
// what a transport offers), the backend's requests and completion, and the generated table
// of libprocscan/src/README.md all read these rows. A field with two rows (VmRss from STATM
// or EXT_MM) takes the first row whose attribute the dump carried. Conversions give every
// value the unit and meaning of the /proc file named in the field's doc, so tools print the
// same bytes whatever the backend; field_map.cpp checks each row against its field's type
// and unit when compiling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "procscan/field_set.h"
#include "procscan/task_table.h"
#include "taskdiag/attributes.h"

namespace procscan::taskdiag {

enum class Conversion : std::uint8_t {
  Copy,           // unsigned integer of `width` bytes
  Signed32,       // __s32 (priority, nice, tpgid, exit_signal)
  StateLetter,    // task_state_index() -> the /proc state letter (reference 3.6)
  Comm,           // NUL-padded char[16]
  Caps,           // task_diag_caps: word 0 holds bits 0-31, word 1 bits 32-63
  PagesToKiB,     // status Vm* and Rss* lines
  PagesToBytes,   // stat vsize from STATM's total_vm
  BytesToKiB,     // status VmPTE from STATM's ptes, VmSize from EXT_MM's vsize
  MaxToKiB,       // status VmPeak/VmHWM: the larger of two page counts, as status prints it
  SumPages,       // the u64 page counts in [offset, offset + width): statm shared, data
  SumPagesToKiB,  // the same sum in KiB: status VmRSS from EXT_MM's three rss counters
  Whole,          // the whole payload as a string (CMDLINE)
  Count
};

// What a conversion makes: the generated docs name it, the compile-time checks compare
// its type and unit with the field's.
struct ConversionInfo {
  Conversion conversion;
  std::string_view doc;
  ValueType type;
  Unit unit;  // Unit::None: the wire's own unit, whatever the field's
};
inline constexpr ConversionInfo kConversionTable[] = {
    {Conversion::Copy, "as is", ValueType::U64, Unit::None},
    {Conversion::Signed32, "signed", ValueType::I64, Unit::None},
    {Conversion::StateLetter, "state letter", ValueType::U64, Unit::Char},
    {Conversion::Comm, "NUL-padded text", ValueType::String, Unit::Text},
    {Conversion::Caps, "two 32-bit words", ValueType::U64, Unit::Mask},
    {Conversion::PagesToKiB, "pages to KiB", ValueType::U64, Unit::KiB},
    {Conversion::PagesToBytes, "pages to bytes", ValueType::U64, Unit::Bytes},
    {Conversion::BytesToKiB, "bytes to KiB", ValueType::U64, Unit::KiB},
    {Conversion::MaxToKiB, "the larger of two, pages to KiB", ValueType::U64, Unit::KiB},
    {Conversion::SumPages, "sum of pages", ValueType::U64, Unit::Pages},
    {Conversion::SumPagesToKiB, "sum of pages to KiB", ValueType::U64, Unit::KiB},
    {Conversion::Whole, "the whole payload", ValueType::String, Unit::Text},
};
constexpr const ConversionInfo& info(Conversion c) {
  return kConversionTable[static_cast<std::size_t>(c)];
}

// What a requested attribute's absence means. Attributes that need an mm (VMA, STATM,
// CMDLINE, EXT_MM) are absent for kernel threads and reaped-mm zombies, whose /proc/PID/stat
// and statm print 0, whose status has no Vm lines and whose cmdline is empty.
enum class WhenAbsent : std::uint8_t { Unset, Zero, Empty };

struct FieldSource {
  Field field;
  Attribute attribute;
  std::uint16_t offset;
  std::uint8_t width;
  Conversion conversion;
  std::int16_t second_offset;  // MaxToKiB: the other u64; -1 otherwise
  WhenAbsent when_absent;
};

std::span<const FieldSource> field_sources();

// The fields a source with these attributes (TASK_DIAG_SHOW bits) can fill, Tgid and Tid
// included (every message carries them).
FieldSet served_fields(std::uint64_t attributes);

// The show_flags to ask for so that every field of `wanted` a source with `attributes` can
// fill gets filled. BASE is always asked for: it identifies kernel threads.
std::uint64_t attributes_for(const FieldSet& wanted, std::uint64_t attributes);

// Fills the open row of `out` from one decoded task. `requested`: the show_flags of the
// dump, which decides whether a missing attribute means "absent" (its WhenAbsent applies)
// or "not asked". Returns the wanted fields left unfilled because their payload was missing
// (for a task whose dump ended mid-task, the caller reads those from procfs).
class DumpDecoder;
struct TaskEntry;
FieldSet fill_fields(const DumpDecoder& decoder, const TaskEntry& task, std::uint64_t requested,
                     std::uint64_t page_size, TaskTable& out);

// The sources fill_fields consults for a table of `fields` and a dump of `requested`
// attributes, picked once per scan rather than at every row out of the whole table.
class FieldSources {
 public:
  FieldSources(const FieldSet& fields, std::uint64_t requested);
  const std::vector<std::uint8_t>& rows() const { return rows_; }  // in the table's order

 private:
  std::vector<std::uint8_t> rows_;
};
// fill_fields with the sources picked before: the same row.
FieldSet fill_fields(const DumpDecoder& decoder, const TaskEntry& task, const FieldSources& sources,
                     std::uint64_t page_size, TaskTable& out);

// The /proc state letter for a task_diag state number, 0 when unknown.
char state_letter(std::uint64_t state);

}  // namespace procscan::taskdiag

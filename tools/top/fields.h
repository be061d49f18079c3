// The top field table: one row per field of procps-ng 4.0.2 top (`top -O`), in top's own
// order, which rcfiles store as numbers. Each row names its header, width, justification,
// the libprocscan fields it reads, its printer, its sort key and its JSON value; the
// header line, `-O`, `-o`, the rcfile reader and the planner all come from here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cell_context.h"
#include "json_writer.h"
#include "procscan/field_set.h"

namespace td::top {

// top.h enum pflag, EU_PID ... EU_NS8: the positions rcfiles refer to.
enum class FieldId : std::uint8_t {
  Pid,
  Ppid,
  Uid,
  User,
  Ruid,
  Ruser,
  Suid,
  Suser,
  Gid,
  Group,
  Pgrp,
  Tty,
  Tpgid,
  Sid,
  Priority,
  Nice,
  Threads,
  Processor,
  Cpu,
  Time,
  TimePlus,
  Mem,
  Virt,
  Swap,
  Res,
  Code,
  Data,
  Shr,
  MajorFaults,
  MinorFaults,
  Dirty,
  State,
  Command,
  Wchan,
  Flags,
  Cgroups,
  Supgids,
  Supgroups,
  Tgid,
  OomAdj,
  OomScore,
  Environ,
  MajorDelta,
  MinorDelta,
  Used,
  NsIpc,
  NsMnt,
  NsNet,
  NsPid,
  NsUser,
  NsUts,
  Lxc,
  RssAnon,
  RssFile,
  RssLocked,
  RssShared,
  CgroupName,
  NumaNode,
  LoginId,
  Exe,
  SmapsRss,
  Pss,
  PssAnon,
  PssFile,
  PssShared,
  Uss,
  IoRead,
  IoReadOps,
  IoWrite,
  IoWriteOps,
  AutogroupId,
  AutogroupNice,
  Started,
  Elapsed,
  Utilization,
  UtilizationChildren,
  NsCgroup,
  NsTime,
  Count
};

inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(FieldId::Count);

// Width markers: the pid columns take pid_max's length, P the CPU count's, NU the node
// count's (top's zap_fieldstab); variable columns share what the line leaves.
inline constexpr int kPidWidth = 0;
inline constexpr int kCpuNumberWidth = -2;
inline constexpr int kNodeNumberWidth = -3;
inline constexpr int kVariableWidth = -1;

// Which window flag right-justifies the column: J for numbers (on by default), j for text.
enum class Justify : std::uint8_t { Number, Text };

// How rows compare on a field: libproc2's sort function of the field's item type.
enum class SortKind : std::uint8_t {
  SignedInt,  // s_int, s_ch: the difference as a C int
  Unsigned,   // u_int, ul_int, ull_int
  Real,       // double
  Text,       // strcoll()
  Version,    // strverscmp() (terminal names)
  None,       // the placeholder nDRT: rows keep their order
};

// Which columns the X command widens: by its fixed amount and, with X -1, automatically
// where a value was cut; LOGID only automatically.
enum class Widening : std::uint8_t { None, Automatic, Both };

struct SortValue {
  std::int64_t number = 0;  // SignedInt (as int), Unsigned (as uint64 bits)
  double real = 0;
  std::string text;
};

using CellPrinter = void (*)(const CellContext&, const TaskView&, std::string&);
using SortKeyMaker = SortValue (*)(const CellContext&, const TaskView&);
using JsonValueWriter = void (*)(const CellContext&, const TaskView&, common::JsonWriter&);

struct FieldSpec {
  FieldId id;
  std::string_view header;  // the column header and the name -o, -O and filters use
  int width;                // columns, or one of the markers above
  Justify justify;
  bool memory_scaled;  // a memory column: -e sets its least unit
  Widening widening;   // by the rcfile's Fixed_widest (the X command)
  procscan::FieldSet needs;
  CellPrinter print;
  SortKind sort_kind;
  SortKeyMaker sort_key;
  JsonValueWriter json;
};

const FieldSpec& field_spec(FieldId id);
std::span<const FieldSpec> all_fields();

// The field whose header is `name` (case sensitive, as top's -o), if any.
std::optional<FieldId> field_by_header(std::string_view name);

// `-O`: every header, one a line.
std::string field_list_text();

// The libprocscan fields a field needs under the window's modes (COMMAND's name or line,
// TIME's children).
procscan::FieldSet fields_for(FieldId id, const FieldModes& modes);

}  // namespace td::top

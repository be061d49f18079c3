// Sort keys (--sort, k, O): ps sorts on the libproc2 item behind each specifier (the sort
// item of its format_array row), not on the printed text: numbers as numbers, names and
// command lines with strcoll(3), terminal names with strverscmp(3). The column table
// (columns.cpp) names each specifier's key function; the functions are here.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "print_context.h"
#include "procscan/field.h"
#include "procscan/task_table.h"

namespace td::ps {

struct SortValue {
  // Text compares with strcoll(3), Version with strverscmp(3) (libproc2's "strvers").
  enum class Kind : std::uint8_t { Signed, Unsigned, Real, Text, Version };
  Kind kind = Kind::Signed;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  double real_value = 0;
  std::string text;
};

using SortKeyFunction = SortValue (*)(const PrintContext&, const procscan::TaskRef&);

// -1, 0, 1 as libproc2 compares two values of one key.
int compare_sort_values(const SortValue& a, const SortValue& b);

inline SortValue signed_sort_value(std::int64_t v) {
  SortValue value;
  value.kind = SortValue::Kind::Signed;
  value.signed_value = v;
  return value;
}

inline SortValue unsigned_sort_value(std::uint64_t v) {
  SortValue value;
  value.kind = SortValue::Kind::Unsigned;
  value.unsigned_value = v;
  return value;
}

inline SortValue text_sort_value(std::string text, SortValue::Kind kind = SortValue::Kind::Text) {
  SortValue value;
  value.kind = kind;
  value.text = std::move(text);
  return value;
}

// Numbers straight from a field; libproc2 keeps ids and the like as 32-bit signed ints.
template <procscan::Field F>
SortValue sort_int32(const PrintContext&, const procscan::TaskRef& task) {
  return signed_sort_value(static_cast<std::int32_t>(task.u64(F)));
}
template <procscan::Field F>
SortValue sort_signed(const PrintContext&, const procscan::TaskRef& task) {
  return signed_sort_value(task.i64(F));
}
template <procscan::Field F>
SortValue sort_unsigned(const PrintContext&, const procscan::TaskRef& task) {
  return unsigned_sort_value(task.u64(F));
}

// The text a printer shows, uncut and with names as names: for items libproc2 keeps as
// strings (user and group names, cgroups, signal masks, systemd names), which read the same.
std::string uncut_printed_text(Printer print, const PrintContext& ctx,
                               const procscan::TaskRef& task);
template <Printer P>
SortValue sort_text(const PrintContext& ctx, const procscan::TaskRef& task) {
  return text_sort_value(uncut_printed_text(P, ctx, task));
}

// libproc2 CMDLINE and CMD: the command line and the command name, whatever -f and c show.
SortValue sort_command_line(const PrintContext& ctx, const procscan::TaskRef& task);
SortValue sort_command_name(const PrintContext& ctx, const procscan::TaskRef& task);
// TTY_NAME, which libproc2 compares with strverscmp(3): pts/9 before pts/10.
SortValue sort_tty_name(const PrintContext& ctx, const procscan::TaskRef& task);
// UTILIZATION: the exact lifetime CPU share in percent, own time only whatever S says
// (pids.c: (utime + stime) * 100 / (boot ticks - start ticks)). %cpu, c, cp, util, cuu.
SortValue sort_cpu_share(const PrintContext& ctx, const procscan::TaskRef& task);
// UTILIZATION_C: the same with waited-for children's time (cuc).
SortValue sort_cpu_share_with_children(const PrintContext& ctx, const procscan::TaskRef& task);
// TIME_ALL: own CPU seconds as a real number (time, cputime, ...).
SortValue sort_cpu_seconds(const PrintContext& ctx, const procscan::TaskRef& task);
// TICS_ALL: own CPU ticks (bsdtime, even under S).
SortValue sort_cpu_ticks(const PrintContext& ctx, const procscan::TaskRef& task);
// TIME_ELAPSED: seconds since the task started, as a real number.
SortValue sort_elapsed(const PrintContext& ctx, const procscan::TaskRef& task);
// STATE: the state letter as a signed char.
SortValue sort_state(const PrintContext& ctx, const procscan::TaskRef& task);
// AUTOGRP_ID and ID_LOGIN: -1 when the file was unreadable, as libproc2 presets them.
SortValue sort_autogroup_id(const PrintContext& ctx, const procscan::TaskRef& task);
SortValue sort_login_uid(const PrintContext& ctx, const procscan::TaskRef& task);
// SMAP_PRV_TOTAL: private clean plus private dirty.
SortValue sort_uss(const PrintContext& ctx, const procscan::TaskRef& task);
// PROCESSOR_NODE: the NUMA node of the last CPU, -1 when unknown.
SortValue sort_numa_node(const PrintContext& ctx, const procscan::TaskRef& task);

}  // namespace td::ps

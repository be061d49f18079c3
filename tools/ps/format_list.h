// From options to the list of output columns (procps-ng 4.0.2 sortformat.c): -o lists
// with "spec=HEADER" and "spec:WIDTH", macros, AIX descriptors, -O/O wrapping, sort
// keys, $PS_FORMAT, the predefined formats and the SysV default list with its modifiers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "columns.h"
#include "options.h"

namespace td::ps {

struct FormatColumn {
  const ColumnSpec* spec = nullptr;  // nullptr for literal text between AIX descriptors
  std::string header;
  int width = 0;
};

struct SortKey {
  const ColumnSpec* spec = nullptr;
  bool descending = false;
  // False for a BSD O key after the first without its own + or -: ps keeps it with sort
  // order 0, which procps_pids_sort() refuses, so it sorts nothing (its printer still puts
  // its items on the stack).
  bool ordered = true;
};

struct FormatPlan {
  std::vector<FormatColumn> columns;
  std::vector<SortKey> sort;
  std::vector<std::string> warnings;  // "$PS_FORMAT ignored" messages for stderr
};

struct FormatEnvironment {
  int pid_width = 5;                     // the length of pid_max as text
  std::optional<std::string> ps_format;  // $PS_FORMAT
};

// Builds the columns and sort keys; returns the procps error message or "".
std::string build_format(const Options& options, const FormatEnvironment& env, FormatPlan& out);

// Appends the column(s) of one specifier or macro, with an optional header override
// (which also widens the column); false when the name is unknown.
bool append_spec(std::string_view name, const std::string* header, int pid_width,
                 std::vector<FormatColumn>& out);

// The default list when no format was chosen, built from -f -l -F -j -y -c -P -L -T -M
// (sortformat.c generate_sysv_list).
std::string sysv_default_format(const Options& options, int pid_width,
                                std::vector<FormatColumn>& out);

// -j -y -c -L -T -M applied to a predefined BSD format.
std::string apply_format_modifiers(const Options& options, int pid_width,
                                   std::vector<FormatColumn>& columns);

}  // namespace td::ps

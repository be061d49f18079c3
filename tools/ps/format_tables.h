// The name tables around the column table: format macros ("DefBSD", "OL_u"), AIX field
// descriptors ("%p") and the BSD short sort keys of "O". Values from procps-ng 4.0.2
// output.c (macro_array, aix_array, shortsort_array).
#pragma once

#include <string_view>

namespace td::ps {

// The comma-separated specifiers of a macro, or an empty view.
std::string_view find_macro(std::string_view name);

struct AixDescriptor {
  char code;
  std::string_view spec;
  std::string_view header;
};
const AixDescriptor* find_aix_descriptor(char code);

// The specifier a BSD short sort key letter stands for, or an empty view.
std::string_view find_short_sort_key(char code);

}  // namespace td::ps

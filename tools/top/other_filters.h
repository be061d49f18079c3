// "Other filters" (top's o and O commands, saved in the rcfile by W): FIELD=text keeps rows
// whose cell contains the text, FIELD<text and FIELD>text compare the cell with it, a
// leading '!' keeps the rows that do not match. Each is checked on the cell as printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config.h"

namespace td::top {

// Which column widths justify the value of a '<' or '>' filter. An rcfile is read before
// top sizes its pid, CPU and NUMA columns, so their widths are still 0 then.
enum class FilterWidths { AtStartup };

// top.c osel_add: parses `text` ("[!]FIELD{=<>}VALUE") as a filter of `type` ('o' ignores
// case, anything else does not) and appends it. Returns top's complaint, or "".
std::string add_other_filter(std::vector<OtherFilter>& filters, int type, std::string_view text,
                             FilterWidths widths);

// top.c osel_matched: whether a cell of `field` passes every filter of that field.
bool passes_filters(const std::vector<OtherFilter>& filters, FieldId field, std::string_view cell);

}  // namespace td::top

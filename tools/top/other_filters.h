// "Other filters" (top's o and O commands, saved in the rcfile by W): FIELD=text keeps rows
// whose cell contains the text, FIELD<text and FIELD>text compare the cell with it, a
// leading '!' keeps the rows that do not match. Each is checked on the cell as printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "columns.h"
#include "config.h"

namespace td::top {

// Where a filter comes from. An rcfile's are read before top sizes its pid, CPU and NUMA
// columns, so a '<' or '>' value is justified with their widths still 0, and each goes after
// the others (top's FIFO); one typed at the o or O prompt is justified with the columns'
// widths of the moment and goes first (top's LIFO), which W and ^O show.
enum class FilterSource { Rcfile, Typed };

// top.c osel_add: parses `text` ("[!]FIELD{=<>}VALUE") as a filter of `type` ('o' ignores
// case, anything else does not) and adds it. `widths` (the columns' widths now) is read for
// a Typed filter only. Returns top's complaint, or "".
std::string add_other_filter(std::vector<OtherFilter>& filters, int type, std::string_view text,
                             FilterSource source, const FieldWidths* widths = nullptr);

// top.c osel_matched: whether a cell of `field` passes every filter of that field.
bool passes_filters(const std::vector<OtherFilter>& filters, FieldId field, std::string_view cell);

}  // namespace td::top

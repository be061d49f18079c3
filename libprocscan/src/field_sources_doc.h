// The table of where every field comes from, per backend, as Markdown: generated from the
// field table (procscan/field.h: group and doc line), the wire source table
// (taskdiag/field_map.h) and who sends each attribute (taskdiag/attributes.h), for
// libprocscan/src/README.md, where tests/libprocscan/test_field_sources.cpp checks it.
#pragma once

#include <string>
#include <string_view>

namespace procscan {

// The lines between these two markers in the README are the table.
inline constexpr std::string_view kFieldSourcesBegin = "<!-- field sources: generated -->";
inline constexpr std::string_view kFieldSourcesEnd = "<!-- field sources: end -->";

// The table, one row per field, ending in a newline.
std::string field_sources_markdown();

}  // namespace procscan

#include "columns.h"

#include <string_view>

#include "cell_format.h"

namespace td::top {

namespace {

int digits(long value) {
  return static_cast<int>(std::to_string(value).size());
}

}  // namespace

FieldWidths field_widths(const WidthFacts& facts) {
  FieldWidths result;
  int pid_width = 5;
  if (facts.pid_digits > 5) {
    if (facts.pid_digits > 10) result.error = "failed pid maximum size test";
    pid_width = facts.pid_digits;
  }
  int cpu_width = 1;
  if (const int d = digits(facts.cpus); d > 1) {
    if (d > 5) result.error = "failed number of cpus test";
    cpu_width = d;
  }
  int node_width = 2;
  if (const int d = digits(facts.numa_nodes); d > 2) node_width = d;
  for (const FieldSpec& spec : all_fields()) {
    int width = spec.width;
    if (width == kPidWidth) width = pid_width;
    if (width == kCpuNumberWidth) width = cpu_width;
    if (width == kNodeNumberWidth) width = node_width;
    // X: a fixed extra width, or (-1) widths that grew where values were cut.
    if (facts.fixed_widest >= 0 && spec.widening == Widening::Both) width += facts.fixed_widest;
    if (facts.fixed_widest < 0 && spec.widening != Widening::None)
      width += facts.grown[static_cast<std::size_t>(spec.id)];
    result.width[static_cast<std::size_t>(spec.id)] = width;
  }
  return result;
}

std::vector<FieldId> visible_fields(const WindowConfig& window) {
  std::vector<FieldId> fields;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const int entry = window.fields[i];
    const int field = entry_field(entry);
    if (entry_visible(entry) && field >= 0 && field < static_cast<int>(kFieldCount))
      fields.push_back(static_cast<FieldId>(field));
  }
  if (fields.empty()) fields.push_back(FieldId::Pid);
  return fields;
}

bool right_justified(const WindowConfig& window, FieldId field) {
  const int flag = field_spec(field).justify == Justify::Number ? kJustifyNumbers : kJustifyText;
  return (window.flags & flag) != 0;
}

ColumnLayout lay_out_columns(const WindowConfig& window, const FieldWidths& widths, int columns,
                             bool alternate_display, int window_number) {
  ColumnLayout layout;
  // calibrate_fields: the fields that fit, each as wide as its width (a variable one as its
  // header) plus the separating blank.
  int used = alternate_display ? 1 : 0;
  int variable_count = 0;
  int variable_width = 0;
  for (FieldId field : visible_fields(window)) {
    const FieldSpec& spec = field_spec(field);
    const bool variable = spec.width == kVariableWidth;
    const int length = (variable ? static_cast<int>(spec.header.size())
                                 : widths.width[static_cast<std::size_t>(field)]) +
                       1;
    if (columns < used + length) break;
    if (variable) {
      ++variable_count;
      variable_width += static_cast<int>(spec.header.size());
    }
    used += length;
    layout.fields.push_back(field);
  }
  variable_width += columns - used;
  if (variable_count) variable_width /= variable_count;

  // build_headers.
  if (alternate_display) layout.header = std::to_string(window_number);
  for (FieldId field : layout.fields) {
    const FieldSpec& spec = field_spec(field);
    const int width = spec.width == kVariableWidth ? variable_width
                                                   : widths.width[static_cast<std::size_t>(field)];
    const bool right = right_justified(window, field);
    layout.widths.push_back(width);
    layout.right.push_back(right);
    justify_header(layout.header, spec.header, width, right);
  }
  return layout;
}

}  // namespace td::top

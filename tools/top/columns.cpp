#include "columns.h"

#include <algorithm>
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

std::vector<int> scroll_flags(const WindowConfig& window) {
  std::vector<int> flags;
  const bool highlight = (window.flags & kShowHighColumn) != 0;
  for (FieldId field : visible_fields(window)) {
    const int f = static_cast<int>(field);
    if (highlight && f == window.sort_field) {
      flags.insert(flags.end(), {kHighlightOn, f, kHighlightOff});
    } else {
      flags.push_back(f);
    }
  }
  return flags;
}

namespace {

bool is_marker(int flag) {
  return flag < 0;
}

// A column's room in calibrate_fields: a variable one as wide as its header, plus the blank.
int room(const FieldWidths& widths, FieldId field) {
  const FieldSpec& spec = field_spec(field);
  return (spec.width == kVariableWidth ? static_cast<int>(spec.header.size())
                                       : widths.width[static_cast<std::size_t>(field)]) +
         1;
}

bool variable(int flag) {
  return !is_marker(flag) && field_spec(static_cast<FieldId>(flag)).width == kVariableWidth;
}

}  // namespace

ScrollFacts scroll_facts(const WindowConfig& window, const FieldWidths& widths, int columns,
                         bool alternate_display, int first) {
  ScrollFacts facts;
  facts.flags = scroll_flags(window);
  const int total = static_cast<int>(facts.flags.size());
  const int start = alternate_display ? 1 : 0;
  // The positions from `first` that fit; a highlight's opening marker left last goes back.
  int used = start;
  int i = 0;
  for (; i + first < total; ++i) {
    const int flag = facts.flags[static_cast<std::size_t>(i + first)];
    if (is_marker(flag)) continue;
    const int length = room(widths, static_cast<FieldId>(flag));
    if (columns < used + length) break;
    used += length;
  }
  if (i >= 1 && facts.flags[static_cast<std::size_t>(i - 1 + first)] == kHighlightOn) --i;
  facts.shown = i;
  auto at = [&](int k) { return facts.flags[static_cast<std::size_t>(first + k)]; };
  facts.variable_only = (facts.shown == 1 && variable(at(0))) ||
                        (facts.shown == 3 && at(0) == kHighlightOn && variable(at(1)));
  // From the right: the first position from which every field to the end fits.
  used = start;
  for (int k = total - 1; k >= 0; --k) {
    const int flag = facts.flags[static_cast<std::size_t>(k)];
    if (is_marker(flag)) {
      facts.last_start = k;
      continue;
    }
    const int length = room(widths, static_cast<FieldId>(flag));
    if (columns < used + length) break;
    used += length;
    facts.last_start = k;
  }
  if (facts.flags[static_cast<std::size_t>(facts.last_start)] == kHighlightOff) ++facts.last_start;
  for (int k = 0; k < total; ++k)
    if (facts.flags[static_cast<std::size_t>(k)] == window.sort_field) {
      facts.sort_position = k;
      break;
    }
  return facts;
}

ColumnLayout lay_out_columns(const WindowConfig& window, const FieldWidths& widths, int columns,
                             bool alternate_display, int window_number, int first) {
  ColumnLayout layout;
  // calibrate_fields: the fields from the scroll position on that fit, each as wide as its
  // width (a variable one as its header) plus the separating blank.
  int used = alternate_display ? 1 : 0;
  int variable_count = 0;
  int variable_width = 0;
  const std::vector<int> flags = scroll_flags(window);
  for (std::size_t i = static_cast<std::size_t>(std::max(first, 0)); i < flags.size(); ++i) {
    if (is_marker(flags[i])) continue;
    const auto field = static_cast<FieldId>(flags[i]);
    const FieldSpec& spec = field_spec(field);
    const int length = room(widths, field);
    if (columns < used + length) break;
    if (spec.width == kVariableWidth) {
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

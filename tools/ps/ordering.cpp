#include "ordering.h"

#include <algorithm>

#include "columns.h"
#include "forest.h"
#include "sort_keys.h"

namespace td::ps {

using procscan::Field;

namespace {

struct AppliedKey {
  const SortRule* key;
  bool descending;
};

// What ps' printers put on its stack: those of the shown columns and of the sort keys' own
// specifiers (display.c finalize_stacks calls both with a null buffer).
StackItems stacked_items(const FormatPlan& format) {
  StackItems stacked;
  for (const FormatColumn& column : format.columns)
    if (column.spec != nullptr) stacked.add(column.spec->stacks);
  for (const SortKey& key : format.sort)
    stacked.add(key.spec->stacks);
  return stacked;
}

const SortRule* rule_of(std::string_view spec) {
  return &find_column(spec)->sort;
}

// The keys in the order procps applies them, each a whole stable sort, so the last one
// counts most: the user's keys from last to first, those ps would apply. A forest is first
// sorted by start time (display.c prep_forest_sort), then by parent id when the user gave
// no key, which groups each family, or else by the user's keys, so a key other than the
// parent id can split a family, whose later children the tree then leaves out (ps -e
// --forest --sort=-pid shows four lines here).
std::vector<AppliedKey> applied_keys(const FormatPlan& format, char forest_type) {
  const std::vector<SortKey>& sort = format.sort;
  std::vector<AppliedKey> keys;
  if (forest_type) keys.push_back({rule_of("start_time"), false});
  if (forest_type && sort.empty()) {
    keys.push_back({rule_of("ppid"), false});
    return keys;
  }
  const StackItems stacked = stacked_items(format);
  for (auto it = sort.rbegin(); it != sort.rend(); ++it) {
    if (!it->ordered) continue;
    if (const SortRule* key = applied_sort_rule(*it->spec, stacked))
      keys.push_back({key, it->descending});
  }
  return keys;
}

}  // namespace

procscan::FieldSet ordering_fields(const FormatPlan& format, char forest_type) {
  procscan::FieldSet fields;
  for (const AppliedKey& key : applied_keys(format, forest_type))
    fields.add(key.key->fields);
  if (forest_type) fields.add(procscan::FieldSet{Field::Tid, Field::Ppid});
  return fields;
}

unsigned ordering_system_needs(const FormatPlan& format) {
  unsigned needs = kNeedNothing;
  for (const AppliedKey& key : applied_keys(format, 0))
    needs |= key.key->system_needs;
  return needs;
}

void order_lines(std::vector<PendingLine>& lines, const procscan::TaskTable& table,
                 const FormatPlan& format, char forest_type, const PrintContext& ctx) {
  for (const AppliedKey& key : applied_keys(format, forest_type)) {
    std::vector<SortValue> values;
    values.reserve(lines.size());
    for (const PendingLine& line : lines)
      values.push_back(key.key->key(ctx, table[line.row]));
    std::vector<std::size_t> order(lines.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const int c = compare_sort_values(values[a], values[b]);
      return key.descending ? c > 0 : c < 0;
    });
    std::vector<PendingLine> sorted;
    sorted.reserve(lines.size());
    for (std::size_t i : order)
      sorted.push_back(std::move(lines[i]));
    lines = std::move(sorted);
  }
  if (!forest_type) return;

  // The tree joins tasks by their own id and their parent's.
  std::vector<std::int64_t> pids, ppids;
  pids.reserve(lines.size());
  ppids.reserve(lines.size());
  for (const PendingLine& line : lines) {
    pids.push_back(static_cast<std::int32_t>(table[line.row].u64(Field::Tid)));
    ppids.push_back(static_cast<std::int32_t>(table[line.row].u64(Field::Ppid)));
  }
  std::vector<PendingLine> tree;
  tree.reserve(lines.size());
  for (ForestLine& entry : forest_order(pids, ppids, forest_type)) {
    PendingLine line = lines[entry.index];
    line.forest_prefix = std::move(entry.prefix);
    tree.push_back(std::move(line));
  }
  lines = std::move(tree);
}

}  // namespace td::ps

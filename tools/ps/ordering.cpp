#include "ordering.h"

#include <algorithm>

#include "forest.h"
#include "sort_keys.h"

namespace td::ps {

using procscan::Field;

namespace {

struct AppliedKey {
  const SortKeySpec* key;
  bool descending;
};

// The keys in the order procps applies them, each a whole stable sort, so the last one
// counts most: the user's keys from last to first. A forest without user keys is sorted by
// start time, then by parent id, which groups each family. With user keys 4.0.2 sorts by
// those alone, so a key other than the parent id can split a family, whose later children
// the tree then leaves out (ps -e --forest --sort=-pid shows four lines here).
std::vector<AppliedKey> applied_keys(const std::vector<SortKey>& sort, char forest_type) {
  std::vector<AppliedKey> keys;
  if (forest_type && sort.empty()) {
    keys.push_back({find_sort_key("start_time"), false});
    keys.push_back({find_sort_key("ppid"), false});
    return keys;
  }
  for (auto it = sort.rbegin(); it != sort.rend(); ++it)
    if (const SortKeySpec* key = find_sort_key(it->spec->spec))
      keys.push_back({key, it->descending});
  return keys;
}

}  // namespace

procscan::FieldSet ordering_fields(const std::vector<SortKey>& sort, char forest_type) {
  procscan::FieldSet fields;
  for (const AppliedKey& key : applied_keys(sort, forest_type))
    fields.add(key.key->fields);
  if (forest_type) fields.add(procscan::FieldSet{Field::Tid, Field::Ppid});
  return fields;
}

unsigned ordering_system_needs(const std::vector<SortKey>& sort) {
  unsigned needs = kNeedNothing;
  for (const AppliedKey& key : applied_keys(sort, 0))
    needs |= key.key->system_needs;
  return needs;
}

void order_lines(std::vector<PendingLine>& lines, const procscan::TaskTable& table,
                 const std::vector<SortKey>& sort, char forest_type, const PrintContext& ctx) {
  for (const AppliedKey& key : applied_keys(sort, forest_type)) {
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

#include "forest.h"

#include <unordered_map>
#include <unordered_set>

namespace td::ps {

namespace {

class TreeWalk {
 public:
  TreeWalk(std::span<const std::int64_t> pids, std::span<const std::int64_t> ppids,
           char forest_type, std::vector<ForestLine>& out)
      : pids_(pids), ppids_(ppids), forest_type_(forest_type), out_(out) {
    // The list is sorted by ppid, so a process' children sit together from the first.
    for (std::size_t i = 0; i < ppids_.size(); ++i)
      first_child_.emplace(ppids_[i], i);
  }

  void show(std::size_t self, std::size_t level, bool have_sibling) {
    prefix_.resize(level);
    if (level) prefix_[level - 1] = have_sibling ? '+' : 'L';
    out_.push_back({self, prefix_});
    const auto child = first_child_.find(pids_[self]);
    if (child == first_child_.end()) return;
    if (level) prefix_[level - 1] = have_sibling ? '|' : ' ';
    // 4.0.2 keeps the children of pid 1 on its own level in BSD forests (f, --forest).
    const std::size_t child_level = pids_[self] == 1 && forest_type_ != 'u' ? level : level + 1;
    bool more = true;
    for (std::size_t i = child->second; more && i < pids_.size(); ++i) {
      more = i + 1 < pids_.size() && ppids_[i + 1] == pids_[self];
      show(i, child_level, more);
    }
    prefix_.resize(level);
  }

 private:
  std::span<const std::int64_t> pids_;
  std::span<const std::int64_t> ppids_;
  char forest_type_;
  std::vector<ForestLine>& out_;
  std::unordered_map<std::int64_t, std::size_t> first_child_;
  std::string prefix_;
};

}  // namespace

std::vector<ForestLine> forest_order(std::span<const std::int64_t> pids,
                                     std::span<const std::int64_t> ppids, char forest_type) {
  std::vector<ForestLine> lines;
  lines.reserve(pids.size());
  const std::unordered_set<std::int64_t> shown(pids.begin(), pids.end());
  TreeWalk walk(pids, ppids, forest_type, lines);
  for (std::size_t i = pids.size(); i-- > 0;)
    if (!shown.count(ppids[i])) walk.show(i, 0, false);
  return lines;
}

int append_forest_art(std::string& out, std::string_view prefix, char forest_type, int max_cells) {
  const bool unix_style = forest_type == 'u';
  const int width = unix_style ? 2 : 4;
  int used = 0;
  for (char level : prefix) {
    if (max_cells - used < width) break;
    if (unix_style)
      out.append("  ");
    else if (level == 'L' || level == '+')
      out.append(" \\_ ");
    else if (level == '|')
      out.append(" |  ");
    else
      out.append("    ");
    used += width;
  }
  return used;
}

}  // namespace td::ps

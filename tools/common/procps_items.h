// Task texts that libproc2 derives from /proc files, which ps and top both show: the cgroup
// list, the cgroup name, the LXC container name, the supplementary group lists and the
// wait channel. Shared by tdps and tdtop, whose references take them from the same library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "text.h"

namespace td::common {

// readproc.c fill_cgroup_cvt: the non-root lines of /proc/PID/cgroup joined by ',' and
// cleaned (pass 1); "-" when none.
std::string cgroup_text(std::string_view raw, const TextMode& mode);

// readproc.c fill_cgroup_cvt's CGNAME: the part of cgroup_text() after ":name=", else all.
std::string_view cgroup_name(std::string_view cgroup_text);

// readproc.c lxc_containers: the container name in /proc/PID/cgroup text, "-" for none.
std::string lxc_name(std::string_view cgroup);

// Visits the ids of a status "Groups:" list (blank separated).
template <typename Visit>
void for_each_group_id(std::string_view raw, Visit&& visit) {
  while (!raw.empty()) {
    const std::size_t start = raw.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    raw.remove_prefix(start);
    const std::size_t end = std::min(raw.find_first_of(" \t"), raw.size());
    visit(raw.substr(0, end));
    raw.remove_prefix(end);
  }
}

// The decimal id of a "Groups:" entry.
std::uint64_t group_id_of(std::string_view id);

// readproc.c status2proc SUPGIDS: the "Groups:" ids joined by ',', "-" when none.
std::string supplementary_gids(std::string_view raw);

// readproc.c supgrps_from_supgids: the names of those groups joined by ',', "-" when none.
template <typename NameOf>
std::string supplementary_groups(std::string_view raw, NameOf&& name_of) {
  std::string list;
  for_each_group_id(raw, [&](std::string_view id) {
    if (!list.empty()) list.push_back(',');
    list.append(name_of(group_id_of(id)));
  });
  if (list.empty()) list.push_back('-');
  return list;
}

// wchan.c lookup_wchan: "?" when unreadable (`readable` false or nothing read), "-" for
// "0", else at most 63 bytes without a leading dot and leading underscores.
std::string_view wchan_name(std::string_view raw, bool readable);

}  // namespace td::common

#include "procps_items.h"

namespace td::common {

std::string cgroup_text(std::string_view raw, const TextMode& mode) {
  std::string text;
  while (!raw.empty()) {
    const std::size_t eol = raw.find('\n');
    std::string line(raw.substr(0, eol));
    raw = eol == std::string_view::npos ? std::string_view{} : raw.substr(eol + 1);
    if (line.empty() || line.back() == '/') continue;
    if (!text.empty()) text.push_back(',');
    sanitize(line, mode);
    text.append(line);
  }
  if (text.empty()) text.push_back('-');
  return text;
}

std::string_view cgroup_name(std::string_view cgroup_text) {
  const std::size_t at = cgroup_text.find(":name=");
  if (at != std::string_view::npos && at + 6 < cgroup_text.size())
    cgroup_text.remove_prefix(at + 6);
  return cgroup_text;
}

std::string lxc_name(std::string_view cgroup) {
  // The first delimiter found names the line; nested containers repeat it, and the last
  // one's following path component is the name.
  static constexpr std::string_view kDelimiters[] = {"lxc.payload.", "lxc.payload/", "lxc/"};
  for (std::string_view delimiter : kDelimiters) {
    std::size_t at = cgroup.find(delimiter);
    if (at == std::string_view::npos) continue;
    std::string_view line = cgroup.substr(at);
    line = line.substr(0, line.find('\n'));
    std::string_view name;
    while (true) {
      name = line.substr(delimiter.size());
      at = name.find(delimiter);
      if (at == std::string_view::npos) break;
      line = name.substr(at);
    }
    return std::string(name.substr(0, name.find('/')));
  }
  return "-";
}

std::uint64_t group_id_of(std::string_view id) {
  std::uint64_t gid = 0;
  for (char c : id)
    gid = gid * 10 + static_cast<std::uint64_t>(c - '0');
  return gid;
}

std::string supplementary_gids(std::string_view raw) {
  std::string list;
  for_each_group_id(raw, [&](std::string_view id) {
    if (!list.empty()) list.push_back(',');
    list.append(id);
  });
  if (list.empty()) list.push_back('-');
  return list;
}

std::string_view wchan_name(std::string_view raw, bool readable) {
  if (raw.size() > 63) raw = raw.substr(0, 63);
  if (!readable || raw.empty()) return "?";
  if (raw == "0") return "-";
  if (raw.front() == '.') raw.remove_prefix(1);  // ppc64 names start with a dot
  const std::size_t start = raw.find_first_not_of('_');
  raw.remove_prefix(start == std::string_view::npos ? raw.size() : start);
  return raw;
}

}  // namespace td::common

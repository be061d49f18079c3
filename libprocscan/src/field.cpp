#include "procscan/field.h"

#include <array>

namespace procscan {

std::string_view group_name(Group g) {
  static constexpr std::array<std::string_view, kGroupCount> kNames{
      "identity",  "stat",          "status",   "statm",     "cmdline",      "environ",
      "io",        "wchan",         "cgroup",   "ns",        "label",        "exe",
      "oom_score", "oom_score_adj", "loginuid", "autogroup", "smaps_rollup", "systemd"};
  const auto i = static_cast<std::size_t>(g);
  return i < kNames.size() ? kNames[i] : "?";
}

}  // namespace procscan

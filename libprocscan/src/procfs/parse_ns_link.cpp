// The target of a /proc/PID/ns/* link: "type:[inode]".
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {

std::optional<std::uint64_t> parse_ns_link(std::string_view target) {
  std::size_t colon = target.find(':');
  if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(colon + 1);
  if (rest.size() < 2 || rest.front() != '[' || rest.back() != ']') return std::nullopt;
  return to_u64(rest.substr(1, rest.size() - 2));
}

}  // namespace procscan::procfs

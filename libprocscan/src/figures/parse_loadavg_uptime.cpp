// /proc/loadavg and /proc/uptime: numbers the kernel prints with two decimals ("%lu.%02lu"),
// kept exactly as hundredths rather than as doubles.
#include <limits>
#include <string_view>

#include "figures/parsers.h"
#include "procfs/parse_numbers.h"

namespace procscan::figures {

std::optional<std::uint64_t> parse_centis(std::string_view token) {
  const std::size_t point = token.find('.');
  if (point == std::string_view::npos || point == 0 || token.size() - point != 3)
    return std::nullopt;
  const auto whole = procfs::to_u64(token.substr(0, point));
  const std::string_view fraction = token.substr(point + 1);
  if (!whole || fraction[0] < '0' || fraction[0] > '9' || fraction[1] < '0' || fraction[1] > '9')
    return std::nullopt;
  const auto centis = static_cast<std::uint64_t>((fraction[0] - '0') * 10 + (fraction[1] - '0'));
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  if (*whole > (kMax - centis) / 100) return std::nullopt;
  return *whole * 100 + centis;
}

namespace {

// Sets `figures` from the leading tokens of the first line; all or nothing.
template <std::size_t N>
bool parse_centis_line(std::string_view text, const SystemFigure (&figures)[N],
                       SystemSnapshot& out) {
  std::string_view rest = procfs::first_line(text);
  std::uint64_t values[N];
  for (std::size_t i = 0; i < N; ++i) {
    const auto value = parse_centis(procfs::next_token(rest));
    if (!value) return false;
    values[i] = *value;
  }
  for (std::size_t i = 0; i < N; ++i)
    set_figure(out, figures[i], values[i]);
  return true;
}

}  // namespace

bool parse_loadavg(std::string_view text, SystemSnapshot& out) {
  static constexpr SystemFigure kLoads[] = {SystemFigure::Load1, SystemFigure::Load5,
                                            SystemFigure::Load15};
  return parse_centis_line(text, kLoads, out);
}

bool parse_uptime(std::string_view text, SystemSnapshot& out) {
  static constexpr SystemFigure kTimes[] = {SystemFigure::UptimeCentis, SystemFigure::IdleCentis};
  return parse_centis_line(text, kTimes, out);
}

}  // namespace procscan::figures

#include "value_format.h"

#include <fmt/format.h>

#include <iterator>

namespace td::ps {

namespace {

auto sink(std::string& out) {
  return std::back_inserter(out);
}

// ctime(3) text ("Sun Nov 22 04:07:55 2026\n"); ps slices it, which keeps these columns
// in English whatever LC_TIME says.
std::string ctime_text(std::time_t t) {
  char buf[64] = {};
  if (::ctime_r(&t, buf) == nullptr) return std::string(24, ' ');
  return buf;
}

}  // namespace

void append_unsigned(std::string& out, std::uint64_t value) {
  fmt::format_to(sink(out), "{}", value);
}
void append_signed(std::string& out, std::int64_t value) {
  fmt::format_to(sink(out), "{}", value);
}

void append_cputime(std::string& out, std::uint64_t seconds) {
  const std::uint64_t ss = seconds % 60, mm = seconds / 60 % 60, hh = seconds / 3600 % 24;
  const std::uint64_t dd = seconds / 86400;
  if (dd) fmt::format_to(sink(out), "{}-", dd);
  fmt::format_to(sink(out), "{:02}:{:02}:{:02}", hh, mm, ss);
}

void append_elapsed(std::string& out, std::uint64_t seconds) {
  const std::uint64_t ss = seconds % 60, mm = seconds / 60 % 60, hh = seconds / 3600 % 24;
  const std::uint64_t dd = seconds / 86400;
  if (dd) fmt::format_to(sink(out), "{}-", dd);
  if (dd || hh) fmt::format_to(sink(out), "{:02}:", hh);
  fmt::format_to(sink(out), "{:02}:{:02}", mm, ss);
}

void append_bsdtime(std::string& out, std::uint64_t seconds) {
  // procps keeps the seconds in an unsigned int.
  const auto u = static_cast<std::uint32_t>(seconds);
  fmt::format_to(sink(out), "{:3}:{:02}", u / 60, u % 60);
}

double cpu_utilization(std::uint64_t cpu_ticks, std::uint64_t start_ticks,
                       std::uint64_t boot_ticks) {
  const double age = static_cast<double>(boot_ticks) - static_cast<double>(start_ticks);
  if (!(age > 0)) return 0.0;
  // libproc2 multiplies by a float constant; the product is a float.
  const float scaled = static_cast<float>(cpu_ticks) * 100.0f;
  return static_cast<double>(scaled) / age;
}

void append_pcpu(std::string& out, double utilization) {
  const auto permille = static_cast<std::uint32_t>(utilization * 10.0);
  if (permille > 999u)
    fmt::format_to(sink(out), "{}", permille / 10u);
  else
    fmt::format_to(sink(out), "{}.{}", permille / 10u, permille % 10u);
}

void append_c(std::string& out, double utilization) {
  auto percent = static_cast<std::uint32_t>(utilization);
  if (percent > 99u) percent = 99u;
  fmt::format_to(sink(out), "{:2}", percent);
}

void append_cp(std::string& out, double utilization) {
  auto permille = static_cast<std::uint32_t>(utilization * 10.0);
  if (permille > 999u) permille = 999u;
  fmt::format_to(sink(out), "{:3}", permille);
}

void append_utilization(std::string& out, double utilization) {
  // Only ps itself, a few milliseconds old, can look busier than this.
  if (utilization > 99.0) utilization = 99.999;
  fmt::format_to(sink(out), "{:#.3f}", utilization);
}

void append_pmem(std::string& out, std::uint64_t rss_kib, std::uint64_t mem_total_kib) {
  std::uint64_t permille = mem_total_kib ? rss_kib * 1000 / mem_total_kib : 0;
  if (permille > 999) permille = 999;
  fmt::format_to(sink(out), "{:2}.{}", permille / 10, permille % 10);
}

void append_stat(std::string& out, const StatFlags& flags) {
  out.push_back(flags.state);
  if (flags.nice < 0) out.push_back('<');
  if (flags.nice > 0) out.push_back('N');
  if (flags.locked_kib) out.push_back('L');
  if (flags.session_leader) out.push_back('s');
  if (flags.threads > 1) out.push_back('l');
  if (flags.foreground) out.push_back('+');
}

void append_signal_mask(std::string& out, std::uint64_t mask, bool wide) {
  if (wide) {
    fmt::format_to(sink(out), "{:016x}", mask);
    return;
  }
  if (mask >> 32) out.push_back('<');
  fmt::format_to(sink(out), "{:08x}", mask & 0xffffffffu);
}

std::string_view scheduling_class_name(std::int64_t policy) {
  switch (policy) {
    case -1:
      return "-";
    case 0:
      return "TS";
    case 1:
      return "FF";
    case 2:
      return "RR";
    case 3:
      return "B";
    case 4:
      return "ISO";
    case 5:
      return "IDL";
    case 6:
      return "DLN";
    case 7:
      return "#7";
    case 8:
      return "#8";
    case 9:
      return "#9";
    default:
      return "?";
  }
}

void append_stime(std::string& out, std::time_t start, std::time_t now) {
  struct tm ours {};
  struct tm theirs {};
  if (::localtime_r(&now, &ours) == nullptr || ::localtime_r(&start, &theirs) == nullptr) return;
  const char* format = "%H:%M";
  if (ours.tm_yday != theirs.tm_yday) format = "%b%d";
  if (ours.tm_year != theirs.tm_year) format = "%Y";
  char buf[64];
  const std::size_t len = std::strftime(buf, sizeof buf, format, &theirs);
  out.append(buf, len);
}

void append_start(std::string& out, std::time_t start, std::time_t now) {
  std::string text = ctime_text(start);
  if (text[8] == ' ') text[8] = '0';
  if (text[11] == ' ') text[11] = '0';
  if (static_cast<unsigned long>(start) + 60 * 60 * 24 > static_cast<unsigned long>(now))
    out.append(text, 11, 8);
  else
    out.append("  ").append(text, 4, 6);
}

void append_bsdstart(std::string& out, std::time_t start, std::time_t now) {
  std::time_t ago = now - start;
  if (ago < 0) ago = 0;
  const std::string text = ctime_text(start);
  out.append(text, ago > 3600 * 24 ? 4 : 10, 6);
}

void append_lstart(std::string& out, std::time_t start) {
  out.append(ctime_text(start), 0, 24);
}

int append_name_fitted(std::string& out, std::string_view name, int name_cells, std::uint64_t id,
                       int max_cells) {
  if (name_cells <= max_cells) {
    out.append(name);
    return name_cells;
  }
  const auto keep = static_cast<std::size_t>(max_cells > 0 ? max_cells - 1 : 0);
  // procps tests the byte the '+' replaces as a signed char: only ASCII may be cut.
  if (max_cells >= 1 && keep < name.size() && static_cast<signed char>(name[keep]) >= 0 &&
      name[keep] != 127) {
    out.append(name.substr(0, keep));
    out.push_back('+');
    return max_cells;
  }
  const std::size_t before = out.size();
  fmt::format_to(sink(out), "{}", static_cast<std::uint32_t>(id));
  return static_cast<int>(out.size() - before);
}

}  // namespace td::ps

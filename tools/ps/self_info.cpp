#include "self_info.h"

#include <fmt/format.h>
#include <sys/sysmacros.h>

#include <iterator>

#include "procscan/field.h"
#include "procscan/task_table.h"

namespace td::ps {

namespace {

std::string_view or_none(std::string_view macro) {
  return macro.empty() ? "(none)" : macro;
}

// procps' archdefs for the architectures Debian builds.
constexpr std::string_view kArchitecture =
#if defined(__x86_64__)
    " x86_64"
#elif defined(__i386__)
    " i386"
#elif defined(__powerpc__)
    " powerpc"
#elif defined(__arm__)
    " arm"
#else
    ""
#endif
    ;

}  // namespace

std::string info_text(const InfoFacts& facts) {
  const PredefinedFormats& f = facts.personality.formats;
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out,
                 "BSD j    {}\nBSD l    {}\nBSD s    {}\nBSD u    {}\nBSD v    {}\n"
                 "SysV -f  {}\nSysV -fl {}\nSysV -j  {}\nSysV -l  {}\n\n",
                 or_none(f.bsd_j), or_none(f.bsd_l), or_none(f.bsd_s), or_none(f.bsd_u),
                 or_none(f.bsd_v), or_none(f.sysv_f), or_none(f.sysv_fl), or_none(f.sysv_j),
                 or_none(f.sysv_l));
  fmt::format_to(out, "{}\n", facts.version_line);
#if defined(__GLIBC__)
  fmt::format_to(out, "Compiled with: glibc {}.{}, gcc {}.{}\n\n", __GLIBC__, __GLIBC_MINOR__,
                 __GNUC__, __GNUC_MINOR__);
#endif
  // --info is exclusive, so the header settings are always the defaults.
  fmt::format_to(out, "header_gap=-1 lines_to_next_header=1\nscreen_cols={} screen_rows={}\n\n",
                 facts.screen_cols, facts.screen_rows);
  fmt::format_to(out, "personality=0x{:08x} (from \"{}\")\n", facts.personality.bits,
                 facts.personality.source);
  fmt::format_to(out, "EUID={} TTY={},{} page_size={}\n", static_cast<int>(facts.euid),
                 static_cast<int>(major(facts.tty)), static_cast<int>(minor(facts.tty)),
                 facts.page_size);
  // procps' line shows its task record; ours is a TaskRef into a table of fixed records.
  fmt::format_to(out, "sizeof(TaskRef)={} sizeof(long)={} sizeof(long)={}\n",
                 sizeof(procscan::TaskRef), sizeof(long), sizeof(long));
  fmt::format_to(out, "archdefs:{}\n", kArchitecture);
  return text;
}

std::string scan_summary(const procscan::Scanner& scanner) {
  const procscan::ScanStats& stats = scanner.last_stats();
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out, "tdps: backend={} ({}) rows={} vanished={} reads:", scanner.backend_name(),
                 scanner.choice_reason(), stats.rows, stats.vanished);
  for (std::size_t g = 0; g < procscan::kGroupCount; ++g)
    fmt::format_to(out, " {}={}", procscan::group_name(static_cast<procscan::Group>(g)),
                   stats.reads[g]);
  fmt::format_to(out, " batched={} split={}", stats.batched_opens, stats.split_dumps);
  text.push_back('\n');
  return text;
}

}  // namespace td::ps

// SystemFigureReader: the asked figures' groups, each read once per reading, the proc files
// kept open and read again with pread at offset 0.
#include <fcntl.h>
#include <paths.h>

#include <array>

#include "figures/parsers.h"
#include "procfs/file_reader.h"
#include "procscan/system_figures.h"
#include "util/unique_fd.h"

namespace procscan {
namespace {

constexpr std::size_t kGroups = static_cast<std::size_t>(SystemGroup::Count);

// The proc file of each group but Users (utmp, a regular file opened at each reading: it is
// small, and glibc reopens it too, so a recreated utmp is seen).
struct ProcFile {
  SystemGroup group;
  const char* path;
  bool (*parse)(std::string_view, SystemSnapshot&);
};
bool parse_stat_totals(std::string_view text, SystemSnapshot& out) {
  return figures::parse_proc_stat(text, false, out);
}
bool parse_stat_per_cpu(std::string_view text, SystemSnapshot& out) {
  return figures::parse_proc_stat(text, true, out);
}
constexpr std::array<ProcFile, 4> kProcFiles{{
    {SystemGroup::Stat, "stat", parse_stat_totals},
    {SystemGroup::Meminfo, "meminfo", figures::parse_meminfo},
    {SystemGroup::Loadavg, "loadavg", figures::parse_loadavg},
    {SystemGroup::Uptime, "uptime", figures::parse_uptime},
}};

constexpr bool is_cpu_figure(SystemFigure f) {
  return f >= SystemFigure::CpuUser && f <= SystemFigure::CpuGuestNice;
}

}  // namespace

struct SystemFigureReader::Files {
  UniqueFd root;
  std::array<UniqueFd, kGroups> kept;
  procfs::FileReader reader;
};

SystemFigureReader::SystemFigureReader(std::string proc_root, std::string utmp_path)
    : proc_root_(std::move(proc_root)),
      utmp_path_(utmp_path.empty() ? std::string(_PATH_UTMP) : std::move(utmp_path)),
      files_(std::make_unique<Files>()) {
  files_->root.reset(::open(proc_root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

SystemFigureReader::~SystemFigureReader() = default;

SystemSnapshot SystemFigureReader::read(const SystemFigureSet& figures) {
  SystemSnapshot out;
  read(figures, out);
  return out;
}

void SystemFigureReader::read(const SystemFigureSet& figures, SystemSnapshot& out) {
  out.values.fill(0);
  out.present.fill(false);
  out.cpus.clear();
  std::array<bool, kGroups> wanted{};
  bool per_cpu = false;
  for (std::size_t i = 0; i < kSystemFigureCount; ++i) {
    const auto f = static_cast<SystemFigure>(i);
    if (!figures.contains(f)) continue;
    wanted[static_cast<std::size_t>(system_figure_info(f).group)] = true;
    per_cpu = per_cpu || is_cpu_figure(f);
  }

  Files& files = *files_;
  for (const ProcFile& file : kProcFiles) {
    const auto g = static_cast<std::size_t>(file.group);
    if (!wanted[g]) continue;
    UniqueFd& fd = files.kept[g];
    if (!fd && files.root) fd.reset(::openat(files.root.get(), file.path, O_RDONLY | O_CLOEXEC));
    if (!fd) continue;
    ++reads_[g];
    std::string_view text;
    // One record each (single_open): a short read is the end.
    if (files.reader.reread(fd.get(), text, procfs::FileEnd::ShortRead) != procfs::ReadStatus::Ok) {
      fd.reset();  // opened again at the next reading
      continue;
    }
    if (file.group == SystemGroup::Stat && per_cpu)
      parse_stat_per_cpu(text, out);
    else
      file.parse(text, out);
  }

  constexpr auto users = static_cast<std::size_t>(SystemGroup::Users);
  if (wanted[users]) {
    ++reads_[users];
    // procps counts what getutent() returns, which is nothing when utmp cannot be opened
    // (top 4.0.2 then shows "0 user"): such a count is 0, and present.
    std::string_view bytes;
    const bool read =
        files.reader.read(AT_FDCWD, utmp_path_.c_str(), bytes) == procfs::ReadStatus::Ok;
    figures::set_figure(out, SystemFigure::Users, read ? figures::count_utmp_users(bytes) : 0);
  }
}

}  // namespace procscan

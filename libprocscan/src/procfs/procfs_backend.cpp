#include "procfs/procfs_backend.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <vector>

#include "procfs/directory_reader.h"
#include "procfs/parsers.h"
#include "procscan/scanner.h"

namespace procscan::procfs {

namespace {

// Room for "2147483647/task/2147483647/attr/current" and the like.
using PathBuffer = std::array<char, 96>;

// Builds "<dir>/<file>" into `path` without stdio.
const char* join(PathBuffer& path, const char* dir, const char* file) {
  const std::size_t dir_len = std::strlen(dir);
  const std::size_t file_len = std::strlen(file);
  if (dir_len + 1 + file_len + 1 > path.size()) return nullptr;
  std::memcpy(path.data(), dir, dir_len);
  path[dir_len] = '/';
  std::memcpy(path.data() + dir_len + 1, file, file_len + 1);
  return path.data();
}

char* append_number(char* out, char* end, pid_t value) {
  auto [ptr, ec] = std::to_chars(out, end, value);
  return ec == std::errc{} ? ptr : out;
}

void process_dir(PathBuffer& dir, pid_t pid) {
  char* end = append_number(dir.data(), dir.data() + dir.size() - 1, pid);
  *end = '\0';
}

void thread_dir(PathBuffer& dir, pid_t pid, pid_t tid) {
  char* p = append_number(dir.data(), dir.data() + 40, pid);
  std::memcpy(p, "/task/", 6);
  p = append_number(p + 6, dir.data() + dir.size() - 1, tid);
  *p = '\0';
}

struct NamespaceLink {
  Field field;
  const char* path;
};
constexpr std::array<NamespaceLink, 8> kNamespaceLinks{{
    {Field::CgroupNs, "ns/cgroup"},
    {Field::IpcNs, "ns/ipc"},
    {Field::MntNs, "ns/mnt"},
    {Field::NetNs, "ns/net"},
    {Field::PidNs, "ns/pid"},
    {Field::TimeNs, "ns/time"},
    {Field::UserNs, "ns/user"},
    {Field::UtsNs, "ns/uts"},
}};

// Files whose whole text is one string field.
struct TextFile {
  Group group;
  Field field;
  const char* path;
  bool trim_trailing_newline;
};
constexpr std::array<TextFile, 5> kTextFiles{{
    {Group::Cmdline, Field::Cmdline, "cmdline", false},
    {Group::Environ, Field::Environ, "environ", false},
    {Group::Wchan, Field::Wchan, "wchan", false},
    {Group::Cgroup, Field::Cgroup, "cgroup", true},
    {Group::Label, Field::SecurityLabel, "attr/current", true},
}};

// Parsed files: one parser fills many fields.
struct ParsedFile {
  Group group;
  const char* path;
  bool (*parse)(std::string_view, TaskTable&);
};
constexpr std::array<ParsedFile, 4> kParsedFiles{{
    {Group::Stat, "stat", parse_stat},
    {Group::Status, "status", parse_status},
    {Group::Statm, "statm", parse_statm},
    {Group::Io, "io", parse_io},
}};

std::string_view trim_trailing(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

ProcfsBackend::ProcfsBackend(const std::string& root)
    : root_(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (!root_) throw FatalScanError("cannot open " + root + ": " + std::strerror(errno));
}

FieldSet ProcfsBackend::serves(const Query& /*query*/) const {
  FieldSet all;
  for (const auto& row : kFieldTable)
    all.add(row.field);
  return all;
}

bool ProcfsBackend::still_exists(const char* task_dir) {
  PathBuffer path;
  const char* p = join(path, task_dir, "stat");
  return p && ::faccessat(root_.get(), p, F_OK, 0) == 0;
}

ProcfsBackend::TaskRead ProcfsBackend::read_group(const char* task_dir, Group group,
                                                  const FieldSet& wanted, TaskTable& out,
                                                  ScanStats& stats) {
  ++stats.reads[static_cast<std::size_t>(group)];
  PathBuffer path;
  std::string_view text;
  // A file that is missing for a task that still exists (exe of a kernel thread or zombie,
  // ns/time on old kernels) makes its fields unavailable; a missing task ends the row.
  auto on_failure = [&](ReadStatus status) {
    if (status == ReadStatus::Vanished && !still_exists(task_dir)) return TaskRead::Vanished;
    return TaskRead::Ok;
  };

  for (const auto& file : kParsedFiles) {
    if (file.group != group) continue;
    const ReadStatus status = reader_.read(root_.get(), join(path, task_dir, file.path), text);
    if (status != ReadStatus::Ok) return on_failure(status);
    // An empty stat means the task died between open and read.
    if (!file.parse(text, out) && group == Group::Stat && text.empty()) return TaskRead::Vanished;
    return TaskRead::Ok;
  }
  for (const auto& file : kTextFiles) {
    if (file.group != group) continue;
    const ReadStatus status = reader_.read(root_.get(), join(path, task_dir, file.path), text);
    if (status != ReadStatus::Ok) return on_failure(status);
    out.set_str(file.field, file.trim_trailing_newline ? trim_trailing(text) : text);
    return TaskRead::Ok;
  }
  if (group == Group::Exe) {
    const ReadStatus status = reader_.read_link(root_.get(), join(path, task_dir, "exe"), text);
    if (status != ReadStatus::Ok) return on_failure(status);
    out.set_str(Field::Exe, text);
    return TaskRead::Ok;
  }
  if (group == Group::Namespace) {
    for (const auto& link : kNamespaceLinks) {
      if (!wanted.contains(link.field)) continue;
      const ReadStatus status =
          reader_.read_link(root_.get(), join(path, task_dir, link.path), text);
      if (status != ReadStatus::Ok) {
        if (on_failure(status) == TaskRead::Vanished) return TaskRead::Vanished;
        continue;
      }
      if (auto inode = parse_ns_link(text)) out.set_u64(link.field, *inode);
    }
  }
  return TaskRead::Ok;
}

ProcfsBackend::TaskRead ProcfsBackend::read_task(const char* task_dir, const FieldSet& wanted,
                                                 TaskTable& out, ScanStats& stats) {
  // Computed per call only when a caller completes single tasks; scans pass their own.
  return read_task(task_dir, wanted, wanted.groups(), out, stats);
}

ProcfsBackend::TaskRead ProcfsBackend::read_task(const char* task_dir, const FieldSet& wanted,
                                                 std::uint32_t groups, TaskTable& out,
                                                 ScanStats& stats) {
  for (std::size_t g = 0; g < kGroupCount; ++g) {
    const auto group = static_cast<Group>(g);
    if (group == Group::Identity || !(groups & FieldSet::group_bit(group))) continue;
    if (read_group(task_dir, group, wanted, out, stats) == TaskRead::Vanished)
      return TaskRead::Vanished;
  }
  return TaskRead::Ok;
}

bool ProcfsBackend::is_thread_group_leader(pid_t pid) {
  PathBuffer dir, path;
  process_dir(dir, pid);
  std::string_view text;
  if (reader_.read(root_.get(), join(path, dir.data(), "status"), text) != ReadStatus::Ok)
    return false;
  const auto tgid = parse_status_tgid(text);
  return tgid && *tgid == static_cast<std::uint64_t>(pid);
}

ScanStats ProcfsBackend::scan_process(pid_t pid, const Query& query, const FieldSet& wanted,
                                      std::uint32_t groups, TaskTable& out, RowObserver* observer) {
  ScanStats stats;
  PathBuffer dir;
  auto emit = [&](RowKind kind, pid_t tid) {
    out.begin_row(kind);
    out.set_u64(Field::Tgid, static_cast<std::uint64_t>(pid));
    out.set_u64(Field::Tid, static_cast<std::uint64_t>(tid));
    if (read_task(dir.data(), wanted, groups, out, stats) == TaskRead::Vanished) {
      out.discard_row();
      ++stats.vanished;
      return false;
    }
    out.commit_row();
    ++stats.rows;
    if (observer) observer->on_row(out);
    return true;
  };

  if (query.scope != Scope::Threads) {
    process_dir(dir, pid);
    if (!emit(RowKind::Process, pid)) return stats;
  }
  if (query.scope == Scope::Processes) return stats;

  PathBuffer task_path;
  process_dir(dir, pid);
  UniqueFd task_fd(::openat(root_.get(), join(task_path, dir.data(), "task"),
                            O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  std::vector<pid_t> tids;
  if (!task_fd || !list_numeric_entries(task_fd.get(), tids)) {
    ++stats.vanished;
    return stats;
  }
  for (pid_t tid : tids) {
    thread_dir(dir, pid, tid);
    emit(RowKind::Thread, tid);
  }
  return stats;
}

ScanStats ProcfsBackend::scan(const Query& query, TaskTable& out, RowObserver* observer) {
  const FieldSet wanted = out.layout().fields();
  std::vector<pid_t> pids;
  if (query.pid_list_only) {
    pids = query.pids;
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    // /proc/TID exists for every thread but a listing shows only leaders: keep that view.
    std::erase_if(pids, [&](pid_t pid) { return pid <= 0 || !is_thread_group_leader(pid); });
  } else if (!list_numeric_entries(root_.get(), pids)) {
    throw FatalScanError(std::string("cannot list the proc root: ") + std::strerror(errno));
  }

  const std::uint32_t groups = wanted.groups();
  ScanStats total;
  for (pid_t pid : pids) {
    total.add(scan_process(pid, query, wanted, groups, out, observer));
  }
  return total;
}

bool ProcfsBackend::list_ids(const char* dir, std::vector<pid_t>& out) {
  if (*dir == '\0') return list_numeric_entries(root_.get(), out);
  UniqueFd fd(::openat(root_.get(), dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd && list_numeric_entries(fd.get(), out);
}

}  // namespace procscan::procfs

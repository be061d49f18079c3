#include "procfs/procfs_backend.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>
#include <thread>
#include <vector>

#include "procfs/directory_reader.h"
#include "procfs/parsers.h"
#include "procfs/systemd_login.h"
#include "procscan/scanner.h"
#include "util/ordered_chunks.h"

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
  FileEnd end;
};
constexpr std::array<TextFile, 5> kTextFiles{{
    {Group::Cmdline, Field::Cmdline, "cmdline", false, FileEnd::ShortRead},
    {Group::Environ, Field::Environ, "environ", false, FileEnd::ShortRead},
    {Group::Wchan, Field::Wchan, "wchan", false, FileEnd::ShortRead},
    {Group::Cgroup, Field::Cgroup, "cgroup", true, FileEnd::ShortRead},
    {Group::Label, Field::SecurityLabel, "attr/current", true, FileEnd::ShortRead},
}};

// Parsed files: one parser fills many fields. All are seq_files of one record.
struct ParsedFile {
  Group group;
  const char* path;
  bool (*parse)(std::string_view, TaskTable&);
};
constexpr std::array<ParsedFile, 6> kParsedFiles{{
    {Group::Stat, "stat", parse_stat},
    {Group::Status, "status", parse_status},
    {Group::Statm, "statm", parse_statm},
    {Group::Io, "io", parse_io},
    {Group::Autogroup, "autogroup", parse_autogroup},
    {Group::SmapsRollup, "smaps_rollup", parse_smaps_rollup},
}};

// Files that hold one number.
struct NumberFile {
  Group group;
  Field field;
  const char* path;
};
constexpr std::array<NumberFile, 3> kNumberFiles{{
    {Group::OomScore, Field::OomScore, "oom_score"},
    {Group::OomScoreAdj, Field::OomScoreAdj, "oom_score_adj"},
    {Group::LoginUid, Field::LoginUid, "loginuid"},
}};

// The task id of "PID" or "PID/task/TID": its last number.
pid_t task_id_of(const char* task_dir) {
  const char* last = std::strrchr(task_dir, '/');
  const char* digits = last ? last + 1 : task_dir;
  pid_t tid = 0;
  std::from_chars(digits, digits + std::strlen(digits), tid);
  return tid;
}

// Fields that the owner of the task's directory gives exactly and far more cheaply than
// status: proc makes /proc/PID and /proc/PID/task/TID (mode 0555 directories) belong to the
// task's effective uid and gid, dumpable or not (task_dump_owner; root for kernel threads,
// whose ids are 0), which is why procps stats /proc/PID for them.
constexpr FieldSet kOwnerFields{Field::Euid, Field::Egid};

// Below this many processes a scan takes a millisecond or two, and a second thread (tens
// of microseconds to start, plus the wait for it to end before our own row) gains little.
constexpr std::size_t kTwoThreadMinimum = 64;
// A listing is cut into about kChunksPerScan runs of at most kMaxChunkPids pids, which the
// two threads claim one at a time: small enough to share the work evenly and let output
// start early, large enough that claiming costs nothing.
constexpr std::size_t kMaxChunkPids = 32;
constexpr std::size_t kChunksPerScan = 64;

std::string_view trim_trailing(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
    text.remove_suffix(1);
  return text;
}

bool on_procfs(int fd) {
  struct statfs fs;
  return ::fstatfs(fd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
}

// Descriptors a scan thread's batch may hold: what RLIMIT_NOFILE leaves after room for
// the caller's own and the other thread's batch.
std::size_t batch_fd_budget() {
  struct rlimit limit;
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  constexpr std::size_t kReserve = 128;
  const std::size_t soft = limit.rlim_cur == RLIM_INFINITY ? 1 << 20 : limit.rlim_cur;
  return soft > kReserve ? (soft - kReserve) / 2 : 0;
}

unsigned usable_cpus() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return static_cast<unsigned>(CPU_COUNT(&set));
}

constexpr std::uint32_t bit(Group g) {
  return FieldSet::group_bit(g);
}

}  // namespace

// How a scan reads each task: the groups, and whether euid and egid come from the owner
// of the task's directory instead of status.
struct ProcfsBackend::Plan {
  FieldSet wanted;
  std::uint32_t groups = 0;
  bool owner = false;
  // The files of a process row that a scan thread with an OpenBatch opens for a whole run
  // of processes at once, and where each group's file is among them (-1: not batched).
  std::vector<const char*> batch_files;
  std::array<int, kGroupCount> batch_slot = no_batch_slots();

  static constexpr std::array<int, kGroupCount> no_batch_slots() {
    std::array<int, kGroupCount> slots{};
    slots.fill(-1);
    return slots;
  }
  void batch(Group group, const char* path) {
    batch_slot[static_cast<std::size_t>(group)] = static_cast<int>(batch_files.size());
    batch_files.push_back(path);
  }
};

ProcfsBackend::ProcfsBackend(const std::string& root, unsigned threads, bool batch_opens)
    : root_(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
      live_proc_(root == "/proc" && systemd_login_available()),
      threads_(threads),
      batch_opens_(batch_opens) {
  if (!root_) throw FatalScanError("cannot open " + root + ": " + std::strerror(errno));
  is_procfs_ = on_procfs(root_.get());
  if (threads_ == 0 && usable_cpus() < 2) threads_ = 1;
}

ProcfsBackend::~ProcfsBackend() = default;

FieldSet ProcfsBackend::serves(const Query& /*query*/) const {
  FieldSet all;
  for (const auto& row : kFieldTable)
    if (row.group != Group::Systemd || live_proc_) all.add(row.field);
  return all;
}

bool ProcfsBackend::still_exists(const TaskDir& task) {
  PathBuffer path;
  const char* p = join(path, task.path, "stat");
  return p && ::faccessat(task.fd, p, F_OK, 0) == 0;
}

ProcfsBackend::TaskRead ProcfsBackend::read_owner(const TaskDir& task, TaskTable& out,
                                                  ScanStats& stats) {
  ++stats.owner_reads;
  struct stat st;
  if (::fstatat(task.fd, task.path, &st, 0) != 0)
    return classify_errno(errno) == ReadStatus::Vanished ? TaskRead::Vanished : TaskRead::Ok;
  out.set_u64(Field::Euid, st.st_uid);
  out.set_u64(Field::Egid, st.st_gid);
  return TaskRead::Ok;
}

ProcfsBackend::TaskRead ProcfsBackend::read_group(Worker& worker, const TaskDir& task, Group group,
                                                  const Plan& plan, TaskTable& out,
                                                  ScanStats& stats) {
  const FieldSet& wanted = plan.wanted;
  ++stats.reads[static_cast<std::size_t>(group)];
  FileReader& reader = worker.reader;
  PathBuffer path;
  std::string_view text;
  // Whether the file read was one the batch had opened: its descriptor names this very
  // task, so a read that finds the task gone proves it gone.
  bool from_batch = false;
  // A file that is missing for a task that still exists (exe of a kernel thread or zombie,
  // ns/time on old kernels) makes its fields unavailable; a missing task ends the row.
  auto on_failure = [&](ReadStatus status) {
    if (status == ReadStatus::Vanished && (from_batch || !still_exists(task)))
      return TaskRead::Vanished;
    return TaskRead::Ok;
  };
  auto read_file = [&](const char* name, FileEnd end) {
    if (worker.kept && KeptFiles::Table::keeps(group))
      return worker.kept->read(worker.row_tid, worker.row_kind, group, task.fd,
                               join(path, task.path, name), reader, text, end);
    const int slot = worker.task_fds ? plan.batch_slot[static_cast<std::size_t>(group)] : -1;
    const int fd = slot >= 0 ? worker.task_fds[slot] : kNotBatched;
    if (fd >= 0) {
      ++stats.batched_opens;
      from_batch = true;
      return reader.read_open(fd, text, end);
    }
    // The batch's open failed: the task's answer, unless it was only short of descriptors
    // or memory, which opening the file alone may not be.
    if (fd != kNotBatched && fd != -EMFILE && fd != -ENFILE && fd != -ENOMEM)
      return classify_errno(-fd);
    return reader.read(task.fd, join(path, task.path, name), text, end);
  };

  for (const auto& file : kParsedFiles) {
    if (file.group != group) continue;
    const ReadStatus status = read_file(file.path, FileEnd::ShortRead);
    if (status != ReadStatus::Ok) return on_failure(status);
    // An empty stat means the task died between open and read.
    if (!file.parse(text, out) && group == Group::Stat && text.empty()) return TaskRead::Vanished;
    return TaskRead::Ok;
  }
  for (const auto& file : kNumberFiles) {
    if (file.group != group) continue;
    const ReadStatus status = read_file(file.path, FileEnd::ShortRead);
    if (status != ReadStatus::Ok) return on_failure(status);
    parse_single_number(text, file.field, out);
    return TaskRead::Ok;
  }
  if (group == Group::Systemd) {
    if (live_proc_) read_systemd_login(task_id_of(task.path), wanted, out);
    return TaskRead::Ok;
  }
  for (const auto& file : kTextFiles) {
    if (file.group != group) continue;
    const ReadStatus status = read_file(file.path, file.end);
    if (status != ReadStatus::Ok) return on_failure(status);
    out.set_str(file.field, file.trim_trailing_newline ? trim_trailing(text) : text);
    return TaskRead::Ok;
  }
  if (group == Group::Exe) {
    const ReadStatus status = reader.read_link(task.fd, join(path, task.path, "exe"), text);
    if (status != ReadStatus::Ok) return on_failure(status);
    out.set_str(Field::Exe, text);
    return TaskRead::Ok;
  }
  if (group == Group::Namespace) {
    for (const auto& link : kNamespaceLinks) {
      if (!wanted.contains(link.field)) continue;
      const ReadStatus status = reader.read_link(task.fd, join(path, task.path, link.path), text);
      if (status != ReadStatus::Ok) {
        if (on_failure(status) == TaskRead::Vanished) return TaskRead::Vanished;
        continue;
      }
      if (auto inode = parse_ns_link(text)) out.set_u64(link.field, *inode);
    }
  }
  return TaskRead::Ok;
}

ProcfsBackend::TaskReader::TaskReader(ProcfsBackend& backend)
    : backend_(backend), worker_(std::make_unique<Worker>()) {}

ProcfsBackend::TaskReader::~TaskReader() = default;

ProcfsBackend::TaskRead ProcfsBackend::TaskReader::read_task(const char* task_dir,
                                                             const FieldSet& wanted, TaskTable& out,
                                                             ScanStats& stats) {
  // Completing single tasks for another backend: the plain plan, file by file.
  Plan plan;
  plan.wanted = wanted;
  plan.groups = wanted.groups();
  return backend_.read_task(*worker_, TaskDir{backend_.root_.get(), task_dir}, plan, plan.groups,
                            out, stats);
}

bool ProcfsBackend::TaskReader::lists_process(pid_t pid) {
  return pid > 0 && backend_.is_thread_group_leader(*worker_, pid);
}

ProcfsBackend::TaskRead ProcfsBackend::read_task(Worker& worker, const TaskDir& task,
                                                 const Plan& plan, std::uint32_t groups,
                                                 TaskTable& out, ScanStats& stats) {
  if (plan.owner && read_owner(task, out, stats) == TaskRead::Vanished) return TaskRead::Vanished;
  for (std::size_t g = 0; g < kGroupCount; ++g) {
    const auto group = static_cast<Group>(g);
    if (group == Group::Identity || !(groups & bit(group))) continue;
    if (read_group(worker, task, group, plan, out, stats) == TaskRead::Vanished)
      return TaskRead::Vanished;
  }
  return TaskRead::Ok;
}

bool ProcfsBackend::is_thread_group_leader(Worker& worker, pid_t pid) {
  PathBuffer dir, path;
  process_dir(dir, pid);
  std::string_view text;
  if (worker.reader.read(root_.get(), join(path, dir.data(), "status"), text, FileEnd::ShortRead) !=
      ReadStatus::Ok)
    return false;
  const auto tgid = parse_status_tgid(text);
  return tgid && *tgid == static_cast<std::uint64_t>(pid);
}

ScanStats ProcfsBackend::scan_process(Worker& worker, pid_t pid, const Query& query,
                                      const Plan& plan, TaskTable& out, RowObserver* observer) {
  ScanStats stats;
  PathBuffer dir;
  // The leader's command line stands for its threads': it is the group's memory, which
  // every thread shares (CLONE_THREAD implies CLONE_VM), and reading it checks no
  // credentials. Only a non-empty text proves the leader still had that memory (a zombie
  // leader reads empty while its threads run on), so an empty one is read again per thread,
  // as procps does. (environ is not shared: reading it checks each thread's credentials.)
  bool shared_cmdline = false;
  const bool threads_follow = query.scope != Scope::Processes;

  // Process rows are read at "PID" in the root, thread rows at "TID" in PID/task: each
  // level a path does not walk spares a dcache lookup and a revalidation of the task. (An
  // O_PATH descriptor of PID for the process rows' files costs as much as it saves.)
  process_dir(dir, pid);
  TaskDir task{root_.get(), dir.data()};
  auto emit = [&](RowKind kind, pid_t tid) {
    worker.row_tid = tid;
    worker.row_kind = kind;
    out.begin_row(kind);
    out.set_u64(Field::Tgid, static_cast<std::uint64_t>(pid));
    out.set_u64(Field::Tid, static_cast<std::uint64_t>(tid));
    std::uint32_t groups = plan.groups;
    if (tid != pid) {
      if (shared_cmdline) {
        groups &= ~bit(Group::Cmdline);
        out.set_str(Field::Cmdline, worker.leader_cmdline);
      }
    }
    if (read_task(worker, task, plan, groups, out, stats) == TaskRead::Vanished) {
      out.discard_row();
      ++stats.vanished;
      return false;
    }
    out.commit_row();
    ++stats.rows;
    if (tid == pid && threads_follow) {
      const TaskRef row = out[out.size() - 1];
      shared_cmdline = !row.str(Field::Cmdline).empty();
      if (shared_cmdline) worker.leader_cmdline.assign(row.str(Field::Cmdline));
    }
    if (observer) observer->on_row(out);
    return true;
  };

  if (query.scope != Scope::Threads && !emit(RowKind::Process, pid)) return stats;
  worker.task_fds = nullptr;  // the batch opened the process row's files only
  if (query.scope == Scope::Processes) return stats;

  PathBuffer task_path;
  UniqueFd task_fd(
      ::openat(task.fd, join(task_path, task.path, "task"), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  std::vector<pid_t>& tids = worker.tids;
  tids.clear();
  if (!task_fd || !list_numeric_entries(task_fd.get(), tids,
                                        is_procfs_ ? ListEnd::RoomLeft : ListEnd::ZeroRead)) {
    ++stats.vanished;
    return stats;
  }
  task.fd = task_fd.get();
  task.path = dir.data();
  for (pid_t tid : tids) {
    // The process row stands for the leader (procps reads the leader from /proc/PID).
    if (tid == pid && query.scope == Scope::ProcessesAndThreads) continue;
    process_dir(dir, tid);
    emit(RowKind::Thread, tid);
  }
  return stats;
}

ScanStats ProcfsBackend::scan_pids(Worker& worker, std::span<const pid_t> pids, const Query& query,
                                   const Plan& plan, TaskTable& out, RowObserver* observer) {
  ScanStats total;
  const bool batched = query.scope != Scope::Threads && open_batch(worker, pids, plan);
  for (std::size_t i = 0; i < pids.size(); ++i) {
    worker.task_fds = batched ? worker.batch_fds.data() + i * plan.batch_files.size() : nullptr;
    total.add(scan_process(worker, pids[i], query, plan, out, observer));
  }
  worker.task_fds = nullptr;
  if (batched) close_batch(worker);
  return total;
}

bool ProcfsBackend::open_batch(Worker& worker, std::span<const pid_t> pids, const Plan& plan) {
  const std::size_t per_process = plan.batch_files.size();
  const std::size_t count = pids.size() * per_process;
  if (!worker.opener || worker.opener_cold || count == 0 || count > worker.batch_fd_budget)
    return false;
  worker.batch_paths.resize(count);
  worker.batch_requests.clear();
  PathBuffer dir;
  for (std::size_t i = 0; i < pids.size(); ++i) {
    process_dir(dir, pids[i]);
    for (std::size_t f = 0; f < per_process; ++f) {
      PathBuffer& path = worker.batch_paths[i * per_process + f];
      worker.batch_requests.push_back({root_.get(), join(path, dir.data(), plan.batch_files[f])});
    }
  }
  worker.batch_fds.assign(count, kNotBatched);
  // Even when some opens had to wait for a kernel worker, all are done and used. A few
  // such (processes started since the last scan) cost little; when a quarter of a run did,
  // the caches are cold and the rest of the scan reads file by file.
  const std::size_t waited = worker.opener->open(worker.batch_requests, worker.batch_fds);
  if (waited * 4 > count) worker.opener_cold = true;
  return true;
}

void ProcfsBackend::close_batch(Worker& worker) {
  for (const int fd : worker.batch_fds)
    if (fd >= 0) worker.opener->close_later(fd);
}

bool ProcfsBackend::worth_two_threads(std::size_t pids) const {
  if (threads_ == 1 || pids < 2) return false;
  return threads_ == 2 || pids >= kTwoThreadMinimum;
}

pid_t ProcfsBackend::own_pid() const {
  // What this root calls us: the link says our pid in its pid namespace.
  std::array<char, 16> link{};
  const ssize_t n = ::readlinkat(root_.get(), "self", link.data(), link.size() - 1);
  pid_t pid = 0;
  if (n > 0) std::from_chars(link.data(), link.data() + n, pid);
  return pid;
}

std::size_t ProcfsBackend::own_thread_count() {
  UniqueFd task_fd(::openat(root_.get(), "self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  std::vector<pid_t> tids;
  if (!task_fd || !list_numeric_entries(task_fd.get(), tids)) return 0;
  return tids.size();
}

void ProcfsBackend::wait_for_own_threads(std::size_t count) {
  // pthread_join returns when the helper's tid is cleared, a moment before the kernel
  // unlinks the thread from the group and counts it out; until then it is listed.
  for (int tries = 0; tries < 1000; ++tries) {
    const std::size_t now = own_thread_count();
    if (now == 0 || now <= count) return;
    ::sched_yield();
  }
}

ScanStats ProcfsBackend::scan_on_two_threads(std::span<const pid_t> pids, const Query& query,
                                             const Plan& plan, TaskTable& out,
                                             RowObserver* observer) {
  for (auto& helper : helpers_)
    if (!helper) helper = std::make_unique<Worker>();
  // Our own row must show us as a serial scan would, without the helper threads: it is read
  // once they are gone, and the rows after it wait for it (our pid is usually the last in
  // the listing).
  const pid_t self = is_procfs_ ? own_pid() : 0;
  const auto self_at = std::find(pids.begin(), pids.end(), self);
  const std::span<const pid_t> before(pids.begin(), self_at);
  const std::span<const pid_t> after =
      self_at == pids.end() ? std::span<const pid_t>{} : std::span(self_at + 1, pids.end());
  const std::size_t own_threads = self_at == pids.end() ? 0 : own_thread_count();

  const std::size_t chunk_pids =
      std::clamp<std::size_t>(pids.size() / kChunksPerScan, 1, kMaxChunkPids);
  std::vector<std::span<const pid_t>> slices;
  for (const auto part : {before, after})
    for (std::size_t first = 0; first < part.size(); first += chunk_pids)
      slices.push_back(part.subspan(first, std::min(chunk_pids, part.size() - first)));
  const std::size_t slices_before = (before.size() + chunk_pids - 1) / chunk_pids;

  const FieldSet& fields = out.layout().fields();
  std::vector<TaskTable> chunks(slices.size(), TaskTable(fields));
  auto deliver = [&](std::size_t chunk) {
    TaskTable& rows = chunks[chunk];
    if (observer) {
      for (std::size_t row = 0; row < rows.size(); ++row) {
        out.append_rows(rows, row, 1);
        observer->on_row(out);
      }
    } else {
      out.append(rows);
    }
    rows = TaskTable(fields);  // give the memory back as soon as the rows are out
  };

  // With batched opens, two helpers scan and the caller only delivers: the rings, and the
  // kernel worker threads a ring may start, must end with the scan (open_batch.h).
  const bool batch = batch_opens_ && !plan.batch_files.empty();
  std::atomic<bool> no_ring{false};
  std::array<ScanStats, 3> stats;
  auto worker_of = [&](unsigned worker) -> Worker& {
    return worker == 0 ? main_ : *helpers_[worker - 1];
  };
  OrderedChunks work;
  work.count = slices.size();
  work.helpers = batch ? 2 : 1;
  work.caller_runs = !batch;
  work.helper_begin = [&](unsigned worker) {
    // A descriptor table of its own spares the kernel the reference counting and locking
    // of a shared one at every open, read and close; where unshare is refused (seccomp),
    // the shared table does as well.
    ::unshare(CLONE_FILES);
    if (!batch) return;
    Worker& w = worker_of(worker);
    w.opener = OpenBatch::create();
    w.opener_cold = false;
    w.batch_fd_budget = batch_fd_budget();
    if (!w.opener) no_ring = true;
  };
  work.helper_end = [&](unsigned worker) { worker_of(worker).opener.reset(); };
  work.run = [&](unsigned worker, std::size_t chunk) {
    stats[worker].add(
        scan_pids(worker_of(worker), slices[chunk], query, plan, chunks[chunk], nullptr));
  };
  work.deliver = [&](std::size_t chunk) {
    if (chunk < slices_before) deliver(chunk);
  };
  run_ordered(work);
  if (self_at != pids.end()) {
    wait_for_own_threads(own_threads);
    stats[0].add(scan_pids(main_, std::span(self_at, 1), query, plan, out, observer));
    for (std::size_t chunk = slices_before; chunk < slices.size(); ++chunk)
      deliver(chunk);
  }
  if (no_ring) batch_opens_ = false;
  stats[0].add(stats[1]);
  stats[0].add(stats[2]);
  return stats[0];
}

ScanStats ProcfsBackend::scan(const Query& query, TaskTable& out, RowObserver* observer) {
  std::vector<pid_t> pids;
  if (query.pid_list_only) {
    pids = query.pids;
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    // /proc/TID exists for every thread but a listing shows only leaders: keep that view.
    std::erase_if(pids, [&](pid_t pid) { return pid <= 0 || !is_thread_group_leader(main_, pid); });
  } else if (::lseek(root_.get(), 0, SEEK_SET) < 0 ||
             !list_numeric_entries(root_.get(), pids,
                                   is_procfs_ ? ListEnd::RoomLeft : ListEnd::ZeroRead)) {
    throw FatalScanError(std::string("cannot list the proc root: ") + std::strerror(errno));
  }

  Plan plan;
  plan.wanted = out.layout().fields();
  plan.groups = plan.wanted.groups();
  if (is_procfs_ && (plan.groups & bit(Group::Status))) {
    FieldSet from_status;
    plan.wanted.for_each([&](Field f) {
      if (group_of(f) == Group::Status) from_status.add(f);
    });
    if (from_status.minus(kOwnerFields).empty()) {
      plan.groups &= ~bit(Group::Status);
      plan.owner = true;
    }
  }
  if (batch_opens_) {
    // Every file the plan reads by path (not the links, not sd-login).
    auto batch_files_of = [&](const auto& files) {
      for (const auto& file : files)
        if (plan.groups & bit(file.group)) plan.batch(file.group, file.path);
    };
    batch_files_of(kParsedFiles);
    batch_files_of(kNumberFiles);
    batch_files_of(kTextFiles);
  }
  if (query.kept_files && is_procfs_) {
    // Kept files stay in this thread's descriptor table (the helpers unshare theirs).
    KeptFiles::Table& kept = query.kept_files->table();
    struct Keeping {
      Worker& worker;
      ~Keeping() { worker.kept = nullptr; }  // the table is the caller's, and may go
    } keeping{main_};
    kept.begin_scan();
    main_.kept = &kept;
    const ScanStats stats = scan_pids(main_, pids, query, plan, out, observer);
    kept.end_scan();
    return stats;
  }
  if (worth_two_threads(pids.size())) return scan_on_two_threads(pids, query, plan, out, observer);
  return scan_pids(main_, pids, query, plan, out, observer);
}

std::optional<std::vector<pid_t>> ProcfsBackend::list_root_while(
    const std::function<void()>& work) {
  const std::size_t threads_before = is_procfs_ ? own_thread_count() : 0;
  // Listing costs a dentry per process. The helper lists the pids below half of ours (we
  // are about the newest process), this thread the rest once `work` is done, from a seek
  // to the middle that the helper's listing vouches for; a plain tree is listed whole.
  const pid_t middle = is_procfs_ ? own_pid() / 2 : 0;
  auto open_root = [&] {
    return UniqueFd(::openat(root_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  };
  std::vector<pid_t> listed, upper;
  bool listed_ok = false;
  PidRange lower_range, upper_range;
  std::thread lister;
  try {
    lister = std::thread([&] {
      if (middle < 2) {
        listed_ok = list_ids("", listed);
      } else if (const UniqueFd fd = open_root()) {
        lower_range = list_proc_pids(fd.get(), 0, middle, listed);
      }
    });
  } catch (const std::system_error&) {
    work();
    return std::nullopt;
  }
  try {
    work();
    if (middle >= 2)
      if (const UniqueFd fd = open_root())
        upper_range = list_proc_pids(fd.get(), middle, std::numeric_limits<pid_t>::max(), upper);
  } catch (...) {
    lister.join();
    throw;
  }
  lister.join();
  if (middle >= 2) {
    listed_ok = lower_range.read && upper_range.read && lower_range.positions_seen &&
                !lower_range.positions_wrong && !upper_range.positions_wrong;
    if (listed_ok) {
      listed.insert(listed.end(), upper.begin(), upper.end());
    } else {
      listed.clear();
      listed_ok = list_ids("", listed);
    }
  }
  if (is_procfs_) wait_for_own_threads(threads_before);
  if (!listed_ok) return std::nullopt;
  return listed;
}

bool ProcfsBackend::list_ids(const char* dir, std::vector<pid_t>& out) {
  if (*dir == '\0') return list_numeric_entries(root_.get(), out);
  UniqueFd fd(::openat(root_.get(), dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd && list_numeric_entries(fd.get(), out);
}

}  // namespace procscan::procfs

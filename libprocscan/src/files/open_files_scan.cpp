// The open-files query on procfs: which tasks, in which order, and which of their sections
// are read or taken from the leader.
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <string>
#include <utility>

#include "files/result_builder.h"
#include "files/source_choice.h"
#include "files/table_identity.h"
#include "files/task_reader.h"
#include "procfs/directory_reader.h"
#include "procscan/open_files.h"
#include "procscan/scan_error.h"
#include "util/unique_fd.h"

namespace procscan {

std::span<const OpenFile> OpenFilesResult::rows(const TaskFiles& task, FileSection section) const {
  const auto index = static_cast<std::size_t>(section);
  const SectionRows& own = task.sections[index];
  const SectionRows& rows =
      own.sharing == Sharing::SharesLeader ? tasks_[task.leader].sections[index] : own;
  return std::span<const OpenFile>(files_).subspan(rows.first, rows.count);
}

namespace {

using files::TaskReader;

constexpr FileSection kSections[] = {FileSection::Fs, FileSection::Vm, FileSection::Fds};

struct Name {
  char text[16];
  explicit Name(pid_t id) { *std::to_chars(text, text + sizeof text - 1, id).ptr = '\0'; }
};

UniqueFd open_dir(int dirfd, const char* name) {
  return UniqueFd(::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

// After a read failed with ENOENT or ESRCH: is the task's directory still there? (A closed
// descriptor or a kernel thread's missing exe fail so too, with the task alive.)
bool task_gone(int task_dirfd) {
  return ::faccessat(task_dirfd, "stat", F_OK, 0) != 0 && (errno == ENOENT || errno == ESRCH);
}

// A task's directory, opened at its first read: a thread whose sections all share its
// leader's (kcmp) is never opened, which saves an open and a close per such thread.
class TaskDir {
 public:
  TaskDir(int parent_fd, pid_t tid, OpenFilesStats& stats)
      : parent_fd_(parent_fd), name_(tid), stats_(stats) {}
  explicit TaskDir(UniqueFd open, OpenFilesStats& stats)
      : parent_fd_(-1), name_(0), fd_(std::move(open)), tried_(true), stats_(stats) {}
  // -1 when the directory cannot be opened: the task is gone.
  int fd() {
    if (!tried_) {
      tried_ = true;
      fd_ = open_dir(parent_fd_, name_.text);
      if (fd_) ++stats_.task_dirs_opened;
    }
    return fd_.get();
  }

 private:
  int parent_fd_;
  Name name_;
  UniqueFd fd_;
  bool tried_ = false;
  OpenFilesStats& stats_;
};

class Scan {
 public:
  Scan(const OpenFilesQuery& query, OpenFilesResult& result)
      : query_(query),
        out_(result),
        reader_(query, out_),
        identity_(query.use_kcmp && is_procfs()) {}

  void run() {
    // Before the listing: a process born after the dump is read from procfs like any task
    // the dump does not show.
    fd_source_ = files::choose_fd_source(query_, root_.get(), is_procfs(), out_.stats());
    out_.set_source(fd_source_->bpf ? "bpf" : "procfs", fd_source_->reason);
    std::vector<pid_t> pids = query_.pids;
    if (pids.empty() && !procfs::list_numeric_entries(root_.get(), pids))
      throw FatalScanError("cannot list " + query_.proc_root);
    // procfs lists in pid order; a captured tree lists in its file system's order.
    if (query_.pids.empty() && !std::is_sorted(pids.begin(), pids.end()))
      std::sort(pids.begin(), pids.end());
    for (pid_t pid : pids)
      scan_process(pid);
    out_.stats().kcmp_calls = identity_.calls();
  }

 private:
  UniqueFd open_root() const {
    UniqueFd root = open_dir(AT_FDCWD, query_.proc_root.c_str());
    if (!root) throw FatalScanError("cannot open " + query_.proc_root);
    return root;
  }
  bool is_procfs() const {
    struct statfs fs;
    return ::fstatfs(root_.get(), &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
  }

  void scan_process(pid_t pid) {
    UniqueFd dir = open_dir(root_.get(), Name(pid).text);
    if (!dir) {
      ++out_.stats().vanished;
      return;
    }
    ++out_.stats().task_dirs_opened;
    const std::size_t leader = out_.tasks().size();
    const int dirfd = dir.get();
    TaskDir task_dir(std::move(dir), out_.stats());
    if (!scan_task(pid, pid, task_dir, leader)) return;
    if (query_.threads) scan_threads(pid, dirfd, leader);
  }

  void scan_threads(pid_t pid, int pid_dirfd, std::size_t leader) {
    UniqueFd task_dir = open_dir(pid_dirfd, "task");
    if (!task_dir) return;
    ++out_.stats().thread_listings;
    tids_.clear();
    if (!procfs::list_numeric_entries(task_dir.get(), tids_, procfs::ListEnd::RoomLeft)) return;
    const std::vector<pid_t> tids = tids_;
    for (pid_t tid : tids) {
      if (tid == pid) continue;
      TaskDir dir(task_dir.get(), tid, out_.stats());
      scan_task(pid, tid, dir, leader);
    }
  }

  // Reads one task's wanted sections (or takes its leader's); false when it vanished, its
  // entry and rows then taken back.
  bool scan_task(pid_t tgid, pid_t tid, TaskDir& dir, std::size_t leader) {
    const std::size_t task_index = out_.tasks().size();
    const std::size_t first_file = out_.files().size();
    TaskFiles task;
    task.tgid = tgid;
    task.tid = tid;
    task.leader = static_cast<std::uint32_t>(tid == tgid ? task_index : leader);
    bool alive = true;
    for (FileSection section : kSections) {
      if (!reader_.wants(section)) continue;
      SectionRows& rows = task.sections[static_cast<std::size_t>(section)];
      rows.first = static_cast<std::uint32_t>(out_.files().size());
      // The dump lists a leader's table, and a thread's when it is not its leader's.
      if (section == FileSection::Fds && fd_source_->bpf &&
          fd_source_->table.files_of(tid, records_)) {
        if (dir.fd() < 0) {
          alive = false;
          break;
        }
        reader_.read_fds_bpf(dir.fd(), records_, rows);
        continue;
      }
      if (tid != tgid) {
        bool vanished = false;
        rows.sharing = identity_.compare(tgid, tid, section, vanished);
        if (vanished) {
          alive = false;
          break;
        }
        if (rows.sharing == Sharing::SharesLeader) {
          ++out_.stats().sections_shared;
          // The leader's failure to read the shared table is the thread's too.
          const TaskFiles& lead = out_.tasks()[leader];
          if (section == FileSection::Fds) task.fd_dir_errno = lead.fd_dir_errno;
          if (section == FileSection::Vm) task.maps_errno = lead.maps_errno;
          continue;
        }
      }
      const int dirfd = dir.fd();
      if (dirfd < 0) {
        alive = false;
        break;
      }
      bool ok = true;
      switch (section) {
        case FileSection::Fs:
          ok = reader_.read_fs(dirfd, rows);
          break;
        case FileSection::Vm:
          ok = reader_.read_vm(dirfd, rows, task.maps_errno, mappings_of(tid, tgid));
          break;
        case FileSection::Fds:
          ok = reader_.read_fds(dirfd, rows, task.fd_dir_errno);
          break;
        case FileSection::Count:
          break;
      }
      if (!ok && task_gone(dirfd)) {
        alive = false;
        break;
      }
    }
    if (!alive) {
      out_.files().resize(first_file);
      ++out_.stats().vanished;
      return false;
    }
    out_.tasks().push_back(task);
    return true;
  }

  // A leader's records of the task_vma dump, or null (read maps). A thread that does not
  // share its leader's mm (kcmp) reads maps.
  const std::vector<taskdiag::VmaRecord>* mappings_of(pid_t tid, pid_t tgid) {
    if (tid != tgid || !fd_source_->maps || !fd_source_->vmas.mappings_of(tid, vmas_))
      return nullptr;
    return &vmas_;
  }

  const OpenFilesQuery& query_;
  UniqueFd root_ = open_root();
  OpenFilesBuilder out_;
  TaskReader reader_;
  files::TableIdentity identity_;
  std::vector<pid_t> tids_;
  std::unique_ptr<files::FdSource> fd_source_;
  std::vector<taskdiag::FileRecord> records_;
  std::vector<taskdiag::VmaRecord> vmas_;
};

}  // namespace

OpenFilesResult scan_open_files(const OpenFilesQuery& query) {
  OpenFilesResult result;
  Scan(query, result).run();
  return result;
}

}  // namespace procscan

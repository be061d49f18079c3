#include "files/task_reader.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>

#include <cerrno>
#include <charconv>

#include "files/parsers.h"
#include "util/unique_fd.h"

namespace procscan::files {

namespace {

// ENOENT and ESRCH from a per-task read may mean the task went away; the caller decides.
bool may_be_gone(int err) {
  return err == ENOENT || err == ESRCH;
}

FileStat to_file_stat(const struct stat& st) {
  FileStat s;
  s.dev = st.st_dev;
  s.ino = st.st_ino;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.rdev = st.st_rdev;
  s.mode = st.st_mode;
  s.nlink = static_cast<std::uint32_t>(st.st_nlink);
  return s;
}

struct FdName {
  char text[16];
  explicit FdName(int fd) { *std::to_chars(text, text + sizeof text - 1, fd).ptr = '\0'; }
};

std::uint32_t size32(std::size_t n) {
  return static_cast<std::uint32_t>(n);
}

}  // namespace

namespace {

// What lstat of /proc/PID/fd/N shows (tid_fd_update_inode() in fs/proc/fd.c): a symlink
// whose owner bits mirror FMODE_READ and FMODE_WRITE, and whose size proc_fd_instantiate()
// sets to 64 for every descriptor.
constexpr std::uint64_t kFdLinkSize = 64;
std::uint32_t link_mode_of(std::uint32_t f_mode) {
  constexpr std::uint32_t kFmodeRead = 0x1, kFmodeWrite = 0x2;
  std::uint32_t mode = S_IFLNK;
  if (f_mode & kFmodeRead) mode |= S_IRUSR | S_IXUSR;
  if (f_mode & kFmodeWrite) mode |= S_IWUSR | S_IXUSR;
  return mode;
}

// The same from fdinfo's flags: the kernel's OPEN_FMODE(), (flags + 1) & O_ACCMODE, gives
// FMODE_READ and FMODE_WRITE; an O_PATH file has neither.
std::uint32_t link_mode_of_flags(std::uint32_t flags) {
  if (flags & O_PATH) return link_mode_of(0);
  return link_mode_of((flags + 1) & O_ACCMODE);
}

}  // namespace

TaskReader::TaskReader(const OpenFilesQuery& query, OpenFilesBuilder& out)
    : groups_(query.groups),
      stat_exempt_prefixes_(query.stat_exempt_prefixes),
      fdinfo_of_regular_files_(query.fdinfo_of_regular_files),
      fdinfo_of_pipes_and_sockets_(query.fdinfo_of_pipes_and_sockets),
      sockets_only_(query.sockets_only),
      out_(out) {}

bool TaskReader::stat_exempt(const OpenFile& file) const {
  if (stat_exempt_prefixes_.empty() || (!file.has_link() && file.slot != FileSlot::Mem))
    return false;
  const std::string_view name = out_.name(file);
  for (const std::string& prefix : stat_exempt_prefixes_)
    if (name.starts_with(prefix)) return true;
  return false;
}

bool TaskReader::wants(FileSection section) const {
  switch (section) {
    case FileSection::Fs:
      return groups_.has(FileGroup::CwdRootExe);
    case FileSection::Vm:
      return groups_.has(FileGroup::CwdRootExe) || groups_.has(FileGroup::Maps);
    case FileSection::Fds:
      return groups_.has(FileGroup::Fds);
    case FileSection::Count:
      break;
  }
  return false;
}

void TaskReader::fill_target(OpenFile& file, int dirfd, const char* path, int flags) {
  if (stat_exempt(file)) return;
  // A link that could not be read names nothing to stat: lsof does not try either, and
  // the stat would fail for the same reason (another container's task: EACCES).
  if (file.link_errno > 0) {
    file.target_errno = file.link_errno;
    return;
  }
  out_.count(FileGroup::Target);
  struct stat st;
  if (::fstatat(dirfd, path, &st, flags) == 0) {
    file.target = to_file_stat(st);
    file.target_errno = 0;
  } else {
    file.target_errno = errno;
  }
}

bool TaskReader::read_special(int task_dirfd, const char* link, FileSlot slot) {
  OpenFile file;
  file.slot = slot;
  bool gone = false;
  if (groups_.has(FileGroup::Link)) {
    out_.count(FileGroup::Link);
    std::string_view text;
    if (reader_.read_link(task_dirfd, link, text) == procfs::ReadStatus::Ok) {
      file.link_errno = 0;
      out_.set_name(file, text);
    } else {
      file.link_errno = errno;
      // A kernel thread has no exe (ENOENT) while it lives; cwd and root always resolve.
      if (slot != FileSlot::Exe && may_be_gone(errno)) gone = true;
    }
  }
  if (groups_.has(FileGroup::Target)) fill_target(file, task_dirfd, link, 0);
  out_.files().push_back(file);
  return !gone;
}

bool TaskReader::read_fs(int task_dirfd, SectionRows& rows) {
  rows.first = size32(out_.files().size());
  bool alive = true;
  if (groups_.has(FileGroup::CwdRootExe)) {
    alive &= read_special(task_dirfd, "cwd", FileSlot::Cwd);
    alive &= read_special(task_dirfd, "root", FileSlot::Root);
  }
  rows.count = size32(out_.files().size()) - rows.first;
  return alive;
}

namespace {

// Writes what /proc/PID/maps would say of the records' mapped files, one line each (the
// fields MapsCursor reads: device, inode, name; address, mode and offset are not kept), so
// that the one parser decides which lines make rows. False when a file's name is missing
// (the program's known gaps): then maps itself must be read.
bool maps_text_of(const std::vector<taskdiag::VmaRecord>& records, std::string& text) {
  text.clear();
  char number[32];
  for (const taskdiag::VmaRecord& record : records) {
    const task_diag_vma& h = record.header;
    if (record.name.empty()) {
      if (h.major || h.minor || h.inode) return false;
      continue;  // anonymous memory: maps prints no name
    }
    text += "0-0 ---p 0 ";
    auto put = [&](std::uint64_t value, int base, char after) {
      char* end = std::to_chars(number, number + sizeof number - 1, value, base).ptr;
      *end++ = after;
      text.append(number, end);
    };
    put(h.major, 16, ':');
    put(h.minor, 16, ' ');
    put(h.inode, 10, ' ');
    // seq_file_path() escapes a newline in a path as \012; the bracketed names are not paths.
    const bool path = !(h.vm_flags & TASK_DIAG_VMA_F_PSEUDO_NAME);
    for (char c : record.name) {
      if (c == '\n' && path)
        text += "\\012";
      else
        text += c;
    }
    text += '\n';
  }
  return true;
}

}  // namespace

bool TaskReader::read_vm(int task_dirfd, SectionRows& rows, int& maps_errno,
                         const std::vector<taskdiag::VmaRecord>* mappings) {
  rows.first = size32(out_.files().size());
  bool gone = false;
  if (groups_.has(FileGroup::CwdRootExe)) read_special(task_dirfd, "exe", FileSlot::Exe);
  if (groups_.has(FileGroup::Maps)) {
    if (mappings && maps_text_of(*mappings, maps_text_)) {
      ++out_.stats().bpf_maps;
      add_maps_rows(maps_text_);
    } else {
      read_maps(task_dirfd, maps_errno, gone);
    }
  }
  rows.count = size32(out_.files().size()) - rows.first;
  return !gone;
}

void TaskReader::read_maps(int task_dirfd, int& maps_errno, bool& gone) {
  out_.count(FileGroup::Maps);
  std::string_view text;
  if (reader_.read(task_dirfd, "maps", text) != procfs::ReadStatus::Ok) {
    maps_errno = errno;
    gone = may_be_gone(errno);
    return;
  }
  add_maps_rows(text);
}

void TaskReader::add_maps_rows(std::string_view text) {
  // lsof lists each mapped file once, where it is first mapped.
  seen_maps_.clear();
  MapsCursor cursor(text);
  MapsEntry entry;
  // The paths are kept before the stats: the reader's buffer holds the maps text.
  const std::size_t first = out_.files().size();
  while (cursor.next(entry)) {
    if (!seen_maps_.insert({entry.dev, entry.ino}).second) continue;
    OpenFile file;
    file.slot = FileSlot::Mem;
    file.deleted = entry.deleted;
    file.map_dev = entry.dev;
    file.map_ino = entry.ino;
    out_.set_name(file, entry.path);
    out_.files().push_back(file);
  }
  if (!groups_.has(FileGroup::Target)) return;
  // lsof stats the path as maps names it, from its own root (a file of another mount
  // namespace may be another file, or none: the caller compares dev and inode).
  // The answer depends on the path alone, so each path is stat'ed once per scan: every
  // process maps the same libraries.
  std::string path;
  for (std::size_t i = first; i < out_.files().size(); ++i) {
    OpenFile& file = out_.files()[i];
    // A copy for the terminating NUL stat needs.
    path.assign(out_.name(file));
    if (stat_exempt(file)) continue;
    const auto known = mapped_stats_.find(path);
    if (known != mapped_stats_.end()) {
      file.target = known->second.target;
      file.target_errno = known->second.target_errno;
      continue;
    }
    fill_target(file, AT_FDCWD, path.c_str(), 0);
    mapped_stats_.emplace(path, MappedStat{file.target, file.target_errno});
  }
}

bool TaskReader::read_fds(int task_dirfd, SectionRows& rows, int& fd_dir_errno) {
  rows.first = size32(out_.files().size());
  rows.count = 0;
  if (!groups_.has(FileGroup::Fds)) return true;
  UniqueFd fd_dir(::openat(task_dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd_dir) {
    fd_dir_errno = errno;
    return !may_be_gone(errno);
  }
  const int calls = lister_.list(fd_dir.get(), fds_);
  out_.count(FileGroup::Fds, calls < 0 ? 1 : static_cast<std::uint64_t>(calls));
  if (calls < 0) {
    fd_dir_errno = errno;
    return !may_be_gone(errno);
  }
  UniqueFd fdinfo_dir;
  int fdinfo_dir_errno = 0;
  if (groups_.has(FileGroup::FdInfo)) {
    fdinfo_dir.reset(::openat(task_dirfd, "fdinfo", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fdinfo_dir) fdinfo_dir_errno = errno;
  }
  for (int fd : fds_)
    read_fd(fd_dir.get(), fdinfo_dir.get(), fdinfo_dir_errno, fd);
  rows.count = size32(out_.files().size()) - rows.first;
  // A descriptor closed since the listing fails alone; the task is checked only when the
  // fdinfo directory itself was missing.
  return !may_be_gone(fdinfo_dir_errno);
}

void TaskReader::read_link(OpenFile& file, int fd_dirfd, const char* name) {
  out_.count(FileGroup::Link);
  std::string_view text;
  if (reader_.read_link(fd_dirfd, name, text) == procfs::ReadStatus::Ok) {
    file.link_errno = 0;
    out_.set_name(file, text);
  } else {
    file.link_errno = errno;
  }
}

void TaskReader::read_link_mode(OpenFile& file, int fd_dirfd, const char* name) {
  if (stat_exempt(file)) return;
  if (file.link_errno > 0) {
    file.link_mode_errno = file.link_errno;
    return;
  }
  out_.count(FileGroup::LinkMode);
  struct stat st;
  if (::fstatat(fd_dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    file.link_mode = st.st_mode;
    file.link_size = static_cast<std::uint64_t>(st.st_size);
    file.link_mode_errno = 0;
  } else {
    file.link_mode_errno = errno;
  }
}

void TaskReader::read_fdinfo(OpenFile& file, int fdinfo_dirfd, int fdinfo_dir_errno,
                             const char* name) {
  if (fdinfo_dirfd < 0) {
    file.fdinfo_errno = fdinfo_dir_errno;
    return;
  }
  out_.count(FileGroup::FdInfo);
  std::string_view text;
  if (reader_.read(fdinfo_dirfd, name, text, procfs::FileEnd::ShortRead) ==
      procfs::ReadStatus::Ok) {
    file.fdinfo_errno = 0;
    parse_fdinfo(text, file.fdinfo, out_.epoll_tfds());
  } else {
    file.fdinfo_errno = errno;
  }
}

void TaskReader::read_fd(int fd_dirfd, int fdinfo_dirfd, int fdinfo_dir_errno, int fd) {
  const FdName name(fd);
  OpenFile file;
  file.slot = FileSlot::Fd;
  file.fd = fd;
  if (groups_.has(FileGroup::Link)) read_link(file, fd_dirfd, name.text);
  if (sockets_only_ && file.has_link() && !out_.name(file).starts_with("socket:[")) {
    out_.files().push_back(file);
    return;
  }
  if (groups_.has(FileGroup::Target)) fill_target(file, fd_dirfd, name.text, 0);
  // A regular file or directory on a path, a pipe, a socket: fdinfo only when the caller
  // wants it there.
  const std::string_view link = file.has_link() ? out_.name(file) : std::string_view();
  const bool path_file = link.starts_with('/') && file.has_target() &&
                         (S_ISREG(file.target.mode) || S_ISDIR(file.target.mode));
  const bool pipe_or_socket = link.starts_with("pipe:[") || link.starts_with("socket:[");
  if (groups_.has(FileGroup::FdInfo) && (fdinfo_of_regular_files_ || !path_file) &&
      (fdinfo_of_pipes_and_sockets_ || !pipe_or_socket))
    read_fdinfo(file, fdinfo_dirfd, fdinfo_dir_errno, name.text);
  if (groups_.has(FileGroup::LinkMode)) {
    if (file.has_fdinfo() && file.fdinfo.has_flags && !stat_exempt(file)) {
      file.link_mode = link_mode_of_flags(file.fdinfo.flags);
      file.link_size = kFdLinkSize;
      file.link_mode_errno = 0;
    } else {
      read_link_mode(file, fd_dirfd, name.text);
    }
  }
  out_.files().push_back(file);
}

namespace {

// File systems whose stat(2) is generic_fillattr() for the fields OpenFile keeps (dev, ino,
// mode, size, nlink, rdev): the inode's own values, which the BPF record carries. Others
// (btrfs reports a subvolume's device, overlayfs the real file's, procfs, kernfs, NFS and
// FUSE values of their own, pidfs...) are stat'ed through procfs.
constexpr std::uint32_t kInodeIsStat[] = {
    EXT4_SUPER_MAGIC, TMPFS_MAGIC,        RAMFS_MAGIC,         PIPEFS_MAGIC,
    SOCKFS_MAGIC,     DEVPTS_SUPER_MAGIC, ANON_INODE_FS_MAGIC,
};

// Link names of files whose fdinfo has lines beyond pos, flags, mnt_id and ino that the
// parser keeps (eventfd-id, Pid, tfd): read from procfs.
constexpr std::string_view kFdInfoWithKindLines[] = {
    "anon_inode:[eventfd]",
    "anon_inode:[pidfd]",
    "anon_inode:[eventpoll]",
};
// /dev/ptmx (5:2), whose fdinfo has tty-index.
constexpr std::uint32_t kPtmxDev = (5u << 8) | 2u;

bool stat_from_inode(std::uint32_t magic) {
  for (std::uint32_t m : kInodeIsStat)
    if (m == magic) return true;
  return false;
}

bool fdinfo_has_kind_lines(const taskdiag::FileRecord& record) {
  if (S_ISCHR(record.header.mode) && record.header.rdev == kPtmxDev) return true;
  for (std::string_view name : kFdInfoWithKindLines)
    if (record.name == name) return true;
  return false;
}

}  // namespace

int TaskReader::lazy_dir(LazyDir& dir, int task_dirfd, const char* name) {
  if (dir.error < 0) {
    dir.fd.reset(::openat(task_dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    dir.error = dir.fd ? 0 : errno;
  }
  return dir.fd ? dir.fd.get() : -1;
}

void TaskReader::fill_from_record(OpenFile& file, const taskdiag::FileRecord& record,
                                  int task_dirfd) {
  const task_diag_ext_file& h = record.header;
  const FdName name(file.fd);
  // A procfs read for this file alone: fd/ opened at the first one, its errno if it failed.
  auto fd_dir = [&](int& error) {
    ++out_.stats().bpf_completions;
    const int dirfd = lazy_dir(bpf_fd_dir_, task_dirfd, "fd");
    error = bpf_fd_dir_.error;
    return dirfd;
  };
  int error = 0;
  if (groups_.has(FileGroup::Link)) {
    if (!record.name.empty()) {
      file.link_errno = 0;
      out_.set_name(file, record.name);
    } else if (const int dirfd = fd_dir(error); dirfd >= 0) {
      read_link(file, dirfd, name.text);
    } else {
      file.link_errno = error;
    }
  }
  const bool exempt = stat_exempt(file);
  if (groups_.has(FileGroup::LinkMode) && !exempt) {
    if (record.stat) {
      file.link_mode = link_mode_of(h.f_mode);
      file.link_size = kFdLinkSize;
      file.link_mode_errno = 0;
    } else if (const int dirfd = fd_dir(error); dirfd >= 0) {
      read_link_mode(file, dirfd, name.text);
    } else {
      file.link_mode_errno = error;
    }
  }
  if (groups_.has(FileGroup::Target) && !exempt) {
    if (record.stat && stat_from_inode(record.stat->s_magic)) {
      file.target.dev = h.dev;  // new_encode_dev() is glibc's makedev() for 12-bit majors
      file.target.ino = h.inode;
      file.target.size = record.stat->size;
      file.target.rdev = h.rdev;
      file.target.mode = h.mode;
      file.target.nlink = record.stat->nlink;
      file.target_errno = 0;
    } else if (const int dirfd = fd_dir(error); dirfd >= 0) {
      fill_target(file, dirfd, name.text, 0);
    } else {
      file.target_errno = error;
    }
  }
  if (groups_.has(FileGroup::FdInfo)) {
    if (!fdinfo_has_kind_lines(record)) {
      file.fdinfo.pos = h.pos;
      file.fdinfo.flags = h.flags;
      file.fdinfo.mnt_id = static_cast<int>(h.mnt_id);
      file.fdinfo.ino = h.inode;
      file.fdinfo.has_pos = file.fdinfo.has_flags = true;
      file.fdinfo_errno = 0;
    } else {
      ++out_.stats().bpf_completions;
      const int dirfd = lazy_dir(bpf_fdinfo_dir_, task_dirfd, "fdinfo");
      read_fdinfo(file, dirfd, bpf_fdinfo_dir_.error, name.text);
    }
  }
}

void TaskReader::read_fds_bpf(int task_dirfd, std::span<const taskdiag::FileRecord> records,
                              SectionRows& rows) {
  rows.first = size32(out_.files().size());
  bpf_fd_dir_ = LazyDir();
  bpf_fdinfo_dir_ = LazyDir();
  for (const taskdiag::FileRecord& record : records) {
    OpenFile file;
    file.slot = FileSlot::Fd;
    file.fd = static_cast<int>(record.header.fd);
    fill_from_record(file, record, task_dirfd);
    out_.files().push_back(file);
  }
  out_.stats().bpf_rows += records.size();
  rows.count = size32(out_.files().size()) - rows.first;
  bpf_fd_dir_ = LazyDir();
  bpf_fdinfo_dir_ = LazyDir();
}

}  // namespace procscan::files

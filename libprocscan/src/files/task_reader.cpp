#include "files/task_reader.h"

#include <fcntl.h>
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

TaskReader::TaskReader(FileGroups groups, OpenFilesBuilder& out) : groups_(groups), out_(out) {}

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

bool TaskReader::read_vm(int task_dirfd, SectionRows& rows, int& maps_errno) {
  rows.first = size32(out_.files().size());
  bool gone = false;
  if (groups_.has(FileGroup::CwdRootExe)) read_special(task_dirfd, "exe", FileSlot::Exe);
  if (groups_.has(FileGroup::Maps)) read_maps(task_dirfd, maps_errno, gone);
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
  std::string path;
  for (std::size_t i = first; i < out_.files().size(); ++i) {
    OpenFile& file = out_.files()[i];
    // A copy for the terminating NUL stat needs.
    path.assign(out_.name(file));
    fill_target(file, AT_FDCWD, path.c_str(), 0);
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

void TaskReader::read_fd(int fd_dirfd, int fdinfo_dirfd, int fdinfo_dir_errno, int fd) {
  const FdName name(fd);
  OpenFile file;
  file.slot = FileSlot::Fd;
  file.fd = fd;
  if (groups_.has(FileGroup::Link)) {
    out_.count(FileGroup::Link);
    std::string_view text;
    if (reader_.read_link(fd_dirfd, name.text, text) == procfs::ReadStatus::Ok) {
      file.link_errno = 0;
      out_.set_name(file, text);
    } else {
      file.link_errno = errno;
    }
  }
  if (groups_.has(FileGroup::LinkMode)) {
    out_.count(FileGroup::LinkMode);
    struct stat st;
    if (::fstatat(fd_dirfd, name.text, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      file.link_mode = st.st_mode;
      file.link_mode_errno = 0;
    } else {
      file.link_mode_errno = errno;
    }
  }
  if (groups_.has(FileGroup::Target)) fill_target(file, fd_dirfd, name.text, 0);
  if (groups_.has(FileGroup::FdInfo)) {
    if (fdinfo_dirfd < 0) {
      file.fdinfo_errno = fdinfo_dir_errno;
    } else {
      out_.count(FileGroup::FdInfo);
      std::string_view text;
      if (reader_.read(fdinfo_dirfd, name.text, text, procfs::FileEnd::ShortRead) ==
          procfs::ReadStatus::Ok) {
        file.fdinfo_errno = 0;
        parse_fdinfo(text, file.fdinfo, out_.epoll_tfds());
      } else {
        file.fdinfo_errno = errno;
      }
    }
  }
  out_.files().push_back(file);
}

}  // namespace procscan::files

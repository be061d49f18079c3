// Reads whole /proc files relative to a directory fd into one buffer reused for every file.
#pragma once

#include <string_view>
#include <vector>

namespace procscan::procfs {

enum class ReadStatus {
  Ok,
  Vanished,  // ENOENT or ESRCH: the task is gone (or, for a tid, never was)
  Denied,    // EACCES or EPERM: the caller may not read this file; the task is still there
  Failed,    // anything else (EIO, ...): treat the field as unavailable
};

// How a reader knows it has the whole file.
enum class FileEnd {
  // Only a read of 0 bytes ends it: files of many seq_file records (maps, mountinfo) hand
  // out one buffer of records per read.
  ZeroRead,
  // A read shorter than asked ends it, which saves the read that would return 0: seq_files
  // of one record (stat, status, statm, io, wchan, cgroup) hand out all of it at once, and
  // cmdline and environ copy from the task's memory until the request or the text ends (or
  // a page cannot be read, which a second read would meet again).
  ShortRead,
};

class FileReader {
 public:
  FileReader();

  // Reads all of dirfd/path, however long. The returned view is valid until the next call.
  ReadStatus read(int dirfd, const char* path, std::string_view& text,
                  FileEnd end = FileEnd::ZeroRead);
  // The same from a descriptor already open at offset 0, which stays open.
  ReadStatus read_open(int fd, std::string_view& text, FileEnd end = FileEnd::ZeroRead);
  // All of a kept descriptor again, with pread from offset 0 on: a proc file's text is made
  // afresh by a read at offset 0 (seq_file starts over there), and the descriptor's own
  // offset is left alone. A kept descriptor of a task that is gone fails with ESRCH
  // (Vanished), even when its pid was given to another task since.
  ReadStatus reread(int fd, std::string_view& text, FileEnd end = FileEnd::ZeroRead);
  // readlinkat into the same buffer.
  ReadStatus read_link(int dirfd, const char* path, std::string_view& target);

 private:
  ReadStatus read_from(int fd, std::string_view& text, FileEnd end, bool at_offset);
  std::vector<char> buffer_;
};

ReadStatus classify_errno(int err);

}  // namespace procscan::procfs

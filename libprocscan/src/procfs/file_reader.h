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

class FileReader {
 public:
  FileReader();

  // Reads all of dirfd/path, however long. The returned view is valid until the next call.
  ReadStatus read(int dirfd, const char* path, std::string_view& text);
  // readlinkat into the same buffer.
  ReadStatus read_link(int dirfd, const char* path, std::string_view& target);

 private:
  std::vector<char> buffer_;
};

ReadStatus classify_errno(int err);

}  // namespace procscan::procfs

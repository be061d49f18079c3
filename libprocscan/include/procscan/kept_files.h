// Task files kept open between scans, for a caller that scans again and again (the refresh
// engine): the procfs backend then reads each task's stat, statm and status with one pread
// at offset 0, which makes the kernel write them afresh, instead of an open, a read and a
// close. That saves the open and close (about 3 us a file here): half of statm's cost, a
// tenth to a quarter of stat's and status', whose text generation dominates.
//
// A kept file costs a descriptor and kernel memory: once read, about 4.5 KiB that cannot be
// reclaimed (its seq_file buffer, a page, and the struct file), so 20,000 kept files hold
// about 90 MB. Both are budgeted: at most `kernel_memory` bytes, and no more descriptors than
// RLIMIT_NOFILE leaves (the soft limit is raised to the hard one when the files wanted do not
// fit under it; the caller then may hold descriptors past FD_SETSIZE, so it must not use
// select()). Files past the budget are read by open, read and close. When the budget is
// short, it goes where a kept file saves most (status, then statm, then stat), and within a
// group to the tasks that already hold files, while they live.
//
// A kept file never reads another task: once its task is reaped, pread fails with ESRCH even
// when the pid names another task since, and the backend opens the new task's file. Only a
// mounted procfs keeps files (a captured tree of plain files would read a removed task's
// file on). One scanning thread reads kept files: a scan with them does not split its
// listing between two threads.
#pragma once

#include <cstddef>
#include <memory>

namespace procscan {

// Kernel memory one kept proc file holds once read (measured, reference/fast_interfaces.md).
inline constexpr std::size_t kKeptFileKernelBytes = 4608;

struct KeptFileStats {
  std::size_t kept = 0;          // files open between scans now
  std::size_t kernel_bytes = 0;  // their estimated kernel memory: kept * kKeptFileKernelBytes
  // How many may be kept: the smaller of the memory budget and the descriptor budget (the
  // soft RLIMIT_NOFILE, less a reserve for the caller).
  std::size_t limit = 0;
  bool raised_descriptor_limit = false;  // the soft RLIMIT_NOFILE was raised to the hard one

  // The last scan.
  std::size_t rereads = 0;  // kept files read again with pread at offset 0
  std::size_t opened = 0;   // files opened and kept
  // Kept files closed: their task ended or its pid went to another task (ESRCH), or the
  // budget went to files that save more.
  std::size_t closed = 0;
  std::size_t unkept = 0;  // files read by open, read and close for want of budget
};

class KeptFiles {
 public:
  // `kernel_memory`: the kernel memory the kept files may hold, in bytes.
  explicit KeptFiles(std::size_t kernel_memory);
  ~KeptFiles();
  KeptFiles(const KeptFiles&) = delete;
  KeptFiles& operator=(const KeptFiles&) = delete;

  const KeptFileStats& stats() const;

  // The descriptors themselves, which the procfs backend manages (src/procfs/kept_files.h).
  struct Table;
  Table& table() { return *table_; }

 private:
  std::unique_ptr<Table> table_;
};

}  // namespace procscan

// The descriptors behind procscan::KeptFiles (include/procscan/kept_files.h): per task (tid
// and kind of row) its kept stat, statm and status, found through an open-addressing table
// that keeps its memory between scans, and the budgets that decide which files are kept.
// One scanning thread uses it at a time.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "procfs/file_reader.h"
#include "procscan/field.h"
#include "procscan/kept_files.h"
#include "procscan/task_table.h"

namespace procscan {

struct KeptFiles::Table {
 public:
  explicit Table(std::size_t kernel_memory);
  ~Table();  // closes every kept file
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // Whether files of `group` are kept (stat, statm, status: seq_files of one record).
  static bool keeps(Group group);

  // Around each scan: begin_scan takes the budgets afresh (RLIMIT_NOFILE may have changed);
  // end_scan closes the files of tasks the scan did not read, and files past the budget or
  // of a group that saves less than another that wanted the room.
  void begin_scan();
  void end_scan();

  // Reads dirfd/path, the `group` file of the task (tid, kind): from its kept descriptor
  // with pread at 0; else opened and kept where the budget allows; else opened, read and
  // closed. A kept descriptor whose task is gone (ESRCH) is closed with the task's other
  // kept files, and the path opened afresh: the pid may name another task now.
  procfs::ReadStatus read(pid_t tid, RowKind kind, Group group, int dirfd, const char* path,
                          procfs::FileReader& reader, std::string_view& text, procfs::FileEnd end);

  const KeptFileStats& stats() const { return stats_; }

 private:
  static constexpr std::size_t kGroups = 3;
  struct Entry {
    pid_t tid = 0;
    RowKind kind = RowKind::Process;
    bool used = false;
    std::uint32_t seen = 0;  // the scan that last read the task
    std::array<int, kGroups> fds{-1, -1, -1};
  };

  static std::size_t slot_of(Group group);
  std::size_t home(pid_t tid, RowKind kind) const;
  Entry* find(pid_t tid, RowKind kind);
  Entry& insert(pid_t tid, RowKind kind);
  void rehash(std::size_t capacity);
  bool may_keep(std::size_t slot);
  bool raise_descriptor_limit();
  void take_descriptor_budget();
  void close_file(Entry& entry, std::size_t slot);
  void close_all(Entry& entry);

  std::vector<Entry> entries_;  // a power of two, at most half used
  std::vector<Entry> spare_;    // rehash's target, kept for its memory
  std::size_t used_ = 0;
  std::uint32_t scan_ = 0;

  std::size_t memory_limit_;      // files the kernel memory budget allows
  std::size_t descriptor_limit_;  // files the descriptor budget allows
  // Descriptors left for the caller below the soft RLIMIT_NOFILE; grows when an open meets
  // EMFILE (the caller holds more than we thought).
  std::size_t reserve_;
  bool raise_tried_ = false;
  std::array<std::size_t, kGroups> kept_per_group_{};
  // Files wanted per group in this scan, and how many each group may keep: everything
  // while all wanted files fit, else the budget in order of what a kept file saves.
  std::array<std::size_t, kGroups> wanted_{};
  std::array<std::size_t, kGroups> cap_;
  KeptFileStats stats_;
};

}  // namespace procscan

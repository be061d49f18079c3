// Reads the sections of one task (its cwd and root, its exe and mappings, its descriptors)
// relative to the task's directory fd, doing only the reads the query's groups ask for.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "files/fd_listing.h"
#include "files/result_builder.h"
#include "procfs/file_reader.h"
#include "procscan/open_files.h"
#include "taskdiag/file_records.h"
#include "taskdiag/vma_records.h"
#include "util/unique_fd.h"

namespace procscan::files {

class TaskReader {
 public:
  // The query's groups and the choices that narrow them.
  TaskReader(const OpenFilesQuery& query, OpenFilesBuilder& out);

  // Whether the query reads the section at all.
  bool wants(FileSection section) const;

  // Each appends the section's rows to the result and sets `rows`. They return false when a
  // read failed in a way that says the task itself is gone (the caller checks and drops it).
  bool read_fs(int task_dirfd, SectionRows& rows);
  // `mappings`: the task's records of a BPF task_vma dump, used for the mem rows unless a
  // mapped file's name is missing there (then maps is read); null: maps is read.
  bool read_vm(int task_dirfd, SectionRows& rows, int& maps_errno,
               const std::vector<taskdiag::VmaRecord>* mappings = nullptr);
  bool read_fds(int task_dirfd, SectionRows& rows, int& fd_dir_errno);
  // The descriptors from a BPF task_file dump's records (in fd order): each group filled
  // from the record where it gives what procfs would, else read from procfs for that file
  // (fd/ and fdinfo/ opened only then). Never reports the task gone: the dump saw it.
  void read_fds_bpf(int task_dirfd, std::span<const taskdiag::FileRecord> records,
                    SectionRows& rows);

 private:
  // A cwd, root or exe row: readlink and stat of the named link, as asked.
  bool read_special(int task_dirfd, const char* link, FileSlot slot);
  void read_maps(int task_dirfd, int& maps_errno, bool& gone);
  // The mem rows of maps text (procfs's, or written from VMA records).
  void add_maps_rows(std::string_view text);
  void read_fd(int fd_dirfd, int fdinfo_dirfd, int fdinfo_dir_errno, int fd);
  void read_link(OpenFile& file, int fd_dirfd, const char* name);
  void read_link_mode(OpenFile& file, int fd_dirfd, const char* name);
  void read_fdinfo(OpenFile& file, int fdinfo_dirfd, int fdinfo_dir_errno, const char* name);
  void fill_from_record(OpenFile& file, const taskdiag::FileRecord& record, int task_dirfd);
  void fill_target(OpenFile& file, int dirfd, const char* path, int flags);
  // Whether the file's name (link text or maps path) lies under an exempt prefix.
  bool stat_exempt(const OpenFile& file) const;

  FileGroups groups_;
  std::vector<std::string> stat_exempt_prefixes_;
  bool fdinfo_of_regular_files_ = true;
  bool fdinfo_of_pipes_and_sockets_ = true;
  bool sockets_only_ = false;
  OpenFilesBuilder& out_;
  procfs::FileReader reader_;
  FdLister lister_;
  std::vector<int> fds_;
  std::string maps_text_;  // maps lines written from VMA records
  // fd/ and fdinfo/ of the task whose BPF records are being completed: opened at the first
  // file that needs procfs, -1 before; the open's errno when it failed.
  struct LazyDir {
    UniqueFd fd;
    int error = -1;
  };
  LazyDir bpf_fd_dir_, bpf_fdinfo_dir_;
  int lazy_dir(LazyDir& dir, int task_dirfd, const char* name);
  struct DevIno {
    std::uint64_t dev, ino;
    bool operator==(const DevIno&) const = default;
  };
  struct DevInoHash {
    std::size_t operator()(const DevIno& k) const { return k.dev * 0x9e3779b97f4a7c15ULL ^ k.ino; }
  };
  std::unordered_set<DevIno, DevInoHash> seen_maps_;
  // stat(2) of each mapped path met so far in this scan (add_maps_rows).
  struct MappedStat {
    FileStat target;
    int target_errno;
  };
  std::unordered_map<std::string, MappedStat> mapped_stats_;
};

}  // namespace procscan::files

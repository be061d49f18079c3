// Open files of processes and threads: the second query kind beside tasks (what tdlsof
// prints). A query names the processes, whether their threads are wanted, and the groups of
// data to read; only those groups are read, and what each cost is counted. Failures of one
// file (a link the caller may not read, a target that vanished) are data in the file's row;
// a task that vanished is left out; only a proc root that cannot be opened throws.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "procscan/backend_choice.h"

namespace procscan {

// The unit of cost: each group is one kind of read per file (or per task), done only when
// asked for.
enum class FileGroup : std::uint8_t {
  Fds,         // getdents64 of fd/: the numbered descriptors (the listing lsof walks)
  CwdRootExe,  // the cwd, rtd and txt rows (with Link and Target: readlink and stat of each)
  Maps,        // one read of maps: mem and DEL rows (device, inode, path, deleted)
  Link,        // readlinkat of each fd/N (and of cwd, root, exe): the kernel's name for it
  LinkMode,    // the r/w bits of each fd/N link lsof's mode shows: fstatat(AT_SYMLINK_NOFOLLOW),
               // or fdinfo's flags when FdInfo reads the file anyway (no second call)
  Target,      // fstatat of each fd/N, cwd, root, exe (following) and stat of mapped paths
  FdInfo,      // one read of fdinfo/N per descriptor: pos, flags, mnt_id, kind details
  Count,
};

struct FileGroupInfo {
  FileGroup group;
  const char* name;    // for --debug and tests
  const char* source;  // what procfs reads for it
};

inline constexpr FileGroupInfo kFileGroupTable[] = {
    {FileGroup::Fds, "fds", "getdents64 of PID/fd"},
    {FileGroup::CwdRootExe, "cwd_root_exe", "the PID/cwd, PID/root and PID/exe rows"},
    {FileGroup::Maps, "maps", "read of PID/maps"},
    {FileGroup::Link, "link", "readlinkat of PID/fd/N, cwd, root, exe"},
    {FileGroup::LinkMode, "link_mode", "fstatat(AT_SYMLINK_NOFOLLOW) of PID/fd/N"},
    {FileGroup::Target, "target", "fstatat of PID/fd/N, cwd, root, exe; stat of mapped paths"},
    {FileGroup::FdInfo, "fdinfo", "read of PID/fdinfo/N"},
};
static_assert(std::size(kFileGroupTable) == static_cast<std::size_t>(FileGroup::Count));
constexpr bool file_group_table_in_order() {
  for (std::size_t i = 0; i < std::size(kFileGroupTable); ++i)
    if (static_cast<std::size_t>(kFileGroupTable[i].group) != i) return false;
  return true;
}
static_assert(file_group_table_in_order(), "kFileGroupTable row i must describe group i");

class FileGroups {
 public:
  constexpr FileGroups() = default;
  constexpr FileGroups(std::initializer_list<FileGroup> groups) {
    for (FileGroup g : groups)
      add(g);
  }
  constexpr FileGroups& add(FileGroup g) {
    bits_ |= 1u << static_cast<unsigned>(g);
    return *this;
  }
  constexpr bool has(FileGroup g) const { return bits_ & (1u << static_cast<unsigned>(g)); }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  std::uint32_t bits_ = 0;
};

struct OpenFilesQuery {
  std::string proc_root = "/proc";  // a captured tree in tests
  std::vector<pid_t> pids;          // empty: every process of the proc root; else just these
                                    // (read without listing the proc root, in this order)
  bool threads = false;             // also the non-leader threads (lsof's task rows)
  FileGroups groups;
  // kcmp(2) against the leader, so that threads sharing its tables are not read again.
  // Only used on a mounted procfs (a captured tree's pids are not live); without it, or when
  // the kernel refuses, every thread's own directory is read.
  bool use_kcmp = true;
  // Where the numbered descriptors come from. Bpf: one dump of the BPF task_file iterator
  // (of every process, or of each listed pid when fewer than 32) replaces the per-descriptor reads
  // of fd/N and fdinfo/N, which is what creates a proc dentry per descriptor (and one of task_vma
  // the reads of maps, with the Maps group); what the dump cannot
  // give as procfs would is read from procfs for those files only (src/files/README.md).
  // Auto takes Bpf for whole-machine queries (or 32 pids or more) where loading the programs pays
  // off (2,000 open files on the machine or more), and PROCSCAN_BACKEND overrides Auto. BPF that
  // cannot serve (no support, no CAP_BPF, a proc root that is not the caller's live one, a caller
  // that procfs would refuse some descriptors, a failed dump) falls back to procfs, never an error;
  // TaskDiag (no open files in task_diag) is procfs. The result says which served.
  BackendChoice source = BackendChoice::Auto;
  // File systems not to stat(2) (lsof's -e/+e: a hung NFS server would hang the scan): a
  // row whose link text, or maps path, starts with one of these gets no LinkMode and no
  // Target step (their errno stays -1, as for a step not asked for). Compared byte for
  // byte, as lsof compares them.
  std::vector<std::string> stat_exempt_prefixes;
  // false: a descriptor naming a path whose target is a regular file or a directory gets
  // no FdInfo step (its errno stays -1; LinkMode then comes from lstat). What lsof reads
  // fdinfo for there -- the offset with -o, the flags with +f -- is then not needed; for
  // everything else (devices, pipes, sockets, anonymous inodes) fdinfo is read as asked.
  bool fdinfo_of_regular_files = true;
  // false: pipes and sockets ("pipe:[N]", "socket:[N]") get no FdInfo step either: their
  // offset is always 0 (neither seeks), so only their flags would be lost.
  bool fdinfo_of_pipes_and_sockets = true;
  // true: only descriptors whose link names a socket ("socket:[N]") get the LinkMode,
  // Target and FdInfo steps; the others keep their link text alone (a caller that lists
  // sockets only, as `lsof -i` does, needs nothing more of them).
  bool sockets_only = false;
};

// What a row stands for: lsof's FD column before the mode (DEL is a Mem row with deleted).
// Mem rows hold each mapped (device, inode) once, the executable's mapping included: lsof
// leaves out the one matching txt's stat, which is the caller's to compare.
enum class FileSlot : std::uint8_t { Cwd, Root, Exe, Mem, Fd };

// The parts of stat(2) lsof shows.
struct FileStat {
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
  std::uint64_t size = 0;
  std::uint64_t rdev = 0;
  std::uint32_t mode = 0;  // type and permission bits; type 0 for anonymous inodes
  std::uint32_t nlink = 0;
};

// What /proc/PID/fdinfo/N says; `has_*` for lines that were there.
struct FdInfo {
  std::uint64_t pos = 0;
  std::uint32_t flags = 0;  // O_* bits (the file's f_flags, with O_CLOEXEC from the table)
  int mnt_id = -1;
  std::uint64_t ino = 0;  // "ino:" (Linux 5.14+), 0 when absent
  int eventfd_id = -1;    // "eventfd-id:" of an eventfd (5.2+)
  int pidfd_pid = -1;     // "Pid:" of a pidfd (-1 also for a pidfd of a reaped process)
  int tty_index = -1;     // "tty-index:" of /dev/ptmx
  bool has_pos = false;
  bool has_flags = false;
  std::uint32_t first_tfd = 0;  // into OpenFilesResult::epoll_tfds(): an epoll's "tfd:" fds
  std::uint32_t tfd_count = 0;
};

// One row. Every step is a group: a step not asked for has errno -1 and no data; a step that
// failed keeps its errno (EACCES, ENOENT...) and leaves its data zero. When the link could
// not be read, LinkMode and Target are not tried and carry the link's errno.
struct OpenFile {
  FileSlot slot = FileSlot::Fd;
  bool deleted = false;  // Mem rows: maps said " (deleted)" (lsof's DEL); the path lacks it
  int fd = -1;           // Fd rows
  std::uint32_t name_offset = 0;  // into OpenFilesResult::text(): the link text (Mem rows:
  std::uint32_t name_length = 0;  // the path from maps)
  int link_errno = -1;
  int link_mode_errno = -1;
  int target_errno = -1;
  int fdinfo_errno = -1;
  std::uint32_t link_mode = 0;  // st_mode of the fd/N link: S_IRUSR/S_IWUSR mirror r/w
  std::uint64_t link_size = 0;  // st_size of the fd/N link (LinkMode group)
  FileStat target;              // Mem rows with Maps only: dev and ino from maps, mode S_IFREG
  std::uint64_t map_dev = 0;    // Mem rows: device and inode as maps says (lsof compares them
  std::uint64_t map_ino = 0;    // with the stat of the path)
  FdInfo fdinfo;

  bool has_link() const { return link_errno == 0; }
  bool has_link_mode() const { return link_mode_errno == 0; }
  bool has_target() const { return target_errno == 0; }
  bool has_fdinfo() const { return fdinfo_errno == 0; }
};

// A task's rows come in three sections, each read by the task or shared with its leader.
enum class FileSection : std::uint8_t {
  Fs,   // cwd, rtd: the fs_struct (kcmp KCMP_FS)
  Vm,   // txt, mem: the mm (kcmp KCMP_VM)
  Fds,  // numbered descriptors: the files_struct (kcmp KCMP_FILES)
  Count,
};

enum class Sharing : std::uint8_t {
  Own,           // read from the task's own directory (the leader; or kcmp said different)
  SharesLeader,  // kcmp said the leader's: the rows are the leader's, not read again
  Unknown,       // kcmp not allowed or absent: read from the task's own directory
};

struct SectionRows {
  std::uint32_t first = 0;  // the task's own rows in OpenFilesResult::files()
  std::uint32_t count = 0;
  Sharing sharing = Sharing::Own;
};

struct TaskFiles {
  pid_t tgid = 0;
  pid_t tid = 0;             // == tgid for the process (leader) row
  std::uint32_t leader = 0;  // index in tasks() of the leader's entry (itself for a leader)
  std::array<SectionRows, static_cast<std::size_t>(FileSection::Count)> sections{};
  // Opening fd/ failed (lsof's NOFD row), or reading maps did; 0 when fine or not asked. A
  // thread sharing the section has its leader's.
  int fd_dir_errno = 0;
  int maps_errno = 0;
  bool is_thread() const { return tid != tgid; }
  bool shares_leader(FileSection s) const {
    return sections[static_cast<std::size_t>(s)].sharing == Sharing::SharesLeader;
  }
  bool shares_leader_files() const { return shares_leader(FileSection::Fds); }
};

// What a query cost.
struct OpenFilesStats {
  // System calls per group: fd listings (getdents64 calls), readlinks, stats, fdinfo reads,
  // maps reads (read calls), and the opens each needed.
  std::array<std::uint64_t, static_cast<std::size_t>(FileGroup::Count)> reads{};
  std::uint64_t task_dirs_opened = 0;  // PID and task/TID directories
  std::uint64_t thread_listings = 0;   // task/ directories listed
  std::uint64_t kcmp_calls = 0;
  std::uint64_t sections_shared = 0;  // sections not read because kcmp said shared
  std::uint64_t vanished = 0;         // tasks that went away mid-scan (left out)
  // The BPF source: iterator dumps run, Fd rows built from them, and the procfs reads
  // those rows still needed (also counted in `reads`: names d_path could not give, stat of
  // files on file systems whose getattr() is their own, fdinfo of eventfd, pidfd, epoll and
  // ptmx files for their kind lines).
  std::uint64_t bpf_dumps = 0;
  std::uint64_t bpf_rows = 0;
  std::uint64_t bpf_completions = 0;
  std::uint64_t bpf_maps = 0;  // processes whose mem/DEL rows came from the task_vma dump
  std::uint64_t reads_of(FileGroup g) const { return reads[static_cast<std::size_t>(g)]; }
};

class OpenFilesResult {
 public:
  // Processes in pid order (all of the proc root) or in the order of the query's pids,
  // each followed by its threads in task/ order when threads were asked for.
  const std::vector<TaskFiles>& tasks() const { return tasks_; }
  // A task's rows of one section: its own, or its leader's when it shares them.
  std::span<const OpenFile> rows(const TaskFiles& task, FileSection section) const;
  std::string_view name(const OpenFile& file) const {
    return std::string_view(text_).substr(file.name_offset, file.name_length);
  }
  std::span<const int> tfds(const FdInfo& info) const {
    return std::span<const int>(epoll_tfds_).subspan(info.first_tfd, info.tfd_count);
  }
  const std::vector<OpenFile>& files() const { return files_; }
  const OpenFilesStats& stats() const { return stats_; }
  // What served the descriptors: "procfs" or "bpf", and why, in one line (for --debug).
  std::string_view source() const { return source_; }
  const std::string& source_reason() const { return source_reason_; }

 private:
  friend class OpenFilesBuilder;
  std::vector<TaskFiles> tasks_;
  std::vector<OpenFile> files_;
  std::string text_;
  std::vector<int> epoll_tfds_;
  OpenFilesStats stats_;
  std::string_view source_ = "procfs";
  std::string source_reason_;
};

// Reads the open files the query asks for (from procfs, descriptors perhaps from BPF).
// Throws FatalScanError when the proc root cannot be opened or PROCSCAN_BACKEND names no
// backend; everything else is data.
OpenFilesResult scan_open_files(const OpenFilesQuery& query);

}  // namespace procscan

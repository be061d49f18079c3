// A process's command line read straight from its memory (process_vm_readv), by the rules
// the kernel's /proc/PID/cmdline follows (get_mm_cmdline in fs/proc/base.c). The scan reads
// stat anyway for most formats, and stat gives the argv and environment addresses: one
// syscall then replaces the open, read and close of cmdline, and the kernel neither looks
// up nor allocates that file's dentry and inode.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace procscan::procfs {

// /proc/PID/stat fields 48 to 51. The kernel shows them only to readers that may ptrace
// the task, and as 0 for tasks without memory.
struct CmdlineArea {
  std::uint64_t arg_start = 0;
  std::uint64_t arg_end = 0;
  std::uint64_t env_start = 0;
  std::uint64_t env_end = 0;
};

// The area from a stat text; nullopt when the fields are missing or env_end is 0 (hidden
// from this reader, no memory, or a process too young to have a command line): the file
// then knows better.
std::optional<CmdlineArea> parse_stat_cmdline_area(std::string_view stat_text);

// Copies `length` bytes at `address` of the task into `out`; returns how many it copied
// (fewer where a page cannot be read), or -1 with errno set.
class TaskMemory {
 public:
  virtual ~TaskMemory() = default;
  virtual long read(std::uint64_t address, std::size_t length, char* out) = 0;
};

// What reading /proc/PID/cmdline would return, built in `buffer`: the argv area when its
// last byte is a NUL; otherwise (setproctitle) the first string of the page at arg_start,
// with its NUL, and no further than env_end. nullopt where the memory cannot be read as the
// kernel would read it (an error, a short copy): the caller then reads the file.
std::optional<std::string_view> cmdline_from_memory(const CmdlineArea& area, TaskMemory& memory,
                                                    std::size_t page_size, std::string& buffer);

// TaskMemory of a live process by process_vm_readv, which needs the same ptrace access
// as the stat fields above (and, for non-root callers, what Yama's ptrace_scope allows).
class ProcessMemory final : public TaskMemory {
 public:
  explicit ProcessMemory(pid_t pid) : pid_(pid) {}
  long read(std::uint64_t address, std::size_t length, char* out) override;

 private:
  pid_t pid_;
};

}  // namespace procscan::procfs

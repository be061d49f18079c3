// The descriptors of a BPF task_file dump, by task: what the open-files query's BPF source
// reads instead of each fd/N and fdinfo/N (src/bpf/task_file.bpf.c writes them).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "taskdiag/decoder.h"
#include "taskdiag/file_records.h"
#include "taskdiag/transport.h"

namespace procscan::files {

class BpfFdTable {
 public:
  // Runs one dump of every process (`pids` empty) or one of each listed pid (a pid that
  // is gone is left out: procfs finds it gone too). False with `why` when a dump fails or
  // does not decode; `dumps` counts the dumps run.
  bool load(taskdiag::Transport& transport, const std::vector<pid_t>& pids, std::string& why,
            std::uint64_t& dumps);

  // The open files of task `tid` in fd order, when the dump listed a table under it: a
  // process's leader, or a thread whose table is not its leader's (the kernel's iterator
  // skips threads that share it). False when the dump has nothing for the task: no table
  // of its own, no descriptors, or a task the iterator does not show.
  bool files_of(pid_t tid, std::vector<taskdiag::FileRecord>& out) const;

 private:
  bool keep(const taskdiag::DumpDecoder& decoder, std::string& why);

  // One decoder per dump: the records' names point into its arena.
  std::vector<std::unique_ptr<taskdiag::DumpDecoder>> decoders_;
  struct Where {
    std::uint32_t decoder;
    std::uint32_t task;
  };
  std::unordered_map<pid_t, Where> tasks_;
};

}  // namespace procscan::files

// The records of BPF side dumps, by task: the task_file dump's descriptors, which the
// open-files query's BPF source reads instead of each fd/N and fdinfo/N
// (src/bpf/task_file.bpf.c), and the task_vma dump's mappings instead of maps
// (src/bpf/task_vma.bpf.c).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "taskdiag/decoder.h"
#include "taskdiag/file_records.h"
#include "taskdiag/transport.h"
#include "taskdiag/vma_records.h"

namespace procscan::files {

class BpfFdTable {
 public:
  // Runs one dump of `attribute` (ExtFile or Vma) of every process (`pids` empty) or one of
  // each listed pid (a pid that is gone is left out: procfs finds it gone too). False with
  // `why` when a dump fails or does not decode; `dumps` counts the dumps run.
  bool load(taskdiag::Transport& transport, taskdiag::Attribute attribute,
            const std::vector<pid_t>& pids, std::string& why, std::uint64_t& dumps);

  // The open files of task `tid` in fd order, when the dump listed a table under it: a
  // process's leader, or a thread whose table is not its leader's (the kernel's iterator
  // skips threads that share it). False when the dump has nothing for the task: no table
  // of its own, no descriptors, or a task the iterator does not show.
  bool files_of(pid_t tid, std::vector<taskdiag::FileRecord>& out) const;
  // The mappings of task `tid` in address order, when the VMA dump listed them under it.
  bool mappings_of(pid_t tid, std::vector<taskdiag::VmaRecord>& out) const;

 private:
  bool keep(const taskdiag::DumpDecoder& decoder, std::string& why);
  std::optional<std::span<const std::byte>> payload_of(pid_t tid) const;

  // One decoder per dump: the records' names point into its arena.
  std::vector<std::unique_ptr<taskdiag::DumpDecoder>> decoders_;
  struct Where {
    std::uint32_t decoder;
    std::uint32_t task;
  };
  std::unordered_map<pid_t, Where> tasks_;
  taskdiag::Attribute attribute_ = taskdiag::Attribute::ExtFile;
};

}  // namespace procscan::files

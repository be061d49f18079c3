#include "files/bpf_fd_table.h"

#include <algorithm>
#include <cerrno>

#include "taskdiag/dump_reader.h"
#include "taskdiag/request.h"

namespace procscan::files {

bool BpfFdTable::load(taskdiag::Transport& transport, const std::vector<pid_t>& pids,
                      std::string& why, std::uint64_t& dumps) {
  using taskdiag::DumpStrategy;
  std::vector<std::byte> buffer;
  auto run = [&](DumpStrategy strategy, pid_t pid) {
    taskdiag::Request request;
    request.show_flags = TASK_DIAG_SHOW(TASK_DIAG_EXT_FILE);
    request.strategy = strategy;
    request.pid = pid;
    auto decoder = std::make_unique<taskdiag::DumpDecoder>();
    const taskdiag::DumpRun dump = taskdiag::run_dump(transport, request, *decoder, buffer);
    ++dumps;
    if (dump.status == taskdiag::DumpStatus::Failed && dump.error_number == ESRCH &&
        strategy == DumpStrategy::One)
      return true;
    if (dump.status != taskdiag::DumpStatus::Ok) {
      why = "task_file dump: " + dump.why;
      return false;
    }
    if (!keep(*decoder, why)) return false;
    decoders_.push_back(std::move(decoder));
    return true;
  };
  if (pids.empty()) return run(DumpStrategy::All, 0);
  for (pid_t pid : pids)
    if (!run(DumpStrategy::One, pid)) return false;
  return true;
}

bool BpfFdTable::keep(const taskdiag::DumpDecoder& decoder, std::string& why) {
  const auto index = static_cast<std::uint32_t>(decoders_.size());
  const auto& tasks = decoder.tasks();
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].incomplete) {
      why = "task_file dump ended inside pid " + std::to_string(tasks[i].pid);
      return false;
    }
    tasks_[static_cast<pid_t>(tasks[i].pid)] = {index, static_cast<std::uint32_t>(i)};
  }
  return true;
}

bool BpfFdTable::files_of(pid_t tid, std::vector<taskdiag::FileRecord>& out) const {
  out.clear();
  const auto found = tasks_.find(tid);
  if (found == tasks_.end()) return false;
  const taskdiag::DumpDecoder& decoder = *decoders_[found->second.decoder];
  const auto payload =
      decoder.payload(decoder.tasks()[found->second.task], taskdiag::Attribute::ExtFile);
  if (!payload) return false;
  taskdiag::FileReader reader(*payload);  // checked by the decoder as it kept the payload
  while (auto record = reader.next())
    out.push_back(*record);
  // The iterator walks the table upwards; procfs lists it sorted, and so do we.
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.header.fd < b.header.fd; });
  return true;
}

}  // namespace procscan::files

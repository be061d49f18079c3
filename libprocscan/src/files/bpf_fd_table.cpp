#include "files/bpf_fd_table.h"

#include <algorithm>
#include <cerrno>

#include "taskdiag/dump_reader.h"
#include "taskdiag/request.h"

namespace procscan::files {

bool BpfFdTable::load(taskdiag::Transport& transport, taskdiag::Attribute attribute,
                      const std::vector<pid_t>& pids, std::string& why, std::uint64_t& dumps) {
  attribute_ = attribute;
  using taskdiag::DumpStrategy;
  std::vector<std::byte> buffer;
  auto run = [&](DumpStrategy strategy, pid_t pid) {
    taskdiag::Request request;
    request.show_flags = taskdiag::show_bit(attribute);
    request.strategy = strategy;
    request.pid = pid;
    auto decoder = std::make_unique<taskdiag::DumpDecoder>();
    const taskdiag::DumpRun dump = taskdiag::run_dump(transport, request, *decoder, buffer);
    ++dumps;
    if (dump.status == taskdiag::DumpStatus::Failed && dump.error_number == ESRCH &&
        strategy == DumpStrategy::One)
      return true;
    if (dump.status != taskdiag::DumpStatus::Ok) {
      why = std::string(taskdiag::info(attribute).name) + " dump: " + dump.why;
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
      why = "the dump ended inside pid " + std::to_string(tasks[i].pid);
      return false;
    }
    tasks_[static_cast<pid_t>(tasks[i].pid)] = {index, static_cast<std::uint32_t>(i)};
  }
  return true;
}

std::optional<std::span<const std::byte>> BpfFdTable::payload_of(pid_t tid) const {
  const auto found = tasks_.find(tid);
  if (found == tasks_.end()) return std::nullopt;
  const taskdiag::DumpDecoder& decoder = *decoders_[found->second.decoder];
  return decoder.payload(decoder.tasks()[found->second.task], attribute_);
}

bool BpfFdTable::files_of(pid_t tid, std::vector<taskdiag::FileRecord>& out) const {
  out.clear();
  const auto payload = payload_of(tid);
  if (!payload) return false;
  taskdiag::FileReader reader(*payload);  // checked by the decoder as it kept the payload
  while (auto record = reader.next())
    out.push_back(*record);
  // The iterator walks the table upwards; procfs lists it sorted, and so do we.
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.header.fd < b.header.fd; });
  return true;
}

bool BpfFdTable::mappings_of(pid_t tid, std::vector<taskdiag::VmaRecord>& out) const {
  out.clear();
  const auto payload = payload_of(tid);
  if (!payload) return false;
  taskdiag::VmaReader reader(*payload);
  while (auto record = reader.next())
    out.push_back(*record);
  return true;
}

}  // namespace procscan::files

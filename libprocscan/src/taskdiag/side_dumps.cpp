#include "taskdiag/side_dumps.h"

#include "taskdiag/decoder.h"
#include "taskdiag/dump_reader.h"
#include "taskdiag/file_records.h"
#include "taskdiag/request.h"
#include "taskdiag/vma_records.h"

namespace procscan::taskdiag {

namespace {

// Runs a DUMP_ONE of `attribute` for `pid` and returns the records' payload of the process
// (continuations concatenated by the decoder); an empty payload when it has none.
template <typename Fill>
bool run_side_dump(Transport& transport, pid_t pid, Attribute attribute, std::string& why,
                   Fill fill) {
  if (!(transport.attributes() & show_bit(attribute))) {
    why = std::string(transport.name()) + " does not serve " + std::string(info(attribute).name);
    return false;
  }
  Request request;
  request.show_flags = show_bit(attribute);
  request.strategy = DumpStrategy::One;
  request.pid = pid;
  DumpDecoder decoder;
  std::vector<std::byte> buffer;
  const DumpRun run = run_dump(transport, request, decoder, buffer);
  if (run.status != DumpStatus::Ok) {
    why = run.why;
    return false;
  }
  for (const TaskEntry& task : decoder.tasks()) {
    if (task.tgid != static_cast<std::uint32_t>(pid)) continue;
    if (task.incomplete) {
      why = "the dump ended inside pid " + std::to_string(pid);
      return false;
    }
    if (auto payload = decoder.payload(task, attribute)) fill(*payload);
  }
  return true;
}

}  // namespace

std::optional<std::vector<Mapping>> read_mappings(Transport& transport, pid_t pid,
                                                  std::string& why) {
  std::vector<Mapping> mappings;
  const bool ok = run_side_dump(transport, pid, Attribute::Vma, why, [&](auto payload) {
    VmaReader reader(payload);
    while (auto record = reader.next())
      mappings.push_back({record->header, std::string(record->name)});
  });
  if (!ok) return std::nullopt;
  return mappings;
}

std::optional<std::vector<OpenFile>> read_open_files(Transport& transport, pid_t pid,
                                                     std::string& why) {
  std::vector<OpenFile> files;
  const bool ok = run_side_dump(transport, pid, Attribute::ExtFile, why, [&](auto payload) {
    FileReader reader(payload);
    while (auto record = reader.next())
      files.push_back({record->header, std::string(record->name), record->stat});
  });
  if (!ok) return std::nullopt;
  return files;
}

}  // namespace procscan::taskdiag

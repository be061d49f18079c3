// Feeds each input to the task_diag stream decoder, split into reads at a point the input's
// first byte chooses, then walks every decoded task: each attribute payload, every VMA
// and EXT_FILE record, and the field map into a table holding every field.
#include <cstddef>
#include <cstdint>
#include <span>

#include "procscan/task_table.h"
#include "taskdiag/decoder.h"
#include "taskdiag/field_map.h"
#include "taskdiag/file_records.h"
#include "taskdiag/vma_records.h"

using namespace procscan;
using namespace procscan::taskdiag;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t split = size > 1 ? data[0] % size : 0;
  const auto bytes =
      std::span<const std::byte>(reinterpret_cast<const std::byte*>(data) + 1, size - 1);
  DumpDecoder decoder;
  const bool ok = decoder.feed(bytes.first(split > 0 ? split - 1 : 0)) &&
                  decoder.feed(bytes.subspan(split > 0 ? split - 1 : 0));
  if (!ok && !decoder.error()) __builtin_trap();
  decoder.finish();

  FieldSet all;
  for (const auto& row : kFieldTable)
    all.add(row.field);
  TaskTable table(all);
  for (const TaskEntry& task : decoder.tasks()) {
    for (std::size_t a = 0; a < kAttributeCount; ++a)
      if (auto payload = decoder.payload(task, static_cast<Attribute>(a)))
        for (std::byte b : *payload)
          (void)b;
    if (auto vma = decoder.payload(task, Attribute::Vma)) {
      VmaReader reader(*vma);
      while (auto record = reader.next())
        if (record->name.size() > vma->size()) __builtin_trap();
    }
    if (auto files = decoder.payload(task, Attribute::ExtFile)) {
      FileReader reader(*files);
      while (auto record = reader.next())
        if (record->name.size() + sizeof record->header > files->size()) __builtin_trap();
    }
    table.begin_row(RowKind::Process);
    fill_fields(decoder, task, ~std::uint64_t{0}, 4096, table);
    table.commit_row();
  }
  for (std::size_t row = 0; row < table.size(); ++row)
    for (const auto& info : kFieldTable)
      if (info.type == ValueType::String) (void)table[row].str(info.field).size();
  return 0;
}

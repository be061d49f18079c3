// libFuzzer target: the same bytes go to every /proc text parser (stat, status, statm, io,
// autogroup, smaps_rollup, the one-number files), then every field is read
// back, so the sanitizers see each parser's reads and each value the table hands out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "procfs/parsers.h"
#include "procscan/field_set.h"
#include "procscan/task_table.h"

namespace {

using namespace procscan;

FieldSet all_fields() {
  FieldSet fields;
  for (const auto& row : kFieldTable)
    fields.add(row.field);
  return fields;
}

// Aborts so that libFuzzer records the input; plain assert() vanishes under NDEBUG.
void require(bool condition) {
  if (!condition) std::abort();
}

bool is_clean_id_list(std::string_view list) {
  if (list.empty()) return true;
  if (list.front() == ' ' || list.back() == ' ') return false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    if (c == ' ' ? list[i + 1] == ' ' : (c < '0' || c > '9')) return false;
  }
  return true;
}

std::uint64_t read_back(const TaskRef& row, std::string_view input) {
  std::uint64_t sum = 0;
  for (const auto& info : kFieldTable) {
    if (!row.has(info.field)) continue;
    switch (info.type) {
      case ValueType::U64:
        sum += row.u64(info.field);
        break;
      case ValueType::I64:
        sum += static_cast<std::uint64_t>(row.i64(info.field));
        break;
      case ValueType::String: {
        const std::string_view s = row.str(info.field);
        require(s.size() <= input.size());
        for (char c : s)
          sum += static_cast<unsigned char>(c);
        break;
      }
    }
  }
  if (row.has(Field::State)) require(row.u64(Field::State) <= 0xff);
  if (row.has(Field::RssPages))
    require(row.u64(Field::RssPages) <= std::uint64_t{std::numeric_limits<std::int64_t>::max()});
  if (row.has(Field::Comm)) require(row.str(Field::Comm).size() + 2 <= input.size());
  if (row.has(Field::SupGroups)) require(is_clean_id_list(row.str(Field::SupGroups)));
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static TaskTable table(all_fields());
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  table.clear();
  for (auto parse : {procfs::parse_stat, procfs::parse_status, procfs::parse_statm,
                     procfs::parse_io, procfs::parse_autogroup, procfs::parse_smaps_rollup}) {
    table.begin_row(RowKind::Process);
    parse(input, table);
    table.commit_row();
  }
  for (Field number : {Field::OomScore, Field::OomScoreAdj, Field::LoginUid}) {
    table.begin_row(RowKind::Process);
    procfs::parse_single_number(input, number, table);
    table.commit_row();
  }
  static volatile std::uint64_t sink;
  for (std::size_t i = 0; i < table.size(); ++i)
    sink = sink + read_back(table[i], input);

  if (auto tgid = procfs::parse_status_tgid(input)) sink = sink + *tgid;
  if (auto inode = procfs::parse_ns_link(input)) {
    require(input.size() >= 4 && input.back() == ']');
    sink = sink + *inode;
  }
  return 0;
}

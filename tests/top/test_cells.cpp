// Field printers on a task row made by hand: what top shows for given /proc values.
#include <catch2/catch.hpp>

#include "cells.h"
#include "procscan/task_table.h"

using namespace td::top;
using procscan::Field;

namespace {

struct Row {
  procscan::TaskTable table;
  explicit Row(std::initializer_list<std::pair<Field, std::uint64_t>> values)
      : table([&] {
          procscan::FieldSet fields;
          for (const auto& [field, value] : values)
            fields.add(field);
          return fields;
        }()) {
    table.begin_row(procscan::RowKind::Process);
    for (const auto& [field, value] : values)
      table.set_u64(field, value);
    table.commit_row();
  }
  TaskView view(std::uint32_t cpu_ticks = 0) const { return {table[0], cpu_ticks}; }
};

std::string print(FieldId id, const TaskView& view, const FrameFacts& frame, int width = 0) {
  CellContext ctx;
  ctx.frame = &frame;
  NameCaches names;
  ctx.names = &names;
  ctx.width = width ? width : field_spec(id).width;
  ctx.right = field_spec(id).justify == Justify::Number;
  std::string out;
  field_spec(id).print(ctx, view, out);
  return out;
}

}  // namespace

TEST_CASE("%CPU: ticks of the interval, capped per thread and by the CPUs", "[cells][cpu]") {
  const Row row{{Field::Utime, 300}, {Field::Stime, 20}, {Field::NumThreads, 1}};
  FrameFacts frame;
  // 0.15 s on one CPU at 100 ticks a second (top's first frame): 8 ticks are 53.3%.
  frame.cpu_scale = 100.0f / (100.0f * 0.15f * 1);
  frame.cpu_max = 200.0f;  // Irix mode on two CPUs
  CHECK(print(FieldId::Cpu, row.view(8), frame) == " 53.3 ");
  CHECK(print(FieldId::Cpu, row.view(0), frame) == "  0.0 ");
  // One thread can use one CPU at most, and no task more than all of them.
  CHECK(print(FieldId::Cpu, row.view(40), frame) == "100.0 ");
  const Row busy{{Field::NumThreads, 8}};
  CHECK(print(FieldId::Cpu, busy.view(400), frame) == "200.0 ");
  frame.cpu_max = 99.9f;  // Solaris mode
  CHECK(print(FieldId::Cpu, busy.view(400), frame) == " 99.9 ");
}

TEST_CASE("times, memory and priorities", "[cells]") {
  const Row row{{Field::Utime, 480},
                {Field::Stime, 9},
                {Field::StatmSize, 26091},
                {Field::StatmResident, 3302},
                {Field::Priority, static_cast<std::uint64_t>(-100)},
                {Field::Nice, static_cast<std::uint64_t>(-5)},
                {Field::StartTime, 360000}};
  FrameFacts frame;
  frame.mem_total_kib = 24683724;
  frame.boot_ticks = 370000;
  CHECK(print(FieldId::TimePlus, row.view(), frame) == "  0:04.89 ");
  CHECK(print(FieldId::Time, row.view(), frame) == "  0:04 ");
  CHECK(print(FieldId::Virt, row.view(), frame) == " 104364 ");  // statm pages, 4 KiB each
  CHECK(print(FieldId::Res, row.view(), frame) == " 13208 ");
  CHECK(print(FieldId::Mem, row.view(), frame) == "  0.1 ");
  CHECK(print(FieldId::Priority, row.view(), frame) == " rt ");
  CHECK(print(FieldId::Nice, row.view(), frame) == " -5 ");
  CHECK(print(FieldId::Started, row.view(), frame) == "  60:00 ");
  CHECK(print(FieldId::Elapsed, row.view(), frame) == "   0,01 ");  // H,MM
  frame.task_scale = 1;                                             // -e m
  CHECK(print(FieldId::Virt, row.view(), frame) == " 101.9m ");
}

TEST_CASE("ids as C ints: a login uid that is unset shows -1", "[cells]") {
  const Row row{{Field::LoginUid, 4294967295u}, {Field::Tpgid, static_cast<std::uint64_t>(-1)}};
  FrameFacts frame;
  CHECK(print(FieldId::LoginId, row.view(), frame) == "   -1 ");
  CHECK(print(FieldId::Tpgid, row.view(), frame, 5) == "   -1 ");
  const Row missing{{Field::AutogroupId, 0}};
  CHECK(print(FieldId::AutogroupId, missing.view(), frame) == "    0 ");
}

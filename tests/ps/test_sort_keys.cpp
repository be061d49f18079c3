// Sort keys as procps-ng 4.0.2 applies them: the key functions, the sort cells of the column
// table, the keys ps accepts but does not apply, and BSD O key lists.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "columns.h"
#include "command_line.h"
#include "format_tables.h"
#include "ordering.h"
#include "sort_keys.h"

using namespace td::ps;
using procscan::Field;
using procscan::FieldSet;
using procscan::RowKind;
using procscan::TaskTable;

namespace {

constexpr std::uint64_t kHertz = 100;

struct Cpu {
  std::uint64_t tid;
  std::uint64_t start_ticks;
  std::uint64_t own_ticks;
  std::uint64_t children_ticks = 0;
  std::uint64_t policy = 0;
  std::uint64_t vsize = 0;
};

TaskTable table_of(const std::vector<Cpu>& tasks) {
  TaskTable table(FieldSet{Field::Tgid, Field::Tid, Field::Utime, Field::Stime, Field::Cutime,
                           Field::Cstime, Field::StartTime, Field::Policy, Field::Vsize});
  for (const Cpu& t : tasks) {
    table.begin_row(RowKind::Process);
    table.set_u64(Field::Tgid, t.tid);
    table.set_u64(Field::Tid, t.tid);
    // Split as the kernel might; only the sum counts.
    table.set_u64(Field::Utime, t.own_ticks - t.own_ticks / 3);
    table.set_u64(Field::Stime, t.own_ticks / 3);
    table.set_u64(Field::Cutime, t.children_ticks);
    table.set_u64(Field::Cstime, 0);
    table.set_u64(Field::StartTime, t.start_ticks);
    table.set_u64(Field::Policy, t.policy);
    table.set_u64(Field::Vsize, t.vsize);
    table.commit_row();
  }
  return table;
}

// A machine up for 1000 s.
PrintContext context(bool include_dead_children = false) {
  PrintContext ctx;
  ctx.text = td::common::TextMode{true, true};
  ctx.system.hertz = static_cast<long>(kHertz);
  ctx.system.boot_ticks = 1000 * kHertz;
  ctx.modes.include_dead_children = include_dead_children;
  return ctx;
}

SortKeyFunction key_of(std::string_view spec) {
  return find_column(spec)->sort.key;
}

int compare(SortKeyFunction key, const PrintContext& ctx, const TaskTable& table, std::size_t a,
            std::size_t b) {
  return compare_sort_values(key(ctx, table[a]), key(ctx, table[b]));
}

// The tids in the order --sort gives them, for a plan of columns and keys.
std::string sorted_tids(const TaskTable& table, const FormatPlan& plan) {
  std::vector<PendingLine> lines;
  for (std::size_t row = 0; row < table.size(); ++row)
    lines.push_back({row, LineMask::Whole, {}});
  order_lines(lines, table, plan, 0, context());
  std::string out;
  for (const PendingLine& line : lines) {
    if (!out.empty()) out.push_back(' ');
    out += std::to_string(table[line.row].u64(Field::Tid));
  }
  return out;
}

FormatPlan plan(std::vector<std::string_view> columns, std::vector<SortKey> sort) {
  FormatPlan out;
  for (std::string_view spec : columns)
    out.columns.push_back({find_column(spec), std::string(spec), 0});
  out.sort = std::move(sort);
  return out;
}

SortKey by(std::string_view spec, bool descending = false) {
  return {find_column(spec), descending};
}

// The sort keys a command line gives: spec, '-' when descending, '!' when unordered.
std::string sort_list(std::vector<std::string_view> args) {
  InvocationEnvironment env;
  env.pid_width = 5;
  env.screen_cols = 80;
  Invocation invocation;
  const std::string error = parse_command_line(args, env, invocation);
  if (!error.empty()) return "error: " + error;
  std::string out;
  for (const SortKey& key : invocation.format.sort) {
    if (!out.empty()) out.push_back(',');
    if (!key.ordered) out.push_back('!');
    if (key.descending) out.push_back('-');
    out += key.spec->spec;
  }
  return out;
}

}  // namespace

TEST_CASE("CPU-share keys sort on libproc2's exact UTILIZATION", "[sort_keys]") {
  const TaskTable table = table_of({
      {1, 0, 0},                  // idle since boot
      {2, 0, 20},                 // 20 ticks in 1000 s: 0.02 %, printed 0.0
      {3, 996 * kHertz, 35},      // 35 ticks in its first 4 s: 8.75 %
      {4, 999 * kHertz + 60, 35}  // busy for 0.4 s: 87.5 %, not yet a whole second old
  });
  const PrintContext ctx = context();
  CHECK(sort_cpu_share(ctx, table[3]).real_value == Approx(87.5));
  CHECK(sort_cpu_share(ctx, table[1]).real_value == Approx(0.02));
  for (std::string_view spec : {"%cpu", "pcpu", "c", "cp", "util", "cuu"}) {
    INFO(spec);
    SortKeyFunction key = key_of(spec);
    CHECK(key == &sort_cpu_share);
    // The young busy task outranks the older one, and a share that prints as 0.0 is
    // still above none.
    CHECK(compare(key, ctx, table, 3, 2) > 0);
    CHECK(compare(key, ctx, table, 1, 0) > 0);
    CHECK(sorted_tids(table, plan({"pid", std::string_view(spec)}, {by(spec, true)})) == "4 3 2 1");
  }
  // BSD O C is pcpu.
  CHECK(find_short_sort_key('C') == "pcpu");
}

TEST_CASE("a task started after the uptime reading has no CPU share", "[sort_keys]") {
  const TaskTable table = table_of({{1, 1000 * kHertz, 3}, {2, 1000 * kHertz + 5, 3}});
  CHECK(sort_cpu_share(context(), table[0]).real_value == 0.0);
  CHECK(sort_cpu_share(context(), table[1]).real_value == 0.0);
}

TEST_CASE("CPU-share keys ignore S; cuc counts waited-for children", "[sort_keys]") {
  const TaskTable table = table_of({{1, 0, 10}, {2, 0, 0, 500}});
  for (bool cumulative : {false, true}) {
    const PrintContext ctx = context(cumulative);
    CHECK(compare(key_of("pcpu"), ctx, table, 0, 1) > 0);
    CHECK(compare(key_of("cuc"), ctx, table, 1, 0) > 0);
  }
  CHECK(key_of("cuc") == &sort_cpu_share_with_children);
  CHECK(sort_cpu_share_with_children(context(), table[1]).real_value == Approx(0.5));
}

TEST_CASE("scheduling class keys sort by the policy number", "[sort_keys]") {
  // TS 0, FF 1, RR 2, B 3, IDL 5, listed in an order their letters would not keep.
  const TaskTable table = table_of(
      {{1, 0, 0, 0, 3}, {2, 0, 0, 0, 5}, {3, 0, 0, 0, 1}, {4, 0, 0, 0, 0}, {5, 0, 0, 0, 2}});
  for (std::string_view spec : {"cls", "class", "policy", "sched"}) {
    INFO(spec);
    CHECK(sorted_tids(table, plan({"pid", spec}, {by(spec)})) == "4 3 5 1 2");
    CHECK(sorted_tids(table, plan({"pid", spec}, {by(spec, true)})) == "2 1 5 3 4");
  }
}

TEST_CASE("terminal names compare as versions, other texts with strcoll", "[sort_keys]") {
  const SortValue pts9 = text_sort_value("pts/9", SortValue::Kind::Version);
  const SortValue pts10 = text_sort_value("pts/10", SortValue::Kind::Version);
  CHECK(compare_sort_values(pts9, pts10) < 0);
  CHECK(compare_sort_values(text_sort_value("pts/9"), text_sort_value("pts/10")) > 0);
  for (std::string_view spec : {"tty", "tt", "tty8", "tname", "longtname", "tty4"})
    CHECK(key_of(spec) == &sort_tty_name);
}

TEST_CASE("keys ps accepts but never applies", "[sort_keys]") {
  for (std::string_view spec : {"utime", "cutime", "resident", "m_resident", "m_share", "vm_exe",
                                "vm_lib", "environ", "_left", "acflag", "addr", "cpu"}) {
    INFO(spec);
    const ColumnSpec& column = *find_column(spec);
    CHECK(column.sort.unapplied);
    StackItems everything;
    for (const ColumnSpec& other : all_columns())
      everything.add(other.stacks);
    CHECK(applied_sort_rule(column, everything) == nullptr);
  }
  // vm_lock's item, VM_RSS_LOCKED, is always on ps' stack (STAT needs it).
  CHECK(applied_sort_rule(*find_column("vm_lock"), {}) != nullptr);
}

TEST_CASE("keys that apply only beside a column that stacks their item", "[sort_keys]") {
  struct Case {
    std::string_view key, without, with;
  };
  for (const Case& c :
       {Case{"vsize", "vsz", "drs"}, Case{"vsize", "pid", "size"}, Case{"vsize", "tty", "m_size"},
        Case{"fgid", "fgid", "f"}, Case{"tty4", "tty4", "tty"}, Case{"end_code", "m_size", "trs"},
        Case{"start_code", "size", "tsiz"}, Case{"vm_data", "drs", "size"},
        Case{"vm_stack", "vsize", "size"}}) {
    INFO(c.key << " without " << c.without << ", with " << c.with);
    const ColumnSpec& key = *find_column(c.key);
    CHECK(applied_sort_rule(key, find_column(c.without)->stacks) == nullptr);
    CHECK(applied_sort_rule(key, find_column(c.with)->stacks) == &key.sort);
  }
  // In a plan: shown or sorted on, either stacks the item.
  const TaskTable table =
      table_of({{1, 0, 0, 0, 0, 300}, {2, 0, 0, 0, 0, 100}, {3, 0, 0, 0, 0, 200}});
  CHECK(sorted_tids(table, plan({"pid", "vsz"}, {by("vsize")})) == "1 2 3");
  CHECK(sorted_tids(table, plan({"pid", "drs"}, {by("vsize")})) == "2 3 1");
  CHECK(sorted_tids(table, plan({"pid"}, {by("vsize"), by("drs", true)})) == "2 3 1");
  CHECK(sorted_tids(table, plan({"pid"}, {by("drs", true)})) == "1 3 2");
}

TEST_CASE("BSD O: order 0 after the first key, and a stop at J or K", "[sort_keys]") {
  CHECK(sort_list({"O", "Ur"}) == "uid,!rss");
  CHECK(sort_list({"O", "U-r+p"}) == "uid,-rss,pid");
  CHECK(sort_list({"O", "-pr"}) == "-pid,!rss");
  CHECK(sort_list({"O", "pJr"}) == "pid");
  CHECK(sort_list({"O", "-pK-r"}) == "-pid");
  CHECK(sort_list({"O", "J"}).empty());
  CHECK(sort_list({"--sort=-vsize,tty4"}) == "-vsize,tty4");
  // An unordered key sorts nothing, yet its printer still stacks its items.
  const TaskTable table =
      table_of({{1, 0, 0, 0, 0, 300}, {2, 0, 0, 0, 0, 100}, {3, 0, 0, 0, 0, 200}});
  FormatPlan unordered = plan({"pid"}, {by("vsize"), by("drs", true)});
  unordered.sort[1].ordered = false;
  CHECK(sorted_tids(table, unordered) == "2 3 1");
  unordered.sort[0].ordered = false;
  CHECK(sorted_tids(table, unordered) == "1 2 3");
}

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "procscan/task_table.h"

using namespace procscan;
using namespace std::string_literals;
using namespace std::string_view_literals;

TEST_CASE("a task table holds only the requested fields", "[task_table]") {
  TaskTable table(FieldSet{Field::Tgid, Field::Comm, Field::Cmdline});
  table.begin_row(RowKind::Process);
  table.set_u64(Field::Tgid, 7);
  table.set_str(Field::Comm, "sh");
  table.set_u64(Field::Ppid, 1);  // not requested: ignored
  table.commit_row();

  REQUIRE(table.size() == 1);
  const TaskRef row = table[0];
  CHECK(row.kind() == RowKind::Process);
  CHECK(row.u64(Field::Tgid) == 7);
  CHECK(row.str(Field::Comm) == "sh");
  CHECK_FALSE(row.has(Field::Ppid));
  CHECK_FALSE(row.has(Field::Cmdline));  // requested but never set: unavailable
  CHECK(row.str(Field::Cmdline).empty());
  CHECK(row.u64(Field::Ppid, 99) == 99);
}

TEST_CASE("strings keep NUL bytes and any length", "[task_table]") {
  TaskTable table(FieldSet{Field::Cmdline});
  std::string big(300000, 'x');
  big[10] = '\0';
  table.begin_row(RowKind::Process);
  table.set_str(Field::Cmdline, big);
  table.commit_row();
  CHECK(table[0].str(Field::Cmdline) == big);
}

TEST_CASE("a discarded row leaves no trace", "[task_table]") {
  TaskTable table(FieldSet{Field::Tgid, Field::Comm});
  table.begin_row(RowKind::Process);
  table.set_u64(Field::Tgid, 1);
  table.set_str(Field::Comm, "first");
  table.commit_row();
  table.begin_row(RowKind::Thread);
  table.set_u64(Field::Tgid, 2);
  table.set_str(Field::Comm, "vanished");
  table.discard_row();
  table.begin_row(RowKind::Thread);
  table.set_u64(Field::Tgid, 3);
  table.commit_row();

  REQUIRE(table.size() == 2);
  CHECK(table[0].str(Field::Comm) == "first");
  CHECK(table[1].u64(Field::Tgid) == 3);
  CHECK(table[1].kind() == RowKind::Thread);
  CHECK_FALSE(table[1].has(Field::Comm));
}

TEST_CASE("a copied table has its own strings", "[task_table]") {
  TaskTable table(FieldSet{Field::Tgid, Field::Comm});
  table.begin_row(RowKind::Process);
  table.set_u64(Field::Tgid, 1);
  table.set_str(Field::Comm, "first");
  table.commit_row();
  TaskTable copy = table;
  table.clear();
  table.begin_row(RowKind::Process);
  table.set_str(Field::Comm, "other");
  table.commit_row();
  REQUIRE(copy.size() == 1);
  CHECK(copy[0].str(Field::Comm) == "first");
  CHECK(copy[0].u64(Field::Tgid) == 1);
  copy = table;
  CHECK(copy[0].str(Field::Comm) == "other");
  CHECK_FALSE(copy[0].has(Field::Tgid));
}

TEST_CASE("signed values round-trip", "[task_table]") {
  TaskTable table(FieldSet{Field::Nice, Field::Tpgid});
  table.begin_row(RowKind::Process);
  table.set_i64(Field::Nice, -20);
  table.set_i64(Field::Tpgid, -1);
  table.commit_row();
  CHECK(table[0].i64(Field::Nice) == -20);
  CHECK(table[0].i64(Field::Tpgid) == -1);
}

TEST_CASE("appending a table moves its strings along", "[task_table]") {
  const FieldSet fields{Field::Tgid, Field::Comm};
  TaskTable a(fields), b(fields);
  for (auto [table, pid, name] : {std::tuple{&a, 1, "one"}, std::tuple{&b, 2, "two"}}) {
    table->begin_row(RowKind::Process);
    table->set_u64(Field::Tgid, pid);
    table->set_str(Field::Comm, name);
    table->commit_row();
  }
  a.append(b);
  REQUIRE(a.size() == 2);
  CHECK(a[0].str(Field::Comm) == "one");
  CHECK(a[1].str(Field::Comm) == "two");
  CHECK(a[1].u64(Field::Tgid) == 2);
}

TEST_CASE("more than 64 fields get their own availability bits", "[task_table]") {
  FieldSet all;
  for (const auto& row : kFieldTable)
    all.add(row.field);
  TaskTable table(all);
  table.begin_row(RowKind::Process);
  table.set_str(Field::Exe, "/bin/true");
  table.set_u64(Field::UtsNs, 5);
  table.commit_row();
  CHECK(table[0].str(Field::Exe) == "/bin/true");
  CHECK(table[0].u64(Field::UtsNs) == 5);
  CHECK_FALSE(table[0].has(Field::Tgid));
  CHECK_FALSE(table[0].has(Field::NetNs));
}

TEST_CASE("appending some rows copies just those, strings included", "[task_table]") {
  const FieldSet fields{Field::Tgid, Field::Comm, Field::Cmdline};
  TaskTable from(fields), to(fields);
  for (int pid = 1; pid <= 3; ++pid) {
    from.begin_row(RowKind::Process);
    from.set_u64(Field::Tgid, pid);
    from.set_str(Field::Comm, "comm" + std::to_string(pid));
    if (pid != 2) from.set_str(Field::Cmdline, std::string("arg\0x", 5));
    from.commit_row();
  }
  to.begin_row(RowKind::Thread);
  to.set_str(Field::Comm, "first");
  to.commit_row();
  to.append_rows(from, 1, 2);
  REQUIRE(to.size() == 3);
  CHECK(to[0].str(Field::Comm) == "first");
  CHECK(to[1].u64(Field::Tgid) == 2);
  CHECK(to[1].str(Field::Comm) == "comm2");
  CHECK_FALSE(to[1].has(Field::Cmdline));
  CHECK(to[2].str(Field::Comm) == "comm3");
  CHECK(to[2].str(Field::Cmdline) == std::string_view("arg\0x", 5));
  CHECK(to[2].kind() == RowKind::Process);
}

TEST_CASE("rows repeating the string of the row before share its bytes", "[task_table]") {
  TaskTable table(FieldSet{Field::Tid, Field::Comm, Field::Cmdline});
  auto add = [&](std::uint64_t tid, std::string_view comm, std::string_view cmdline) {
    table.begin_row(RowKind::Thread);
    table.set_u64(Field::Tid, tid);
    table.set_str(Field::Comm, comm);
    if (!cmdline.empty()) table.set_str(Field::Cmdline, cmdline);
    table.commit_row();
  };
  add(1, "worker", "worker --flag\0x"s);
  add(2, "worker", "worker --flag\0x"s);
  add(3, "worker", "worker --flag\0y"s);  // same length, other bytes
  add(4, "work", "");                     // unset: the next row has none to share
  add(5, "worker", "worker --flag\0y"s);
  table.begin_row(RowKind::Thread);
  table.set_str(Field::Cmdline, "worker --flag\0y"s);
  table.discard_row();
  add(6, "worker", "worker --flag\0y"s);
  REQUIRE(table.size() == 6);
  const std::string_view expected[] = {"worker --flag\0x"sv, "worker --flag\0x"sv,
                                       "worker --flag\0y"sv, ""sv,
                                       "worker --flag\0y"sv, "worker --flag\0y"sv};
  for (std::size_t r = 0; r < 6; ++r) {
    INFO("row " << r);
    CHECK(table[r].str(Field::Cmdline) == expected[r]);
    CHECK(table[r].has(Field::Cmdline) == !expected[r].empty());
  }
  CHECK(table[3].str(Field::Comm) == "work");
  // Shared: rows 0 and 1 (and 4 and 5) point at the same bytes; row 2 has its own.
  CHECK(table[0].str(Field::Cmdline).data() == table[1].str(Field::Cmdline).data());
  CHECK(table[4].str(Field::Cmdline).data() == table[5].str(Field::Cmdline).data());
  CHECK(table[1].str(Field::Cmdline).data() != table[2].str(Field::Cmdline).data());
  // Copied elsewhere, each row still reads its own text.
  TaskTable copy(FieldSet{Field::Tid, Field::Comm, Field::Cmdline});
  copy.append_rows(table, 0, table.size());
  for (std::size_t r = 0; r < 6; ++r)
    CHECK(copy[r].str(Field::Cmdline) == expected[r]);
}

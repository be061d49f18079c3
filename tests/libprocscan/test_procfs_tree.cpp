// The procfs backend on a hand-made /proc tree (tests/data/proc-tree, see its NOTES.md).
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "procscan/scanner.h"
#include "procscan/system_info.h"

using namespace procscan;
using namespace std::string_literals;

namespace {

std::string tree() {
  return std::string(TESTS_DATA_DIR) + "/proc-tree";
}

Scanner procfs_scanner() {
  ScannerOptions options;
  options.backend = BackendChoice::Procfs;
  options.proc_root = tree();
  return Scanner(options);
}

std::map<std::uint64_t, std::size_t> rows_by_tid(const TaskTable& table) {
  std::map<std::uint64_t, std::size_t> rows;
  for (std::size_t i = 0; i < table.size(); ++i)
    rows[table[i].u64(Field::Tid)] = i;
  return rows;
}

}  // namespace

TEST_CASE("a process listing reads the files its fields need", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.fields = FieldSet{Field::Tgid,    Field::Tid,   Field::Comm, Field::State,
                          Field::Cmdline, Field::TtyNr, Field::Utime};
  const TaskTable table = scanner.scan(query);
  CHECK(scanner.backend_name() == "procfs");
  CHECK(scanner.last_stats().vanished == 1);  // 77

  const auto rows = rows_by_tid(table);
  REQUIRE(rows.count(1));
  REQUIRE(rows.count(2));
  REQUIRE(rows.count(42));
  REQUIRE(rows.count(100));
  CHECK_FALSE(rows.count(77));

  const TaskRef init = table[rows.at(1)];
  CHECK(init.kind() == RowKind::Process);
  CHECK(init.str(Field::Comm) == "init");
  CHECK(init.u64(Field::State) == 'S');
  CHECK(init.str(Field::Cmdline) == "/sbin/init\0splash\0"s);
  CHECK(init.u64(Field::Utime) == 150);

  const TaskRef kthread = table[rows.at(2)];
  CHECK(kthread.has(Field::Cmdline));
  CHECK(kthread.str(Field::Cmdline).empty());

  const TaskRef zombie = table[rows.at(42)];
  CHECK(zombie.str(Field::Comm) == "a) b (c\nd");
  CHECK(zombie.u64(Field::State) == 'Z');

  const TaskRef worker = table[rows.at(100)];
  CHECK(worker.u64(Field::TtyNr) == 34816);
}

TEST_CASE("a file the task lacks leaves its field unavailable, not the task", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Exe, Field::Euid, Field::VmRss};
  const TaskTable table = scanner.scan(query);
  const auto rows = rows_by_tid(table);
  REQUIRE(rows.count(1));
  const TaskRef init = table[rows.at(1)];
  CHECK_FALSE(init.has(Field::Exe));  // no exe link in the tree
  CHECK(init.u64(Field::Euid) == 0);
  CHECK(init.u64(Field::VmRss) == 9128);
  const TaskRef kthread = table[rows.at(2)];
  CHECK(kthread.has(Field::Euid));
  CHECK_FALSE(kthread.has(Field::VmRss));  // kernel threads have no Vm lines
}

TEST_CASE("threads come from task/ and read per-thread files", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.scope = Scope::Threads;
  query.pid_list_only = true;
  query.pids = {100};
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Utime, Field::NumThreads};
  const TaskTable table = scanner.scan(query);
  REQUIRE(table.size() == 2);
  CHECK(table[0].kind() == RowKind::Thread);
  CHECK(table[0].u64(Field::Tgid) == 100);
  CHECK(table[0].u64(Field::Tid) == 100);
  CHECK(table[1].u64(Field::Tid) == 101);
  CHECK(table[0].u64(Field::Utime) == 7);  // per thread, not the process total of 14
  CHECK(table[1].u64(Field::NumThreads) == 2);
}

TEST_CASE("processes and threads: the process row, then its other threads", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.scope = Scope::ProcessesAndThreads;
  query.pid_list_only = true;
  query.pids = {100};
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Utime, Field::Cmdline};
  const TaskTable table = scanner.scan(query);
  // The process row stands for the leader: task/100 is not read at all.
  REQUIRE(table.size() == 2);
  CHECK(table[0].kind() == RowKind::Process);
  CHECK(table[0].u64(Field::Tid) == 100);
  CHECK(table[0].u64(Field::Utime) == 14);
  CHECK(table[1].kind() == RowKind::Thread);
  CHECK(table[1].u64(Field::Tid) == 101);
  CHECK(table[1].u64(Field::Utime) == 7);
  // The group's command line comes from the leader (task/101 has no cmdline file).
  CHECK(table[1].str(Field::Cmdline) == "worker\0--flag\0"s);
  CHECK(scanner.last_stats().reads[static_cast<std::size_t>(Group::Stat)] == 2);
  CHECK(scanner.last_stats().reads[static_cast<std::size_t>(Group::Cmdline)] == 1);
}

TEST_CASE("a pid list reads just those pids, leaders only, sorted and once", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.pid_list_only = true;
  query.pids = {42, 300, 1, 42, 9999, -3, 77};
  query.fields = FieldSet{Field::Tgid, Field::Comm};
  const TaskTable table = scanner.scan(query);
  REQUIRE(table.size() == 2);  // 300 is not a leader, 9999 does not exist, 77 vanished
  CHECK(table[0].u64(Field::Tgid) == 1);
  CHECK(table[1].u64(Field::Tgid) == 42);
}

TEST_CASE("streaming sees every row once", "[procfs]") {
  Scanner scanner = procfs_scanner();
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Comm};
  std::vector<std::string> comms;
  scanner.scan(query, [&](const TaskRef& row) { comms.emplace_back(row.str(Field::Comm)); });
  CHECK(comms.size() == scanner.last_stats().rows);
  CHECK(std::find(comms.begin(), comms.end(), "kthreadd") != comms.end());
}

TEST_CASE("system facts come from the same root", "[system]") {
  SystemInfo info(tree());
  CHECK(info.pid_max() == 32768);
  CHECK(info.boot_time() == 1763784475);
  CHECK(info.mem_total_kib() == 24579688);
  CHECK(info.uptime_seconds() == Approx(530.25));
  CHECK(info.own_tty() == 0);  // the tree has no self/
}

TEST_CASE("a missing proc root is fatal", "[procfs]") {
  ScannerOptions options;
  options.proc_root = "/nonexistent/proc";
  Scanner scanner(options);
  CHECK_THROWS_AS(scanner.scan(Query{}), FatalScanError);
}

TEST_CASE("backends the build lacks are refused, not faked", "[scanner]") {
  // BPF is in builds that found clang, bpftool and libbpf, and serves root there: the diff
  // suite's ps-bpf-vs-procfs covers it.
  for (auto choice : {BackendChoice::TaskDiag}) {
    ScannerOptions options;
    options.backend = choice;
    options.proc_root = tree();
    Scanner scanner(options);
    CHECK_THROWS_AS(scanner.scan(Query{}), FatalScanError);
  }
  BackendChoice choice{};
  CHECK(parse_backend_choice("taskdiag", choice));
  CHECK(choice == BackendChoice::TaskDiag);
  CHECK_FALSE(parse_backend_choice("fast", choice));
}

TEST_CASE("the planner reads only the groups the fields need", "[procfs][planner]") {
  auto reads_for = [](const FieldSet& fields, Scope scope = Scope::Processes) {
    Scanner scanner = procfs_scanner();
    Query query;
    query.fields = fields;
    query.scope = scope;
    scanner.scan(query);
    return scanner.last_stats().reads;
  };
  auto at = [](const auto& reads, Group g) { return reads[static_cast<std::size_t>(g)]; };

  // `ps -eo pid,comm`: the listing and stat, nothing else.
  const auto comm = reads_for(FieldSet{Field::Tgid, Field::Comm});
  CHECK(at(comm, Group::Stat) == 6);  // 1 2 42 77 100 300: one stat each, none twice
  CHECK(at(comm, Group::Status) == 0);
  CHECK(at(comm, Group::Cmdline) == 0);

  // Ids alone cost no file at all.
  const auto ids = reads_for(FieldSet{Field::Tgid, Field::Tid});
  for (std::size_t g = 0; g < kGroupCount; ++g)
    CHECK(ids[g] == 0);

  // `ps aux` needs stat, status (euid, VmLck for the L flag) and cmdline, and not environ.
  const auto aux = reads_for(FieldSet{Field::Tgid, Field::Euid, Field::Cmdline, Field::Utime});
  CHECK(at(aux, Group::Status) > 0);
  CHECK(at(aux, Group::Cmdline) > 0);
  CHECK(at(aux, Group::Environ) == 0);
}

TEST_CASE("two scanning threads read the tree as one does", "[procfs][threads]") {
  for (Scope scope : {Scope::Processes, Scope::ProcessesAndThreads, Scope::Threads}) {
    Query query;
    query.scope = scope;
    query.fields = FieldSet{Field::Tgid,  Field::Tid,  Field::Comm, Field::Cmdline,
                            Field::Utime, Field::Euid, Field::VmRss};
    auto rows = [&](unsigned threads) {
      ScannerOptions options;
      options.backend = BackendChoice::Procfs;
      options.proc_root = tree();
      options.threads = threads;
      Scanner scanner(options);
      const TaskTable table = scanner.scan(query);
      std::vector<std::string> out;
      for (std::size_t i = 0; i < table.size(); ++i) {
        const TaskRef row = table[i];
        out.push_back(
            std::to_string(row.u64(Field::Tid)) + "|" + std::string(row.str(Field::Comm)) + "|" +
            std::string(row.str(Field::Cmdline)) + "|" + std::to_string(row.u64(Field::Utime)) +
            "|" + std::to_string(row.u64(Field::Euid, 999)) + "|" +
            std::to_string(row.u64(Field::VmRss, 999)));
      }
      return out;
    };
    const auto serial = rows(1);
    CHECK(serial.size() >= 2);  // only 100 has a task/ listing
    CHECK(rows(2) == serial);
  }
}
